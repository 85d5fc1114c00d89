// exit: a status handed to exit(2), exit_group(2) or returned from the case reaches the
// parent exactly (the harness checks the wait status, so 255 must stay 255).
//   exit (exit_group|exit|return) STATUS
#include "sysport.h"

int sp_case_main(int argc, char** argv) {
  long status = 0;
  if (argc != 3 || !sp::parse_long(argv[2], &status)) {
    sp::Line(2) << "usage: exit (exit_group|exit|return) STATUS";
    return 2;
  }
  const char* how = argv[1];
  const int code = static_cast<int>(status);
  if (sp::equal(how, "exit_group")) {
    sp::Line() << "exit_group(" << code << ")";
    sp::exit_group(code);
  }
  if (sp::equal(how, "exit")) {
    sp::Line() << "exit(" << code << ")";
    sp::exit_thread(code);
  }
  if (sp::equal(how, "return")) {
    sp::Line() << "return " << code << " from the case";
    return code;
  }
  sp::Line(2) << "exit: unknown way to exit '" << how << "'";
  return 2;
}
