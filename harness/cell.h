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

// One run of a case on one backend is one of:
//   not applicable  the specification says it means nothing there (ran false, `note` says why)
//   SKIP            its program said that this backend lacks an operation the run calls
//                   (ran false, `skip` says which: "mkdirat_cwd: unsupported by the win32
//                   backend"); nothing of it is compared, so it can never PASS
//   PASS or FAIL    its transcript was compared (ran true, `ok`)
struct RunRecord {
  std::string backend;
  std::string run;
  bool ran = false;         // true: its transcript was compared with the expectation
  bool ok = false;
  std::string skip;         // why this run is SKIP, when its program said it cannot do it
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
  // For Skip: why and how to fix; for Fail: a one-line summary; for Pass: which runs SKIP,
  // when some did (the cell passed on the others).
  std::string reason;
  std::vector<RunRecord> runs;
  std::vector<std::string> backend_diffs;  // first backend vs each other, one entry per differing run
  std::vector<std::string> backends_not_run;  // "libc: <why it cannot run here>"
  double seconds = 0;

  int runs_that_ran() const;
  int runs_skipped() const;
  // Every distinct reason a run SKIPs, with how many runs each: "mkdirat_cwd: unsupported
  // by the win32 backend (2 runs); ...", empty when none did.
  std::string skip_summary() const;
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
