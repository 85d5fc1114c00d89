// What the build knows and the harness needs: the targets (built or not, and why not),
// how each one runs, where its binaries are, and the cases. The top-level CMakeLists.txt
// writes sysport-config.json; each target's build writes its manifest.json.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sysport {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TargetConfig {
  std::string name;
  std::string os;      // "linux", "windows", "darwin": selects per-system expectations
  std::string runner;  // "native", "qemu", "wine", "emulated", or "none" (cannot run on this host)
  std::string triple;
  std::string record_path;             // arch/<target>/target.json
  std::string native_needs;            // what a native run needs of the kernel: the SKIP reason if it refuses
  std::string not_runnable_reason;     // runner "none": why it cannot run on this host
  bool built = false;
  std::string not_built_reason;        // with the apt-get command that fixes it
  std::vector<std::string> emulator;   // empty for native targets
  std::string emulator_package;        // Debian package providing emulator[0]
  std::string manifest_path;
  // From the manifest: the backends in order, each one's role ("direct": raw syscalls or
  // kernel32, which the others are compared with; "library": a C library or runtime),
  // backend -> binary name -> path, variant -> binary name -> path, and environment
  // variables every process of this target is run with.
  std::vector<std::string> backends;
  std::map<std::string, std::string> roles;
  std::map<std::string, std::map<std::string, std::string>> binaries;
  std::map<std::string, std::string> environment;
  std::map<std::string, std::string> unrunnable;  // backend -> why it cannot run on this host
  std::map<std::string, std::map<std::string, std::string>> variants;

  // The backend whose role is "direct" ("" if the manifest names none).
  std::string direct_backend() const;
};

struct Config {
  std::string source_dir;
  std::string results_dir;
  std::map<std::string, std::string> case_specs;  // case name -> path of its .json
  std::vector<TargetConfig> targets;

  const TargetConfig& target(const std::string& name) const;  // throws ConfigError, listing known names
  std::vector<std::string> case_names() const;
  const std::string& case_spec(const std::string& name) const;  // throws ConfigError
};

Config load_config(const std::string& path);

}  // namespace sysport
