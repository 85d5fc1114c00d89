// A case's specification (suites/<case>.json): the runs the harness makes of the case's
// binaries and what each must produce. Parsing is strict: an unknown key, a wrong type or
// a malformed expectation is an error that names the file and the place in it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace sysport {

struct SpecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How a process must end: "exit N" or "signal SIGNAME".
struct EndExpectation {
  enum class Kind { Exit, Signal } kind = Kind::Exit;
  int status = 0;       // for Exit
  std::string signal;   // for Signal, with its SIG prefix
  std::string text() const;
  static EndExpectation parse(const std::string& text, const std::string& where);
};

// What must be on disk in the run's directory afterwards.
struct FileExpectation {
  std::string path;
  std::string type;  // "dir", "file" or "absent"
  std::optional<unsigned> mode;
  std::optional<std::string> content;
};

// A process the harness starts before the run and whose end it checks afterwards; the run
// refers to its pid as $VICTIM. It must print a line "ready" once it can be signalled.
struct VictimSpec {
  std::string binary;  // defaults to the case's own binary (not the run's)
  std::vector<std::string> args;
  EndExpectation end;
};

// Where an operating system legitimately answers differently (Windows has no POSIX mode
// bits and no signals), the run says so with its reason and what to expect there instead:
//   "on": {"windows": {"why": REASON, "out_replace": {"line as expected": "line there"},
//                      "files_replace": {"path": {"type": ..., "mode": ...}}, "end": ...}}
// A list is either restated whole ("out", "files") or patched ("out_replace" keyed by the
// exact expected line, "files_replace" by path, each key naming exactly one entry), never
// both. Patches are applied when the file is read, so the lists here are complete.
// A REASON, here or in "why"/"skip_on", is a string or {"ref": NAME, "and": MORE}: the
// paragraph the file's top-level "whys" gives NAME, then MORE after a space. Every shared
// why must be referred to.
struct SystemOverride {
  std::string why;  // required: the documented difference, a shared paragraph included
  std::optional<std::vector<std::string>> out;
  std::optional<std::vector<std::string>> err;
  std::optional<EndExpectation> end;
  std::optional<std::vector<FileExpectation>> files;
  std::optional<EndExpectation> victim_end;
};

struct RunSpec {
  std::string name;
  std::string binary;               // defaults to the case name
  std::vector<std::string> args;    // may contain $VICTIM
  std::set<std::string> backends;   // defaults to {"raw", "libc"}
  std::string only_backend_reason;  // why a run skips a backend (required when it does)
  std::vector<std::string> out;     // expected stdout lines; may contain $PID $PPID $VICTIM
                                    // ("out_from": an earlier run's, on every system)
  std::optional<std::vector<std::string>> err;  // expected stderr lines, compared only if given
  EndExpectation end;
  std::vector<FileExpectation> files;
  std::optional<VictimSpec> victim;
  unsigned umask = 022;
  std::map<std::string, std::string> skip_on;       // system -> why this run means nothing there
  std::map<std::string, SystemOverride> overrides;  // system -> what differs there and why

  // This run as expected on `system`: the overrides for it applied.
  RunSpec for_system(const std::string& system) const;
};

struct CaseSpec {
  std::string name;
  std::string summary;
  std::vector<RunSpec> runs;
};

// Every backend name a specification may mention (raw, libc, win32, crt).
const std::vector<std::string>& known_backends();
// Every system name a specification may mention (linux, windows, darwin).
const std::vector<std::string>& known_systems();

CaseSpec parse_case_spec(const std::string& json_text, const std::string& file_name);
CaseSpec load_case_spec(const std::string& path);

}  // namespace sysport
