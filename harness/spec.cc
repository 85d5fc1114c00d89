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

// The file's "whys": paragraphs that several reasons share, written once. A reason is a
// string or {"ref": KEY, "and": MORE}; one that no reason refers to is dead text, so each use
// is counted.
class SharedWhys {
 public:
  SharedWhys(const json& spec, const std::string& file_name) : file_name_(file_name) {
    if (!spec.contains("whys")) return;
    const std::string where = file_name + ": whys";
    if (!spec["whys"].is_object()) fail(where, "expected an object of name: paragraph");
    for (const auto& item : spec["whys"].items()) {
      if (item.key().empty() || item.key().find_first_of(" \t") != std::string::npos) {
        fail(where, "a shared why's name must be a word without spaces, got \"" + item.key() + "\"");
      }
      if (!item.value().is_string() || item.value().get<std::string>().empty()) {
        fail(where + "." + item.key(), "expected the paragraph as a non-empty string");
      }
      text_[item.key()] = item.value().get<std::string>();
    }
  }

  std::string reason(const json& j, const std::string& where) {
    if (j.is_string()) return j.get<std::string>();
    if (!j.is_object()) fail(where, "expected a string or {\"ref\": NAME, \"and\": MORE}");
    only_keys(j, {"ref", "and"}, where);
    const std::string ref = get_string(j, "ref", where, true);
    const auto found = text_.find(ref);
    if (found == text_.end()) {
      fail(where + ".ref", "no shared why is named \"" + ref + "\" (the file's \"whys\": " + names() + ")");
    }
    used_.insert(ref);
    if (!j.contains("and")) return found->second;
    const std::string more = get_string(j, "and", where, true);
    if (more.empty()) fail(where + ".and", "expected more words, or no \"and\"");
    // The shared paragraph ends its own sentence, so one space joins them.
    return found->second + " " + more;
  }

  void check_all_used() const {
    for (const auto& item : text_) {
      if (!used_.count(item.first)) {
        fail(file_name_ + ": whys." + item.first,
             "no reason refers to it (a shared why is used as {\"ref\": \"" + item.first + "\"})");
      }
    }
  }

 private:
  std::string names() const {
    std::string list;
    for (const auto& item : text_) list += (list.empty() ? "" : ", ") + item.first;
    return list.empty() ? "none" : list;
  }

  std::string file_name_;
  std::map<std::string, std::string> text_;
  std::set<std::string> used_;
};

// The entries of `base` that a patch's keys name, by position in `base` itself: matching
// against the list as it is being patched would let one replacement's new value be caught
// by another key.
template <typename Entry, typename KeyOf>
std::vector<std::size_t> patched_positions(const std::vector<Entry>& base, const json& patch, const std::string& list,
                                           KeyOf key_of, const std::string& where) {
  if (!patch.is_object() || patch.empty()) fail(where, "expected a non-empty object keyed by the run's " + list);
  std::vector<std::size_t> positions;
  for (const auto& item : patch.items()) {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < base.size(); ++i) {
      if (key_of(base[i]) == item.key()) found.push_back(i);
    }
    if (found.empty()) fail(where, "\"" + item.key() + "\" matches nothing in the run's " + list);
    if (found.size() > 1) {
      fail(where, "\"" + item.key() + "\" matches " + std::to_string(found.size()) + " entries of the run's " + list +
                      "; restate the whole list instead");
    }
    positions.push_back(found.front());
  }
  return positions;
}

// "out_replace": {"line as the run expects it": "line on this system", ...}
std::vector<std::string> replace_lines(const std::vector<std::string>& base, const json& patch,
                                       const std::string& where) {
  const auto at = patched_positions(base, patch, "\"out\" lines", [](const std::string& line) { return line; }, where);
  std::vector<std::string> out = base;
  std::size_t n = 0;
  for (const auto& item : patch.items()) {
    if (!item.value().is_string()) fail(where + "." + item.key(), "expected the line on this system as a string");
    if (item.value().get<std::string>() == item.key()) fail(where, "\"" + item.key() + "\" is replaced by itself");
    out[at[n++]] = item.value().get<std::string>();
  }
  return out;
}

bool same_file_expectation(const FileExpectation& a, const FileExpectation& b) {
  return a.path == b.path && a.type == b.type && a.mode == b.mode && a.content == b.content;
}

