// Which generated kernel tables describe linux-arm: the raw backend takes every syscall,
// errno and signal number from them (tables/linux/arm-eabi/, generated from the kernel source).
#pragma once

#define SP_TARGET_NAME "linux-arm"

#include "tables/linux/arm-eabi/syscalls.h"
#include "tables/linux/arm-eabi/errno.h"
#include "tables/linux/arm-eabi/signals.h"
