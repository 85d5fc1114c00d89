// The portable API every case is written against.
//
// A case names operations (mkdir, kill), errors (EEXIST) and signals (SIGTERM) by name and
// never by number: errno and signal numbers differ between architectures (ENAMETOOLONG is
// 36 on x86 and 78 on mips; SIGUSR1 is 10 and 16), so a transcript that prints names is
// comparable across targets. Each backend implements this header once, leaving out the
// operations its system does not have (see SP_OPERATIONS below):
//   backend_raw.cc          Linux and Darwin: freestanding, traps through
//                           arch/<target>/syscall.h, numbers from tables/
//   backend_libc.cc         Linux: the target's C library (glibc, static)
//   backend_libc_darwin.cc  Darwin: libSystem (built and checked here, run on a Mac)
//   backend_win32.cc        Windows: kernel32 only (no stable syscall numbers exist)
//   backend_crt.cc          Windows: the C runtime (msvcrt)
// The header is freestanding: no libc include, no exceptions, no allocation.
#pragma once

namespace sp {

using size_t = decltype(sizeof 0);

// The outcome of one call: `error` is the errno *name* ("EEXIST"), or nullptr on success.
struct Result {
  long value;
  const char* error;
  bool ok() const { return error == nullptr; }
};

// A signal resolved for this target: `number` is this target's value for `name`, or -1
// when the backend does not know the name.
struct Signal {
  const char* name;
  int number;
};

// open(2) flags in portable spelling; each backend translates them to its target's bits
// (O_CREAT is 0100 on most arches and 0x100 on mips).
enum OpenFlag : unsigned {
  kRead = 1u << 0,
  kWrite = 1u << 1,
  kReadWrite = 1u << 2,
  kCreate = 1u << 3,
  kExclusive = 1u << 4,
  kTruncate = 1u << 5,
  kDirectory = 1u << 6,
};

// ---- What every backend implements ----------------------------------------------------
// The three calls the "unsupported" report below is made of: a backend without them cannot
// say anything, so a backend that lacks one does not link.

// Which implementation this binary was built with: "raw", "libc", "win32" or "crt".
const char* backend();
Result write(long fd, const void* buf, size_t len);
[[noreturn]] void exit_group(int status);  // whole process (libc: _exit)

// ---- Operations: each backend implements those it has --------------------------------
// X(return type, name, (parameters)): one row per operation, declared from this list
// below. A backend implements an operation by defining it (in namespace sp, with exactly
// this signature); an operation it does not define is filled in at link time by a default
// that reports it unsupported (sysport_unsupported.cc) and the harness makes that run SKIP,
// "<name>: unsupported by the <backend> backend". So an operation only some systems have
// is a row here plus a definition in the backends that have it, and nothing elsewhere.
// suites/CMakeLists.txt reads the names from this list: keep one row per line.
#define SP_OPERATIONS(X)                                                                     \
  /* Processes. */                                                                          \
  X(long, getpid, ())                                                                       \
  X(long, getppid, ())                                                                      \
  X(Result, kill, (long pid, Signal sig))                                                   \
  X(Signal, signal_named, (const char* name))                                               \
  /* A signal number every Linux target rejects: above the largest _NSIG (128, mips). */    \
  X(Signal, invalid_signal, ())                                                             \
  /* Calling thread only: exit(2), not exit_group(2). */                                    \
  X([[noreturn]] void, exit_thread, (int status))                                           \
  /* Sleeps until a signal ends the process (pause(2), or ppoll where there is no pause). */ \
  X(void, wait_for_signal, ())                                                              \
  /* Files and directories, relative to the working directory the harness chose. */         \
  X(Result, mkdir, (const char* path, unsigned mode))                                       \
  X(Result, mkdirat_cwd, (const char* path, unsigned mode)) /* mkdirat(AT_FDCWD, ...) */    \
  X(Result, rmdir, (const char* path))                                                      \
  X(Result, unlink, (const char* path))                                                     \
  X(Result, open, (const char* path, unsigned flags, unsigned mode))                        \
  X(Result, close, (long fd))                                                               \
  X(Result, read, (long fd, void* buf, size_t len))

#define SP_DECLARE_OPERATION(type, name, parameters) type name parameters;
SP_OPERATIONS(SP_DECLARE_OPERATION)
#undef SP_DECLARE_OPERATION

// How a binary says that its backend lacks `operation`: the line
// SP_UNSUPPORTED_MARKER "<operation>" on stderr, then exit status SP_UNSUPPORTED_EXIT_STATUS
// (77, automake's "skipped"), both required by the harness (harness/cell.cc), which reads
// these two definitions from this file. The run is SKIP whatever it printed before, never PASS.
#define SP_UNSUPPORTED_MARKER "sysport: unsupported by this backend: "
#define SP_UNSUPPORTED_EXIT_STATUS 77
[[noreturn]] void unsupported(const char* operation);

// ---- Transcript output -------------------------------------------------------------
// One line of the transcript, written to stdout with a single write when it goes out of
// scope. Lines longer than the buffer are cut and marked, never overflowed.
class Line {
 public:
  Line() = default;
  explicit Line(int fd) : fd_(fd) {}  // 1 (stdout, the transcript) unless told otherwise
  Line(const Line&) = delete;
  Line& operator=(const Line&) = delete;
  ~Line();
  Line& operator<<(const char* s);
  Line& operator<<(long v);
  Line& operator<<(int v) { return *this << static_cast<long>(v); }
  Line& operator<<(unsigned v) { return *this << static_cast<long>(v); }
  Line& operator<<(const Result& r);  // "ok", "ok <value>" for counts, or the errno name
  Line& octal(unsigned long v);

 private:
  char buf_[512];
  int fd_ = 1;
  size_t len_ = 0;
  bool cut_ = false;
};

// "<what>: ok" / "<what>: EEXIST", the shape of most transcript lines.
void report(const char* what, const Result& r);
// "<what>: ok <value>" / "<what>: EBADF", for calls whose value matters (byte counts).
void report_value(const char* what, const Result& r);

// Small freestanding string helpers the cases share.
size_t length(const char* s);
bool equal(const char* a, const char* b);
// Parses a decimal integer (optional '-'); false on anything else or overflow.
bool parse_long(const char* s, long* out);

}  // namespace sp

// Every case defines this; the backend's entry point calls it and exits with its result.
int sp_case_main(int argc, char** argv);
