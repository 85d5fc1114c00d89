# The one JSON writer of the build: sysport-config.json (top level), each target's
# manifest.json (suites/) and bench-manifest.json / bench-config.json (bench/) are all made
# with these functions, so escaping is done once and right.
#
# A document is built as CMake's own JSON text with string(JSON ... SET), which checks that
# every value it is given is valid JSON; strings go through sysport_json_quote first.
#
#   sysport_json_quote(<out> <value>)          "value" with \ " and control characters escaped
#   sysport_json_string_array(<out> [<item>...])   ["a", "b"]
#   sysport_json_set(<doc var> <value json> <member>...)   doc.member... = value
#   sysport_json_append(<doc var> <value json> <member>...)   append to the array doc.member...
#   sysport_json_set_strings(<doc var> <member>=<value>...)   string members
#   sysport_json_write(<file> <doc>)            writes it (only if it changed)
#   sysport_write_if_changed(<file> <content>)  the same for any text
include_guard(GLOBAL)

function(sysport_json_quote out_var value)
  # The backslash first, so the escapes added below are not escaped again.
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  string(REPLACE "\n" "\\n" value "${value}")
  string(REPLACE "\r" "\\r" value "${value}")
  string(REPLACE "\t" "\\t" value "${value}")
  # CMake splits lists at ';': written as \u003b, JSON reads it back as ';' and no list
  # operation on the way (global properties, ExternalProject arguments) can split it.
  string(REPLACE ";" "\\u003b" value "${value}")
  # Any other control character is left as it is: string(JSON SET) then refuses the value
  # (sysport_json_set says which), rather than the build writing invalid JSON.
  set(${out_var} "\"${value}\"" PARENT_SCOPE)
endfunction()

function(sysport_json_string_array out_var)
  set(items "")
  foreach(item IN LISTS ARGN)
    sysport_json_quote(q "${item}")
    if(items)
      string(APPEND items ", ")
    endif()
    string(APPEND items "${q}")
  endforeach()
  set(${out_var} "[${items}]" PARENT_SCOPE)
endfunction()

function(sysport_json_set doc_var value)
  # Objects on the way that do not exist yet are created: {"a": {}} then a.b.c = 1.
  set(doc "${${doc_var}}")
  set(path "")
  list(LENGTH ARGN depth)
  math(EXPR parents "${depth} - 1")
  foreach(member IN LISTS ARGN)
    if(parents EQUAL 0)
      break()
    endif()
    math(EXPR parents "${parents} - 1")
    string(JSON ignored ERROR_VARIABLE missing GET "${doc}" ${path} ${member})
    if(missing)
      string(JSON doc SET "${doc}" ${path} ${member} "{}")
    endif()
    list(APPEND path ${member})
  endforeach()
  string(JSON doc ERROR_VARIABLE err SET "${doc}" ${ARGN} "${value}")
  if(err)
    message(FATAL_ERROR "sysport: cannot set JSON member '${ARGN}' to ${value}: ${err}")
  endif()
  set(${doc_var} "${doc}" PARENT_SCOPE)
endfunction()

function(sysport_json_append doc_var value)
  string(JSON length ERROR_VARIABLE err LENGTH "${${doc_var}}" ${ARGN})
  if(err)
    message(FATAL_ERROR "sysport: JSON member '${ARGN}' is not an array: ${err}")
  endif()
  string(JSON doc SET "${${doc_var}}" ${ARGN} ${length} "${value}")
  set(${doc_var} "${doc}" PARENT_SCOPE)
endfunction()

# Writes only when the content changed, so that a re-configure does not touch files whose
# readers (ctest, the harness, the bench) would otherwise see them as new.
# sysport_json_set_strings(<doc var> <member>=<value>...): several string members at once;
# a member may be a path, a.b.c.
function(sysport_json_set_strings doc_var)
  set(doc "${${doc_var}}")
  # ARGV<n>, not ARGN: a value may hold ';' (a reason, an environment value), which a list
  # would split.
  math(EXPR last "${ARGC} - 1")
  foreach(n RANGE 1 ${last})
    if(n GREATER last)
      break()  # no pairs at all: RANGE 1 0 still counts down once
    endif()
    set(pair "${ARGV${n}}")
    string(FIND "${pair}" "=" eq)
    string(SUBSTRING "${pair}" 0 ${eq} member)
    math(EXPR eq "${eq} + 1")
    string(SUBSTRING "${pair}" ${eq} -1 value)
    sysport_json_quote(value "${value}")
    string(REPLACE "." ";" member "${member}")
    sysport_json_set(doc "${value}" ${member})
  endforeach()
  set(${doc_var} "${doc}" PARENT_SCOPE)
endfunction()

function(sysport_json_write file doc)
  sysport_write_if_changed("${file}" "${doc}\n")
endfunction()

function(sysport_write_if_changed file content)
  set(old "")
  if(EXISTS "${file}")
    file(READ "${file}" old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE "${file}" "${content}")
  endif()
endfunction()
