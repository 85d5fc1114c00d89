"""The generated Linux tables as data: tables/linux/targets.txt (one line per ABI),
<abi>/syscalls.h (SP_NR_<name> <n>) and private-syscalls.txt, plus the names a user may
give an architecture.  Which target runs which ABI is not in the tables but in the targets'
records (arch/<target>/target.json, read by records.py)."""

import os
import re

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tables/
DEFAULT_TABLES = os.path.join(HERE, "linux")

# From Linux 5.1 (pidfd_send_signal, 424) every new syscall gets the same number on every
# arch, plus a fixed per-ABI offset (targets.txt's new-nr-offset: mips 4000/5000/6000,
# alpha 110, ia64 1024, x32's bit, arm OABI's base).  See the generator's unified_offsets.
SHARED_FIRST = 424


class InputError(Exception):
    """Bad user input: reported as one line, exit status 2."""


class Abi:
    def __init__(self, name, arch, bits, triple, offset, source):
        self.name = name          # directory under tables/linux/
        self.arch = arch          # kernel arch/ directory
        self.bits = bits
        self.triple = triple      # Debian cross triple, None if Debian 12 has none
        self.offset = offset      # added to the asm-generic number of syscalls >= 424
        self.source = source      # syscall source file: ABIs with the same one share a table

    def __repr__(self):
        return "Abi(%s)" % self.name


class Tables:
    """One directory of generated tables (tables/linux, or a copy a test has broken)."""

    COLUMNS = ("abi", "kernel-arch", "bits", "debian-triple", "new-nr-offset", "syscall-source")

    def __init__(self, directory=DEFAULT_TABLES, records=None):
        """records: [records.Record] of the Linux targets (default: arch/*/target.json)."""
        self.dir = directory
        self._records = records
        index = os.path.join(directory, "targets.txt")
        if not os.path.exists(index):
            raise InputError("no generated tables in %s (targets.txt is missing)" % directory)
        self.abis = {}
        columns = None
        with open(index) as f:
            for line in f:
                if re.match(r"^# *abi\s", line):
                    # Columns by their names in the header line, not by position.
                    columns = line.lstrip("# ").split()
                    missing = [c for c in self.COLUMNS if c not in columns]
                    if missing:
                        raise InputError("%s: no column %s in its header line"
                                         % (index, ", ".join(missing)))
                if line.startswith("#") or not line.strip():
                    continue
                if columns is None:
                    raise InputError("%s: no '# abi ...' header line before the ABIs" % index)
                row = dict(zip(columns, line.split()))
                triple = row["debian-triple"]
                self.abis[row["abi"]] = Abi(row["abi"], row["kernel-arch"], int(row["bits"]),
                                            None if triple == "-" else triple,
                                            int(row["new-nr-offset"], 0),
                                            row["syscall-source"].split("[", 1)[0])
        self._syscalls = {}
        self._slots = None
        self.private = {}
        path = os.path.join(directory, "private-syscalls.txt")
        if os.path.exists(path):
            with open(path) as f:
                for line in f:
                    if line.startswith("#") or not line.strip():
                        continue
                    abi, name, _nr = line.split()
                    self.private.setdefault(abi, set()).add(name)
        # "Linux 6.1": the series SOURCE pins the tables to.  Its release and package lines
        # say what they were last generated from, which changes without changing a number.
        self.origin = ""
        source = os.path.join(directory, "SOURCE")
        if os.path.exists(source):
            with open(source) as f:
                series = re.search(r"^series: (\S+)$", f.read(), re.M)
            if series:
                self.origin = "Linux %s" % series.group(1)

    def syscalls(self, abi):
        """name -> number for one ABI.  A #define SP_NR_ line that does not parse, or a table
        with none, is an error: skipping it would make every check see fewer entries and pass."""
        if abi not in self._syscalls:
            path = os.path.join(self.dir, abi, "syscalls.h")
            table = {}
            with open(path) as f:
                for i, line in enumerate(f, 1):
                    if not line.startswith("#define SP_NR_"):
                        continue
                    m = re.match(r"^#define SP_NR_(\w+) (\d+)$", line.rstrip("\n"))
                    if not m:
                        raise InputError("%s:%d: cannot read this syscall macro: %s"
                                         % (path, i, line.strip()))
                    table[m.group(1)] = int(m.group(2))
            if not table:
                raise InputError("%s defines no SP_NR_ syscall numbers" % path)
            self._syscalls[abi] = table
        return self._syscalls[abi]

    def generic_slots(self):
        """asm-generic number (nr - offset) -> [(abi, name)] over every table, built once."""
        if self._slots is None:
            self._slots = {}
            for abi in self.abis:
                off = self.abis[abi].offset
                for n, v in self.syscalls(abi).items():
                    self._slots.setdefault(v - off, []).append((abi, n))
        return self._slots

    def names_at(self, abi, nr):
        return sorted(n for n, v in self.syscalls(abi).items() if v == nr)

    def records(self):
        """The Linux targets' records whose table ABI is one of these tables."""
        if self._records is None:
            from .records import linux_records
            self._records = linux_records()
        return [r for r in self._records if r.abi in self.abis]

    def by_target(self, target):
        """The Abi a target's record names, or None."""
        rec = next((r for r in self.records() if r.name == target), None)
        return self.abis[rec.abi] if rec else None

    def targets(self, abi):
        """The targets whose record uses this ABI's table, sorted ([] if none)."""
        return [r.name for r in self.records() if r.abi == abi]

    def target_names(self):
        return [r.name for r in self.records()]

    def sharing(self, abi):
        """The other ABIs generated from the same syscall source (a shared table)."""
        src = self.abis[abi].source
        return [a for a in sorted(self.abis) if a != abi and self.abis[a].source == src]


