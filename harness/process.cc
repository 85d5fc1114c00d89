#include "harness/process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <utility>

#include "harness/process_host.h"

namespace sysport {
namespace {

using Clock = std::chrono::steady_clock;

// Tells the parent why exec did not happen, through the close-on-exec report pipe.
[[noreturn]] void child_fail(int report_w, int e) {
  (void)!write(report_w, &e, sizeof e);
  _exit(127);
}

[[noreturn]] void child_exec(const SpawnOptions& o, const std::string& program, int out_w, int err_w, int report_w) {
  auto fail = [report_w](int e) { child_fail(report_w, e); };
  setpgid(0, 0);
  // Dispositions set to "ignore" survive exec; the program must start with defaults.
  for (int s = 1; s < NSIG; ++s) signal(s, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  umask(o.umask);
  // No core files: QEMU honours RLIMIT_CORE too, and a crash case would leave one behind.
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  if (!o.cwd.empty() && chdir(o.cwd.c_str()) != 0) fail(errno);
  const int devnull = open("/dev/null", O_RDONLY);
  if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out_w, 1) < 0 || dup2(err_w, 2) < 0) fail(errno);
  if (devnull > 2) close(devnull);  // the program starts with exactly stdin, stdout, stderr
  for (const auto& [name, value] : o.environment) setenv(name.c_str(), value.c_str(), 1);
  std::vector<char*> argv;
  for (const auto& a : o.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // execv, not execvp: on ENOEXEC execvp hands the file to /bin/sh, and a binary this
  // kernel cannot run would then fail as a shell syntax error instead of saying so.
  execv(program.c_str(), argv.data());
  child_fail(report_w, errno);
}

}  // namespace

std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string signal_name(int signal) {
  const char* abbrev = process_host::signal_abbreviation(signal);
  if (abbrev) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

std::string ProcessOutcome::describe() const {
  switch (end) {
    case End::Exited:
      return "exit " + std::to_string(exit_status);
    case End::Signaled:
      return "signal " + signal_name(signal);
    case End::TimedOut: {
      std::ostringstream s;
      s << "timeout after " << seconds << " s";
      return s.str();
    }
    case End::OutputCapped:
      return "output cap exceeded (" + std::to_string(out.size() + err.size()) + " bytes kept)";
    case End::SpawnFailed:
      return std::string("could not start: ") + strerror(spawn_errno);
  }
  return "unknown";
}

Process::Process(SpawnOptions options) : options_(std::move(options)) {}

Process::~Process() {
  if (pid_ > 0 && !finished_) {
    kill_group();
    waitpid(pid_, nullptr, 0);
  }
  close_fds();
}

void Process::close_fds() {
  for (int* fd : {&out_fd_, &err_fd_, &pid_fd_}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
}

void Process::kill_group() {
  // The leader is not reaped before this runs, so the group id cannot have been reused.
  if (pid_ > 0) kill(-pid_, SIGKILL);
}

bool Process::start() {
  started_ = Clock::now();
  if (options_.argv.empty()) {
    outcome_.end = ProcessOutcome::End::SpawnFailed;
    outcome_.spawn_errno = EINVAL;
    return false;
  }
  // Looked up here, not in the child: execvp would fall back to /bin/sh (see child_exec).
  const std::string program = find_program(options_.argv.front());
  if (program.empty()) {
    outcome_.end = ProcessOutcome::End::SpawnFailed;
    outcome_.spawn_errno = ENOENT;
    return false;
  }
  int out[2], err[2], report[2];
  if (process_host::pipe_cloexec(out) != 0) return false;
  if (process_host::pipe_cloexec(err) != 0) {
    close(out[0]);
    close(out[1]);
    return false;
  }
  if (process_host::pipe_cloexec(report) != 0) {
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    return false;
  }
  const pid_t pid = fork();
  if (pid == 0) child_exec(options_, program, out[1], err[1], report[1]);
  close(out[1]);
  close(err[1]);
  close(report[1]);
  if (pid < 0) {
    outcome_.end = ProcessOutcome::End::SpawnFailed;
    outcome_.spawn_errno = errno;
    for (int fd : {out[0], err[0], report[0]}) close(fd);
    return false;
  }
  setpgid(pid, pid);  // also in the child: whichever runs first, the group exists at exec
  pid_ = pid;
  out_fd_ = out[0];
  err_fd_ = err[0];
  int exec_errno = 0;
  const ssize_t n = read(report[0], &exec_errno, sizeof exec_errno);  // EOF once exec worked
  close(report[0]);
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    waitpid(pid_, nullptr, 0);
    finished_ = true;
    close_fds();
    outcome_.end = ProcessOutcome::End::SpawnFailed;
    outcome_.spawn_errno = exec_errno;
    return false;
  }
  fcntl(out_fd_, F_SETFL, O_NONBLOCK);
  fcntl(err_fd_, F_SETFL, O_NONBLOCK);
  pid_fd_ = process_host::exit_watch_fd(pid_);
  return true;
}

void Process::reap_if_exited() {
  siginfo_t info{};
  // WNOWAIT: note the exit but leave the zombie, so the group id stays ours until finish().
  if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
      info.si_pid == pid_) {
    exited_ = true;
  }
}

bool Process::pump(Clock::time_point deadline) {
  const auto now = Clock::now();
  if (now >= deadline) return false;
  pollfd fds[3];
  int n = 0;
  if (out_fd_ >= 0) fds[n++] = {out_fd_, POLLIN, 0};
  if (err_fd_ >= 0) fds[n++] = {err_fd_, POLLIN, 0};
  if (pid_fd_ >= 0 && !exited_) fds[n++] = {pid_fd_, POLLIN, 0};
  auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
  // Without an exit descriptor (a POSIX host, an old kernel) check for the exit every 20 ms.
  if (pid_fd_ < 0) wait_ms = std::min<long long>(wait_ms, 20);
  const int ready = poll(fds, static_cast<nfds_t>(n), static_cast<int>(std::max<long long>(wait_ms, 1)));
  if (ready < 0 && errno != EINTR) return false;
  char chunk[8192];
  for (int i = 0; i < n; ++i) {
    if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    if (fds[i].fd == pid_fd_) {
      reap_if_exited();
      continue;
    }
    int* fd = fds[i].fd == out_fd_ ? &out_fd_ : &err_fd_;
    std::string& sink = fds[i].fd == out_fd_ ? outcome_.out : outcome_.err;
    const ssize_t got = read(*fd, chunk, sizeof chunk);
    if (got > 0) {
      const std::size_t room = options_.output_cap - std::min(options_.output_cap, outcome_.out.size() + outcome_.err.size());
      sink.append(chunk, std::min<std::size_t>(room, static_cast<std::size_t>(got)));
      if (static_cast<std::size_t>(got) > room) {
        capped_ = true;
        kill_group();
      }
    } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
      close(*fd);
      *fd = -1;
    }
  }
  if (pid_fd_ < 0 && !exited_) reap_if_exited();
  return true;
}

