// Splitting a Windows command line into argv, for the kernel32-only entry point.
//
// A Windows process receives one string (GetCommandLineA), not an argv array; every C
// runtime splits it, and a program without one must do it itself. The rules are the
// Microsoft C runtime's, as documented in "Parsing C command-line arguments"
// (learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments):
//   - arguments are separated by spaces or tabs;
//   - argv[0] is taken verbatim: up to the next space or tab, or, if it starts with a
//     double quote, up to the next double quote (no backslash rules: it is a path);
//   - a double quote starts or ends a quoted part, in which spaces and tabs are kept;
//   - inside a quoted part, two double quotes in a row are one literal double quote;
//   - 2n backslashes followed by a double quote are n backslashes, and the quote counts as
//     above; 2n+1 backslashes followed by a double quote are n backslashes and a literal
//     double quote; backslashes anywhere else are literal.
// Wine builds the command line of a program started from Unix by quoting each argument
// with these same rules, so what the harness passes arrives unchanged.
//
// Freestanding (no includes, no allocation): the caller provides the storage.
#pragma once

namespace sp {
namespace win32 {

// Splits `line` into at most `max_args` arguments stored in `text` (`text_size` bytes) and
// pointed to by `argv`, which gets a terminating null pointer as argv[argc]. Returns argc,
// or -1 when the storage is too small for this line.
inline int split_command_line(const char* line, char* text, unsigned long text_size, char** argv,
                              int max_args) {
  unsigned long used = 0;
  int argc = 0;
  auto put = [&](char c) {
    if (used >= text_size) return false;
    text[used++] = c;
    return true;
  };
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  const char* p = line;

  // argv[0]: the program's path, verbatim.
  if (*p) {
    if (argc + 1 >= max_args) return -1;
    argv[argc++] = text + used;
    if (*p == '"') {
      for (++p; *p && *p != '"'; ++p) {
        if (!put(*p)) return -1;
      }
      if (*p == '"') ++p;
    } else {
      for (; *p && !is_blank(*p); ++p) {
        if (!put(*p)) return -1;
      }
    }
    if (!put('\0')) return -1;
  }

  for (;;) {
    while (is_blank(*p)) ++p;
    if (!*p) break;
    if (argc + 1 >= max_args) return -1;
    argv[argc++] = text + used;
    bool quoted = false;
    for (;;) {
      unsigned long backslashes = 0;
      while (*p == '\\') {
        ++backslashes;
        ++p;
      }
      if (*p == '"') {
        for (unsigned long i = 0; i < backslashes / 2; ++i) {
          if (!put('\\')) return -1;
        }
        if (backslashes % 2) {
          if (!put('"')) return -1;  // escaped: a literal quote
          ++p;
        } else if (quoted && p[1] == '"') {
          if (!put('"')) return -1;  // "" inside a quoted part: a literal quote
          p += 2;
        } else {
          quoted = !quoted;
          ++p;
        }
        continue;
      }
      for (unsigned long i = 0; i < backslashes; ++i) {
        if (!put('\\')) return -1;
      }
      if (!*p || (!quoted && is_blank(*p))) break;
      if (!put(*p++)) return -1;
    }
    if (!put('\0')) return -1;
  }
  argv[argc] = nullptr;
  return argc;
}

}  // namespace win32
}  // namespace sp
