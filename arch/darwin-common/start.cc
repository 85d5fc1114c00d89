// The raw entry point of both Darwin targets.
//
// A macOS executable names its entry with LC_MAIN, and it is not the kernel that jumps there:
// the kernel starts dyld (LC_LOAD_DYLINKER), which loads libSystem (every executable must
// link it, and an arm64 one must be dynamic: bsd/kern/mach_loader.c refuses static arm64
// binaries) and then calls the entry as an ordinary C function,
//     entry(argc, argv, envp, apple)
// in the C ABI's argument registers, on a 16-byte aligned stack. So the raw binaries do get
// their argc/argv from a caller rather than from the initial stack the way Linux's _start
// does; what is raw is everything this program does from here on: every syscall traps
// through arch/darwin-*/syscall.h, nothing calls into libSystem, and the process ends with
// BSD exit, never by returning (dyld would pass a returned value to libSystem's exit()).
// Under sysport-darwin-run the runner plays the kernel's and dyld's part: it lays out the
// same initial stack and calls this function the same way.
#include "sysport.h"

extern "C" [[noreturn]] void sp_darwin_start(int argc, char** argv, char** /*envp*/, char** /*apple*/) {
  sp::exit_group(sp_case_main(argc, argv));
}