// "files_replace": {"path": {"type": ..., "mode": ..., "content": ...}, ...}, the entry for
// that path replaced whole (a mode left out is not checked there, as in "files").
std::vector<FileExpectation> replace_files(const std::vector<FileExpectation>& base, const json& patch,
                                           const std::string& where) {
  const auto at =
      patched_positions(base, patch, "\"files\" paths", [](const FileExpectation& f) { return f.path; }, where);
  std::vector<FileExpectation> files = base;
  std::size_t n = 0;
  for (const auto& item : patch.items()) {
    const std::string entry_where = where + "." + item.key();
    if (item.value().is_object() && item.value().contains("path")) {
      fail(entry_where, "the path is the key; no \"path\" here");
    }
    json entry = item.value();
    if (entry.is_object()) entry["path"] = item.key();
    FileExpectation replacement = parse_file(entry, entry_where);
    if (same_file_expectation(replacement, base[at[n]])) fail(where, "\"" + item.key() + "\" is replaced by itself");
    files[at[n++]] = std::move(replacement);
  }
  return files;
}

// An override is kept with complete lists: its patches are applied to the run's own lists
// here, so that a mistake in one is reported while reading the file, not when the run
// reaches that system.
SystemOverride parse_override(const json& j, const RunSpec& run, SharedWhys& whys, const std::string& where) {
  only_keys(j, {"why", "out", "out_replace", "err", "end", "files", "files_replace", "victim_end"}, where);
  SystemOverride o;
  if (!j.contains("why")) fail(where, "missing 'why'");
  o.why = whys.reason(j["why"], where + ".why");
  if (o.why.empty()) fail(where + ".why", "must say why this system differs");
  if (j.contains("out") && j.contains("out_replace")) fail(where, "give \"out\" or \"out_replace\", not both");
  if (j.contains("out")) o.out = get_strings(j, "out", where);
  if (j.contains("out_replace")) o.out = replace_lines(run.out, j["out_replace"], where + ".out_replace");
  if (j.contains("err")) o.err = get_strings(j, "err", where);
  if (j.contains("end")) o.end = EndExpectation::parse(get_string(j, "end", where, true), where + ".end");
  if (j.contains("files") && j.contains("files_replace")) fail(where, "give \"files\" or \"files_replace\", not both");
  if (j.contains("files")) o.files = parse_files(j["files"], where + ".files");
  if (j.contains("files_replace")) o.files = replace_files(run.files, j["files_replace"], where + ".files_replace");
  if (j.contains("victim_end")) {
    o.victim_end = EndExpectation::parse(get_string(j, "victim_end", where, true), where + ".victim_end");
  }
  return o;
}

// What a run may take from the file around it: the case's name, the shared whys, and the
// runs before it (for "out_from").
struct CaseContext {
  std::string name;
  SharedWhys whys;
  std::map<std::string, RunSpec> earlier;
};

