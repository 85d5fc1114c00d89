/* Process entry for Linux arm64 (AAPCS64; the kernel's start_thread): sp points at argc,
   argv[], NULL, envp[], NULL, auxv. The frame pointer and link register are zeroed so
   that a backtrace ends here. */
	.text
	.globl _start
	.type _start, %function
_start:
	mov  x29, #0
	mov  x30, #0
	mov  x0, sp
	and  x1, x0, #-16
	mov  sp, x1
	bl   sp_start_c
	brk  #0
	.size _start, . - _start
	.section .note.GNU-stack, "", %progbits
