"""Helpers the tests share: running the command line, and copies of tables/linux with one
entry deliberately broken."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TABLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINUX = os.path.join(TABLES, "linux")
TOOL = os.path.join(TABLES, "sysport-tables")
CHECK_HEADERS = os.path.join(TABLES, "check-headers.py")


def run(argv, **kw):
    """Runs a command; returns (exit status, stdout, stderr)."""
    p = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kw)
    return p.returncode, p.stdout, p.stderr


def tool(*args):
    return run([sys.executable, TOOL] + list(args))


class BrokenTables:
    """A temp copy of tables/linux in which (abi, name) is moved to another number, in both
    its SP_NR_ macro and its X-table row, the way a hand edit would do it."""

    def __init__(self, edits):
        self.tmp = tempfile.mkdtemp(prefix="sp-broken-tables-")
        self.dir = os.path.join(self.tmp, "linux")
        shutil.copytree(LINUX, self.dir)
        for abi, name, nr in edits:
            path = os.path.join(self.dir, abi, "syscalls.h")
            with open(path) as f:
                text = f.read()
            text, n1 = re.subn(r"^#define SP_NR_%s \d+$" % name, "#define SP_NR_%s %d" % (name, nr),
                               text, flags=re.M)
            text, n2 = re.subn(r"^  X\(%s, \d+\)" % name, "  X(%s, %d)" % (name, nr), text,
                               flags=re.M)
            if n1 != 1 or n2 != 1:
                raise AssertionError("%s has no single %s to break" % (path, name))
            with open(path, "w") as f:
                f.write(text)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.tmp, ignore_errors=True)


def have(program):
    return shutil.which(program) is not None


def config_path():
    """The build's sysport-config.json (CTest passes SYSPORT_CONFIG), or None."""
    from sptables.probe import default_config_path
    p = default_config_path()
    return p if os.path.exists(p) else None


def target_ready(target):
    """None if `target`'s sp-probe can run here, else why not."""
    from sptables import probe
    try:
        probe.Target(target, config_path(), build=False)
    except probe.InputError as e:
        return str(e)
    return None


# Targets are picked from their records (arch/<target>/target.json) by what a test needs,
# never by name: the tables and their tests know ABIs only.

def linux_records():
    """Records of the Linux targets that have a generated table, sorted by name."""
    from sptables.records import linux_records as records
    return records()


def native_record():
    """The record of the target that runs natively on this host without conditions (its
    run.native_on names this OS and CPU, no `needs`), or None."""
    return next((r for r in linux_records() if r.native_on_host()), None)


def emulated_record():
    """A target that runs here only under its emulator: the first whose probe can run,
    else the first there is (its test then skips with the reason), or None."""
    emulated = [r for r in linux_records()
                if r.emulator and not r.native_on_host(conditional=True)]
    return next((r for r in emulated if target_ready(r.name) is None),
                emulated[0] if emulated else None)
