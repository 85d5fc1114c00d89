/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `syscall` with the number in v0, without the raw layer's a3 fold. long
   sp_bare_getppid_loop(unsigned long n), n >= 1 in a0, returns the last result (v0).
   The kernel may clobber the temporaries ($10-$15, $24, $25) and at, v1, a3, so the count
   lives in s0 ($16), saved on the stack. `li v0, nr` stays right before `syscall`: the
   kernel restarts an interrupted call by backing up to that instruction. noreorder: the
   branch and return delay slots are filled by hand. */
#include "target.h"
	.text
	.set noreorder
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
	.ent sp_bare_getppid_loop
sp_bare_getppid_loop:
	daddiu $sp, $sp, -16
	sd     $16, 0($sp)
	move   $16, $4
1:	li     $2, SP_NR_getppid
	syscall
	daddiu $16, $16, -1
	bnez   $16, 1b
	nop
	ld     $16, 0($sp)
	jr     $31
	daddiu $sp, $sp, 16
	.end sp_bare_getppid_loop
	.set reorder
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
