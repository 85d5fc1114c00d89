/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times `sc`
   with the number in r0, without the raw layer's cr0.SO test. long
   sp_bare_getppid_loop(unsigned long n), n >= 1 in r3, returns the last result.
   Documentation/powerpc/syscall64-abi.rst: r0, r3-r12, ctr, xer and cr0 are volatile
   across `sc`, so the count lives in r31 (non-volatile), saved in the ELFv2 red zone below
   r1, which a leaf function may use and which the kernel leaves alone. */
#include "target.h"
	.abiversion 2
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
sp_bare_getppid_loop:
	std    31, -8(1)
	mr     31, 3
1:	li     0, SP_NR_getppid
	sc
	addic. 31, 31, -1
	bne    1b
	ld     31, -8(1)
	blr
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
