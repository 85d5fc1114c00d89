// Raw system calls for Linux mips64 little-endian, n64 ABI (arch/mips/kernel/scall64-n64.S).
// Number in v0 (n64 numbers start at 5000), arguments in a0-a5 ($4-$9), trap with
// `syscall`. The error convention: a3 ($7) comes back non-zero on failure and v0 then
// holds a *positive* errno; it is folded into the negative-errno convention here.
// Clobbers follow glibc's n64 sysdep: at, v1, $10-$15, t8, t9, hi, lo.
#pragma once

namespace sp::arch {

#define SP_MIPS_CLOBBERS \
  "$1", "$3", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", "memory"

inline long sp_mips_fold(long v0, long a3) { return a3 ? -v0 : v0; }

inline long syscall0(long n) {
  register long v0 __asm__("$2") = n;
  register long a3 __asm__("$7");
  __asm__ volatile("syscall" : "+r"(v0), "=r"(a3) : : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

inline long syscall1(long n, long a) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a3 __asm__("$7");
  __asm__ volatile("syscall" : "+r"(v0), "=r"(a3) : "r"(a0) : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

inline long syscall2(long n, long a, long b) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a3 __asm__("$7");
  __asm__ volatile("syscall" : "+r"(v0), "=r"(a3) : "r"(a0), "r"(a1) : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

inline long syscall3(long n, long a, long b, long c) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7");
  __asm__ volatile("syscall"
                   : "+r"(v0), "=r"(a3)
                   : "r"(a0), "r"(a1), "r"(a2)
                   : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7") = d;
  __asm__ volatile("syscall"
                   : "+r"(v0), "+r"(a3)
                   : "r"(a0), "r"(a1), "r"(a2)
                   : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7") = d;
  register long a4 __asm__("$8") = e;
  __asm__ volatile("syscall"
                   : "+r"(v0), "+r"(a3)
                   : "r"(a0), "r"(a1), "r"(a2), "r"(a4)
                   : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7") = d;
  register long a4 __asm__("$8") = e;
  register long a5 __asm__("$9") = f;
  __asm__ volatile("syscall"
                   : "+r"(v0), "+r"(a3)
                   : "r"(a0), "r"(a1), "r"(a2), "r"(a4), "r"(a5)
                   : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

#undef SP_MIPS_CLOBBERS

}  // namespace sp::arch
