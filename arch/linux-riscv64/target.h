// Which generated kernel tables describe linux-riscv64: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/riscv64/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-riscv64"

#include "tables/linux/riscv64/syscalls.h"
#include "tables/linux/riscv64/errno.h"
#include "tables/linux/riscv64/signals.h"
