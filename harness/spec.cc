#include "harness/spec.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sysport {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw SpecError(where + ": " + what);
}

void only_keys(const json& object, const std::set<std::string>& allowed, const std::string& where) {
  if (!object.is_object()) fail(where, "expected an object");
  for (const auto& item : object.items()) {
    if (!allowed.count(item.key())) {
      std::string list;
      for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
      fail(where, "unknown key '" + item.key() + "' (known: " + list + ")");
    }
  }
}

std::string get_string(const json& object, const char* key, const std::string& where, bool required) {
  if (!object.contains(key)) {
    if (required) fail(where, std::string("missing '") + key + "'");
    return {};
  }
  if (!object[key].is_string()) fail(where + "." + key, "expected a string");
  return object[key].get<std::string>();
}

std::vector<std::string> get_strings(const json& object, const char* key, const std::string& where) {
  std::vector<std::string> out;
  if (!object.contains(key)) return out;
  const json& list = object[key];
  if (!list.is_array()) fail(where + "." + key, "expected a list of strings");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) fail(where + "." + key + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

unsigned parse_octal(const std::string& text, const std::string& where) {
  if (text.empty() || text.size() > 4 || text.find_first_not_of("01234567") != std::string::npos) {
    fail(where, "expected an octal mode such as \"0755\", got \"" + text + "\"");
  }
  return static_cast<unsigned>(std::stoul(text, nullptr, 8));
}

FileExpectation parse_file(const json& j, const std::string& where) {
  only_keys(j, {"path", "type", "mode", "content"}, where);
  FileExpectation f;
  f.path = get_string(j, "path", where, true);
  if (f.path.empty() || f.path[0] == '/' || f.path.find("..") != std::string::npos) {
    fail(where + ".path", "must be a relative path inside the run's directory, got \"" + f.path + "\"");
  }
  f.type = get_string(j, "type", where, true);
  if (f.type != "dir" && f.type != "file" && f.type != "absent") {
    fail(where + ".type", "expected \"dir\", \"file\" or \"absent\", got \"" + f.type + "\"");
  }
  if (j.contains("mode")) f.mode = parse_octal(get_string(j, "mode", where, true), where + ".mode");
  if (j.contains("content")) f.content = get_string(j, "content", where, true);
  if (f.type == "absent" && (f.mode || f.content)) fail(where, "an absent path has no mode or content");
  return f;
}

bool is_one_of(const std::string& name, const std::vector<std::string>& list) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::vector<FileExpectation> parse_files(const json& j, const std::string& where) {
  if (!j.is_array()) fail(where, "expected a list");
  std::vector<FileExpectation> files;
  for (std::size_t i = 0; i < j.size(); ++i) files.push_back(parse_file(j[i], where + "[" + std::to_string(i) + "]"));
  return files;
}

SystemOverride parse_override(const json& j, const std::string& where) {
  only_keys(j, {"why", "out", "err", "end", "files", "victim_end"}, where);
  SystemOverride o;
  o.why = get_string(j, "why", where, true);
  if (o.why.empty()) fail(where + ".why", "must say why this system differs");
  if (j.contains("out")) o.out = get_strings(j, "out", where);
  if (j.contains("err")) o.err = get_strings(j, "err", where);
  if (j.contains("end")) o.end = EndExpectation::parse(get_string(j, "end", where, true), where + ".end");
  if (j.contains("files")) o.files = parse_files(j["files"], where + ".files");
  if (j.contains("victim_end")) {
    o.victim_end = EndExpectation::parse(get_string(j, "victim_end", where, true), where + ".victim_end");
  }
  return o;
}

RunSpec parse_run(const json& j, const std::string& case_name, const std::string& where) {
  only_keys(j, {"name", "binary", "args", "backends", "why", "out", "out_from", "err", "end", "files", "victim", "umask",
                "on", "skip_on"},
            where);
  RunSpec run;
  run.name = get_string(j, "name", where, true);
  if (run.name.empty() || run.name.find_first_of(" /\t") != std::string::npos) {
    fail(where + ".name", "must be a non-empty word without spaces or slashes");
  }
  const std::string at = where + " (" + run.name + ")";
  run.binary = j.contains("binary") ? get_string(j, "binary", at, true) : case_name;
  run.args = get_strings(j, "args", at);
  for (const auto& b : get_strings(j, "backends", at)) {
    if (!is_one_of(b, known_backends())) fail(at + ".backends", "unknown backend \"" + b + "\"");
    run.backends.insert(b);
  }
  run.only_backend_reason = get_string(j, "why", at, false);
  if (!run.backends.empty() && run.only_backend_reason.empty()) {
    fail(at, "a run limited to some backends must say why in \"why\"");
  }
  run.out = get_strings(j, "out", at);
  if (j.contains("err")) run.err = get_strings(j, "err", at);
  run.end = EndExpectation::parse(get_string(j, "end", at, true), at + ".end");
  if (j.contains("files")) run.files = parse_files(j["files"], at + ".files");
  if (j.contains("victim")) {
    const json& v = j["victim"];
    only_keys(v, {"binary", "args", "end"}, at + ".victim");
    VictimSpec victim;
    victim.binary = v.contains("binary") ? get_string(v, "binary", at + ".victim", true) : case_name;
    victim.args = get_strings(v, "args", at + ".victim");
    victim.end = EndExpectation::parse(get_string(v, "end", at + ".victim", true), at + ".victim.end");
    run.victim = victim;
  }
  bool mentions_victim = false;
  for (const auto& a : run.args) mentions_victim = mentions_victim || a.find("$VICTIM") != std::string::npos;
  if (mentions_victim && !run.victim) fail(at, "args mention $VICTIM but the run has no \"victim\"");
  if (j.contains("umask")) run.umask = parse_octal(get_string(j, "umask", at, true), at + ".umask");
  if (j.contains("skip_on")) {
    if (!j["skip_on"].is_object()) fail(at + ".skip_on", "expected an object of system: reason");
    for (const auto& item : j["skip_on"].items()) {
      if (!is_one_of(item.key(), known_systems())) fail(at + ".skip_on", "unknown system \"" + item.key() + "\"");
      if (!item.value().is_string() || item.value().get<std::string>().empty()) {
        fail(at + ".skip_on." + item.key(), "expected the reason as a non-empty string");
      }
      run.skip_on[item.key()] = item.value().get<std::string>();
    }
  }
  if (j.contains("on")) {
    if (!j["on"].is_object()) fail(at + ".on", "expected an object of system: differences");
    for (const auto& item : j["on"].items()) {
      if (!is_one_of(item.key(), known_systems())) fail(at + ".on", "unknown system \"" + item.key() + "\"");
      run.overrides[item.key()] = parse_override(item.value(), at + ".on." + item.key());
    }
  }
  return run;
}

}  // namespace

