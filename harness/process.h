// Running one program the way the harness runs every binary: in a directory it chose,
// in a process group of its own, with a umask, a time limit and a cap on what it may
// print, and with whatever it left running killed when it ends.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sysport {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  std::filesystem::path cwd;
  std::chrono::milliseconds timeout{10000};
  std::size_t output_cap = 64 * 1024;  // stdout and stderr together, in bytes
  mode_t umask = 022;
  std::map<std::string, std::string> environment;  // added to (or replacing in) the harness's own
};

// How a process ended. Exactly one of the `End` values describes it; `signal` and
// `exit_status` are meaningful only for Signaled and Exited.
struct ProcessOutcome {
  enum class End { Exited, Signaled, TimedOut, OutputCapped, SpawnFailed };
  End end = End::SpawnFailed;
  int exit_status = -1;
  int signal = 0;
  int spawn_errno = 0;  // errno of the failed exec, for SpawnFailed
  std::string out;
  std::string err;
  double seconds = 0;
  bool killed_leftovers = false;  // the group still had members after the main process ended

  // "exit 0", "signal SIGSEGV", "timeout after 10 s", "output cap of 65536 bytes exceeded",
  // "could not start: No such file or directory".
  std::string describe() const;
};

// Looks a program up in PATH (or checks it when it has a '/'): empty if not found.
std::string find_program(const std::string& name);

// The host's abbreviation for a signal with its SIG prefix: "SIGTERM"; "signal 99" if unknown.
std::string signal_name(int signal);

// A started process. The destructor kills its whole process group, so nothing a test
// starts outlives it, whatever path the test takes out.
class Process {
 public:
  explicit Process(SpawnOptions options);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Starts it; false (with outcome() saying why) when the program could not be executed.
  bool start();
  pid_t pid() const { return pid_; }

  // Reads output until a whole stdout line equal to `line` has arrived; false on timeout,
  // exit or output cap (the outcome then says which).
  bool wait_for_line(const std::string& line, std::chrono::milliseconds timeout);

  // Waits for the end (bounded by the options' timeout, counted from start), kills what is
  // left of the group, drains its output, and returns how it ended.
  const ProcessOutcome& finish();

  const ProcessOutcome& outcome() const { return outcome_; }

 private:
  // One poll round over the pipes and the exit descriptor (process_host.h); false once the deadline has passed.
  bool pump(std::chrono::steady_clock::time_point deadline);
  void reap_if_exited();
  void kill_group();
  void close_fds();

  SpawnOptions options_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  int pid_fd_ = -1;
  bool exited_ = false;
  bool capped_ = false;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_;
  ProcessOutcome outcome_;
};

// start() + finish() for the common case.
ProcessOutcome run_process(const SpawnOptions& options);

}  // namespace sysport
