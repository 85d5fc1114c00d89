// Raw system calls for Linux powerpc64 little-endian, ELFv2 (arch/powerpc/kernel/entry_64.S,
// Documentation/powerpc/syscall64-abi.rst).
// Number in r0, arguments in r3-r8, trap with `sc`. The error convention is the odd one:
// on failure the kernel sets cr0.SO and leaves a *positive* errno in r3. The asm below
// folds that into the project's convention (negative errno) with `bns+` / `neg`, so nothing
// above arch/ knows about the summary-overflow bit.
// Clobbers per syscall64-abi.rst: r0, r4-r12, ctr, xer, cr0 are volatile across `sc`;
// r4-r8 are therefore listed as outputs even where they carry no argument.
#pragma once

namespace sp::arch {

#ifdef SP_BREAK_ERROR_CONVENTION
// Self-test build only: forget the cr0.SO check, the classic powerpc porting mistake, so
// that errors come back as small positive "successes". The matrix must catch it.
#define SP_PPC_TRAP "sc"
#else
#define SP_PPC_TRAP "sc\n\tbns+ 1f\n\tneg 3, 3\n1:"
#endif
#define SP_PPC_CLOBBERS "r9", "r10", "r11", "r12", "cr0", "ctr", "xer", "memory"

inline long syscall0(long n) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3");
  register long r4 __asm__("r4");
  register long r5 __asm__("r5");
  register long r6 __asm__("r6");
  register long r7 __asm__("r7");
  register long r8 __asm__("r8");
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "=r"(r3), "=r"(r4), "=r"(r5), "=r"(r6), "=r"(r7), "=r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

inline long syscall1(long n, long a) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4");
  register long r5 __asm__("r5");
  register long r6 __asm__("r6");
  register long r7 __asm__("r7");
  register long r8 __asm__("r8");
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "+r"(r3), "=r"(r4), "=r"(r5), "=r"(r6), "=r"(r7), "=r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

inline long syscall2(long n, long a, long b) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4") = b;
  register long r5 __asm__("r5");
  register long r6 __asm__("r6");
  register long r7 __asm__("r7");
  register long r8 __asm__("r8");
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "+r"(r3), "+r"(r4), "=r"(r5), "=r"(r6), "=r"(r7), "=r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

inline long syscall3(long n, long a, long b, long c) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4") = b;
  register long r5 __asm__("r5") = c;
  register long r6 __asm__("r6");
  register long r7 __asm__("r7");
  register long r8 __asm__("r8");
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "=r"(r6), "=r"(r7), "=r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4") = b;
  register long r5 __asm__("r5") = c;
  register long r6 __asm__("r6") = d;
  register long r7 __asm__("r7");
  register long r8 __asm__("r8");
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "=r"(r7), "=r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4") = b;
  register long r5 __asm__("r5") = c;
  register long r6 __asm__("r6") = d;
  register long r7 __asm__("r7") = e;
  register long r8 __asm__("r8");
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "=r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long r0 __asm__("r0") = n;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4") = b;
  register long r5 __asm__("r5") = c;
  register long r6 __asm__("r6") = d;
  register long r7 __asm__("r7") = e;
  register long r8 __asm__("r8") = f;
  __asm__ volatile(SP_PPC_TRAP
                   : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
                   :
                   : SP_PPC_CLOBBERS);
  return r3;
}

#undef SP_PPC_TRAP
#undef SP_PPC_CLOBBERS

}  // namespace sp::arch
