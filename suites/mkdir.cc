// mkdir: directory creation and removal, and each error a caller meets first, one way per run:
//   mkdir mkdir     through mkdir(2), then rmdir(2). On arm64 and riscv64 the raw backend has
//                   no mkdir and goes through mkdirat, so comparing this run across targets
//                   compares the two paths.
//   mkdir mkdirat   through mkdirat(2) with AT_FDCWD. A backend without it (kernel32, the
//                   Windows C runtime) SKIPs this run and only this one.
// The harness runs each with umask 022 and 077 and checks the modes left on disk afterwards:
// under 022, d 0755, d/sub 0755, file 0644, d3 removed (mkdir); d2 0755 (asked 0777), d4 0700,
// file 0644 (mkdirat).
#include "sysport.h"

namespace {

// NAME_MAX is 255 on every Linux filesystem interface (include/uapi/linux/limits.h).
char long_name[300];

void make_file() {
  const sp::Result f = sp::open("file", sp::kWrite | sp::kCreate | sp::kExclusive, 0644);
  sp::report("open file create", f);
  if (f.ok()) sp::report("close file", sp::close(f.value));
}

void through_mkdir() {
  sp::report("mkdir d 0755", sp::mkdir("d", 0755));
  sp::report("mkdir d 0755 again", sp::mkdir("d", 0755));
  sp::report("mkdir d/sub 0755", sp::mkdir("d/sub", 0755));
  sp::report("mkdir missing/child", sp::mkdir("missing/child", 0755));
  make_file();
  sp::report("mkdir file/child", sp::mkdir("file/child", 0755));
  sp::report("mkdir file", sp::mkdir("file", 0755));
  sp::report("mkdir <299 chars>", sp::mkdir(long_name, 0755));
  sp::report("mkdir <empty path>", sp::mkdir("", 0755));

  sp::report("mkdir d3 0700", sp::mkdir("d3", 0700));
  sp::report("rmdir d3", sp::rmdir("d3"));
  sp::report("rmdir d3 again", sp::rmdir("d3"));
  sp::report("rmdir d (not empty)", sp::rmdir("d"));
  sp::report("rmdir file", sp::rmdir("file"));
}

void through_mkdirat() {
  sp::report("mkdirat AT_FDCWD d2 0777", sp::mkdirat_cwd("d2", 0777));
  sp::report("mkdirat AT_FDCWD d2 0777 again", sp::mkdirat_cwd("d2", 0777));
  sp::report("mkdirat AT_FDCWD d4 0700", sp::mkdirat_cwd("d4", 0700));
  sp::report("mkdirat AT_FDCWD missing/child", sp::mkdirat_cwd("missing/child", 0755));
  make_file();
  sp::report("mkdirat AT_FDCWD file/child", sp::mkdirat_cwd("file/child", 0755));
  sp::report("mkdirat AT_FDCWD <299 chars>", sp::mkdirat_cwd(long_name, 0755));
}

}  // namespace

int sp_case_main(int argc, char** argv) {
  for (sp::size_t i = 0; i + 1 < sizeof long_name; ++i) long_name[i] = 'n';
  if (argc == 2 && sp::equal(argv[1], "mkdir")) {
    through_mkdir();
    return 0;
  }
  if (argc == 2 && sp::equal(argv[1], "mkdirat")) {
    through_mkdirat();
    return 0;
  }
  sp::Line(2) << "usage: mkdir (mkdir|mkdirat)";
  return 2;
}
