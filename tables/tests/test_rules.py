"""The consistency rules, on the real tables (no complaints) and on copies with one entry
broken (each caught, with the number it should have had)."""
import os
import unittest

from sptables import model, rules

from .support import BrokenTables


def problems(edits):
    with BrokenTables(edits) as b:
        return [(abi, name, f.check, f.expected) for abi, name, _nr, f in
                rules.check_tables(model.Tables(b.dir))]


class RealTables(unittest.TestCase):
    def test_generated_tables_are_consistent(self):
        # Including the places the rules must stop: x32's own 512-547 rows, s390's 16-bit
        # uid calls, csky's cacheflush at 245 while arc and nios2 have it at 244.
        self.assertEqual(rules.check_tables(model.Tables()), [])


class UnreadableTables(unittest.TestCase):
    """A table the reader cannot parse is an error, not a shorter table that passes."""

    def rewrite(self, b, abi, old, new):
        path = os.path.join(b.dir, abi, "syscalls.h")
        with open(path) as f:
            text = f.read()
        self.assertIn(old, text)
        with open(path, "w") as f:
            f.write(text.replace(old, new))

    def test_macro_in_another_format(self):
        with BrokenTables([]) as b:
            self.rewrite(b, "arm64", "#define SP_NR_getpid 172\n", "#define SP_NR_getpid (172)\n")
            with self.assertRaises(model.InputError) as cm:
                rules.check_tables(model.Tables(b.dir))
            self.assertIn("SP_NR_getpid (172)", str(cm.exception))

    def test_no_macros(self):
        with BrokenTables([]) as b:
            self.rewrite(b, "arm64", "#define SP_NR_", "#define SP_SYS_")
            with self.assertRaises(model.InputError) as cm:
                model.Tables(b.dir).syscalls("arm64")
            self.assertIn("defines no SP_NR_", str(cm.exception))


class SharedNumbering(unittest.TestCase):
    def test_mips_entry_without_its_offset(self):
        self.assertEqual(problems([("mips-n64", "pidfd_open", 434)]),
                         [("mips-n64", "pidfd_open", "shared numbering", 5434)])

    def test_alpha_offset(self):
        # alpha's new syscalls are asm-generic + 110 (alpha has no clone3: openat2 is 437+110)
        self.assertEqual(problems([("alpha", "openat2", 437)]),
                         [("alpha", "openat2", "shared numbering", 547)])

    def test_generic_arch_outvoted(self):
        # arm64 alone says 435; 30 ABIs say 434.  riscv64 shares arm64's table: rule 2 too.
        found = problems([("arm64", "pidfd_open", 435)])
        self.assertIn(("arm64", "pidfd_open", "shared numbering", 434), found)
        self.assertIn(("arm64", "pidfd_open", "same table", 434), found)
        self.assertEqual({p[0] for p in found}, {"arm64"})

    def test_old_syscall_moved_into_the_shared_range(self):
        found = problems([("s390x", "getpid", 500)])
        self.assertIn(("s390x", "getpid", "shared numbering", None), found)


class SameTable(unittest.TestCase):
    def test_generic_arches(self):
        self.assertEqual(problems([("riscv64", "openat", 57)]),
                         [("riscv64", "openat", "same table", 56)])

    def test_two_abis_one_tbl_names_both(self):
        # x86_64 and x32 share syscall_64.tbl: with two numbers, either may be the wrong one.
        found = problems([("x86_64", "read", 1)])
        self.assertEqual(sorted(found), [("x32", "read", "same table", 0x40000001),
                                         ("x86_64", "read", "same table", 0)])

    def test_private_rows_are_exempt(self):
        t = model.Tables()
        self.assertIn("rt_sigaction", t.private["x32"])
        self.assertIn("cacheflush", t.private["csky"])
        self.assertIn("lchown", t.private["s390x"])


class Entries(unittest.TestCase):
    """Rule 1 and 2 for a user's entry, other entries counting as evidence."""

    def setUp(self):
        self.tables = model.Tables()

    def shared(self, abi, name, nr, extra=()):
        return rules.check_shared(rules.World(self.tables, extra), abi, name, nr)

    def test_new_name_on_generic_arch(self):
        f = self.shared("arm64", "mseal", 462)
        self.assertEqual(f.level, "ok")
        self.assertIn("asm-generic 462", f.message)

    def test_new_name_without_mips_offset(self):
        f = self.shared("mips-n64", "mseal", 462)
        self.assertEqual((f.level, f.expected), ("error", 5462))
        self.assertEqual(self.shared("mips-n64", "mseal", 5462).level, "ok")

    def test_new_name_on_a_taken_slot(self):
        f = self.shared("arm64", "mseal", 449)
        self.assertEqual(f.level, "error")
        self.assertIn("futex_waitv", f.message)

    def test_other_entries_decide(self):
        extra = [("arm64", "mseal", 462), ("x86_64", "mseal", 462), ("mips-n64", "mseal", 462)]
        f = self.shared("riscv64", "mseal", 463, extra)
        self.assertEqual((f.level, f.expected), ("error", 462))
        # mips-n64's own wrong entry (below its range) is no evidence against arm64's
        self.assertEqual(self.shared("arm64", "mseal", 462, extra).level, "ok")
        f = rules.check_same_table(rules.World(self.tables, extra), "riscv64", "mseal", 463)
        self.assertEqual((f.level, f.expected), ("error", 462))

    def test_rejected_entries_are_no_evidence(self):
        # arm64:mseal=449 takes futex_waitv's slot: it must not make csky's 462 look wrong.
        extra = [("arm64", "mseal", 449)]
        self.assertIsNone(rules.check_same_table(rules.World(self.tables, extra), "csky", "mseal", 462))
        self.assertEqual(self.shared("csky", "mseal", 462, extra).level, "ok")

    def test_known_name(self):
        self.assertEqual(self.shared("x86_64", "pidfd_open", 434).level, "ok")
        self.assertEqual(self.shared("x86_64", "pidfd_open", 435).expected, 434)
        self.assertEqual(self.shared("x86_64", "openat", 257).level, "ok")


if __name__ == "__main__":
    unittest.main()
