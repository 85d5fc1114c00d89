# Windows: no raw system calls (NT renumbers them between builds: docs/windows.md). Two
# backends instead, each case and tool built once for each:
#   win32  kernel32 and nothing else: freestanding, the project's own entry point
#          (backend_win32.cc), linked against kernel32 alone. The "direct" path, first in
#          the manifest, that the other is compared with.
#   crt    the same sources against the C runtime (msvcrt.dll through mingw-w64's startup
#          code), as the Linux libc backend is against glibc.
# The toolchain family says how this target links (SYSPORT_WINDOWS_LINKER) and the record
# which backends it can build (SYSPORT_WINDOWS_BACKENDS, the record's windows.backends).
# The binaries are written to the manifest's directory; the static check (cmake/windows/static_check.py) reads them from the manifest and the list of
# kernel32 functions the win32 backend may import from suites/win32_kernel32.def itself.
set(SP_KERNEL32_DEF "${CMAKE_CURRENT_SOURCE_DIR}/win32_kernel32.def")
if(NOT SYSPORT_WINDOWS_BACKENDS)
  set(SYSPORT_WINDOWS_BACKENDS win32 crt)
endif()
if(NOT SYSPORT_WINDOWS_LINKER)
  set(SYSPORT_WINDOWS_LINKER gnu)
endif()

# CMake's Windows platform files add user32, gdi32, ole32 and others to every link: the
# binaries link what each backend names below and nothing by default.
set(CMAKE_C_STANDARD_LIBRARIES "")
set(CMAKE_CXX_STANDARD_LIBRARIES "")

# ---- win32: freestanding, kernel32 only ---------------------------------------------------
# As for the Linux raw backend: no exceptions, RTTI, unwind tables or stack protector, and
# no loops turned into memset/memcpy calls (arch/common/freestanding.cc provides those four).
# -mno-stack-arg-probe: frames above a page would otherwise call __chkstk from the C runtime.
set(SP_WIN32_COMPILE_FLAGS
  -ffreestanding -fno-builtin -fno-exceptions -fno-rtti -fno-threadsafe-statics
  -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector -mno-stack-arg-probe
  ${SYSPORT_WIN32_FLAGS})
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND SP_WIN32_COMPILE_FLAGS -fno-tree-loop-distribute-patterns)
endif()

if(SYSPORT_WINDOWS_LINKER STREQUAL "gnu")
  # mingw-w64's GNU ld, through the compiler driver, against mingw-w64's kernel32 import
  # library and nothing else (-nostdlib drops the C runtime, libgcc and the default DLLs).
  set(SP_WIN32_LINK_FLAGS -nostdlib -nostartfiles -Wl,--entry=sp_win32_start -Wl,--subsystem,console)
  set(SP_WIN32_LINK_LIBRARIES kernel32)
  set(SP_BAIT_LINK_LIBRARIES kernel32 ntdll)
