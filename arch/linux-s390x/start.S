/* Process entry for Linux s390x (zSeries ELF ABI): r15 points at argc, argv[], NULL, envp[].
   A callee may store registers in the 160-byte area above its caller's stack pointer, so
   one is reserved, with a zero back chain so that backtraces end here. */
	.text
	.globl _start
	.type _start, @function
_start:
	lgr   %r2, %r15
	nill  %r15, 0xfff8
	aghi  %r15, -160
	xc    0(8, %r15), 0(%r15)
	brasl %r14, sp_start_c
	.long 0
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
