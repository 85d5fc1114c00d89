/* Process entry for Linux mipsel, o32: sp points at argc, argv[], NULL, envp[].
   The project builds raw MIPS code with -mno-abicalls -fno-pic -G0, so no $gp has to be
   set up here: every address is formed absolutely. o32 wants an 8-byte aligned stack
   (16 here) and a caller that reserves 16 bytes of argument save area at the bottom of
   its frame, where the callee may spill a0-a3: without that reserve sp_start_c could store
   its argument over argc, which it is about to read through that very pointer. */
	.text
	.set noreorder
	.globl _start
	.type _start, @function
	.ent _start
_start:
	move  $a0, $sp
	li    $t0, -16
	and   $sp, $sp, $t0
	addiu $sp, $sp, -16
	jal   sp_start_c
	nop
	break
	.end _start
	.set reorder
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
