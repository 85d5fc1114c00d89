# windows-x86_64: no system calls of its own: kernel32 (win32 backend) and the C runtime
# (crt backend), cross-built with Debian's mingw-w64 and run here under Wine.
# Used two ways: as the CMAKE_TOOLCHAIN_FILE of this target's build of suites/, and read by
# the top-level CMakeLists.txt to learn what the target needs before building it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)

set(SYSPORT_TARGET windows-x86_64)
set(SYSPORT_OS windows)
set(SYSPORT_TRIPLE x86_64-w64-mingw32)
# Debian packages that build it: mingw-w64's GCC with the win32 thread model (the posix one
# would link winpthreads into the crt binaries for nothing).
set(SYSPORT_PACKAGES g++-mingw-w64-x86-64-win32)
# Links against msvcrt.dll and kernel32.dll, never a static C library.
set(SYSPORT_STATIC_LIBC OFF)

set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-win32)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-win32)
set(CMAKE_ASM_COMPILER x86_64-w64-mingw32-gcc-win32)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# Wine from Debian: the wine package brings the `wine`, `wineboot` and `wineserver` commands
# and pulls in wine64, which runs 64-bit programs (ci/packages/windows.txt names both). The
# prefix, the headless environment and the persistent wineserver are set up by
# cmake/SysportOS-windows.cmake and cmake/windows/wine-prefix.sh.
set(SYSPORT_RUNNER wine)
set(SYSPORT_EMULATOR_PACKAGE wine)
set(CMAKE_CROSSCOMPILING_EMULATOR wine)
