#!/usr/bin/env python3
"""Static check of a Windows target's binaries: they reach Windows through kernel32 (and,
for the crt backend, the C runtime) and never through a system call of their own.

Windows has no stable system call interface: NT renumbers its calls between builds
(docs/windows.md), so a binary that traps into the kernel itself, or that imports ntdll's
Nt* stubs, works on the build it was tested on and breaks on the next. For every binary of
the target's manifest this checks, with LLVM's tools:

  - the machine and subsystem in the PE header are the target's (a console program);
  - its import table (llvm-readobj --coff-imports):
      win32  imports from KERNEL32.dll alone, only functions listed in
             suites/win32_kernel32.def, and at least those its case cannot work without;
      crt    imports from msvcrt.dll and KERNEL32.dll alone, and the C runtime functions
             its case goes through;
      every binary: nothing from ntdll.dll;
  - its disassembly (llvm-objdump -d, every executable section) holds no system call
    instruction: syscall, sysenter or int N on x86-64 (int 0x2e is NT's old gate, int 0x80
    Linux's), svc on arm64.

Usage:
  static_check.py --machine M --manifest targets/<t>/manifest.json --def suites/win32_kernel32.def
  static_check.py --machine M --def ... --backend win32 --program NAME --binary EXE \\
                  --expect-violation TEXT [--expect-violation TEXT ...]
The second form is the check's own test: EXE was built to break the rules, and the check
passes only if it rejects EXE with every TEXT in its report.

Exit status: 0 pass, 1 a violation (or, with --expect-violation, one not caught), 77 the
LLVM tools are missing (the message says what to install), 2 bad usage.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys

# The PE machine comes from the target's record (windows.machine, as llvm-readobj names it,
# passed with --machine); every binary is a console program.
CONSOLE = "IMAGE_SUBSYSTEM_WINDOWS_CUI"

# Instructions that enter the kernel directly, by the disassembler's mnemonic.
TRAPS = {
    "IMAGE_FILE_MACHINE_AMD64": {"syscall", "sysenter", "int"},
    "IMAGE_FILE_MACHINE_ARM64": {"svc"},
}

KERNEL32 = "kernel32.dll"
CRT = "msvcrt.dll"
NTDLL = "ntdll.dll"

# What each program cannot work without, by backend: (DLL, function) pairs. Every program
# writes its transcript and ends; the rest follows from the case's calls
# (suites/backend_win32.cc and backend_crt.cc say which portable call becomes which).
_WIN32_COMMON = {"GetCommandLineA", "GetStdHandle", "WriteFile", "ExitProcess"}
_KILL = {"OpenProcess", "TerminateProcess", "WaitForSingleObject", "GetExitCodeProcess"}
REQUIRED = {
    "win32": {
        None: {(KERNEL32, f) for f in _WIN32_COMMON},
        "exit": {(KERNEL32, "ExitThread")},
        "getpid": {(KERNEL32, f) for f in ("GetCurrentProcessId", "CreateToolhelp32Snapshot",
                                           "Process32First", "Process32Next")},
        "kill": {(KERNEL32, f) for f in _KILL | {"GetCurrentProcessId", "Sleep", "GetLastError"}},
        "sp-kill": {(KERNEL32, f) for f in _KILL | {"GetLastError"}},
        "mkdir": {(KERNEL32, f) for f in ("CreateDirectoryA", "RemoveDirectoryA", "CreateFileA",
                                          "CloseHandle", "GetLastError")},
        "files": {(KERNEL32, f) for f in ("CreateFileA", "ReadFile", "CloseHandle", "DeleteFileA",
                                          "CreateDirectoryA", "RemoveDirectoryA",
                                          "GetFileInformationByHandle", "GetLastError")},
    },
    "crt": {
        None: {(CRT, "_write"), (CRT, "_setmode"), (CRT, "exit")},
        "exit": {(CRT, "_endthreadex")},
        "getpid": {(CRT, "_getpid"), (KERNEL32, "GetCurrentProcessId")},
        # The CRT has no kill: the crt backend leaves it unimplemented and those runs SKIP.
        "mkdir": {(CRT, f) for f in ("_mkdir", "_rmdir", "_open", "_close")},
        "files": {(CRT, f) for f in ("_open", "_read", "_close", "_unlink", "_mkdir", "_rmdir")},
    },
}
ALLOWED_DLLS = {"win32": {KERNEL32}, "crt": {KERNEL32, CRT}}


class ToolMissing(Exception):
    pass


def tool(name):
    path = shutil.which(name)
    if not path:
        raise ToolMissing(f"{name} not found: apt-get install llvm-14")
    return path


def run(argv):
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed (exit {done.returncode}): {done.stderr.strip()}")
    return done.stdout


def read_def(path):
    """The EXPORTS of a module-definition file: the kernel32 functions win32 may import."""
    names, in_exports = set(), False
    with open(path) as f:
        for line in f:
            line = line.split(";", 1)[0].strip()
            if not line:
                continue
            if line.upper() == "EXPORTS":
                in_exports = True
            elif in_exports:
                names.add(line.split()[0])
    if not names:
        raise RuntimeError(f"{path}: no EXPORTS")
    return names


def headers(readobj, exe):
    text = run([readobj, "--file-headers", exe])
    machine = re.search(r"Machine: (\S+)", text)
    subsystem = re.search(r"Subsystem: (\S+)", text)
    return (machine.group(1) if machine else "?", subsystem.group(1) if subsystem else "?")


# DLL names as the checks spell them (the import table's spelling varies: KERNEL32.dll).
DISPLAY = {KERNEL32: "KERNEL32.dll", CRT: "msvcrt.dll", NTDLL: "ntdll.dll"}


def shown(dll):
    return DISPLAY.get(dll, dll)


def imports(readobj, exe):
    """{dll (lower case): {function, ...}} from the import table."""
    found, dll = {}, None
    for line in run([readobj, "--coff-imports", exe]).splitlines():
        line = line.strip()
        m = re.match(r"Name: (\S+)", line)
        if m:
            dll = m.group(1).lower()
            found.setdefault(dll, set())
            DISPLAY.setdefault(dll, m.group(1))
            continue
        m = re.match(r"Symbol: (\S+)", line)
        if m and dll:
            found[dll].add(m.group(1))
    return found


def traps(objdump, exe, forbidden):
    """(instruction count, [(address, function, instruction)]) for every forbidden one."""
    hits, count, function = [], 0, "?"
    for line in run([objdump, "-d", "--no-show-raw-insn", exe]).splitlines():
        m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
        if m:
            function = m.group(1)
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+(\S+)(.*)$", line)
        if not m:
            continue
        count += 1
        mnemonic = m.group(2).lower()
        if mnemonic in forbidden:
            hits.append((m.group(1), function, (mnemonic + m.group(3)).strip()))
    return count, hits


def check(exe, want, backend, program, allowed_kernel32, tools):
    """The problems found in one binary (empty: it passes) and a one-line summary; `want` is
    the PE machine the target's record names."""
    readobj, objdump = tools
    problems = []
    machine, subsystem = headers(readobj, exe)
    if machine != want:
        problems.append(f"machine is {machine}, not {want}")
    if subsystem != CONSOLE:
        problems.append(f"subsystem is {subsystem}, not {CONSOLE} (a console program)")

    table = imports(readobj, exe)
    for dll in sorted(table):
        if dll == NTDLL:
            problems.append(f"imports from ntdll.dll ({', '.join(sorted(table[dll]))}): the Nt* calls are "
                            "the unstable system call layer itself")
        elif dll not in ALLOWED_DLLS[backend]:
            problems.append(f"imports from {shown(dll)} ({', '.join(sorted(table[dll]))}); the {backend} backend "
                            f"may import only from {', '.join(shown(d) for d in sorted(ALLOWED_DLLS[backend]))}")
    if backend == "win32":
        extra = table.get(KERNEL32, set()) - allowed_kernel32
        if extra:
            problems.append(f"imports {', '.join(sorted(extra))} from KERNEL32.dll, which "
                            "suites/win32_kernel32.def does not list")
    required = REQUIRED[backend][None] | REQUIRED[backend].get(program, set())
    missing = sorted(f"{shown(dll)}!{f}" for dll, f in required if f not in table.get(dll, set()))
    if missing:
        problems.append(f"does not import {', '.join(missing)}: the {program} case goes through "
                        f"{'them' if len(missing) > 1 else 'it'}, so its calls must be going somewhere else")

    count, hits = traps(objdump, exe, TRAPS[want])
    if count == 0:
        problems.append("the disassembly holds no instructions at all: nothing was checked")
    for address, function, instruction in hits[:10]:
        problems.append(f"system call instruction `{instruction}` at 0x{address} in {function}")
    if len(hits) > 10:
        problems.append(f"... and {len(hits) - 10} more system call instructions")

    summary = "; ".join(f"{len(fs)} functions from {shown(dll)}" for dll, fs in sorted(table.items()))
    summary += f"; {count} instructions, none a system call"
    return problems, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", help="a Windows target's manifest.json: check all its binaries")
    parser.add_argument("--def", dest="def_file", required=True, help="suites/win32_kernel32.def")
    parser.add_argument("--readobj", default="llvm-readobj-14")
    parser.add_argument("--objdump", default="llvm-objdump-14")
    parser.add_argument("--machine", required=True,
                        help="the PE machine the target's binaries must have (its record's windows.machine)")
    parser.add_argument("--backend", choices=["win32", "crt"], help="with --binary")
    parser.add_argument("--program", default="", help="with --binary: the case or tool it is")
    parser.add_argument("--binary", help="check this one binary instead of a manifest's")
    parser.add_argument("--expect-violation", action="append", default=[],
                        help="with --binary: the check must reject it, reporting this text")
    args = parser.parse_args()

    try:
        tools = (tool(args.readobj), tool(args.objdump))
    except ToolMissing as e:
        print(f"static check: {e}")
        return 77
    allowed = read_def(args.def_file)

    if args.binary:
        if not args.backend:
            parser.error("--binary needs --backend")
        problems, _ = check(args.binary, args.machine, args.backend, args.program, allowed, tools)
        report = "\n".join(problems)
        for p in problems:
            print(f"  {args.binary}: {p}")
        uncaught = [t for t in args.expect_violation if t not in report]
        if not args.expect_violation:
            return 1 if problems else 0
        if uncaught:
            print(f"NOT CAUGHT: the check should reject {args.binary} for: " + "; ".join(uncaught))
            return 1
        print(f"as expected: {args.binary} is rejected for " + "; ".join(args.expect_violation))
        return 0

    if not args.manifest:
        parser.error("give --manifest, or --binary with --backend")
    with open(args.manifest) as f:
        manifest = json.load(f)
    target = manifest["target"]
    failed = checked = 0
    for backend, binaries in manifest["binaries"].items():
        if backend not in REQUIRED:
            print(f"FAIL {backend}: not a Windows backend this check knows (win32, crt)")
            failed += 1
            continue
        for program, exe in sorted(binaries.items()):
            checked += 1
            problems, summary = check(exe, args.machine, backend, program, allowed, tools)
            if problems:
                failed += 1
                print(f"FAIL {backend}/{program}")
                for p in problems:
                    print(f"     {p}")
            else:
                print(f"ok   {backend}/{program}: {summary}")
    if checked == 0:
        print(f"FAIL {args.manifest} lists no binaries: nothing was checked")
        return 1
    print(f"{target}: {checked - failed} of {checked} binaries pass the static check")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, OSError, json.JSONDecodeError, KeyError) as e:
        print(f"static check: {e}")
        sys.exit(1)
