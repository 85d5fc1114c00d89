#!/usr/bin/env python3
"""harness/sysport-progress, ./sysport's progress display, on recorded output
(harness/tests/progress/): the counts it shows; a status line rewritten in place on a terminal
only; one plain line per finished target anywhere else (CI=true, TERM=dumb, a pipe); ctest's
output passed through untouched."""
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import tty
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOL = HERE.parent / "sysport-progress"
FIXTURES = HERE / "progress"

# The programs each target's build.ninja links in these tests (the recorded sub-builds link
# as many; the windows one is shortened, which its completion must make up for).
PROGRAMS = {"linux-x86_64": 16, "linux-aarch64": 16, "windows-x86_64": 15}
BUILD_STEP = re.compile(rb"Performing build step for 'build-([^']+)'")
COMPLETED = re.compile(rb"Completed 'build-([^']+)'")
TIME = re.compile(r"\b(\d+h\d\dm|\d+m\d\ds|\d+s)\b")


def fixture(name):
    return (FIXTURES / name).read_bytes()


def environment(**changes):
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["TERM"] = "xterm"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def write_build_ninja(build, target):
    """What a configured sub-build's build.ninja says about its programs, and lines that are
    not programs (objects, a library, a phony, a description)."""
    directory = build / "targets" / target
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["# CMAKE generated file: DO NOT EDIT!",
             "build CMakeFiles/sp_raw_core.dir/backend_raw.cc.o: CXX_COMPILER__sp_raw_core_unscanned_Release backend_raw.cc",
             "build libsp_raw_core.a: CXX_STATIC_LIBRARY_LINKER__sp_raw_core_Release CMakeFiles/sp_raw_core.dir/backend_raw.cc.o"]
    for n in range(PROGRAMS[target]):  # "$:", ninja's escaped ":", in one output's name
        lines += [f"build raw/p$:{n}: CXX_EXECUTABLE_LINKER__raw-p{n}_Release CMakeFiles/raw-p{n}.dir/p{n}.cc.o",
                  f"  DESC = Linking CXX executable raw/p{n}"]
    lines += ["build all: phony raw/p0"]
    (directory / "build.ninja").write_text("\n".join(lines) + "\n")


def make_build_dir(build, configured):
    """A build directory as ./sysport leaves it: the config (one target is not built here)
    and the sub-builds configured so far."""
    targets = []
    for name in ["linux-x86_64", "linux-aarch64", "darwin-arm64", "windows-x86_64"]:
        targets.append({"name": name, "built": name != "darwin-arm64",
                        "manifest": str(build / "targets" / name / "manifest.json")})
    (build / "sysport-config.json").write_text(json.dumps({"targets": targets}))
    for target in configured:
        write_build_ninja(build, target)
    return build / "sysport-config.json"


def read_line(stream, timeout=10):
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        raise AssertionError(f"no line from sysport-progress in {timeout} s")
    return stream.readline()


