// Raw system calls for Linux s390x (arch/s390/kernel/entry.S).
// `svc 0` with the number in r1 (numbers below 256 may also ride in the svc immediate;
// the project always uses the r1 form so one sequence serves every number), arguments in
// r2-r7, result in r2 as [-4095, -1] on error. The kernel preserves the other registers.
#pragma once

namespace sp::arch {

inline long syscall0(long n) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2");
  __asm__ volatile("svc 0" : "=d"(r2) : "d"(r1) : "memory");
  return r2;
}

inline long syscall1(long n, long a) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2") = a;
  __asm__ volatile("svc 0" : "+d"(r2) : "d"(r1) : "memory");
  return r2;
}

inline long syscall2(long n, long a, long b) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2") = a;
  register long r3 __asm__("r3") = b;
  __asm__ volatile("svc 0" : "+d"(r2) : "d"(r1), "d"(r3) : "memory");
  return r2;
}

inline long syscall3(long n, long a, long b, long c) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2") = a;
  register long r3 __asm__("r3") = b;
  register long r4 __asm__("r4") = c;
  __asm__ volatile("svc 0" : "+d"(r2) : "d"(r1), "d"(r3), "d"(r4) : "memory");
  return r2;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2") = a;
  register long r3 __asm__("r3") = b;
  register long r4 __asm__("r4") = c;
  register long r5 __asm__("r5") = d;
  __asm__ volatile("svc 0" : "+d"(r2) : "d"(r1), "d"(r3), "d"(r4), "d"(r5) : "memory");
  return r2;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2") = a;
  register long r3 __asm__("r3") = b;
  register long r4 __asm__("r4") = c;
  register long r5 __asm__("r5") = d;
  register long r6 __asm__("r6") = e;
  __asm__ volatile("svc 0"
                   : "+d"(r2)
                   : "d"(r1), "d"(r3), "d"(r4), "d"(r5), "d"(r6)
                   : "memory");
  return r2;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long r1 __asm__("r1") = n;
  register long r2 __asm__("r2") = a;
  register long r3 __asm__("r3") = b;
  register long r4 __asm__("r4") = c;
  register long r5 __asm__("r5") = d;
  register long r6 __asm__("r6") = e;
  register long r7 __asm__("r7") = f;
  __asm__ volatile("svc 0"
                   : "+d"(r2)
                   : "d"(r1), "d"(r3), "d"(r4), "d"(r5), "d"(r6), "d"(r7)
                   : "memory");
  return r2;
}

}  // namespace sp::arch
