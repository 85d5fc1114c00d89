// The kernel32 calls the Windows backends make: naming GetLastError codes, the parent's
// process id, signals (Windows has none) and ending another process, for backend_win32.cc,
// for which kernel32 is all there is. backend_crt.cc takes only the signal names of the C
// runtime's <signal.h> from here, and GetCurrentProcessId to cross-check _getpid: what the C
// runtime does not have (getppid, kill, waiting for a signal) it leaves unimplemented, so
// those runs SKIP there instead of repeating the win32 backend's kernel32 calls.
// Header-only, so each backend's binaries stay self-contained.
#pragma once

#include <windows.h>
#include <tlhelp32.h>

// Only the SIG* numbers: the Windows C runtime's signal.h is where Windows names signals at
// all. Reading the header links nothing from the C runtime.
#include <signal.h>

#include "sysport.h"
#include "win32_errors.h"

// Every number transcribed in win32_errors.h must be the SDK's.
#define SP_CHECK_ERROR(win32_name, value, name) \
  static_assert(win32_name == (value), #win32_name " in win32_errors.h is not <winerror.h>'s");
#define SP_CHECK_CALL_ERROR(call, win32_name, value, name) SP_CHECK_ERROR(win32_name, value, name)
SP_WIN32_ERRORS(SP_CHECK_ERROR)
SP_WIN32_CALL_ERRORS(SP_CHECK_CALL_ERROR)
#undef SP_CHECK_ERROR
#undef SP_CHECK_CALL_ERROR

namespace sp {
namespace win32 {

// "E?win32:<code>" for a code no table row names (see win32_errors.h).
inline const char* unknown_error_name(unsigned long code) {
  static char name[32] = "E?win32:";
  char digits[16];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + code % 10);
    code /= 10;
  } while (code);
  int at = 8;
  while (n) name[at++] = digits[--n];
  name[at] = '\0';
  return name;
}

// The failure `code` of `call` as a portable Result.
inline Result failure(Call call, unsigned long code) {
  const char* name = error_name(call, code);
  return Result{-1, name ? name : unknown_error_name(code)};
}

// kernel32 has no GetParentProcessId; the process list records each process's parent.
// -1 when the list cannot be read or does not hold us.
inline long parent_process_id() {
  const DWORD self = GetCurrentProcessId();
  HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snapshot == INVALID_HANDLE_VALUE) return -1;
  PROCESSENTRY32 entry;
  entry.dwSize = sizeof entry;
  long parent = -1;
  for (BOOL more = Process32First(snapshot, &entry); more; more = Process32Next(snapshot, &entry)) {
    if (entry.th32ProcessID == self) {
      parent = static_cast<long>(entry.th32ParentProcessID);
      break;
    }
  }
  CloseHandle(snapshot);
  return parent;
}

// The signals Windows has names for are those of its C runtime's <signal.h>: there is no
// SIGKILL, SIGUSR1 or SIGQUIT. Sending one ends the process with TerminateProcess and the
// signal's number as its exit code, the convention of Python's os.kill on Windows.
struct SignalRow {
  const char* name;
  int number;
};
inline constexpr SignalRow kSignals[] = {
    {"SIGINT", SIGINT},   {"SIGILL", SIGILL},     {"SIGFPE", SIGFPE},   {"SIGSEGV", SIGSEGV},
    {"SIGTERM", SIGTERM}, {"SIGBREAK", SIGBREAK}, {"SIGABRT", SIGABRT},
};

inline Signal signal_named(const char* name) {
  for (const SignalRow& row : kSignals) {
    if (equal(row.name, name)) return Signal{name, row.number};
  }
  return Signal{name, -1};
}

// Past every number <signal.h> defines.
inline Signal invalid_signal() { return Signal{"invalid signal", NSIG + 1000}; }

inline bool is_signal(int number) {
  for (const SignalRow& row : kSignals) {
    if (row.number == number) return true;
  }
  return false;
}

// How long kill waits for its victim to be gone.
constexpr DWORD kKillWaitMs = 5000;

// kill(pid, 0) asks whether `pid` names a process we may open, as the POSIX probe does;
// any other known signal ends the process with TerminateProcess, the signal's number as
// its exit code. TerminateProcess only starts the end, so kill then waits for the process
// to be gone and reads the exit code it got: when that is not the one asked for (the
// process ended on its own first) or the process does not end, the transcript says so
// with a MISMATCH line, as the Linux libc backend does when glibc and the kernel disagree.
// Unknown signals are EINVAL, checked first as Linux does.
inline Result kill(long pid, Signal sig) {
  if (sig.number != 0 && !is_signal(sig.number)) return failure(Call::kAny, ERROR_INVALID_PARAMETER);
  // Process ids are DWORDs; a negative pid (a POSIX process group) names no Windows process.
  if (pid < 0) return failure(Call::kOpenProcess, ERROR_INVALID_PARAMETER);
  const DWORD access = sig.number == 0 ? PROCESS_QUERY_LIMITED_INFORMATION
                                       : PROCESS_TERMINATE | SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION;
  HANDLE process = OpenProcess(access, FALSE, static_cast<DWORD>(pid));
  if (!process) return failure(Call::kOpenProcess, GetLastError());
  if (sig.number == 0) {
    CloseHandle(process);
    return Result{0, nullptr};
  }
  const UINT code = static_cast<UINT>(sig.number);
  if (!TerminateProcess(process, code)) {  // never returns when `process` is ourselves
    const Result r = failure(Call::kAny, GetLastError());
    CloseHandle(process);
    return r;
  }
  if (WaitForSingleObject(process, kKillWaitMs) != WAIT_OBJECT_0) {
    Line() << "MISMATCH: " << sig.name << " sent, but process " << pid << " did not end within "
           << static_cast<long>(kKillWaitMs) << " ms";
  } else {
    DWORD exit_code = 0;
    if (GetExitCodeProcess(process, &exit_code) && exit_code != code) {
      Line() << "MISMATCH: TerminateProcess asked for exit code " << static_cast<long>(code)
             << ", the process ended with " << static_cast<long>(exit_code);
    }
  }
  CloseHandle(process);
  return Result{0, nullptr};
}

// No signals to wait for: sleep until TerminateProcess ends the process.
[[noreturn]] inline void sleep_until_terminated() {
  for (;;) Sleep(INFINITE);
}

}  // namespace win32
}  // namespace sp
