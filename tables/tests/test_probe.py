"""sp-probe and its host side: how each kind of answer is classified, and who is named as
having answered (the host kernel natively; under QEMU, the emulator when it logs the number
as unsupported).  The targets are picked from their records: the one that runs natively on
this host, and one that runs here under its emulator; numbers come from their tables."""
import os
import tempfile
import unittest

from sptables import probe
from sptables.model import Tables

from .support import config_path, emulated_record, native_record, run, target_ready


class OnTarget:
    RECORD = None  # returns the record of the target to probe, or None

    def setUp(self):
        rec = type(self).RECORD()
        if rec is None:
            self.skipTest("no target's record fits this test on this host")
        why = target_ready(rec.name)
        if why:
            self.skipTest(why)
        self.t = probe.Target(rec.name, config_path(), build=False)
        self.NR = Tables().syscalls(rec.abi)
        self.OFFSET = Tables().abis[rec.abi].offset  # 600 + OFFSET is free everywhere


class Native(OnTarget, unittest.TestCase):
    RECORD = staticmethod(native_record)

    def one(self, nr, name=None, timeout_ms=300):
        r, = self.t.run([(nr, name)], timeout_ms)
        return r

    def named(self, name, timeout_ms=300):
        return self.one(self.NR[name], name, timeout_ms)

    def test_kinds(self):
        r = self.named("getpid")
        self.assertEqual((r.status, r.kind), ("implemented", "returned"))
        self.assertTrue(r.by.startswith("the host kernel (Linux "), r.by)
        self.assertEqual(r.answered_by, "host")
        r = self.named("close")
        self.assertEqual((r.status, r.errno), ("implemented", "EBADF"))  # close(-1)
        r = self.one(self.OFFSET + 600)
        self.assertEqual(r.status, "ENOSYS")
        self.assertTrue(r.by.startswith("the host kernel"), r.by)
        r = self.named("exit")
        self.assertEqual((r.status, r.answer()), ("implemented", "ended the process with status 42"))
        r = self.named("rt_sigreturn")
        self.assertEqual((r.status, r.answer()), ("crashed", "killed by SIGSEGV"))
        self.assertIn("expected", r.expected_note())
        if "pause" in self.NR:  # not in the asm-generic ABIs
            r = self.named("pause", timeout_ms=100)
            self.assertEqual((r.status, r.kind, r.detail), ("implemented", "timeout", "100"))

    def test_fork_and_vfork_report_once(self):
        # The processes they make leave at once; one answer each, a pid, in order.
        if "fork" not in self.NR:
            self.skipTest("no fork or vfork in the asm-generic ABIs")
        asks = [(self.NR[n], n) for n in ("fork", "vfork", "getpid")]
        rs = self.t.run(asks)
        self.assertEqual([(r.nr, r.kind) for r in rs], [(nr, "returned") for nr, _ in asks])
        self.assertTrue(all(int(r.detail) > 0 for r in rs))

    def test_probe_that_cannot_run_is_a_failure_not_a_verdict(self):
        self.t.binary = "/bin/false"
        rs = self.t.run([(self.NR["getpid"], "getpid"), (40, None)])
        self.assertEqual([r.status for r in rs], ["probe failed", "probe failed"])
        self.assertEqual(rs[0].answer(), "sp-probe gave no answer (exit 1)")

    def test_probe_that_dies_midway_loses_one_number_only(self):
        # A stand-in that answers for its first number and then dies, every time it is run.
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as f:
            f.write('#!/bin/sh\necho "${3%%=*} returned 7"\nkill -SEGV $$\n')
        os.chmod(f.name, 0o755)
        try:
            self.t.binary = f.name
            rs = self.t.run([(1, None), (2, None), (3, None), (4, None)])
        finally:
            os.unlink(f.name)
        self.assertEqual([(r.nr, r.status) for r in rs],
                         [(1, "implemented"), (2, "probe failed"), (3, "implemented"), (4, "probe failed")])
        self.assertEqual(rs[1].answer(), "sp-probe ended (signal SIGSEGV) while probing it")

    def test_binary_usage_errors(self):
        for args, phrase in [([], "no syscall number"), (["1=a"], "not NR"),
                             (["-t", "0", "1"], "-t wants"), (["1=1,2,3,4,5,6,7"], "not NR")]:
            status, out, err = run([self.t.binary] + args)
            self.assertEqual(status, 2, (args, out, err))
            self.assertIn(phrase, err)
            self.assertEqual(out, "")  # nothing was run


class Emulated(OnTarget, unittest.TestCase):
    RECORD = staticmethod(emulated_record)

    def test_emulator_says_it_does_not_know(self):
        # mseal (462): newer than QEMU 7.2, which answers ENOSYS itself and logs it; a QEMU
        # that knows it passes it on, and a 6.10+ host kernel implements it.
        mseal = self.OFFSET + 462
        r, = self.t.run([(mseal, None)])
        logged = 'logged "Unsupported syscall: %d"' % mseal in r.by
        self.assertIn(r.status, ("ENOSYS", "implemented"), r.answer())
        if r.status == "implemented":
            self.assertFalse(logged, r.by)
            self.assertEqual(r.answered_by, "either")
        elif logged:
            self.assertTrue(r.by.startswith("the emulator"), r.by)
            self.assertEqual(r.answered_by, "emulator")
        else:
            # Not logged: QEMU knew the number, so it is not the "does not know" case.
            self.assertNotEqual(r.answered_by, "")
        free = self.OFFSET + 600
        r, = self.t.run([(free, None)])
        self.assertEqual(r.status, "ENOSYS")
        self.assertEqual(r.by, 'the emulator (%s logged "Unsupported syscall: %d")'
                         % (self.t.emulator_version(), free))
        self.assertEqual(r.answered_by, "emulator")

    def test_ioctl_gets_a_command_qemu_knows(self):
        r, = self.t.run([(self.NR["ioctl"], "ioctl")])
        self.assertEqual((r.status, r.errno), ("implemented", "EBADF"))

    def test_guest_signals(self):
        r, = self.t.run([(self.NR["rt_sigreturn"], "rt_sigreturn")])
        self.assertEqual((r.status, r.answer()), ("crashed", "killed by SIGSEGV"))
        self.assertTrue(r.by.startswith("the emulator"), r.by)


if __name__ == "__main__":
    unittest.main()
