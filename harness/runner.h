// How a target's binary is started on this host: directly (native) or through an
// emulator (QEMU user mode), and why it cannot be when it cannot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/config.h"

namespace sysport {

// The reason this target's binaries cannot run here, with the command that fixes it,
// or nothing when they can: "qemu-aarch64 not found: apt-get install qemu-user".
std::optional<std::string> runner_unavailable(const TargetConfig& target);

// The command line that runs `binary` with `args` for `target`.
std::vector<std::string> runner_command(const TargetConfig& target, const std::string& binary,
                                        const std::vector<std::string>& args);

// Looks a program up in PATH (or checks it when it has a '/'): empty if not found.
std::string find_program(const std::string& name);

}  // namespace sysport
