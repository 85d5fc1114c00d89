// The rungs of the syscall-cost ladder: one operation each, written once and driven by
// either timing loop (Google Benchmark, or the project's own loop where no libbenchmark
// exists for the target). Each rung differs from the one below it by one thing, so the
// differences between them mean something:
//
//   empty_loop           the timing loop alone: what every other rung includes
//   vdso_clock_gettime   libc clock_gettime(CLOCK_MONOTONIC): the vDSO where there is one
//   raw_clock_gettime    the same call forced through the kernel with the raw layer
//   raw_enosys           a number no kernel has: entry, dispatch miss, exit (the floor)
//   raw_getpid           the project's raw layer, the cheapest real syscalls
//   raw_getppid
//   bare_asm_getppid     a hand-written asm loop of the bare trap
//                        (arch/<target>/bench_bare.S): what raw_getppid must equal if the
//                        raw layer adds nothing
//   call_raw_getppid     raw_getppid in an out-of-line function: the cost of the call and
//                        return around a trap, which every libc wrapper pays
//   libc_getpid          glibc's wrappers
//   libc_getppid
//   libc_syscall_getpid  glibc's generic syscall(SYS_getpid)
//   vsyscall_getppid     i386 only: getppid through the vDSO's __kernel_vsyscall
//                        (sysenter/syscall) instead of raw_getppid's int $0x80
//
// The operations are inline so the trap sits in the timing loop itself (bench/tools/
// check_disasm.py checks that in the binary); their results go through keep(), so no call
// can be dropped as dead and no trap can be moved out of the loop.
#pragma once

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"  // arch/<target>/: sp::arch::syscall0..6
#include "target.h"   // arch/<target>/: the generated tables of this target (SP_NR_*, SP_ERRNO_*)

#ifdef SP_BENCH_HAVE_GBENCH
#include <benchmark/benchmark.h>
#endif

#define SP_BENCH_INLINE __attribute__((always_inline)) inline

namespace sp_bench {

// Keeps a value alive: the compiler must assume it is read, so the call producing it
// stays in the loop. With Google Benchmark it is its DoNotOptimize; without it the same
// empty asm with the same constraints, so the loop bodies are identical either way.
#ifdef SP_BENCH_HAVE_GBENCH
template <class T>
SP_BENCH_INLINE void keep(T& value) {
  benchmark::DoNotOptimize(value);
}
#else
template <class T>
SP_BENCH_INLINE void keep(T& value) {
  __asm__ volatile("" : "+m,r"(value) : : "memory");
}
#endif

// 32-bit ABIs with a 64-bit time_t call clock_gettime64 (glibc 2.36 does, vDSO and
// syscall alike), so the raw rung calls that one where the table has it.
#ifdef SP_NR_clock_gettime64
constexpr long kNrClockGettime = SP_NR_clock_gettime64;
#else
constexpr long kNrClockGettime = SP_NR_clock_gettime;
#endif

// A number no kernel assigns: the ABI's base (5000 for mips n64, 0 elsewhere; the
// new-nr-offset column of tables/linux/targets.txt, passed in by the build) plus 999,
// beyond every table and below the next ABI's base. Checked against this target's
// table at compile time and against the running kernel (-ENOSYS) at start.
constexpr long kNrEnosys = SP_BENCH_NR_BASE + 999;

constexpr bool number_in_table(long nr) {
#define SP_BENCH_CHECK_NR(name, number) \
  if ((number) == nr) return true;
  SP_SYSCALL_TABLE(SP_BENCH_CHECK_NR)
#undef SP_BENCH_CHECK_NR
  return false;
}
static_assert(!number_in_table(kNrEnosys), "the ENOSYS probe number is a real syscall of this ABI");

// Every syscall of the bare loop and of the batched rung's call: one batch of traps per
// call of the asm loop. Large enough that the call and counter around it vanish against
// hundreds of nanoseconds per trap, small enough for the shortest quick run.
constexpr unsigned long kBareBatch = 100;

}  // namespace sp_bench

extern "C" long sp_bare_getppid_loop(unsigned long n);  // arch/<target>/bench_bare.S; n >= 1
extern "C" long sp_bench_called_getppid();              // ladder.cc, never inlined

namespace sp_bench {

SP_BENCH_INLINE long op_empty_loop() { return 0; }

SP_BENCH_INLINE long op_vdso_clock_gettime() {
  struct timespec ts;
  long rc = clock_gettime(CLOCK_MONOTONIC, &ts);
  keep(ts);
  return rc;
}

SP_BENCH_INLINE long op_raw_clock_gettime() {
  long long ts[2];  // struct __kernel_timespec: the layout of both 64-bit and time64 calls
  long rc = sp::arch::syscall2(kNrClockGettime, CLOCK_MONOTONIC, reinterpret_cast<long>(ts));
  keep(ts);
  return rc;
}

SP_BENCH_INLINE long op_raw_enosys() { return sp::arch::syscall0(kNrEnosys); }
SP_BENCH_INLINE long op_raw_getpid() { return sp::arch::syscall0(SP_NR_getpid); }
SP_BENCH_INLINE long op_raw_getppid() { return sp::arch::syscall0(SP_NR_getppid); }
SP_BENCH_INLINE long op_call_raw_getppid() { return sp_bench_called_getppid(); }
SP_BENCH_INLINE long op_libc_getpid() { return ::getpid(); }
SP_BENCH_INLINE long op_libc_getppid() { return ::getppid(); }
SP_BENCH_INLINE long op_libc_syscall_getpid() { return ::syscall(SYS_getpid); }

#if defined(__i386__)
// __kernel_vsyscall (AT_SYSINFO): number in eax, arguments as for int $0x80; it
// preserves every register but eax. Looked up once at start (validate()).
extern unsigned long vsyscall_entry;
SP_BENCH_INLINE long op_vsyscall_getppid() {
  long r;
  __asm__ volatile("call *%[entry]"
                   : "=a"(r)
                   : "0"(SP_NR_getppid), [entry] "r"(vsyscall_entry)
                   : "memory", "cc");
  return r;
}
#endif

}  // namespace sp_bench
