// sp-kill: a small kill(1) built per target on the portable API, so that argv parsing by
// the raw entry point is exercised by a real command line.
//   sp-kill [-SIGNAL] PID...     SIGNAL as TERM, SIGTERM or a number; default SIGTERM
// Exit status: 0 all sent, 1 some kill failed, 2 usage error (like procps kill).
#include "sysport.h"

namespace {

int usage(const char* why, const char* what) {
  sp::Line(2) << "sp-kill: " << why << what;
  sp::Line(2) << "usage: sp-kill [-SIGNAL] PID...";
  return 2;
}

// Accepts "TERM", "SIGTERM" or a decimal number (taken as this target's own numbering).
bool parse_signal(const char* text, sp::Signal* out) {
  long number = 0;
  if (sp::parse_long(text, &number)) {
    if (number < 0) return false;
    *out = sp::Signal{text, static_cast<int>(number)};
    return true;
  }
  char name[32] = "SIG";
  const bool prefixed = text[0] == 'S' && text[1] == 'I' && text[2] == 'G';
  sp::size_t at = prefixed ? 0 : 3;
  for (const char* p = text; *p; ++p) {
    if (at + 1 >= sizeof name) return false;
    name[at++] = *p;
  }
  name[at] = '\0';
  const sp::Signal found = sp::signal_named(name);
  if (found.number < 0) return false;
  *out = sp::Signal{text, found.number};
  return true;
}

}  // namespace

int sp_case_main(int argc, char** argv) {
  sp::Signal sig = sp::signal_named("SIGTERM");
  int first = 1;
  if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0' && !sp::equal(argv[1], "--")) {
    if (!parse_signal(argv[1] + 1, &sig)) return usage("unknown signal: ", argv[1] + 1);
    first = 2;
  } else if (argc > 1 && sp::equal(argv[1], "--")) {
    first = 2;
  }
  if (first >= argc) return usage("no pid given", "");
  int status = 0;
  for (int i = first; i < argc; ++i) {
    long pid = 0;
    if (!sp::parse_long(argv[i], &pid)) return usage("not a pid: ", argv[i]);
    const sp::Result r = sp::kill(pid, sig);
    if (!r.ok()) {
      sp::Line(2) << "sp-kill: (" << pid << ") - " << r.error;
      status = 1;
    }
  }
  return status;
}