elseif(SYSPORT_WINDOWS_LINKER STREQUAL "lld-link")
  # lld-link, against a kernel32 import library made here from win32_kernel32.def with
  # llvm-dlltool: the host has no Windows SDK, and the .def names exactly what we call.
  if(NOT SYSPORT_DLLTOOL OR NOT SYSPORT_DLLTOOL_MACHINE OR NOT SYSPORT_LLD_LINK)
    message(FATAL_ERROR "${SYSPORT_TARGET}: SYSPORT_DLLTOOL, SYSPORT_DLLTOOL_MACHINE and SYSPORT_LLD_LINK must be set for lld-link")
  endif()
  set(SP_KERNEL32_IMPLIB "${CMAKE_BINARY_DIR}/implib/kernel32.lib")
  set(SP_BAIT_IMPLIBS "${CMAKE_BINARY_DIR}/implib/bait-kernel32.lib" "${CMAKE_BINARY_DIR}/implib/bait-ntdll.lib")
  add_custom_command(OUTPUT "${SP_KERNEL32_IMPLIB}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/implib"
    COMMAND "${SYSPORT_DLLTOOL}" -m ${SYSPORT_DLLTOOL_MACHINE} -d "${SP_KERNEL32_DEF}" -l "${SP_KERNEL32_IMPLIB}"
    DEPENDS "${SP_KERNEL32_DEF}"
    COMMENT "kernel32 import library for ${SYSPORT_TARGET} from win32_kernel32.def")
  foreach(dll kernel32 ntdll)
    add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/implib/bait-${dll}.lib"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/implib"
      COMMAND "${SYSPORT_DLLTOOL}" -m ${SYSPORT_DLLTOOL_MACHINE}
              -d "${CMAKE_CURRENT_SOURCE_DIR}/win32_static_check_bait_${dll}.def" -l "${CMAKE_BINARY_DIR}/implib/bait-${dll}.lib"
      DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/win32_static_check_bait_${dll}.def"
      COMMENT "${dll} import library for ${SYSPORT_TARGET}'s static-check bait")
  endforeach()
  add_custom_target(sp_kernel32_implib DEPENDS "${SP_KERNEL32_IMPLIB}" ${SP_BAIT_IMPLIBS})
  set(SP_BAIT_LINK_LIBRARIES ${SP_BAIT_IMPLIBS})
  # The compiler driver only compiles; lld-link links, with the flags Windows linkers take.
  set(CMAKE_CXX_LINK_EXECUTABLE
    "${SYSPORT_LLD_LINK} /nologo /nodefaultlib /entry:sp_win32_start /subsystem:console /machine:${SYSPORT_LLD_MACHINE} /out:<TARGET> <OBJECTS> <LINK_LIBRARIES>")
  set(SP_WIN32_LINK_FLAGS "")
  set(SP_WIN32_LINK_LIBRARIES "${SP_KERNEL32_IMPLIB}")
else()
  message(FATAL_ERROR "${SYSPORT_TARGET}: unknown SYSPORT_WINDOWS_LINKER '${SYSPORT_WINDOWS_LINKER}' (gnu or lld-link)")
endif()

