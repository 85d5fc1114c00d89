# darwin-x86_64: macOS on Intel, syscall with rax = 0x2000000 + the BSD number;
# Mach-O executables cross-built here with Debian's clang and ld64.lld, run here under the
# project's own user-mode emulator (harness/darwin/, on Unicorn) and natively in the macOS
# CI job (ci/github/darwin.yml).
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and read by
# the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Darwin)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(SYSPORT_TARGET darwin-x86_64)
set(SYSPORT_OS darwin)
set(SYSPORT_TRIPLE x86_64-apple-macos11)
# Debian packages that build it: the compiler, ld64.lld (lld-14 installs only the versioned
# name) and llvm-objdump for the static check of the binaries.
set(SYSPORT_PACKAGES clang-14 lld-14 llvm-14)
set(SYSPORT_REQUIRED_PROGRAMS ld64.lld-14 llvm-objdump-14)
set(SYSPORT_DARWIN_LINKER ld64.lld-14)
# macOS 11 is the first release for arm64 and the one both targets name in LC_BUILD_VERSION.
set(SYSPORT_DARWIN_MIN_OS 11.0)
# No C library to link statically: the libc backend links against a libSystem stub
# (arch/darwin-common/libSystem.tbd) and runs only on a real Mac.
set(SYSPORT_STATIC_LIBC OFF)

set(CMAKE_C_COMPILER clang-14)
set(CMAKE_CXX_COMPILER clang++-14)
set(CMAKE_ASM_COMPILER clang-14)
set(CMAKE_C_COMPILER_TARGET x86_64-apple-macos11)
set(CMAKE_CXX_COMPILER_TARGET x86_64-apple-macos11)
set(CMAKE_ASM_COMPILER_TARGET x86_64-apple-macos11)
# No SDK: keep CMake's Darwin platform files from looking for one with xcrun, and from
# trying to link a test program before the platform file has said how to link.
set(CMAKE_OSX_SYSROOT "")
set(CMAKE_OSX_ARCHITECTURES x86_64)
set(CMAKE_OSX_DEPLOYMENT_TARGET ${SYSPORT_DARWIN_MIN_OS})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_AR llvm-ar-14)
set(CMAKE_RANLIB llvm-ranlib-14)

# The project's Darwin user-mode emulator, built by the top-level (host) build. The top level
# passes SYSPORT_HOST_BINARY_DIR to this target's build; when it reads this file itself,
# its own binary directory is that directory.
if(NOT SYSPORT_HOST_BINARY_DIR)
  set(SYSPORT_HOST_BINARY_DIR "${CMAKE_BINARY_DIR}")
endif()
set(SYSPORT_RUNNER emulated)
set(SYSPORT_EMULATOR_PACKAGE libunicorn-dev)
set(CMAKE_CROSSCOMPILING_EMULATOR "${SYSPORT_HOST_BINARY_DIR}/harness/darwin/sysport-darwin-run")

# Extra flags for the freestanding raw backend on this target (see arch/darwin-x86_64/).
set(SYSPORT_RAW_FLAGS )
