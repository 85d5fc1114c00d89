/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `svc #0` with the number in r7 (EABI). long sp_bare_getppid_loop(unsigned long n), n >= 1
   in r0, returns the last result. ARM state, as the raw backend is built (-marm: r7 is
   Thumb's frame pointer); r4 and r7 are callee-saved in AAPCS and pushed as a pair to keep
   the stack 8-byte aligned. The kernel preserves every register but r0. */
#include "target.h"
	.syntax unified
	.arm
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, %function
sp_bare_getppid_loop:
	push {r4, r7}
	mov  r4, r0
1:	mov  r7, #SP_NR_getppid
	svc  #0
	subs r4, r4, #1
	bne  1b
	pop  {r4, r7}
	bx   lr
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", %progbits
