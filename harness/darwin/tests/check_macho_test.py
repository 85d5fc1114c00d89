#!/usr/bin/env python3
"""Unit tests of check_macho.py, the static check of the Darwin binaries: the trap checks on
made-up disassembly, and the command line's answers when there is nothing (or nothing
there) to check. Python 3 standard library; the command-line tests skip without
llvm-objdump-14 (the checker itself then answers 77)."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(os.path.dirname(HERE), "check_macho.py")
sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(HERE))
import check_macho  # noqa: E402

SYSCALLS = check_macho.load_syscall_table(os.path.join(check_macho.ROOT, "tables", "darwin"))
GETPID = 0x2000000 + 20


def x86_trap_then(*after):
    """`mov $getpid, %eax; syscall` followed by the given mnemonics, as disassemble() gives them."""
    insns = [("_f", 0x1000, "movl", f"${GETPID:#x}, %eax"), ("_f", 0x1005, "syscall", "")]
    return insns + [("_f", 0x1007 + i, m, "%rcx, %rcx") for i, m in enumerate(after)]


def carry_problems(insns):
    problems, calls, _ = check_macho.check_traps_x86_64(insns, SYSCALLS)
    assert calls == ["getpid(20)"], calls
    return [p for p in problems if "no carry-flag check" in p]


class X86CarryCheck(unittest.TestCase):
    def test_suffixed_mnemonics_llvm_objdump_prints_count_as_carry_checks(self):
        # llvm-objdump-14 prints the operand size: sbbq, cmovbq, adcl. Stripping every trailing
        # b/w/l/q once turned sbbq into "s" and cmovbq into "cmov", and both were reported.
        for mnemonic in ("sbbq", "sbbl", "cmovbq", "cmovael", "cmovcw", "adcq", "adcb", "jb", "jae", "setb", "sbb"):
            self.assertEqual(carry_problems(x86_trap_then(mnemonic)), [], mnemonic)

    def test_a_trap_without_a_carry_consumer_is_reported(self):
        for after in (("movq",), ("cmovaq",), ("sq",), ("retq",), ("movq", "movq", "sbbq")):
            problems = carry_problems(x86_trap_then(*after))
            self.assertEqual(len(problems), 1, after)
            self.assertIn("_f+0x5 (0x1005): no carry-flag check after the trap", problems[0])


class CommandLine(unittest.TestCase):
    def run_checker(self, *args):
        out = subprocess.run([sys.executable, CHECKER, "--arch", "x86_64", *args],
                             capture_output=True, text=True)
        if out.returncode == 77:
            self.skipTest(out.stdout.strip())
        return out

    def manifest(self, content):
        f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(content, f)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_a_missing_binary_is_a_usage_error_not_a_caught_failure(self):
        missing = os.path.join(tempfile.gettempdir(), "sysport-no-such-binary")
        out = self.run_checker("--binary", missing, "--expect-fail", "missing")
        self.assertEqual(out.returncode, 2, out.stdout + out.stderr)
        self.assertIn(f"missing binary {missing}", out.stderr)
        self.assertNotIn("as expected", out.stdout)

    def test_a_manifest_listing_a_missing_binary_is_a_usage_error(self):
        missing = os.path.join(tempfile.gettempdir(), "sysport-no-such-binary")
        out = self.run_checker("--manifest", self.manifest({"binaries": {"raw": {"getpid": missing}}}))
        self.assertEqual(out.returncode, 2, out.stdout + out.stderr)
        self.assertIn(f"missing binary {missing}", out.stderr)

    def test_a_manifest_with_no_binaries_fails(self):
        out = self.run_checker("--manifest", self.manifest({"binaries": {"raw": {}, "libc": {}}}))
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("lists no binaries: nothing was checked", out.stdout)
        self.assertNotIn("0 of 0", out.stdout)

    def test_a_variant_with_no_binaries_fails_even_when_a_failure_is_expected(self):
        out = self.run_checker("--manifest", self.manifest({"binaries": {}, "variants": {"broken": {}}}),
                               "--variant", "broken", "--expect-fail", "anything")
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("lists no binaries for variant broken", out.stdout)

    def test_an_unknown_variant_is_a_usage_error(self):
        out = self.run_checker("--manifest", self.manifest({"binaries": {}, "variants": {"broken": {}}}),
                               "--variant", "other", "--expect-fail", "anything")
        self.assertEqual(out.returncode, 2, out.stdout + out.stderr)
        self.assertIn("has no variant 'other' (it has ['broken'])", out.stderr)


if __name__ == "__main__":
    unittest.main()
