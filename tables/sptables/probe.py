"""Probing: run syscall numbers on a target through its sp-probe (suites/probe.cc),
natively or under QEMU, and classify each answer:

  implemented      any answer but ENOSYS: a value, another errno, the call ending the
                   process (exit), or the call still blocking when the probe gave up (pause)
  not implemented  ENOSYS
  crashed          the call killed its process with a signal

and say who answered.  Natively that is the host kernel.  Under QEMU user mode, a number
QEMU does not know never reaches the host kernel: QEMU answers ENOSYS itself and, with
`-d unimp`, logs "Unsupported syscall: N", which is how the emulator is told apart from the
host kernel.  An ENOSYS that QEMU did not log was passed on (or refused by QEMU for these
arguments): the host's own table decides which, by probing the same name natively.
"""

import json
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import tempfile

from .model import HERE, InputError, Tables

REPO = os.path.dirname(HERE)
DEFAULT_TIMEOUT_MS = 500
EXIT_MARK = 42

# Arguments other than six -1s, by syscall name, where -1 would not tell "implemented" from
# "not implemented", or would leave something behind.  Everything else gets -1 everywhere:
# a descriptor, pointer, size or flag word that every handler rejects early.
ARGS = {
    # An unknown futex operation (op -1) is answered with ENOSYS by an implemented futex;
    # FUTEX_WAKE (1) of nobody at address 0 is harmless.
    "futex": (0, 1, 0, 0, 0, 0),
    "futex_time64": (0, 1, 0, 0, 0, 0),
    # ipc(2) answers an unknown call number with ENOSYS too; call 1 is SEMOP, and nsops -1
    # makes it EINVAL.
    "ipc": (1, -1, -1, -1, -1, -1),
    # modify_ldt answers an unknown func with ENOSYS; func 0 reads 0 bytes of the LDT.
    "modify_ldt": (0, 0, 0, 0, 0, 0),
    # Flags -1 include IPC_CREAT: a System V object that would outlive the probe.  Flags 0
    # only look key -1 up.
    "msgget": (-1, 0, 0, 0, 0, 0),
    "semget": (-1, 0, 0, 0, 0, 0),
    "shmget": (-1, 0, 0, 0, 0, 0),
    # exit and exit_group answer by ending the process: with a status the probe's child
    # cannot otherwise produce.
    "exit": (EXIT_MARK, 0, 0, 0, 0, 0),
    "exit_group": (EXIT_MARK, 0, 0, 0, 0, 0),
    # A module of length 0 is ENOEXEC before anything is allocated (length -1 asks for 16 EiB).
    "init_module": (0, 0, 0, 0, 0, 0),
}

# What an implemented call does with those arguments when it does not simply return.
EXPECTED = {
    "rt_sigreturn": "crash: restores a signal frame that is not there",
    "sigreturn": "crash: restores a signal frame that is not there",
    "switch_endian": "crash: the caller continues in the other byte order",
    "ARM_breakpoint": "crash: SIGTRAP is its purpose",
    "ARM_usr26": "crash: SIGILL on anything but 26-bit ARM",
    "ARM_usr32": "crash: SIGILL on anything but 26-bit ARM",
    "pause": "blocks until a signal",
    "sigsuspend": "blocks until a signal (the mask -1 blocks them all)",
}

class Unavailable(InputError):
    """The target exists but cannot be probed here (not built, emulator missing...)."""


LINE = re.compile(r"^(\d+) (returned|error|exited|signal|timeout|probe-error)(?: (.*))?$")


