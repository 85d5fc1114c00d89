// Which generated kernel tables describe linux-x86_64: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/x86_64/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-x86_64"

#include "tables/linux/x86_64/syscalls.h"
#include "tables/linux/x86_64/errno.h"
#include "tables/linux/x86_64/signals.h"
