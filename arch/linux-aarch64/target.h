// Which generated kernel tables describe linux-aarch64: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/arm64/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-aarch64"

#include "tables/linux/arm64/syscalls.h"
#include "tables/linux/arm64/errno.h"
#include "tables/linux/arm64/signals.h"
