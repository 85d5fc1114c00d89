# What each target needs and how it is wired into the build and into CTest.
#
# sysport_read_toolchain(<target>) reads toolchains/<target>.cmake in a function scope, so
# the toolchain file stays the one place that describes a target, and hands back
# SP_TC_<field> variables: OS, COMPILER, TRIPLE, RUNNER, PACKAGES, EMULATOR,
# EMULATOR_PACKAGE, REQUIRED_PROGRAMS, STATIC_LIBC.
#
# A toolchain file sets: SYSPORT_TARGET, SYSPORT_OS (linux, windows, darwin), SYSPORT_TRIPLE,
# SYSPORT_RUNNER (native, qemu, wine, emulated), SYSPORT_PACKAGES (Debian packages that
# build it), CMAKE_CXX_COMPILER, and where needed CMAKE_CROSSCOMPILING_EMULATOR with
# SYSPORT_EMULATOR_PACKAGE, SYSPORT_REQUIRED_PROGRAMS (other tools the build needs, such as
# a linker) and SYSPORT_STATIC_LIBC (OFF where no static C library is linked; default ON).
function(sysport_read_toolchain target)
  set(CMAKE_CROSSCOMPILING_EMULATOR "")
  set(SYSPORT_EMULATOR_PACKAGE "")
  set(SYSPORT_REQUIRED_PROGRAMS "")
  set(SYSPORT_STATIC_LIBC ON)
  include("${PROJECT_SOURCE_DIR}/toolchains/${target}.cmake")
  set(SP_TC_OS "${SYSPORT_OS}" PARENT_SCOPE)
  set(SP_TC_REQUIRED_PROGRAMS "${SYSPORT_REQUIRED_PROGRAMS}" PARENT_SCOPE)
  set(SP_TC_STATIC_LIBC "${SYSPORT_STATIC_LIBC}" PARENT_SCOPE)
  set(SP_TC_COMPILER "${CMAKE_CXX_COMPILER}" PARENT_SCOPE)
  set(SP_TC_TRIPLE "${SYSPORT_TRIPLE}" PARENT_SCOPE)
  set(SP_TC_RUNNER "${SYSPORT_RUNNER}" PARENT_SCOPE)
  set(SP_TC_PACKAGES "${SYSPORT_PACKAGES}" PARENT_SCOPE)
  set(SP_TC_EMULATOR "${CMAKE_CROSSCOMPILING_EMULATOR}" PARENT_SCOPE)
  set(SP_TC_EMULATOR_PACKAGE "${SYSPORT_EMULATOR_PACKAGE}" PARENT_SCOPE)
endfunction()

# Why <target> cannot be built here ("" when it can), with the apt-get line that fixes it.
function(sysport_build_blocker target out_var)
  sysport_read_toolchain(${target})
  string(REPLACE ";" " " packages "${SP_TC_PACKAGES}")
  foreach(program IN LISTS SP_TC_REQUIRED_PROGRAMS)
    find_program(SP_FOUND_${target}_${program} NAMES ${program} NO_CACHE)
    if(NOT SP_FOUND_${target}_${program})
      set(${out_var} "${program} not found: apt-get install ${packages}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  find_program(SP_FOUND_${target} NAMES ${SP_TC_COMPILER} NO_CACHE)
  if(NOT SP_FOUND_${target})
    set(${out_var} "${SP_TC_COMPILER} not found: apt-get install ${packages}" PARENT_SCOPE)
    return()
  endif()
  if(NOT SP_TC_STATIC_LIBC)
    set(${out_var} "" PARENT_SCOPE)
    return()
  endif()
  # The libc backend links statically: the target's libc.a must be there too.
  execute_process(COMMAND ${SP_FOUND_${target}} -print-file-name=libc.a
                  OUTPUT_VARIABLE libc_a OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT IS_ABSOLUTE "${libc_a}" OR NOT EXISTS "${libc_a}")
    set(${out_var} "no static C library for ${SP_TC_TRIPLE}: apt-get install ${packages}" PARENT_SCOPE)
    return()
  endif()
  set(${out_var} "" PARENT_SCOPE)
endfunction()

# JSON string list from a CMake list.
function(sysport_json_list out_var)
  set(json "")
  foreach(item IN LISTS ARGN)
    if(json)
      string(APPEND json ", ")
    endif()
    string(APPEND json "\"${item}\"")
  endforeach()
  set(${out_var} "[${json}]" PARENT_SCOPE)
endfunction()
