// The process layer's host for any POSIX system (the macOS CI job's harness): no descriptor
// for a child's end (the caller polls), no way to list a process group before killing it
// (so leftovers are found after), and signal names from a table of the POSIX signals.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "harness/process_host.h"

namespace sysport::process_host {

const char* name() { return "posix"; }

int pipe_cloexec(int fds[2]) {
  // Not atomic with a concurrent fork, which the single-threaded harness does not have.
  if (pipe(fds) != 0) return -1;
  for (int i = 0; i < 2; ++i) fcntl(fds[i], F_SETFD, FD_CLOEXEC);
  return 0;
}

int exit_watch_fd(pid_t) { return -1; }

std::optional<bool> others_alive_before_kill(pid_t, pid_t) { return std::nullopt; }

bool group_outlived_leader(pid_t pgid) { return kill(-pgid, 0) == 0; }

const char* signal_abbreviation(int signal) {
  // Where two names share a number (SIGIOT and SIGABRT, SIGPOLL and SIGIO), the first listed
  // wins, as glibc's sigabbrev_np chooses; the harness's tests compare the two on Linux.
  static const struct {
    int number;
    const char* name;
  } table[] = {
    {SIGHUP, "HUP"},   {SIGINT, "INT"},   {SIGQUIT, "QUIT"},     {SIGILL, "ILL"},   {SIGTRAP, "TRAP"},
    {SIGABRT, "ABRT"}, {SIGBUS, "BUS"},   {SIGFPE, "FPE"},       {SIGKILL, "KILL"}, {SIGUSR1, "USR1"},
    {SIGSEGV, "SEGV"}, {SIGUSR2, "USR2"}, {SIGPIPE, "PIPE"},     {SIGALRM, "ALRM"}, {SIGTERM, "TERM"},
    {SIGCHLD, "CHLD"}, {SIGCONT, "CONT"}, {SIGSTOP, "STOP"},     {SIGTSTP, "TSTP"}, {SIGTTIN, "TTIN"},
    {SIGTTOU, "TTOU"}, {SIGURG, "URG"},   {SIGXCPU, "XCPU"},     {SIGXFSZ, "XFSZ"}, {SIGVTALRM, "VTALRM"},
    {SIGPROF, "PROF"}, {SIGWINCH, "WINCH"}, {SIGSYS, "SYS"},
#ifdef SIGSTKFLT
    {SIGSTKFLT, "STKFLT"},
#endif
#ifdef SIGPOLL  // before SIGIO: glibc names their shared number POLL
    {SIGPOLL, "POLL"},
#endif
#ifdef SIGIO
    {SIGIO, "IO"},
#endif
#ifdef SIGPWR
    {SIGPWR, "PWR"},
#endif
#ifdef SIGEMT
    {SIGEMT, "EMT"},
#endif
#ifdef SIGINFO
    {SIGINFO, "INFO"},
#endif
  };
  for (const auto& entry : table) {
    if (entry.number == signal) return entry.name;
  }
  return nullptr;
}

}  // namespace sysport::process_host