# Names people use for an architecture, mapped to the kernel ABI of its table: Debian
# architecture names (dpkg --print-architecture), GNU triplet CPU names and uname -m.
# A name that could mean several ABIs (mips64: n64 or n32?) maps to the one Debian and
# sysport use for it (n64).
ALIASES = {
    "aarch64": "arm64",
    "amd64": "x86_64", "x86-64": "x86_64", "x64": "x86_64",
    "i686": "i386", "i586": "i386", "i486": "i386", "x86": "i386", "ia32": "i386",
    "arm": "arm-eabi", "armhf": "arm-eabi", "armel": "arm-eabi", "armv7": "arm-eabi",
    "armv7l": "arm-eabi", "eabi": "arm-eabi", "oabi": "arm-oabi",
    "ppc64le": "powerpc64", "ppc64el": "powerpc64", "ppc64": "powerpc64",
    "powerpc64le": "powerpc64",
    "ppc": "powerpc32", "powerpc": "powerpc32",
    "s390x": "s390x", "s390": "s390",
    "mips64el": "mips-n64", "mips64": "mips-n64", "n64": "mips-n64",
    "mipsn32": "mips-n32", "mipsn32el": "mips-n32", "mips64el-n32": "mips-n32", "n32": "mips-n32",
    "mips": "mips-o32", "mipsel": "mips-o32", "o32": "mips-o32",
    "sparc": "sparc32", "hppa": "parisc32", "parisc": "parisc32", "hppa64": "parisc64",
    "loongarch": "loongarch64", "loong64": "loongarch64",
    "sh4": "sh", "or1k": "openrisc", "riscv": "riscv64",
}


def resolve_arch(tables, name):
    """An ABI name, a sysport target name or an alias -> the ABI name."""
    key = name.strip().lower()
    if key in tables.abis:
        return key
    abi = tables.by_target(key)
    if abi:
        return abi.name
    if key in ALIASES and ALIASES[key] in tables.abis:
        return ALIASES[key]
    targets = tables.target_names()
    raise InputError("unknown arch '%s' (known: %s; targets: %s; aliases such as aarch64, "
                     "amd64, mips64el: ./sysport tables arches)"
                     % (name, ", ".join(sorted(tables.abis)), ", ".join(targets)))
