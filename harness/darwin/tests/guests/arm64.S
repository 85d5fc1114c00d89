// Guests for sysport-darwin-run's tests, arm64: each GUEST_<name> is a whole program,
// assembled and linked on its own (harness/darwin/CMakeLists.txt). The entry, _guest, is
// called like main(argc, argv, envp, apple), as dyld calls an LC_MAIN entry. They trap
// without testing the carry flag where a test wants to see the raw answer.
#define SYS_exit 1
#define SYS_write 4
#define SYS_close 6
#define SYS_fork 2
#define SYS_mkdir 136

	.text
	.globl _guest
	.p2align 2
_guest:
#if defined(GUEST_carry)
	// mkdir("g", 0755) twice: the first must succeed with the carry clear; the answer to the
	// second is reported as the exit status (carry << 7) | x0, so EEXIST (17) gives 145.
	adrp	x0, path@PAGE
	add	x0, x0, path@PAGEOFF
	mov	x1, #0755
	mov	x16, #SYS_mkdir
	svc	#0x80
	b.cs	1f
	adrp	x0, path@PAGE
	add	x0, x0, path@PAGEOFF
	mov	x1, #0755
	mov	x16, #SYS_mkdir
	svc	#0x80
	cset	x2, cs
	orr	x0, x0, x2, lsl #7
	mov	x16, #SYS_exit
	svc	#0x80
1:	mov	x0, #1
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_args)
	// write(1, apple[0]), write(1, argv[1]), each with a newline, then exit(argc).
	mov	x19, x0
	mov	x20, x1
	ldr	x0, [x3]
	bl	puts
	ldr	x0, [x20, #8]
	bl	puts
	mov	x0, x19
	mov	x16, #SYS_exit
	svc	#0x80
puts:	// x0: a NUL-terminated string; writes it and a newline to fd 1
	mov	x2, #0
2:	ldrb	w3, [x0, x2]
	cbz	w3, 3f
	add	x2, x2, #1
	b	2b
3:	mov	x1, x0
	mov	x0, #1
	mov	x16, #SYS_write
	svc	#0x80
	mov	x0, #1
	adrp	x1, newline@PAGE
	add	x1, x1, newline@PAGEOFF
	mov	x2, #1
	mov	x16, #SYS_write
	svc	#0x80
	ret
#elif defined(GUEST_return)
	// Returns 42 from the entry: dyld passes it to exit().
	mov	x0, #42
	ret
#elif defined(GUEST_wrongnr)
	// Syscall 21 is XNU's "old mount" slot (enosys): no binary should ask for it.
	mov	x16, #21
	svc	#0x80
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_unsupported)
	// fork is a real BSD call that the emulator does not carry out.
	mov	x16, #SYS_fork
	svc	#0x80
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_mach)
	// A negative x16 is a Mach trap (-26: mach_reply_port).
	mov	x16, #-26
	svc	#0x80
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_crash)
	// A load from page zero: EXC_BAD_ACCESS, SIGSEGV.
	mov	x1, #8
	ldr	x0, [x1]
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_rebase)
	// Writes the string a pointer in __DATA_CONST points to: right only if the loader
	// applied the image's rebase to that pointer after sliding the image.
	adrp	x8, table@PAGE
	ldr	x1, [x8, table@PAGEOFF]
	mov	x0, #1
	mov	x2, #5
	mov	x16, #SYS_write
	svc	#0x80
	mov	x0, #0
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_close_checked) || defined(GUEST_close_unchecked)
	// close(-1) fails with EBADF (9). A raw layer that tests the carry turns the answer into
	// -9 and exits with it (247); one that does not takes 9 for a success and exits 9.
	mov	x0, #-1
	mov	x16, #SYS_close
	svc	#0x80
#if defined(GUEST_close_checked)
	b.cc	1f
	neg	x0, x0
1:
#endif
	mov	x16, #SYS_exit
	svc	#0x80
#elif defined(GUEST_brk)
	brk	#1
#elif defined(GUEST_paths)
	// mkdir((char *)16): the path lies in the page zero, so copyinstr answers EFAULT (14);
	// then mkdir("pq"), whose NUL is on the next page. Exit status: 1 unless the first
	// failed with EFAULT, else (carry << 7) | x0 of the second (0 when it made pq).
	mov	x0, #16
	mov	x1, #0755
	mov	x16, #SYS_mkdir
	svc	#0x80
	b.cc	1f
	cmp	x0, #14
	b.ne	1f
	adrp	x0, edge@PAGE
	add	x0, x0, edge@PAGEOFF
	mov	x1, #0755
	mov	x16, #SYS_mkdir
	svc	#0x80
	cset	x2, cs
	orr	x0, x0, x2, lsl #7
	mov	x16, #SYS_exit
	svc	#0x80
1:	mov	x0, #1
	mov	x16, #SYS_exit
	svc	#0x80
#else
#error "define GUEST_<name>"
#endif

	.section __TEXT,__cstring
path:	.asciz "g"
newline:	.asciz "\n"
slid:	.asciz "slid\n"

	.section __DATA_CONST,__const
	.p2align 3
table:	.quad slid

#if defined(GUEST_paths)
	// A path whose NUL is on the page after its text: "pq" ends the first 4 KiB page.
	.section __DATA,__data
	.p2align 12
	.space 4094, 0x78
edge:	.asciz "pq"
#endif
