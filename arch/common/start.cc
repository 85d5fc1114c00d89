// The C++ half of the raw entry point, shared by every Linux target: each
// arch/<target>/start.S hands over the initial stack pointer, and the layout above it is
// the same on all of them (System V gABI "Process Initialization"): argc, argv[argc],
// NULL, envp[], NULL, auxv. Returning from the case means exit_group with its result.
#include "sysport.h"

extern "C" [[noreturn]] void sp_start_c(long* initial_sp) {
  const int argc = static_cast<int>(initial_sp[0]);
  char** argv = reinterpret_cast<char**>(initial_sp + 1);
  sp::exit_group(sp_case_main(argc, argv));
}
