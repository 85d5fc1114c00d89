// sp-bench for Darwin: the ladder's rungs that exist on macOS and that the project's Darwin
// emulator (harness/darwin/, Unicorn) carries out, as one freestanding Mach-O like the raw
// backend's: no libSystem call, every syscall through arch/darwin-<arch>/syscall.h.
//
//   sp-bench --sp-list        the rung names, one per line
//   sp-bench RUNG N           RUNG N times, then exit 0 (exit 3 if a rung answers wrongly)
//
// There is no clock to read inside the guest (the emulator carries out only the calls the
// cases make), so bench/sysport-bench times it from the host: the process's CPU time for
// RUNG N minus that for RUNG 0 (start-up), divided by N ("host-timed", docs/bench.md).
// The loops are the same shape as the Linux ladder's own loop (bench/ladder/ladder.cc):
// results kept alive, traps inline in the loop; bench/tools/check_disasm.py checks that.
#include "syscall.h"  // arch/darwin-<arch>/: sp::arch::syscall0..6
#include "target.h"   // tables/darwin/: SP_NR_*

extern "C" long sp_bare_getppid_loop(unsigned long n);  // arch/<target>/bench_bare.S; n >= 1

namespace {

template <class T>
__attribute__((always_inline)) inline void keep(T& value) {
  __asm__ volatile("" : "+m,r"(value) : : "memory");
}

constexpr unsigned long kBareBatch = 100;

[[noreturn]] void exit_with(long status) {
  sp::arch::syscall1(SP_NR_exit, status);
  for (;;) {
  }
}

long length(const char* s) {
  long n = 0;
  while (s[n]) ++n;
  return n;
}

void say(const char* s) { sp::arch::syscall3(SP_NR_write, 1, reinterpret_cast<long>(s), length(s)); }
void complain(const char* s) { sp::arch::syscall3(SP_NR_write, 2, reinterpret_cast<long>(s), length(s)); }

bool same(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}

}  // namespace

extern "C" __attribute__((noinline)) long sp_bench_called_getppid() {
  return sp::arch::syscall0(SP_NR_getppid);
}

#define SP_BENCH_RUNG(name, expr)                                      \
  extern "C" __attribute__((noinline)) void sp_own_##name(unsigned long n) { \
    for (unsigned long i = 0; i < n; ++i) {                           \
      long r = (expr);                                                \
      keep(r);                                                        \
    }                                                                 \
  }

SP_BENCH_RUNG(empty_loop, 0)
SP_BENCH_RUNG(raw_getpid, sp::arch::syscall0(SP_NR_getpid))
SP_BENCH_RUNG(raw_getppid, sp::arch::syscall0(SP_NR_getppid))
SP_BENCH_RUNG(call_raw_getppid, sp_bench_called_getppid())

extern "C" __attribute__((noinline)) void sp_own_bare_asm_getppid(unsigned long n) {
  for (unsigned long done = 0; done < n; done += kBareBatch) {
    long r = sp_bare_getppid_loop(kBareBatch);
    keep(r);
  }
}

namespace {

struct Rung {
  const char* name;
  void (*run)(unsigned long);
};
const Rung kRungs[] = {
    {"empty_loop", sp_own_empty_loop},
    {"raw_getpid", sp_own_raw_getpid},
    {"raw_getppid", sp_own_raw_getppid},
    {"bare_asm_getppid", sp_own_bare_asm_getppid},
    {"call_raw_getppid", sp_own_call_raw_getppid},
};

}  // namespace

extern "C" [[noreturn]] void sp_bench_darwin_start(int argc, char** argv, char**, char**) {
  if (argc == 2 && same(argv[1], "--sp-list")) {
    for (const Rung& r : kRungs) {
      say(r.name);
      say("\n");
    }
    exit_with(0);
  }
  if (argc != 3) {
    complain("usage: sp-bench --sp-list | sp-bench RUNG N\n");
    exit_with(2);
  }
  // Every rung must do what its name says before it is timed: a pid, the same parent pid
  // by all three getppid paths.
  const long pid = sp::arch::syscall0(SP_NR_getpid), ppid = sp::arch::syscall0(SP_NR_getppid);
  if (pid <= 0 || ppid <= 0 || sp_bare_getppid_loop(3) != ppid || sp_bench_called_getppid() != ppid) {
    complain("sp-bench: a getpid/getppid rung answers wrongly: nothing timed\n");
    exit_with(3);
  }
  unsigned long n = 0;
  for (const char* p = argv[2]; *p; ++p) {
    if (*p < '0' || *p > '9') {
      complain("sp-bench: N must be a number\n");
      exit_with(2);
    }
    n = n * 10 + static_cast<unsigned long>(*p - '0');
  }
  for (const Rung& r : kRungs) {
    if (same(argv[1], r.name)) {
      r.run(n);
      exit_with(0);
    }
  }
  complain("sp-bench: unknown rung (sp-bench --sp-list shows them)\n");
  exit_with(2);
}
