// The case specification parser: what it accepts, and that each mistake a case author
// can make is an error naming the file, the place and the problem.
#include "harness/spec.h"

#include <gtest/gtest.h>

namespace sysport {
namespace {

std::string error_of(const std::string& json) {
  try {
    parse_case_spec(json, "suites/x.json");
  } catch (const SpecError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Spec, ParsesACompleteCase) {
  const auto spec = parse_case_spec(R"({
    "case": "kill", "summary": "s",
    "runs": [
      {"name": "a", "args": ["send", "SIGTERM", "$VICTIM"], "out": ["x"], "end": "exit 0",
       "victim": {"args": ["sleep"], "end": "signal SIGTERM"}},
      {"name": "b", "binary": "falloff", "backends": ["raw"], "why": "no crt", "end": "signal SIGSEGV",
       "err": [], "umask": "077", "files": [{"path": "d", "type": "dir", "mode": "0755"}]}
    ]})", "suites/kill.json");
  ASSERT_EQ(spec.runs.size(), 2u);
  EXPECT_EQ(spec.runs[0].binary, "kill");
  EXPECT_TRUE(spec.runs[0].backends.empty());  // every backend the target has
  ASSERT_TRUE(spec.runs[0].victim.has_value());
  EXPECT_EQ(spec.runs[0].victim->end.text(), "signal SIGTERM");
  EXPECT_EQ(spec.runs[1].binary, "falloff");
  EXPECT_EQ(spec.runs[1].backends, std::set<std::string>{"raw"});
  EXPECT_EQ(spec.runs[1].umask, 077u);
  EXPECT_TRUE(spec.runs[1].err.has_value());
  EXPECT_EQ(*spec.runs[1].files[0].mode, 0755u);
}

TEST(Spec, RejectsMalformedJson) {
  EXPECT_NE(error_of("{\"case\": "), "(no error)");
  EXPECT_NE(error_of("{\"case\": ").find("suites/x.json: not valid JSON"), std::string::npos);
}

TEST(Spec, RejectsUnknownKeysAndSaysWhichAreKnown) {
  const auto e = error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "stdout": []}]})");
  EXPECT_NE(e.find("suites/x.json: runs[0]: unknown key 'stdout'"), std::string::npos) << e;
  EXPECT_NE(e.find("known: "), std::string::npos) << e;
}

TEST(Spec, RejectsABadEnd) {
  for (const char* end : {"exit", "exit 256", "exit -1", "exit x", "signal TERM", "died", "exit 0 now"}) {
    const auto e = error_of(std::string(R"({"case": "c", "runs": [{"name": "a", "end": ")") + end + R"("}]})");
    EXPECT_NE(e.find("expected \"exit N\""), std::string::npos) << end << ": " << e;
  }
}

TEST(Spec, RequiresAReasonToLimitBackends) {
  const auto e = error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "backends": ["raw"]}]})");
  EXPECT_NE(e.find("must say why"), std::string::npos) << e;
}

TEST(Spec, RejectsAnUnknownBackend) {
  const auto e = error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "backends": ["musl"], "why": "w"}]})");
  EXPECT_NE(e.find("unknown backend \"musl\""), std::string::npos) << e;
}

TEST(Spec, RejectsDuplicateRunNames) {
  const auto e = error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0"}, {"name": "a", "end": "exit 1"}]})");
  EXPECT_NE(e.find("two runs are named \"a\""), std::string::npos) << e;
}

TEST(Spec, TakesAnEarlierRunsOutputWithOutFrom) {
  const auto spec = parse_case_spec(R"({"case": "c", "runs": [
      {"name": "a", "out": ["x", "y"], "end": "exit 0"},
      {"name": "b", "out_from": "a", "umask": "077", "end": "exit 0"}]})",
                                    "suites/c.json");
  EXPECT_EQ(spec.runs[1].out, (std::vector<std::string>{"x", "y"}));
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "b", "out_from": "a", "end": "exit 0"}]})")
                .find("no earlier run is named \"a\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0"},
                                               {"name": "b", "out_from": "a", "out": [], "end": "exit 0"}]})")
                .find("not both"),
            std::string::npos);
}

