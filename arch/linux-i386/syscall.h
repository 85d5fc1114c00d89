// Raw system calls for Linux i386 through `int $0x80` (arch/x86/entry/entry_32.S).
// Number in eax, arguments in ebx ecx edx esi edi ebp; errors as eax in [-4095, -1].
// The project builds i386 code without PIC and with -fomit-frame-pointer, so ebx is free;
// ebp is the frame pointer in some builds, so the sixth argument is swapped in around the
// trap instead of being handed to the compiler as a register variable.
#pragma once

namespace sp::arch {

inline long syscall0(long n) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "0"(n) : "memory");
  return r;
}

inline long syscall1(long n, long a) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a) : "memory");
  return r;
}

inline long syscall2(long n, long a, long b) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b) : "memory");
  return r;
}

inline long syscall3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b), "d"(c) : "memory");
  return r;
}

inline long syscall4(long n, long a, long b, long c, long d) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
  return r;
}

inline long syscall5(long n, long a, long b, long c, long d, long e) {
  long r;
  __asm__ volatile("int $0x80"
                   : "=a"(r)
                   : "0"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                   : "memory");
  return r;
}

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  long r;
  // The sixth argument travels on the stack into ebp for the duration of the trap.
  __asm__ volatile(
      "pushl %[f]\n\t"
      "pushl %%ebp\n\t"
      "movl 4(%%esp), %%ebp\n\t"
      "int $0x80\n\t"
      "popl %%ebp\n\t"
      "addl $4, %%esp"
      : "=a"(r)
      : "0"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), [f] "g"(f)
      : "memory");
  return r;
}

}  // namespace sp::arch
