cmake_minimum_required(VERSION 3.20)
# The one JSON writer (cmake/SysportJson.cmake): what it writes reads back as what it was
# given, whatever the value holds. Run by ctest as project/json-writer:
#   cmake -DSOURCE_DIR=<source> -P cmake/tests/json.cmake
include("${SOURCE_DIR}/cmake/SysportJson.cmake")

set(failures 0)
# A function, not a macro: a macro would re-read the values' backslashes as escapes.
function(expect what actual expected)
  if(NOT actual STREQUAL expected)
    message(SEND_ERROR "${what}: got '${actual}', expected '${expected}'")
    math(EXPR n "${failures} + 1")
    set(failures ${n} PARENT_SCOPE)
  endif()
endfunction()

# Each of these broke a hand-written writer once: a quote, a backslash, a newline, a ';'
# (CMake's list separator: WINEDLLOVERRIDES has one, and so do reasons).
set(doc "{}")
set(tricky "say \"hi\"; C:\\dir\\ and a\nsecond line\tend")
sysport_json_set_strings(doc "plain=value" "nested.deeper.key=${tricky}" "reason=a; b; c")
string(JSON got GET "${doc}" nested deeper key)
expect("a value with quotes, backslashes, ';' and control characters" "${got}" "${tricky}")
string(JSON got GET "${doc}" reason)
expect("a value with ';' set among others" "${got}" "a; b; c")
string(JSON got GET "${doc}" plain)
expect("a plain value" "${got}" "value")

sysport_json_string_array(array "one" "two words" "three\"quoted\"")
sysport_json_set(doc "${array}" list)
string(JSON got GET "${doc}" list 2)
expect("an array item with quotes" "${got}" "three\"quoted\"")
string(JSON n LENGTH "${doc}" list)
expect("the array's length" "${n}" "3")

sysport_json_set(doc "[]" objects)
sysport_json_append(doc "{\"k\": 1}" objects)
sysport_json_append(doc "true" objects)
string(JSON got GET "${doc}" objects 0 k)
expect("an appended object" "${got}" "1")
string(JSON n LENGTH "${doc}" objects)
expect("two appended items" "${n}" "2")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} JSON writer checks failed")
endif()
message(STATUS "the JSON writer round-trips every value")
