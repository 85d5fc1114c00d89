// One cell of the matrix: one case on one target, every run of it on both backends,
// compared with the case's expectations and the direct backend (raw syscalls, or kernel32)
// against the library one (libc, or the C runtime).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "harness/config.h"
#include "harness/spec.h"
#include "harness/transcript.h"

namespace sysport {

enum class Status { Pass, Fail, Skip };
const char* status_name(Status s);

struct RunRecord {
  std::string backend;
  std::string run;
  bool ran = false;         // false: not applicable to this backend (see `note`)
  bool ok = false;
  std::string note;         // why it did not run, or what went wrong outside the transcript
  std::string expectation = "common";  // "common", or the system whose override applied
  // "direct" for the target's first backend (raw syscalls, kernel32), "library" for the
  // others (libc, the C runtime): what cross-target comparison lines up across systems.
  std::string role;
  Lines expected;
  Lines actual;
  std::string diff;         // expected vs actual, empty when equal
  std::string stderr_text;  // kept for the report even when not compared
  double seconds = 0;
};

struct CellResult {
  std::string target;
  std::string case_name;
  std::string variant;  // empty for the real build; a broken-ABI variant otherwise
  Status status = Status::Skip;
  std::string reason;   // for Skip: why and how to fix; for Fail: a one-line summary
  std::vector<RunRecord> runs;
  std::vector<std::string> backend_diffs;  // first backend vs each other, one entry per differing run
  std::vector<std::string> backends_not_run;  // "libc: <why it cannot run here>"
  double seconds = 0;

  int runs_that_ran() const;
};

struct CellOptions {
  std::string variant;
  std::chrono::milliseconds timeout{10000};
  std::size_t output_cap = 64 * 1024;
  // Run before the cell's first program, with the target's environment (see
  // runner_prepare_command); empty for none. Making a Wine prefix takes tens of seconds,
  // hence its own time limit.
  std::vector<std::string> prepare;
  std::chrono::milliseconds prepare_timeout{300000};
};

CellResult run_cell(const TargetConfig& target, const CaseSpec& spec, const CellOptions& options);

// A report for people: the verdict line, then for failures every diff and stderr excerpt;
// with `verbose`, every transcript.
std::string format_cell(const CellResult& result, bool verbose);

}  // namespace sysport
