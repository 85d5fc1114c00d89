#include "harness/report.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "harness/transcript.h"

namespace sysport {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

Status parse_status(const std::string& s) {
  if (s == "PASS") return Status::Pass;
  if (s == "FAIL") return Status::Fail;
  return Status::Skip;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

}  // namespace

void save_result(const std::string& results_dir, const CellResult& r) {
  json runs = json::array();
  for (const auto& run : r.runs) {
    runs.push_back({{"backend", run.backend},
                    {"run", run.run},
                    {"ran", run.ran},
                    {"ok", run.ok},
                    {"skip", run.skip},
                    {"note", run.note},
                    {"expectation", run.expectation},
                    {"role", run.role},
                    {"expected", run.expected},
                    {"actual", run.actual},
                    {"stderr", run.stderr_text},
                    {"seconds", run.seconds}});
  }
  const json j = {{"target", r.target},   {"case", r.case_name},        {"variant", r.variant},
                  {"status", status_name(r.status)}, {"reason", r.reason}, {"runs", runs},
                  {"backend_diffs", r.backend_diffs}, {"backends_not_run", r.backends_not_run},
                  {"seconds", r.seconds}};
  const fs::path dir = fs::path(results_dir) / r.target;
  fs::create_directories(dir);
  // Written whole and renamed, so a reader never sees half a file.
  const fs::path final_path = dir / (r.case_name + ".json");
  const fs::path tmp = dir / (r.case_name + ".json.tmp");
  {
    std::ofstream out(tmp);
    out << j.dump(2) << "\n";
  }
  fs::rename(tmp, final_path);
}

std::vector<CellResult> load_results(const std::string& results_dir) {
  std::vector<CellResult> results;
  std::error_code ec;
  if (!fs::is_directory(results_dir, ec)) return results;
  std::vector<fs::path> files;
  for (const auto& target_dir : fs::directory_iterator(results_dir, ec)) {
    if (!target_dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(target_dir.path(), ec)) {
      if (f.path().extension() == ".json") files.push_back(f.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    json j;
    try {
      j = json::parse(in);
      CellResult r;
      r.target = j.at("target");
      r.case_name = j.at("case");
      r.variant = j.value("variant", "");
      r.status = parse_status(j.at("status"));
      r.reason = j.value("reason", "");
      r.seconds = j.value("seconds", 0.0);
      for (const auto& d : j.value("backend_diffs", json::array())) r.backend_diffs.push_back(d);
      for (const auto& b : j.value("backends_not_run", json::array())) r.backends_not_run.push_back(b);
      for (const auto& rj : j.at("runs")) {
        RunRecord run;
        run.backend = rj.at("backend");
        run.run = rj.at("run");
        run.ran = rj.at("ran");
        run.ok = rj.at("ok");
        run.skip = rj.value("skip", "");
        run.note = rj.value("note", "");
        run.expectation = rj.value("expectation", "common");
        run.role = rj.value("role", run.backend);
        run.expected = rj.at("expected").get<Lines>();
        run.actual = rj.at("actual").get<Lines>();
        run.stderr_text = rj.value("stderr", "");
        r.runs.push_back(std::move(run));
      }
      results.push_back(std::move(r));
    } catch (const json::exception& e) {
      CellResult broken;
      broken.target = path.parent_path().filename();
      broken.case_name = path.stem();
      broken.status = Status::Fail;
      broken.reason = "unreadable result file " + path.string() + ": " + e.what();
      results.push_back(broken);
    }
  }
  return results;
}

std::string format_table(const Config& config, const std::vector<CellResult>& results) {
  std::map<std::pair<std::string, std::string>, const CellResult*> cell;
  for (const auto& r : results) {
    if (r.variant.empty()) cell[{r.target, r.case_name}] = &r;
  }
  const auto cases = config.case_names();

  // The table is built as rows of words first, so every column is as wide as its widest word.
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"target", "runner"});
  rows.back().insert(rows.back().end(), cases.begin(), cases.end());
  std::vector<std::string> notes;
  std::map<std::string, int> note_number;
  int pass = 0, fail = 0, skip = 0, missing = 0;
  for (const auto& t : config.targets) {
    std::vector<std::string> row{t.name, t.runner};
    for (const auto& case_name : cases) {
      const auto found = cell.find({t.name, case_name});
      std::string text = "-";
      if (found == cell.end()) {
        ++missing;
      } else {
        const CellResult& r = *found->second;
        text = status_name(r.status);
        pass += r.status == Status::Pass;
        fail += r.status == Status::Fail;
        skip += r.status == Status::Skip;
        std::string note;
        if (r.status != Status::Pass && !r.reason.empty()) {
          note = r.status == Status::Skip ? r.reason : t.name + "/" + case_name + ": " + r.reason;
        } else if (r.status == Status::Pass && (!r.backends_not_run.empty() || !r.reason.empty())) {
          // Passed on everything that ran here; the note says what did not run (a backend
          // this host cannot run) or SKIPs (runs calling an operation a backend lacks).
          text = "PASS*";
          if (!r.backends_not_run.empty()) note = "not run here: " + r.backends_not_run.front();
          if (!r.reason.empty()) note += (note.empty() ? "" : "; ") + r.reason;
        }
        if (!note.empty()) {
          if (!note_number.count(note)) {
            notes.push_back(note);
            note_number[note] = static_cast<int>(notes.size());
          }
          text += "[" + std::to_string(note_number[note]) + "]";
        }
      }
      row.push_back(text);
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size() + 2);
  }
  std::ostringstream out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += pad(row[i], widths[i]);
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
  out << "\n" << pass << " passed, " << fail << " failed, " << skip << " skipped";
  if (missing) out << ", " << missing << " not run";
  out << " (each cell: every run of the case on every backend of the target;"
      << " PASS* = passed on every run that ran here; the note says what did not run or SKIPs)\n";
  for (std::size_t i = 0; i < notes.size(); ++i) out << "[" << i + 1 << "] " << notes[i] << "\n";
  return out.str();
}

CrossTargetReport compare_across_targets(const std::string& case_name, const std::vector<CellResult>& results) {
  CrossTargetReport report;
  // (role, run, expectation) -> target -> transcript. The role lines up raw with kernel32
  // and libc with the C runtime, so Windows and Linux are compared wherever they are meant
  // to agree; runs whose specification gives a system its own documented expectation are
  // compared only within that system.
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::map<std::string, Lines>> seen;
  std::vector<std::string> targets;
  for (const auto& r : results) {
    if (r.case_name != case_name || !r.variant.empty() || r.status == Status::Skip) continue;
    targets.push_back(r.target);
    for (const auto& run : r.runs) {
      if (run.ran) seen[Key{run.role, run.run, run.expectation}][r.target] = run.actual;
    }
  }
  std::ostringstream out;
  if (targets.size() < 2) {
    report.status = Status::Skip;
    out << case_name << ": fewer than two targets have run this case (" << targets.size()
        << "); nothing to compare across targets\n";
    report.text = out.str();
    return report;
  }
  int differing = 0, compared = 0;
  std::map<std::string, int> own_expectation;  // system -> runs compared only within it
  for (const auto& [key, by_target] : seen) {
    if (by_target.size() > 1) compared += static_cast<int>(by_target.size());
    if (std::get<2>(key) != "common") ++own_expectation[std::get<2>(key)];
    // The reference is the alphabetically first target that ran this run.
    const auto& [ref_target, ref_lines] = *by_target.begin();
    const std::string what = " " + std::get<0>(key) + " " + std::get<1>(key);
    for (const auto& [target, lines] : by_target) {
      const std::string d = diff_lines(ref_lines, lines, ref_target + what, target + what);
      if (!d.empty()) {
        ++differing;
        out << "\n" << d;
      }
    }
  }
  std::ostringstream head;
  head << case_name << " across " << targets.size() << " targets (";
  for (std::size_t i = 0; i < targets.size(); ++i) head << (i ? ", " : "") << targets[i];
  head << "): ";
  if (differing) {
    report.status = Status::Fail;
    head << differing << " transcripts differ from the reference\n";
  } else {
    report.status = Status::Pass;
    head << "every transcript identical\n";
  }
  head << "  " << compared << " transcripts compared in " << seen.size() << " groups (run x direct/library backend)";
  for (const auto& [system, n] : own_expectation) {
    head << "; " << n << " with " << system << "'s own documented expectation, compared within " << system;
  }
  head << "\n";
  report.text = head.str() + out.str();
  return report;
}

}  // namespace sysport
