/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `ecall` with the number in a7. long sp_bare_getppid_loop(unsigned long n), n >= 1 in a0,
   returns the last result. The kernel preserves every register but a0, so the count lives
   in t0. */
#include "target.h"
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
sp_bare_getppid_loop:
	mv   t0, a0
1:	li   a7, SP_NR_getppid
	ecall
	addi t0, t0, -1
	bnez t0, 1b
	ret
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
