# Darwin's additions to each darwin-* target: the static check of every Mach-O binary the
# target built (harness/darwin/check_macho.py), and two self-tests showing that the static
# check catches the deliberately broken builds (a wrong syscall number, a raw layer that
# ignores the carry flag). The top-level CMakeLists.txt calls this once per darwin target.
#
#   <target>/static-check                             every raw and libc binary
#   <target>/static-check-catches-wrong-number        the broken-syscall-number variant fails
#   <target>/static-check-catches-missing-carry-check the broken-error-convention variant fails
find_program(SYSPORT_DARWIN_PYTHON3 NAMES python3)

# The Darwin tables, once for both targets (labels tables, darwin):
#   tables/darwin/compile      freestanding C and C++; X-tables agree with their macros;
#                              the Darwin numbers the ABI is known by
#   tables/darwin/up-to-date   regenerated from $SYSPORT_XNU_SOURCE (a clone of XNU), SKIP
#                              without one
if(NOT TEST tables/darwin/compile)
  find_program(SYSPORT_DARWIN_HOST_CC NAMES gcc cc)
  find_program(SYSPORT_DARWIN_HOST_CXX NAMES g++ c++)
  add_test(NAME tables/darwin/compile
    COMMAND sh "${PROJECT_SOURCE_DIR}/tables/darwin/check-tables.sh" compile
            "${SYSPORT_DARWIN_HOST_CC}" "${SYSPORT_DARWIN_HOST_CXX}")
  set_tests_properties(tables/darwin/compile PROPERTIES LABELS "tables;darwin" TIMEOUT 120)
  add_test(NAME tables/darwin/up-to-date COMMAND sh "${PROJECT_SOURCE_DIR}/tables/darwin/check-tables.sh" up-to-date)
  set_tests_properties(tables/darwin/up-to-date PROPERTIES LABELS "tables;darwin" SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()

function(sysport_target_extras_darwin target build_dir built)
  set(checker "${PROJECT_SOURCE_DIR}/harness/darwin/check_macho.py")
  set(labels "${target};darwin;static-check")
  if(NOT built OR NOT SYSPORT_DARWIN_PYTHON3)
    if(NOT built)
      sysport_build_blocker(SP_TC why)
      set(why "${target} was not built: ${why}")
    else()
      set(why "python3 not found: apt-get install python3")
    endif()
    # A test that says why and reports SKIP, so the gap shows in ctest's summary.
    add_test(NAME ${target}/static-check COMMAND sh -c "echo \"SKIP: $1\"; exit 77" sh "${why}")
    set_tests_properties(${target}/static-check PROPERTIES LABELS "${labels}" SKIP_RETURN_CODE 77)
    return()
  endif()

  add_test(NAME ${target}/static-check
    COMMAND "${SYSPORT_DARWIN_PYTHON3}" "${checker}" --arch ${SP_TC_DARWIN_ARCH}
            --manifest "${build_dir}/manifest.json" --min-os ${SP_TC_DARWIN_MIN_OS})
  set_tests_properties(${target}/static-check PROPERTIES
    LABELS "${labels}" SKIP_RETURN_CODE 77 TIMEOUT 300)

  # The same broken builds the runner self-tests use (SYSPORT_SELFTESTS), checked statically:
  # <test name>|<variant>|<text a problem must contain>. The binaries come from the
  # variant's entry in the manifest, so which programs a variant breaks is said only once.
  set(catches
    "wrong-number|broken-syscall-number|is not a system call in XNU"
    "missing-carry-check|broken-error-convention|no carry-flag check after the trap")
  foreach(entry IN LISTS catches)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 what)
    list(GET parts 1 variant)
    list(GET parts 2 expect)
    add_test(NAME ${target}/static-check-catches-${what}
      COMMAND "${SYSPORT_DARWIN_PYTHON3}" "${checker}" --arch ${SP_TC_DARWIN_ARCH}
              --manifest "${build_dir}/manifest.json" --variant ${variant} --min-os ${SP_TC_DARWIN_MIN_OS}
              --expect-fail "${expect}")
    set_tests_properties(${target}/static-check-catches-${what} PROPERTIES
      LABELS "${labels};selftest" SKIP_RETURN_CODE 77 TIMEOUT 120)
  endforeach()

endfunction()
