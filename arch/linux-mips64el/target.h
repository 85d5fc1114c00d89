// Which generated kernel tables describe linux-mips64el: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/mips-n64/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-mips64el"

#include "tables/linux/mips-n64/syscalls.h"
#include "tables/linux/mips-n64/errno.h"
#include "tables/linux/mips-n64/signals.h"
