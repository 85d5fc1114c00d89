// getpid: the pid and parent pid the process sees, one question per run:
//   getpid pid      getpid, twice
//   getpid parent   getppid
// (Two runs, so that a backend without getppid, the Windows C runtime, SKIPs only the second.)
// The harness replaces its child's pid with $PID and its own with $PPID before comparing,
// and checks both: under QEMU user mode the guest's getpid is the QEMU process's pid, which
// is the process the harness spawned, so the same assertion holds natively and emulated. The
// libc backend also traps raw in the same process and reports any disagreement with glibc's
// answer.
#include "sysport.h"

int sp_case_main(int argc, char** argv) {
  if (argc == 2 && sp::equal(argv[1], "pid")) {
    sp::Line() << "getpid: " << sp::getpid();
    sp::Line() << "getpid again: " << sp::getpid();
    return 0;
  }
  if (argc == 2 && sp::equal(argv[1], "parent")) {
    sp::Line() << "getppid: " << sp::getppid();
    return 0;
  }
  sp::Line(2) << "usage: getpid (pid|parent)";
  return 2;
}
