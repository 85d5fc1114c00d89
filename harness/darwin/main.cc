// sysport-darwin-run: runs a raw-syscall macOS executable (arm64 or x86-64 Mach-O) on this
// host, under the Unicorn CPU emulator, as a process the harness can treat like any other:
// it exits with the guest's exit status, and when the guest dies of a signal (a kill it
// sent itself, a fault) this process dies of the same signal.
//
//   sysport-darwin-run [--trace[=FILE]] [--slide HEX] [--] BINARY [ARG...]
//
//   --trace         print every syscall with its arguments and its answer to stderr
//   --trace=FILE    the same, appended to FILE (so the guest's stderr stays its own);
//                   SYSPORT_DARWIN_TRACE=FILE in the environment does the same
//   --slide HEX     load a PIE image this far from its link address (default 0x8000000)
//
// Exit status: the guest's; 125 when the emulator stops the run (a syscall it does not
// carry out, an executable macOS would not start), with the reason on stderr.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "harness/darwin/guest.h"

extern char** environ;

namespace {

int usage(const char* why) {
  if (why) fprintf(stderr, "sysport-darwin-run: %s\n", why);
  fprintf(stderr,
          "usage: sysport-darwin-run [--trace[=FILE]] [--slide HEX] [--] BINARY [ARG...]\n"
          "Runs a raw-syscall macOS executable (arm64 or x86-64 Mach-O) under the Unicorn CPU emulator,\n"
          "carrying out its BSD syscalls on this host. Exit status: the guest's, or 125 if the emulator\n"
          "had to stop it (the reason is printed); a guest killed by a signal kills this process with it.\n");
  return 2;
}

// Dies of `sig` the way the guest did, so the parent's wait status says "signal SIGSEGV".
[[noreturn]] void die_of(int sig) {
  const rlimit no_core{0, 0};  // the guest's crash is reported, not dumped as the emulator's core
  setrlimit(RLIMIT_CORE, &no_core);
  signal(sig, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  sigprocmask(SIG_UNBLOCK, &only, nullptr);
  raise(sig);
  // A signal whose default is to be ignored or to stop cannot end us: say so.
  fprintf(stderr, "sysport-darwin-run: signal %d did not end this process\n", sig);
  _exit(128 + sig);
}

}  // namespace

int main(int argc, char** argv) {
  sysport::darwin::Options options;
  FILE* trace_file = nullptr;
  const char* trace_env = getenv("SYSPORT_DARWIN_TRACE");
  if (trace_env && *trace_env) {
    trace_file = fopen(trace_env, "a");
    if (!trace_file) {
      fprintf(stderr, "sysport-darwin-run: SYSPORT_DARWIN_TRACE=%s: %s\n", trace_env, strerror(errno));
      return sysport::darwin::kStoppedExitStatus;
    }
    options.trace = trace_file;
  }
  int i = 1;
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.rfind("--", 0) != 0) break;  // BINARY: everything from here on is the guest's
    if (a == "--help" || a == "-h") {
      usage(nullptr);
      return 0;
    }
    if (a == "--trace") {
      options.trace = stderr;
    } else if (a.rfind("--trace=", 0) == 0) {
      // The last of SYSPORT_DARWIN_TRACE and --trace=FILE wins; the other is closed.
      FILE* f = fopen(a.c_str() + 8, "a");
      if (!f) {
        fprintf(stderr, "sysport-darwin-run: %s: %s\n", a.c_str() + 8, strerror(errno));
        return sysport::darwin::kStoppedExitStatus;
      }
      if (trace_file) fclose(trace_file);
      trace_file = f;
      options.trace = trace_file;
    } else if (a == "--slide") {
      constexpr const char* kSlideUsage = "--slide takes a hexadecimal multiple of 0x4000 (16 KiB)";
      if (i + 1 >= argc || !*argv[i + 1]) return usage(kSlideUsage);
      char* end = nullptr;
      errno = 0;
      options.slide = strtoull(argv[++i], &end, 16);
      if (*end || errno || options.slide % 0x4000) return usage(kSlideUsage);
    } else {
      return usage(("unknown option " + a).c_str());
    }
  }
  if (i >= argc) return usage("no executable given");

  std::vector<std::string> guest_argv(argv + i, argv + argc);
  std::vector<std::string> guest_envp;
  for (char** e = environ; *e; ++e) guest_envp.emplace_back(*e);

  sysport::darwin::Guest guest(argv[i], guest_argv, guest_envp, options);
  const sysport::darwin::Outcome outcome = guest.run();
  fflush(stdout);
  if (!outcome.message.empty()) fprintf(stderr, "sysport-darwin-run: %s\n", outcome.message.c_str());
  if (trace_file) fclose(trace_file);
  switch (outcome.kind) {
    case sysport::darwin::Outcome::Kind::Exited:
      _exit(outcome.status);
    case sysport::darwin::Outcome::Kind::Signaled:
      die_of(outcome.host_signal);
    case sysport::darwin::Outcome::Kind::Stopped:
      break;
  }
  return sysport::darwin::kStoppedExitStatus;
}
