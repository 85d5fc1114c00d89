/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `svc #0` with the number in x8. long sp_bare_getppid_loop(unsigned long n), n >= 1 in x0,
   returns the last result. The kernel preserves every register but x0, so the count lives
   in x9 (a temporary in AAPCS64). */
#include "target.h"
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, %function
sp_bare_getppid_loop:
	mov  x9, x0
1:	mov  x8, #SP_NR_getppid
	svc  #0
	subs x9, x9, #1
	b.ne 1b
	ret
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", %progbits
