// Guests for sysport-darwin-run's tests, x86_64: each GUEST_<name> is a whole
// program, assembled and linked on its own (harness/darwin/CMakeLists.txt). The entry,
// _guest, is called like main(argc, argv, envp, apple), as dyld calls an LC_MAIN entry.
// BSD calls are rax = 0x2000000 + number (class 2).
#define BSD(n) (0x2000000 + (n))
#define SYS_exit 1
#define SYS_fork 2
#define SYS_write 4
#define SYS_close 6
#define SYS_mkdir 136

	.text
	.globl _guest
_guest:
#if defined(GUEST_carry)
	// mkdir("g", 0755) twice: the first must succeed with the carry clear; the answer to the
	// second is reported as the exit status (carry << 7) | rax, so EEXIST (17) gives 145.
	leaq	path(%rip), %rdi
	movl	$0755, %esi
	movl	$BSD(SYS_mkdir), %eax
	syscall
	jc	1f
	leaq	path(%rip), %rdi
	movl	$0755, %esi
	movl	$BSD(SYS_mkdir), %eax
	syscall
	setc	%dl
	movzbl	%dl, %edx
	shll	$7, %edx
	orl	%edx, %eax
	movl	%eax, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
1:	movl	$1, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_args)
	// write(1, apple[0]), write(1, argv[1]), each with a newline, then exit(argc).
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	movl	%edi, %ebx
	movq	%rsi, %r12
	movq	(%rcx), %rdi
	call	puts
	movq	8(%r12), %rdi
	call	puts
	movl	%ebx, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
puts:	// rdi: a NUL-terminated string; writes it and a newline to fd 1
	xorl	%edx, %edx
2:	cmpb	$0, (%rdi,%rdx)
	je	3f
	incq	%rdx
	jmp	2b
3:	movq	%rdi, %rsi
	movl	$1, %edi
	movl	$BSD(SYS_write), %eax
	syscall
	movl	$1, %edi
	leaq	newline(%rip), %rsi
	movl	$1, %edx
	movl	$BSD(SYS_write), %eax
	syscall
	ret
#elif defined(GUEST_return)
	// Returns 42 from the entry: dyld passes it to exit().
	movl	$42, %eax
	ret
#elif defined(GUEST_wrongnr)
	// Syscall 21 is XNU's "old mount" slot (enosys): no binary should ask for it.
	movl	$BSD(21), %eax
	syscall
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_unsupported)
	// fork is a real BSD call that the emulator does not carry out.
	movl	$BSD(SYS_fork), %eax
	syscall
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_mach)
	// Class 1 is Mach (26: mach_reply_port).
	movl	$0x1000000 + 26, %eax
	syscall
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_linuxnr)
	// Linux's getpid number, with no class: XNU raises SIGSYS.
	movl	$39, %eax
	syscall
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_crash)
	// A load from page zero: EXC_BAD_ACCESS, SIGSEGV.
	movq	8, %rax
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_rebase)
	// Writes the string a pointer in __DATA_CONST points to: right only if the loader
	// applied the image's rebase to that pointer after sliding the image.
	movq	table(%rip), %rsi
	movl	$1, %edi
	movl	$5, %edx
	movl	$BSD(SYS_write), %eax
	syscall
	xorl	%edi, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_close_checked) || defined(GUEST_close_unchecked)
	// close(-1) fails with EBADF (9). A raw layer that tests the carry turns the answer into
	// -9 and exits with it (247); one that does not takes 9 for a success and exits 9.
	movl	$-1, %edi
	movl	$BSD(SYS_close), %eax
	syscall
#if defined(GUEST_close_checked)
	jnc	1f
	negq	%rax
1:
#endif
	movl	%eax, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
#elif defined(GUEST_brk)
	int3
#elif defined(GUEST_paths)
	// mkdir((char *)16): the path lies in the page zero, so copyinstr answers EFAULT (14);
	// then mkdir("pq"), whose NUL is on the next page. Exit status: 1 unless the first
	// failed with EFAULT, else (carry << 7) | rax of the second (0 when it made pq).
	movl	$16, %edi
	movl	$0755, %esi
	movl	$BSD(SYS_mkdir), %eax
	syscall
	jnc	1f
	cmpq	$14, %rax
	jne	1f
	leaq	edge(%rip), %rdi
	movl	$0755, %esi
	movl	$BSD(SYS_mkdir), %eax
	syscall
	setc	%dl
	movzbl	%dl, %edx
	shll	$7, %edx
	orl	%edx, %eax
	movl	%eax, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
1:	movl	$1, %edi
	movl	$BSD(SYS_exit), %eax
	syscall
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
