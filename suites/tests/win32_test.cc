// Host-side tests of the freestanding parts of the Windows backends: the Win32 error table
// (win32_errors.h) and the command-line splitter of the kernel32-only entry point
// (win32_cmdline.h). Both are plain C++ with no Windows header, so they are tested here,
// on Linux, with every row and rule spelled out; the Windows build checks the table's
// numbers against <winerror.h> with static_assert (win32_kernel32.h).
#include <errno.h>
#include <gtest/gtest.h>
#include <string.h>

#include <set>
#include <string>
#include <vector>

#include "win32_cmdline.h"
#include "win32_errors.h"

namespace {

using sp::win32::Call;
using sp::win32::error_name;

std::string name_of(Call call, unsigned long code) {
  const char* name = error_name(call, code);
  return name ? name : "(none)";
}

TEST(Win32Errors, NamesTheCodesTheCasesMeet) {
  // The numbers are Microsoft's (System Error Codes); the names Microsoft's C runtime's.
  EXPECT_EQ(name_of(Call::kAny, 183), "EEXIST");     // ERROR_ALREADY_EXISTS: CreateDirectory
  EXPECT_EQ(name_of(Call::kAny, 80), "EEXIST");      // ERROR_FILE_EXISTS: CreateFile CREATE_NEW
  EXPECT_EQ(name_of(Call::kAny, 3), "ENOENT");       // ERROR_PATH_NOT_FOUND
  EXPECT_EQ(name_of(Call::kAny, 2), "ENOENT");       // ERROR_FILE_NOT_FOUND
  EXPECT_EQ(name_of(Call::kAny, 206), "ENOENT");     // ERROR_FILENAME_EXCED_RANGE (not ENAMETOOLONG)
  EXPECT_EQ(name_of(Call::kAny, 145), "ENOTEMPTY");  // ERROR_DIR_NOT_EMPTY
  EXPECT_EQ(name_of(Call::kAny, 267), "EINVAL");     // ERROR_DIRECTORY (not ENOTDIR)
  EXPECT_EQ(name_of(Call::kAny, 5), "EACCES");       // ERROR_ACCESS_DENIED
  EXPECT_EQ(name_of(Call::kAny, 6), "EBADF");        // ERROR_INVALID_HANDLE
  EXPECT_EQ(name_of(Call::kAny, 87), "EINVAL");      // ERROR_INVALID_PARAMETER
}

TEST(Win32Errors, ACallsOwnMeaningWinsForThatCallOnly) {
  // OpenProcess says ERROR_INVALID_PARAMETER for a pid that names no process: ESRCH.
  EXPECT_EQ(name_of(Call::kOpenProcess, 87), "ESRCH");
  EXPECT_EQ(name_of(Call::kOpenProcess, 5), "EPERM");
  // ReadFile/WriteFile on a handle opened the other way: EBADF, as read(2)/write(2) say.
  EXPECT_EQ(name_of(Call::kWriteFile, 5), "EBADF");
  EXPECT_EQ(name_of(Call::kReadFile, 5), "EBADF");
  // ...and nowhere else.
  EXPECT_EQ(name_of(Call::kAny, 87), "EINVAL");
  EXPECT_EQ(name_of(Call::kWriteFile, 87), "EINVAL");
  EXPECT_EQ(name_of(Call::kOpenProcess, 6), "EBADF");
}

TEST(Win32Errors, AnUnknownCodeHasNoName) {
  // The backends then print "E?win32:<code>", so the missing row shows in the transcript.
  EXPECT_EQ(error_name(Call::kAny, 0), nullptr);
  EXPECT_EQ(error_name(Call::kAny, 1460), nullptr);  // ERROR_TIMEOUT
  EXPECT_EQ(error_name(Call::kOpenProcess, 99999), nullptr);
}

TEST(Win32Errors, EveryRowIsWellFormed) {
  // glibc's names for every errno value: a row naming anything else is a typo.
  std::set<std::string> errno_names;
  for (int e = 1; e < 200; ++e) {
    if (const char* n = strerrorname_np(e)) errno_names.insert(n);
  }
  std::set<unsigned long> codes;
  for (const auto& row : sp::win32::kErrors) {
    EXPECT_TRUE(errno_names.count(row.name)) << row.win32_name << " -> " << row.name;
    EXPECT_TRUE(codes.insert(row.code).second) << row.win32_name << " (" << row.code << ") appears twice";
    EXPECT_EQ(std::string(row.win32_name).rfind("ERROR_", 0), 0u) << row.win32_name;
  }
  std::set<std::pair<int, unsigned long>> call_codes;
  for (const auto& row : sp::win32::kCallErrors) {
    EXPECT_TRUE(errno_names.count(row.name)) << row.win32_name << " -> " << row.name;
    EXPECT_NE(row.call, Call::kAny) << row.win32_name << ": a call row must name its call";
    EXPECT_TRUE(call_codes.insert({static_cast<int>(row.call), row.code}).second) << row.win32_name;
    // A call row narrows a code the general table knows, with the same number for its name.
    bool general = false;
    for (const auto& g : sp::win32::kErrors) {
      if (g.code == row.code) {
        general = true;
        EXPECT_STREQ(g.win32_name, row.win32_name) << row.code;
      }
    }
    EXPECT_TRUE(general) << row.win32_name << " has a call row but no general row";
  }
}

// Splits `line` and returns the arguments, or {"<failed>"}.
std::vector<std::string> split(const char* line, unsigned long text_size = 4096, int max_args = 64) {
  std::vector<char> text(text_size);
  std::vector<char*> argv(static_cast<std::size_t>(max_args));
  const int argc = sp::win32::split_command_line(line, text.data(), text_size, argv.data(), max_args);
  if (argc < 0) return {"<failed>"};
  EXPECT_EQ(argv[static_cast<std::size_t>(argc)], nullptr);
  return std::vector<std::string>(argv.begin(), argv.begin() + argc);
}

using Args = std::vector<std::string>;

TEST(Win32CommandLine, FollowsMicrosoftsDocumentedExamples) {
  // "Parsing C command-line arguments", the table of examples, after a program name.
  EXPECT_EQ(split(R"(p "a b c" d e)"), (Args{"p", "a b c", "d", "e"}));
  EXPECT_EQ(split(R"(p "ab\"c" "\\" d)"), (Args{"p", "ab\"c", "\\", "d"}));
  EXPECT_EQ(split(R"(p a\\\b d"e f"g h)"), (Args{"p", "a\\\\\\b", "de fg", "h"}));
  EXPECT_EQ(split(R"(p a\\\"b c d)"), (Args{"p", "a\\\"b", "c", "d"}));
  EXPECT_EQ(split(R"(p a\\\\"b c" d e)"), (Args{"p", "a\\\\b c", "d", "e"}));
  EXPECT_EQ(split(R"(p a"b"" c d)"), (Args{"p", "ab\" c d"}));
}