add_library(sp_win32_core OBJECT backend_win32.cc sysport_common.cc "${SP_ROOT}/arch/common/freestanding.cc")
target_include_directories(sp_win32_core PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
target_compile_options(sp_win32_core PRIVATE ${SP_WIN32_COMPILE_FLAGS} ${SP_WARNINGS})
sp_unsupported_library(sp_unsupported_win32 ${SP_WIN32_COMPILE_FLAGS})

function(sp_win32_executable name source)
  set(exe win32-${name})
  add_executable(${exe} ${source} $<TARGET_OBJECTS:sp_win32_core>)
  target_include_directories(${exe} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
  target_compile_options(${exe} PRIVATE ${SP_WIN32_COMPILE_FLAGS} ${SP_WARNINGS})
  target_link_options(${exe} PRIVATE ${SP_WIN32_LINK_FLAGS})
  # The defaults of the operations kernel32 does not have (CMakeLists.txt) before kernel32.
  target_link_libraries(${exe} PRIVATE sp_unsupported_win32 ${SP_WIN32_LINK_LIBRARIES})
  if(TARGET sp_kernel32_implib)
    add_dependencies(${exe} sp_kernel32_implib)
  endif()
  set_target_properties(${exe} PROPERTIES OUTPUT_NAME ${name} SUFFIX .exe
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/win32")
endfunction()

# ---- a binary that breaks every rule, for the static check's own test ---------------------
# Not in the manifest: nothing runs it. <target>/static-check-catches must see the check
# reject it (win32_static_check_bait.cc).
add_executable(sp-static-check-bait win32_static_check_bait.cc "${SP_ROOT}/arch/common/freestanding.cc")
target_compile_options(sp-static-check-bait PRIVATE ${SP_WIN32_COMPILE_FLAGS})
target_link_options(sp-static-check-bait PRIVATE ${SP_WIN32_LINK_FLAGS})
target_link_libraries(sp-static-check-bait PRIVATE ${SP_BAIT_LINK_LIBRARIES})
if(TARGET sp_kernel32_implib)
  add_dependencies(sp-static-check-bait sp_kernel32_implib)
endif()
set_target_properties(sp-static-check-bait PROPERTIES OUTPUT_NAME bait SUFFIX .exe
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/static-check-bait")

# ---- crt: the C runtime, as mingw-w64 links it ----------------------------------------------
if("crt" IN_LIST SYSPORT_WINDOWS_BACKENDS)
  sp_unsupported_library(sp_unsupported_crt -fno-exceptions -fno-rtti)
endif()
function(sp_crt_executable name source)
  set(exe crt-${name})
  add_executable(${exe} ${source} backend_crt.cc sysport_common.cc)
  target_include_directories(${exe} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
  # No exceptions or RTTI (the cases use neither): their tables would import GCC's C++
  # personality routine from libstdc++-6.dll, a DLL no Windows installation has.
  target_compile_options(${exe} PRIVATE -fno-exceptions -fno-rtti ${SP_WARNINGS})
  # Whatever GCC's own runtime is still needed is linked in, never imported from its DLLs:
  # the binaries must run with nothing but Windows's own DLLs next to them.
  target_link_options(${exe} PRIVATE -static-libgcc -static-libstdc++ -Wl,--subsystem,console)
  # The defaults of the operations the C runtime does not have (CMakeLists.txt).
  target_link_libraries(${exe} PRIVATE sp_unsupported_crt)
  set_target_properties(${exe} PROPERTIES OUTPUT_NAME ${name} SUFFIX .exe
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/crt")
endfunction()

foreach(backend IN LISTS SYSPORT_WINDOWS_BACKENDS)
  if(NOT backend MATCHES "^(win32|crt)$")
    message(FATAL_ERROR "${SYSPORT_TARGET}: unknown Windows backend '${backend}' in SYSPORT_WINDOWS_BACKENDS")
  endif()
  # kernel32 is the direct path: Windows has no stable system calls (docs/windows.md).
  if(backend STREQUAL "win32")
    sp_manifest_backend(win32 direct)
  else()
    sp_manifest_backend(${backend} library)
  endif()
  foreach(program IN LISTS SP_PROGRAMS)
    string(REPLACE "=" ";" parts "${program}")
    list(GET parts 0 source)
    list(GET parts 1 name)
    cmake_language(CALL sp_${backend}_executable ${name} ${source}.cc)
    sp_manifest_binary(${backend} ${name} "${CMAKE_BINARY_DIR}/${backend}/${name}.exe")
  endforeach()
endforeach()

# ---- how the harness runs them: Wine, headless, in this build's own prefix ------------------
if(SYSPORT_RUNNER STREQUAL "wine")
  # Created once per build by the CTest fixture (cmake/SysportOS-windows.cmake) or, when the
  # harness runs a cell on its own, by the same script as the harness's prepare step.
  sp_manifest_environment(WINEPREFIX "${CMAKE_BINARY_DIR}/wineprefix")
  # Wine's own diagnostics (fixme:, err:) would land in the transcripts' stderr.
  sp_manifest_environment(WINEDEBUG "-all")
  # Headless: no X display even on a desktop, no Mono or Gecko installer dialogs, and no
  # menu entries or file associations (winemenubuilder).
  sp_manifest_environment(DISPLAY "")
  sp_manifest_environment(WINEDLLOVERRIDES "mscoree,mshtml=;winemenubuilder.exe=d")
  # A home of the build's own: Wine links the prefix's user folders into $HOME and writes
  # its XDG files there; none of that may touch the real one.
  sp_manifest_environment(HOME "${CMAKE_BINARY_DIR}/wine-home")
endif()
