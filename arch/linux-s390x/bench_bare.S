/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times `svc 0`
   with the number in r1, the raw layer's form. long sp_bare_getppid_loop(unsigned long n),
   n >= 1 in r2, returns the last result. The kernel preserves every register but r2, so
   the count lives in r3 and brctg counts it down. */
#include "target.h"
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
sp_bare_getppid_loop:
	lgr   %r3, %r2
1:	lghi  %r1, SP_NR_getppid
	svc   0
	brctg %r3, 1b
	br    %r14
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
