/* Process entry for Linux i386 (i386 psABI): esp points at argc, argv[], NULL, envp[], NULL.
   sp_start_c takes the initial stack pointer as its one stack argument; the stack is
   aligned to 16 bytes at the call as current GCC code expects. */
	.text
	.globl _start
	.type _start, @function
_start:
	xor  %ebp, %ebp
	mov  %esp, %eax
	and  $-16, %esp
	sub  $12, %esp
	push %eax
	call sp_start_c
	hlt
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
