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

}  // namespace
}  // namespace sysport
