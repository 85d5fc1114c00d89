"""A user's syscall-table entry, ARCH:NAME=NUMBER, and its verdict: what the generated
tables, the toolchain's headers, the two consistency rules and (optionally) a probe on the
target say about it."""

import re

from . import headers as headers_mod
from . import rules
from .model import InputError, resolve_arch
from .rules import Finding, fmt

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
NUMBER = re.compile(r"^(0[xX][0-9a-fA-F]+|[0-9]+)$")
# The largest number sysport accepts for a syscall register: 32 bits (the tables' largest,
# x32's 0x40000000 + 547, is far below it).
MAX_NUMBER = 0xffffffff


class Entry:
    def __init__(self, text, abi, name, nr, where=""):
        self.text = text    # as the user wrote it
        self.abi = abi      # resolved ABI name
        self.name = name
        self.nr = nr        # None: "the number the tables give" (ARCH:NAME)
        self.where = where  # "file:line: " for entries from a file


def parse(tables, text, where=""):
    """ARCH:NAME=NUMBER (or ARCH:NAME) -> Entry; InputError naming the problem."""
    t = text.strip()
    example = "expected ARCH:NAME=NUMBER, e.g. aarch64:mseal=462"
    if ":" not in t:
        raise InputError("%smalformed entry '%s' (%s)" % (where, text, example))
    arch, rest = t.split(":", 1)
    if not arch.strip():
        raise InputError("%smalformed entry '%s': no arch before ':' (%s)" % (where, text, example))
    if "=" in rest:
        name, number = (s.strip() for s in rest.split("=", 1))
    else:
        name, number = rest.strip(), None
    if not NAME.match(name):
        raise InputError("%smalformed entry '%s': '%s' is not a syscall name (letters, digits "
                         "and _) (%s)" % (where, text, name, example))
    abi = resolve_arch(tables, arch)
    nr = None
    if number is not None:
        nr = parse_number(number, " in '%s'" % text, where)
        if nr is None:
            raise InputError("%smalformed entry '%s': '%s' is not a number (decimal or 0x hex)"
                             % (where, text, number))
    return Entry(text.strip(), abi, name, nr, where)


def parse_number(text, context="", where=""):
    """A syscall number (decimal or 0x hex) -> int; None if text is not written as one;
    InputError if it is negative or larger than MAX_NUMBER."""
    t = text.strip()
    if re.match(r"^-\s*(0[xX][0-9a-fA-F]+|[0-9]+)$", t):
        raise InputError("%snegative syscall number %s%s" % (where, t, context))
    if not NUMBER.match(t):
        return None
    nr = int(t, 0)
    if nr > MAX_NUMBER:
        raise InputError("%ssyscall number %s%s is out of range (at most 0x%x)"
                         % (where, t, context, MAX_NUMBER))
    return nr


