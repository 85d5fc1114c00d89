"""tables/up-to-date holds the numbers and the kernel series fixed, not the Debian package
revision nor the 6.1.y stable release they came from.

The trees compared are made by the real generator (its generate(), with a synthetic kernel
source tarball of two ABIs, x86_64 from a syscall table and arm64 from asm-generic), so a
generator that writes a revision or a release into a header again fails these tests as
surely as a checker that compares them:

  a changed Debian revision only                    passes, and says so in one line
  a new stable release, the same numbers            passes, with the one-line note
  a new stable release that moves one syscall       fails: the diff, and one line naming
                                                    both releases and the command
  a different series                                fails, in one line

Plus: the checked-in tables/linux names its release and package version in SOURCE only."""
import importlib.util
import io
import os
import re
import shutil
import sys
import tarfile
import tempfile
import unittest

from .support import LINUX, TABLES, run

CHECK = os.path.join(TABLES, "check-up-to-date.py")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = load("gen_linux_tables", os.path.join(TABLES, "gen-linux-tables.py"))
REGENERATE = GEN.CANONICAL_COMMAND


def kernel_source(version=6, patchlevel=1, sublevel=192, getpid_x86_64=39, tbl_comment=""):
    """{path: text} of a kernel tree with just what the generator reads for x86_64 and
    arm64.  x86's _NSIG sits in the kernel-internal asm/signal.h, as in the real tree."""
    return {
        "Makefile": "# SPDX-License-Identifier: GPL-2.0\nVERSION = %d\nPATCHLEVEL = %d\n"
                    "SUBLEVEL = %d\nEXTRAVERSION =\nNAME = Curry Ramen\n"
                    % (version, patchlevel, sublevel),
        "arch/x86/entry/syscalls/syscall_64.tbl":
            "# 64-bit system call numbers and entry vectors\n%s"
            "0\tcommon\tread\t\t\tsys_read\n"
            "1\tcommon\twrite\t\t\tsys_write\n"
            "13\t64\trt_sigaction\t\tsys_rt_sigaction\n"
            "%d\tcommon\tgetpid\t\t\tsys_getpid\n"
            "180\tcommon\tnfsservctl\n"
            "434\tcommon\tpidfd_open\t\tsys_pidfd_open\n"
            "512\tx32\trt_sigaction\t\tcompat_sys_rt_sigaction\n" % (tbl_comment, getpid_x86_64),
        "arch/x86/include/uapi/asm/unistd.h":
            "#ifndef _UAPI_ASM_X86_UNISTD_H\n#define _UAPI_ASM_X86_UNISTD_H\n"
            "#define __X32_SYSCALL_BIT 0x40000000\n"
            "#ifdef __i386__\n#include <asm/unistd_32.h>\n#elif defined(__ILP32__)\n"
            "#include <asm/unistd_x32.h>\n#else\n#include <asm/unistd_64.h>\n#endif\n#endif\n",
        "arch/x86/include/uapi/asm/signal.h":
            "#define SIGHUP 1\n#define SIGINT 2\n#define SIGABRT 6\n#define SIGIOT 6\n"
            "#define SIGKILL 9\n#define SIGUSR1 10\n#define SIGTERM 15\n"
            "#define SIGRTMIN 32\n#define SIGRTMAX _NSIG\n",
        "arch/x86/include/asm/signal.h": "#define _NSIG 64\n",
        "arch/arm64/include/uapi/asm/unistd.h":
            "#define __ARCH_WANT_RENAMEAT\n#include <asm-generic/unistd.h>\n",
        "include/uapi/asm-generic/unistd.h":
            "#ifndef __SYSCALL\n#define __SYSCALL(x, y)\n#endif\n"
            "#define __NR_getpid 172\n__SYSCALL(__NR_getpid, sys_getpid)\n"
            "#define __NR_pidfd_open 434\n__SYSCALL(__NR_pidfd_open, sys_pidfd_open)\n"
            "#define __NR_syscalls 451\n",
        "include/uapi/asm-generic/errno-base.h":
            "#define EPERM 1\n#define ENOENT 2\n#define EAGAIN 11\n",
        "include/uapi/asm-generic/errno.h":
            "#include <asm-generic/errno-base.h>\n#define ENOSYS 38\n#define EWOULDBLOCK EAGAIN\n",
        "include/uapi/asm-generic/signal.h":
            "#define _NSIG 64\n#define SIGHUP 1\n#define SIGINT 2\n#define SIGABRT 6\n"
            "#define SIGIOT 6\n#define SIGKILL 9\n#define SIGUSR1 10\n#define SIGTERM 15\n"
            "#define SIGRTMIN 32\n#define SIGRTMAX _NSIG\n",
    }


