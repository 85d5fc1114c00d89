/* Process entry for Linux ARM EABI (AAPCS): sp points at argc, argv[], NULL, envp[], NULL.
   AAPCS requires 8-byte stack alignment at a public interface; 16 costs nothing. */
	.syntax unified
	.arm
	.text
	.globl _start
	.type _start, %function
_start:
	mov  fp, #0
	mov  lr, #0
	mov  r0, sp
	bic  r1, r0, #15
	mov  sp, r1
	bl   sp_start_c
	udf  #0
	.size _start, . - _start
	.section .note.GNU-stack, "", %progbits
