/* Process entry for Linux mips64el, n64: sp points at argc, argv[], NULL, envp[].
   The project builds raw MIPS code with -mno-abicalls -fno-pic -G0, so no $gp has to be
   set up here: every address is formed absolutely. n64 needs no argument home area. */
	.text
	.set noreorder
	.globl _start
	.type _start, @function
_start:
	move  $a0, $sp
	li    $t0, -16
	and   $sp, $sp, $t0
	move  $ra, $zero
	jal   sp_start_c
	nop
	break
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
