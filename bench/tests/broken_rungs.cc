// Deliberately broken rungs, compiled only to prove that bench/tools/check_disasm.py catches
// them (CTest bench/disasm-catches-broken-rungs). Each trap is written the way the raw
// layer must not be: as a non-volatile asm without a memory clobber, which tells the
// compiler it is a pure function of its inputs.
#include <cstdint>

namespace {

inline long pure_trap(long nr) {
  long r = nr;
  __asm__("syscall" : "+a"(r) : : "rcx", "r11");
  return r;
}

inline void keep(long& value) { __asm__ volatile("" : "+m,r"(value) : : "memory"); }

}  // namespace

// Loop-invariant: the compiler runs the trap once, before the loop, and the loop then times
// nothing. The check must report the trap outside the loop.
extern "C" __attribute__((noinline)) void sp_own_raw_getppid(std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    long r = pure_trap(110);
    keep(r);
  }
}

// Result unused: the compiler deletes the trap. The check must report no trap at all.
extern "C" __attribute__((noinline)) void sp_own_raw_getpid(std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    pure_trap(39);
    long zero = 0;
    keep(zero);
  }
}