TEST(Spec, RejectsAVictimReferenceWithoutAVictim) {
  const auto e = error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "args": ["$VICTIM"]}]})");
  EXPECT_NE(e.find("no \"victim\""), std::string::npos) << e;
}

TEST(Spec, RejectsBadModesAndPathsOutsideTheRunDirectory) {
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "files": [{"path": "d", "type": "dir", "mode": "755x"}]}]})")
                .find("octal mode"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "files": [{"path": "../etc", "type": "dir"}]}]})")
                .find("relative path inside"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "files": [{"path": "d", "type": "link"}]}]})")
                .find("\"dir\", \"file\" or \"absent\""),
            std::string::npos);
}

TEST(Spec, RejectsACaseWithoutRuns) {
  EXPECT_NE(error_of(R"({"case": "c", "runs": []})").find("non-empty list"), std::string::npos);
  EXPECT_NE(error_of(R"({"runs": [{"name": "a", "end": "exit 0"}]})").find("missing 'case'"), std::string::npos);
}

TEST(Spec, AppliesASystemOverrideOnlyOnThatSystem) {
  const auto spec = parse_case_spec(R"({"case": "c", "runs": [
      {"name": "a", "out": ["mkdir d 0755: ok"], "end": "exit 0",
       "files": [{"path": "d", "type": "dir", "mode": "0755"}],
       "on": {"windows": {"why": "no POSIX mode bits", "files": [{"path": "d", "type": "dir"}]}},
       "skip_on": {"darwin": "not meaningful there"}}]})",
                                    "suites/c.json");
  const RunSpec& run = spec.runs[0];
  EXPECT_EQ(run.for_system("linux").files[0].mode, 0755u);
  EXPECT_FALSE(run.for_system("windows").files[0].mode.has_value());
  EXPECT_EQ(run.for_system("windows").out, run.out);
  EXPECT_EQ(run.skip_on.at("darwin"), "not meaningful there");
}

TEST(Spec, RequiresAReasonForEverySystemDifference) {
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "on": {"windows": {"end": "exit 1"}}}]})")
                .find("missing 'why'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "on": {"plan9": {"why": "w"}}}]})")
                .find("unknown system \"plan9\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0", "skip_on": {"windows": ""}}]})")
                .find("non-empty string"),
            std::string::npos);
}

// A case with one run whose output and files a Windows override changes; `override` is the
// body of "on": {"windows": {...}}, `top` any top-level keys before "runs".
std::string one_run_case(const std::string& override_body, const std::string& top = "") {
  return R"({"case": "c", )" + top + R"("runs": [{"name": "a", "out": ["one", "two: ENOTDIR", "three"], "end": "exit 0",
      "files": [{"path": "d", "type": "dir", "mode": "0700"}, {"path": "f", "type": "file", "mode": "0600"}],
      "on": {"windows": {)" + override_body + "}}}]}";
}

TEST(Spec, PatchesOnlyTheLinesAnOverrideNames) {
  const auto spec = parse_case_spec(one_run_case(R"("why": "w", "out_replace": {"two: ENOTDIR": "two: ENOENT"})"),
                                    "suites/c.json");
  EXPECT_EQ(spec.runs[0].for_system("windows").out, (std::vector<std::string>{"one", "two: ENOENT", "three"}));
  EXPECT_EQ(spec.runs[0].for_system("linux").out, (std::vector<std::string>{"one", "two: ENOTDIR", "three"}));
}

TEST(Spec, MatchesPatchKeysAgainstTheRunsOwnLinesNotThePatchedOnes) {
  // "one" becomes "three" and "three" becomes "one": matched one key at a time against the
  // list being patched, the second key would find two lines.
  const auto spec = parse_case_spec(one_run_case(R"("why": "w", "out_replace": {"one": "three", "three": "one"})"),
                                    "suites/c.json");
  EXPECT_EQ(spec.runs[0].for_system("windows").out, (std::vector<std::string>{"three", "two: ENOTDIR", "one"}));
}

