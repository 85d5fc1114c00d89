// The runner's isolation promises, each checked against a real misbehaving process.
#include "harness/process.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "harness/tempdir.h"

namespace sysport {
namespace {

using namespace std::chrono_literals;

SpawnOptions shell(const std::string& script) {
  SpawnOptions o;
  o.argv = {"/bin/sh", "-c", script};
  o.timeout = 5s;
  return o;
}

TEST(Process, ReportsExitStatusExactly) {
  for (int status : {0, 1, 42, 255}) {
    const auto o = run_process(shell("exit " + std::to_string(status)));
    ASSERT_EQ(o.end, ProcessOutcome::End::Exited);
    EXPECT_EQ(o.exit_status, status);
    EXPECT_EQ(o.describe(), "exit " + std::to_string(status));
  }
}

TEST(Process, ReportsTheSignalThatKilledIt) {
  const auto o = run_process(shell("kill -SEGV $$"));
  ASSERT_EQ(o.end, ProcessOutcome::End::Signaled);
  EXPECT_EQ(o.signal, SIGSEGV);
  EXPECT_EQ(o.describe(), "signal SIGSEGV");
}

TEST(Process, KeepsStdoutAndStderrApart) {
  const auto o = run_process(shell("echo out; echo err >&2"));
  EXPECT_EQ(o.out, "out\n");
  EXPECT_EQ(o.err, "err\n");
}

TEST(Process, TimesOutAHangAndKillsIt) {
  auto options = shell("sleep 30");
  options.timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  const auto o = run_process(options);
  EXPECT_EQ(o.end, ProcessOutcome::End::TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_NE(o.describe().find("timeout"), std::string::npos);
}

TEST(Process, CapsAFloodOfOutput) {
  auto options = shell("yes flood");
  options.output_cap = 10000;
  const auto o = run_process(options);
  EXPECT_EQ(o.end, ProcessOutcome::End::OutputCapped);
  EXPECT_EQ(o.out.size() + o.err.size(), 10000u);
}

TEST(Process, KillsWhatTheProcessLeftBehindInItsGroup) {
  TempDir dir("sysport-test");
  auto options = shell("sleep 30 & echo $! > child.pid");
  options.cwd = dir.path();
  const auto o = run_process(options);
  EXPECT_EQ(o.end, ProcessOutcome::End::Exited);
  EXPECT_TRUE(o.killed_leftovers);
  FILE* f = fopen((dir.path() / "child.pid").c_str(), "r");
  ASSERT_NE(f, nullptr);
  int child = 0;
  ASSERT_EQ(fscanf(f, "%d", &child), 1);
  fclose(f);
  // The orphan was reparented and then killed. Whether init reaps it is init's business
  // (some container inits never do), so a zombie counts as gone.
  auto dead = [child] {
    std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const auto close = line.rfind(')');
    return close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z';
  };
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = dead();
    if (!gone) usleep(10000);
  }
  EXPECT_TRUE(gone) << "leftover child " << child << " is still alive";
}

TEST(Process, RunsInItsOwnProcessGroupDirectoryAndUmask) {
  TempDir dir("sysport-test");
  auto options = shell("ps -o pgid= -p $$ | tr -d ' '; pwd; umask");
  options.cwd = dir.path();
  options.umask = 027;
  Process p(options);
  ASSERT_TRUE(p.start());
  const auto& o = p.finish();
  const std::string expected = std::to_string(p.pid()) + "\n" + dir.path().string() + "\n0027\n";
  EXPECT_EQ(o.out, expected);
}

TEST(Process, SaysWhyAProgramCouldNotStart) {
  SpawnOptions options;
  options.argv = {"/nonexistent/program"};
  const auto o = run_process(options);
  EXPECT_EQ(o.end, ProcessOutcome::End::SpawnFailed);
  EXPECT_EQ(o.describe(), "could not start: No such file or directory");
}

// A file the kernel refuses (here: text without a #! line, as a truncated or foreign binary
// would be) must be reported as such, not handed to /bin/sh the way execvp does.
TEST(Process, ReportsAFileTheKernelCannotExecuteWithoutAShellFallback) {
  TempDir dir("sysport-test");
  const auto program = dir.path() / "not-a-program";
  std::ofstream(program) << "echo ran by a shell\n";
  std::filesystem::permissions(program, std::filesystem::perms::owner_all);
  SpawnOptions options;
  options.argv = {program.string()};
  const auto o = run_process(options);
  EXPECT_EQ(o.end, ProcessOutcome::End::SpawnFailed) << o.describe() << ": " << o.out;
  EXPECT_EQ(o.spawn_errno, ENOEXEC);
  EXPECT_EQ(o.out, "");
}

TEST(Process, FindsAProgramInPath) {
  EXPECT_EQ(find_program("/bin/sh"), "/bin/sh");
  EXPECT_NE(find_program("sh"), "");
  EXPECT_EQ(find_program("sysport-no-such-program"), "");
  SpawnOptions options;
  options.argv = {"sysport-no-such-program"};
  EXPECT_EQ(run_process(options).describe(), "could not start: No such file or directory");
}

#ifdef __GLIBC__
// Transcripts name signals ("end: signal SIGSEGV"), so every host must name them alike:
// here whichever process host is linked is compared with glibc's own names.
TEST(Process, NamesSignalsAsGlibcDoes) {
  for (int s = 1; s < SIGRTMIN; ++s) {
    if (const char* abbrev = sigabbrev_np(s)) EXPECT_EQ(signal_name(s), std::string("SIG") + abbrev) << s;
  }
  EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(signal_name(200), "signal 200");
}
#endif

TEST(Process, WaitsForAReadyLine) {
  Process p(shell("echo starting; sleep 0.1; echo ready; sleep 30"));
  ASSERT_TRUE(p.start());
  EXPECT_TRUE(p.wait_for_line("ready", 5s));
  kill(p.pid(), SIGTERM);
  EXPECT_EQ(p.finish().describe(), "signal SIGTERM");
}

TEST(Process, ReportsAProcessThatNeverBecomesReady) {
  Process p(shell("echo not yet"));
  ASSERT_TRUE(p.start());
  EXPECT_FALSE(p.wait_for_line("ready", 5s));
}

TEST(TempDir, RemovesEverythingEvenUnwritableDirectories) {
  std::filesystem::path kept;
  {
    TempDir dir("sysport-test");
    kept = dir.path();
    std::filesystem::create_directories(kept / "a" / "b");
    std::filesystem::permissions(kept / "a", std::filesystem::perms::none);
  }
  EXPECT_FALSE(std::filesystem::exists(kept));
}

}  // namespace
}  // namespace sysport
