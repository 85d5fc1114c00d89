// Which generated kernel tables describe linux-ppc64le: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/powerpc64/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-ppc64le"

#include "tables/linux/powerpc64/syscalls.h"
#include "tables/linux/powerpc64/errno.h"
#include "tables/linux/powerpc64/signals.h"
