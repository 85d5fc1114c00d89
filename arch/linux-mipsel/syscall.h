// Raw system calls for Linux MIPS32 little-endian, o32 ABI (arch/mips/kernel/scall32-o32.S,
// Linux 6.1; a 64-bit kernel takes o32 through scall64-o32.S with the same contract).
// Number in v0 (o32 numbers start at __NR_O32_Linux = 4000, arch/mips/include/asm/unistd.h),
// arguments 1-4 in a0-a3 ($4-$7), trap with `syscall`.
//
// Arguments 5 and 6 travel on the user stack, at 16($sp) and 20($sp) at the moment of the
// trap: handle_sys loads the user sp (`lw t0, PT_R29(sp)`) and copies `16(t0)`..`28(t0)`
// (load_a4..load_a7) as arguments 5-8, whatever the call. Those are the words just above
// the 16-byte argument save area that the o32 calling convention reserves at the bottom of
// every caller's frame (SysV MIPS psABI, "Function Calling Sequence"). An inline asm cannot
// write into the compiler's outgoing-argument area, so the five- and six-argument traps
// make a 32-byte frame of their own (keeping the 8-byte stack alignment o32 requires),
// store the extra arguments at 16/20 of it, trap and drop it, as nolibc does
// (tools/include/nolibc/arch-mips.h, my_syscall5: addiu $sp,-32; sw 16($sp); syscall;
// addiu $sp,32). If the call is restarted after a signal the kernel re-executes only the
// `syscall` (signal.c: cp0_epc -= 4, v0 reloaded from the saved number, a3 from the saved
// PT_R26), so $sp still points at the same stored arguments. The asm's inputs are all
// registers ("r"), so nothing inside it is addressed relative to the moved $sp.
// Calls with four or fewer arguments need no frame: the kernel still reads the four words
// above the current $sp, which are mapped stack (and a faulting load is fixed up to 0).
//
// The error convention: a3 ($7) comes back 1 on failure and v0 then holds a *positive*
// errno (handle_sys: `sltu t0, -EMAXERRNO - 1, v0; sw t0, PT_R7(sp); negu v0`); it is
// folded into the negative-errno convention here.
//
// Clobbers: the kernel's return path (RESTORE_SOME, arch/mips/include/asm/stackframe.h)
// reloads only $2-$7, $25, $28, $31 and sp; at, t0-t8 and hi/lo keep whatever the kernel
// left in them, v1 is a second result (pipe's write end, sysm_pipe in syscall.c). The list
// is nolibc's and glibc's o32 one: at, v1, t0-t9, hi, lo, memory. a0-a2 and s0-s8 survive.
//
// A 64-bit argument takes an even-aligned pair of argument words, low word first on
// little-endian: a2/a3, or 16/20($sp) past a3, after a padding word where needed (pread64:
// fd, buf, count, pad, offset at 16/20($sp); a 64-bit kernel reassembles the halves in
// arch/mips/kernel/linux32.c, sys_32_pread). Callers build the pair themselves. o32's
// sync_file_range needs seven words (fd, pad, two pairs, flags), more than syscall6 passes.
#pragma once

namespace sp::arch {

#define SP_MIPS_CLOBBERS                                                                  \
  "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", \
      "memory"

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

// Argument 5 at 16($sp) of a 32-byte frame made around the trap (see the top of the file).
inline long syscall5(long n, long a, long b, long c, long d, long e) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7") = d;
  __asm__ volatile(
      "addiu $sp, $sp, -32\n\t"
      "sw %[e], 16($sp)\n\t"
      "syscall\n\t"
      "addiu $sp, $sp, 32"
      : "+r"(v0), "+r"(a3)
      : "r"(a0), "r"(a1), "r"(a2), [e] "r"(e)
      : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

// Arguments 5 and 6 at 16($sp) and 20($sp) of a 32-byte frame made around the trap.
inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7") = d;
  __asm__ volatile(
      "addiu $sp, $sp, -32\n\t"
      "sw %[e], 16($sp)\n\t"
      "sw %[f], 20($sp)\n\t"
      "syscall\n\t"
      "addiu $sp, $sp, 32"
      : "+r"(v0), "+r"(a3)
      : "r"(a0), "r"(a1), "r"(a2), [e] "r"(e), [f] "r"(f)
      : SP_MIPS_CLOBBERS);
  return sp_mips_fold(v0, a3);
}

#undef SP_MIPS_CLOBBERS

}  // namespace sp::arch
