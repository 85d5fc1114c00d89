// How a target's binary is started on this host: directly (native) or through an
// emulator (QEMU user mode), and why it cannot be when it cannot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/config.h"
#include "harness/process.h"  // find_program

namespace sysport {

// The reason this target's binaries cannot run here, with the command that fixes it,
// or nothing when they can: "qemu-aarch64 not found: apt-get install qemu-user".
std::optional<std::string> runner_unavailable(const TargetConfig& target);

// The command line that runs `binary` with `args` for `target`.
std::vector<std::string> runner_command(const TargetConfig& target, const std::string& binary,
                                        const std::vector<std::string>& args);

// Runners that keep state between the programs they run (Wine: a prefix and a wineserver)
// are readied by a command run before a cell's first program, with the target's
// environment, and released by another after a test run; both are empty for runners that
// need neither. Exit status 0 means ready, 77 that the runner cannot work here (its last
// line of output says why and how to fix it), anything else a failure.
// `for_test_run`: keep it ready for a whole test run (the CTest fixture) rather than only
// as long as one cell needs it.
std::vector<std::string> runner_prepare_command(const std::string& source_dir, const TargetConfig& target,
                                                bool for_test_run);
std::vector<std::string> runner_release_command(const std::string& source_dir, const TargetConfig& target);

// True when the programs a runner starts know themselves by ids that are not the host's
// pids (Wine: Windows process ids). A victim of such a target says its own id, in a line
// "pid: N" before "ready", and $VICTIM is that id.
bool runner_has_own_process_ids(const TargetConfig& target);

}  // namespace sysport