def run_on_terminal(args, data, env, columns=100, pause=None):
    """Run args with a terminal of `columns` columns as its standard output (raw: no newline
    translation) and data as its input; its exit status and everything it wrote. pause:
    (input line, output text, seconds): after that line, no input for that long from the
    moment the output shows that text."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=slave, env=env)
    os.close(slave)

    shown = threading.Event()

    def feed():
        rest = data
        if pause:
            first, line, rest = data.partition(pause[0])
            process.stdin.write(first + line)
            process.stdin.flush()
            shown.wait(timeout=30)
            time.sleep(pause[2])
        process.stdin.write(rest)
        process.stdin.close()
    writer = threading.Thread(target=feed)
    writer.start()
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's last writer is gone
            break
        if not chunk:
            break
        out += chunk
        if pause and pause[1] in out:
            shown.set()
    writer.join()
    os.close(master)
    return process.wait(timeout=30), out.decode()


def screen(out):
    """The lines a terminal shows for `out`: \\r returns to the line's start, ESC[K erases to
    its end. The last element is the line the cursor is on."""
    lines, line, column = [], [], 0
    for token in re.findall(r"\r|\n|\x1b\[K|[^\r\n\x1b]+|\x1b", out):
        if token == "\r":
            column = 0
        elif token == "\n":
            lines.append("".join(line))
            line, column = [], 0
        elif token == "\x1b[K":
            del line[column:]
        else:
            line[column:column + len(token)] = list(token)
            column += len(token)
    return lines + ["".join(line)]


def statuses(out):
    """Every status line drawn, in order."""
    return re.findall(r"\r([^\r\n\x1b]+)\x1b\[K", out)


def distinct(values):
    result = []
    for value in values:
        if not result or result[-1] != value:
            result.append(value)
    return result


def timeless(text):
    return TIME.sub("T", text)


class BuildOutput(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.build = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_plain_output_is_one_line_per_finished_target(self):
        # A fresh machine: each sub-build's build.ninja appears when it has been configured,
        # before its build step, so the total is "at least" until the last one is. A
        # target's line comes with the top-level's first line after its sub-build's last, not
        # with its "Completed", which ninja held back (in the sample, linux-x86_64's comes
        # after linux-aarch64's build step).
        config = make_build_dir(self.build, configured=[])
        process = subprocess.Popen([str(TOOL), "build", "--config", str(config)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment())
        expected = {
            b"[6/122] Performing build step for 'build-linux-aarch64'\n":
                "sysport: built 1/3 targets, 16/32+ programs (linux-x86_64 done at T)\n",
            b"[7/122] No install step for 'build-linux-x86_64'\n":
                "sysport: built 2/3 targets, 32/32+ programs (linux-aarch64 done at T)\n",
            b"[24/122] Building CXX object harness/CMakeFiles/sysport_harness.dir/cell.cc.o\n":
                "sysport: built 3/3 targets, 47/47 programs (windows-x86_64 done at T)\n"}
        for line in fixture("build-output.txt").splitlines(keepends=True):
            if (step := BUILD_STEP.search(line)):
                write_build_ninja(self.build, step.group(1).decode())
            process.stdin.write(line)
            process.stdin.flush()
            if line in expected:
                self.assertEqual(timeless(read_line(process.stdout).decode()), expected.pop(line))
        self.assertEqual(expected, {})
        process.stdin.close()
        rest = process.stdout.read()
        process.stdout.close()
        self.assertEqual(process.wait(timeout=30), 0)
        self.assertEqual(rest, b"", "nothing but one line per finished target")

    def test_terminal_shows_a_status_line_rewritten_in_place(self):
        config = make_build_dir(self.build, configured=PROGRAMS)
        status, out = run_on_terminal([str(TOOL), "build", "--config", str(config)],
                                      fixture("build-output.txt"), environment())
        self.assertEqual(status, 0)
        self.assertEqual([timeless(line) for line in screen(out)], [
            "sysport: built 1/3 targets, 16/47 programs (linux-x86_64 done at T)",
            "sysport: built 2/3 targets, 32/47 programs (linux-aarch64 done at T)",
            "sysport: built 3/3 targets, 47/47 programs (windows-x86_64 done at T)",
            "sysport: built 3/3 targets, 47/47 programs in T",
            ""])
        drawn = statuses(out)
        # One program more for each link of a target's sub-build, none for the host's or the
        # bench's; a finished target counts all of its programs (aarch64 had nothing to link,
        # the windows sample shows 5 of its 15 links).
        programs = distinct(int(m.group(1)) for s in drawn if (m := re.search(r"(\d+)/47 programs", s)))
        self.assertEqual(programs, list(range(0, 17)) + [32, 33, 34, 35, 36, 37, 47])
        targets = distinct(re.search(r"(\d)/3 targets", s).group(1) for s in drawn)
        self.assertEqual(targets, ["0", "1", "2", "3"])
        shown = "\n".join(timeless(s) for s in drawn)
        self.assertIn("sysport: building: 0/3 targets, 7/47 programs, linux-x86_64 step 20/54 (T)", shown)
        self.assertIn("sysport: building: 2/3 targets, 33/47 programs, windows-x86_64 step 13/48 (T)", shown)
        self.assertIn("sysport: building: 3/3 targets, 47/47 programs, step 122/122 (T)", shown)

    def test_status_line_shows_time_passing_while_the_build_is_silent(self):
        # A long link or a sub-build's configure step prints nothing for a while: the time in
        # the status line still moves, so that a slow build is not taken for a hung one.
        config = make_build_dir(self.build, configured=PROGRAMS)
        waiting = b"sysport: building: 0/3 targets, 7/47 programs, linux-x86_64 step 20/54 ("
        status, out = run_on_terminal([str(TOOL), "build", "--config", str(config)],
                                      fixture("build-output.txt"), environment(),
                                      pause=(b"[20/54] Linking CXX executable raw/sp-probe\n", waiting, 3.5))
        self.assertEqual(status, 0)
        times = distinct(s for s in statuses(out) if s.startswith(waiting.decode()))
        self.assertGreaterEqual(len(times), 3, times)

    def test_status_line_never_wider_than_the_terminal(self):
        config = make_build_dir(self.build, configured=PROGRAMS)
        status, out = run_on_terminal([str(TOOL), "build", "--config", str(config)],
                                      fixture("build-output.txt"), environment(), columns=40)
        self.assertEqual(status, 0)
        drawn = statuses(out)
        self.assertTrue(drawn)
        self.assertLessEqual(max(len(s) for s in drawn), 39)

    def test_no_rewriting_for_ci_or_a_dumb_terminal(self):
        config = make_build_dir(self.build, configured=PROGRAMS)
        for env in (environment(CI="true"), environment(TERM="dumb")):
            status, out = run_on_terminal([str(TOOL), "build", "--config", str(config)],
                                          fixture("build-output.txt"), env)
            self.assertEqual(status, 0)
            self.assertNotIn("\r", out)
            self.assertNotIn("\x1b", out)
            self.assertEqual(timeless(out),
                             "sysport: built 1/3 targets, 16/47 programs (linux-x86_64 done at T)\n"
                             "sysport: built 2/3 targets, 32/47 programs (linux-aarch64 done at T)\n"
                             "sysport: built 3/3 targets, 47/47 programs (windows-x86_64 done at T)\n")

    def test_failed_build(self):
        config = make_build_dir(self.build, configured=PROGRAMS)
        data = fixture("build-failure.txt")
        plain = subprocess.run([str(TOOL), "build", "--config", str(config)], input=data,
                               stdout=subprocess.PIPE, env=environment(), check=True).stdout.decode()
        self.assertEqual(timeless(plain), "sysport: built 1/3 targets, 16/47 programs (linux-x86_64 done at T)\n")
        status, out = run_on_terminal([str(TOOL), "build", "--config", str(config)], data, environment())
        self.assertEqual(status, 0)
        self.assertEqual([timeless(line) for line in screen(out)], [
            "sysport: built 1/3 targets, 16/47 programs (linux-x86_64 done at T)",
            "sysport: build stopped at 1/3 targets, 17/47 programs after T",
            ""])

    def test_one_cmake_target_counts_steps_only(self):
        # ./sysport bench builds one CMake target, not the targets: no config, no target count.
        status, out = run_on_terminal([str(TOOL), "build"], fixture("build-output.txt"), environment())
        self.assertEqual(status, 0)
        self.assertEqual([timeless(line) for line in screen(out)], ["sysport: build finished in T", ""])
        shown = [timeless(s) for s in statuses(out)]
        self.assertIn("sysport: building: linux-x86_64 step 20/54 (T)", shown)
        self.assertEqual(shown[-1], "sysport: building: step 122/122 (T)")

    def test_unreadable_input_or_config_is_no_failure(self):
        data = b"\xff\xfe not text\n" + b"[1/2] " + b"x" * 100000 + b"\n[2/2] Completed 'build-"
        result = subprocess.run([str(TOOL), "build", "--config", str(self.build / "missing.json")],
                                input=data, stdout=subprocess.PIPE, env=environment())
        self.assertEqual((result.returncode, result.stdout), (0, b""))


class CtestOutput(unittest.TestCase):
    def test_plain_output_passes_through_untouched(self):
        data = fixture("ctest-output.txt")
        result = subprocess.run([str(TOOL), "ctest", "matrix"], input=data,
                                stdout=subprocess.PIPE, env=environment())
        self.assertEqual((result.returncode, result.stdout), (0, data))
        status, out = run_on_terminal([str(TOOL), "ctest", "matrix"], data, environment(CI="true"))
        self.assertEqual((status, out), (0, data.decode()))

    def test_terminal_adds_the_count_below_ctest_output(self):
        data = fixture("ctest-output.txt")
        status, out = run_on_terminal([str(TOOL), "ctest", "matrix"], data, environment())
        self.assertEqual(status, 0)
        self.assertEqual(screen(out), data.decode().split("\n"), "ctest's lines, and no status left")
        drawn = distinct(timeless(s) for s in statuses(out))
        self.assertEqual(drawn[0], "sysport: matrix: 0 tests done, 0 failed (T)")
        self.assertIn("sysport: matrix: 9/22 tests done, 1 failed (T)", drawn)
        self.assertIn("sysport: matrix: 15/22 tests done, 1 failed, 1 skipped (T)", drawn)
        self.assertEqual(drawn[-1], "sysport: matrix: 22/22 tests done, 2 failed, 1 skipped (T)")


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    unittest.main(verbosity=2)
