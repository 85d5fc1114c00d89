// One macOS process, emulated: a raw-syscall Mach-O executable (arm64 or x86-64) run on the
// Unicorn CPU emulator, with the BSD syscalls it makes carried out on this host.
//
// sysport-darwin-run plays three parts of macOS:
//   the kernel's exec   load the segments (slid, as for a PIE image), refuse what XNU would
//                       refuse, lay out the initial stack as bsd/kern/kern_exec.c does:
//                       mach_header, argc, argv[], NULL, envp[], NULL, apple[], NULL, strings;
//   dyld                apply the image's rebases and call the LC_MAIN entry like
//                       main(argc, argv, envp, apple), with a return address whose code
//                       passes main's result to BSD exit (dyld hands it to libSystem's exit());
//   the kernel's traps  `svc #0x80` (x16 = number) or `syscall` (rax = 0x2000000 + number):
//                       the call is carried out on the host and answered the Darwin way,
//                       carry flag clear and the result in x0/rax, or carry set and a
//                       positive Darwin errno in x0/rax.
// It does not emulate Mach traps, threads, signal handlers or libSystem: a binary that needs
// them is stopped with a message saying what it asked for.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace sysport::darwin {

struct Options {
  FILE* trace = nullptr;  // every syscall, its arguments and its answer, when set
  // Where a PIE image is loaded relative to its link address. macOS picks a random slide;
  // a fixed non-zero one keeps runs reproducible and still proves the image is really
  // position independent (a missed rebase points into unmapped memory).
  uint64_t slide = 0x8000000;
};

// How the guest process ended, for the runner to reproduce as a process of this host.
struct Outcome {
  enum class Kind {
    Exited,    // BSD exit(status): the runner exits with the same status
    Signaled,  // a signal ended it (a fault the CPU raised, or macOS's refusal to run it):
               // the runner dies of the same host signal
    Stopped,   // the emulator cannot go on (unsupported syscall, unloadable image)
  };
  Kind kind = Kind::Stopped;
  int status = 0;       // Exited
  int host_signal = 0;  // Signaled
  std::string message;  // what happened, for stderr (empty for a plain exit)
};

// The exit status of the runner for Outcome::Kind::Stopped: distinct from the statuses the
// cases use, and the one `git bisect run` and `env` use for "could not test".
constexpr int kStoppedExitStatus = 125;

class Guest {
 public:
  // `argv` is the guest's argv (argv[0] is the binary as given); `envp` its environment.
  Guest(std::string path, std::vector<std::string> argv, std::vector<std::string> envp, Options options);
  ~Guest();
  Guest(const Guest&) = delete;
  Guest& operator=(const Guest&) = delete;

  // Loads and runs the guest until it exits, dies or is stopped. A signal the guest sends
  // to its own process is a real signal to this one: it may never return.
  Outcome run();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sysport::darwin
