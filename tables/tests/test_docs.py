"""docs/tables.md shows real output: its `check` example, run again, prints the same verdicts
and the same findings of the checks that do not depend on this host (the probe lines name the
host's kernel and QEMU versions, so only their verdicts are compared).  A header version's
stable release is not compared either: the host's linux-libc-dev moves along 6.1.y with
Debian's kernel ("(Linux 6.1.192)" is "(Linux 6.1.y)" on both sides)."""
import os
import re
import shlex
import unittest

from .support import TABLES, have, target_ready, tool

DOC = os.path.join(os.path.dirname(TABLES), "docs", "tables.md")


class DocsExample(unittest.TestCase):
    def test_check_example(self):
        with open(DOC) as f:
            text = f.read()
        m = re.search(r"^```\n\$ \./sysport tables (check [^\n]*)\n(.*?)^\$ echo \$\?\n(\d+)\n```",
                      text, re.M | re.S)
        self.assertIsNotNone(m, "no check example in %s" % DOC)
        args, shown, status = shlex.split(m.group(1)), m.group(2), int(m.group(3))
        # The targets the example's verdicts name.
        for target in re.findall(r"^  verdict  ([\w.-]+):", shown, re.M):
            why = target_ready(target)
            if why:
                self.skipTest(why)
        for cc in ("aarch64-linux-gnu-gcc", "mips64el-linux-gnuabi64-gcc"):
            if not have(cc):
                self.skipTest("%s not installed" % cc)
        got_status, out, err = tool(*args)
        self.assertEqual(got_status, status, err)
        keep = re.compile(r"^  (verdict|tables|headers|shared|same-tbl) |^\d+ entr")

        def lines(text):
            return [re.sub(r"\(Linux (\d+\.\d+)\.\d+\)", r"(Linux \1.y)", l)
                    for l in text.splitlines() if keep.match(l)]
        want, have_ = lines(shown), lines(out)
        self.assertTrue(want)
        self.assertEqual(want, have_)


if __name__ == "__main__":
    unittest.main()
