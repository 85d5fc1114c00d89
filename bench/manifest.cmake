# bench-manifest.json, what bench/sysport-bench and bench/tools/check_disasm.py need to know
# about one target's ladder beside its binary; written the same way by bench/ladder/ and
# bench/ladder-darwin/ (both include this file after their toolchain file set SYSPORT_* and
# bench/record.cmake found SYSPORT_RECORD, the target's record, whose trap_pattern
# bench/tools/check_disasm.py looks for).
#
#   sp_bench_write_manifest(<harness> <objdump> [<run prefix>...])
#
# The run prefix is the command the binary is run under (an emulator and its arguments);
# none for a native target, which the manifest lists as [].
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/SysportJson.cmake")

function(sp_bench_write_manifest harness objdump)
  set(manifest "{}")
  sysport_json_set_strings(manifest "target=${SYSPORT_TARGET}" "os=${SYSPORT_OS}" "triple=${SYSPORT_TRIPLE}"
    "runner=${SYSPORT_RUNNER}" "record=${SYSPORT_RECORD}" "harness=${harness}"
    "binary=${CMAKE_BINARY_DIR}/sp-bench" "objdump=${objdump}"
    "compiler=${CMAKE_CXX_COMPILER} ${CMAKE_CXX_COMPILER_VERSION}")
  sysport_json_string_array(run_prefix_json ${ARGN})
  sysport_json_set(manifest "${run_prefix_json}" run_prefix)
  sysport_json_write("${CMAKE_BINARY_DIR}/bench-manifest.json" "${manifest}")
endfunction()
