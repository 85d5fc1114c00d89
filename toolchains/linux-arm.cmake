# linux-arm: EABI hard-float, svc #0 with r7, under qemu-arm. -marm because r7 is the Thumb frame pointer.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(SYSPORT_TARGET linux-arm)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE arm-linux-gnueabihf)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++-arm-linux-gnueabihf libc6-dev-armhf-cross)

set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_ASM_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# QEMU user mode: the raw binaries are static and need nothing else; -L gives the libc
# build's loader and libraries a root should anything be looked up at run time.
set(SYSPORT_RUNNER qemu)
set(SYSPORT_EMULATOR_PACKAGE qemu-user)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/arm-linux-gnueabihf)

# Extra flags for the freestanding raw backend on this target (see arch/linux-arm/).
set(SYSPORT_RAW_FLAGS -marm -fomit-frame-pointer)
