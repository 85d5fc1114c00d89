# Toolchain family: Debian's mingw-w64 GCC for Windows targets (the win32 thread model: the
# posix one would link winpthreads into the crt binaries for nothing), linking with GNU ld.
# Included by the generated per-target toolchain file (see gcc-linux.cmake).
include("${SYSPORT_SOURCE_DIR}/cmake/SysportRecords.cmake")
sysport_toolchain_start(Windows)
set(CMAKE_RC_COMPILER ${SYSPORT_TRIPLE}-windres)
set(CMAKE_FIND_ROOT_PATH "/usr/${SYSPORT_TRIPLE}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# suites/platform-windows.cmake: link through the compiler driver with mingw-w64's ld.
set(SYSPORT_WINDOWS_LINKER gnu)
