/* The bare trap, for comparison with the raw layer (raw_getppid): n times `syscall` with
   rax = 0x2000000 (BSD class) + getppid, without the raw layer's carry test. long
   sp_bare_getppid_loop(unsigned long n), n >= 1 in rdi, returns the last result. XNU
   preserves rdi; `syscall` overwrites rcx and r11, and XNU returns a second result in rdx. */
#include "target.h"
	.text
	.globl _sp_bare_getppid_loop
	.p2align 4
_sp_bare_getppid_loop:
1:	movl $(0x2000000 + SP_NR_getppid), %eax
	syscall
	decq %rdi
	jnz  1b
	ret
