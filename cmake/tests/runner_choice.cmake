cmake_minimum_required(VERSION 3.20)
# The runner follows the host (arch/README.md, `run`): sysport_choose_runner on made-up
# records, for several hosts. Run by ctest as project/runner-choice:
#   cmake -DSOURCE_DIR=<source> -P cmake/tests/runner_choice.cmake
# The records here are fictional on purpose: the rule is tested, not today's targets.
include("${SOURCE_DIR}/cmake/SysportRecords.cmake")

set(failures 0)
macro(expect what actual expected)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(SEND_ERROR "${what}: got '${actual}', expected '${expected}'")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()

# choose(<run json> <host os> <host cpu>): T_RUNNER, T_EMULATOR, T_NEEDS, T_UNRUNNABLE.
macro(choose run host_os host_cpu)
  set(T_RUN "${run}")
  set(T_TARGET "test-target")
  set(T_RECORD "made-up.json")
  sysport_choose_runner(T "${host_os}" "${host_cpu}" "/build")
endmacro()

# A 32-bit target that a 64-bit kernel may run, and QEMU anywhere else on Linux.
set(compat [=[{
  "native_on": [{"os": "linux", "cpu": "i686"},
                {"os": "linux", "cpu": "x86_64", "needs": "32-bit support in the kernel"}],
  "emulator": {"kind": "qemu", "command": ["qemu-i386", "-L", "/usr/i686-linux-gnu"],
               "package": "qemu-user", "hosts": [{"os": "linux"}]}}]=])
choose("${compat}" linux i686)
expect("compat on its own CPU" "${T_RUNNER}|${T_EMULATOR}|${T_NEEDS}" "native||")
choose("${compat}" linux x86_64)
expect("compat on the 64-bit CPU" "${T_RUNNER}|${T_EMULATOR}|${T_NEEDS}" "native||32-bit support in the kernel")
choose("${compat}" linux aarch64)
expect("compat on another CPU" "${T_RUNNER}|${T_EMULATOR}|${T_NEEDS}" "qemu|qemu-i386;-L;/usr/i686-linux-gnu|")
expect("compat on another CPU: package" "${T_EMULATOR_PACKAGE}" "qemu-user")
choose("${compat}" darwin arm64)
expect("compat on another OS" "${T_RUNNER}" "none")
expect("compat on another OS: why" "${T_UNRUNNABLE}"
       "test-target cannot run on a darwin arm64 host: its record names no emulator for this host")

# An emulator that runs only on one CPU (Wine), and a reason for everywhere else.
set(wine [=[{
  "native_on": [{"os": "windows", "cpu": "AMD64"}],
  "emulator": {"kind": "wine", "command": ["wine"], "package": "wine", "hosts": [{"os": "linux", "cpu": "x86_64"}]},
  "elsewhere": "run it on Windows"}]=])
choose("${wine}" linux x86_64)
expect("wine on x86_64 Linux" "${T_RUNNER}|${T_EMULATOR}" "wine|wine")
choose("${wine}" linux aarch64)
expect("wine on arm64 Linux" "${T_RUNNER}|${T_UNRUNNABLE}" "none|test-target cannot run on a linux aarch64 host: run it on Windows")
choose("${wine}" windows AMD64)
expect("on its own OS" "${T_RUNNER}|${T_EMULATOR}" "native|")

# An emulator the project builds itself: its path is the host build's.
set(own [=[{
  "native_on": [{"os": "darwin", "cpu": "arm64"}],
  "emulator": {"kind": "emulated", "command": ["@HOST_BINARY_DIR@/emu"], "package": "libunicorn-dev",
               "hosts": [{"os": "linux"}]}}]=])
choose("${own}" linux riscv64)
expect("the project's own emulator" "${T_RUNNER}|${T_EMULATOR}" "emulated|/build/emu")
choose("${own}" darwin arm64)
expect("native on a Mac" "${T_RUNNER}|${T_EMULATOR}" "native|")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} runner choices were wrong")
endif()
message(STATUS "every runner choice as expected")
