// sysport-darwin-run as the harness uses it: a process started on a guest Mach-O, judged by
// its exit status or signal, its output, its trace and what it left on disk. The guests are
// the small assembly programs of tests/guests/, assembled and linked at build time.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/process.h"
#include "harness/tempdir.h"

namespace sysport {
namespace {

using namespace std::chrono_literals;

class DarwinRunner : public ::testing::TestWithParam<std::string> {
 protected:
  // The guest `name` built for this test's arch, or "" (the test then skips, saying why).
  std::string guest(const std::string& name) {
    const std::string dir = SYSPORT_DARWIN_GUESTS;
    if (dir.empty()) return "";
    return dir + "/" + GetParam() + "/" + name;
  }

  ProcessOutcome run(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    SpawnOptions o;
    o.argv = {SYSPORT_DARWIN_RUN};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.cwd = cwd;
    o.timeout = 20s;
    return run_process(o);
  }

  std::string reg() const { return GetParam() == "arm64" ? "x0" : "rax"; }
};

#define NEED_GUEST(path)                                            \
  if ((path).empty()) GTEST_SKIP() << SYSPORT_DARWIN_GUESTS_WHY;    \
  ASSERT_TRUE(std::filesystem::exists(path)) << (path) << " was not built"

TEST_P(DarwinRunner, AnswersTheDarwinWayCarryClearThenCarrySetWithPositiveErrno) {
  const std::string g = guest("carry");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto trace = dir.path() / "trace";
  const auto o = run({"--trace=" + trace.string(), g}, dir.path());
  // The guest exits with (carry << 7) | x0 after its second mkdir: EEXIST is 17 on Darwin.
  ASSERT_EQ(o.describe(), "exit 145") << o.err;
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "g"));
  std::ifstream in(trace);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("mkdir(\"g\", 0755) = 0\n"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("mkdir(\"g\", 0755) = -1 EEXIST (carry set, " + reg() + " = 17)"), std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("exit(145)"), std::string::npos) << text.str();
  EXPECT_EQ(o.err, "") << "a trace file keeps the guest's stderr its own";
}

// What the self-tests (selftest/darwin-*/broken-error-convention) catch at the level of a
// whole case: a raw layer without the carry test reads the positive errno as a success.
TEST_P(DarwinRunner, AMissingCarryCheckTakesTheErrnoForASuccessValue) {
  const std::string checked = guest("close_checked"), unchecked = guest("close_unchecked");
  NEED_GUEST(checked);
  NEED_GUEST(unchecked);
  TempDir dir("darwin-runner");
  EXPECT_EQ(run({checked}, dir.path()).describe(), "exit 247");  // -EBADF & 0xff
  EXPECT_EQ(run({unchecked}, dir.path()).describe(), "exit 9");  // EBADF, taken for a descriptor
}