RunSpec parse_run(const json& j, CaseContext& context, const std::string& where) {
  only_keys(j, {"name", "binary", "args", "backends", "why", "out", "out_from", "err", "end", "files", "victim", "umask",
                "on", "skip_on"},
            where);
  RunSpec run;
  run.name = get_string(j, "name", where, true);
  if (run.name.empty() || run.name.find_first_of(" /\t") != std::string::npos) {
    fail(where + ".name", "must be a non-empty word without spaces or slashes");
  }
  const std::string at = where + " (" + run.name + ")";
  run.binary = j.contains("binary") ? get_string(j, "binary", at, true) : context.name;
  run.args = get_strings(j, "args", at);
  for (const auto& b : get_strings(j, "backends", at)) {
    if (!is_one_of(b, known_backends())) fail(at + ".backends", "unknown backend \"" + b + "\"");
    run.backends.insert(b);
  }
  if (j.contains("why")) run.only_backend_reason = context.whys.reason(j["why"], at + ".why");
  if (!run.backends.empty() && run.only_backend_reason.empty()) {
    fail(at, "a run limited to some backends must say why in \"why\"");
  }
  // "out_from": the same program output as an earlier run (the same calls under another
  // umask, say), written once, on every system: where that output differs on a system, so
  // does this run's, for the same reason.
  const RunSpec* out_from = nullptr;
  if (j.contains("out_from")) {
    const std::string from = get_string(j, "out_from", at, true);
    if (j.contains("out")) fail(at, "give \"out\" or \"out_from\", not both");
    const auto earlier = context.earlier.find(from);
    if (earlier == context.earlier.end()) fail(at + ".out_from", "no earlier run is named \"" + from + "\"");
    out_from = &earlier->second;
    run.out = out_from->out;
  } else {
    run.out = get_strings(j, "out", at);
  }
  if (j.contains("err")) run.err = get_strings(j, "err", at);
  run.end = EndExpectation::parse(get_string(j, "end", at, true), at + ".end");
  if (j.contains("files")) run.files = parse_files(j["files"], at + ".files");
  if (j.contains("victim")) {
    const json& v = j["victim"];
    only_keys(v, {"binary", "args", "end"}, at + ".victim");
    VictimSpec victim;
    victim.binary = v.contains("binary") ? get_string(v, "binary", at + ".victim", true) : context.name;
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
      const std::string reason_at = at + ".skip_on." + item.key();
      const bool is_reason = item.value().is_object() || item.value().is_string();
      const std::string reason = is_reason ? context.whys.reason(item.value(), reason_at) : "";
      if (reason.empty()) {
        fail(reason_at, "expected the reason as a non-empty string or {\"ref\": NAME, \"and\": MORE}");
      }
      run.skip_on[item.key()] = reason;
    }
  }
  if (j.contains("on")) {
    if (!j["on"].is_object()) fail(at + ".on", "expected an object of system: differences");
    for (const auto& item : j["on"].items()) {
      if (!is_one_of(item.key(), known_systems())) fail(at + ".on", "unknown system \"" + item.key() + "\"");
      const std::string system_at = at + ".on." + item.key();
      const json& differences = item.value();
      if (out_from && differences.is_object() && (differences.contains("out") || differences.contains("out_replace"))) {
        fail(system_at, "the output is " + out_from->name +
                            "'s on every system (\"out_from\"); to differ, give the run its own \"out\"");
      }
      run.overrides[item.key()] = parse_override(differences, run, context.whys, system_at);
    }
  }
  if (out_from) {
    // The reason stays explicit at each run that differs, even when it is the earlier run's.
    for (const auto& item : out_from->overrides) {
      if (!item.second.out) continue;
      const auto here = run.overrides.find(item.first);
      if (here == run.overrides.end()) {
        fail(at, out_from->name + "'s output differs on " + item.first + ", so this run's does (\"out_from\"): " +
                     "say why in \"on\": {\"" + item.first + "\": {\"why\": ...}}");
      }
      here->second.out = item.second.out;
    }
  }
  return run;
}

// nlohmann::json keeps the last of two equal keys in an object without a word; in a
// specification that silently drops an expectation (a line given two replacements, say).
json parse_rejecting_duplicate_keys(const std::string& text, const std::string& file_name) {
  std::vector<std::set<std::string>> open_objects;
  const json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == json::parse_event_t::object_end) open_objects.pop_back();
    if (event == json::parse_event_t::key && !open_objects.back().insert(parsed.get<std::string>()).second) {
      fail(file_name, "the key \"" + parsed.get<std::string>() + "\" appears twice in one object");
    }
    return true;
  };
  return json::parse(text, check);
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
    j = parse_rejecting_duplicate_keys(json_text, file_name);
  } catch (const json::parse_error& e) {
    fail(file_name, std::string("not valid JSON: ") + e.what());
  }
  only_keys(j, {"case", "summary", "whys", "runs"}, file_name);
  CaseSpec spec;
  spec.name = get_string(j, "case", file_name, true);
  spec.summary = get_string(j, "summary", file_name, false);
  if (!j.contains("runs") || !j["runs"].is_array() || j["runs"].empty()) {
    fail(file_name, "'runs' must be a non-empty list");
  }
  CaseContext context{spec.name, SharedWhys(j, file_name), {}};
  for (std::size_t i = 0; i < j["runs"].size(); ++i) {
    RunSpec run = parse_run(j["runs"][i], context, file_name + ": runs[" + std::to_string(i) + "]");
    if (context.earlier.count(run.name)) fail(file_name, "two runs are named \"" + run.name + "\"");
    context.earlier[run.name] = run;
    spec.runs.push_back(std::move(run));
  }
  context.whys.check_all_used();
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