TEST(Spec, ReplacesAFilesEntryWholeByItsPath) {
  const auto spec = parse_case_spec(one_run_case(R"("why": "w", "files_replace": {"d": {"type": "dir"}})"),
                                    "suites/c.json");
  const auto files = spec.runs[0].for_system("windows").files;
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "d");
  EXPECT_EQ(files[0].type, "dir");
  EXPECT_FALSE(files[0].mode.has_value());  // replaced, not merged: the base's 0700 is gone
  EXPECT_EQ(files[1].path, "f");
  EXPECT_EQ(*files[1].mode, 0600u);
  EXPECT_EQ(*spec.runs[0].for_system("linux").files[0].mode, 0700u);
}

TEST(Spec, RejectsAPatchKeyThatMatchesNothing) {
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "out_replace": {"two: ENOTDIR ": "two: ENOENT"})")),
            "suites/x.json: runs[0] (a).on.windows.out_replace: \"two: ENOTDIR \" matches nothing in the run's "
            "\"out\" lines");
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "files_replace": {"e": {"type": "absent"}})")),
            "suites/x.json: runs[0] (a).on.windows.files_replace: \"e\" matches nothing in the run's \"files\" paths");
}

TEST(Spec, RejectsAPatchKeyThatMatchesMoreThanOneEntry) {
  EXPECT_EQ(error_of(R"({"case": "c", "runs": [{"name": "a", "out": ["close: ok", "x", "close: ok"], "end": "exit 0",
                         "on": {"windows": {"why": "w", "out_replace": {"close: ok": "close: EBADF"}}}}]})"),
            "suites/x.json: runs[0] (a).on.windows.out_replace: \"close: ok\" matches 2 entries of the run's \"out\" "
            "lines; restate the whole list instead");
  EXPECT_EQ(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0",
                         "files": [{"path": "d", "type": "dir"}, {"path": "d", "type": "dir", "mode": "0755"}],
                         "on": {"windows": {"why": "w", "files_replace": {"d": {"type": "absent"}}}}}]})"),
            "suites/x.json: runs[0] (a).on.windows.files_replace: \"d\" matches 2 entries of the run's \"files\" "
            "paths; restate the whole list instead");
}

TEST(Spec, RejectsAPatchThatChangesNothing) {
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "out_replace": {"one": "one"})")),
            "suites/x.json: runs[0] (a).on.windows.out_replace: \"one\" is replaced by itself");
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "files_replace": {"f": {"type": "file", "mode": "0600"}})")),
            "suites/x.json: runs[0] (a).on.windows.files_replace: \"f\" is replaced by itself");
}

TEST(Spec, RejectsAFilesPatchThatNamesItsPathTwice) {
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "files_replace": {"d": {"path": "d", "type": "dir"}})")),
            "suites/x.json: runs[0] (a).on.windows.files_replace.d: the path is the key; no \"path\" here");
}

TEST(Spec, RejectsARestatementAndAPatchOfTheSameList) {
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "out": ["one"], "out_replace": {"one": "1"})")),
            "suites/x.json: runs[0] (a).on.windows: give \"out\" or \"out_replace\", not both");
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "files": [], "files_replace": {"d": {"type": "dir"}})")),
            "suites/x.json: runs[0] (a).on.windows: give \"files\" or \"files_replace\", not both");
  // Each list on its own may be restated while the other is patched.
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "out": ["one"], "files_replace": {"d": {"type": "dir"}})")),
            "(no error)");
}

TEST(Spec, RejectsAKeyGivenTwiceInOneObject) {
  // JSON would keep the second replacement of "one" and drop the first without a word.
  EXPECT_EQ(error_of(one_run_case(R"("why": "w", "out_replace": {"one": "1", "one": "uno"})")),
            "suites/x.json: the key \"one\" appears twice in one object");
}

TEST(Spec, SpellsOutASharedWhyWhereverAReasonIsGiven) {
  const auto spec = parse_case_spec(R"({"case": "c", "whys": {"no-signals": "Windows has no signals."},
      "runs": [{"name": "a", "end": "exit 0", "backends": ["raw"], "why": {"ref": "no-signals"},
                "skip_on": {"darwin": {"ref": "no-signals", "and": "Nor has this."}},
                "on": {"windows": {"why": {"ref": "no-signals", "and": "TerminateProcess instead."},
                                   "end": "exit 15"}}}]})",
                                    "suites/c.json");
  const RunSpec& run = spec.runs[0];
  EXPECT_EQ(run.only_backend_reason, "Windows has no signals.");
  EXPECT_EQ(run.skip_on.at("darwin"), "Windows has no signals. Nor has this.");
  EXPECT_EQ(run.overrides.at("windows").why, "Windows has no signals. TerminateProcess instead.");
  EXPECT_EQ(run.for_system("windows").end.text(), "exit 15");
}

