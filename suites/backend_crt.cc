// The crt backend: the portable API through the Windows C runtime (msvcrt.dll, as mingw-w64
// links it), the Windows counterpart of the Linux libc backend. Error names are the CRT's
// own errno values named from its <errno.h>, so comparing a crt transcript with a win32
// one also checks suites/win32_errors.h against Microsoft's mapping.
//
// What each call becomes:
//   mkdir               _mkdir (it takes no mode)
//   rmdir, unlink       _rmdir, _unlink
//   open, close         _open (binary mode), _close; O_DIRECTORY: the CRT opens no
//                       directory, so a file that opened is not one (ENOTDIR)
//   read, write         _read, _write
//   getpid              _getpid, cross-checked against kernel32 in the same process
//   signal_named        the names of the CRT's own <signal.h> (SIGINT, SIGTERM, ...)
//   exit_group          exit; exit_thread: _endthreadex
// Not implemented, so SKIP where a case calls them: what the C runtime does not have, and
// which kernel32 already answers through the win32 backend: getppid, kill, wait_for_signal
// (raise() only runs the calling process's own handler), mkdirat_cwd.
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "sysport.h"
#include "win32_kernel32.h"

namespace sp {
namespace {

// The CRT's errno values by name, from its own <errno.h>.
#define SP_CRT_ERRNO_NAMES(X)                                                                  \
  X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(E2BIG) X(ENOEXEC) X(EBADF) X(ECHILD) \
  X(EAGAIN) X(ENOMEM) X(EACCES) X(EFAULT) X(EBUSY) X(EEXIST) X(EXDEV) X(ENODEV) X(ENOTDIR)    \
  X(EISDIR) X(EINVAL) X(ENFILE) X(EMFILE) X(ENOTTY) X(EFBIG) X(ENOSPC) X(ESPIPE) X(EROFS)      \
  X(EMLINK) X(EPIPE) X(EDOM) X(ERANGE) X(EDEADLK) X(ENAMETOOLONG) X(ENOLCK) X(ENOSYS)         \
  X(ENOTEMPTY) X(EILSEQ)

const char* errno_name(int e) {
#define SP_ERRNO_CASE(name) \
  if (e == name) return #name;
  SP_CRT_ERRNO_NAMES(SP_ERRNO_CASE)
#undef SP_ERRNO_CASE
  return "E?unknown";
}

Result from_crt(long r) {
  if (r == -1) return Result{-1, errno_name(errno)};
  return Result{r, nullptr};
}

Result crt_error(int e) { return Result{-1, errno_name(e)}; }

int to_crt_open_flags(unsigned f) {
  // Binary: text mode would turn "\n" into "\r\n" on the way to the disk.
  int k = _O_BINARY;
  k |= (f & kReadWrite) ? _O_RDWR : (f & kWrite) ? _O_WRONLY : _O_RDONLY;
  if (f & kCreate) k |= _O_CREAT;
  if (f & kExclusive) k |= _O_EXCL;
  if (f & kTruncate) k |= _O_TRUNC;
  return k;
}

}  // namespace

const char* backend() { return "crt"; }

// The CRT's answer and kernel32's, in the same process: they must agree.
long getpid() {
  const long crt = _getpid();
  const long kernel32 = static_cast<long>(GetCurrentProcessId());
  if (crt != kernel32) Line() << "MISMATCH: _getpid " << crt << ", GetCurrentProcessId " << kernel32;
  return crt;
}

Signal signal_named(const char* name) { return win32::signal_named(name); }
Signal invalid_signal() { return win32::invalid_signal(); }

void exit_group(int status) { exit(status); }

// Ends the calling thread through the CRT, which frees its per-thread data first; the
// process ends with its last thread. (_endthreadex does not return; the loop only keeps
// the compiler from assuming it could.)
void exit_thread(int status) {
  for (;;) _endthreadex(static_cast<unsigned>(status));
}

Result mkdir(const char* path, unsigned) { return from_crt(_mkdir(path)); }
Result rmdir(const char* path) { return from_crt(_rmdir(path)); }
Result unlink(const char* path) { return from_crt(_unlink(path)); }

Result open(const char* path, unsigned flags, unsigned mode) {
  // The CRT's one mode bit: a file created without _S_IWRITE is read-only.
  const int pmode = _S_IREAD | ((mode & 0200) ? _S_IWRITE : 0);
  const int fd = _open(path, to_crt_open_flags(flags), pmode);
  if (fd < 0) return from_crt(fd);
  if (flags & kDirectory) {
    // The CRT has no O_DIRECTORY and cannot open a directory at all (Windows opens one only
    // with FILE_FLAG_BACKUP_SEMANTICS, which _open never passes): a file that opened is not
    // one.
    _close(fd);
    return crt_error(ENOTDIR);
  }
  return Result{fd, nullptr};
}

Result close(long fd) { return from_crt(_close(static_cast<int>(fd))); }

Result read(long fd, void* buf, size_t len) {
  const unsigned want = len > 0x7fffffff ? 0x7fffffffu : static_cast<unsigned>(len);
  return from_crt(_read(static_cast<int>(fd), buf, want));
}

Result write(long fd, const void* buf, size_t len) {
  const unsigned want = len > 0x7fffffff ? 0x7fffffffu : static_cast<unsigned>(len);
  return from_crt(_write(static_cast<int>(fd), buf, want));
}

}  // namespace sp

int main(int argc, char** argv) {
  // The transcript is bytes: the CRT opens the standard descriptors in text mode, which
  // would send every "\n" out as "\r\n".
  _setmode(1, _O_BINARY);
  _setmode(2, _O_BINARY);
  return sp_case_main(argc, argv);
}
