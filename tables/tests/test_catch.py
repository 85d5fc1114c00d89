"""Each of the three checks catches a deliberately wrong entry, and passes the right one:

  HeaderCheckCatches      the headers comparison (check-headers.py and `check --entry`)
  ConsistencyCatches      the consistency rules (`consistency` and `check --entry`)
  ProbeCatchesNative      the probe, on the host kernel
  ProbeCatchesEmulated    the probe, under QEMU

Each test runs the real command line on a broken copy of the tables (or a wrong entry) and on
the correct one, so it fails if a check stops catching, and also if it starts crying wolf."""
import sys
import unittest

from sptables import headers, model

from .support import (BrokenTables, CHECK_HEADERS, LINUX, emulated_record, have,
                      native_record, run, target_ready, tool)


class HeaderCheckCatches(unittest.TestCase):
    CC = "x86_64-linux-gnu-gcc"

    def setUp(self):
        if not have(self.CC):
            self.skipTest("%s not installed: apt-get install gcc-x86-64-linux-gnu" % self.CC)

    def headers(self, tables_dir):
        return run([sys.executable, CHECK_HEADERS, "--abi", "x86_64", "--cc", self.CC,
                    "--tables", tables_dir])

    def test_table_entry_one_off(self):
        with BrokenTables([("x86_64", "openat", 258)]) as b:
            status, out, _ = self.headers(b.dir)
            self.assertEqual(status, 1, out)
            self.assertIn("error: syscall openat: tables 258, <asm/unistd.h> 257", out)
            self.assertIn("1 errors", out)
        status, out, _ = self.headers(LINUX)
        self.assertEqual(status, 0, out)

    def test_user_entry(self):
        status, out, _ = tool("check", "--no-probe", "--entry", "x86_64:openat=258")
        self.assertEqual(status, 1, out)
        self.assertIn("contradicts headers (expected 257)", out)
        status, out, _ = tool("check", "--no-probe", "--entry", "x86_64:openat=257")
        self.assertEqual(status, 0, out)
        # The verdict names the target whose record uses the x86_64 table, if one does.
        self.assertIn("verdict  %s: matches headers"
                      % (model.Tables().targets("x86_64") or ["x86_64"])[0], out)


class ConsistencyCatches(unittest.TestCase):
    def test_table_entry(self):
        with BrokenTables([("mips-n64", "pidfd_open", 434)]) as b:
            status, out, _ = tool("--tables", b.dir, "consistency")
            self.assertEqual(status, 1, out)
            self.assertIn("error: mips-n64: pidfd_open = 434: shared numbering:", out)
            self.assertIn("so 5434 on mips-n64 (offset 5000), not 434", out)
            self.assertIn(": 1 error", out)
        status, out, _ = tool("consistency")
        self.assertEqual(status, 0, out)
        self.assertIn(": 0 errors", out)

    def test_user_entry(self):
        # The example: mseal is newer than the 6.1 tables and headers.
        status, out, _ = tool("check", "--no-probe", "--entry", "mips-n64:mseal=462")
        self.assertEqual(status, 1, out)
        self.assertIn("inconsistent with the shared numbering (expected 5462)", out)
        status, out, _ = tool("check", "--no-probe", "--entry", "aarch64:mseal=462")
        self.assertEqual(status, 0, out)
        self.assertIn("consistent: 462 = asm-generic 462 + 0", out)
        try:
            headers.read(model.Tables().abis["arm64"])  # the cross compiler's, or bare headers
            self.assertIn("unknown to these headers but consistent with the shared numbering", out)
        except headers.NoHeaders:
            self.assertIn("no headers to compare with, consistent with the shared numbering", out)


class ProbeCatches:
    """RECORD() picks the target from the records: TARGET, its ABI, FREE (a number its table
    leaves unused: 600 past the ABI's offset), BY (who answers ENOSYS)."""
    RECORD = None
    BY = None

    def setUp(self):
        rec = type(self).RECORD()
        if rec is None:
            self.skipTest("no target's record fits this test on this host")
        self.TARGET, self.ABI = rec.name, rec.abi
        self.FREE = model.Tables().abis[rec.abi].offset + 600
        why = target_ready(self.TARGET)
        if why:
            self.skipTest(why)

    def test_table_entry(self):
        # getpid moved to a free slot: the whole-table probe finds nothing implemented there.
        with BrokenTables([(self.ABI, "getpid", self.FREE)]) as b:
            status, out, _ = tool("--tables", b.dir, "probe", "--target", self.TARGET, "--all",
                                  "--expect-implemented", "getpid")
            self.assertEqual(status, 1, out)
            self.assertIn("expected getpid (%d on %s) to be implemented, but the probe says ENOSYS"
                          % (self.FREE, self.ABI), out)
        status, out, _ = tool("probe", "--target", self.TARGET, "--all",
                              "--expect-implemented", "getpid")
        self.assertEqual(status, 0, out)

    def test_user_entry(self):
        # Unknown to the headers, and consistent with the shared numbering: only the probe
        # can say that nothing answers at that number.
        status, out, _ = tool("check", "--strict", "--entry", "%s:my_new_call=%d" % (self.ABI, self.FREE))
        self.assertEqual(status, 1, out)
        self.assertIn("probe says ENOSYS (from %s)" % self.BY, out)
        self.assertIn("0 errors, 1 warning", out)
        status, out, _ = tool("check", "--strict", "--entry", "%s:getppid" % self.ABI)
        self.assertEqual(status, 0, out)
        self.assertIn("probe says implemented (returned ", out)


class ProbeCatchesNative(ProbeCatches, unittest.TestCase):
    RECORD, BY = staticmethod(native_record), "the host kernel"


class ProbeCatchesEmulated(ProbeCatches, unittest.TestCase):
    RECORD, BY = staticmethod(emulated_record), "the emulator"


if __name__ == "__main__":
    unittest.main()
