/* The bare trap, for comparison with the raw layer (rungs.h raw_getppid): n times
   `syscall` with the number in place, nothing else. long sp_bare_getppid_loop(unsigned long n),
   n >= 1 in rdi, returns the last result. The kernel preserves rdi; `syscall` itself
   overwrites rcx and r11, which a caller does not expect preserved anyway. */
#include "target.h"
	.text
	.globl sp_bare_getppid_loop
	.type sp_bare_getppid_loop, @function
sp_bare_getppid_loop:
1:	mov  $SP_NR_getppid, %eax
	syscall
	dec  %rdi
	jnz  1b
	ret
	.size sp_bare_getppid_loop, . - sp_bare_getppid_loop
	.section .note.GNU-stack, "", @progbits
