// Transcript normalisation and diffs: the parts that decide whether two runs "match".
#include "harness/transcript.h"

#include <gtest/gtest.h>

#include "harness/tempdir.h"

#include <fstream>

namespace sysport {
namespace {

TEST(Transcript, SubstitutesWholePidTokensOnly) {
  const std::map<long, std::string> pids{{4242, "$PID"}, {17, "$PPID"}};
  EXPECT_EQ(substitute_numbers("getpid: 4242", pids), "getpid: $PID");
  EXPECT_EQ(substitute_numbers("getppid: 17", pids), "getppid: $PPID");
  EXPECT_EQ(substitute_numbers("42424 x4242 4242y 4242", pids), "42424 x4242 4242y $PID");
  EXPECT_EQ(substitute_numbers("(4242) - ESRCH", pids), "($PID) - ESRCH");
}

TEST(Transcript, NeverTakesAnOctalModeForAPid) {
  // Pids wrap at pid_max, so a run's pid can be 640 while it prints the mode 0640.
  const std::map<long, std::string> pids{{640, "$PID"}, {0, "$ZERO"}};
  EXPECT_EQ(substitute_numbers("open greeting 0640: ok", pids), "open greeting 0640: ok");
  EXPECT_EQ(substitute_numbers("pid 640", pids), "pid $PID");
  EXPECT_EQ(substitute_numbers("getppid: 0", pids), "getppid: $ZERO");
}

TEST(Transcript, FindsTheOperationABackendSaidItLacks) {
  EXPECT_EQ(unsupported_operation("sysport: unsupported by this backend: mkdirat_cwd\n"), "mkdirat_cwd");
  // The last report counts; other stderr lines are not reports.
  EXPECT_EQ(unsupported_operation("kill: unknown signal SIGNOPE\nsysport: unsupported by this backend: a\n"
                                  "sysport: unsupported by this backend: kill\n"),
            "kill");
  EXPECT_EQ(unsupported_operation("sysport: unsupported by this backend: kill"), std::nullopt);  // no newline
  EXPECT_EQ(unsupported_operation("x sysport: unsupported by this backend: kill\n"), std::nullopt);
  EXPECT_EQ(unsupported_operation("sysport: unsupported by this backend: \n"), std::nullopt);
  EXPECT_EQ(unsupported_operation("sysport: unsupported by this backend: two words\n"), std::nullopt);
  EXPECT_EQ(unsupported_operation(""), std::nullopt);
  EXPECT_EQ(unsupported_exit_status(), 77);
}

TEST(Transcript, BindsNamedNumbersFromTheLinesThatShowThem) {
  const Lines expected{"out: getpid: $(WINPID)", "out: getppid: 0", "out: getpid again: $(WINPID)", "end: exit 0"};
  const Lines actual{"out: getpid: 36", "out: getppid: 0", "out: getpid again: 36"};
  const auto names = bind_captures(expected, actual);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names.at(36), "$(WINPID)");
  EXPECT_EQ(substitute_numbers("out: getpid again: 36", names), "out: getpid again: $(WINPID)");
}

TEST(Transcript, ANamedNumberKeepsItsFirstValueSoADifferentOneShows) {
  // The second line has another number: it is not bound, so it stays a number and the
  // comparison with "$(WINPID)" fails where it should.
  const auto names = bind_captures({"out: a $(WINPID)", "out: b $(WINPID)"}, {"out: a 36", "out: b 40"});
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names.at(36), "$(WINPID)");
  EXPECT_EQ(substitute_numbers("out: b 40", names), "out: b 40");
}

TEST(Transcript, BindsNothingFromALineThatDoesNotMatchItsPattern) {
  EXPECT_TRUE(bind_captures({"out: getpid: $(WINPID)"}, {"out: getppid: 36"}).empty());
  EXPECT_TRUE(bind_captures({"out: getpid: $(WINPID)"}, {"out: getpid: x36"}).empty());
  EXPECT_TRUE(bind_captures({"out: getpid: $(WINPID)"}, {"out: getpid: 36 extra"}).empty());
  EXPECT_TRUE(bind_captures({"out: getpid: $(WINPID)"}, {}).empty());
  EXPECT_TRUE(bind_captures({"out: getpid: 36"}, {"out: getpid: 36"}).empty());
}

TEST(Transcript, SplitsLinesAndMarksAMissingFinalNewline) {
  EXPECT_EQ(split_lines("a\nb\n"), (Lines{"a", "b"}));
  EXPECT_EQ(split_lines("a\nb"), (Lines{"a", "b [no newline at end]"}));
  EXPECT_TRUE(split_lines("").empty());
}

TEST(Transcript, DiffShowsWhatIsMissingAndWhatIsExtra) {
  EXPECT_EQ(diff_lines({"a", "b"}, {"a", "b"}, "x", "y"), "");
  const std::string d = diff_lines({"a", "b", "c"}, {"a", "B", "c"}, "expected", "actual");
  EXPECT_EQ(d, "--- expected\n+++ actual\n  a\n- b\n+ B\n  c\n");
}

TEST(Transcript, ExpectedTranscriptHasEveryPartInOrder) {
  RunSpec run;
  run.out = {"hello"};
  run.err = Lines{"oops"};
  run.end = EndExpectation::parse("signal SIGTERM", "t");
  run.files = {FileExpectation{"d", "dir", 0755u, std::nullopt}};
  run.victim = VictimSpec{"kill", {"sleep"}, EndExpectation::parse("signal SIGKILL", "t")};
  EXPECT_EQ(expected_transcript(run),
            (Lines{"out: hello", "err: oops", "end: signal SIGTERM", "file d: dir 0755", "victim: signal SIGKILL"}));
}

TEST(Transcript, DescribesFilesOnDiskTheWayTheSpecificationDoes) {
  TempDir dir("sysport-test");
  std::filesystem::create_directory(dir.path() / "d");
  std::filesystem::permissions(dir.path() / "d", std::filesystem::perms(0750));
  std::ofstream(dir.path() / "f") << "hi\n";
  std::filesystem::permissions(dir.path() / "f", std::filesystem::perms(0600));
  EXPECT_EQ(describe_file_on_disk(dir.path(), {"d", "dir", 0755u, std::nullopt}), "file d: dir 0750");
  EXPECT_EQ(describe_file_on_disk(dir.path(), {"f", "file", 0600u, std::string("hi\n")}), "file f: file 0600 \"hi\\n\"");
  EXPECT_EQ(describe_file_on_disk(dir.path(), {"gone", "absent", std::nullopt, std::nullopt}), "file gone: absent");
  EXPECT_EQ(describe_file_on_disk(dir.path(), {"f", "dir", std::nullopt, std::nullopt}), "file f: file");
}

TEST(Transcript, PrintableEscapesControlBytes) {
  EXPECT_EQ(printable("a\nb\x01\\"), "a\\nb\\x01\\\\");
}

}  // namespace
}  // namespace sysport
