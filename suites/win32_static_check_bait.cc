// Built only to be rejected: the static check (cmake/windows/static_check.py) must refuse
// this binary, which breaks each rule the real ones keep: it enters the kernel with a
// system call instruction of its own, imports an Nt* stub from ntdll.dll, and imports a
// kernel32 function that suites/win32_kernel32.def does not list. The test
// <target>/static-check-catches runs the check on it and passes only if all three are
// reported: a check that passes everything would prove nothing. Never run.
#include <windows.h>
#include <winternl.h>

extern "C" [[noreturn]] void sp_win32_start() {
#if defined(__x86_64__)
  __asm__ volatile("syscall" ::: "rax", "rcx", "r11", "memory");
#elif defined(__aarch64__)
  __asm__ volatile("svc #0" ::: "x0", "memory");
#else
#error "no system call instruction known for this architecture"
#endif
  NtClose(nullptr);
  ExitProcess(GetTickCount());
}