class Result:
    """One probed number."""

    def __init__(self, nr, name, kind, detail):
        self.nr = nr
        self.name = name          # the syscall name, if the caller knew it
        self.kind = kind          # returned / error / exited / signal / timeout / lost
        self.detail = detail      # "EINVAL 22", "SIGSEGV 11", "42", "500" ...
        self.by = ""              # who answered, in words, filled in by Target.attribute
        self.answered_by = ""     # the same in one word: "emulator", "host" or "either"
        self.where = ""           # the target and how it ran: Target.describe()

    @property
    def errno(self):
        return self.detail.split()[0] if self.kind == "error" else None

    @property
    def status(self):
        """implemented / ENOSYS / crashed / probe failed"""
        if self.kind in ("lost", "probe-error"):
            return "probe failed"
        if self.kind == "error" and self.errno == "ENOSYS":
            return "ENOSYS"
        if self.kind == "signal":
            return "crashed"
        return "implemented"

    def answer(self):
        """What came back, in words."""
        if self.kind == "returned":
            return "returned %s" % self.detail
        if self.kind == "error":
            return self.errno
        if self.kind == "exited":
            if self.detail == str(EXIT_MARK) and self.name in ("exit", "exit_group"):
                return "ended the process with status %s" % self.detail
            return "ended the process (status %s) without returning" % self.detail
        if self.kind == "signal":
            return "killed by %s" % self.detail.split()[0]
        if self.kind == "timeout":
            return "still blocked after %s ms" % self.detail
        return self.detail

    def expected_note(self):
        e = EXPECTED.get(self.name or "")
        if not e:
            return ""
        if (e.startswith("crash") and self.kind == "signal") or \
                (e.startswith("blocks") and self.kind == "timeout"):
            return " (expected: %s)" % e.split(": ", 1)[-1]
        return ""


def default_config_path():
    if os.environ.get("SYSPORT_CONFIG"):
        return os.environ["SYSPORT_CONFIG"]
    build = os.environ.get("SYSPORT_BUILD_DIR", os.path.join(REPO, "build"))
    return os.path.join(build, "sysport-config.json")


