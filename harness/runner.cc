#include "harness/runner.h"

namespace sysport {

std::optional<std::string> runner_unavailable(const TargetConfig& target) {
  if (!target.built) return target.not_built_reason;
  if (target.runner == "none") return target.not_runnable_reason;
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

namespace {

// The Wine runner's prefix and wineserver (harness/wine-prefix.sh says how and why).
std::string wine_prefix_script(const std::string& source_dir) { return source_dir + "/harness/wine-prefix.sh"; }

}  // namespace

std::vector<std::string> runner_prepare_command(const std::string& source_dir, const TargetConfig& target,
                                                bool for_test_run) {
  if (target.runner != "wine") return {};
  std::vector<std::string> command{wine_prefix_script(source_dir), "ensure"};
  // For a test run the CTest fixture's cleanup ends the server; the limit only matters
  // should that cleanup never run.
  if (for_test_run) command.insert(command.end(), {"--persist", "600"});
  return command;
}

std::vector<std::string> runner_release_command(const std::string& source_dir, const TargetConfig& target) {
  if (target.runner != "wine") return {};
  return {wine_prefix_script(source_dir), "stop"};
}

bool runner_has_own_process_ids(const TargetConfig& target) { return target.runner == "wine"; }

}  // namespace sysport