class Synthetic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sp-uptodate-test-")
        cls.n = 0
        # tables/linux as committed: generated from linux-source-6.1 6.1.192-2.
        cls.checked_in = cls.generate(kernel_source(), "6.1.192-2")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def generate(cls, tree, package_version):
        """Packs tree as Debian packs linux-source (one top directory, tar.xz) and runs the
        generator on it; returns the output directory."""
        cls.n += 1
        tarball = os.path.join(cls.tmp, "linux-source-%d.tar.xz" % cls.n)
        with tarfile.open(tarball, "w:xz") as tf:
            for path, text in sorted(tree.items()):
                data = text.encode()
                info = tarfile.TarInfo("linux-source-6.1/" + path)
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
        out = os.path.join(cls.tmp, "out-%d" % cls.n, "linux")
        abis = [a for a in GEN.ABIS if a.name in ("x86_64", "arm64")]
        GEN.generate(out, source=tarball, abis=abis, package_version=package_version)
        return out

    def check(self, fresh):
        return run([sys.executable, CHECK, "--tables", self.checked_in, "--generated", fresh])

    def test_same_source(self):
        status, out, err = self.check(self.generate(kernel_source(), "6.1.192-2"))
        self.assertEqual((status, err), (0, ""), out)
        self.assertEqual(out, "tables/up-to-date: ok: tables/linux is what Linux 6.1.192 "
                              "(linux-source-6.1 6.1.192-2) gives\n")

    def test_debian_revision_only(self):
        status, out, err = self.check(self.generate(kernel_source(), "6.1.192-3"))
        self.assertEqual((status, err), (0, ""), out)
        self.assertEqual(out, "tables/up-to-date: ok: numbers identical; tables generated from "
                              "linux-source-6.1 6.1.192-2, installed is linux-source-6.1 "
                              "6.1.192-3 (the same Linux 6.1.192): regenerate to record it\n")

    def test_stable_release_same_numbers(self):
        # 6.1.194 touched the tbl (a comment), moved no number.
        fresh = self.generate(kernel_source(sublevel=194, tbl_comment="# (reworded)\n"),
                              "6.1.194-1")
        status, out, err = self.check(fresh)
        self.assertEqual((status, err), (0, ""), out)
        self.assertEqual(out, "tables/up-to-date: ok: numbers identical; tables generated from "
                              "Linux 6.1.192, installed source is 6.1.194 (linux-source-6.1 "
                              "6.1.194-1): regenerate to record it\n")

    def test_stable_release_moves_a_number(self):
        fresh = self.generate(kernel_source(sublevel=194, getpid_x86_64=40), "6.1.194-1")
        status, out, err = self.check(fresh)
        self.assertEqual((status, err), (1, ""), out)
        lines = out.splitlines()
        self.assertIn("--- tables/linux/x86_64/syscalls.h", lines)
        self.assertIn("+++ generated/x86_64/syscalls.h", lines)
        self.assertIn("-#define SP_NR_getpid 39", lines)
        self.assertIn("+#define SP_NR_getpid 40", lines)
        self.assertIn("-  X(getpid, 39) \\", lines)
        # Only the moved number: no header line, no other file.
        self.assertEqual(len([l for l in lines if re.match(r"^[-+][^-+]", l)]), 4, out)
        self.assertEqual(lines[-1],
                         "tables/up-to-date: FAIL: numbers differ in x86_64/syscalls.h; tables "
                         "generated from Linux 6.1.192 (linux-source-6.1 6.1.192-2), installed "
                         "source is Linux 6.1.194 (linux-source-6.1 6.1.194-1); regenerate "
                         "with: %s" % REGENERATE)

    def test_other_series(self):
        fresh = self.generate(kernel_source(patchlevel=2, sublevel=16), "6.2.16-1")
        status, out, err = self.check(fresh)
        self.assertEqual((status, err), (1, ""), out)
        self.assertEqual(out.count("\n"), 1, out)
        self.assertTrue(out.startswith(
            "tables/up-to-date: FAIL: the installed source is Linux 6.2.16, series 6.2, but "
            "tables/linux holds the 6.1 series: install linux-source-6.1"), out)

    def test_edited_table(self):
        # Same source, a hand edit: the cause line says it is not the source that moved.
        fresh = os.path.join(self.tmp, "edited", "linux")
        shutil.copytree(self.checked_in, fresh)
        path = os.path.join(fresh, "arm64", "errno.h")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace("#define SP_ERRNO_ENOSYS 38\n", "#define SP_ERRNO_ENOSYS 37\n"))
        status, out, _ = self.check(fresh)
        self.assertEqual(status, 1, out)
        self.assertIn("+#define SP_ERRNO_ENOSYS 37", out.splitlines())
        self.assertIn("FAIL: numbers differ in arm64/errno.h; tables generated from the same "
                      "Linux 6.1.192 (linux-source-6.1 6.1.192-2) as installed", out)

    def test_generator_refuses_a_package_version_of_another_release(self):
        with self.assertRaises(GEN.GenError) as cm:
            self.generate(kernel_source(sublevel=194), "6.1.192-3")
        self.assertIn("the source is Linux 6.1.194, but linux-source-6.1 6.1.192-3 is "
                      "Linux 6.1.192", str(cm.exception))


class CheckedIn(unittest.TestCase):
    def test_only_source_names_release_and_package(self):
        with open(os.path.join(LINUX, "SOURCE")) as f:
            source = dict(re.findall(r"^(\w+): (.*)$", f.read(), re.M))
        self.assertEqual(source["series"], "6.1")
        release = source["release"]
        revision = source["package"].split()[-1]
        self.assertTrue(release.startswith("6.1."), source)
        seen = 0
        for d, _dirs, names in os.walk(LINUX):
            for n in names:
                path = os.path.join(d, n)
                if path == os.path.join(LINUX, "SOURCE"):
                    continue
                with open(path) as f:
                    text = f.read()
                self.assertNotIn(release, text, path)
                self.assertNotIn(revision, text, path)
                seen += 1
        self.assertGreater(seen, 90)


if __name__ == "__main__":
    unittest.main()
