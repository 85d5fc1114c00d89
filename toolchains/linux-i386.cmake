# linux-i386: int $0x80, run natively through the kernel's IA32 emulation (CONFIG_IA32_EMULATION).
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i686)

set(SYSPORT_TARGET linux-i386)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE i686-linux-gnu)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++-i686-linux-gnu libc6-dev-i386-cross)

set(CMAKE_C_COMPILER i686-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER i686-linux-gnu-g++)
set(CMAKE_ASM_COMPILER i686-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/i686-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# Runs natively on an x86-64 host.
set(SYSPORT_RUNNER native)

# Extra flags for the freestanding raw backend on this target (see arch/linux-i386/).
set(SYSPORT_RAW_FLAGS -fno-pic -fomit-frame-pointer)
