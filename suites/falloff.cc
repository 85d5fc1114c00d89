// falloff: the classic first mistake of a freestanding program, an entry point written as
// an ordinary function that returns instead of calling exit. There is no caller to return
// to (x86 pops argc as the return address, arm64/riscv/ppc/mips/s390 branch to a zeroed
// link register), so the process must die of a signal, and the harness must say which.
// Built for the raw backend only: with a C library, crt1's _start calls exit after main.
#include "sysport.h"

int sp_case_main(int, char**) { return 0; }  // never reached: this binary has its own entry

extern "C" void _start() {
  sp::Line() << "entry point returning without exit";
}