TEST(Win32CommandLine, TakesTheProgramNameVerbatim) {
  // As Wine builds it for a program started from Unix: quoted, backslashes untouched.
  EXPECT_EQ(split(R"("Z:\tmp\b\mkdir.exe" send SIGTERM 36)"),
            (Args{"Z:\\tmp\\b\\mkdir.exe", "send", "SIGTERM", "36"}));
  EXPECT_EQ(split(R"(C:\x\p.exe)"), (Args{"C:\\x\\p.exe"}));
  EXPECT_EQ(split(R"("C:\Program Files\p.exe" a)"), (Args{"C:\\Program Files\\p.exe", "a"}));
}

TEST(Win32CommandLine, KeepsEmptyArgumentsAndIgnoresExtraBlanks) {
  EXPECT_EQ(split("p  \t a \"\" b  "), (Args{"p", "a", "", "b"}));
  EXPECT_EQ(split(""), Args{});
}

TEST(Win32CommandLine, RefusesWhatDoesNotFitInsteadOfOverflowing) {
  EXPECT_EQ(split("p aaaa", 6), Args{"<failed>"});         // "p\0aaaa\0" needs 7 bytes
  EXPECT_EQ(split("p aaaa", 7), (Args{"p", "aaaa"}));
  EXPECT_EQ(split("p a b", 4096, 3), Args{"<failed>"});    // argv[3] is the terminating null
  EXPECT_EQ(split("p a b", 4096, 4), (Args{"p", "a", "b"}));
}

}  // namespace