TEST(Spec, RejectsAReferenceToASharedWhyThatDoesNotExist) {
  EXPECT_EQ(error_of(one_run_case(R"("why": {"ref": "crt-names"})", R"("whys": {"crt-error-names": "p"}, )")),
            "suites/x.json: runs[0] (a).on.windows.why.ref: no shared why is named \"crt-names\" (the file's \"whys\": "
            "crt-error-names)");
  EXPECT_EQ(error_of(R"({"case": "c", "runs": [{"name": "a", "end": "exit 0",
                                               "skip_on": {"windows": {"ref": "x"}}}]})"),
            "suites/x.json: runs[0] (a).skip_on.windows.ref: no shared why is named \"x\" (the file's \"whys\": none)");
}

TEST(Spec, RejectsASharedWhyNoReasonRefersTo) {
  EXPECT_EQ(error_of(one_run_case(R"("why": {"ref": "used"})", R"("whys": {"used": "p", "dead": "q"}, )")),
            "suites/x.json: whys.dead: no reason refers to it (a shared why is used as {\"ref\": \"dead\"})");
  EXPECT_EQ(error_of(one_run_case(R"("why": {"ref": "used"})", R"("whys": {"used": "p"}, )")), "(no error)");
}

TEST(Spec, RejectsAMalformedReference) {
  EXPECT_EQ(error_of(one_run_case(R"("why": {"ref": "w", "and": ""})", R"("whys": {"w": "p"}, )")),
            "suites/x.json: runs[0] (a).on.windows.why.and: expected more words, or no \"and\"");
  EXPECT_NE(error_of(one_run_case(R"("why": {"ref": "w", "also": "x"})", R"("whys": {"w": "p"}, )"))
                .find("runs[0] (a).on.windows.why: unknown key 'also'"),
            std::string::npos);
  EXPECT_EQ(error_of(one_run_case(R"("why": ["w"])")),
            "suites/x.json: runs[0] (a).on.windows.why: expected a string or {\"ref\": NAME, \"and\": MORE}");
}

TEST(Spec, TakesAnEarlierRunsOutputOnEverySystemWithOutFrom) {
  const std::string earlier = R"({"name": "a", "out": ["x: ENOTDIR", "y"], "end": "exit 0",
       "on": {"windows": {"why": "w", "out_replace": {"x: ENOTDIR": "x: ENOENT"}}}})";
  const auto spec = parse_case_spec(R"({"case": "c", "runs": [)" + earlier + R"(,
      {"name": "b", "out_from": "a", "umask": "077", "end": "exit 0", "on": {"windows": {"why": "as a"}}}]})",
                                    "suites/c.json");
  EXPECT_EQ(spec.runs[1].for_system("windows").out, (std::vector<std::string>{"x: ENOENT", "y"}));
  EXPECT_EQ(spec.runs[1].for_system("linux").out, (std::vector<std::string>{"x: ENOTDIR", "y"}));
  EXPECT_EQ(error_of(R"({"case": "c", "runs": [)" + earlier + R"(,
      {"name": "b", "out_from": "a", "end": "exit 0",
       "on": {"windows": {"why": "w", "out_replace": {"y": "z"}}}}]})"),
            "suites/x.json: runs[1] (b).on.windows: the output is a's on every system (\"out_from\"); to differ, give "
            "the run its own \"out\"");
  EXPECT_EQ(error_of(R"({"case": "c", "runs": [)" + earlier + R"(,
      {"name": "b", "out_from": "a", "end": "exit 0"}]})"),
            "suites/x.json: runs[1] (b): a's output differs on windows, so this run's does (\"out_from\"): say why in "
            "\"on\": {\"windows\": {\"why\": ...}}");
}

}  // namespace
}  // namespace sysport
