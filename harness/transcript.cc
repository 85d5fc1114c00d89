#include "harness/transcript.h"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <sstream>

// The marker and its exit status, as the case binaries write them.
#include "suites/sysport.h"

namespace sysport {

Lines split_lines(const std::string& text) {
  Lines lines;
  std::string current;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) lines.push_back(current + " [no newline at end]");
  return lines;
}

std::string substitute_numbers(const std::string& line, const std::map<long, std::string>& names) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    const bool starts_token = i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1]));
    if (std::isdigit(static_cast<unsigned char>(line[i])) && starts_token) {
      std::size_t j = i;
      while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
      const bool ends_token = j == line.size() || !std::isalnum(static_cast<unsigned char>(line[j]));
      // A leading zero marks an octal mode ("0640"), never a pid or an id: with pids wrapping
      // at pid_max, a run's own pid can be 640.
      const bool leading_zero = line[i] == '0' && j - i > 1;
      if (ends_token && !leading_zero && j - i < 12) {
        const auto found = names.find(std::stol(line.substr(i, j - i)));
        if (found != names.end()) {
          out += found->second;
          i = j;
          continue;
        }
      }
      out.append(line, i, j - i);
      i = j;
      continue;
    }
    out += line[i++];
  }
  return out;
}

namespace {

// Matches `actual` against `pattern`, where each $(NAME) stands for a decimal number;
// on success adds NAME -> number to `found`.
bool match_captures(const std::string& pattern, const std::string& actual, std::map<std::string, long>* found) {
  std::size_t p = 0, a = 0;
  std::map<std::string, long> here;
  while (p < pattern.size()) {
    if (pattern.compare(p, 2, "$(") == 0) {
      const std::size_t close = pattern.find(')', p + 2);
      if (close == std::string::npos) return false;
      const std::string name = pattern.substr(p + 2, close - p - 2);
      std::size_t end = a;
      while (end < actual.size() && std::isdigit(static_cast<unsigned char>(actual[end]))) ++end;
      if (end == a || end - a > 11) return false;
      here[name] = std::stol(actual.substr(a, end - a));
      a = end;
      p = close + 1;
    } else {
      if (a >= actual.size() || actual[a] != pattern[p]) return false;
      ++a;
      ++p;
    }
  }
  if (a != actual.size()) return false;
  for (const auto& [name, number] : here) found->emplace(name, number);  // the first binding stays
  return true;
}

}  // namespace

std::map<long, std::string> bind_captures(const Lines& expected, const Lines& actual) {
  std::map<std::string, long> bound;
  for (std::size_t i = 0; i < expected.size() && i < actual.size(); ++i) {
    if (expected[i].find("$(") != std::string::npos) match_captures(expected[i], actual[i], &bound);
  }
  std::map<long, std::string> names;
  for (const auto& [name, number] : bound) names.emplace(number, "$(" + name + ")");
  return names;
}

std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<std::string> unsupported_operation(const std::string& err) {
  static const std::string marker = SP_UNSUPPORTED_MARKER;
  const Lines lines = split_lines(err);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (it->rfind(marker, 0) != 0) continue;
    const std::string operation = it->substr(marker.size());
    // An operation is a C++ name (SP_OPERATIONS); anything else is not this report.
    if (!operation.empty() && operation.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos) {
      return operation;
    }
  }
  return std::nullopt;
}

int unsupported_exit_status() { return SP_UNSUPPORTED_EXIT_STATUS; }

namespace {

std::string octal_mode(unsigned mode) {
  char buf[8];
  snprintf(buf, sizeof buf, "%04o", mode);
  return buf;
}

}  // namespace

std::string describe_file(const FileExpectation& f) {
  std::string s = "file " + f.path + ": " + f.type;
  if (f.mode) s += " " + octal_mode(*f.mode);
  if (f.content) s += " \"" + printable(*f.content) + "\"";
  return s;
}

std::string describe_file_on_disk(const std::filesystem::path& dir, const FileExpectation& f) {
  const std::filesystem::path path = dir / f.path;
  struct stat st {};
  std::string s = "file " + f.path + ": ";
  if (lstat(path.c_str(), &st) != 0) return s + "absent";
  if (S_ISDIR(st.st_mode)) {
    s += "dir";
  } else if (S_ISREG(st.st_mode)) {
    s += "file";
  } else {
    s += "other";
  }
  // Only what the specification asks about is shown, so the two sides line up.
  if (f.mode) s += " " + octal_mode(st.st_mode & 07777);
  if (f.content && S_ISREG(st.st_mode)) {
    std::ifstream in(path, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (content.size() > 4096) content = content.substr(0, 4096) + "[...]";
    s += " \"" + printable(content) + "\"";
  }
  return s;
}

Lines expected_transcript(const RunSpec& run) {
  Lines lines;
  for (const auto& l : run.out) lines.push_back("out: " + l);
  if (run.err) {
    for (const auto& l : *run.err) lines.push_back("err: " + l);
  }
  lines.push_back("end: " + run.end.text());
  for (const auto& f : run.files) lines.push_back(describe_file(f));
  if (run.victim) lines.push_back("victim: " + run.victim->end.text());
  return lines;
}

std::string diff_lines(const Lines& a, const Lines& b, const std::string& a_label, const std::string& b_label) {
  if (a == b) return {};
  // Longest common subsequence; transcripts are tens of lines, so O(n*m) is nothing.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::ostringstream out;
  out << "--- " << a_label << "\n+++ " << b_label << "\n";
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out << "  " << a[i] << "\n";
      ++i;
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out << "- " << a[i++] << "\n";
    } else {
      out << "+ " << b[j++] << "\n";
    }
  }
  return out.str();
}

}  // namespace sysport
