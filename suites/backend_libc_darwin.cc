// The libc backend on Darwin: the same portable API through libSystem, macOS's C library,
// so that a Mac compares raw traps with libSystem the way Linux compares them with glibc.
//
// There is no macOS SDK on a Linux host (and the project uses nothing of Apple's), so the
// few libSystem functions used are declared here with their Darwin types, and the program
// links against the project's stub arch/darwin-common/libSystem.tbd. Open flags and errno
// names come from the XNU tables through target.h, because libSystem has no errno-name
// function; signal names come from libSystem's own sys_signame[], so that on a Mac a wrong
// signal number in tables/darwin shows up as the raw and libc transcripts disagreeing.
// These binaries are built and statically checked here and run only on a real Mac.
#include "sysport.h"
#include "syscall.h"  // arch/darwin-*: the raw trap, to cross-check libSystem in one process
#include "target.h"
#include "backend_shared.h"

extern "C" {
// Darwin types: pid_t is int, mode_t is unsigned short, ssize_t/size_t are 64-bit.
int* __error(void);
int getpid(void);
int getppid(void);
int kill(int pid, int sig);
[[noreturn]] void _exit(int status);
int pause(void);
int mkdir(const char* path, unsigned short mode);
int mkdirat(int fd, const char* path, unsigned short mode);
int rmdir(const char* path);
int unlink(const char* path);
// Variadic in libSystem, and it matters: Apple's arm64 ABI passes variadic arguments on the
// stack, not in registers, so a fixed three-argument declaration would lose the mode.
int open(const char* path, int flags, ...);
int close(int fd);
long read(int fd, void* buf, unsigned long len);
long write(int fd, const void* buf, unsigned long len);
// "hup", "int", ... indexed by signal number (<signal.h>, NSIG entries).
extern const char* const sys_signame[SP_SIGNAL_NSIG];
}

namespace sp {
namespace {

Result from_libc(long r) {
  if (r == -1) return Result{-1, shared::table_errno_name(*__error())};
  return Result{r, nullptr};
}

// sys_signame spells "usr1" for SIGUSR1: compare case-insensitively after the SIG prefix.
bool same_signal_name(const char* portable, const char* libsystem) {
  if (!(portable[0] == 'S' && portable[1] == 'I' && portable[2] == 'G')) return false;
  const char* p = portable + 3;
  for (; *p && *libsystem; ++p, ++libsystem) {
    const char lower = (*p >= 'A' && *p <= 'Z') ? static_cast<char>(*p - 'A' + 'a') : *p;
    if (lower != *libsystem) return false;
  }
  return *p == '\0' && *libsystem == '\0';
}

}  // namespace

const char* backend() { return "libc"; }

long getpid() { return shared::cross_checked("libSystem", "getpid", ::getpid(), SP_NR_getpid); }
long getppid() { return shared::cross_checked("libSystem", "getppid", ::getppid(), SP_NR_getppid); }

Result kill(long pid, Signal sig) { return from_libc(::kill(static_cast<int>(pid), sig.number)); }

Signal signal_named(const char* name) {
  for (int s = 1; s < SP_SIGNAL_NSIG; ++s) {
    if (sys_signame[s] && same_signal_name(name, sys_signame[s])) return Signal{name, s};
  }
  return Signal{name, -1};
}

Signal invalid_signal() { return Signal{"invalid signal", SP_SIGNAL_NSIG + 1000}; }

void exit_group(int status) { _exit(status); }
// Darwin has no thread-only exit that reports a status: BSD exit ends the process, which
// is what the single-threaded cases see from Linux's exit(2) too.
void exit_thread(int status) { _exit(status); }

void wait_for_signal() {
  for (;;) pause();
}

Result mkdir(const char* path, unsigned mode) {
  return from_libc(::mkdir(path, static_cast<unsigned short>(mode)));
}
Result mkdirat_cwd(const char* path, unsigned mode) {
  return from_libc(::mkdirat(AT_FDCWD, path, static_cast<unsigned short>(mode)));
}
Result rmdir(const char* path) { return from_libc(::rmdir(path)); }
Result unlink(const char* path) { return from_libc(::unlink(path)); }
Result open(const char* path, unsigned flags, unsigned mode) {
  return from_libc(::open(path, static_cast<int>(shared::open_flags(flags)), static_cast<int>(mode)));
}
Result close(long fd) { return from_libc(::close(static_cast<int>(fd))); }
Result read(long fd, void* buf, size_t len) { return from_libc(::read(static_cast<int>(fd), buf, len)); }
Result write(long fd, const void* buf, size_t len) {
  return from_libc(::write(static_cast<int>(fd), buf, len));
}

}  // namespace sp

int main(int argc, char** argv) { return sp_case_main(argc, argv); }
