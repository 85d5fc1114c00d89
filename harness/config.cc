#include "harness/config.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>

namespace sysport {
namespace {

using nlohmann::json;

json read_json(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) throw ConfigError(std::string("cannot read ") + what + " " + path);
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw ConfigError(path + ": not valid JSON: " + e.what());
  }
}

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) out.push_back(v.get<std::string>());
  }
  return out;
}

// Where the build recorded its paths, and where they are now: the first matching prefix
// is replaced (the build directory first, since it is often inside the source directory).
class Relocation {
 public:
  void add(const std::string& from, const std::string& to) {
    if (!from.empty() && !to.empty() && from != to) moves_.emplace_back(from, to);
  }
  std::string operator()(const std::string& path) const {
    for (const auto& [from, to] : moves_) {
      if (path == from) return to;
      if (path.size() > from.size() && path.compare(0, from.size(), from) == 0 && path[from.size()] == '/') {
        return to + path.substr(from.size());
      }
    }
    return path;
  }

 private:
  std::vector<std::pair<std::string, std::string>> moves_;
};

void load_manifest(TargetConfig& t, const Relocation& relocate) {
  const json m = read_json(t.manifest_path, "the target manifest");
  try {
    if (m.at("target").get<std::string>() != t.name) {
      throw ConfigError(t.manifest_path + ": manifest is for " + m.at("target").get<std::string>() +
                        ", expected " + t.name);
    }
    for (const auto& b : m.at("backends")) {
      const std::string name = b.at("name").get<std::string>();
      const std::string role = b.at("role").get<std::string>();
      if (role != "direct" && role != "library") {
        throw ConfigError(t.manifest_path + ": backend " + name + " has role '" + role + "' (direct or library)");
      }
      t.backends.push_back(name);
      t.roles[name] = role;
    }
    if (m.contains("environment")) {
      for (const auto& e : m.at("environment").items()) {
        t.environment[e.key()] = relocate(e.value().get<std::string>());
      }
    }
    if (m.contains("unrunnable")) {
      for (const auto& u : m.at("unrunnable").items()) t.unrunnable[u.key()] = u.value().get<std::string>();
    }
    for (const auto& backend : m.at("binaries").items()) {
      for (const auto& bin : backend.value().items()) {
        t.binaries[backend.key()][bin.key()] = relocate(bin.value().get<std::string>());
      }
    }
    if (m.contains("variants")) {
      for (const auto& variant : m.at("variants").items()) {
        for (const auto& bin : variant.value().items()) {
          t.variants[variant.key()][bin.key()] = relocate(bin.value().get<std::string>());
        }
      }
    }
  } catch (const json::exception& e) {
    throw ConfigError(t.manifest_path + ": malformed manifest: " + e.what());
  }
}

}  // namespace

std::string TargetConfig::direct_backend() const {
  for (const auto& b : backends) {
    if (roles.at(b) == "direct") return b;
  }
  return "";
}

const TargetConfig& Config::target(const std::string& name) const {
  std::string known;
  for (const auto& t : targets) {
    if (t.name == name) return t;
    known += (known.empty() ? "" : ", ") + t.name;
  }
  throw ConfigError("unknown target '" + name + "' (known targets: " + known + ")");
}

std::vector<std::string> Config::case_names() const {
  std::vector<std::string> names;
  for (const auto& c : case_specs) names.push_back(c.first);
  return names;
}

const std::string& Config::case_spec(const std::string& name) const {
  const auto found = case_specs.find(name);
  if (found != case_specs.end()) return found->second;
  std::string known;
  for (const auto& c : case_specs) known += (known.empty() ? "" : ", ") + c.first;
  throw ConfigError("unknown case '" + name + "' (known cases: " + known + ")");
}

void run_natively(TargetConfig& t) {
  t.runner = "native";
  t.emulator.clear();
  t.emulator_package.clear();
  t.not_runnable_reason.clear();
  t.unrunnable.clear();
}

Config load_config(const std::string& path, const std::string& source_dir) {
  const json j = read_json(path, "the sysport configuration (run cmake first)");
  Config c;
  try {
    namespace fs = std::filesystem;
    c.build_dir = fs::absolute(fs::path(path)).lexically_normal().parent_path().string();
    Relocation relocate;
    relocate.add(j.value("build_dir", ""), c.build_dir);
    const std::string recorded_source = j.at("source_dir").get<std::string>();
    if (!source_dir.empty()) {
      c.source_dir = fs::absolute(fs::path(source_dir)).lexically_normal().string();
      if (c.source_dir.size() > 1 && c.source_dir.back() == '/') c.source_dir.pop_back();
      relocate.add(recorded_source, c.source_dir);
    } else {
      c.source_dir = recorded_source;
    }
    c.results_dir = relocate(j.at("results_dir").get<std::string>());
    for (const auto& cs : j.at("cases").items()) c.case_specs[cs.key()] = relocate(cs.value().get<std::string>());
    for (const auto& tj : j.at("targets")) {
      TargetConfig t;
      t.name = tj.at("name").get<std::string>();
      t.runner = tj.at("runner").get<std::string>();
      t.os = tj.value("os", "linux");
      t.triple = tj.value("triple", "");
      t.built = tj.at("built").get<bool>();
      t.not_built_reason = tj.value("reason", "");
      t.emulator_package = tj.value("emulator_package", "");
      t.manifest_path = relocate(tj.value("manifest", ""));
      t.record_path = tj.value("record", "");
      t.native_needs = tj.value("native_needs", "");
      t.not_runnable_reason = tj.value("unrunnable", "");
      for (const auto& word : strings(tj.value("emulator", json::array()))) t.emulator.push_back(relocate(word));
      if (t.built && !fs::exists(t.manifest_path)) {
        t.built = false;
        t.not_built_reason = "its manifest " + t.manifest_path +
                             " is missing: this copy of the build does not hold the target";
      }
      if (t.built) load_manifest(t, relocate);
      c.targets.push_back(std::move(t));
    }
  } catch (const json::exception& e) {
    throw ConfigError(path + ": malformed configuration: " + e.what());
  }
  return c;
}

}  // namespace sysport
