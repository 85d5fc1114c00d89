# Darwin (macOS): Mach-O executables for arm64 and x86-64, cross-built with clang and
# ld64.lld against the project's libSystem stub (arch/darwin-common/libSystem.tbd).
#
#   raw    freestanding; traps through arch/darwin-<arch>/syscall.h with XNU's numbers; entry
#          arch/darwin-common/start.cc, which dyld (or sysport-darwin-run) calls through
#          LC_MAIN. Runs here under sysport-darwin-run and natively on a Mac.
#   libc   the same cases through libSystem (suites/backend_libc_darwin.cc). Built and
#          statically checked here; only a real Mac can run it.
#
# What macOS demands of an executable, and how each is met here (the static check,
# harness/darwin/check_macho.py, verifies every one on every binary):
#   - MH_EXECUTE with MH_PIE and MH_DYLDLINK: an arm64 binary must be dynamic and PIE, or the
#     kernel refuses it (bsd/kern/mach_loader.c: pie_required, static arm64 rejected). ld64.lld
#     links executables PIE by default.
#   - LC_LOAD_DYLINKER /usr/lib/dyld and LC_MAIN: dyld calls the entry; LC_UNIXTHREAD is for
#     static binaries. LC_LOAD_DYLIB libSystem: dyld refuses a main executable without it.
#   - LC_BUILD_VERSION (platform macos, minos SYSPORT_DARWIN_MIN_OS) and LC_UUID.
#   - LC_CODE_SIGNATURE on arm64: the kernel kills unsigned arm64 code. ld64.lld signs arm64
#     macOS output ad hoc by default (-adhoc_codesign), as Apple's ld64 does.
if(NOT EXISTS "${SP_ARCH_DIR}/syscall.h")
  message(FATAL_ERROR "no raw syscall layer for ${SYSPORT_TARGET}: ${SP_ARCH_DIR}/syscall.h is missing")
endif()
find_program(SP_DARWIN_LINKER NAMES ${SYSPORT_DARWIN_LINKER} REQUIRED)
set(SP_DARWIN_COMMON_DIR "${SP_ROOT}/arch/darwin-common")
set(SP_DARWIN_LIBSYSTEM "${SP_DARWIN_COMMON_DIR}/libSystem.tbd")

# No exceptions, RTTI or unwind tables: nothing in the cases needs them, and there is no C++
# runtime to link. -nostdinc++ because there are no C++ headers for Darwin here (and none are
# used); without it clang warns that it cannot find libstdc++'s.
set(SP_DARWIN_CXX_FLAGS -nostdinc++ -fno-exceptions -fno-rtti -fno-threadsafe-statics
  -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector)
set(SP_RAW_COMPILE_FLAGS -ffreestanding -fno-builtin ${SP_DARWIN_CXX_FLAGS} ${SYSPORT_RAW_FLAGS})
# clang hands ld64.lld the -platform_version it requires (LC_BUILD_VERSION) only when it
# believes the linker is an ld64 of version 520 or later; -mlinker-version says so.
set(SP_DARWIN_LINK_FLAGS -nostdlib -fuse-ld=lld "--ld-path=${SP_DARWIN_LINKER}" -mlinker-version=711
  "${SP_DARWIN_LIBSYSTEM}")

function(sp_raw_objects name)
  add_library(${name} OBJECT ${ARGN})
  target_include_directories(${name} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}" "${SP_ROOT}")
  target_compile_options(${name} PRIVATE ${SP_RAW_COMPILE_FLAGS} ${SP_WARNINGS}
    "-iquote${SP_ARCH_DIR}" ${SP_BREAK_DEFINES})
endfunction()

set(SP_RAW_SUPPORT "${SP_ROOT}/arch/common/freestanding.cc" "${SP_DARWIN_COMMON_DIR}/freestanding_darwin.cc")
sp_raw_objects(sp_raw_core backend_raw.cc sysport_common.cc ${SP_RAW_SUPPORT})
sp_raw_objects(sp_raw_entry "${SP_DARWIN_COMMON_DIR}/start.cc")
sp_unsupported_library(sp_unsupported_raw ${SP_RAW_COMPILE_FLAGS})
sp_unsupported_library(sp_unsupported_libc ${SP_DARWIN_CXX_FLAGS})

