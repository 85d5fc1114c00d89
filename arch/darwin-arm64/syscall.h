// Raw system calls for Darwin arm64 (macOS on Apple silicon).
// ABI (XNU osfmk/arm64/sleh.c handle_svc, bsd/dev/arm/systemcalls.c): the BSD number in x16,
// arguments in x0-x5, trap with `svc #0x80` (the immediate Apple's libsyscall uses; XNU itself
// reads only x16). On return x0 holds the result and x1 a second result (0 for most calls);
// on error the kernel sets the carry flag (PSTATE.C) and puts a *positive* errno in x0.
// The carry is folded here, inside the asm, into the project's one convention (-errno), so
// nothing above arch/ knows about it: `b.cc` skips the negation when the call succeeded.
#pragma once

namespace sp::arch {

// SP_BREAK_ERROR_CONVENTION exists only to prove that the matrix (and the static check)
// catches a raw layer that ignores the carry flag: a failing call then looks like a
// success whose value is the errno.
#ifdef SP_BREAK_ERROR_CONVENTION
#define SP_DARWIN_ARM64_TRAP "svc #0x80\n\t"
#else
#define SP_DARWIN_ARM64_TRAP \
  "svc #0x80\n\t"            \
  "b.cc 1f\n\t"              \
  "neg x0, x0\n"             \
  "1:"
#endif

// x1 is written by the kernel on every return, so it is an output even where unused;
// "cc" because the kernel sets or clears the carry flag.
inline long syscall0(long n) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0");
  register long x1 __asm__("x1");
  __asm__ volatile(SP_DARWIN_ARM64_TRAP : "=r"(x0), "=r"(x1) : "r"(x16) : "memory", "cc");
  return x0;
}

inline long syscall1(long n, long a) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1");
  __asm__ volatile(SP_DARWIN_ARM64_TRAP : "+r"(x0), "=r"(x1) : "r"(x16) : "memory", "cc");
  return x0;
}

inline long syscall2(long n, long a, long b) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  __asm__ volatile(SP_DARWIN_ARM64_TRAP : "+r"(x0), "+r"(x1) : "r"(x16) : "memory", "cc");
  return x0;
}

inline long syscall3(long n, long a, long b, long c) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile(SP_DARWIN_ARM64_TRAP : "+r"(x0), "+r"(x1) : "r"(x16), "r"(x2) : "memory", "cc");
  return x0;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  __asm__ volatile(SP_DARWIN_ARM64_TRAP
                   : "+r"(x0), "+r"(x1)
                   : "r"(x16), "r"(x2), "r"(x3)
                   : "memory", "cc");
  return x0;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  __asm__ volatile(SP_DARWIN_ARM64_TRAP
                   : "+r"(x0), "+r"(x1)
                   : "r"(x16), "r"(x2), "r"(x3), "r"(x4)
                   : "memory", "cc");
  return x0;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile(SP_DARWIN_ARM64_TRAP
                   : "+r"(x0), "+r"(x1)
                   : "r"(x16), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                   : "memory", "cc");
  return x0;
}

#undef SP_DARWIN_ARM64_TRAP

}  // namespace sp::arch
