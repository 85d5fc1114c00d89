// What both Darwin targets share: XNU's BSD syscall numbers, errno and signal values and
// fcntl constants are the same on arm64 and x86-64 (tables/darwin/, transcribed from XNU
// with the tag named in each header), and the few ways Darwin's calls differ from Linux's
// that suites/backend_raw.cc asks its target about.
#pragma once

#include "tables/darwin/syscalls.h"
#include "tables/darwin/errno.h"
#include "tables/darwin/signals.h"
#include "tables/darwin/fcntl.h"

// There are no Darwin kernel headers on a Linux host, so the raw backend's open(2) flags and
// *at() values come from the XNU tables instead of <linux/fcntl.h> (O_CREAT is 0x200 here,
// 0100 on most Linux arches; AT_FDCWD is -2, not -100).
#define SP_TARGET_HAS_FCNTL 1
#define O_RDONLY SP_O_RDONLY
#define O_WRONLY SP_O_WRONLY
#define O_RDWR SP_O_RDWR
#define O_CREAT SP_O_CREAT
#define O_EXCL SP_O_EXCL
#define O_TRUNC SP_O_TRUNC
#define O_DIRECTORY SP_O_DIRECTORY
#define AT_FDCWD SP_AT_FDCWD
#define AT_REMOVEDIR SP_AT_REMOVEDIR

// XNU's kill takes a third argument, posix (bsd/kern/kern_sig.c): libSystem's kill() passes
// 1 in every 64-bit program (libsyscall/wrappers/kill.c, __DARWIN_UNIX03), so the raw
// backend does too.
#define SP_KILL_POSIX_ARGUMENT 1

// Darwin has no exit_group: BSD exit (1) ends the whole process, which is also what Linux's
// thread-only exit(2) does to these single-threaded cases, so both of the portable API's
// exits use it (SP_NR_exit_group is left undefined and backend_raw.cc falls back to exit).
// Nor is there pause(2): libSystem's pause() is sigsuspend() with the current mask, and
// the raw backend calls sigsuspend with an empty one.
