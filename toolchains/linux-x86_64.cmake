# linux-x86_64: the host itself, syscall instruction.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and
# read by the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(SYSPORT_TARGET linux-x86_64)
set(SYSPORT_OS linux)
set(SYSPORT_TRIPLE x86_64-linux-gnu)
# Debian packages that provide the compiler and the static C library for the libc backend.
set(SYSPORT_PACKAGES g++ libc6-dev)

set(CMAKE_C_COMPILER x86_64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER x86_64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER x86_64-linux-gnu-gcc)

# Runs natively on an x86-64 host.
set(SYSPORT_RUNNER native)

# Extra flags for the freestanding raw backend on this target (see arch/linux-x86_64/).
set(SYSPORT_RAW_FLAGS )
