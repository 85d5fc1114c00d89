"""Entries as the user types them: ARCH:NAME=NUMBER, the arch names accepted, and the one-line
errors (exit 2) for everything else."""
import os
import tempfile
import unittest
from unittest import mock

from sptables import entries, headers, model, records
from sptables.model import InputError, Tables

from .support import linux_records, tool


class ParseEntries(unittest.TestCase):
    def setUp(self):
        self.tables = model.Tables()

    def parse(self, text):
        return entries.parse(self.tables, text)

    def test_arch_spellings(self):
        # kernel ABI names and the usual aliases all reach one table
        for arch, abi in [("arm64", "arm64"), ("aarch64", "arm64"),
                          ("AArch64", "arm64"), ("x86_64", "x86_64"), ("amd64", "x86_64"),
                          ("mips-n64", "mips-n64"), ("mips64el", "mips-n64"),
                          ("ppc64le", "powerpc64"), ("armhf", "arm-eabi"),
                          ("i686", "i386"), ("x32", "x32"),
                          ("hppa", "parisc32"), ("s390x", "s390x")]:
            self.assertEqual(self.parse("%s:mseal=462" % arch).abi, abi, arch)

    def test_target_names(self):
        # ... and so do the targets' names: the table their record names
        records = linux_records()
        self.assertTrue(records)
        for rec in records:
            self.assertEqual(self.parse("%s:mseal=462" % rec.name).abi, rec.abi, rec.name)
            self.assertEqual(self.parse("%s:mseal=462" % rec.name.upper()).abi, rec.abi, rec.name)

    def test_numbers(self):
        self.assertEqual(self.parse("aarch64:mseal=462").nr, 462)
        self.assertEqual(self.parse(" aarch64 : mseal = 462 ").nr, 462)
        self.assertEqual(self.parse("x32:read=0x40000000").nr, 0x40000000)
        self.assertIsNone(self.parse("aarch64:getpid").nr)  # the tables' number, later

    def assertRejected(self, text, *phrases):
        with self.assertRaises(InputError) as cm:
            self.parse(text)
        for p in phrases:
            self.assertIn(p, str(cm.exception))

    def test_rejects(self):
        self.assertRejected("sparc99:mseal=462", "unknown arch 'sparc99'", "arm64",
                            *[r.name for r in linux_records()])
        self.assertRejected("aarch64mseal462", "malformed entry", "ARCH:NAME=NUMBER")
        self.assertRejected(":mseal=462", "no arch")
        self.assertRejected("aarch64:ms-eal=462", "'ms-eal' is not a syscall name")
        self.assertRejected("aarch64:=462", "'' is not a syscall name")
        self.assertRejected("aarch64:mseal=-1", "negative syscall number -1")
        self.assertRejected("aarch64:mseal=- 7", "negative syscall number")
        self.assertRejected("aarch64:mseal=4x62", "'4x62' is not a number")
        self.assertRejected("aarch64:mseal=", "'' is not a number")
        self.assertRejected("aarch64:mseal=0x100000000", "out of range")

    def test_unknown_name_without_number(self):
        es = [self.parse("aarch64:no_such_call")]
        with self.assertRaises(InputError) as cm:
            entries.resolve_numbers(self.tables, es)
        self.assertIn("unknown name 'no_such_call'", str(cm.exception))
        es = [self.parse("aarch64:getpid")]
        entries.resolve_numbers(self.tables, es)
        self.assertEqual(es[0].nr, 172)

    def test_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("# new calls\naarch64:mseal=462\n\nmips-n64:mseal=5462  # n64\n")
        try:
            es = entries.parse_file(self.tables, f.name)
            self.assertEqual([(e.abi, e.nr) for e in es], [("arm64", 462), ("mips-n64", 5462)])
            with open(f.name, "a") as g:
                g.write("riscv64:mseal=oops\n")
            with self.assertRaises(InputError) as cm:
                entries.parse_file(self.tables, f.name)
            self.assertIn("%s:5: malformed entry" % f.name, str(cm.exception))
        finally:
            os.unlink(f.name)