class Target:
    """One configured target and how to run its sp-probe."""

    def __init__(self, name, config_path=None, build=True, tables=None):
        """tables: the model.Tables whose numbers are probed (default tables/linux)."""
        config_path = config_path or default_config_path()
        if not os.path.exists(config_path):
            raise Unavailable("no build configuration at %s: run ./sysport test first (or "
                             "cmake -S . -B build)" % config_path)
        with open(config_path) as f:
            config = json.load(f)
        known = [t["name"] for t in config.get("targets", [])]
        entry = next((t for t in config.get("targets", []) if t["name"] == name), None)
        if entry is None:
            raise InputError("unknown target '%s' (configured: %s)" % (name, ", ".join(known)))
        if entry.get("os", "linux") != "linux":
            raise InputError("%s is a %s target; probing is for Linux targets" % (name, entry["os"]))
        if not entry.get("built"):
            raise Unavailable("%s is not built here: %s" % (name, entry.get("reason") or "no reason given"))
        self.name = name
        self.config_path = config_path
        self.build_dir = os.path.dirname(os.path.abspath(config_path))
        self.emulator = list(entry.get("emulator") or [])
        self.runner = entry.get("runner", "native")
        if self.emulator and not shutil.which(self.emulator[0]):
            pkg = entry.get("emulator_package")
            raise Unavailable("%s not found%s" % (self.emulator[0], ": apt-get install " + pkg if pkg else ""))
        self.manifest = entry["manifest"]
        self.binary = self._probe_binary()
        if not self.binary or not os.path.exists(self.binary):
            if not build:
                raise Unavailable("%s has no sp-probe: build it with cmake --build %s --target build-%s"
                                 % (name, self.build_dir, name))
            self._build()
            self.binary = self._probe_binary()
            if not self.binary or not os.path.exists(self.binary):
                raise InputError("building %s did not produce sp-probe (see %s)" % (name, self._log()))
        self.tables = tables or Tables()
        self.abi = self.tables.by_target(name)
        self._host = False  # host_native_target(), looked up once
        self._fioclex = None
        self._host_kernel = "Linux %s" % platform.release()
        self._emulator_version = None

    def _probe_binary(self):
        if not os.path.exists(self.manifest):
            return None
        with open(self.manifest) as f:
            m = json.load(f)
        return m.get("binaries", {}).get("raw", {}).get("sp-probe")

    def _log(self):
        return os.path.join(self.build_dir, "tables-build-%s.log" % self.name)

    def _build(self):
        print("sysport tables: building sp-probe for %s (log: %s)" % (self.name, self._log()),
              flush=True)
        with open(self._log(), "w") as log:
            r = subprocess.run(["cmake", "--build", self.build_dir, "--target", "build-" + self.name],
                               stdout=log, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise InputError("building %s failed (log: %s)" % (self.name, self._log()))

    def args_for(self, name):
        if name == "ioctl":
            # QEMU looks an ioctl command up before the descriptor and answers one it does not
            # know with ENOSYS.  FIOCLEX it knows; its number differs per arch (0x5451,
            # 0x6601 on mips, _IO('f', 1) on powerpc), so it comes from the target's headers.
            if self._fioclex is None:
                from . import headers
                self._fioclex = headers.constant(self.abi, "asm/ioctls.h", "FIOCLEX") if self.abi else False
            if self._fioclex:
                return (-1, self._fioclex, 0, 0, 0, 0)
        return ARGS.get(name or "")

    @property
    def native(self):
        return not self.emulator

    def emulator_version(self):
        if self._emulator_version is None:
            try:
                out = subprocess.run([self.emulator[0], "--version"], capture_output=True,
                                     text=True, timeout=10).stdout
                m = re.search(r"version (\S+)", out)
                self._emulator_version = "%s %s" % (self.emulator[0], m.group(1) if m else "")
            except (OSError, subprocess.TimeoutExpired):
                self._emulator_version = self.emulator[0]
        return self._emulator_version.strip()

    def describe(self):
        if self.native:
            return "%s, native on %s" % (self.name, self._host_kernel)
        return "%s, under %s on %s" % (self.name, self.emulator_version(), self._host_kernel)

    # ---------------------------------------------------------------------------------------

    def command(self, specs, timeout_ms):
        argv = [self.binary, "-t", str(timeout_ms)] + specs
        if self.native:
            return argv
        # -d unimp: QEMU logs every syscall number it does not implement to stderr.
        return self.emulator + ["-d", "unimp"] + argv

    def run(self, probes, timeout_ms=DEFAULT_TIMEOUT_MS):
        """probes: [(nr, name or None)].  Returns [Result] in the same order."""
        results = []
        stderr = []
        todo = list(probes)
        while todo:
            specs = []
            for nr, name in todo:
                args = self.args_for(name)
                specs.append("%d=%s" % (nr, ",".join(str(a) for a in args)) if args else str(nr))
            out, err, how = self._spawn(self.command(specs, timeout_ms), len(todo), timeout_ms)
            stderr.append(err)
            got = []
            for line in out.splitlines():
                m = LINE.match(line)
                if m:
                    got.append((int(m.group(1)), m.group(2), m.group(3) or ""))
            for (nr, name), (gnr, kind, detail) in zip(todo, got):
                if gnr != nr:
                    raise RuntimeError("sp-probe answered for %d when %d was asked" % (gnr, nr))
                results.append(Result(nr, name, kind, detail))
            todo = todo[len(got):]
            if todo and not got:
                # Nothing at all (sp-probe or the emulator would not start): no point in
                # starting it once per remaining number.
                lines = err.strip().splitlines()
                why = "%s: %s" % (how, lines[-1]) if lines else how
                for nr, name in todo:
                    results.append(Result(nr, name, "lost", "sp-probe gave no answer (%s)" % why))
                break
            if todo and "done %d" % len(specs) not in out:
                # sp-probe itself ended early (it should not): record the one it was on and
                # go on with the rest in a new process.
                nr, name = todo.pop(0)
                results.append(Result(nr, name, "lost", "sp-probe ended (%s) while probing it" % how))
        for r in results:
            r.where = self.describe()
        self.attribute(results, "".join(stderr))
        return results

    def _spawn(self, argv, count, timeout_ms):
        # Fresh directory, own session (no controlling terminal for vhangup to hang up, and a
        # process group to kill), no core files from the calls that crash on purpose.
        def child_setup():
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        limit = 30 + count * (0.05 + timeout_ms / 1000.0)
        with tempfile.TemporaryDirectory(prefix="sp-probe-") as cwd:
            p = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, start_new_session=True,
                                 preexec_fn=child_setup)
            try:
                out, err = p.communicate(timeout=limit)
                how = "exit %d" % p.returncode if p.returncode >= 0 else \
                    "signal %s" % signal.Signals(-p.returncode).name
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                out, err = p.communicate()
                how = "killed after %d s" % limit
        return out.decode(errors="replace"), err.decode(errors="replace"), how

    def attribute(self, results, stderr):
        """Fills in Result.by and Result.answered_by: who gave each answer."""
        unsupported = {}  # number -> what QEMU logged about it
        for m in re.finditer(r"Unsupported syscall: (-?\d+)", stderr):
            unsupported[int(m.group(1))] = m.group(0)
        # qemu-arm's own handling of the private ARM calls (0xf0000 + k) says so unasked.
        for m in re.finditer(r"Unsupported ARM syscall: (0x[0-9a-f]+)", stderr):
            unsupported[int(m.group(1), 16)] = m.group(0)
        unlogged = []
        for r in results:
            if self.native:
                r.by, r.answered_by = "the host kernel (%s)" % self._host_kernel, "host"
                continue
            if r.status == "ENOSYS" and r.nr in unsupported:
                r.by = "the emulator (%s logged \"%s\")" % (self.emulator_version(), unsupported[r.nr])
                r.answered_by = "emulator"
            elif r.status == "ENOSYS":
                unlogged.append(r)
            elif r.status == "crashed":
                r.by = "the emulator (%s delivers the guest's signals)" % self.emulator_version()
                r.answered_by = "emulator"
            else:
                r.by = "%s (emulated, or passed on to the host kernel)" % self.emulator_version()
                r.answered_by = "either"
        if unlogged:
            self._attribute_unlogged(unlogged)

    def _attribute_unlogged(self, results):
        # QEMU knew the number, so it handled the call: either it passed it on and the host
        # kernel said ENOSYS, or QEMU refused it itself.  The host's same-named call, probed
        # natively, tells the two apart.
        if self._host is False:
            self._host = host_native_target(self.config_path, self.tables)
        host = self._host
        verdicts = {}
        if host is not None:
            host_abi, host_target = host
            host_table = self.tables.syscalls(host_abi)
            asks = [(host_table[r.name], r.name) for r in results if r.name in host_table]
            if asks:
                for h in host_target.run(asks):
                    verdicts[h.name] = (host_abi, h)
        for r in results:
            v = verdicts.get(r.name)
            if v is None and host is not None and r.name:
                # QEMU passes a call on only as the host's call of the same name.
                r.by = ("the emulator (%s answered itself: the host's %s table has no %s to "
                        "pass it on to)" % (self.emulator_version(), host[0], r.name))
                r.answered_by = "emulator"
            elif v is None:
                r.by = ("%s or the host kernel (the emulator knows the number but did not say "
                        "which; the host has no %s to compare)" % (self.emulator_version(), r.name or r.nr))
                r.answered_by = "either"
            elif v[1].status == "ENOSYS":
                r.by = ("the host kernel (%s passed it on; the host's own %s %s %d is ENOSYS "
                        "natively too)" % (self.emulator_version(), v[0], r.name, v[1].nr))
                r.answered_by = "host"
            else:
                r.by = ("the emulator (%s refused it although the host's %s %s %d is %s natively)"
                        % (self.emulator_version(), v[0], r.name, v[1].nr, v[1].answer()))
                r.answered_by = "emulator"


def host_native_target(config_path, tables):
    """(abi, Target) of the configured target that runs natively on this host without
    conditions (its record's run.native_on names this OS and CPU, with no `needs`), or
    None."""
    for rec in tables.records():
        if not rec.native_on_host():
            continue
        try:
            target = Target(rec.name, config_path, tables=tables)
        except InputError:
            continue
        if target.native:
            return (rec.abi, target)
    return None
