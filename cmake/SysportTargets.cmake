# What each target needs and how it is wired into the build and into CTest.
#
# sysport_read_toolchain(<target>) reads toolchains/<target>.cmake in a function scope, so
# the toolchain file stays the one place that describes a target, and hands back
# SP_TC_<field> variables: COMPILER, TRIPLE, RUNNER, PACKAGES, EMULATOR, EMULATOR_PACKAGE.
function(sysport_read_toolchain target)
  set(CMAKE_CROSSCOMPILING_EMULATOR "")
  set(SYSPORT_EMULATOR_PACKAGE "")
  include("${PROJECT_SOURCE_DIR}/toolchains/${target}.cmake")
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
  find_program(SP_FOUND_${target} NAMES ${SP_TC_COMPILER} NO_CACHE)
  if(NOT SP_FOUND_${target})
    set(${out_var} "${SP_TC_COMPILER} not found: apt-get install ${packages}" PARENT_SCOPE)
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
