// Which generated kernel tables describe linux-i386: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/i386/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-i386"

#include "tables/linux/i386/syscalls.h"
#include "tables/linux/i386/errno.h"
#include "tables/linux/i386/signals.h"
