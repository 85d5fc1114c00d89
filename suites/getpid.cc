// getpid: the pid and parent pid the process sees. The harness replaces its child's pid
// with $PID and its own with $PPID before comparing, and checks both: under QEMU user mode
// the guest's getpid is the QEMU process's pid, which is the process the harness spawned,
// so the same assertion holds natively and emulated. The libc backend also traps raw in
// the same process and reports any disagreement with glibc's answer.
#include "sysport.h"

int sp_case_main(int, char**) {
  sp::Line() << "getpid: " << sp::getpid();
  sp::Line() << "getppid: " << sp::getppid();
  sp::Line() << "getpid again: " << sp::getpid();
  return 0;
}
