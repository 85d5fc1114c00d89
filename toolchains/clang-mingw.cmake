# Toolchain family: Debian's clang for Windows targets that mingw-w64's GCC does not cover
# (arm64), with mingw-w64's headers and lld-link. Debian has no mingw-w64 runtime for arm64,
# so only the freestanding backends (the record's windows.backends) are built: kernel32
# import libraries are made with llvm-dlltool from suites/win32_kernel32.def.
# Included by the generated per-target toolchain file (see gcc-linux.cmake).
include("${SYSPORT_SOURCE_DIR}/cmake/SysportRecords.cmake")
sysport_toolchain_start(Windows)
foreach(lang C CXX ASM)
  set(CMAKE_${lang}_COMPILER_TARGET ${SYSPORT_TRIPLE})
endforeach()
string(REGEX REPLACE "^clang[+]*" "" llvm_suffix "${SYSPORT_CC}")  # "-14"
set(CMAKE_AR llvm-ar${llvm_suffix})
set(CMAKE_RANLIB llvm-ranlib${llvm_suffix})
set(CMAKE_CXX_FLAGS_INIT "-isystem /usr/share/mingw-w64/include")
set(CMAKE_C_FLAGS_INIT "-isystem /usr/share/mingw-w64/include")
# No C runtime to link a test program against: CMake's compiler checks only compile.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# suites/platform-windows.cmake: link with lld-link against import libraries made here.
set(SYSPORT_WINDOWS_LINKER lld-link)
set(SYSPORT_LLD_LINK ${SYSPORT_WINDOWS_LLD_LINK})
set(SYSPORT_LLD_MACHINE ${SYSPORT_WINDOWS_LLD_MACHINE})
set(SYSPORT_DLLTOOL ${SYSPORT_WINDOWS_DLLTOOL})
set(SYSPORT_DLLTOOL_MACHINE ${SYSPORT_WINDOWS_DLLTOOL_MACHINE})
