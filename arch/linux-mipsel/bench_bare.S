/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `syscall` with the number in v0, without the raw layer's a3 fold. long
   sp_bare_getppid_loop(unsigned long n), n >= 1 in a0, returns the last result (v0).
   o32: the kernel's return path reloads only v0-a3, t9, gp, sp and ra (RESTORE_SOME,
   arch/mips/include/asm/stackframe.h), so at, v1, t0-t8 and hi/lo may come back changed
   and the count lives in s0 ($16), saved on the stack (8 bytes keep o32's alignment).
   getppid takes no argument, so nothing goes to 16($sp); v0 is reloaded every time since
   it carries the result back. noreorder: the branch and return delay slots are filled by
   hand. */
#include "target.h"
	.text
	.set noreorder
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
	.ent sp_bare_getppid_loop
sp_bare_getppid_loop:
	addiu  $sp, $sp, -8
	sw     $16, 0($sp)
	move   $16, $4
1:	li     $2, SP_NR_getppid
	syscall
	addiu  $16, $16, -1
	bnez   $16, 1b
	nop
	lw     $16, 0($sp)
	jr     $31
	addiu  $sp, $sp, 8
	.end sp_bare_getppid_loop
	.set reorder
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
