/* Process entry for Linux x86-64 (System V psABI 3.4.1): rsp points at argc, then argv[],
   NULL, envp[], NULL, auxv. rbp is zeroed to end frame-pointer backtraces; the stack is
   already 16-byte aligned at entry, and `call` leaves it 8 mod 16 as a callee expects. */
	.text
	.globl _start
	.type _start, @function
_start:
	xor  %ebp, %ebp
	mov  %rsp, %rdi
	and  $-16, %rsp
	call sp_start_c
	hlt
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
