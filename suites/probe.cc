// sp-probe: executes syscall numbers on this target and says what became of each one, for
// `./sysport tables probe` and `./sysport tables check` (tables/sysport-tables), which
// choose the numbers and arguments and classify the answers.
//
//   sp-probe [-t MS] NR[=A0,A1,A2,A3,A4,A5] ...
//
// Every number runs in a child process of its own, so a call that kills, stops, forks or
// blocks the caller costs one child and nothing else; the child gets MS milliseconds
// (default 500) before it is killed. Arguments default to -1: an invalid descriptor, an
// unmapped pointer, a size or flag word no handler accepts, so that an implemented call
// fails fast and harmlessly. One line per number, in order, then "done N":
//
//   NR returned VALUE            the call came back with a non-error value
//   NR error ENAME ERRNO         it came back with -ERRNO (named from this target's table)
//   NR exited STATUS             the child ended with STATUS without the call returning
//                                (exit and exit_group end the caller: that is their answer)
//   NR signal SIGNAME SIGNO      the child was killed by a signal (rt_sigreturn with a junk
//                                frame, arm's breakpoint...)
//   NR timeout MS                still inside the call after MS ms (pause, sigsuspend)
//
// Exit status 0, or 2 for a malformed command line (one line on stderr saying what).
// The probe talks to the kernel through arch/<target>/syscall.h and takes every number it
// needs for itself (fork, wait4, pipe2...) from this target's generated table, like the raw
// backend; it is Linux-only. Other systems get a stub that says so.
#include "sysport.h"

#if defined(__linux__)

#include "syscall.h"
#include "target.h"

