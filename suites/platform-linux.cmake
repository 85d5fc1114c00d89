# Linux: the raw backend (freestanding, the project's own entry point and trap layer from
# arch/<target>/) and the libc backend (the same sources against the target's static glibc).
if(NOT EXISTS "${SP_ARCH_DIR}/syscall.h")
  message(FATAL_ERROR "no raw syscall layer for ${SYSPORT_TARGET}: ${SP_ARCH_DIR}/syscall.h is missing")
endif()

# ---- raw: freestanding, no C library, the project's own entry point ----------------------
# -fno-tree-loop-distribute-patterns keeps GCC from turning arch/common/freestanding.cc's
# loops back into memset/memcpy calls; -fno-threadsafe-statics avoids __cxa_guard_*.
set(SP_RAW_COMPILE_FLAGS
  -ffreestanding -fno-builtin -fno-exceptions -fno-rtti -fno-threadsafe-statics
  -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector
  -fno-tree-loop-distribute-patterns -fno-pie ${SYSPORT_RAW_FLAGS})
# The entry is named explicitly: MIPS ld would otherwise look for __start and, not
# finding it, silently start at the beginning of .text.
set(SP_RAW_LINK_FLAGS -nostdlib -static -no-pie -Wl,--entry=_start ${SYSPORT_RAW_FLAGS})

function(sp_raw_objects name)
  # ARGN: sources; every raw object shares include paths and flags.
  add_library(${name} OBJECT ${ARGN})
  target_include_directories(${name} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}" "${SP_ROOT}")
  target_compile_options(${name} PRIVATE ${SP_RAW_COMPILE_FLAGS} ${SP_WARNINGS}
    "-iquote${SP_ARCH_DIR}" ${SP_BREAK_DEFINES})
endfunction()

sp_raw_objects(sp_raw_core backend_raw.cc sysport_common.cc "${SP_ROOT}/arch/common/freestanding.cc")
sp_raw_objects(sp_raw_entry "${SP_ARCH_DIR}/start.S" "${SP_ROOT}/arch/common/start.cc")
sp_unsupported_library(sp_unsupported_raw ${SP_RAW_COMPILE_FLAGS})

# sp_raw_executable(<exe> <output name> <source> <core objects> <with entry> <output dir>)
function(sp_raw_executable exe out_name source core with_entry out_dir)
  add_executable(${exe} ${source} $<TARGET_OBJECTS:${core}>)
  if(with_entry)
    target_sources(${exe} PRIVATE $<TARGET_OBJECTS:sp_raw_entry>)
  endif()
  target_include_directories(${exe} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
  target_compile_options(${exe} PRIVATE ${SP_RAW_COMPILE_FLAGS} ${SP_WARNINGS})
  target_link_options(${exe} PRIVATE ${SP_RAW_LINK_FLAGS})
  # The defaults of the operations the backend does not implement (CMakeLists.txt), then
  # libgcc, which supplies the arithmetic helpers some targets call (64-bit division on
  # i386, __aeabi_* on ARM); it needs nothing from a C library.
  target_link_libraries(${exe} PRIVATE sp_unsupported_raw gcc)
  set_target_properties(${exe} PROPERTIES OUTPUT_NAME ${out_name}
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${out_dir}")
endfunction()

# ---- libc: the same sources against the target's glibc, static --------------------------
sp_unsupported_library(sp_unsupported_libc)
function(sp_libc_executable out_name source)
  set(exe libc-${out_name})
  add_executable(${exe} ${source} backend_libc.cc sysport_common.cc)
  target_include_directories(${exe} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}" "${SP_ROOT}")
  target_compile_options(${exe} PRIVATE ${SP_WARNINGS} "-iquote${SP_ARCH_DIR}")
  target_link_options(${exe} PRIVATE -static)
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
  sp_raw_executable(raw-${name} ${name} ${source}.cc sp_raw_core TRUE raw)
  sp_manifest_binary(raw ${name} "${CMAKE_BINARY_DIR}/raw/${name}")
endforeach()
foreach(program IN LISTS SP_PROGRAMS)
  string(REPLACE "=" ";" parts "${program}")
  list(GET parts 0 source)
  list(GET parts 1 name)
  sp_libc_executable(${name} ${source}.cc)
  sp_manifest_binary(libc ${name} "${CMAKE_BINARY_DIR}/libc/${name}")
endforeach()
# falloff has its own entry point, so it links without the project's _start.
sp_raw_executable(raw-falloff falloff falloff.cc sp_raw_core FALSE raw)
sp_manifest_binary(raw falloff "${CMAKE_BINARY_DIR}/raw/falloff")

# ---- deliberately broken ABI builds, only to prove the harness catches them ---------------
# SP_SELFTESTS (the record's self-tests): VARIANT=DEFINE=CASE, e.g.
# broken-arg-register=SP_BREAK_ARG_REGISTER=mkdir: build raw/<case> again with -D<DEFINE>.
foreach(spec IN LISTS SP_SELFTESTS)
  string(REPLACE "=" ";" parts "${spec}")
  list(GET parts 0 variant)
  list(GET parts 1 define)
  list(GET parts 2 case)
  set(SP_BREAK_DEFINES -D${define})
  sp_raw_objects(sp_raw_core_${variant} backend_raw.cc sysport_common.cc "${SP_ROOT}/arch/common/freestanding.cc")
  unset(SP_BREAK_DEFINES)
  sp_raw_executable(${variant}-${case} ${case} ${case}.cc sp_raw_core_${variant} TRUE ${variant})
  sp_manifest_variant(${variant} ${case} "${CMAKE_BINARY_DIR}/${variant}/${case}")
endforeach()
