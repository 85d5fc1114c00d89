// Transcripts: what a run produced, as lines a person can read and a machine can compare.
//   out: <a line the binary printed>      (pids replaced by $PID, $PPID, $VICTIM, and numbers
//                                          the specification names by $(NAME))
//   err: <a line on stderr>               (only when the case's specification lists stderr)
//   end: exit 0 | signal SIGTERM | timeout ... | output cap exceeded ...
//   file d: dir 0755                      (what the specification asked to look at on disk)
//   victim: signal SIGTERM                (how the process the run signalled ended)
// The expected transcript is built from the specification in the same shape, so comparing
// the two is comparing lines, and a failure is shown as a diff.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/spec.h"

namespace sysport {

using Lines = std::vector<std::string>;

Lines split_lines(const std::string& text);

// Replaces every whole decimal token equal to a key of `names` with its value
// ("getpid: 4242" -> "getpid: $PID"); digits inside longer tokens are left alone.
std::string substitute_numbers(const std::string& line, const std::map<long, std::string>& names);

// Numbers a specification cannot know in advance but can name: an expected line may say
// $(NAME) where the actual line has a decimal number (a Windows process id under Wine,
// which is no host pid the harness could substitute). Each expected line with $(NAME) is
// matched against the actual line at the same place; the first number found for a NAME is
// that NAME's. The result maps each such number to "$(NAME)", for substitute_numbers, so
// that every later place the number appears must be the same number to read $(NAME) too.
std::map<long, std::string> bind_captures(const Lines& expected, const Lines& actual);

// A program whose backend lacks an operation says so (suites/sysport.h, sp::unsupported):
// the line "sysport: unsupported by this backend: <operation>" on stderr, then exit status
// 77. The operation named by the last such line of `err`, or nothing.
std::optional<std::string> unsupported_operation(const std::string& err);
// The exit status that goes with it.
int unsupported_exit_status();

// "file d: dir 0755", "file d3: absent", "file copy: file 0600 \"copy\\n\"".
std::string describe_file(const FileExpectation& expected);
std::string describe_file_on_disk(const std::filesystem::path& dir, const FileExpectation& expected);

// The expected transcript of a run (without victim/end lines being computed from anything
// but the specification).
Lines expected_transcript(const RunSpec& run);

// A line diff: "  same", "- expected only", "+ actual only"; empty when equal.
std::string diff_lines(const Lines& expected, const Lines& actual, const std::string& expected_label,
                       const std::string& actual_label);

// Escapes control characters so a transcript line is always one printable line.
std::string printable(const std::string& text);

}  // namespace sysport
