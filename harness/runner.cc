#include "harness/runner.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace sysport {

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

std::optional<std::string> runner_unavailable(const TargetConfig& target) {
  if (!target.built) return target.not_built_reason;
  if (target.emulator.empty()) return std::nullopt;
  if (find_program(target.emulator[0]).empty()) {
    std::string fix = target.emulator_package.empty() ? "" : ": apt-get install " + target.emulator_package;
    return target.emulator[0] + " not found" + fix;
  }
  return std::nullopt;
}

std::vector<std::string> runner_command(const TargetConfig& target, const std::string& binary,
                                        const std::vector<std::string>& args) {
  std::vector<std::string> argv = target.emulator;
  argv.push_back(binary);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace sysport
