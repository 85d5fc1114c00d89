// XNU's numbers as sysport-darwin-run needs them, and their translation to and from this
// host's. Every Darwin number comes from tables/darwin/ (transcribed from XNU, tag in each
// header); every host number from the host C library, matched by *name* (strerrorname_np,
// sigabbrev_np), so no number of either system is typed here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sysport::darwin {

// The XNU tag tables/darwin/ was transcribed from ("xnu-11417.101.15").
const char* xnu_tag();

// BSD syscalls: name of a number ("mkdir"), or nullptr; the comment of a slot XNU leaves
// unimplemented (nosys/enosys: "old mount"), or nullptr; XNU's slot count (nsysent).
const char* syscall_name(long number);
const char* reserved_syscall_comment(long number);
long syscall_count();

// errno: Darwin number <-> name ("EEXIST"); the Darwin number of a host errno, by name.
const char* errno_name(int darwin_errno);
std::optional<int> darwin_errno_from_host(int host_errno);
std::string host_errno_name(int host_errno);

// Signals: Darwin number <-> name ("SIGUSR1", 30); the host number of a Darwin signal and
// back, by name. nullopt where the other system has no such signal (SIGEMT, SIGINFO).
const char* signal_name(int darwin_signal);
int signal_count();  // NSIG: kill(2) rejects signal numbers at or above it
std::optional<int> host_signal_from_darwin(int darwin_signal);
std::optional<int> darwin_signal_from_host(int host_signal);

// open(2) flags: the host's equivalent of Darwin `flags`; nullopt (and `unknown` set to the
// bits no translation exists for) if some bit has none.
std::optional<int> host_open_flags(uint64_t darwin_flags, uint64_t* unknown);
// "O_WRONLY|O_CREAT|O_TRUNC" for a trace.
std::string describe_open_flags(uint64_t darwin_flags);
// Darwin's AT_FDCWD (-2) and AT_REMOVEDIR.
int darwin_at_fdcwd();
int darwin_at_removedir();

}  // namespace sysport::darwin
