// The win32 backend: the portable API through kernel32 and nothing else: no C runtime, no
// ntdll, no system call instruction. It is the Windows counterpart of the raw backend.
// Windows has no stable system call interface (NT system call numbers are renumbered
// between builds: docs/windows.md), so kernel32 is the lowest layer a portable program may
// depend on. The linker is given only kernel32 (platform-windows.cmake), and the static
// check (cmake/windows/static_check.py) proves the binaries import nothing else and
// contain no trap instruction.
//
// What each call becomes:
//   mkdir               CreateDirectoryA (no mode: Windows has no POSIX mode bits)
//   rmdir, unlink       RemoveDirectoryA, DeleteFileA
//   open, close         CreateFileA, CloseHandle; a descriptor is the HANDLE's value
//   read, write         ReadFile, WriteFile; descriptors 0-2 are the standard handles
//   getpid              GetCurrentProcessId
//   getppid             the process's own entry in a Toolhelp32 snapshot
//   kill                OpenProcess, TerminateProcess, WaitForSingleObject, GetExitCodeProcess
//   exit_group, exit_thread   ExitProcess, ExitThread
// Errors: GetLastError named through suites/win32_errors.h. Signals: Windows has none (see
// kill in win32_kernel32.h). Not implemented, so SKIP where a case calls it: mkdirat_cwd
// (kernel32 has no directory-relative calls).
#include "sysport.h"
#include "win32_cmdline.h"
#include "win32_kernel32.h"

namespace sp {
namespace {

using win32::Call;

Result fail(Call call = Call::kAny, unsigned long code = GetLastError()) { return win32::failure(call, code); }

Result ok(long value = 0) { return Result{value, nullptr}; }

// Descriptors are HANDLE values, except 0, 1 and 2, which name the standard handles as they
// do everywhere else. A HANDLE fits a `long` (32 bits on Windows): kernel handles have 32
// significant bits so that 32- and 64-bit processes can share them, and sign-extending one
// back is the documented way ("Interprocess Communication Between 32-bit and 64-bit
// Applications"). No file HANDLE is negative: -1 and -2 are the pseudo-handles of the
// current process and thread (CloseHandle(-1) succeeds and does nothing), so a negative
// descriptor is refused here, as an invalid handle, before kernel32 could take it for one.
bool to_handle(long fd, HANDLE* out) {
  static const DWORD kStandard[] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
  if (fd < 0) return false;
  *out = fd <= 2 ? GetStdHandle(kStandard[fd]) : reinterpret_cast<HANDLE>(static_cast<INT_PTR>(fd));
  return true;
}

long from_handle(HANDLE h) { return static_cast<long>(reinterpret_cast<INT_PTR>(h)); }

}  // namespace

const char* backend() { return "win32"; }

long getpid() { return static_cast<long>(GetCurrentProcessId()); }

long getppid() { return win32::parent_process_id(); }

Result kill(long pid, Signal sig) { return win32::kill(pid, sig); }
Signal signal_named(const char* name) { return win32::signal_named(name); }
Signal invalid_signal() { return win32::invalid_signal(); }

void exit_group(int status) { ExitProcess(static_cast<UINT>(status)); }

// The process ends with its last thread, with that thread's exit code: with one thread,
// ExitThread is exit(2) of Linux's only thread.
void exit_thread(int status) { ExitThread(static_cast<DWORD>(status)); }

void wait_for_signal() { win32::sleep_until_terminated(); }

Result mkdir(const char* path, unsigned) {
  if (!CreateDirectoryA(path, nullptr)) return fail();
  return ok();
}

Result rmdir(const char* path) {
  if (!RemoveDirectoryA(path)) return fail();
  return ok();
}

Result unlink(const char* path) {
  if (!DeleteFileA(path)) return fail();
  return ok();
}

Result open(const char* path, unsigned flags, unsigned mode) {
  DWORD access = GENERIC_READ;
  if (flags & kReadWrite) {
    access = GENERIC_READ | GENERIC_WRITE;
  } else if (flags & kWrite) {
    access = GENERIC_WRITE;
  }
  DWORD disposition = OPEN_EXISTING;
  if ((flags & kCreate) && (flags & kExclusive)) {
    disposition = CREATE_NEW;
  } else if ((flags & kCreate) && (flags & kTruncate)) {
    disposition = CREATE_ALWAYS;
  } else if (flags & kCreate) {
    disposition = OPEN_ALWAYS;
  } else if (flags & kTruncate) {
    disposition = TRUNCATE_EXISTING;
  }
  // The one POSIX mode bit Windows has: a file its owner may not write is read-only (the C
  // runtime's _open makes the same choice). Directories open only with backup semantics.
  DWORD attributes = (mode & 0200) || !(flags & kCreate) ? FILE_ATTRIBUTE_NORMAL : FILE_ATTRIBUTE_READONLY;
  if (flags & kDirectory) attributes |= FILE_FLAG_BACKUP_SEMANTICS;
  // Shared every way, as POSIX files are: others may read, write, rename and delete.
  HANDLE h = CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         disposition, attributes, nullptr);
  if (h == INVALID_HANDLE_VALUE) return fail();
  if (flags & kDirectory) {
    // There is no "directory or fail" flag: O_DIRECTORY's check is made on the open handle.
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(h, &info)) {
      const Result r = fail();
      CloseHandle(h);
      return r;
    }
    if (!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
      CloseHandle(h);
      return Result{-1, "ENOTDIR"};
    }
  }
  return ok(from_handle(h));
}

Result close(long fd) {
  HANDLE h;
  if (!to_handle(fd, &h)) return fail(Call::kAny, ERROR_INVALID_HANDLE);
  if (!CloseHandle(h)) return fail();
  return ok();
}

Result read(long fd, void* buf, size_t len) {
  HANDLE h;
  if (!to_handle(fd, &h)) return fail(Call::kReadFile, ERROR_INVALID_HANDLE);
  DWORD got = 0;
  const DWORD want = len > 0x7fffffff ? 0x7fffffff : static_cast<DWORD>(len);
  if (!ReadFile(h, buf, want, &got, nullptr)) {
    // A pipe whose writer has gone is end of file, as it is for read(2).
    if (GetLastError() == ERROR_BROKEN_PIPE) return ok(0);
    return fail(Call::kReadFile);
  }
  return ok(static_cast<long>(got));
}

Result write(long fd, const void* buf, size_t len) {
  HANDLE h;
  if (!to_handle(fd, &h)) return fail(Call::kWriteFile, ERROR_INVALID_HANDLE);
  DWORD done = 0;
  const DWORD want = len > 0x7fffffff ? 0x7fffffff : static_cast<DWORD>(len);
  if (!WriteFile(h, buf, want, &done, nullptr)) return fail(Call::kWriteFile);
  return ok(static_cast<long>(done));
}

}  // namespace sp

// The process entry (the linker's --entry, platform-windows.cmake): kernel32 hands a
// process no argv, only its command line, which is split by the C runtime's rules.
extern "C" [[noreturn]] void sp_win32_start();
extern "C" [[noreturn]] void sp_win32_start() {
  // The longest command line Windows accepts is 32767 characters (CreateProcess).
  static char text[32768 + 2];
  static char* argv[4096];
  const int argc = sp::win32::split_command_line(GetCommandLineA(), text, sizeof text, argv,
                                                 static_cast<int>(sizeof argv / sizeof argv[0]));
  if (argc < 0) {
    sp::Line(2) << "sysport: the command line does not fit in " << static_cast<long>(sizeof text) << " bytes";
    ExitProcess(2);
  }
  ExitProcess(static_cast<UINT>(sp_case_main(argc, argv)));
}
