# Toolchain family: Debian's GCC (native or cross, <triple>-gcc) for Linux targets.
# Included by the toolchain file the top level generates for each target
# (sysport_write_target_toolchain in cmake/SysportRecords.cmake), which sets SYSPORT_TARGET,
# SYSPORT_RECORD, SYSPORT_SOURCE_DIR, SYSPORT_HOST_BINARY_DIR, SYSPORT_RUNNER and
# CMAKE_CROSSCOMPILING_EMULATOR; everything else comes from the record.
include("${SYSPORT_SOURCE_DIR}/cmake/SysportRecords.cmake")
sysport_toolchain_start(Linux)
# Debian's cross toolchains keep the target's headers and libraries in /usr/<triple>; the
# native one has no such directory and searches the host's paths.
if(EXISTS "/usr/${SYSPORT_TRIPLE}/lib")
  set(CMAKE_FIND_ROOT_PATH "/usr/${SYSPORT_TRIPLE}")
  set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
endif()