const std::vector<std::string>& known_backends() {
  static const std::vector<std::string> backends{"raw", "libc", "win32", "crt"};
  return backends;
}

const std::vector<std::string>& known_systems() {
  static const std::vector<std::string> systems{"linux", "windows", "darwin"};
  return systems;
}

RunSpec RunSpec::for_system(const std::string& system) const {
  RunSpec r = *this;
  const auto found = overrides.find(system);
  if (found == overrides.end()) return r;
  const SystemOverride& o = found->second;
  if (o.out) r.out = *o.out;
  if (o.err) r.err = *o.err;
  if (o.end) r.end = *o.end;
  if (o.files) r.files = *o.files;
  if (o.victim_end && r.victim) r.victim->end = *o.victim_end;
  return r;
}

std::string EndExpectation::text() const {
  return kind == Kind::Exit ? "exit " + std::to_string(status) : "signal " + signal;
}

EndExpectation EndExpectation::parse(const std::string& text, const std::string& where) {
  EndExpectation e;
  std::istringstream in(text);
  std::string word, value, extra;
  in >> word >> value;
  if (in >> extra) fail(where, "expected \"exit N\" or \"signal SIGNAME\", got \"" + text + "\"");
  if (word == "exit" && !value.empty() && value.find_first_not_of("0123456789") == std::string::npos &&
      value.size() <= 3 && std::stoi(value) <= 255) {
    e.kind = Kind::Exit;
    e.status = std::stoi(value);
    return e;
  }
  if (word == "signal" && value.rfind("SIG", 0) == 0 && value.size() > 3) {
    e.kind = Kind::Signal;
    e.signal = value;
    return e;
  }
  fail(where, "expected \"exit N\" (0-255) or \"signal SIGNAME\", got \"" + text + "\"");
}

CaseSpec parse_case_spec(const std::string& json_text, const std::string& file_name) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail(file_name, std::string("not valid JSON: ") + e.what());
  }
  only_keys(j, {"case", "summary", "runs"}, file_name);
  CaseSpec spec;
  spec.name = get_string(j, "case", file_name, true);
  spec.summary = get_string(j, "summary", file_name, false);
  if (!j.contains("runs") || !j["runs"].is_array() || j["runs"].empty()) {
    fail(file_name, "'runs' must be a non-empty list");
  }
  std::map<std::string, std::vector<std::string>> out_of;  // run name -> its expected stdout
  for (std::size_t i = 0; i < j["runs"].size(); ++i) {
    const std::string where = file_name + ": runs[" + std::to_string(i) + "]";
    RunSpec run = parse_run(j["runs"][i], spec.name, where);
    if (out_of.count(run.name)) fail(file_name, "two runs are named \"" + run.name + "\"");
    // "out_from": the same program output as an earlier run (the same calls under another
    // umask, say), written once.
    if (j["runs"][i].contains("out_from")) {
      const std::string from = get_string(j["runs"][i], "out_from", where, true);
      if (j["runs"][i].contains("out")) fail(where, "give \"out\" or \"out_from\", not both");
      const auto earlier = out_of.find(from);
      if (earlier == out_of.end()) fail(where + ".out_from", "no earlier run is named \"" + from + "\"");
      run.out = earlier->second;
    }
    out_of[run.name] = run.out;
    spec.runs.push_back(std::move(run));
  }
  return spec;
}

CaseSpec load_case_spec(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw SpecError(path + ": cannot read the case specification");
  std::stringstream text;
  text << in.rdbuf();
  return parse_case_spec(text.str(), path);
}

}  // namespace sysport
