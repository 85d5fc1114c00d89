// The libc backend: the same portable API through the target's C library (glibc, linked
// statically). Error and signal *names* come from glibc itself (strerrorname_np,
// sigabbrev_np, glibc >= 2.32), not from the project's tables, so that comparing a raw
// transcript with a libc one also checks the generated errno and signal tables.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sysport.h"
#include "syscall.h"  // arch/<target>: the raw trap, to cross-check glibc in one process
#include "target.h"
#include "backend_shared.h"

namespace sp {
namespace {

Result from_libc(long r) {
  if (r == -1) {
    const char* name = strerrorname_np(errno);
    return Result{-1, name ? name : "E?unknown"};
  }
  return Result{r, nullptr};
}

}  // namespace

const char* backend() { return "libc"; }

long getpid() { return shared::cross_checked("glibc", "getpid", ::getpid(), SP_NR_getpid); }
long getppid() { return shared::cross_checked("glibc", "getppid", ::getppid(), SP_NR_getppid); }

Result kill(long pid, Signal sig) { return from_libc(::kill(static_cast<pid_t>(pid), sig.number)); }

Signal signal_named(const char* name) {
  // sigabbrev_np answers "TERM" for SIGTERM; the portable spelling carries the prefix.
  if (strncmp(name, "SIG", 3) == 0) {
    for (int s = 1; s < NSIG; ++s) {
      const char* abbrev = sigabbrev_np(s);
      if (abbrev && strcmp(abbrev, name + 3) == 0) return Signal{name, s};
    }
  }
  return Signal{name, -1};
}

Signal invalid_signal() { return Signal{"invalid signal", NSIG + 1000}; }

void exit_group(int status) { _exit(status); }

void exit_thread(int status) {
  // glibc has no wrapper for the thread-only exit(2); syscall(2) is its documented way in.
  for (;;) syscall(SYS_exit, status);
}

void wait_for_signal() {
  for (;;) pause();
}

Result mkdir(const char* path, unsigned mode) { return from_libc(::mkdir(path, mode)); }
Result mkdirat_cwd(const char* path, unsigned mode) {
  return from_libc(::mkdirat(AT_FDCWD, path, mode));
}
Result rmdir(const char* path) { return from_libc(::rmdir(path)); }
Result unlink(const char* path) { return from_libc(::unlink(path)); }
Result open(const char* path, unsigned flags, unsigned mode) {
  return from_libc(::open(path, static_cast<int>(shared::open_flags(flags)), mode));
}
Result close(long fd) { return from_libc(::close(static_cast<int>(fd))); }
Result read(long fd, void* buf, size_t len) { return from_libc(::read(static_cast<int>(fd), buf, len)); }
Result write(long fd, const void* buf, size_t len) {
  return from_libc(::write(static_cast<int>(fd), buf, len));
}

}  // namespace sp

int main(int argc, char** argv) { return sp_case_main(argc, argv); }
