// sp-bench: the syscall-cost ladder of one target (rungs.h), timed by Google Benchmark
// where the target has Debian's libbenchmark, else by the project's own loop (own_loop.cc),
// which takes the same flags and writes the same JSON. bench/sysport-bench runs it.
//
//   sp-bench [--benchmark_* flags]   the ladder (Google Benchmark, or the own loop)
//   sp-bench --sp-own-loop [...]     the own loop even where Google Benchmark is linked
//   sp-bench --sp-list               the rung names, one per line
//
// Before timing anything it checks that every rung does what its name says (validate()):
// a ladder of wrong syscalls would time nothing useful.
#include "ladder.h"

#include <sys/auxv.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "rungs.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace sp_bench {

#if defined(__i386__)
unsigned long vsyscall_entry = 0;
#endif

// noipa: not inlined, and no assumption about it made at its call sites, so the call and
// return stay as real as in a libc wrapper.
extern "C" __attribute__((noipa)) long sp_bench_called_getppid() { return op_raw_getppid(); }

// Each rung as two functions with plain names, sp_gb_<rung> and sp_own_<rung>, so the
// disassembly check finds them: the trap must sit inside their loop.
#ifdef SP_BENCH_HAVE_GBENCH
#define SP_BENCH_GB_RUNG(name)                                                   \
  extern "C" __attribute__((noinline)) void sp_gb_##name(benchmark::State& state) { \
    for (auto _ : state) {                                                       \
      long r = op_##name();                                                      \
      keep(r);                                                                   \
    }                                                                            \
  }
#else
#define SP_BENCH_GB_RUNG(name)
#endif

#define SP_BENCH_RUNG(name)                                                 \
  SP_BENCH_GB_RUNG(name)                                                    \
  extern "C" __attribute__((noinline)) void sp_own_##name(std::uint64_t n) { \
    for (std::uint64_t i = 0; i < n; ++i) {                                 \
      long r = op_##name();                                                 \
      keep(r);                                                              \
    }                                                                       \
  }

SP_BENCH_RUNG(empty_loop)
SP_BENCH_RUNG(vdso_clock_gettime)
SP_BENCH_RUNG(raw_clock_gettime)
SP_BENCH_RUNG(raw_enosys)
SP_BENCH_RUNG(raw_getpid)
SP_BENCH_RUNG(raw_getppid)
SP_BENCH_RUNG(call_raw_getppid)
SP_BENCH_RUNG(libc_getpid)
SP_BENCH_RUNG(libc_getppid)
SP_BENCH_RUNG(libc_syscall_getpid)
#if defined(__i386__)
SP_BENCH_RUNG(vsyscall_getppid)
#endif

// The bare loop runs whole batches of traps in asm; the timing loop around it advances by
// the batch, so its per-iteration time is per trap.
#ifdef SP_BENCH_HAVE_GBENCH
extern "C" __attribute__((noinline)) void sp_gb_bare_asm_getppid(benchmark::State& state) {
  while (state.KeepRunningBatch(kBareBatch)) {
    long r = sp_bare_getppid_loop(kBareBatch);
    keep(r);
  }
}
#endif
extern "C" __attribute__((noinline)) void sp_own_bare_asm_getppid(std::uint64_t n) {
  for (std::uint64_t done = 0; done < n; done += kBareBatch) {
    long r = sp_bare_getppid_loop(kBareBatch);
    keep(r);
  }
}

#ifdef SP_BENCH_HAVE_GBENCH
#define SP_BENCH_ENTRY(name) {#name, sp_gb_##name, sp_own_##name, 1}
#else
#define SP_BENCH_ENTRY(name) {#name, sp_own_##name, 1}
#endif

// The ladder, bottom to top. bare_asm_getppid's own-loop iteration counts are rounded up
// to whole batches by the loop itself (granularity = kBareBatch).
const Rung kRungs[] = {
    SP_BENCH_ENTRY(empty_loop),
    SP_BENCH_ENTRY(vdso_clock_gettime),
    SP_BENCH_ENTRY(raw_clock_gettime),
    SP_BENCH_ENTRY(raw_enosys),
    SP_BENCH_ENTRY(raw_getpid),
    SP_BENCH_ENTRY(raw_getppid),
#ifdef SP_BENCH_HAVE_GBENCH
    {"bare_asm_getppid", sp_gb_bare_asm_getppid, sp_own_bare_asm_getppid, kBareBatch},
#else
    {"bare_asm_getppid", sp_own_bare_asm_getppid, kBareBatch},
#endif
    SP_BENCH_ENTRY(call_raw_getppid),
    SP_BENCH_ENTRY(libc_getpid),
    SP_BENCH_ENTRY(libc_getppid),
    SP_BENCH_ENTRY(libc_syscall_getpid),
#if defined(__i386__)
    SP_BENCH_ENTRY(vsyscall_getppid),
#endif
};
const std::size_t kRungCount = sizeof(kRungs) / sizeof(kRungs[0]);

namespace {

int failures = 0;

// One check of a rung's answer: `got` is the operation's result, taken once.
void expect(const char* rung, const char* what, long got, long want) {
  if (got == want) return;
  std::fprintf(stderr, "sp-bench: %s: %s: %s returned %ld, expected %ld\n", SP_TARGET_NAME, rung,
               what, got, want);
  ++failures;
}

long long ns_of(const struct timespec& ts) { return ts.tv_sec * 1000000000LL + ts.tv_nsec; }

}  // namespace

bool rung_available(const Rung& rung) {
#if defined(__i386__)
  if (std::strcmp(rung.name, "vsyscall_getppid") == 0) return getauxval(AT_SYSINFO) != 0;
#endif
  (void)rung;
  return true;
}