namespace {

constexpr long kDefaultTimeoutMs = 500;
constexpr int kArgs = 6;

long sys(long nr, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
  return sp::arch::syscall6(nr, a, b, c, d, e, f);
}

bool failed(long r) { return r < 0 && r >= -4095; }  // include/linux/err.h, every arch

const char* errno_name(long e) {
#define SP_PROBE_ERRNO(name, number) \
  if (e == (number)) return #name;
  SP_ERRNO_TABLE(SP_PROBE_ERRNO)
#undef SP_PROBE_ERRNO
  return "E?";
}

const char* signal_name(long s) {
#define SP_PROBE_SIGNAL(name, number) \
  if (s == (number)) return #name;
  SP_SIGNAL_TABLE(SP_PROBE_SIGNAL)
#undef SP_PROBE_SIGNAL
  return "SIG?";
}

// A new process that continues here, like fork(2). arm64 and riscv64 have no fork
// syscall; clone with only the exit signal set is what their C libraries use instead
// (every argument after the flags is 0, so the arches' differing clone argument orders do
// not matter, except s390's, whose first two are swapped: it has fork, so never gets here).
long new_process() {
#if defined(SP_NR_fork)
  return sys(SP_NR_fork);
#else
  return sys(SP_NR_clone, SP_SIGNAL_SIGCHLD, 0, 0, 0, 0, 0);
#endif
}

void sleep_us(long us) {
  long ts[2] = {us / 1000000, (us % 1000000) * 1000};  // struct timespec: two longs here
  sys(SP_NR_nanosleep, reinterpret_cast<long>(ts), 0);
}

// wait4(pid, &status, options): the child's pid, 0 (WNOHANG, still running) or -errno.
long wait_child(long pid, int* status, long options) {
  return sys(SP_NR_wait4, pid, reinterpret_cast<long>(status), options, 0);
}

// Runs in the child: the probed call, then its result down the pipe.
[[noreturn]] void child(long nr, const long* args, int result_fd) {
  using namespace sp::arch;
  const long me = syscall0(SP_NR_getpid);
  const long r = syscall6(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
  // fork, vfork and clone also return in the process they made (with 0): that one leaves
  // at once, so only the caller reports. After a vfork it runs on this very stack until
  // it exits, so it uses only the one- and zero-argument traps, which keep everything in
  // registers (i386's six-argument trap pushes ebp, and the caller would pop the child's).
  if (syscall0(SP_NR_getpid) != me) {
    for (;;) syscall1(SP_NR_exit_group, 0);
  }
  syscall3(SP_NR_write, result_fd, reinterpret_cast<long>(&r), sizeof r);
  for (;;) syscall1(SP_NR_exit_group, 0);
}

void probe(long nr, const long* args, long timeout_ms) {
  int fds[2] = {-1, -1};
  const long p = sys(SP_NR_pipe2, reinterpret_cast<long>(fds), 0);
  if (failed(p)) {
    sp::Line() << nr << " probe-error pipe2 " << errno_name(-p);
    return;
  }
  const long pid = new_process();
  if (pid == 0) {
    sys(SP_NR_close, fds[0]);
    child(nr, args, fds[1]);
  }
  sys(SP_NR_close, fds[1]);
  if (failed(pid)) {
    sys(SP_NR_close, fds[0]);
    sp::Line() << nr << " probe-error fork " << errno_name(-pid);
    return;
  }
  // Poll with a growing sleep: most calls end within microseconds, and a timer signal in
  // this process would need a per-arch sa_restorer that the raw layer does not have.
  int status = 0;
  long waited_us = 0, step_us = 20;
  bool timed_out = false;
  for (;;) {
    const long w = wait_child(pid, &status, 1 /* WNOHANG */);
    if (w == pid) break;
    if (failed(w) && w != -SP_ERRNO_EINTR) {
      sp::Line() << nr << " probe-error wait4 " << errno_name(-w);
      sys(SP_NR_close, fds[0]);
      return;
    }
    if (waited_us >= timeout_ms * 1000) {
      sys(SP_NR_kill, pid, SP_SIGNAL_SIGKILL);
      // Blocking now: SIGKILL ends it as soon as it leaves an uninterruptible sleep.
      long gone;
      do {
        gone = wait_child(pid, &status, 0);
      } while (gone == -SP_ERRNO_EINTR);
      timed_out = true;
      break;
    }
    sleep_us(step_us);
    waited_us += step_us;
    if (step_us < 2000) step_us *= 2;
  }
  long value = 0;
  const long got = sys(SP_NR_read, fds[0], reinterpret_cast<long>(&value), sizeof value);
  sys(SP_NR_close, fds[0]);
  sp::Line line;
  line << nr;
  if (got == static_cast<long>(sizeof value)) {
    // The call came back: that is the answer, however the child ended afterwards.
    if (failed(value)) {
      line << " error " << errno_name(-value) << " " << -value;
    } else {
      line << " returned " << value;
    }
  } else if (timed_out) {
    line << " timeout " << timeout_ms;
  } else if ((status & 0x7f) == 0) {
    line << " exited " << ((status >> 8) & 0xff);
  } else {
    line << " signal " << signal_name(status & 0x7f) << " " << (status & 0x7f);
  }
}

int usage(const char* why, const char* what) {
  sp::Line(2) << "sp-probe: " << why << what;
  return 2;
}

// "NR" or "NR=A0,A1,...": at most six arguments, the rest -1.
bool parse_spec(char* text, long* nr, long* args) {
  for (int i = 0; i < kArgs; ++i) args[i] = -1;
  char* rest = nullptr;
  for (char* p = text; *p; ++p) {
    if (*p == '=') {
      *p = '\0';
      rest = p + 1;
      break;
    }
  }
  if (!sp::parse_long(text, nr) || *nr < 0) return false;
  if (!rest) return true;
  for (int i = 0; i < kArgs; ++i) {
    char* start = rest;
    while (*rest && *rest != ',') ++rest;
    const bool last = *rest == '\0';
    *rest = '\0';
    if (!sp::parse_long(start, &args[i])) return false;
    if (last) return true;
    ++rest;
  }
  return false;  // a seventh argument
}

}  // namespace

int sp_case_main(int argc, char** argv) {
  long timeout_ms = kDefaultTimeoutMs;
  int first = 1;
  if (argc > 2 && sp::equal(argv[1], "-t")) {
    if (!sp::parse_long(argv[2], &timeout_ms) || timeout_ms <= 0) {
      return usage("-t wants a positive number of milliseconds, not ", argv[2]);
    }
    first = 3;
  }
  if (first >= argc) return usage("no syscall number given; usage: sp-probe [-t MS] NR[=A0,...,A5]...", "");
  // Check the whole command line before running anything.
  for (int i = first; i < argc; ++i) {
    long nr, args[kArgs];
    char copy[256];
    sp::size_t n = sp::length(argv[i]);
    if (n >= sizeof copy) return usage("argument too long: ", argv[i]);
    for (sp::size_t k = 0; k <= n; ++k) copy[k] = argv[i][k];
    if (!parse_spec(copy, &nr, args)) return usage("not NR or NR=A0,...,A5 (at most six integers): ", argv[i]);
  }
  for (int i = first; i < argc; ++i) {
    long nr, args[kArgs];
    parse_spec(argv[i], &nr, args);
    probe(nr, args, timeout_ms);
  }
  sp::Line() << "done " << (argc - first);
  return 0;
}

#else  // not Linux

int sp_case_main(int, char**) {
  sp::Line(2) << "sp-probe: probing syscall numbers is implemented for Linux targets only";
  return 2;
}

#endif