def parse_file(tables, path):
    """One entry per line; '#' starts a comment; blank lines are skipped."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise InputError("cannot read %s: %s" % (path, e.strerror))
    out = []
    for i, line in enumerate(lines, 1):
        body = line.split("#", 1)[0].strip()
        if body:
            out.append(parse(tables, body, "%s:%d: " % (path, i)))
    if not out:
        raise InputError("%s has no entries" % path)
    return out


def resolve_numbers(tables, entries):
    """ARCH:NAME entries take their number from the tables, else from the headers."""
    for e in entries:
        if e.nr is not None:
            continue
        nr = tables.syscalls(e.abi).get(e.name)
        if nr is None:
            try:
                nr = headers_mod.read(tables.abis[e.abi]).syscalls.get(e.name)
            except headers_mod.NoHeaders:
                pass
        if nr is None:
            raise InputError("%sunknown name '%s' for %s: neither the tables nor the headers have "
                             "it; give its number (%s:%s=NUMBER)"
                             % (e.where, e.name, e.abi, e.text.split(":")[0], e.name))
        e.nr = nr


class Verdict:
    def __init__(self, entry, target):
        self.entry = entry
        self.target = target      # the target that runs this ABI, or None
        self.findings = []        # [Finding]
        self.probe = None         # probe.Result

    def add(self, f):
        if f is not None:
            self.findings.append(f)

    def level(self):
        order = Finding.LEVELS
        return max((f.level for f in self.findings), key=order.index, default="ok")

    def _get(self, check):
        return next((f for f in self.findings if f.check == check), None)

    def summary(self):
        """One line: the issue's vocabulary (matches headers / contradicts headers (expected
        N) / unknown to these headers but consistent with the shared numbering / probe...)."""
        parts = []
        h = self._get("headers")
        shared = self._get("shared numbering")
        same = self._get("same table")
        tables = self._get("tables")
        if h is not None:
            if h.level == "error":
                parts.append("contradicts headers" + (" (expected %s)" % fmt(h.expected) if h.expected is not None else ""))
            elif h.message.startswith("matches"):
                parts.append("matches headers")
            elif h.message.startswith("no headers"):
                parts.append("no headers to compare with" +
                             (", consistent with the shared numbering"
                              if shared is not None and shared.level == "ok" else ""))
            elif shared is not None and shared.level == "ok":
                parts.append("unknown to these headers but consistent with the shared numbering")
            else:
                parts.append("unknown to these headers")
        if tables is not None and tables.level == "error":
            parts.append("contradicts the tables" + (" (expected %s)" % fmt(tables.expected) if tables.expected is not None else ""))
        if shared is not None and shared.level == "error":
            parts.append("inconsistent with the shared numbering" +
                         (" (expected %s)" % fmt(shared.expected) if shared.expected is not None else ""))
        if same is not None and same.level == "error":
            parts.append("inconsistent with the ABIs sharing its table" +
                         (" (expected %s)" % fmt(same.expected) if same.expected is not None else ""))
        p = self._get("probe")
        if self.probe is not None:
            r = self.probe
            if r.status == "ENOSYS":
                who = {"emulator": "the emulator", "host": "the host kernel"}.get(
                    r.answered_by, "the emulator or the host kernel")
                parts.append("probe says ENOSYS (from %s)" % who)
            elif r.status == "implemented":
                parts.append("probe says implemented (%s)" % r.answer())
            else:
                parts.append("probe says %s (%s)" % (r.status, r.answer()))
        elif p is not None:
            parts.append("not probed")
        return "; ".join(parts)


def _against(kind, entry, table, where):
    """The tables or headers check: (level, message, expected)."""
    name, nr = entry.name, entry.nr
    others = sorted(n for n, v in table.items() if v == nr and n != name)
    if name in table:
        if table[name] == nr:
            return Finding("ok", kind, "matches %s: %s = %s" % (where, name, fmt(nr)))
        return Finding("error", kind, "contradicts %s: %s is %s there%s"
                       % (where, name, fmt(table[name]),
                          ", and %s is %s" % (fmt(nr), ", ".join(others)) if others else ""),
                       expected=table[name])
    if others:
        return Finding("error", kind, "contradicts %s: %s is %s there, and %s is not in it"
                       % (where, fmt(nr), ", ".join(others), name))
    return Finding("note", kind, "%s is not in %s, and %s is free there" % (name, where, fmt(nr)))


def judge(tables, entries, probe_targets=None, probe_runs=None, probed_by=None):
    """Verdicts for entries.  probe_runs: {(abi, nr): probe.Result} already run, probed_by:
    {abi: the target that ran them}, and probe_targets: {abi: reason it was not probed} for
    the rest.  A verdict names the target that probed, else the first whose record uses
    the ABI's table."""
    verdicts = []
    for e in entries:
        abi = tables.abis[e.abi]
        v = Verdict(e, (probed_by or {}).get(e.abi) or next(iter(tables.targets(e.abi)), None))
        v.add(_against("tables", e, tables.syscalls(e.abi), "the %s table%s"
                       % (e.abi, " (%s)" % tables.origin if tables.origin else "")))
        try:
            h = headers_mod.read(abi)
            v.add(_against("headers", e, h.syscalls, h.describe()))
        except headers_mod.NoHeaders as err:
            v.add(Finding("note", "headers", "no headers for %s: %s" % (e.abi, err)))
        # The other entries count as evidence, this one does not vote for itself.
        solo = rules.World(tables, [(o.abi, o.name, o.nr) for o in entries if o is not e])
        v.add(rules.check_shared(solo, e.abi, e.name, e.nr))
        v.add(rules.check_same_table(solo, e.abi, e.name, e.nr))
        r = (probe_runs or {}).get((e.abi, e.nr))
        if r is not None:
            v.probe = r
            if r.status == "implemented":
                v.add(Finding("ok", "probe", "implemented: %s, from %s" % (r.answer(), r.by)))
            elif r.status == "ENOSYS":
                v.add(Finding("warning", "probe", "ENOSYS: not implemented by %s" % r.by))
            elif r.status == "crashed":
                level = "note" if r.expected_note() else "warning"
                v.add(Finding(level, "probe", "crashed: %s%s, from %s" % (r.answer(), r.expected_note(), r.by)))
            else:
                v.add(Finding("warning", "probe", "%s: %s" % (r.status, r.answer())))
        elif probe_targets is not None:
            v.add(Finding("note", "probe", "not probed: %s" % probe_targets.get(e.abi, "no target")))
        verdicts.append(v)
    return verdicts
