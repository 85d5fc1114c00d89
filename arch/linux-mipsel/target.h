// Which generated kernel tables describe linux-mipsel: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/mips-o32/, generated from the kernel source;
// o32 numbers start at __NR_O32_Linux = 4000, arch/mips/include/asm/unistd.h).
#pragma once

#define SP_TARGET_NAME "linux-mipsel"

#include "tables/linux/mips-o32/syscalls.h"
#include "tables/linux/mips-o32/errno.h"
#include "tables/linux/mips-o32/signals.h"
