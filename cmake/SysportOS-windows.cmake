# What CTest needs for a Windows target beyond its <target>/<case> cells; the top level
# calls sysport_target_extras_windows() once per windows-* target, after registering them.
#
#   <target>/wine-start    (Wine targets) FIXTURES_SETUP: makes the build's Wine prefix if it
#                          is missing (wineboot -i, tens of seconds, once per build), starts a
#                          wineserver that persists through the test run, and boots the
#                          Windows session, so that no cell pays for it or inherits its
#                          processes. Every cell of the target requires it.
#   <target>/wine-stop     (Wine targets) FIXTURES_CLEANUP: wineserver -k.
#   <target>/static-check  every binary imports what it should from KERNEL32.dll (and the
#                          C runtime), nothing from ntdll.dll, and holds no system call
#                          instruction (cmake/windows/static_check.py).
#   <target>/static-check-catches   the same check run on a binary built to break every
#                          rule, which it must reject: a check that passes everything
#                          proves nothing.
# All of them are labelled with the target's name, so `ctest -L <target>` runs the
# target whole. The cells also work without the fixture (./sysport run): the harness runs
# the same preparation before a cell (harness/runner.cc, harness/wine-prefix.sh).

#   windows/host-tests     (once) GoogleTest on the host: the Win32 error table and the
#                          command-line splitter the kernel32-only entry point uses
#                          (suites/tests/win32_test.cc).

# Called from inside the top level's per-target loop, which has already read the target's
# toolchain: its SP_TC_* variables (SP_TC_RUNNER here) are in scope.
function(sysport_target_extras_windows target build_dir built)
  if(NOT TARGET win32_host_tests)
    add_executable(win32_host_tests "${PROJECT_SOURCE_DIR}/suites/tests/win32_test.cc")
    target_include_directories(win32_host_tests PRIVATE "${PROJECT_SOURCE_DIR}/suites")
    target_link_libraries(win32_host_tests PRIVATE GTest::gtest_main)
    target_compile_options(win32_host_tests PRIVATE -Wall -Wextra)
    add_test(NAME windows/host-tests COMMAND win32_host_tests)
    set_tests_properties(windows/host-tests PROPERTIES LABELS "windows")
  endif()
  set_property(TEST windows/host-tests APPEND PROPERTY LABELS ${target})
  if(NOT built)
    return()  # the cells already SKIP with the reason and the fix
  endif()

  set(check "${PROJECT_SOURCE_DIR}/cmake/windows/static_check.py")
  set(def "${PROJECT_SOURCE_DIR}/suites/win32_kernel32.def")
  add_test(NAME ${target}/static-check
    COMMAND python3 "${check}" --machine ${SP_TC_WINDOWS_MACHINE} --manifest "${build_dir}/manifest.json" --def "${def}")
  add_test(NAME ${target}/static-check-catches
    COMMAND python3 "${check}" --machine ${SP_TC_WINDOWS_MACHINE} --def "${def}" --backend win32 --program bait
            --binary "${build_dir}/static-check-bait/bait.exe"
            --expect-violation "system call instruction"
            --expect-violation "imports from ntdll.dll"
            --expect-violation "GetTickCount from KERNEL32.dll, which suites/win32_kernel32.def does not list"
            --expect-violation "does not import KERNEL32.dll!GetCommandLineA")
  set_tests_properties(${target}/static-check ${target}/static-check-catches PROPERTIES
    LABELS "${target};static-check" SKIP_RETURN_CODE 77)

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
