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
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/SysportTargets.cmake")  # sysport_json_list

function(sp_bench_write_manifest harness objdump)
  sysport_json_list(run_prefix_json ${ARGN})
  file(WRITE "${CMAKE_BINARY_DIR}/bench-manifest.json" "{
  \"target\": \"${SYSPORT_TARGET}\",
  \"os\": \"${SYSPORT_OS}\",
  \"triple\": \"${SYSPORT_TRIPLE}\",
  \"runner\": \"${SYSPORT_RUNNER}\",
  \"record\": \"${SYSPORT_RECORD}\",
  \"harness\": \"${harness}\",
  \"binary\": \"${CMAKE_BINARY_DIR}/sp-bench\",
  \"run_prefix\": ${run_prefix_json},
  \"objdump\": \"${objdump}\",
  \"compiler\": \"${CMAKE_CXX_COMPILER} ${CMAKE_CXX_COMPILER_VERSION}\"
}
")
endfunction()