# sp_raw_executable(<exe> <output name> <source> <core objects> <output dir>)
function(sp_raw_executable exe out_name source core out_dir)
  add_executable(${exe} ${source} $<TARGET_OBJECTS:${core}> $<TARGET_OBJECTS:sp_raw_entry>)
  target_include_directories(${exe} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
  target_compile_options(${exe} PRIVATE ${SP_RAW_COMPILE_FLAGS} ${SP_WARNINGS})
  target_link_options(${exe} PRIVATE ${SP_DARWIN_LINK_FLAGS} -Wl,-e,_sp_darwin_start)
  target_link_libraries(${exe} PRIVATE sp_unsupported_raw)
  set_target_properties(${exe} PROPERTIES OUTPUT_NAME ${out_name}
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${out_dir}")
endfunction()

function(sp_libc_executable out_name source)
  set(exe libc-${out_name})
  add_executable(${exe} ${source} backend_libc_darwin.cc sysport_common.cc)
  target_include_directories(${exe} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}" "${SP_ROOT}")
  target_compile_options(${exe} PRIVATE ${SP_DARWIN_CXX_FLAGS} ${SP_WARNINGS} "-iquote${SP_ARCH_DIR}")
  # The entry is main, which dyld calls and whose return value it hands to exit().
  target_link_options(${exe} PRIVATE ${SP_DARWIN_LINK_FLAGS} -Wl,-e,_main)
  target_link_libraries(${exe} PRIVATE sp_unsupported_libc)
  set_target_properties(${exe} PROPERTIES OUTPUT_NAME ${out_name}
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/libc")
endfunction()

sp_manifest_backend(raw direct)
sp_manifest_backend(libc library)
foreach(program IN LISTS SP_PROGRAMS)
  string(REPLACE "=" ";" parts "${program}")
  list(GET parts 0 source)
  list(GET parts 1 name)
  sp_raw_executable(raw-${name} ${name} ${source}.cc sp_raw_core raw)
  sp_manifest_binary(raw ${name} "${CMAKE_BINARY_DIR}/raw/${name}")
endforeach()
foreach(program IN LISTS SP_PROGRAMS)
  string(REPLACE "=" ";" parts "${program}")
  list(GET parts 0 source)
  list(GET parts 1 name)
  sp_libc_executable(${name} ${source}.cc)
  sp_manifest_binary(libc ${name} "${CMAKE_BINARY_DIR}/libc/${name}")
endforeach()
if(NOT SYSPORT_RUNNER STREQUAL "native")
  sp_manifest_backend_unrunnable(libc
    "needs a real macOS kernel and libSystem: built and statically checked here, run natively by the macOS CI job")
endif()
# falloff is not built for Darwin: with LC_MAIN the entry is called by dyld, which passes a
# returned value to exit(), so an entry that returns does not crash on macOS (exit.json says
# so for darwin).

# ---- deliberately broken ABI builds, only to prove the harness catches them ---------------
# SP_SELFTESTS: VARIANT=DEFINE=CASE, as on Linux (see platform-linux.cmake).
foreach(spec IN LISTS SP_SELFTESTS)
  string(REPLACE "=" ";" parts "${spec}")
  list(GET parts 0 variant)
  list(GET parts 1 define)
  list(GET parts 2 case)
  set(SP_BREAK_DEFINES -D${define})
  sp_raw_objects(sp_raw_core_${variant} backend_raw.cc sysport_common.cc ${SP_RAW_SUPPORT})
  unset(SP_BREAK_DEFINES)
  sp_raw_executable(${variant}-${case} ${case} ${case}.cc sp_raw_core_${variant} ${variant})
  sp_manifest_variant(${variant} ${case} "${CMAKE_BINARY_DIR}/${variant}/${case}")
endforeach()
