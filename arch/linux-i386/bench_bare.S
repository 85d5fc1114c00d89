/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `int $0x80` with the number in place. long sp_bare_getppid_loop(unsigned long n), n >= 1
   on the stack, returns the last result. int $0x80 preserves every register but eax, so the
   count lives in ecx (caller-saved in the i386 psABI). */
#include "target.h"
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
sp_bare_getppid_loop:
	mov  4(%esp), %ecx
1:	mov  $SP_NR_getppid, %eax
	int  $0x80
	dec  %ecx
	jnz  1b
	ret
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
