"""The targets' records, arch/<target>/target.json (arch/README.md): which generated table a
target uses (`tables.abi`) and where it runs (`run`).  The tables know ABIs, never targets;
this is where the tools learn which target runs an ABI.

Only the fields the tables tools use are read; checking the whole record (unknown keys,
required fields) is the shared reader's job."""

import glob
import json
import os
import platform

from .model import HERE, InputError

REPO = os.path.dirname(HERE)
ARCH = os.path.join(REPO, "arch")


class Record:
    def __init__(self, path, data):
        self.path = path
        self.name = data["target"]
        self.os = data["os"]
        self.abi = (data.get("tables") or {}).get("abi")  # tables/linux/<abi>, or "xnu"
        run = data.get("run") or {}
        self.native_on = run.get("native_on") or []
        self.emulator = run.get("emulator")           # {"kind", "command", ...} or None

    def native_on_host(self, os_name=None, cpu=None, conditional=False):
        """True when an entry of run.native_on matches this host (uname -s, uname -m).  An
        entry with `needs` (a kernel feature the host may lack) counts only when conditional
        is true."""
        os_name = (os_name or platform.system()).lower()
        cpu = cpu or platform.machine()
        return any(e.get("os") == os_name and e.get("cpu", cpu) == cpu
                   and (conditional or "needs" not in e) for e in self.native_on)

    def __repr__(self):
        return "Record(%s)" % self.name


_cache = {}


def read_records(arch_dir=ARCH):
    """name -> Record for every arch/<name>/target.json, read once."""
    if arch_dir not in _cache:
        records = {}
        for path in sorted(glob.glob(os.path.join(arch_dir, "*", "target.json"))):
            try:
                with open(path) as f:
                    data = json.load(f)
                rec = Record(path, data)
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
                raise InputError("cannot read the target record %s: %s" % (path, e))
            folder = os.path.basename(os.path.dirname(path))
            if rec.name != folder:
                raise InputError("%s says target '%s', but its folder is %s"
                                 % (path, rec.name, folder))
            records[rec.name] = rec
        _cache[arch_dir] = records
    return _cache[arch_dir]


def linux_records(arch_dir=ARCH):
    """The Linux targets' records that name a table ABI, sorted by target name."""
    return [r for _, r in sorted(read_records(arch_dir).items()) if r.os == "linux" and r.abi]
