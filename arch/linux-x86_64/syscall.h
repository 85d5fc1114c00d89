// Raw system calls for Linux x86-64.
// ABI (arch/x86/entry/entry_64.S): number in rax, arguments in rdi rsi rdx r10 r8 r9,
// trap with `syscall`; the CPU itself overwrites rcx (return address) and r11 (rflags).
// Errors come back as rax in [-4095, -1], already the project's convention.
#pragma once

namespace sp::arch {

inline long syscall0(long n) {
  register long rax __asm__("rax") = n;
  __asm__ volatile("syscall" : "+r"(rax) : : "rcx", "r11", "memory");
  return rax;
}

inline long syscall1(long n, long a) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  __asm__ volatile("syscall" : "+r"(rax) : "r"(rdi) : "rcx", "r11", "memory");
  return rax;
}

inline long syscall2(long n, long a, long b) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  __asm__ volatile("syscall" : "+r"(rax) : "r"(rdi), "r"(rsi) : "rcx", "r11", "memory");
  return rax;
}

// SP_BREAK_ARG_REGISTER exists only to prove the matrix catches a wrong register: the
// self-test build swaps the second and third argument registers of three-argument calls.
#ifdef SP_BREAK_ARG_REGISTER
#define SP_X86_64_ARG2 "rdx"
#define SP_X86_64_ARG3 "rsi"
#else
#define SP_X86_64_ARG2 "rsi"
#define SP_X86_64_ARG3 "rdx"
#endif

inline long syscall3(long n, long a, long b, long c) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__(SP_X86_64_ARG2) = b;
  register long rdx __asm__(SP_X86_64_ARG3) = c;
  __asm__ volatile("syscall" : "+r"(rax) : "r"(rdi), "r"(rsi), "r"(rdx) : "rcx", "r11", "memory");
  return rax;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall"
                   : "+r"(rax)
                   : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10)
                   : "rcx", "r11", "memory");
  return rax;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  __asm__ volatile("syscall"
                   : "+r"(rax)
                   : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8)
                   : "rcx", "r11", "memory");
  return rax;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall"
                   : "+r"(rax)
                   : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return rax;
}

}  // namespace sp::arch
