# What CTest needs for a Windows target beyond its <target>/<case> cells; the top level
# calls sysport_target_extras_windows() once per windows-* target, after registering them.
#
#   <target>/wine-start    (Wine targets) FIXTURES_SETUP: makes the build's Wine prefix if it
#                          is missing (wineboot -i, tens of seconds, once per build), starts a
#                          wineserver that persists through the test run, and boots the
#                          Windows session, so that no cell pays for it or inherits its
#                          processes. Every cell of the target requires it.
#   <target>/wine-stop     (Wine targets) FIXTURES_CLEANUP: wineserver -k.
# All of them are labelled with the target's name, so `ctest -L windows-x86_64` runs the
# target whole. The cells also work without the fixture (./sysport run): the harness runs
# the same preparation before a cell (harness/runner.cc, harness/wine-prefix.sh).

function(sysport_target_extras_windows target build_dir built)
  sysport_read_toolchain(${target})
  if(NOT built)
    return()  # the cells already SKIP with the reason and the fix
  endif()

  if(SP_TC_RUNNER STREQUAL "wine")
    set(fixture wine-${target})
    add_test(NAME ${target}/wine-start
      COMMAND sysport-harness --config "${SYSPORT_CONFIG}" runner --target ${target} start)
    add_test(NAME ${target}/wine-stop
      COMMAND sysport-harness --config "${SYSPORT_CONFIG}" runner --target ${target} stop)
    set_tests_properties(${target}/wine-start PROPERTIES
      FIXTURES_SETUP ${fixture} LABELS "${target};wine" SKIP_RETURN_CODE 77 TIMEOUT 600)
    set_tests_properties(${target}/wine-stop PROPERTIES
      FIXTURES_CLEANUP ${fixture} LABELS "${target};wine" SKIP_RETURN_CODE 77 TIMEOUT 120)
    foreach(case IN LISTS SYSPORT_CASES)
      set_tests_properties(${target}/${case} PROPERTIES FIXTURES_REQUIRED ${fixture})
    endforeach()
  endif()
endfunction()
