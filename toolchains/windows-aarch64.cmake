# windows-aarch64: Windows on Arm, kernel32 only (the win32 backend), cross-built with
# Debian's clang and lld-link against a kernel32 import library that llvm-dlltool makes from
# suites/win32_kernel32.def. Built and checked statically here; it cannot run here.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and read by
# the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR ARM64)

set(SYSPORT_TARGET windows-aarch64)
set(SYSPORT_OS windows)
set(SYSPORT_TRIPLE aarch64-w64-windows-gnu)
# Debian packages that build it: clang, lld-link and llvm-dlltool (lld-14 and llvm-14
# install only the versioned names), and mingw-w64's Windows headers, which are the same
# for every architecture.
set(SYSPORT_PACKAGES clang-14 lld-14 llvm-14 mingw-w64-common)
set(SYSPORT_REQUIRED_PROGRAMS lld-link-14 llvm-dlltool-14)
set(SYSPORT_STATIC_LIBC OFF)

set(CMAKE_C_COMPILER clang-14)
set(CMAKE_CXX_COMPILER clang++-14)
set(CMAKE_ASM_COMPILER clang-14)
set(CMAKE_C_COMPILER_TARGET ${SYSPORT_TRIPLE})
set(CMAKE_CXX_COMPILER_TARGET ${SYSPORT_TRIPLE})
set(CMAKE_ASM_COMPILER_TARGET ${SYSPORT_TRIPLE})
set(CMAKE_AR llvm-ar-14)
set(CMAKE_RANLIB llvm-ranlib-14)
# There is no arm64 mingw-w64 sysroot on Debian: the headers come from mingw-w64-common, and
# CMake must not try to link a test program before the platform file has said how to link.
set(CMAKE_CXX_FLAGS_INIT "-isystem /usr/share/mingw-w64/include")
set(CMAKE_C_FLAGS_INIT "-isystem /usr/share/mingw-w64/include")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# How suites/platform-windows.cmake builds it: the win32 backend only, because Debian ships
# no mingw-w64 C runtime for arm64 (no crt2.o, no libmsvcrt.a) to build the crt backend
# against; linked by lld-link.
set(SYSPORT_WINDOWS_BACKENDS win32)
set(SYSPORT_WINDOWS_LINKER lld-link)
set(SYSPORT_LLD_LINK lld-link-14)
set(SYSPORT_LLD_MACHINE arm64)
set(SYSPORT_DLLTOOL llvm-dlltool-14)
set(SYSPORT_DLLTOOL_MACHINE arm64)

# Nothing here runs Windows arm64 programs: Wine runs programs of its host's architecture,
# and QEMU's user mode runs Linux programs, not Windows ones. Its cells are SKIP, saying so.
set(SYSPORT_RUNNER none)
set(SYSPORT_WINDOWS_NOT_RUNNABLE "Windows on Arm programs cannot run on this x86-64 host: Wine runs programs of its host's architecture only, and QEMU user mode runs Linux programs, not Windows ones. They are built here and checked statically by windows-aarch64/static-check. Run them on an arm64 Windows machine")
