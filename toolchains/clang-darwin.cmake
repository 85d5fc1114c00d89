# Toolchain family: Mach-O executables for macOS cross-built with Debian's clang and
# ld64.lld (no SDK: suites/platform-darwin.cmake links against a libSystem stub,
# arch/darwin-common/libSystem.tbd). Included by the generated per-target toolchain file
# (see gcc-linux.cmake).
include("${SYSPORT_SOURCE_DIR}/cmake/SysportRecords.cmake")
sysport_toolchain_start(Darwin)
foreach(lang C CXX ASM)
  set(CMAKE_${lang}_COMPILER_TARGET ${SYSPORT_TRIPLE})
endforeach()
# No SDK: keep CMake's Darwin platform files from looking for one with xcrun, and from
# trying to link a test program before the platform file has said how to link.
set(CMAKE_OSX_SYSROOT "")
set(CMAKE_OSX_ARCHITECTURES ${SYSPORT_DARWIN_ARCH})
set(CMAKE_OSX_DEPLOYMENT_TARGET ${SYSPORT_DARWIN_MIN_OS})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
string(REGEX REPLACE "^clang[+]*" "" llvm_suffix "${SYSPORT_CC}")  # "-14"
set(CMAKE_AR llvm-ar${llvm_suffix})
set(CMAKE_RANLIB llvm-ranlib${llvm_suffix})
