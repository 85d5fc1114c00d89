cmake_minimum_required(VERSION 3.20)
# The records (arch/<target>/target.json) and their reader: every record of the project
# reads cleanly, and a broken one is refused with one line naming the file and the field.
# Run by ctest as project/records: cmake -DSOURCE_DIR=<source> -P cmake/tests/records.cmake
include("${SOURCE_DIR}/cmake/SysportRecords.cmake")

set(failures 0)
sysport_list_targets(targets "${SOURCE_DIR}")
list(LENGTH targets count)
if(count EQUAL 0)
  message(FATAL_ERROR "no records found under ${SOURCE_DIR}/arch")
endif()
foreach(target IN LISTS targets)
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${SOURCE_DIR}"
                          "-DRECORD=${SOURCE_DIR}/arch/${target}/target.json" -P "${CMAKE_CURRENT_LIST_DIR}/read_record.cmake"
                  RESULT_VARIABLE status ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT status EQUAL 0)
    message(SEND_ERROR "arch/${target}/target.json does not read: ${err}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()
message(STATUS "${count} records read")

# A copy of a real record, broken one way at a time, in a scratch tree shaped like the
# project (the reader checks the toolchain family exists in ../../toolchains/).
list(GET targets 0 sample)
file(READ "${SOURCE_DIR}/arch/${sample}/target.json" good)
string(JSON toolchain GET "${good}" toolchain)
set(scratch "${CMAKE_CURRENT_BINARY_DIR}/records-test-scratch")
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}/toolchains" "${scratch}/arch/${sample}")
file(TOUCH "${scratch}/toolchains/${toolchain}.cmake")

# broken(<what it is> <the record's text> <text the one-line error must contain>)
function(broken what text expected)
  file(WRITE "${scratch}/arch/${sample}/target.json" "${text}")
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${SOURCE_DIR}"
                          "-DRECORD=${scratch}/arch/${sample}/target.json" -P "${CMAKE_CURRENT_LIST_DIR}/read_record.cmake"
                  RESULT_VARIABLE status ERROR_VARIABLE err OUTPUT_QUIET)
  # CMake wraps a message at 80 columns: compare with every run of blanks as one space.
  string(REGEX REPLACE "[ \n]+" " " err "${err}")
  string(FIND "${err}" "${expected}" at)
  string(FIND "${err}" "${scratch}/arch/${sample}/target.json" names_file)
  if(status EQUAL 0 OR at EQUAL -1 OR names_file EQUAL -1)
    message(SEND_ERROR "${what}: expected an error naming the file and containing '${expected}', got (${status}): ${err}")
    set(failures_here 1 PARENT_SCOPE)
  endif()
endfunction()

set(failures_here 0)
string(JSON text REMOVE "${good}" triple)
broken("a missing field" "${text}" "field 'triple' is missing")
string(JSON text SET "${good}" static_libc "\"yes\"")
broken("a mistyped field" "${text}" "field 'static_libc' must be of type BOOLEAN, not STRING")
string(JSON text SET "${good}" compilerz "{}")
broken("a misspelt field" "${text}" "unknown field 'compilerz'")
string(JSON text SET "${good}" run native_onn "[]")
broken("a misspelt nested field" "${text}" "unknown field 'run.native_onn'")
string(JSON text SET "${good}" target "\"another-name\"")
broken("a record copied without its name changed" "${text}" "field 'target' is 'another-name' but the folder is arch/${sample}/")
string(JSON text SET "${good}" toolchain "\"no-such-family\"")
broken("an unknown toolchain family" "${text}" "there is no toolchains/no-such-family.cmake")
string(JSON text SET "${good}" packages "[\"a\", 1]")
broken("a non-string package" "${text}" "field 'packages' must hold only strings (item 1 is NUMBER)")
broken("not JSON" "{ \"target\": " "not a JSON object")
math(EXPR failures "${failures} + ${failures_here}")
file(REMOVE_RECURSE "${scratch}")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} record checks failed")
endif()
message(STATUS "every record reads; every broken record is refused with its file and field")
