// files: open, write, read, close and unlink, with the errors each one is known for.
// The harness runs this with umask 022 and checks what is left on disk afterwards:
//   copy 0600 holding "copy\n"; greeting removed.
#include "sysport.h"

namespace {

constexpr char kGreeting[] = "hello, kernel\n";

}  // namespace

int sp_case_main(int, char**) {
  const sp::Result w = sp::open("greeting", sp::kWrite | sp::kCreate | sp::kTruncate, 0640);
  sp::report("open greeting write|create|truncate 0640", w);
  if (!w.ok()) return 1;
  sp::report_value("write greeting", sp::write(w.value, kGreeting, sizeof kGreeting - 1));
  sp::report("close greeting", sp::close(w.value));
  sp::report("close greeting again", sp::close(w.value));

  const sp::Result r = sp::open("greeting", sp::kRead, 0);
  sp::report("open greeting read", r);
  if (!r.ok()) return 1;
  char buf[64] = {};
  const sp::Result got = sp::read(r.value, buf, sizeof buf - 1);
  sp::report_value("read greeting", got);
  if (got.ok()) {
    // Show the bytes without their newline so the line stays one line.
    for (long i = 0; i < got.value; ++i) {
      if (buf[i] == '\n') buf[i] = '\0';
    }
    sp::Line() << "read back: \"" << static_cast<const char*>(buf) << "\"";
  }
  sp::report_value("read at end of file", sp::read(r.value, buf, sizeof buf - 1));
  sp::report_value("write to a read-only descriptor", sp::write(r.value, "x", 1));
  sp::report("close greeting", sp::close(r.value));

  sp::report("open missing read", sp::open("missing", sp::kRead, 0));
  sp::report("open greeting create|exclusive",
             sp::open("greeting", sp::kWrite | sp::kCreate | sp::kExclusive, 0600));
  sp::report("open greeting as directory", sp::open("greeting", sp::kRead | sp::kDirectory, 0));
  sp::report_value("write to descriptor -1", sp::write(-1, "x", 1));
  sp::report("close descriptor -1", sp::close(-1));

  const sp::Result c = sp::open("copy", sp::kWrite | sp::kCreate | sp::kExclusive, 0600);
  sp::report("open copy create|exclusive 0600", c);
  if (c.ok()) {
    sp::report_value("write copy", sp::write(c.value, "copy\n", 5));
    sp::report("close copy", sp::close(c.value));
  }

  sp::report("unlink greeting", sp::unlink("greeting"));
  sp::report("unlink greeting again", sp::unlink("greeting"));
  sp::report("mkdir dir", sp::mkdir("dir", 0755));
  sp::report("unlink dir", sp::unlink("dir"));
  sp::report("rmdir dir", sp::rmdir("dir"));
  return 0;
}
