// What the process layer (process.cc) needs of the host system and cannot say in POSIX
// alone. Two implementations, one per kind of host the harness runs on:
//   process_host_linux.cc  Linux: a pidfd to wait on, /proc to find a group's members
//   process_host_posix.cc  any POSIX system, macOS among them: polling, and kill(2)
// Both are built on Linux (the POSIX one into sysport-harness-posix and its own unit
// tests), so the one the macOS job uses is tested on every run here.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace sysport::process_host {

// A short name for the log ("linux", "posix").
const char* name();

// pipe(2) with both ends close-on-exec.
int pipe_cloexec(int fds[2]);

// A descriptor that polls readable when process `pid` (our child) ends, or -1 when the host
// has none; the caller then checks for the end every few milliseconds.
int exit_watch_fd(pid_t pid);

// Leftover processes are looked for at whichever moment the host can answer:
//  - before the group is killed, with the leader ended but not yet reaped: whether any other
//    member of group `pgid` is still alive (zombies do not count: they run nothing).
//    std::nullopt when this host cannot enumerate a group;
//  - otherwise after the group was sent SIGKILL and its leader reaped: whether the group
//    still exists, which means it had other members (kill(-pgid, 0)). On a host whose
//    init does not reap orphans, a zombie the program left earlier also counts there.
std::optional<bool> others_alive_before_kill(pid_t pgid, pid_t leader);
bool group_outlived_leader(pid_t pgid);

// The signal's abbreviation without "SIG" ("TERM"), or nullptr when the host has none.
const char* signal_abbreviation(int signal);

}  // namespace sysport::process_host
