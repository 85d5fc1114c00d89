// mkdir: directory creation and removal through mkdir(2) and mkdirat(2) with AT_FDCWD,
// and each error a caller meets first. On arm64 and riscv64 the raw backend has no mkdir
// and goes through mkdirat, so the two halves of this transcript compare the paths.
// The harness runs this with umask 022 and checks the modes left on disk afterwards:
//   d 0755, d/sub 0755, d2 0755 (asked 0777), d4 0700, file 0644; d3 removed.
#include "sysport.h"

namespace {

// NAME_MAX is 255 on every Linux filesystem interface (include/uapi/linux/limits.h).
char long_name[300];


}  // namespace

int sp_case_main(int, char**) {
  for (sp::size_t i = 0; i + 1 < sizeof long_name; ++i) long_name[i] = 'n';

  sp::report("mkdir d 0755", sp::mkdir("d", 0755));
  sp::report("mkdir d 0755 again", sp::mkdir("d", 0755));
  sp::report("mkdirat AT_FDCWD d2 0777", sp::mkdirat_cwd("d2", 0777));
  sp::report("mkdirat AT_FDCWD d2 0777 again", sp::mkdirat_cwd("d2", 0777));
  sp::report("mkdir d/sub 0755", sp::mkdir("d/sub", 0755));
  sp::report("mkdirat AT_FDCWD d4 0700", sp::mkdirat_cwd("d4", 0700));

  sp::report("mkdir missing/child", sp::mkdir("missing/child", 0755));
  sp::report("mkdirat AT_FDCWD missing/child", sp::mkdirat_cwd("missing/child", 0755));

  const sp::Result f = sp::open("file", sp::kWrite | sp::kCreate | sp::kExclusive, 0644);
  sp::report("open file create", f);
  if (f.ok()) sp::report("close file", sp::close(f.value));
  sp::report("mkdir file/child", sp::mkdir("file/child", 0755));
  sp::report("mkdirat AT_FDCWD file/child", sp::mkdirat_cwd("file/child", 0755));
  sp::report("mkdir file", sp::mkdir("file", 0755));

  sp::report("mkdir <299 chars>", sp::mkdir(long_name, 0755));
  sp::report("mkdirat AT_FDCWD <299 chars>", sp::mkdirat_cwd(long_name, 0755));
  sp::report("mkdir <empty path>", sp::mkdir("", 0755));

  sp::report("mkdir d3 0700", sp::mkdir("d3", 0700));
  sp::report("rmdir d3", sp::rmdir("d3"));
  sp::report("rmdir d3 again", sp::rmdir("d3"));
  sp::report("rmdir d (not empty)", sp::rmdir("d"));
  sp::report("rmdir file", sp::rmdir("file"));
  return 0;
}
