// kill: signals by name, to self, to nobody, and to a victim process the harness started.
//   kill self-0                 signal 0 to self: the permission/existence probe
//   kill no-such-pid            signal 0 to a pid above PID_MAX_LIMIT (2^22): ESRCH
//   kill invalid-signal         a signal number past every target's _NSIG: EINVAL
//   kill send SIGNAME PID       send SIGNAME to PID (the harness checks how PID died)
//   kill self SIGNAME           send SIGNAME to self (the harness checks how we died)
//   kill sleep                  print "pid: <getpid>" and "ready", then sleep until a signal
//                               ends us
#include "sysport.h"

namespace {

// include/linux/threads.h: PID_MAX_LIMIT is at most 4 * 1024 * 1024, so no process can
// ever have this pid, on any architecture.
constexpr long kNoSuchPid = 0x3fffffff;

int usage() {
  sp::Line(2) << "usage: kill (self-0|no-such-pid|invalid-signal|send SIG PID|self SIG|sleep)";
  return 2;
}

bool resolve(const char* name, sp::Signal* out) {
  *out = sp::signal_named(name);
  if (out->number < 0) {
    sp::Line(2) << "kill: unknown signal " << name;
    return false;
  }
  return true;
}

}  // namespace

int sp_case_main(int argc, char** argv) {
  if (argc < 2) return usage();
  const char* mode = argv[1];
  if (sp::equal(mode, "self-0") && argc == 2) {
    sp::report("kill(self, 0)", sp::kill(sp::getpid(), sp::Signal{"0", 0}));
    return 0;
  }
  if (sp::equal(mode, "no-such-pid") && argc == 2) {
    sp::report("kill(no such pid, 0)", sp::kill(kNoSuchPid, sp::Signal{"0", 0}));
    return 0;
  }
  if (sp::equal(mode, "invalid-signal") && argc == 2) {
    sp::report("kill(self, invalid signal)", sp::kill(sp::getpid(), sp::invalid_signal()));
    return 0;
  }
  if (sp::equal(mode, "send") && argc == 4) {
    sp::Signal sig;
    long pid = 0;
    if (!resolve(argv[2], &sig)) return 2;
    if (!sp::parse_long(argv[3], &pid)) return usage();
    sp::Line() << "kill(victim, " << sig.name << "): " << sp::kill(pid, sig);
    return 0;
  }
  if (sp::equal(mode, "self") && argc == 3) {
    sp::Signal sig;
    if (!resolve(argv[2], &sig)) return 2;
    sp::Line() << "kill(self, " << sig.name << ")";
    const sp::Result r = sp::kill(sp::getpid(), sig);
    // Only reached if the signal did not end the process.
    sp::Line() << "still alive after kill(self, " << sig.name << "): " << r;
    return 1;
  }
  if (sp::equal(mode, "sleep") && argc == 2) {
    // The id other processes reach us by: the host pid natively and under QEMU, but a
    // Windows process id under Wine, which the harness can only learn from us.
    sp::Line() << "pid: " << sp::getpid();
    sp::Line() << "ready";
    sp::wait_for_signal();
    return 1;
  }
  return usage();
}
