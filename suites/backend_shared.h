// Pieces more than one backend needs, written once. Include it after whatever defines the
// target's O_* values (the kernel's <linux/fcntl.h>, glibc's <fcntl.h>, or target.h on
// Darwin), the generated tables (target.h) and the raw trap (syscall.h): the helpers are
// inline and use whichever definitions are in scope where they are included.
#pragma once

#include "sysport.h"

namespace sp::shared {

// The portable OpenFlag bits as this target's O_* values.
inline long open_flags(unsigned f) {
  long k = (f & kReadWrite) ? O_RDWR : (f & kWrite) ? O_WRONLY : O_RDONLY;
  if (f & kCreate) k |= O_CREAT;
  if (f & kExclusive) k |= O_EXCL;
  if (f & kTruncate) k |= O_TRUNC;
  if (f & kDirectory) k |= O_DIRECTORY;
  return k;
}

// The name of errno value `e` in this target's generated table.
inline const char* table_errno_name(long e) {
#define SP_ERRNO_CASE(name, number) \
  if (e == (number)) return #name;
  SP_ERRNO_TABLE(SP_ERRNO_CASE)
#undef SP_ERRNO_CASE
  return "E?unknown";
}

// A C library's answer for a no-argument call against the raw trap's in the same process:
// they must agree, and a disagreement lands in the transcript.
inline long cross_checked(const char* library, const char* what, long from_library, long nr) {
  const long raw = arch::syscall0(nr);
  if (raw != from_library) Line() << "MISMATCH: " << library << " " << what << " " << from_library << ", raw " << raw;
  return from_library;
}

}  // namespace sp::shared
