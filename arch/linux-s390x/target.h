// Which generated kernel tables describe linux-s390x: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/s390x/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-s390x"

#include "tables/linux/s390x/syscalls.h"
#include "tables/linux/s390x/errno.h"
#include "tables/linux/s390x/signals.h"