// Every rung must do what its name says on this kernel (or emulator) before it is timed.
bool validate() {
  const long pid = ::getpid();
  const long ppid = ::getppid();
  expect("raw_getpid", "the raw getpid", op_raw_getpid(), pid);
  expect("raw_getppid", "the raw getppid", op_raw_getppid(), ppid);
  expect("call_raw_getppid", "the called raw getppid", op_call_raw_getppid(), ppid);
  expect("bare_asm_getppid", "the asm loop", sp_bare_getppid_loop(3), ppid);
  expect("libc_syscall_getpid", "syscall(SYS_getpid)", op_libc_syscall_getpid(), pid);
  expect("raw_enosys", "the unassigned number", op_raw_enosys(), -SP_ERRNO_ENOSYS);

  // The raw clock must read the same clock as libc: between two libc readings.
  struct timespec before, after;
  long long raw[2] = {0, 0};
  clock_gettime(CLOCK_MONOTONIC, &before);
  long rc = sp::arch::syscall2(kNrClockGettime, CLOCK_MONOTONIC, reinterpret_cast<long>(raw));
  clock_gettime(CLOCK_MONOTONIC, &after);
  expect("raw_clock_gettime", "the raw clock_gettime", rc, 0);
  long long raw_ns = raw[0] * 1000000000LL + raw[1];
  if (rc == 0 && (raw_ns < ns_of(before) || raw_ns > ns_of(after))) {
    std::fprintf(stderr,
                 "sp-bench: %s: raw_clock_gettime: %lld ns is outside libc's %lld..%lld ns: "
                 "wrong clock or wrong timespec layout\n",
                 SP_TARGET_NAME, raw_ns, ns_of(before), ns_of(after));
    ++failures;
  }

#if defined(__i386__)
  vsyscall_entry = getauxval(AT_SYSINFO);
  if (vsyscall_entry == 0) {
    // QEMU user mode gives its guests no vDSO: there is no __kernel_vsyscall to time, and
    // the rung is left out (rung_available) rather than timed as something else.
    std::fprintf(stderr, "sp-bench: %s: no AT_SYSINFO in the auxiliary vector (no vDSO): vsyscall_getppid not measured\n",
                 SP_TARGET_NAME);
  } else {
    expect("vsyscall_getppid", "__kernel_vsyscall getppid", op_vsyscall_getppid(), ppid);
  }
#endif
  return failures == 0;
}

// Facts about this process that explain its figures; written into the JSON context.
std::vector<std::pair<std::string, std::string>> context() {
  std::vector<std::pair<std::string, std::string>> c;
  c.emplace_back("sysport_target", SP_TARGET_NAME);
  // Without a vDSO (QEMU user mode gives guests none) libc's clock_gettime is a syscall.
  c.emplace_back("vdso", getauxval(AT_SYSINFO_EHDR) ? "present" : "absent");
  c.emplace_back("enosys_number", std::to_string(kNrEnosys));
  c.emplace_back("bare_batch", std::to_string(kBareBatch));
#if defined(__x86_64__) || defined(__i386__)
  // CPUID leaf 0x40000000 names the hypervisor when the hypervisor bit (leaf 1 ecx 31) is set.
  unsigned a, b, cx, d;
  std::string hv = "none (no CPUID hypervisor bit)";
  if (__get_cpuid(1, &a, &b, &cx, &d) && (cx & (1u << 31))) {
    __cpuid(0x40000000, a, b, cx, d);
    char vendor[13];
    std::memcpy(vendor, &b, 4);
    std::memcpy(vendor + 4, &cx, 4);
    std::memcpy(vendor + 8, &d, 4);
    vendor[12] = '\0';
    hv = vendor[0] ? vendor : "present (no vendor string)";
  }
  c.emplace_back("cpuid_hypervisor", hv);
#endif
  return c;
}

}  // namespace sp_bench

#ifdef SP_BENCH_HAVE_GBENCH
static int run_google_benchmark(int argc, char** argv) {
  for (std::size_t i = 0; i < sp_bench::kRungCount; ++i) {
    if (!sp_bench::rung_available(sp_bench::kRungs[i])) continue;
    benchmark::RegisterBenchmark(sp_bench::kRungs[i].name, sp_bench::kRungs[i].gb);
  }
  for (const auto& [key, value] : sp_bench::context()) benchmark::AddCustomContext(key, value);
  benchmark::AddCustomContext("sysport_harness", "google-benchmark");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
#endif

int main(int argc, char** argv) {
  bool own_loop = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--sp-list") == 0) {
      for (std::size_t r = 0; r < sp_bench::kRungCount; ++r) {
        if (sp_bench::rung_available(sp_bench::kRungs[r])) std::printf("%s\n", sp_bench::kRungs[r].name);
      }
      return 0;
    }
    if (std::strcmp(argv[i], "--sp-own-loop") == 0) {
      own_loop = true;
      argv[i] = argv[argc - 1];  // drop it: Google Benchmark rejects flags it does not know
      --argc;
      --i;
    }
  }
  if (!sp_bench::validate()) {
    std::fprintf(stderr, "sp-bench: %s: %d rung(s) do not do what they say; nothing timed\n",
                 SP_TARGET_NAME, sp_bench::failures);
    return 3;
  }
#ifdef SP_BENCH_HAVE_GBENCH
  if (!own_loop) return run_google_benchmark(argc, argv);
#else
  (void)own_loop;
#endif
  return sp_bench::run_own_loop(argc, argv);
}