bool Process::wait_for_line(const std::string& line, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const std::string& o = outcome_.out;
    if (o.rfind(line + "\n", 0) == 0 || o.find("\n" + line + "\n") != std::string::npos) return true;
    if (exited_ || capped_ || out_fd_ < 0) return false;
    if (!pump(deadline)) return false;
  }
}

const ProcessOutcome& Process::finish() {
  if (finished_) return outcome_;
  const auto deadline = started_ + options_.timeout;
  bool timed_out = false;
  while (!exited_ && !capped_) {
    if (!pump(deadline)) {
      timed_out = true;
      break;
    }
  }
  // The main process is over (or given up on); anything left in its group goes with it.
  // Leftovers are looked for where the host can (process_host.h says when and how).
  const std::optional<bool> others = exited_ ? process_host::others_alive_before_kill(pid_, pid_) : false;
  kill_group();
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  outcome_.killed_leftovers = others ? *others : process_host::group_outlived_leader(pid_);
  // Drain what is still buffered in the pipes; bounded, in case a process escaped the group.
  const auto drain_deadline = Clock::now() + std::chrono::seconds(1);
  while ((out_fd_ >= 0 || err_fd_ >= 0) && !capped_ && pump(drain_deadline)) {
  }
  outcome_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  if (capped_) {
    outcome_.end = ProcessOutcome::End::OutputCapped;
  } else if (timed_out) {
    outcome_.end = ProcessOutcome::End::TimedOut;
  } else if (WIFEXITED(status)) {
    outcome_.end = ProcessOutcome::End::Exited;
    outcome_.exit_status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome_.end = ProcessOutcome::End::Signaled;
    outcome_.signal = WTERMSIG(status);
  }
  finished_ = true;
  close_fds();
  return outcome_;
}

ProcessOutcome run_process(const SpawnOptions& options) {
  Process p(options);
  if (!p.start()) return p.outcome();
  return p.finish();
}

}  // namespace sysport