class Records(unittest.TestCase):
    """The targets' records are where the tools learn a target's table."""

    def test_record_in_the_wrong_folder(self):
        # A copied record that kept its old name is an error, not a second target.
        rec = linux_records()[0]
        with tempfile.TemporaryDirectory() as arch:
            os.mkdir(os.path.join(arch, "linux-copied"))
            with open(rec.path) as f, open(os.path.join(arch, "linux-copied", "target.json"), "w") as g:
                g.write(f.read())
            with self.assertRaises(InputError) as cm:
                records.read_records(arch)
            self.assertIn("says target '%s', but its folder is linux-copied" % rec.name,
                          str(cm.exception))

    def test_tables_follow_the_records(self):
        # The same tables with other records: the targets come from the records alone.
        rec = records.Record("x/target.json", {"target": "linux-fictional", "os": "linux",
                                               "tables": {"abi": "mips-n32"}})
        t = Tables(records=[rec])
        self.assertEqual(t.targets("mips-n32"), ["linux-fictional"])
        self.assertEqual(t.targets("arm64"), [])
        self.assertEqual(t.by_target("linux-fictional").name, "mips-n32")
        self.assertEqual(entries.parse(t, "linux-fictional:mseal=6462").abi, "mips-n32")


class CommandLineErrors(unittest.TestCase):
    """Every bad input: exit status 2 and exactly one line on stderr that names the problem."""

    def assertOneLine(self, args, phrase):
        status, out, err = tool(*args)
        self.assertEqual(status, 2, (args, out, err))
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn(phrase, err)
        self.assertTrue(err.startswith("sysport tables: "), err)

    def test_check(self):
        self.assertOneLine(["check", "--entry", "sparc99:mseal=462"], "unknown arch 'sparc99'")
        self.assertOneLine(["check", "--entry", "aarch64-mseal=462"], "malformed entry")
        self.assertOneLine(["check", "--entry", "aarch64:mseal=-462"], "negative syscall number")
        self.assertOneLine(["check", "--entry", "aarch64:nonesuch"], "unknown name 'nonesuch'")
        self.assertOneLine(["check"], "needs --entry")
        self.assertOneLine(["check", "--file", "/nonexistent/entries"], "cannot read")
        self.assertOneLine(["check", "--bogus"], "unrecognized arguments")

    def test_probe(self):
        self.assertOneLine(["probe", "--target", "linux-vax", "1"], "unknown target 'linux-vax'")
        target = linux_records()[0].name  # any target with a table: input errors come first
        self.assertOneLine(["probe", "--target", target, "mseal"], "unknown name 'mseal'")
        self.assertOneLine(["probe", "--target", target, "--", "-3"], "negative syscall number")
        self.assertOneLine(["probe", "--target", target, "99999999999999999999"],
                           "syscall number 99999999999999999999 is out of range")
        self.assertOneLine(["probe", "--target", target], "NAME|NUMBER ... or --all")
        self.assertOneLine(["probe", "--target", target, "--timeout-ms", "0", "1"],
                           "--timeout-ms must be positive")

    def test_command(self):
        self.assertOneLine(["frobnicate"], "invalid choice")
        self.assertOneLine(["--tables", "/nonexistent", "consistency"], "no generated tables")


class HeadersFallback(unittest.TestCase):
    """Without the cross compiler, the headers come from Debian's bare cross headers read by
    the host cpp, for `check` and `headers` alike."""

    def setUp(self):
        self.abi = Tables().abis["arm64"]
        if not os.path.exists("/usr/%s/include/asm/unistd.h" % self.abi.triple):
            self.skipTest("no /usr/%s/include: apt-get install linux-libc-dev-arm64-cross"
                          % self.abi.triple)
        saved = dict(headers._cache)
        headers._cache.clear()
        self.addCleanup(headers._cache.update, saved)
        self.addCleanup(headers._cache.clear)

    def test_bare_headers_without_the_compiler(self):
        with mock.patch.object(headers.shutil, "which", return_value=None):
            self.assertEqual(headers.check_headers_args(self.abi),
                             ["--include", "/usr/aarch64-linux-gnu/include"])
            h = headers.read(self.abi)
        self.assertEqual(h.where, "/usr/aarch64-linux-gnu/include/asm/unistd.h")
        self.assertEqual(h.syscalls["getpid"], Tables().syscalls("arm64")["getpid"])


if __name__ == "__main__":
    unittest.main()
