// The raw backend: the portable API straight onto the kernel, with no C library.
// Every number comes from the generated tables of this target (arch/<target>/target.h);
// the trap sequence and the error convention come from arch/<target>/syscall.h, which
// always hands back the kernel's answer as a value or a negative errno.
// Where a target lacks the classic call (arm64 and riscv64 have no mkdir, open, unlink or
// rmdir), the *at form with AT_FDCWD stands in, chosen by whether the table defines it.
#include "sysport.h"
#include "syscall.h"
#include "target.h"

// O_* bits and AT_* values per arch: Linux targets take them from the kernel uapi header
// (freestanding); a target whose kernel headers are not on this host (Darwin) defines them
// in its target.h, from its tables, and says so with SP_TARGET_HAS_FCNTL.
#ifndef SP_TARGET_HAS_FCNTL
#include <linux/fcntl.h>
#endif

#include "backend_shared.h"

#ifdef SP_BREAK_SYSCALL_NUMBER
// Self-test build only (see SYSPORT_SELFTESTS in CMakeLists.txt): getpid one number off,
// the classic mistake of a hand-typed table. The matrix must catch it.
enum : long { kBrokenGetpidNumber = SP_NR_getpid + 1 };
#undef SP_NR_getpid
#define SP_NR_getpid kBrokenGetpidNumber
#endif

namespace sp {
namespace {

Result decode(long r) {
  // Linux reserves [-4095, -1] for errors on every architecture (include/linux/err.h).
  // Conventions that signal errors out of band (powerpc cr0.SO, Darwin's carry flag) are
  // folded into the same negative errno by arch/<target>/syscall.h.
  if (r < 0 && r >= -4095) return Result{-1, shared::table_errno_name(-r)};
  return Result{r, nullptr};
}

long as_long(const void* p) { return reinterpret_cast<long>(p); }

}  // namespace

const char* backend() { return "raw"; }

long getpid() { return arch::syscall0(SP_NR_getpid); }
long getppid() { return arch::syscall0(SP_NR_getppid); }

Result kill(long pid, Signal sig) {
#if defined(SP_KILL_POSIX_ARGUMENT)
  // Darwin: kill(pid, signum, posix), where libSystem always passes posix = 1.
  return decode(arch::syscall3(SP_NR_kill, pid, sig.number, SP_KILL_POSIX_ARGUMENT));
#else
  return decode(arch::syscall2(SP_NR_kill, pid, sig.number));
#endif
}

Signal signal_named(const char* name) {
#define SP_SIGNAL_CASE(sig, number) \
  if (equal(name, #sig)) return Signal{name, number};
  SP_SIGNAL_TABLE(SP_SIGNAL_CASE)
#undef SP_SIGNAL_CASE
  return Signal{name, -1};
}

Signal invalid_signal() { return Signal{"invalid signal", SP_SIGNAL_NSIG + 1000}; }

void exit_group(int status) {
#if defined(SP_NR_exit_group)
  for (;;) arch::syscall1(SP_NR_exit_group, status);
#else
  // Darwin: no exit_group; BSD exit ends the whole process.
  for (;;) arch::syscall1(SP_NR_exit, status);
#endif
}

void exit_thread(int status) {
  for (;;) arch::syscall1(SP_NR_exit, status);
}

void wait_for_signal() {
  for (;;) {
#if defined(SP_NR_pause)
    arch::syscall0(SP_NR_pause);
#elif defined(SP_NR_ppoll)
    // No pause(2) on the asm-generic arches: ppoll with no descriptors and no timeout
    // sleeps until a signal arrives, which is how their C libraries implement pause().
    arch::syscall5(SP_NR_ppoll, 0, 0, 0, 0, 0);
#else
    // Darwin: sigsuspend takes the mask by value; an empty one waits for any signal, which
    // is what libSystem's pause() does with the current (here empty) mask.
    arch::syscall1(SP_NR_sigsuspend, 0);
#endif
  }
}

Result mkdir(const char* path, unsigned mode) {
#if defined(SP_NR_mkdir)
  return decode(arch::syscall2(SP_NR_mkdir, as_long(path), mode));
#else
  return mkdirat_cwd(path, mode);
#endif
}

#ifndef SP_SELFTEST_WITHOUT_MKDIRAT
// (Self-test build: left out, to prove that a backend lacking an operation SKIPs the runs
// that call it, naming it: SYSPORT_SELFTESTS in CMakeLists.txt.)
Result mkdirat_cwd(const char* path, unsigned mode) {
  return decode(arch::syscall3(SP_NR_mkdirat, AT_FDCWD, as_long(path), mode));
}
#endif

Result rmdir(const char* path) {
#if defined(SP_NR_rmdir)
  return decode(arch::syscall1(SP_NR_rmdir, as_long(path)));
#else
  return decode(arch::syscall3(SP_NR_unlinkat, AT_FDCWD, as_long(path), AT_REMOVEDIR));
#endif
}

Result unlink(const char* path) {
#if defined(SP_NR_unlink)
  return decode(arch::syscall1(SP_NR_unlink, as_long(path)));
#else
  return decode(arch::syscall3(SP_NR_unlinkat, AT_FDCWD, as_long(path), 0));
#endif
}

Result open(const char* path, unsigned flags, unsigned mode) {
  const long k = shared::open_flags(flags);
#if defined(SP_NR_open)
  return decode(arch::syscall3(SP_NR_open, as_long(path), k, mode));
#else
  return decode(arch::syscall4(SP_NR_openat, AT_FDCWD, as_long(path), k, mode));
#endif
}

Result close(long fd) { return decode(arch::syscall1(SP_NR_close, fd)); }

Result read(long fd, void* buf, size_t len) {
  return decode(arch::syscall3(SP_NR_read, fd, as_long(buf), static_cast<long>(len)));
}

Result write(long fd, const void* buf, size_t len) {
  return decode(arch::syscall3(SP_NR_write, fd, as_long(buf), static_cast<long>(len)));
}

}  // namespace sp
