#!/usr/bin/env python3
"""Checks in the disassembly that every raw rung of sp-bench traps inside its timing loop.

A rung is only worth its number if the trap executes once per iteration. A compiler may
legally move a trap it believes pure out of the loop (then the loop times nothing) or drop
it when its result is unused; the raw layer prevents both with `asm volatile` and a memory
clobber, and the ladder keeps every result alive. This looks at what the compiler made:
for each rung function (sp_gb_<rung> for Google Benchmark, sp_own_<rung> for the own loop)
every trap instruction must lie inside a loop, i.e. a later instruction of the same function
branches back to it or before it, and there must be at least one trap.

  check_disasm.py --manifest build/bench/build/<target>/bench-manifest.json
  check_disasm.py --record arch/<target>/target.json --objdump objdump --binary F [--expect-broken]
  check_disasm.py --trap-pattern REGEX [--os linux] --objdump objdump --binary F

The trap instruction is the target's record's "trap_pattern" (arch/README.md): a regular
expression matching it as objdump prints it, mnemonic and operands. The manifest names the
record; --trap-pattern overrides it.

--expect-broken inverts the verdict: used on deliberately broken rungs (bench/tests/) to
prove the check notices a hoisted or deleted trap. Exit status 0 = as expected.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

# The rungs whose loop body is the project's raw layer (Darwin's ladder has only the calls
# the project's Darwin emulator carries out), and the hand-written loop.
RAW_RUNGS = {"linux": ["raw_clock_gettime", "raw_enosys", "raw_getpid", "raw_getppid"],
             "darwin": ["raw_getpid", "raw_getppid"]}
ASM_FUNCTIONS = ["sp_bare_getppid_loop"]

LINE = re.compile(r"^\s*([0-9a-f]+):\s+(.*)$")
# GNU objdump prints a branch target as "401136 <f+0x16>", llvm-objdump as "0x401136 <f+0x16>".
BRANCH_TARGET = re.compile(r"(?:\b0x|\b)([0-9a-f]+)\s+<[^>]*>")


FUNCTION = re.compile(r"^[0-9a-f]+ <(.+)>:$")


def disassemble(objdump, binary, wanted):
    """{function: [(address, instruction text)]} of the functions named in `wanted` that the
    binary holds, from one objdump pass over the whole binary."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", binary], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"check_disasm: {objdump} failed on {binary}: {out.stderr.strip()}")
    functions = {}
    instructions = None
    for line in out.stdout.splitlines():
        if line.endswith(">:"):
            m = FUNCTION.match(line)
            if m:
                instructions = functions.setdefault(m.group(1), []) if m.group(1) in wanted else None
                continue
        if instructions is not None:
            m = LINE.match(line)
            if m:
                instructions.append((int(m.group(1), 16), m.group(2).strip()))
            elif line.strip() == "" and instructions:
                instructions = None
    return functions


def without_comment(text):
    """The instruction without objdump's trailing comment (x86 '# ', arm '@ ', aarch64 '// ')."""
    return re.sub(r"\s+(#|@|//)\s.*$", "", text).strip()


def verdict(instructions, trap_re):
    """(ok, explanation) for one function."""
    if not instructions:
        return False, "not in the binary"
    start = instructions[0][0]
    traps = [a for a, text in instructions if re.match(trap_re, without_comment(text))]
    if not traps:
        return False, "no trap instruction: the call was deleted or moved out of the function"
    # Backward branches: (from, to) with the target inside this function.
    back = []
    for address, text in instructions:
        for m in BRANCH_TARGET.finditer(text):
            target = int(m.group(1), 16)
            if start <= target <= address:
                back.append((address, target))
    outside = [t for t in traps if not any(target <= t < source for source, target in back)]
    if outside:
        where = ", ".join(hex(t) for t in outside)
        return False, f"trap at {where} is outside every loop: hoisted out of the timed loop"
    loops = ", ".join(f"{hex(t)}..{hex(s)}" for s, t in back if any(t <= x < s for x in traps))
    return True, f"{len(traps)} trap(s) inside the loop {loops}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", help="bench-manifest.json of one target's ladder build")
    ap.add_argument("--record", help="the target's record (arch/<target>/target.json)")
    ap.add_argument("--trap-pattern", help="the trap instruction's regex (default: the record's)")
    ap.add_argument("--os", help="linux or darwin (default: the manifest's or the record's)")
    ap.add_argument("--objdump")
    ap.add_argument("--binary")
    ap.add_argument("--rungs", help="comma-separated rungs (default: every raw rung)")
    ap.add_argument("--expect-broken", action="store_true",
                    help="succeed only if every checked function fails the check")
    args = ap.parse_args()
    name = None
    if args.manifest:
        with open(args.manifest) as f:
            manifest = json.load(f)
        name = manifest["target"]
        args.record = args.record or manifest.get("record")
        args.os = args.os or manifest["os"]
        args.objdump = args.objdump or manifest["objdump"]
        args.binary = args.binary or manifest["binary"]
        if not (args.record or args.trap_pattern):
            sys.exit(f"check_disasm: {args.manifest} names no record (a ladder configured before "
                     "the manifest carried one: build the ladder again)")
    if args.record:
        try:
            record = json.loads(Path(args.record).read_text())
        except (OSError, ValueError) as e:
            sys.exit(f"check_disasm: cannot read the record {args.record}: {e}")
        name = name or record.get("target")
        args.os = args.os or record.get("os")
        if not args.trap_pattern:
            args.trap_pattern = record.get("trap_pattern")
            if not args.trap_pattern:
                sys.exit(f"check_disasm: {args.record} has no trap_pattern (arch/README.md)")
    if not (args.trap_pattern and args.objdump and args.binary):
        ap.error("give --manifest, or --record (or --trap-pattern), --objdump and --binary")
    trap_re = args.trap_pattern
    os_name = args.os or "linux"
    if os_name not in RAW_RUNGS:
        sys.exit(f"check_disasm: no bench ladder for {os_name} targets")
    name = name or "trap"

    prefix = "_" if os_name == "darwin" else ""  # Mach-O symbols carry a leading underscore
    rungs = args.rungs.split(",") if args.rungs else RAW_RUNGS[os_name]
    own = [f"{prefix}sp_own_{rung}" for rung in rungs]
    gb = [f"{prefix}sp_gb_{rung}" for rung in rungs]
    asm = [] if args.expect_broken else [prefix + f for f in ASM_FUNCTIONS]
    disassembly = disassemble(args.objdump, args.binary, set(own + gb + asm))
    # The sp_gb_ functions exist only where Google Benchmark is linked.
    functions = [f for pair in zip(own, gb) for f in pair if f in own or disassembly.get(f)] + asm

    failed = 0
    for fn in functions:
        ok, why = verdict(disassembly.get(fn, []), trap_re)
        print(f"{'ok  ' if ok else 'FAIL'} {name} {fn}: {why}")
        failed += not ok
    if args.expect_broken:
        if failed == len(functions):
            print(f"as expected: the check rejects all {failed} deliberately broken rung(s)")
            return 0
        print(f"check_disasm: {len(functions) - failed} deliberately broken rung(s) passed the check",
              file=sys.stderr)
        return 1
    if failed:
        print(f"check_disasm: {failed} of {len(functions)} function(s) do not trap inside their loop",
              file=sys.stderr)
        return 1
    print(f"all {len(functions)} function(s) trap inside their loop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
