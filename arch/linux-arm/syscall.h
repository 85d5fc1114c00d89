// Raw system calls for Linux 32-bit ARM, EABI (arch/arm/kernel/entry-common.S).
// Number in r7, arguments in r0-r5, trap with `svc #0`, result in r0 as [-4095, -1] on
// error. (The old OABI encoded the number in the svc immediate; EABI kernels ignore it.)
// r7 is the Thumb frame pointer, so the project builds ARM code with -marm and
// -fomit-frame-pointer, which leaves r7 free to be pinned here.
#pragma once

namespace sp::arch {

inline long syscall0(long n) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0");
  __asm__ volatile("svc #0" : "=r"(r0) : "r"(r7) : "memory");
  return r0;
}

inline long syscall1(long n, long a) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
  return r0;
}

inline long syscall2(long n, long a, long b) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7), "r"(r1) : "memory");
  return r0;
}

inline long syscall3(long n, long a, long b, long c) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2) : "memory");
  return r0;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r3 __asm__("r3") = d;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2), "r"(r3) : "memory");
  return r0;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r3 __asm__("r3") = d;
  register long r4 __asm__("r4") = e;
  __asm__ volatile("svc #0"
                   : "+r"(r0)
                   : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4)
                   : "memory");
  return r0;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r3 __asm__("r3") = d;
  register long r4 __asm__("r4") = e;
  register long r5 __asm__("r5") = f;
  __asm__ volatile("svc #0"
                   : "+r"(r0)
                   : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
                   : "memory");
  return r0;
}

}  // namespace sp::arch
