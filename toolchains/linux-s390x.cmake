# linux-s390x: svc 0 with r1, under qemu-s390x.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)

set(SYSPORT_TARGET linux-s390x)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE s390x-linux-gnu)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++-s390x-linux-gnu libc6-dev-s390x-cross)

set(CMAKE_C_COMPILER s390x-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER s390x-linux-gnu-g++)
set(CMAKE_ASM_COMPILER s390x-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/s390x-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# QEMU user mode: the raw binaries are static and need nothing else; -L gives the libc
# build's loader and libraries a root should anything be looked up at run time.
set(SYSPORT_RUNNER qemu)
set(SYSPORT_EMULATOR_PACKAGE qemu-user)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-s390x -L /usr/s390x-linux-gnu)

# Extra flags for the freestanding raw backend on this target (see arch/linux-s390x/).
set(SYSPORT_RAW_FLAGS )
