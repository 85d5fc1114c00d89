# linux-aarch64: svc #0 with x8, under qemu-aarch64.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(SYSPORT_TARGET linux-aarch64)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE aarch64-linux-gnu)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++-aarch64-linux-gnu libc6-dev-arm64-cross)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# QEMU user mode: the raw binaries are static and need nothing else; -L gives the libc
# build's loader and libraries a root should anything be looked up at run time.
set(SYSPORT_RUNNER qemu)
set(SYSPORT_EMULATOR_PACKAGE qemu-user)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)

# Extra flags for the freestanding raw backend on this target (see arch/linux-aarch64/).
set(SYSPORT_RAW_FLAGS )
