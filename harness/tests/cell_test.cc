// Whole cells on a made-up native target whose "binaries" are shell scripts: the cell
// logic (expectations, backend comparison, victims, skips, misbehaving programs) checked
// without any cross toolchain.
#include "harness/cell.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "harness/tempdir.h"

namespace sysport {
namespace {

class CellTest : public ::testing::Test {
 protected:
  // Writes an executable script `name` for `backend` and registers it.
  void script(const std::string& backend, const std::string& name, const std::string& body) {
    const auto path = dir_.path() / (backend + "-" + name);
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    chmod(path.c_str(), 0755);
    target_.binaries[backend][name] = path;
  }

  CaseSpec spec(const std::string& runs) { return parse_case_spec(R"({"case": "c", "runs": [)" + runs + "]}", "c.json"); }

  CellResult run(const CaseSpec& s) {
    CellOptions options;
    options.timeout = std::chrono::milliseconds(1500);
    options.output_cap = 4096;
    return run_cell(target_, s, options);
  }

  void SetUp() override {
    target_.name = "test-native";
    target_.os = "linux";
    target_.runner = "native";
    target_.built = true;
    target_.backends = {"raw", "libc"};
    target_.roles = {{"raw", "direct"}, {"libc", "library"}};
  }

  TempDir dir_{"sysport-cell-test"};
  TargetConfig target_;
};

TEST_F(CellTest, PassesWhenEveryBackendMatchesTheExpectation) {
  script("raw", "c", "echo \"pid $$\"; echo hello > f; exit 3");
  script("libc", "c", "echo \"pid $$\"; echo hello > f; exit 3");
  const auto r = run(spec(R"({"name": "a", "out": ["pid $PID"], "end": "exit 3",
                              "files": [{"path": "f", "type": "file", "content": "hello\n"}]})"));
  EXPECT_EQ(r.status, Status::Pass) << format_cell(r, true);
}

TEST_F(CellTest, FailsWithADiffAndComparesTheBackends) {
  script("raw", "c", "echo one");
  script("libc", "c", "echo two");
  const auto r = run(spec(R"({"name": "a", "out": ["one"], "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Fail);
  const auto text = format_cell(r, false);
  EXPECT_NE(text.find("- out: one\n+ out: two"), std::string::npos) << text;
  EXPECT_NE(text.find("the backends disagree"), std::string::npos) << text;
}

TEST_F(CellTest, SurvivesAHangAFloodAndACrashAndSaysWhichIsWhich) {
  script("raw", "c", "case $1 in hang) sleep 30;; flood) yes;; crash) kill -SEGV $$;; esac");
  script("libc", "c", "case $1 in hang) sleep 30;; flood) yes;; crash) kill -SEGV $$;; esac");
  const auto r = run(spec(R"({"name": "hang", "args": ["hang"], "end": "exit 0"},
                              {"name": "flood", "args": ["flood"], "end": "exit 0"},
                              {"name": "crash", "args": ["crash"], "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Fail);
  const auto text = format_cell(r, false);
  EXPECT_NE(text.find("+ end: timeout after"), std::string::npos) << text;
  EXPECT_NE(text.find("+ end: output cap exceeded"), std::string::npos) << text;
  EXPECT_NE(text.find("+ end: signal SIGSEGV"), std::string::npos) << text;
}

TEST_F(CellTest, SignalsAVictimAndChecksHowItDied) {
  const std::string body =
      "if [ \"$1\" = sleep ]; then echo ready; exec sleep 30; fi; kill -TERM \"$2\" && echo sent";
  script("raw", "c", body);
  script("libc", "c", body);
  const auto r = run(spec(R"({"name": "v", "args": ["send", "$VICTIM"], "out": ["sent"], "end": "exit 0",
                              "victim": {"args": ["sleep"], "end": "signal SIGTERM"}})"));
  EXPECT_EQ(r.status, Status::Pass) << format_cell(r, true);
}

TEST_F(CellTest, ReportsAVictimThatSurvived) {
  const std::string body = "if [ \"$1\" = sleep ]; then echo ready; exec sleep 30; fi; echo not sent";
  script("raw", "c", body);
  script("libc", "c", body);
  const auto r = run(spec(R"({"name": "v", "args": ["send", "$VICTIM"], "out": ["not sent"], "end": "exit 0",
                              "victim": {"args": ["sleep"], "end": "signal SIGTERM"}})"));
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(format_cell(r, false).find("+ victim: timeout after"), std::string::npos) << format_cell(r, false);
}

TEST_F(CellTest, SkipsWithTheFixWhenTheEmulatorIsMissing) {
  target_.runner = "qemu";
  target_.emulator = {"qemu-sysport-no-such-arch"};
  target_.emulator_package = "qemu-user";
  script("raw", "c", "true");
  const auto r = run(spec(R"({"name": "a", "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Skip);
  EXPECT_EQ(r.reason, "qemu-sysport-no-such-arch not found: apt-get install qemu-user");
}

TEST_F(CellTest, SkipsATargetThatCannotRunOnThisHostWithTheRecordsReason) {
  target_.runner = "none";
  target_.not_runnable_reason = "test-native cannot run on a linux x86_64 host: run it on a test machine";
  script("raw", "c", "true");
  script("libc", "c", "true");
  const auto r = run(spec(R"({"name": "a", "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Skip);
  EXPECT_EQ(r.reason, target_.not_runnable_reason);
}

TEST_F(CellTest, ComparesLibrariesWithTheBackendWhoseRoleIsDirectWhereverItIsListed) {
  // The manifest's order says nothing: the role does. Listed first, the library backend
  // must still be compared with the direct one, and its record marked "library".
  target_.backends = {"libc", "raw"};
  script("raw", "c", "echo one");
  script("libc", "c", "echo two");
  const auto r = run(spec(R"({"name": "a", "out": ["one"], "end": "exit 0"})"));
  ASSERT_EQ(r.backend_diffs.size(), 1u) << format_cell(r, true);
  EXPECT_NE(r.backend_diffs[0].find("raw a"), std::string::npos) << r.backend_diffs[0];
  for (const auto& run : r.runs) EXPECT_EQ(run.role, run.backend == "raw" ? "direct" : "library");
}

TEST_F(CellTest, SkipsATargetThatWasNotBuiltWithTheReason) {
  target_.built = false;
  target_.not_built_reason = "x-g++ not found: apt-get install g++-x";
  const auto r = run(spec(R"({"name": "a", "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Skip);
  EXPECT_EQ(r.reason, "x-g++ not found: apt-get install g++-x");
}

TEST_F(CellTest, FailsWhenABinaryIsMissingFromTheBuild) {
  script("raw", "c", "true");
  const auto r = run(spec(R"({"name": "a", "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(format_cell(r, false).find("binary 'c' was not built for test-native (libc)"), std::string::npos);
}

TEST_F(CellTest, ReportsABackendThatCannotRunHereWithoutFailingTheCell) {
  script("raw", "c", "echo hi");
  target_.unrunnable["libc"] = "needs a real Mac";
  const auto r = run(spec(R"({"name": "a", "out": ["hi"], "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Pass);
  ASSERT_EQ(r.backends_not_run.size(), 1u);
  EXPECT_EQ(r.backends_not_run[0], "libc: needs a real Mac");
}

TEST_F(CellTest, UsesASystemsOwnDocumentedExpectation) {
  target_.os = "windows";
  script("raw", "c", "echo no modes here");
  script("libc", "c", "echo no modes here");
  const auto r = run(spec(R"({"name": "a", "out": ["mode 0755"], "end": "exit 0",
                              "on": {"windows": {"why": "no POSIX mode bits", "out": ["no modes here"]}}})"));
  EXPECT_EQ(r.status, Status::Pass) << format_cell(r, true);
  EXPECT_EQ(r.runs[0].expectation, "windows");
}

TEST_F(CellTest, UsesTheIdAVictimOfAWineTargetSaysItHas) {
  // Under Wine a program's own id is not the host pid: the victim says it, the run gets it
  // as $VICTIM, and it reads $VICTIM in the transcript.
  target_.runner = "wine";
  const std::string body =
      "if [ \"$1\" = sleep ]; then echo 'pid: 4244'; echo ready; sleep 0.2; exit 0; fi; echo \"sent to $2\"";
  script("raw", "c", body);
  script("libc", "c", body);
  const auto r = run(spec(R"({"name": "v", "args": ["send", "$VICTIM"], "out": ["sent to $VICTIM"], "end": "exit 0",
                              "victim": {"args": ["sleep"], "end": "exit 0"}})"));
  EXPECT_EQ(r.status, Status::Pass) << format_cell(r, true);
}

TEST_F(CellTest, FailsAWineVictimThatDoesNotSayItsId) {
  target_.runner = "wine";
  const std::string body = "if [ \"$1\" = sleep ]; then echo ready; exec sleep 30; fi; echo sent";
  script("raw", "c", body);
  script("libc", "c", body);
  const auto r = run(spec(R"({"name": "v", "args": ["send", "$VICTIM"], "out": ["sent"], "end": "exit 0",
                              "victim": {"args": ["sleep"], "end": "exit 0"}})"));
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(format_cell(r, false).find("the victim did not say its own process id"), std::string::npos)
      << format_cell(r, false);
}

TEST_F(CellTest, PreparesTheRunnerFirstWithTheTargetsEnvironment) {
  target_.environment["SYSPORT_TEST_STATE"] = (dir_.path() / "state").string();
  const auto prepare = dir_.path() / "prepare";
  std::ofstream(prepare) << "#!/bin/sh\necho ready > \"$SYSPORT_TEST_STATE\"\n";
  chmod(prepare.c_str(), 0755);
  script("raw", "c", "cat \"$SYSPORT_TEST_STATE\"");
  script("libc", "c", "cat \"$SYSPORT_TEST_STATE\"");
  CellOptions options;
  options.prepare = {prepare.string()};
  const auto r = run_cell(target_, spec(R"({"name": "a", "out": ["ready"], "end": "exit 0"})"), options);
  EXPECT_EQ(r.status, Status::Pass) << format_cell(r, true);
}

TEST_F(CellTest, SkipsOrFailsWithWhatAPrepareStepThatCannotReadyTheRunnerSays) {
  script("raw", "c", "echo ran");
  const auto prepare = dir_.path() / "prepare";
  CellOptions options;
  options.prepare = {prepare.string()};
  std::ofstream(prepare) << "#!/bin/sh\necho 'wine not found: apt-get install wine wine64' >&2\nexit 77\n";
  chmod(prepare.c_str(), 0755);
  auto r = run_cell(target_, spec(R"({"name": "a", "out": ["ran"], "end": "exit 0"})"), options);
  EXPECT_EQ(r.status, Status::Skip);
  EXPECT_EQ(r.reason, "wine not found: apt-get install wine wine64");
  EXPECT_TRUE(r.runs.empty());

  std::ofstream(prepare) << "#!/bin/sh\necho 'wineboot -i failed' >&2\nexit 1\n";
  r = run_cell(target_, spec(R"({"name": "a", "out": ["ran"], "end": "exit 0"})"), options);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(r.reason.find("could not prepare the native runner"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("exit 1): wineboot -i failed"), std::string::npos) << r.reason;
  EXPECT_TRUE(r.runs.empty());
}

TEST_F(CellTest, RunsNothingAndSaysWhyForARunThatDoesNotApply) {
  script("raw", "c", "echo hi");
  script("libc", "c", "echo hi");
  const auto r = run(spec(R"({"name": "a", "out": ["hi"], "end": "exit 0"},
                              {"name": "b", "backends": ["raw"], "why": "raw only", "out": ["hi"], "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Pass);
  EXPECT_NE(format_cell(r, true).find("libc b: n/a - not applicable: raw only"), std::string::npos) << format_cell(r, true);
}

// A backend that lacks an operation: its binary says so on stderr and exits 77, as
// sp::unsupported does (suites/sysport_common.cc).
std::string lacks(const std::string& operation) {
  return "echo 'sysport: unsupported by this backend: " + operation + "' >&2; exit 77";
}

TEST_F(CellTest, SkipsTheRunsOfABackendThatLacksAnOperationAndSaysWhichAndWhy) {
  script("raw", "c", "echo made; echo more");
  script("libc", "c", lacks("mkdirat_cwd"));
  const auto r = run(spec(R"({"name": "a", "out": ["made", "more"], "end": "exit 0"},
                              {"name": "b", "out": ["made", "more"], "end": "exit 0"})"));
  const auto text = format_cell(r, false);
  // Passed on the runs that ran; the others are said, in the verdict line and one by one.
  EXPECT_EQ(r.status, Status::Pass) << text;
  EXPECT_EQ(r.runs_that_ran(), 2);
  EXPECT_EQ(r.runs_skipped(), 2);
  EXPECT_EQ(r.reason, "2 of 4 runs SKIP: mkdirat_cwd: unsupported by the libc backend (2 runs)");
  EXPECT_NE(text.find("test-native/c: PASS (2 of 4 runs SKIP: mkdirat_cwd: unsupported by the libc backend (2 runs))"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("== libc a: SKIP: mkdirat_cwd: unsupported by the libc backend\n"), std::string::npos) << text;
  EXPECT_NE(text.find("== libc b: SKIP: mkdirat_cwd: unsupported by the libc backend\n"), std::string::npos) << text;
  // A run that SKIPs is compared with nothing: not with the expectation, not with raw.
  EXPECT_TRUE(r.backend_diffs.empty()) << text;
}

TEST_F(CellTest, IsSkipWithEveryReasonWhenEveryRunSkips) {
  script("raw", "c", lacks("kill"));
  script("libc", "c", lacks("signal_named"));
  const auto r = run(spec(R"({"name": "a", "out": ["sent"], "end": "exit 0"})"));
  EXPECT_EQ(r.status, Status::Skip) << format_cell(r, true);
  EXPECT_EQ(r.reason, "kill: unsupported by the raw backend (1 run); signal_named: unsupported by the libc backend (1 run)");
}

TEST_F(CellTest, NeverPassesARunThatSaidItCannotDoWhatItWasAsked) {
  // Even a specification that expects exactly what the program printed cannot make a run
  // that reported an unsupported operation PASS: it SKIPs.
  script("raw", "c", lacks("getppid"));
  script("libc", "c", lacks("getppid"));
  const auto r = run(spec(R"({"name": "a", "out": [], "err": ["sysport: unsupported by this backend: getppid"],
                              "end": "exit 77"})"));
  EXPECT_EQ(r.status, Status::Skip) << format_cell(r, true);
  EXPECT_EQ(r.runs_that_ran(), 0);
}

TEST_F(CellTest, FailsAReportOfAnUnsupportedOperationThatDoesNotEndAsThatReportDoes) {
  script("raw", "c", "echo 'sysport: unsupported by this backend: mkdir' >&2; exit 0");
  script("libc", "c", "echo 'sysport: unsupported by this backend: mkdir' >&2; kill -SEGV $$");
  const auto r = run(spec(R"({"name": "a", "out": [], "end": "exit 0"})"));
  const auto text = format_cell(r, false);
  EXPECT_EQ(r.status, Status::Fail) << text;
  EXPECT_NE(text.find("== raw a: FAILED - it said that this backend lacks mkdir but did not end with exit 77"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("== libc a: FAILED - it said that this backend lacks mkdir but did not end with exit 77"),
            std::string::npos)
      << text;
}

TEST_F(CellTest, ChecksWhatARunPrintedBeforeItsBackendTurnedOutToLackAnOperation) {
  // The lines before the report must be the specification's first lines: a SKIP does not
  // hide a wrong answer that came first.
  script("raw", "c", "echo 'mkdir d: ok'; " + lacks("mkdirat_cwd"));
  script("libc", "c", "echo 'mkdir d: EPERM'; " + lacks("mkdirat_cwd"));
  const auto r = run(spec(R"({"name": "a", "out": ["mkdir d: ok", "mkdirat d2: ok"], "end": "exit 0"})"));
  const auto text = format_cell(r, false);
  EXPECT_EQ(r.status, Status::Fail) << text;
  EXPECT_NE(text.find("== raw a: SKIP: mkdirat_cwd: unsupported by the raw backend"), std::string::npos) << text;
  EXPECT_NE(text.find("== libc a: FAILED - printed what the specification does not expect before it said that "
                      "this backend lacks mkdirat_cwd"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- out: mkdir d: ok\n+ out: mkdir d: EPERM"), std::string::npos) << text;
}

TEST_F(CellTest, SkipsARunWhoseVictimLacksAnOperation) {
  const std::string body = "if [ \"$1\" = sleep ]; then echo ready; " + lacks("wait_for_signal") +
                           "; fi; sleep 0.2; echo sent";
  script("raw", "c", body);
  script("libc", "c", body);
  const auto r = run(spec(R"({"name": "v", "args": ["send", "$VICTIM"], "out": ["sent"], "end": "exit 0",
                              "victim": {"args": ["sleep"], "end": "signal SIGTERM"}})"));
  EXPECT_EQ(r.status, Status::Skip) << format_cell(r, true);
  EXPECT_EQ(r.reason, "wait_for_signal: unsupported by the raw backend (the victim) (1 run); "
                      "wait_for_signal: unsupported by the libc backend (the victim) (1 run)");
}

}  // namespace
}  // namespace sysport
