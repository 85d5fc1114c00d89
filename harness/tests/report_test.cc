// Cross-target comparison and the matrix table, on hand-made results.
#include "harness/report.h"

#include <gtest/gtest.h>

#include "harness/tempdir.h"

namespace sysport {
namespace {

CellResult cell(const std::string& target, Status status, const Lines& actual) {
  CellResult r;
  r.target = target;
  r.case_name = "mkdir";
  r.status = status;
  RunRecord run;
  run.backend = "raw";
  run.role = "direct";
  run.run = "basic";
  run.ran = status != Status::Skip;
  run.ok = status == Status::Pass;
  run.actual = actual;
  if (run.ran) r.runs.push_back(run);
  return r;
}

TEST(CrossTarget, PassesWhenEveryTargetPrintedTheSame) {
  const auto report = compare_across_targets(
      "mkdir", {cell("linux-a", Status::Pass, {"out: ok"}), cell("linux-b", Status::Pass, {"out: ok"})});
  EXPECT_EQ(report.status, Status::Pass) << report.text;
}

TEST(CrossTarget, FailsAndShowsTheDiffWhenOneTargetDiffers) {
  const auto report = compare_across_targets(
      "mkdir", {cell("linux-a", Status::Pass, {"out: mkdir d: ok"}), cell("linux-b", Status::Fail, {"out: mkdir d: EPERM"})});
  EXPECT_EQ(report.status, Status::Fail);
  EXPECT_NE(report.text.find("+ out: mkdir d: EPERM"), std::string::npos) << report.text;
  EXPECT_NE(report.text.find("linux-b direct basic"), std::string::npos) << report.text;
}

TEST(CrossTarget, SkipsWithFewerThanTwoTargetsAndIgnoresSkippedCells) {
  const auto report = compare_across_targets(
      "mkdir", {cell("linux-a", Status::Pass, {"out: ok"}), cell("linux-b", Status::Skip, {})});
  EXPECT_EQ(report.status, Status::Skip);
}

TEST(Results, RoundTripThroughTheResultsDirectory) {
  TempDir dir("sysport-test");
  CellResult r = cell("linux-a", Status::Fail, {"out: x"});
  r.reason = "1 of 1 runs failed";
  save_result(dir.path(), r);
  const auto loaded = load_results(dir.path());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].target, "linux-a");
  EXPECT_EQ(loaded[0].status, Status::Fail);
  EXPECT_EQ(loaded[0].runs[0].actual, Lines{"out: x"});
}

TEST(Results, KeepWhyARunSkipped) {
  TempDir dir("sysport-test");
  CellResult r = cell("linux-a", Status::Pass, {"out: x"});
  RunRecord skipped;
  skipped.backend = "libc";
  skipped.run = "basic";
  skipped.skip = "mkdirat_cwd: unsupported by the libc backend";
  r.runs.push_back(skipped);
  r.reason = "1 of 2 runs SKIP: mkdirat_cwd: unsupported by the libc backend (1 run)";
  save_result(dir.path(), r);
  const auto loaded = load_results(dir.path());
  ASSERT_EQ(loaded.size(), 1u);
  ASSERT_EQ(loaded[0].runs.size(), 2u);
  EXPECT_EQ(loaded[0].runs[1].skip, "mkdirat_cwd: unsupported by the libc backend");
  EXPECT_FALSE(loaded[0].runs[1].ran);
  EXPECT_EQ(loaded[0].runs_skipped(), 1);
}

TEST(CrossTarget, ComparesNothingOfARunThatSkipped) {
  CellResult b = cell("linux-b", Status::Pass, {"out: ok"});
  b.runs[0].ran = false;
  b.runs[0].skip = "mkdir: unsupported by the raw backend";
  b.runs[0].actual = {"out: something else"};
  const auto report = compare_across_targets("mkdir", {cell("linux-a", Status::Pass, {"out: ok"}), b});
  EXPECT_EQ(report.status, Status::Pass) << report.text;
}

TEST(Table, MarksACellWithSkippedRunsAndSaysWhich) {
  Config config;
  config.case_specs = {{"mkdir", "mkdir.json"}};
  TargetConfig a;
  a.name = "windows-a";
  config.targets = {a};
  CellResult partly = cell("windows-a", Status::Pass, {"x"});
  partly.reason = "2 of 4 runs SKIP: mkdirat_cwd: unsupported by the win32 backend (2 runs)";
  const std::string table = format_table(config, {partly});
  EXPECT_NE(table.find("PASS*[1]"), std::string::npos) << table;
  EXPECT_NE(table.find("[1] 2 of 4 runs SKIP: mkdirat_cwd: unsupported by the win32 backend (2 runs)"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("1 passed, 0 failed, 0 skipped"), std::string::npos) << table;
}

TEST(Table, CountsCellsAndExplainsEverySkipAndFailure) {
  Config config;
  config.case_specs = {{"mkdir", "mkdir.json"}};
  TargetConfig a, b, c;
  a.name = "linux-a";
  b.name = "linux-b";
  c.name = "linux-c";
  config.targets = {a, b, c};
  CellResult skipped = cell("linux-b", Status::Skip, {});
  skipped.reason = "qemu-b not found: apt-get install qemu-user";
  CellResult failed = cell("linux-c", Status::Fail, {"x"});
  failed.reason = "1 of 1 runs failed";
  const std::string table = format_table(config, {cell("linux-a", Status::Pass, {"x"}), skipped, failed});
  EXPECT_NE(table.find("1 passed, 1 failed, 1 skipped"), std::string::npos) << table;
  EXPECT_NE(table.find("[1] qemu-b not found: apt-get install qemu-user"), std::string::npos) << table;
  EXPECT_NE(table.find("[2] linux-c/mkdir: 1 of 1 runs failed"), std::string::npos) << table;
}

}  // namespace
}  // namespace sysport
