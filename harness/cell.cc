#include "harness/cell.h"

#include <errno.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <sstream>

#include "harness/process.h"
#include "harness/runner.h"
#include "harness/tempdir.h"

namespace sysport {
namespace {

using Clock = std::chrono::steady_clock;

// Thrown when a run shows that the whole cell cannot run here (not that it failed).
struct CellSkip {
  std::string reason;
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string exec_failure_reason(const TargetConfig& target, const ProcessOutcome& o) {
  std::string r = o.describe();
  if (o.spawn_errno == ENOEXEC && target.runner == "native") {
    r += "; this kernel cannot execute " + target.name + " binaries";
    if (!target.native_needs.empty()) r += ": it needs " + target.native_needs;
  }
  return r;
}

// The id a victim says it knows itself by: a line "pid: N" before its "ready" line.
std::optional<long> announced_pid(const std::string& out) {
  for (const auto& line : split_lines(out)) {
    if (line == "ready") break;
    if (line.rfind("pid: ", 0) == 0 && line.size() > 5 && line.size() < 17 &&
        line.find_first_not_of("0123456789", 5) == std::string::npos) {
      return std::stol(line.substr(5));
    }
  }
  return std::nullopt;
}

// The last non-empty line a program printed, stderr first: what a failing helper has to say.
std::string last_line(const ProcessOutcome& o) {
  for (const std::string* text : {&o.err, &o.out}) {
    const Lines lines = split_lines(*text);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (!it->empty()) return printable(*it);
    }
  }
  return "";
}

// A run that failed before its program could produce a transcript: `actual` says what
// happened instead, and the diff shows it against what was expected.
RunRecord failed_before_running(RunRecord rec, const std::string& note, const std::string& actual) {
  rec.note = note;
  rec.actual = {actual};
  rec.diff = diff_lines(rec.expected, rec.actual, "expected", "actual");
  return rec;
}

// A program's own word that its backend lacks an operation (transcript.h): which one, and
// whether it ended the way that report ends (exit status 77).
struct Unsupported {
  std::string operation;
  bool ended_as_said = false;
};

std::optional<Unsupported> said_unsupported(const ProcessOutcome& o) {
  const auto operation = unsupported_operation(o.err);
  if (!operation) return std::nullopt;
  return Unsupported{*operation,
                     o.end == ProcessOutcome::End::Exited && o.exit_status == unsupported_exit_status()};
}

// The run SKIPs, for the reason its program (or its victim) gave, unless something makes that
// word untrustworthy: then it FAILs, saying what. A SKIP compares nothing, so it must not
// hide a wrong answer that came first: the lines printed before the report must be the
// specification's first lines.
RunRecord skipped_as_unsupported(RunRecord rec, const Unsupported& said, const std::string& who,
                                 const std::string& backend) {
  if (!said.ended_as_said) {
    rec.note = who + " said that this backend lacks " + said.operation + " but did not end with exit " +
               std::to_string(unsupported_exit_status()) + ", as that report does";
    rec.diff = diff_lines(rec.expected, rec.actual, "expected", "actual (" + backend + ")");
    return rec;
  }
  Lines printed, expected;
  for (const auto& line : rec.actual) {
    if (line.rfind("out: ", 0) == 0) printed.push_back(line);
  }
  for (const auto& line : rec.expected) {
    if (line.rfind("out: ", 0) == 0) expected.push_back(line);
  }
  if (printed.size() > expected.size() || !std::equal(printed.begin(), printed.end(), expected.begin())) {
    rec.note = "printed what the specification does not expect before it said that this backend lacks " +
               said.operation;
    expected.resize(std::min(expected.size(), printed.size()));
    rec.diff = diff_lines(expected, printed, "expected (the lines before " + said.operation + ")",
                          "actual (" + backend + ")");
    return rec;
  }
  rec.ran = false;
  rec.skip = said.operation + ": unsupported by the " + backend + " backend" + (who == "it" ? "" : " (" + who + ")");
  return rec;
}

// How every process of a run is started: in the run's directory, with its umask, the
// cell's limits and the target's environment.
SpawnOptions spawn_options(const TargetConfig& target, const TempDir& dir, const RunSpec& run,
                           const CellOptions& options, std::vector<std::string> argv) {
  SpawnOptions o;
  o.argv = std::move(argv);
  o.cwd = dir.path();
  o.timeout = options.timeout;
  o.output_cap = options.output_cap;
  o.umask = static_cast<mode_t>(run.umask);
  o.environment = target.environment;
  return o;
}

RunRecord execute_run(const TargetConfig& target, const std::string& backend,
                      const std::map<std::string, std::string>& binaries, const RunSpec& run,
                      const std::string& case_name, const CellOptions& options) {
  const std::string& binary = binaries.at(run.binary);
  RunRecord rec;
  rec.backend = backend;
  rec.run = run.name;
  rec.ran = true;
  rec.expected = expected_transcript(run);
  const auto started = Clock::now();

  TempDir dir("sysport-" + target.name + "-" + case_name + "-" + backend);
  std::map<long, std::string> pids{{static_cast<long>(getpid()), "$PPID"}};
  std::vector<std::string> args = run.args;

  std::unique_ptr<Process> victim;
  if (run.victim) {
    const auto victim_binary = binaries.find(run.victim->binary);
    if (victim_binary == binaries.end()) {
      return failed_before_running(rec, "victim binary '" + run.victim->binary + "' was not built for " + target.name,
                                   "victim: not built");
    }
    victim = std::make_unique<Process>(
        spawn_options(target, dir, run, options, runner_command(target, victim_binary->second, run.victim->args)));
    if (!victim->start()) throw CellSkip{"victim: " + exec_failure_reason(target, victim->outcome())};
    if (!victim->wait_for_line("ready", options.timeout)) {
      const auto& vo_end = victim->finish();
      if (const auto said = said_unsupported(vo_end)) {
        rec.actual = {"victim: " + vo_end.describe()};
        return skipped_as_unsupported(rec, *said, "the victim", backend);
      }
      return failed_before_running(
          rec, "the victim never printed \"ready\" (" + vo_end.describe() + "): " + printable(vo_end.err),
          "victim: " + vo_end.describe());
    }
    long victim_id = victim->pid();
    if (runner_has_own_process_ids(target)) {
      // Under Wine the victim is known to other Windows programs by its Windows process id,
      // which only it can tell.
      const auto id = announced_pid(victim->outcome().out);
      if (!id) {
        return failed_before_running(rec,
                                     "the victim did not say its own process id (a line \"pid: N\" before \"ready\"), "
                                     "which a " + target.runner + " target needs: its programs' ids are not host pids",
                                     "victim: no \"pid: N\" line before \"ready\"");
      }
      victim_id = *id;
    }
    pids[victim->pid()] = "$VICTIM";
    pids[victim_id] = "$VICTIM";
    for (auto& a : args) a = replace_all(a, "$VICTIM", std::to_string(victim_id));
  }

  Process main(spawn_options(target, dir, run, options, runner_command(target, binary, args)));
  if (!main.start()) {
    const ProcessOutcome& o = main.outcome();
    if (o.spawn_errno == ENOEXEC || (o.spawn_errno == ENOENT && !target.emulator.empty())) {
      throw CellSkip{exec_failure_reason(target, o)};
    }
    return failed_before_running(rec, exec_failure_reason(target, o), "end: " + o.describe());
  }
  pids[main.pid()] = "$PID";
  const ProcessOutcome& outcome = main.finish();

  for (const auto& line : split_lines(outcome.out)) rec.actual.push_back("out: " + substitute_numbers(line, pids));
  if (run.err) {
    for (const auto& line : split_lines(outcome.err)) rec.actual.push_back("err: " + substitute_numbers(line, pids));
  }
  // Numbers the specification names as $(NAME) (transcript.h), in the lines the program printed.
  const auto captured = bind_captures(rec.expected, rec.actual);
  for (auto& line : rec.actual) line = substitute_numbers(line, captured);
  rec.actual.push_back("end: " + outcome.describe());
  if (outcome.killed_leftovers) rec.actual.push_back("leftover: processes still in its group were killed");
  for (const auto& f : run.files) rec.actual.push_back(describe_file_on_disk(dir.path(), f));
  if (victim) rec.actual.push_back("victim: " + victim->finish().describe());

  rec.stderr_text = outcome.err;
  rec.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (const auto said = said_unsupported(outcome)) return skipped_as_unsupported(rec, *said, "it", backend);
  if (victim) {
    if (const auto said = said_unsupported(victim->outcome())) {
      return skipped_as_unsupported(rec, *said, "the victim", backend);
    }
  }
  rec.ok = rec.actual == rec.expected;
  rec.diff = diff_lines(rec.expected, rec.actual, "expected (" + case_name + ".json)", "actual (" + backend + ")");
  rec.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return rec;
}

const std::map<std::string, std::string>* binaries_for(const TargetConfig& t, const std::string& backend,
                                                        const std::string& variant) {
  if (!variant.empty()) {
    // Broken variants are builds of the direct backend only (raw syscalls).
    if (backend != t.direct_backend()) return nullptr;
    const auto v = t.variants.find(variant);
    return v == t.variants.end() ? nullptr : &v->second;
  }
  const auto b = t.binaries.find(backend);
  return b == t.binaries.end() ? nullptr : &b->second;
}

}  // namespace

int CellResult::runs_that_ran() const {
  int ran = 0;
  for (const auto& run : runs) ran += run.ran ? 1 : 0;
  return ran;
}

int CellResult::runs_skipped() const {
  int skipped = 0;
  for (const auto& run : runs) skipped += run.skip.empty() ? 0 : 1;
  return skipped;
}

std::string CellResult::skip_summary() const {
  std::vector<std::pair<std::string, int>> reasons;  // in the order first met
  for (const auto& run : runs) {
    if (run.skip.empty()) continue;
    auto found = std::find_if(reasons.begin(), reasons.end(), [&](const auto& r) { return r.first == run.skip; });
    if (found == reasons.end()) {
      reasons.emplace_back(run.skip, 1);
    } else {
      ++found->second;
    }
  }
  std::string summary;
  for (const auto& [reason, n] : reasons) {
    summary += (summary.empty() ? "" : "; ") + reason + " (" + std::to_string(n) + (n == 1 ? " run)" : " runs)");
  }
  return summary;
}

const char* status_name(Status s) {
  switch (s) {
    case Status::Pass:
      return "PASS";
    case Status::Fail:
      return "FAIL";
    case Status::Skip:
      return "SKIP";
  }
  return "?";
}

CellResult run_cell(const TargetConfig& target, const CaseSpec& spec, const CellOptions& options) {
  CellResult result;
  result.target = target.name;
  result.case_name = spec.name;
  result.variant = options.variant;
  const auto started = Clock::now();
  if (auto why = runner_unavailable(target)) {
    result.status = Status::Skip;
    result.reason = *why;
    return result;
  }
  if (!options.variant.empty() && !target.variants.count(options.variant)) {
    result.status = Status::Fail;
    result.reason = "variant '" + options.variant + "' was not built for " + target.name;
    return result;
  }
  if (!options.prepare.empty()) {
    // A runner that keeps state between programs is readied first (runner.h).
    SpawnOptions po;
    po.argv = options.prepare;
    po.timeout = options.prepare_timeout;
    po.environment = target.environment;
    const ProcessOutcome o = run_process(po);
    if (o.end != ProcessOutcome::End::Exited || o.exit_status != 0) {
      // Exit status 77: it cannot work here, and its last line says why and what fixes it.
      const bool cannot = o.end == ProcessOutcome::End::Exited && o.exit_status == 77;
      const std::string said = last_line(o);
      result.status = cannot ? Status::Skip : Status::Fail;
      if (cannot) {
        result.reason = said.empty() ? options.prepare.front() + " says the " + target.runner + " runner cannot work here"
                                     : said;
      } else {
        result.reason = "could not prepare the " + target.runner + " runner (" + options.prepare.front() + ": " +
                        o.describe() + ")" + (said.empty() ? "" : ": " + said);
      }
      return result;
    }
  }

  int failures = 0;
  auto not_applicable = [&](const std::string& backend, const RunSpec& run, const std::string& why) {
    RunRecord rec;
    rec.backend = backend;
    rec.run = run.name;
    rec.note = "not applicable: " + why;
    result.runs.push_back(rec);
  };
  try {
    for (const auto& backend : target.backends) {
      const auto unrunnable = target.unrunnable.find(backend);
      if (unrunnable != target.unrunnable.end()) {
        result.backends_not_run.push_back(backend + ": " + unrunnable->second);
        continue;
      }
      const auto* binaries = binaries_for(target, backend, options.variant);
      for (const auto& generic_run : spec.runs) {
        if (!options.variant.empty() && !(binaries && binaries->count(generic_run.binary))) continue;
        if (!generic_run.backends.empty() && !generic_run.backends.count(backend)) {
          not_applicable(backend, generic_run, generic_run.only_backend_reason);
          continue;
        }
        const auto skip = generic_run.skip_on.find(target.os);
        if (skip != generic_run.skip_on.end()) {
          not_applicable(backend, generic_run, skip->second);
          continue;
        }
        const RunSpec run = generic_run.for_system(target.os);
        const auto found = binaries ? binaries->find(run.binary) : decltype(binaries->end()){};
        if (!binaries || found == binaries->end()) {
          RunRecord rec;
          rec.backend = backend;
          rec.run = run.name;
          rec.ran = true;
          rec.note = "binary '" + run.binary + "' was not built for " + target.name + " (" + backend +
                     "); is it listed in suites/CMakeLists.txt?";
          result.runs.push_back(rec);
          ++failures;
          continue;
        }
        RunRecord rec = execute_run(target, backend, *binaries, run, spec.name, options);
        if (generic_run.overrides.count(target.os)) rec.expectation = target.os;
        rec.role = target.roles.at(backend);
        if (rec.ran && !rec.ok) ++failures;
        result.runs.push_back(std::move(rec));
      }
    }
  } catch (const CellSkip& skip) {
    result.status = Status::Skip;
    result.reason = skip.reason;
    result.runs.clear();
    return result;
  }

  // The direct path (raw, or kernel32) against each library path, run by run: the same
  // case must print the same transcript whichever way it reached the kernel.
  const std::string direct = target.direct_backend();
  for (const auto& first : result.runs) {
    if (first.backend != direct || !first.ran) continue;
    for (const auto& other : result.runs) {
      if (other.backend != direct && other.run == first.run && other.ran) {
        const std::string d = diff_lines(first.actual, other.actual, first.backend + " " + first.run,
                                         other.backend + " " + other.run);
        if (!d.empty()) result.backend_diffs.push_back(d);
      }
    }
  }
  failures += static_cast<int>(result.backend_diffs.size());
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const int ran = result.runs_that_ran();
  const int skipped = result.runs_skipped();
  if (failures) {
    result.status = Status::Fail;
    result.reason = std::to_string(failures) + " of " + std::to_string(ran) + " runs failed";
  } else if (ran == 0 && skipped) {
    // Every run that applies here SKIPs: the cell is SKIP, with each reason.
    result.status = Status::Skip;
    result.reason = result.skip_summary();
  } else if (ran == 0 && !result.backends_not_run.empty()) {
    result.status = Status::Skip;
    result.reason = result.backends_not_run.front();
  } else if (ran == 0) {
    result.status = Status::Fail;
    result.reason = "no run of this case applies to what was built; nothing was checked";
  } else {
    // Passed on every run that could be compared; the runs that SKIP are said, never counted.
    result.status = Status::Pass;
    if (skipped) result.reason = std::to_string(skipped) + " of " + std::to_string(ran + skipped) + " runs SKIP: " +
                                 result.skip_summary();
  }
  return result;
}

std::string format_cell(const CellResult& r, bool verbose) {
  std::ostringstream out;
  const std::string title = r.target + "/" + r.case_name + (r.variant.empty() ? "" : " [" + r.variant + "]");
  out << title << ": " << status_name(r.status);
  if (!r.reason.empty()) out << " (" << r.reason << ")";
  for (const auto& b : r.backends_not_run) out << " [not run: " << b << "]";
  if (r.status != Status::Skip) {
    char secs[32];
    snprintf(secs, sizeof secs, "%.2f", r.seconds);
    out << " [" << r.runs_that_ran() << " runs, " << secs << " s]";
  }
  out << "\n";
  for (const auto& run : r.runs) {
    const bool failed = run.ran && !run.ok;
    if (!run.skip.empty()) {
      // Always said, in one line: which run did not count, and why.
      out << "\n== " << run.backend << " " << run.run << ": SKIP: " << run.skip << "\n";
      if (verbose) {
        for (const auto& l : run.actual) out << "  " << l << "\n";
      }
      continue;
    }
    if (!failed && !verbose) continue;
    out << "\n== " << run.backend << " " << run.run << ": "
        << (!run.ran ? "n/a" : run.ok ? "ok" : "FAILED") << (run.note.empty() ? "" : " - " + run.note) << "\n";
    if (failed && !run.diff.empty()) {
      out << run.diff;
    } else {
      for (const auto& l : run.actual) out << "  " << l << "\n";
    }
    if ((failed || verbose) && !run.stderr_text.empty()) {
      out << "  stderr (first lines):\n";
      int n = 0;
      for (const auto& l : split_lines(run.stderr_text)) {
        if (n++ == 10) {
          out << "    ...\n";
          break;
        }
        out << "    " << printable(l) << "\n";
      }
    }
  }
  for (const auto& d : r.backend_diffs) out << "\n== the backends disagree:\n" << d;
  return out.str();
}

}  // namespace sysport