TEST_P(DarwinRunner, TraceGoesToStderrWithPlainTrace) {
  const std::string g = guest("carry");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({"--trace", g}, dir.path());
  EXPECT_EQ(o.describe(), "exit 145");
  EXPECT_NE(o.err.find("[darwin " + GetParam() + " "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("EEXIST (carry set"), std::string::npos) << o.err;
}

TEST_P(DarwinRunner, CatchesAWrongSyscallNumberByName) {
  const std::string g = guest("wrongnr");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({g}, dir.path());
  EXPECT_EQ(o.describe(), "exit 125");
  EXPECT_NE(o.err.find("BSD syscall 21 (old mount) is not a system call in XNU"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("a wrong number"), std::string::npos) << o.err;
}

TEST_P(DarwinRunner, StopsOnAnUnsupportedSyscallNamingIt) {
  const std::string g = guest("unsupported");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({g}, dir.path());
  EXPECT_EQ(o.describe(), "exit 125");
  EXPECT_NE(o.err.find("unsupported BSD syscall 2 (fork)"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("carries out only the calls sysport's cases make"), std::string::npos) << o.err;
}

TEST_P(DarwinRunner, StopsOnAMachTrap) {
  const std::string g = guest("mach");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({g}, dir.path());
  EXPECT_EQ(o.describe(), "exit 125");
  EXPECT_NE(o.err.find("Mach trap"), std::string::npos) << o.err;
}

TEST_P(DarwinRunner, PassesArgvAndAppleStringsLikeTheKernel) {
  const std::string g = guest("args");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({g, "first", "second"}, dir.path());
  EXPECT_EQ(o.describe(), "exit 3");  // argc
  EXPECT_EQ(o.out, "executable_path=" + g + "\nfirst\n");
}

TEST_P(DarwinRunner, AnEntryThatReturnsExitsWithItsValueAsUnderDyld) {
  const std::string g = guest("return");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  EXPECT_EQ(run({g}, dir.path()).describe(), "exit 42");
}

// copyinstr: a path in unmapped memory is EFAULT, and one whose NUL is on the next page is
// read across the page boundary.
TEST_P(DarwinRunner, CopiesInPathsAsTheKernelDoes) {
  const std::string g = guest("paths");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({"--trace", g}, dir.path());
  EXPECT_EQ(o.describe(), "exit 0") << o.err;
  EXPECT_NE(o.err.find("mkdir(0x10, 0755) = -1 EFAULT"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("mkdir(\"pq\", 0755) = 0\n"), std::string::npos) << o.err;
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "pq"));
}

TEST_P(DarwinRunner, AppliesRebasesToASlidImage) {
  const std::string g = guest("rebase");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  for (const char* slide : {"0", "8000000", "40000000"}) {
    const auto o = run({"--slide", slide, g}, dir.path());
    EXPECT_EQ(o.describe(), "exit 0") << "slide " << slide << ": " << o.err;
    EXPECT_EQ(o.out, "slid\n") << "slide " << slide;
  }
}

TEST_P(DarwinRunner, AFaultKillsTheRunnerWithTheSameSignal) {
  const std::string g = guest("crash");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  const auto o = run({g}, dir.path());
  EXPECT_EQ(o.describe(), "signal SIGSEGV");
  EXPECT_NE(o.err.find("read unmapped memory at 0x8"), std::string::npos) << o.err;
}

TEST_P(DarwinRunner, ABreakpointIsSigtrap) {
  const std::string g = guest("brk");
  NEED_GUEST(g);
  TempDir dir("darwin-runner");
  EXPECT_EQ(run({g}, dir.path()).describe(), "signal SIGTRAP");
}

INSTANTIATE_TEST_SUITE_P(Arch, DarwinRunner, ::testing::Values("arm64", "x86_64"));

// What only one architecture has.
TEST(DarwinRunnerX86_64, ALinuxStyleNumberWithoutClassIsRefused) {
  const std::string dir = SYSPORT_DARWIN_GUESTS;
  if (dir.empty()) GTEST_SKIP() << SYSPORT_DARWIN_GUESTS_WHY;
  TempDir cwd("darwin-runner");
  SpawnOptions o;
  o.argv = {SYSPORT_DARWIN_RUN, dir + "/x86_64/linuxnr"};
  o.cwd = cwd.path();
  const auto r = run_process(o);
  EXPECT_EQ(r.describe(), "exit 125");
  EXPECT_NE(r.err.find("class 0 is not a BSD call"), std::string::npos) << r.err;
}

TEST(DarwinRunnerArm64, UnsignedCodeIsKilledAsByTheMacOSKernel) {
  const std::string dir = SYSPORT_DARWIN_GUESTS;
  if (dir.empty()) GTEST_SKIP() << SYSPORT_DARWIN_GUESTS_WHY;
  TempDir cwd("darwin-runner");
  SpawnOptions o;
  o.argv = {SYSPORT_DARWIN_RUN, dir + "/arm64/unsigned"};
  o.cwd = cwd.path();
  const auto r = run_process(o);
  EXPECT_EQ(r.describe(), "signal SIGKILL");
  EXPECT_NE(r.err.find("no LC_CODE_SIGNATURE"), std::string::npos) << r.err;
}

TEST(DarwinRunnerArm64, NonPieIsRefusedAsByTheMacOSKernel) {
  const std::string dir = SYSPORT_DARWIN_GUESTS;
  if (dir.empty()) GTEST_SKIP() << SYSPORT_DARWIN_GUESTS_WHY;
  TempDir cwd("darwin-runner");
  SpawnOptions o;
  o.argv = {SYSPORT_DARWIN_RUN, dir + "/arm64/nopie"};
  o.cwd = cwd.path();
  const auto r = run_process(o);
  EXPECT_EQ(r.describe(), "exit 125");
  EXPECT_NE(r.err.find("without MH_PIE"), std::string::npos) << r.err;
}

TEST(DarwinRunnerCli, RefusesWhatIsNotAMachO) {
  TempDir cwd("darwin-runner");
  SpawnOptions o;
  o.argv = {SYSPORT_DARWIN_RUN, "/bin/sh"};
  o.cwd = cwd.path();
  const auto r = run_process(o);
  EXPECT_EQ(r.describe(), "exit 125");
  EXPECT_NE(r.err.find("not a 64-bit Mach-O file"), std::string::npos) << r.err;
}

TEST(DarwinRunnerCli, UsageErrorsExitTwo) {
  TempDir cwd("darwin-runner");
  SpawnOptions o;
  o.argv = {SYSPORT_DARWIN_RUN};
  o.cwd = cwd.path();
  EXPECT_EQ(run_process(o).describe(), "exit 2");
  o.argv = {SYSPORT_DARWIN_RUN, "--bogus", "x"};
  EXPECT_EQ(run_process(o).describe(), "exit 2");
}

// --slide without a value says what --slide takes (not "unknown option"), and an empty or
// partly hexadecimal value is refused rather than read as 0.
TEST(DarwinRunnerCli, SlideNeedsAHexadecimalValue) {
  TempDir cwd("darwin-runner");
  SpawnOptions o;
  o.cwd = cwd.path();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--slide"}, {"--slide", "", "x"}, {"--slide", "4000g", "x"}, {"--slide", "1000", "x"}}) {
    o.argv = {SYSPORT_DARWIN_RUN};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    const auto r = run_process(o);
    EXPECT_EQ(r.describe(), "exit 2") << args.size();
    EXPECT_NE(r.err.find("--slide takes a hexadecimal multiple of 0x4000"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace sysport
