/* Process entry for Linux riscv64 (RISC-V psABI): sp points at argc, argv[], NULL, envp[].
   gp must hold __global_pointer$ before any code that the linker relaxed to gp-relative
   addressing runs; the load itself must not be relaxed, hence norelax. */
	.text
	.globl _start
	.type _start, @function
_start:
	.option push
	.option norelax
	lla  gp, __global_pointer$
	.option pop
	li   fp, 0
	li   ra, 0
	mv   a0, sp
	andi sp, sp, -16
	call sp_start_c
	unimp
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
