/* The bare trap, for comparison with the raw layer (raw_getppid): n times `svc #0x80` with
   the number in x16, without the raw layer's carry test. long sp_bare_getppid_loop(unsigned
   long n), n >= 1 in x0, returns the last result. XNU returns results in x0 and x1 and
   restores the other registers from the saved state, so the count lives in x9. */
#include "target.h"
	.text
	.globl _sp_bare_getppid_loop
	.p2align 2
_sp_bare_getppid_loop:
	mov  x9, x0
1:	mov  x16, #SP_NR_getppid
	svc  #0x80
	subs x9, x9, #1
	b.ne 1b
	ret
