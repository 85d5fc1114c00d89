# The target's record (arch/<target>/target.json, described in arch/README.md), read by
# bench/ladder/ and bench/ladder-darwin/ after their toolchain file has set SYSPORT_*: the
# ladders learn what they need about a target from it, never from its name.
#
# Sets SYSPORT_RECORD (absolute), SP_RECORD (the record's JSON text) and SP_ARCH_DIR (the
# target's folder). The toolchain file names the record in SYSPORT_RECORD; one that does not
# yet falls back to the folder named after SYSPORT_TARGET.
get_filename_component(SP_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(SP_ARCH_DIR "${SP_ROOT}/arch/${SYSPORT_TARGET}")
if(NOT SYSPORT_RECORD)
  set(SYSPORT_RECORD "${SP_ARCH_DIR}/target.json")
endif()
get_filename_component(SYSPORT_RECORD "${SYSPORT_RECORD}" ABSOLUTE)
if(NOT EXISTS "${SYSPORT_RECORD}")
  message(FATAL_ERROR "no record for ${SYSPORT_TARGET}: ${SYSPORT_RECORD} is missing")
endif()
file(READ "${SYSPORT_RECORD}" SP_RECORD)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${SYSPORT_RECORD}")
string(JSON sp_record_target ERROR_VARIABLE sp_record_error GET "${SP_RECORD}" target)
if(sp_record_error OR NOT sp_record_target STREQUAL SYSPORT_TARGET)
  message(FATAL_ERROR "${SYSPORT_RECORD} is not the record of ${SYSPORT_TARGET} (its \"target\": ${sp_record_target})")
endif()

# sp_bench_record_get(<out_var> <key>...): a required field of the record; a missing one
# names the file and the field.
function(sp_bench_record_get out_var)
  string(JSON value ERROR_VARIABLE error GET "${SP_RECORD}" ${ARGN})
  if(error)
    string(REPLACE ";" "." field "${ARGN}")
    message(FATAL_ERROR "${SYSPORT_RECORD}: no field ${field}, which the bench needs (arch/README.md)")
  endif()
  set(${out_var} "${value}" PARENT_SCOPE)
endfunction()
