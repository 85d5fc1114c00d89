// Win32 error codes (GetLastError) to the portable errno names the cases print.
//
// Two tables, both X-macros so that the Windows build, the host tests and the documentation
// read the same rows:
//   SP_WIN32_ERRORS       what a code means whichever call returned it;
//   SP_WIN32_CALL_ERRORS  the few codes that mean something narrower coming from one call
//                         (OpenProcess says ERROR_INVALID_PARAMETER for a pid that names no
//                         process: that is kill's ESRCH, not EINVAL).
// A code that neither table knows is named "E?win32:<code>", so that a transcript shows
// exactly which row is missing instead of a guess.
//
// Where the numbers come from: Microsoft's "System Error Codes (0-499)" reference
// (learn.microsoft.com/windows/win32/debug/system-error-codes--0-499-). The Windows build
// checks every value against the SDK's <winerror.h> (mingw-w64's) with static_assert, so a
// mistyped number cannot build (backend_win32.cc).
//
// Where the names come from: the mapping Microsoft's C runtime applies to the same codes
// (_dosmaperr; Wine's msvcrt implements the same table). The win32 backend follows it so
// that a kernel32 program and a C-runtime program on Windows name each failure alike, which
// the harness checks by comparing the two backends run by run. The CRT's choice is not
// always the POSIX one (a too-long name is ENOENT, not ENAMETOOLONG; removing a file with
// RemoveDirectory is EINVAL, not ENOTDIR): those rows say so, and the case specifications
// carry the difference as an explicit Windows expectation (suites/*.json, "on": "windows").
//
// Freestanding: no includes, usable by the kernel32-only backend and by host tests alike.
#pragma once

namespace sp {
namespace win32 {

// X(Win32 name, value, portable name)
#define SP_WIN32_ERRORS(X)                                                                   \
  X(ERROR_INVALID_FUNCTION, 1, "EINVAL")                                                     \
  X(ERROR_FILE_NOT_FOUND, 2, "ENOENT")                                                       \
  X(ERROR_PATH_NOT_FOUND, 3, "ENOENT") /* also a path through a file: POSIX says ENOTDIR */  \
  X(ERROR_TOO_MANY_OPEN_FILES, 4, "EMFILE")                                                  \
  X(ERROR_ACCESS_DENIED, 5, "EACCES") /* also DeleteFile on a directory: POSIX says EISDIR */\
  X(ERROR_INVALID_HANDLE, 6, "EBADF")                                                        \
  X(ERROR_NOT_ENOUGH_MEMORY, 8, "ENOMEM")                                                    \
  X(ERROR_INVALID_DRIVE, 15, "ENOENT")                                                       \
  X(ERROR_CURRENT_DIRECTORY, 16, "EACCES") /* removing the current directory */              \
  X(ERROR_NOT_SAME_DEVICE, 17, "EXDEV")                                                      \
  X(ERROR_NO_MORE_FILES, 18, "ENOENT")                                                       \
  X(ERROR_SHARING_VIOLATION, 32, "EACCES")                                                   \
  X(ERROR_LOCK_VIOLATION, 33, "EACCES")                                                      \
  X(ERROR_BAD_NETPATH, 53, "ENOENT")                                                         \
  X(ERROR_FILE_EXISTS, 80, "EEXIST")                                                         \
  X(ERROR_CANNOT_MAKE, 82, "EACCES")                                                         \
  X(ERROR_INVALID_PARAMETER, 87, "EINVAL")                                                   \
  X(ERROR_BROKEN_PIPE, 109, "EPIPE")                                                         \
  X(ERROR_DISK_FULL, 112, "ENOSPC")                                                          \
  X(ERROR_NEGATIVE_SEEK, 131, "EINVAL")                                                      \
  X(ERROR_DIR_NOT_EMPTY, 145, "ENOTEMPTY")                                                   \
  X(ERROR_BAD_PATHNAME, 161, "ENOENT")                                                       \
  X(ERROR_ALREADY_EXISTS, 183, "EEXIST")                                                     \
  X(ERROR_FILENAME_EXCED_RANGE, 206, "ENOENT") /* name too long: POSIX says ENAMETOOLONG */   \
  X(ERROR_DIRECTORY, 267, "EINVAL") /* not a directory: the CRT has no row, so EINVAL */

// X(call, Win32 name, value, portable name): what a code means from this one call.
#define SP_WIN32_CALL_ERRORS(X)                                                              \
  X(kOpenProcess, ERROR_INVALID_PARAMETER, 87, "ESRCH") /* no process has this id */         \
  X(kOpenProcess, ERROR_ACCESS_DENIED, 5, "EPERM")      /* not ours to end */                \
  X(kReadFile, ERROR_ACCESS_DENIED, 5, "EBADF")         /* handle not open for reading */    \
  X(kWriteFile, ERROR_ACCESS_DENIED, 5, "EBADF")        /* handle not open for writing */

// The kernel32 calls the backend names errors for; kAny when no narrower row applies.
enum class Call { kAny, kOpenProcess, kReadFile, kWriteFile };

struct ErrorRow {
  unsigned long code;
  const char* win32_name;
  const char* name;
};

struct CallErrorRow {
  Call call;
  unsigned long code;
  const char* win32_name;
  const char* name;
};

#define SP_WIN32_ERROR_ROW(win32_name, value, name) ErrorRow{value, #win32_name, name},
#define SP_WIN32_CALL_ERROR_ROW(call, win32_name, value, name) \
  CallErrorRow{Call::call, value, #win32_name, name},
inline constexpr ErrorRow kErrors[] = {SP_WIN32_ERRORS(SP_WIN32_ERROR_ROW)};
inline constexpr CallErrorRow kCallErrors[] = {SP_WIN32_CALL_ERRORS(SP_WIN32_CALL_ERROR_ROW)};
#undef SP_WIN32_ERROR_ROW
#undef SP_WIN32_CALL_ERROR_ROW

// The portable name of `code` as returned by `call`, or nullptr when no row knows it.
constexpr const char* error_name(Call call, unsigned long code) {
  for (const CallErrorRow& row : kCallErrors) {
    if (row.call == call && row.code == code) return row.name;
  }
  for (const ErrorRow& row : kErrors) {
    if (row.code == code) return row.name;
  }
  return nullptr;
}

}  // namespace win32
}  // namespace sp
