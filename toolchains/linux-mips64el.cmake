# linux-mips64el: n64, syscall with v0 = 5000 + n and the a3 error flag, under qemu-mips64el. No abicalls so _start needs no $gp.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR mips64el)

set(SYSPORT_TARGET linux-mips64el)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE mips64el-linux-gnuabi64)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross)

set(CMAKE_C_COMPILER mips64el-linux-gnuabi64-gcc)
set(CMAKE_CXX_COMPILER mips64el-linux-gnuabi64-g++)
set(CMAKE_ASM_COMPILER mips64el-linux-gnuabi64-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/mips64el-linux-gnuabi64)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# QEMU user mode: the raw binaries are static and need nothing else; -L gives the libc
# build's loader and libraries a root should anything be looked up at run time.
set(SYSPORT_RUNNER qemu)
set(SYSPORT_EMULATOR_PACKAGE qemu-user)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-mips64el -L /usr/mips64el-linux-gnuabi64)

# Extra flags for the freestanding raw backend on this target (see arch/linux-mips64el/).
set(SYSPORT_RAW_FLAGS -mno-abicalls -fno-pic -G0)
