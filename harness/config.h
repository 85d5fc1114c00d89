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
  std::string build_dir;  // where the configuration file is now (see load_config)
  std::string results_dir;
  std::map<std::string, std::string> case_specs;  // case name -> path of its .json
  std::vector<TargetConfig> targets;

  const TargetConfig& target(const std::string& name) const;  // throws ConfigError, listing known names
  std::vector<std::string> case_names() const;
  const std::string& case_spec(const std::string& name) const;  // throws ConfigError
};

// Reads sysport-config.json and every built target's manifest.
//
// A build may be copied elsewhere, even to another machine (the macOS CI job runs binaries
// a Debian job built): every path under the build directory recorded in the file is then
// taken relative to the file's own directory, and every path under the recorded source
// directory relative to `source_dir` when one is given (the checkout on this machine). A
// built target whose manifest is not in the copy is reported as not built, saying so.
Config load_config(const std::string& path, const std::string& source_dir = "");

// Makes a target run its programs directly on this machine, whatever runner the build chose:
// for a copied build run on the target's own system (a Mac running darwin-* binaries built
// on Debian). The emulator and the backends the build marked as unable to run under it are
// dropped; a kernel that cannot execute the binaries then makes the cell SKIP, saying so.
void run_natively(TargetConfig& target);

}  // namespace sysport
