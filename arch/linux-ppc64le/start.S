/* Process entry for Linux powerpc64le, ELFv2: r1 points at argc, argv[], NULL, envp[].
   The TOC pointer (r2) is derived from our own address with bcl/mflr rather than trusting
   r12 at entry, then a minimal 32-byte ELFv2 frame with a null back chain is pushed. */
	.abiversion 2
	.text
	.globl _start
	.type _start, @function
_start:
	bcl  20, 31, 1f
1:	mflr 12
	addis 2, 12, (.TOC. - 1b)@ha
	addi 2, 2, (.TOC. - 1b)@l
	mr   3, 1
	clrrdi 1, 1, 4
	li   0, 0
	stdu 0, -32(1)
	bl   sp_start_c
	nop
	trap
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
