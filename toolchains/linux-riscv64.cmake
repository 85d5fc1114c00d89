# linux-riscv64: ecall with a7, under qemu-riscv64.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

set(SYSPORT_TARGET linux-riscv64)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE riscv64-linux-gnu)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++-riscv64-linux-gnu libc6-dev-riscv64-cross)

set(CMAKE_C_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER riscv64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/riscv64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# QEMU user mode: the raw binaries are static and need nothing else; -L gives the libc
# build's loader and libraries a root should anything be looked up at run time.
set(SYSPORT_RUNNER qemu)
set(SYSPORT_EMULATOR_PACKAGE qemu-user)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-riscv64 -L /usr/riscv64-linux-gnu)

# Extra flags for the freestanding raw backend on this target (see arch/linux-riscv64/).
set(SYSPORT_RAW_FLAGS )
