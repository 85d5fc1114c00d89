// sysport-harness: runs cells of the matrix and reports on them. CTest calls it once per
// (target, case); ./sysport calls it for the table and for single cells.
// Exit status: 0 pass, 1 fail, 2 usage or configuration error, 77 skip (CTest's
// SKIP_RETURN_CODE).
#include <CLI/CLI.hpp>
#include <string.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>

#include "harness/cell.h"
#include "harness/config.h"
#include "harness/report.h"
#include "harness/runner.h"
#include "harness/spec.h"

namespace {

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkip = 77;

int exit_code(sysport::Status s) {
  switch (s) {
    case sysport::Status::Pass:
      return kExitPass;
    case sysport::Status::Fail:
      return kExitFail;
    case sysport::Status::Skip:
      return kExitSkip;
  }
  return kExitFail;
}

int list(const sysport::Config& config) {
  std::cout << "targets:\n";
  for (const auto& t : config.targets) {
    const auto why = sysport::runner_unavailable(t);
    std::cout << "  " << t.name << "  (" << t.runner << ")  " << (why ? "SKIP: " + *why : "ready") << "\n";
  }
  std::cout << "cases:\n";
  for (const auto& name : config.case_names()) {
    const auto spec = sysport::load_case_spec(config.case_spec(name));
    std::cout << "  " << name << "  " << spec.summary << "\n";
    for (const auto& run : spec.runs) {
      std::cout << "      " << run.name;
      if (run.backends.size() == 1) std::cout << " (" << *run.backends.begin() << " only)";
      std::cout << "\n";
    }
  }
  return kExitPass;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sysport-harness: run and compare sysport cells"};
  app.require_subcommand(1);
  std::string config_path = std::getenv("SYSPORT_CONFIG")         ? std::getenv("SYSPORT_CONFIG")
                            : access("sysport-config.json", R_OK) == 0 ? "sysport-config.json"
                                                                       : "build/sysport-config.json";
  app.add_option("--config", config_path,
                 "sysport-config.json written by CMake (default: $SYSPORT_CONFIG, ./sysport-config.json, "
                 "or build/sysport-config.json)");

  std::string source_dir;
  app.add_option("--source-dir", source_dir,
                 "the sysport checkout, when the build was copied from elsewhere (default: where it was built)");

  auto* list_cmd = app.add_subcommand("list", "show the targets (and whether they can run here) and the cases");

  std::string target, case_name, variant, expect_fail, expect_skip;
  double timeout_s = 10;
  bool verbose = false, no_save = false, native = false;
  auto* cell_cmd = app.add_subcommand("cell", "run one case on one target, both backends");
  cell_cmd->add_option("--target", target, "a target: a folder of arch/ (sysport list shows them)")->required();
  cell_cmd->add_option("--case", case_name, "e.g. mkdir")->required();
  cell_cmd->add_option("--variant", variant, "a deliberately broken build to run instead (self-tests)");
  cell_cmd->add_option("--expect-fail", expect_fail,
                       "succeed only if the cell FAILs and its report contains this text (self-tests)");
  cell_cmd->add_option("--expect-skip", expect_skip,
                       "succeed only if some run SKIPs, none FAILs and the report contains this text "
                       "(self-tests of builds lacking an operation)")
      ->excludes("--expect-fail");
  cell_cmd->add_option("--timeout", timeout_s, "seconds each process may run (default 10)")->check(CLI::PositiveNumber);
  cell_cmd->add_flag("--verbose,-v", verbose, "print every transcript, not only failures");
  cell_cmd->add_flag("--native", native,
                     "run the programs directly on this machine, whatever runner the build chose "
                     "(a copied build on the target's own system)");
  cell_cmd->add_flag("--no-save", no_save, "do not write the result file");

  auto* cross_cmd = app.add_subcommand("cross", "compare one case's transcripts across every target that ran it");
  cross_cmd->add_option("--case", case_name, "e.g. mkdir")->required();

  auto* table_cmd = app.add_subcommand("table", "print the target x case table of the last results");

  std::string runner_action;
  auto* runner_cmd = app.add_subcommand(
      "runner", "ready a target's runner for a whole test run, or release it (Wine: its prefix and wineserver)");
  runner_cmd->add_option("--target", target, "a target whose runner keeps state (Wine)")->required();
  runner_cmd->add_option("action", runner_action, "start or stop")->required()->check(CLI::IsMember({"start", "stop"}));

  CLI11_PARSE(app, argc, argv);

  try {
    const sysport::Config config = sysport::load_config(config_path, source_dir);
    if (list_cmd->parsed()) return list(config);

    if (cell_cmd->parsed()) {
      sysport::TargetConfig t = config.target(target);
      if (native) sysport::run_natively(t);
      const auto spec = sysport::load_case_spec(config.case_spec(case_name));
      sysport::CellOptions options;
      options.variant = variant;
      options.timeout = std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
      options.prepare = sysport::runner_prepare_command(config.source_dir, t, false);
      const auto result = sysport::run_cell(t, spec, options);
      const std::string text = sysport::format_cell(result, verbose);
      std::cout << text << std::flush;
      if (!no_save && variant.empty()) sysport::save_result(config.results_dir, result);
      if (!expect_fail.empty()) {
        if (result.status == sysport::Status::Fail && text.find(expect_fail) != std::string::npos) {
          std::cout << "as expected: the broken build FAILS and the report shows \"" << expect_fail << "\"\n";
          return kExitPass;
        }
        if (result.status == sysport::Status::Skip) return kExitSkip;
        std::cout << "NOT CAUGHT: expected this cell to FAIL with \"" << expect_fail << "\" in its report\n";
        return kExitFail;
      }
      if (!expect_skip.empty()) {
        if (result.status != sysport::Status::Fail && result.runs_skipped() > 0 &&
            text.find(expect_skip) != std::string::npos) {
          std::cout << "as expected: the build lacking an operation SKIPs and the report shows \"" << expect_skip
                    << "\"\n";
          return kExitPass;
        }
        if (result.status == sysport::Status::Skip && result.runs.empty()) return kExitSkip;  // cannot run here
        std::cout << "NOT CAUGHT: expected runs of this cell to SKIP, none to FAIL, and \"" << expect_skip
                  << "\" in its report\n";
        return kExitFail;
      }
      return exit_code(result.status);
    }

    if (cross_cmd->parsed()) {
      config.case_spec(case_name);  // validates the name
      const auto report = sysport::compare_across_targets(case_name, sysport::load_results(config.results_dir));
      std::cout << report.text;
      return exit_code(report.status);
    }

    if (runner_cmd->parsed()) {
      const auto& t = config.target(target);
      if (auto why = sysport::runner_unavailable(t)) {
        std::cout << target << ": " << *why << "\n";
        return kExitSkip;
      }
      const auto command = runner_action == "start" ? sysport::runner_prepare_command(config.source_dir, t, true)
                                                    : sysport::runner_release_command(config.source_dir, t);
      if (command.empty()) {
        std::cout << target << ": the " << t.runner << " runner keeps no state; nothing to " << runner_action << "\n";
        return kExitPass;
      }
      // Its own output goes straight to ours: CTest shows it with the fixture's result.
      for (const auto& [name, value] : t.environment) setenv(name.c_str(), value.c_str(), 1);
      std::vector<char*> argv;
      for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      std::cout << std::flush;
      execv(argv[0], argv.data());
      std::cerr << "sysport-harness: cannot run " << command.front() << ": " << strerror(errno) << "\n";
      return kExitFail;
    }

    if (table_cmd->parsed()) {
      const auto results = sysport::load_results(config.results_dir);
      std::cout << sysport::format_table(config, results);
      for (const auto& r : results) {
        if (r.status == sysport::Status::Fail && r.variant.empty()) return kExitFail;
      }
      return kExitPass;
    }
  } catch (const sysport::ConfigError& e) {
    std::cerr << "sysport-harness: " << e.what() << "\n";
    return kExitUsage;
  } catch (const sysport::SpecError& e) {
    std::cerr << "sysport-harness: bad case specification: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "sysport-harness: " << e.what() << "\n";
    return kExitFail;
  }
  return kExitUsage;
}
