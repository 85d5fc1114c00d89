// Raw system calls for Darwin x86-64 (macOS on Intel).
// ABI (XNU osfmk/x86_64/idt64.s hndl_syscall, bsd/dev/i386/systemcalls.c unix_syscall64):
// rax holds the syscall class in bits 24-31 and the number below it; BSD calls are class 2
// (SYSCALL_CLASS_UNIX << SYSCALL_CLASS_SHIFT = 0x2000000, osfmk/mach/i386/syscall_sw.h), so
// mkdir (136) is rax = 0x2000088. Arguments in rdi rsi rdx r10 r8 r9, trap with `syscall`,
// which itself overwrites rcx (return address) and r11 (rflags). On success rax is the result
// and rdx a second result; on error the kernel sets the carry flag and puts a *positive*
// errno in rax. The carry is folded here, inside the asm, into the project's one convention
// (-errno): `jnc` skips the negation when the call succeeded.
#pragma once

namespace sp::arch {

// A class of 0 is not a BSD call: XNU raises EXC_SYSCALL (SIGSYS) for an unknown class.
constexpr long kDarwinUnixClass = 2l << 24;

// SP_BREAK_ERROR_CONVENTION exists only to prove that the matrix (and the static check)
// catches a raw layer that ignores the carry flag.
#ifdef SP_BREAK_ERROR_CONVENTION
#define SP_DARWIN_X86_64_TRAP "syscall\n\t"
#else
#define SP_DARWIN_X86_64_TRAP \
  "syscall\n\t"               \
  "jnc 1f\n\t"                \
  "negq %%rax\n"              \
  "1:"
#endif

// rdx is written by the kernel on success (second result), so it is always an output.
inline long syscall0(long n) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdx __asm__("rdx");
  __asm__ volatile(SP_DARWIN_X86_64_TRAP : "+r"(rax), "=r"(rdx) : : "rcx", "r11", "memory", "cc");
  return rax;
}

inline long syscall1(long n, long a) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdi __asm__("rdi") = a;
  register long rdx __asm__("rdx");
  __asm__ volatile(SP_DARWIN_X86_64_TRAP : "+r"(rax), "=r"(rdx) : "r"(rdi) : "rcx", "r11", "memory", "cc");
  return rax;
}

inline long syscall2(long n, long a, long b) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx");
  __asm__ volatile(SP_DARWIN_X86_64_TRAP
                   : "+r"(rax), "=r"(rdx)
                   : "r"(rdi), "r"(rsi)
                   : "rcx", "r11", "memory", "cc");
  return rax;
}

inline long syscall3(long n, long a, long b, long c) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  __asm__ volatile(SP_DARWIN_X86_64_TRAP
                   : "+r"(rax), "+r"(rdx)
                   : "r"(rdi), "r"(rsi)
                   : "rcx", "r11", "memory", "cc");
  return rax;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  __asm__ volatile(SP_DARWIN_X86_64_TRAP
                   : "+r"(rax), "+r"(rdx)
                   : "r"(rdi), "r"(rsi), "r"(r10)
                   : "rcx", "r11", "memory", "cc");
  return rax;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  __asm__ volatile(SP_DARWIN_X86_64_TRAP
                   : "+r"(rax), "+r"(rdx)
                   : "r"(rdi), "r"(rsi), "r"(r10), "r"(r8)
                   : "rcx", "r11", "memory", "cc");
  return rax;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long rax __asm__("rax") = kDarwinUnixClass | n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile(SP_DARWIN_X86_64_TRAP
                   : "+r"(rax), "+r"(rdx)
                   : "r"(rdi), "r"(rsi), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory", "cc");
  return rax;
}

#undef SP_DARWIN_X86_64_TRAP

}  // namespace sp::arch
