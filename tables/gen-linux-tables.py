#!/usr/bin/env python3
"""Generate sysport's Linux syscall, errno and signal tables from the kernel's own sources.

Usage:
    python3 tables/gen-linux-tables.py [--source /usr/src/linux-source-6.1.tar.xz | --source-dir DIR]
                                       --out tables/linux

The source is Debian's linux-source-6.1 package; the tarball is read once and only the files
listed in NEEDED_MEMBERS are extracted to a temp directory.

What the tables are pinned to is the upstream series (6.1), not a release: Debian's
linux-source-6.1 moves between 6.1.y stable releases and package revisions, neither of
which renumbers anything.  So the generated headers name only the series; SOURCE records
the exact release and package version the tables were last generated from, for
information (tables/check-up-to-date.py fails on a changed number or series, and only
notes a changed release or package version).

How the numbers are obtained (nothing is typed by hand; every value comes out of the kernel
tree and the host C preprocessor):

* Per ABI we run the host `cpp` in `-undef -nostdinc` mode with the handful of macros the
  target's compiler predefines (``Abi.cpp``; e.g. `_MIPS_SIM=_ABI64` for mips n64,
  `__ARM_EABI__` for arm EABI) and the kernel's uapi include path, exactly as a userspace
  program including <asm/unistd.h> on that target would see it.
* Architectures with a `syscall*.tbl` get their generated uapi header (unistd_64.h, ...)
  rebuilt the way scripts/syscallhdr.sh does it (same ABI filter and same `--offset`
  macro as the arch's Makefile), so the offsets (mips __NR_Linux 4000/5000/6000, x32's
  __X32_SYSCALL_BIT, arm OABI's __NR_OABI_SYSCALL_BASE, ia64's 1024) come from the
  kernel's own uapi headers.
* Generic-unistd architectures (arm64, riscv, loongarch, csky, ...) evaluate
  include/uapi/asm-generic/unistd.h through the arch's uapi asm/unistd.h, which sets the
  arch's __ARCH_WANT_* defines; __SYSCALL() is captured to learn which numbers have an
  entry point, and __NR_arch_specific_syscall is only ever used as the base of the arch's
  private calls (it is a number range, not a syscall).
* A syscall name is emitted only when its number has a real entry point for this ABI in
  some kernel build: tbl lines with no entry, `-`, sys_ni_syscall or sparc's
  sys_nis_syscall in every entry column are left out, as are generic __SYSCALL(nr,
  sys_ni_syscall) slots.  (The uapi headers shipped by linux-libc-dev still define such
  names; tables/check-headers.py reports those as warnings.)
* errno and signal values come from the arch's uapi asm/errno.h and asm/signal.h (or the
  asm-generic ones the arch falls back to).

Python 3 standard library only; output is sorted and byte-for-byte deterministic.
"""

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "linux-source-6.1"
DEFAULT_SOURCE = "/usr/src/linux-source-6.1.tar.xz"
# Written into every generated header.  It is the canonical command (the one
# tables/check-up-to-date.py runs), not sys.argv, so that --source-dir or a different
# --out spelling produces identical files.
CANONICAL_COMMAND = ("python3 tables/gen-linux-tables.py "
                     "--source /usr/src/linux-source-6.1.tar.xz --out tables/linux")

ARM_PRIVATE_PREFIX = "ARM_"


class Abi:
    """One kernel ABI: one syscall-number space as seen from userspace."""

    def __init__(self, name, arch, bits, cpp, tbl=None, tbl_abis=None, gen_header=None,
                 offset=None, entry_columns=None, triple="-", note=""):
        self.name = name            # directory name under tables/linux/
        self.arch = arch            # kernel arch/ directory
        self.bits = bits            # sizeof(long) * 8 in this ABI
        self.cpp = cpp              # extra predefined macros of the target compiler
        self.tbl = tbl              # path of syscall*.tbl, None = asm-generic/unistd.h
        self.tbl_abis = tbl_abis    # ABI column values that belong to this ABI
        self.gen_header = gen_header  # generated uapi header name (asm/<gen_header>)
        self.offset = offset        # --offset macro of scripts/syscallhdr.sh, or None
        self.entry_columns = entry_columns  # tbl columns holding entry points
        self.triple = triple        # Debian 12 cross triple for this ABI, "-" if none
        self.note = note


def predef(bits, *extra):
    """Macros every GCC predefines that the uapi headers test, plus arch-specific ones."""
    size = bits // 8
    out = ["__CHAR_BIT__=8", "__SIZEOF_LONG__=%d" % size, "__SIZEOF_POINTER__=%d" % size,
           "__linux__=1", "__unix__=1"]
    if bits == 64:
        out.append("__LP64__=1")
    else:
        out.append("__ILP32__=1")
    out.extend(extra)
    return out


MIPS_SIM = ["_ABIO32=1", "_ABIN32=2", "_ABI64=3"]

# The ABI filters, generated header names and --offset macros below are those of each
# arch's kernel/syscalls/Makefile (arch/x86/entry/syscalls/Makefile, arch/arm/tools/Makefile);
# if a predefine selects a different generated header than the one we rebuilt, cpp fails
# with "No such file", so a mismatch cannot go unnoticed.
ABIS = [
    # --- the main ABI of x86, arm, riscv, powerpc, s390 and mips ---------------------------
    # (Which target uses which table is in the targets' records, arch/<target>/target.json,
    # "tables": {"abi": ...}; the tables know ABIs only.)
    Abi("x86_64", "x86", 64, predef(64, "__x86_64__=1", "__amd64__=1"),
        tbl="arch/x86/entry/syscalls/syscall_64.tbl", tbl_abis=("common", "64"),
        gen_header="unistd_64.h", triple="x86_64-linux-gnu"),
    Abi("i386", "x86", 32, predef(32, "__i386__=1"),
        tbl="arch/x86/entry/syscalls/syscall_32.tbl", tbl_abis=("i386",),
        gen_header="unistd_32.h", triple="i686-linux-gnu"),
    Abi("arm64", "arm64", 64, predef(64, "__aarch64__=1"),
        triple="aarch64-linux-gnu"),
    Abi("arm-eabi", "arm", 32, predef(32, "__arm__=1", "__ARM_EABI__=1"),
        tbl="arch/arm/tools/syscall.tbl", tbl_abis=("common", "eabi"),
        gen_header="unistd-eabi.h", offset="__NR_SYSCALL_BASE",
        triple="arm-linux-gnueabihf"),
    Abi("riscv64", "riscv", 64, predef(64, "__riscv=1", "__riscv_xlen=64"),
        triple="riscv64-linux-gnu"),
    Abi("powerpc64", "powerpc", 64, predef(64, "__powerpc__=1", "__powerpc64__=1"),
        tbl="arch/powerpc/kernel/syscalls/syscall.tbl", tbl_abis=("common", "nospu", "64"),
        gen_header="unistd_64.h", triple="powerpc64le-linux-gnu",
        note="one table for big- and little-endian powerpc64"),
    Abi("s390x", "s390", 64, predef(64, "__s390__=1", "__s390x__=1"),
        tbl="arch/s390/kernel/syscalls/syscall.tbl", tbl_abis=("common", "64"),
        gen_header="unistd_64.h", entry_columns=(3,), triple="s390x-linux-gnu"),
    Abi("mips-n64", "mips", 64, predef(64, "__mips__=1", "__mips64=1", "_MIPS_SZLONG=64",
                                       "_MIPS_SZPTR=64", "_MIPS_SIM=_ABI64", *MIPS_SIM),
        tbl="arch/mips/kernel/syscalls/syscall_n64.tbl", tbl_abis=None,
        gen_header="unistd_n64.h", offset="__NR_Linux", triple="mips64el-linux-gnuabi64"),
    # --- other ABIs of the same architectures ---------------------------------------------
    Abi("x32", "x86", 32, predef(32, "__x86_64__=1", "__amd64__=1"),
        tbl="arch/x86/entry/syscalls/syscall_64.tbl", tbl_abis=("common", "x32"),
        gen_header="unistd_x32.h", offset="__X32_SYSCALL_BIT",
        triple="x86_64-linux-gnux32"),
    Abi("arm-oabi", "arm", 32, predef(32, "__arm__=1"),
        tbl="arch/arm/tools/syscall.tbl", tbl_abis=("common", "oabi"),
        gen_header="unistd-oabi.h", offset="__NR_SYSCALL_BASE",
        note="OABI passes the number in the swi immediate: __NR_OABI_SYSCALL_BASE + n"),
    Abi("riscv32", "riscv", 32, predef(32, "__riscv=1", "__riscv_xlen=32")),
    Abi("powerpc32", "powerpc", 32, predef(32, "__powerpc__=1"),
        tbl="arch/powerpc/kernel/syscalls/syscall.tbl", tbl_abis=("common", "nospu", "32"),
        gen_header="unistd_32.h", triple="powerpc-linux-gnu"),
    Abi("s390", "s390", 32, predef(32, "__s390__=1"),
        tbl="arch/s390/kernel/syscalls/syscall.tbl", tbl_abis=("common", "32"),
        gen_header="unistd_32.h", entry_columns=(4,),
        note="31-bit ABI; since Linux 4.1 only as compat on a 64-bit kernel"),
    Abi("mips-o32", "mips", 32, predef(32, "__mips__=1", "_MIPS_SZLONG=32", "_MIPS_SZPTR=32",
                                       "_MIPS_SIM=_ABIO32", *MIPS_SIM),
        tbl="arch/mips/kernel/syscalls/syscall_o32.tbl", tbl_abis=None,
        gen_header="unistd_o32.h", offset="__NR_Linux", triple="mipsel-linux-gnu"),
    Abi("mips-n32", "mips", 32, predef(32, "__mips__=1", "__mips64=1", "_MIPS_SZLONG=32",
                                       "_MIPS_SZPTR=32", "_MIPS_SIM=_ABIN32", *MIPS_SIM),
        tbl="arch/mips/kernel/syscalls/syscall_n32.tbl", tbl_abis=None,
        gen_header="unistd_n32.h", offset="__NR_Linux", triple="mips64el-linux-gnuabin32"),
    Abi("alpha", "alpha", 64, predef(64, "__alpha__=1"),
        tbl="arch/alpha/kernel/syscalls/syscall.tbl", tbl_abis=None,
        gen_header="unistd_32.h", triple="alpha-linux-gnu"),
    Abi("sparc64", "sparc", 64, predef(64, "__sparc__=1", "__arch64__=1"),
        tbl="arch/sparc/kernel/syscalls/syscall.tbl", tbl_abis=("common", "64"),
        gen_header="unistd_64.h", triple="sparc64-linux-gnu"),
    Abi("sparc32", "sparc", 32, predef(32, "__sparc__=1"),
        tbl="arch/sparc/kernel/syscalls/syscall.tbl", tbl_abis=("common", "32"),
        gen_header="unistd_32.h"),
    Abi("parisc64", "parisc", 64, predef(64, "__hppa__=1"),
        tbl="arch/parisc/kernel/syscalls/syscall.tbl", tbl_abis=("common", "64"),
        gen_header="unistd_64.h"),
    Abi("parisc32", "parisc", 32, predef(32, "__hppa__=1"),
        tbl="arch/parisc/kernel/syscalls/syscall.tbl", tbl_abis=("common", "32"),
        gen_header="unistd_32.h", triple="hppa-linux-gnu"),
    Abi("ia64", "ia64", 64, predef(64, "__ia64__=1"),
        tbl="arch/ia64/kernel/syscalls/syscall.tbl", tbl_abis=None,
        gen_header="unistd_64.h", offset="__NR_Linux"),
    Abi("m68k", "m68k", 32, predef(32, "__m68k__=1"),
        tbl="arch/m68k/kernel/syscalls/syscall.tbl", tbl_abis=None,
        gen_header="unistd_32.h", triple="m68k-linux-gnu"),
    Abi("microblaze", "microblaze", 32, predef(32, "__microblaze__=1"),
        tbl="arch/microblaze/kernel/syscalls/syscall.tbl", tbl_abis=None,
        gen_header="unistd_32.h"),
    Abi("sh", "sh", 32, predef(32, "__sh__=1"),
        tbl="arch/sh/kernel/syscalls/syscall.tbl", tbl_abis=None,
        gen_header="unistd_32.h", triple="sh4-linux-gnu"),
    Abi("xtensa", "xtensa", 32, predef(32, "__xtensa__=1"),
        tbl="arch/xtensa/kernel/syscalls/syscall.tbl", tbl_abis=None,
        gen_header="unistd_32.h"),
    Abi("loongarch64", "loongarch", 64, predef(64, "__loongarch__=1", "__loongarch_grlen=64")),
    Abi("csky", "csky", 32, predef(32, "__csky__=1")),
    Abi("hexagon", "hexagon", 32, predef(32, "__hexagon__=1")),
    Abi("openrisc", "openrisc", 32, predef(32, "__or1k__=1")),
    Abi("nios2", "nios2", 32, predef(32, "__nios2__=1")),
    Abi("arc", "arc", 32, predef(32, "__arc__=1"), triple="arc-linux-gnu"),
]

# tbl entry points that mean "no syscall here".
NOT_IMPLEMENTED = {"", "-", "sys_ni_syscall", "sys_nis_syscall"}

# __NR_* / __ARM_NR_* macros that are bases, counts or masks, not syscalls.
NR_META = re.compile(r"^(?:__NR_(?:syscalls|Linux|Linux_syscalls|(?:O32|N32|64)_Linux"
                     r"(?:_syscalls)?|SYSCALL_BASE|OABI_SYSCALL_BASE|SYSCALL_MASK|"
                     r"arch_specific_syscall)|__ARM_NR_BASE)$")

# Secondary spellings: when one of these shares its number with another name it becomes an
# alias of that name (the standard one); when its number is its own (EDEADLOCK 58 on
# powerpc, 56 on mips) it is a canonical entry.
ERRNO_SECONDARY = ["EWOULDBLOCK", "EDEADLOCK", "ECANCELLED", "EREFUSED"]
SIGNAL_SECONDARY = ["SIGIOT", "SIGCLD", "SIGPOLL", "SIGINFO", "SIGLOST", "SIGUNUSED"]
# Not signal numbers although they look like signal names.
SIGNAL_NOT_SIGNALS = {"SIGSTKSZ", "SIGRTMIN", "SIGRTMAX"}

NEEDED_MEMBERS = [
    "Makefile",
    "arch/*/kernel/syscalls/*.tbl",
    "arch/x86/entry/syscalls/*.tbl",
    "arch/arm/tools/syscall.tbl",
    "arch/*/include/uapi/*",
    "arch/*/include/asm/signal.h",
    "include/uapi/asm-generic/*",
    "include/uapi/linux/*",
]


class GenError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# source handling

def extract(tarball, dest):
    """Extract only NEEDED_MEMBERS from the tarball (streamed once) into dest."""
    prefix_re = re.compile(r"^[^/]+/")
    pats = [re.compile("^" + re.escape(p).replace(r"\*", "[^/]*") + "$") for p in NEEDED_MEMBERS]
    # "arch/*/include/uapi/*" and the include/uapi dirs are whole subtrees.
    trees = [re.compile(r"^arch/[^/]+/include/uapi/"), re.compile(r"^include/uapi/asm-generic/"),
             re.compile(r"^include/uapi/linux/")]
    n = 0
    with tarfile.open(tarball, "r|*") as tf:
        for m in tf:
            if not m.isfile():
                continue
            rel = prefix_re.sub("", m.name, count=1)
            if not (any(p.match(rel) for p in pats) or any(t.match(rel) for t in trees)):
                continue
            if ".." in rel.split("/"):
                raise GenError("refusing suspicious member %r" % m.name)
            path = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            src = tf.extractfile(m)
            with open(path, "wb") as f:
                shutil.copyfileobj(src, f)
            n += 1
    if n == 0:
        raise GenError("no kernel files found in %s" % tarball)
    return dest


def kernel_release(src):
    """(release, series) from the tree's top Makefile: ("6.1.192", "6.1")."""
    vals = {}
    with open(os.path.join(src, "Makefile")) as f:
        for line in f:
            m = re.match(r"^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\s*=\s*(\S*)", line)
            if m:
                vals[m.group(1)] = m.group(2)
            if len(vals) == 4:
                break
    if not all(vals.get(k) for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL")):
        raise GenError("%s/Makefile has no VERSION, PATCHLEVEL and SUBLEVEL" % src)
    series = "%s.%s" % (vals["VERSION"], vals["PATCHLEVEL"])
    return "%s.%s%s" % (series, vals["SUBLEVEL"], vals.get("EXTRAVERSION", "")), series


def package_name(series):
    """Debian names the package after the series: linux-source-6.1."""
    return "linux-source-%s" % series


def installed_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package],
                             capture_output=True, text=True, check=True).stdout.strip()
        return out or None
    except (OSError, subprocess.CalledProcessError):
        return None


def upstream_of(debian_version):
    """The upstream part of a Debian version: 6.1.192-3 -> 6.1.192 (no epoch, no revision,
    no ~bpo or +b suffix)."""
    v = debian_version.split(":", 1)[-1]
    if "-" in v:
        v = v.rsplit("-", 1)[0]
    return re.split(r"[~+]", v, maxsplit=1)[0]


# --------------------------------------------------------------------------------------------
# C preprocessor and integer-expression evaluation

class Cpp:
    def __init__(self, cpp, src, work):
        self.cpp = cpp
        self.src = src
        self.work = work
        # asm/<x>.h -> asm-generic/<x>.h for every generic uapi header: what Kbuild's
        # generic-y / mandatory-y does for an arch that has no file of its own.  It sits
        # after the arch's own uapi directory, so the arch's file always wins.
        self.shim = os.path.join(work, "shim")
        os.makedirs(os.path.join(self.shim, "asm"), exist_ok=True)
        gdir = os.path.join(src, "include/uapi/asm-generic")
        for name in sorted(os.listdir(gdir)):
            if name.endswith(".h"):
                with open(os.path.join(self.shim, "asm", name), "w") as f:
                    f.write("#include <asm-generic/%s>\n" % name)
        # scripts/headers_install.sh deletes these includes from exported uapi headers.
        os.makedirs(os.path.join(self.shim, "linux"), exist_ok=True)
        for name in ("compiler.h", "compiler_types.h"):
            with open(os.path.join(self.shim, "linux", name), "w") as f:
                f.write("/* removed by headers_install */\n")

    def run(self, abi, text, gen_dir=None, dm=False, extra_defines=()):
        args = [self.cpp, "-undef", "-nostdinc", "-P", "-x", "c"]
        if dm:
            args.append("-dM")
        for d in list(abi.cpp) + list(extra_defines):
            args.append("-D" + d)
        if gen_dir:
            args += ["-I", gen_dir]
        args += ["-I", os.path.join(self.src, "arch", abi.arch, "include/uapi"),
                 "-I", self.shim,
                 "-I", os.path.join(self.src, "include/uapi"), "-"]
        p = subprocess.run(args, input=text, capture_output=True, text=True)
        if p.returncode != 0:
            raise GenError("cpp failed for %s:\n%s\n--- input ---\n%s" % (abi.name, p.stderr, text))
        return p.stdout

    def macros(self, abi, text, **kw):
        """name -> body of every object-like macro defined after preprocessing text."""
        out = {}
        for line in self.run(abi, text, dm=True, **kw).splitlines():
            m = re.match(r"^#define ([A-Za-z_]\w*)(?:\s+(.*))?$", line)
            if m:
                out[m.group(1)] = (m.group(2) or "").strip()
        return out

    def evaluate(self, abi, prologue, names, **kw):
        """Fully macro-expand each name after the prologue; return name -> int (or None)."""
        lines = [prologue]
        for n in names:
            lines.append('SP_EVAL_MARK "%s" = %s ;' % (n, n))
        out = self.run(abi, "\n".join(lines) + "\n", **kw)
        vals = {}
        for line in out.splitlines():
            m = re.match(r'^\s*SP_EVAL_MARK "(\w+)" = (.*) ;\s*$', line)
            if m:
                vals[m.group(1)] = c_int(m.group(2))
        return vals


_C_INT = re.compile(r"\b(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b")


def c_int(expr):
    """Evaluate a preprocessed C integer constant expression; None if it is not one."""
    def lit(m):
        t = m.group(1)
        if t.lower().startswith("0x"):
            return str(int(t, 16))
        if len(t) > 1 and t.startswith("0"):
            return str(int(t, 8))
        return t
    py = _C_INT.sub(lit, expr.strip())
    if not py or re.search(r"[A-Za-z_]", py):
        return None
    try:
        tree = ast.parse(py, mode="eval")
    except SyntaxError:
        return None

    def ev(n):
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, int):
            return n.value
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.USub, ast.UAdd, ast.Invert)):
            v = ev(n.operand)
            return -v if isinstance(n.op, ast.USub) else (~v if isinstance(n.op, ast.Invert) else v)
        if isinstance(n, ast.BinOp):
            a, b = ev(n.left), ev(n.right)
            ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                   ast.BitOr: lambda: a | b, ast.BitAnd: lambda: a & b,
                   ast.LShift: lambda: a << b, ast.RShift: lambda: a >> b,
                   ast.Div: lambda: int(a / b)}
            for k, f in ops.items():
                if isinstance(n.op, k):
                    return f()
        raise ValueError(py)
    try:
        return ev(tree)
    except (ValueError, ZeroDivisionError):
        return None


# --------------------------------------------------------------------------------------------
# syscalls

def read_tbl(path):
    """Rows (nr, abi, name, [entry points]) of a syscall*.tbl."""
    rows = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) < 3:
                raise GenError("%s:%d: malformed line" % (path, lineno))
            rows.append((int(parts[0], 0), parts[1], parts[2], parts[3:]))
    return rows


def write_generated_header(path, rows, offset):
    """What scripts/syscallhdr.sh writes for these rows (all of them, implemented or not)."""
    with open(path, "w") as f:
        for nr, _abi, name, _entries in rows:
            val = "(%s + %d)" % (offset, nr) if offset else str(nr)
            f.write("#define __NR_%s %s\n" % (name, val))


def syscalls_tbl(abi, cpp, src, work):
    rows = [r for r in read_tbl(os.path.join(src, abi.tbl))
            if abi.tbl_abis is None or r[1] in abi.tbl_abis]
    seen = {}
    for nr, _a, name, _e in rows:
        if name in seen and seen[name] != nr:
            raise GenError("%s: %s listed twice (%d, %d)" % (abi.name, name, seen[name], nr))
        seen[name] = nr
    gen_dir = os.path.join(work, "gen", abi.name)
    os.makedirs(os.path.join(gen_dir, "asm"), exist_ok=True)
    write_generated_header(os.path.join(gen_dir, "asm", abi.gen_header), rows, abi.offset)

    defs = cpp.macros(abi, "#include <asm/unistd.h>\n", gen_dir=gen_dir)
    names = sorted(n for n in defs if (n.startswith("__NR_") or n.startswith("__ARM_NR_"))
                   and not NR_META.match(n))
    vals = cpp.evaluate(abi, "#include <asm/unistd.h>", names, gen_dir=gen_dir)

    implemented = set()
    for nr, _a, name, entries in rows:
        cols = entries if abi.entry_columns is None else \
            [entries[c - 3] for c in abi.entry_columns if c - 3 < len(entries)]
        if any(e not in NOT_IMPLEMENTED for e in cols):
            v = vals.get("__NR_" + name)
            if v is None:
                raise GenError("%s: __NR_%s did not evaluate" % (abi.name, name))
            implemented.add(v)

    out = {}
    for n in names:
        v = vals.get(n)
        if v is None:
            raise GenError("%s: %s = %r is not an integer" % (abi.name, n, defs.get(n)))
        if n.startswith("__ARM_NR_"):
            # Private ARM calls live outside the tbl, in arm_syscall() (arch/arm/kernel/traps.c).
            out[ARM_PRIVATE_PREFIX + n[len("__ARM_NR_"):]] = v
        elif v in implemented:
            out[n[len("__NR_"):]] = v
    # Rows whose ABI column not every ABI of this tbl reads belong to this ABI alone (x32's
    # 512-547, s390's 16-bit uid calls): "same name, same number" does not apply to them.
    sharers = [a for a in ABIS if a.tbl == abi.tbl]
    private = set()
    if len(sharers) > 1:
        shared_columns = set.intersection(*(set(a.tbl_abis) for a in sharers))
        private = {name for _nr, col, name, _e in rows
                   if col not in shared_columns and name in out}
    sources = ["%s (ABI %s)" % (abi.tbl, ",".join(abi.tbl_abis) if abi.tbl_abis else "all"),
               "arch/%s/include/uapi/asm/unistd.h" % abi.arch]
    return out, sources, private


def syscalls_generic(abi, cpp, src, work):
    prologue = ("#define __SYSCALL(nr, call) SP_ENTRY_MARK(nr, call)\n"
                "#include <asm/unistd.h>\n")
    text = cpp.run(abi, prologue)
    implemented = set()
    for m in re.finditer(r"SP_ENTRY_MARK\(([^,]*),\s*(\w+)\s*\)", text):
        v = c_int(m.group(1))
        if v is None:
            raise GenError("%s: __SYSCALL number %r" % (abi.name, m.group(1)))
        if m.group(2) not in NOT_IMPLEMENTED:
            implemented.add(v)
    defs = cpp.macros(abi, "#include <asm/unistd.h>\n")
    names = sorted(n for n in defs if n.startswith("__NR_") and not NR_META.match(n))
    vals = cpp.evaluate(abi, "#include <asm/unistd.h>", names)
    out = {}
    for n in names:
        v = vals.get(n)
        if v is None:
            raise GenError("%s: %s = %r is not an integer" % (abi.name, n, defs.get(n)))
        if v in implemented:
            out[n[len("__NR_"):]] = v
    unnamed = implemented - set(out.values())
    if unnamed:
        raise GenError("%s: implemented numbers without a name: %s" % (abi.name, sorted(unnamed)))
    # The arch's own calls, defined as __NR_arch_specific_syscall + k, reuse that range
    # differently on every arch (cacheflush is 244 on arc and nios2, 245 on csky).
    private = {n[len("__NR_"):] for n in names
               if "__NR_arch_specific_syscall" in defs[n] and n[len("__NR_"):] in out}
    sources = ["include/uapi/asm-generic/unistd.h",
               "arch/%s/include/uapi/asm/unistd.h (__ARCH_WANT_* defines)" % abi.arch]
    return out, sources, private


# --------------------------------------------------------------------------------------------
# errno and signals

def split_aliases(abi, vals, defs, secondary, what):
    """vals: name -> int.  Returns (canonical name -> int, alias -> canonical)."""
    by_val = {}
    for n, v in vals.items():
        by_val.setdefault(v, []).append(n)
    canon, alias = {}, {}
    for v, group in by_val.items():
        primary = [n for n in group if n not in secondary]
        if len(group) == 1:
            canon[group[0]] = v
            continue
        if len(primary) == 1:
            c = primary[0]
        elif not primary:
            # Only secondary spellings share this value: follow the header's own aliasing.
            targets = [n for n in group if defs.get(n) not in group]
            if len(targets) != 1:
                raise GenError("%s: %s names %s share %d" % (abi.name, what, group, v))
            c = targets[0]
        else:
            raise GenError("%s: %s names %s share %d; decide which is canonical"
                           % (abi.name, what, sorted(group), v))
        canon[c] = v
        for n in group:
            if n != c:
                alias[n] = c
    return canon, alias


def errnos(abi, cpp, src):
    defs = cpp.macros(abi, "#include <asm/errno.h>\n")
    names = sorted(n for n in defs if re.match(r"^E[A-Z0-9]+$", n))
    vals = cpp.evaluate(abi, "#include <asm/errno.h>", names)
    bad = [n for n in names if vals.get(n) is None]
    if bad:
        raise GenError("%s: errno macros not integers: %s" % (abi.name, bad))
    own = os.path.exists(os.path.join(src, "arch", abi.arch, "include/uapi/asm/errno.h"))
    source = ("arch/%s/include/uapi/asm/errno.h" % abi.arch) if own else \
        "include/uapi/asm-generic/errno.h + errno-base.h"
    canon, alias = split_aliases(abi, {n: vals[n] for n in names}, defs, ERRNO_SECONDARY, "errno")
    return canon, alias, source


def signals(abi, cpp, src):
    defs = cpp.macros(abi, "#include <asm/signal.h>\n")
    names = sorted(n for n in defs if re.match(r"^SIG[A-Z0-9]+$", n))
    nsig = kernel_nsig(abi, cpp, src)
    # SIGRTMAX is _NSIG on most arches, which several uapi headers keep kernel-only.
    prologue = "#include <asm/signal.h>\n#ifndef _NSIG\n#define _NSIG %d\n#endif" % nsig
    vals = cpp.evaluate(abi, prologue, names)
    sig = {}
    for n in names:
        if n in SIGNAL_NOT_SIGNALS:
            continue
        v = vals.get(n)
        if v is None or not 1 <= v < nsig:
            raise GenError("%s: %s = %r is not a signal number" % (abi.name, n, defs[n]))
        sig[n] = v
    canon, alias = split_aliases(abi, sig, defs, SIGNAL_SECONDARY, "signal")
    own = os.path.exists(os.path.join(src, "arch", abi.arch, "include/uapi/asm/signal.h"))
    source = ("arch/%s/include/uapi/asm/signal.h" % abi.arch) if own else \
        "include/uapi/asm-generic/signal.h"
    rt = (vals.get("SIGRTMIN"), vals.get("SIGRTMAX"))
    return canon, alias, nsig, rt, source


def kernel_nsig(abi, cpp, src):
    """The kernel's _NSIG: the number of signals the kernel's sigset_t holds.

    Most uapi signal.h headers define it for everybody; sparc's gives userspace the old 32
    unless __KERNEL__ or __WANT_POSIX1B_SIGNALS__ is set; x86, arm, alpha, m68k, ia64 and
    s390 define it only in the kernel-internal arch/<arch>/include/asm/signal.h (s390 in
    terms of the uapi asm/sigcontext.h)."""
    vals = cpp.evaluate(abi, "#include <asm/signal.h>", ["_NSIG"],
                        extra_defines=["__WANT_POSIX1B_SIGNALS__"])
    if vals.get("_NSIG") is not None:
        return vals["_NSIG"]
    kpath = os.path.join(src, "arch", abi.arch, "include/asm/signal.h")
    if not os.path.exists(kpath):
        raise GenError("%s: no _NSIG anywhere" % abi.name)
    with open(kpath) as f:
        ktext = f.read()
    m = re.search(r"^#define\s+_NSIG\s+(.+?)\s*$", ktext, re.M)
    if not m:
        raise GenError("%s: no _NSIG in %s" % (abi.name, kpath))
    prologue = "#include <asm/signal.h>\n"
    if re.search(r"^#include <asm/sigcontext.h>", ktext, re.M):
        prologue += "#include <asm/sigcontext.h>\n"
    prologue += "#undef _NSIG\n#define _NSIG %s" % m.group(1)
    v = cpp.evaluate(abi, prologue, ["_NSIG"]).get("_NSIG")
    if v is None:
        raise GenError("%s: _NSIG (%s) did not evaluate" % (abi.name, m.group(1)))
    return v


# --------------------------------------------------------------------------------------------
# output

def guard(abi, what):
    return "SP_TABLES_LINUX_%s_%s_H" % (re.sub(r"[^A-Z0-9]", "_", abi.name.upper()), what)


def origin(series):
    """What the headers say they come from: the series only, never the stable release or
    the Debian revision, which change without changing a number."""
    return ("Linux %s.y from Debian's %s (the exact release is in tables/linux/SOURCE)"
            % (series, package_name(series)))


def header_comment(abi, what, version, sources, notes):
    lines = ["/* Linux %s for the %s ABI (kernel arch/%s)." % (what, abi.name, abi.arch),
             " *",
             " * Generated by: %s" % CANONICAL_COMMAND,
             " * From: %s" % version,
             ]
    for s in sources:
        lines.append(" *   %s" % s)
    lines.append(" *")
    for n in notes:
        lines.append(" * %s" % n)
    lines.append(" *")
    lines.append(" * DO NOT EDIT: generated file; change tables/gen-linux-tables.py and regenerate.")
    lines.append(" */")
    return "\n".join(lines) + "\n"


def x_table(macro, entries):
    """`#define macro(X) \\` + one `  X(a, b) \\` per entry; the last has no backslash."""
    if not entries:
        return "#define %s(X)\n" % macro
    out = ["#define %s(X) \\" % macro]
    for i, (a, b) in enumerate(entries):
        out.append("  X(%s, %s)%s" % (a, b, " \\" if i + 1 < len(entries) else ""))
    return "\n".join(out) + "\n"


def write_syscalls(path, abi, version, table, sources):
    notes = ["SP_NR_<name> is the number exactly as placed in the syscall-number register",
             "(mips: o32 4000+n, n64 5000+n, n32 6000+n; x32: with __X32_SYSCALL_BIT 0x40000000;",
             "arm OABI: the swi immediate 0x900000+n).  Names whose slot has no entry point in",
             "this ABI (sys_ni_syscall, none, '-') are not defined.  Aliases the uapi header",
             "defines (e.g. alpha getpid = getxpid) appear with the same number."]
    if abi.arch == "arm":
        notes += ["Private ARM syscalls (__ARM_NR_<name> = __ARM_NR_BASE + k, handled by",
                  "arm_syscall() rather than the table) are spelled SP_NR_ARM_<name>."]
    if abi.note:
        notes.append("Note: %s." % abi.note)
    entries = sorted(table.items(), key=lambda kv: (kv[1], kv[0]))
    g = guard(abi, "SYSCALLS")
    text = header_comment(abi, "syscall numbers", version, sources, notes)
    text += "#ifndef %s\n#define %s\n\n" % (g, g)
    for name, v in entries:
        text += "#define SP_NR_%s %d\n" % (name, v)
    text += "\n" + x_table("SP_SYSCALL_TABLE", [(n, str(v)) for n, v in entries])
    text += "\n#endif /* %s */\n" % g
    write_file(path, text)


def write_errno(path, abi, version, canon, alias, source):
    notes = ["uapi errno values (positive; the raw syscall returns their negation or, on",
             "powerpc/mips/sparc/alpha, signals the error out of band).  ALIAS_TABLE maps",
             "alternative spellings to the canonical name."]
    entries = sorted(canon.items(), key=lambda kv: (kv[1], kv[0]))
    aliases = sorted(alias.items())
    g = guard(abi, "ERRNO")
    text = header_comment(abi, "errno values", version, [source], notes)
    text += "#ifndef %s\n#define %s\n\n" % (g, g)
    for n, v in entries:
        text += "#define SP_ERRNO_%s %d\n" % (n, v)
    for a, c in aliases:
        text += "#define SP_ERRNO_%s SP_ERRNO_%s\n" % (a, c)
    text += "\n" + x_table("SP_ERRNO_TABLE", [(n, v) for n, v in entries])
    text += "\n" + x_table("SP_ERRNO_ALIAS_TABLE", aliases)
    text += "\n#endif /* %s */\n" % g
    write_file(path, text)


def write_signals(path, abi, version, canon, alias, nsig, rt, source):
    notes = ["Signal numbers.  SP_SIGNAL_NSIG is the kernel's _NSIG (bits in the kernel",
             "sigset_t; rt_sigprocmask's sigsetsize is SP_SIGNAL_NSIG / 8).  SIGRTMIN/SIGRTMAX",
             "are the kernel's real-time range (libc reserves the first few) and are not in",
             "SP_SIGNAL_TABLE.  ALIAS_TABLE maps alternative spellings to the canonical name."]
    entries = sorted(canon.items(), key=lambda kv: (kv[1], kv[0]))
    aliases = sorted(alias.items())
    g = guard(abi, "SIGNALS")
    text = header_comment(abi, "signal numbers", version, [source], notes)
    text += "#ifndef %s\n#define %s\n\n" % (g, g)
    text += "#define SP_SIGNAL_NSIG %d\n" % nsig
    if rt[0] is not None:
        text += "#define SP_SIGNAL_SIGRTMIN %d\n" % rt[0]
    if rt[1] is not None:
        text += "#define SP_SIGNAL_SIGRTMAX %d\n" % rt[1]
    text += "\n"
    for n, v in entries:
        text += "#define SP_SIGNAL_%s %d\n" % (n, v)
    for a, c in aliases:
        text += "#define SP_SIGNAL_%s SP_SIGNAL_%s\n" % (a, c)
    text += "\n" + x_table("SP_SIGNAL_TABLE", [(n, v) for n, v in entries])
    text += "\n" + x_table("SP_SIGNAL_ALIAS_TABLE", aliases)
    text += "\n#endif /* %s */\n" % g
    write_file(path, text)


def write_file(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(text)


UNIFIED_FIRST = 424  # pidfd_send_signal: from here on every arch uses the asm-generic number


def unified_offsets(results):
    """Since Linux 5.1 new syscalls get the same number everywhere, plus a fixed per-ABI
    offset (mips 4000/5000/6000, alpha 110, ia64 1024, x32's bit, arm OABI's base).
    Check that, and return {abi: offset}, so a table that disagrees with the rest fails
    here instead of in a test."""
    ref = {}
    for a in ABIS:
        if a.tbl is None and a.name in results:
            for n, v in results[a.name].items():
                if v >= UNIFIED_FIRST and ref.setdefault(n, v) != v:
                    raise GenError("generic ABIs disagree on %s" % n)
    offsets = {}
    for name, table in results.items():
        offs = {table[n] - v for n, v in ref.items() if n in table}
        if len(offs) != 1:
            raise GenError("%s: syscalls >= %d are not one fixed offset from asm-generic: %s"
                           % (name, UNIFIED_FIRST, sorted(offs)))
        offsets[name] = offs.pop()
    return offsets


def write_private(out, abis, results, privates):
    """private-syscalls.txt: for each syscall source that several ABIs are generated from,
    the names that belong to one of them only, so that the consistency rule "same name, same
    number on ABIs that share a table" (tables/sptables/rules.py) knows where it stops."""
    sources = {}
    for a in abis:
        sources.setdefault(a.tbl or "asm-generic/unistd.h", []).append(a.name)
    lines = ["# Generated by: %s  DO NOT EDIT." % CANONICAL_COMMAND,
             "# Syscalls of a source that several ABIs share (same syscall-source file in",
             "# targets.txt) which belong to one ABI only: tbl rows whose ABI column not every",
             "# sharing ABI reads (x32's own 512-547, s390's 16-bit uid calls), and the",
             "# asm-generic arches' own calls at __NR_arch_specific_syscall + k.  Every other",
             "# name of a shared source has the same number, less the ABI's offset, everywhere.",
             "# abi  name  number"]
    for a in sorted(abis, key=lambda a: a.name):
        if len(sources[a.tbl or "asm-generic/unistd.h"]) < 2:
            continue
        for n in sorted(privates[a.name], key=lambda n: (results[a.name][n], n)):
            lines.append("%s %s %d" % (a.name, n, results[a.name][n]))
    write_file(os.path.join(out, "private-syscalls.txt"), "\n".join(lines) + "\n")


def write_source(out, series, release, package, pver):
    write_file(os.path.join(out, "SOURCE"),
               "# Source of the generated tables in this directory.  DO NOT EDIT.\n"
               "# Generated by: %s\n"
               "# series: the upstream kernel series the tables are pinned to; the generated files\n"
               "# name only it.  release, package: what they were last generated from, for\n"
               "# information.  tables/up-to-date fails when the series or any generated file\n"
               "# differs, and only notes a different release or package version.\n"
               "series: %s\n"
               "release: %s\n"
               "package: %s %s\n" % (CANONICAL_COMMAND, series, release, package, pver))


def write_index(out, abis, offsets):
    rows = [("# abi", "kernel-arch", "bits", "debian-triple", "new-nr-offset", "syscall-source")]
    for a in sorted(abis, key=lambda a: a.name):
        srcdesc = "%s[%s]" % (a.tbl, ",".join(a.tbl_abis) if a.tbl_abis else "all") if a.tbl \
            else "asm-generic/unistd.h"
        off = offsets[a.name]
        rows.append((a.name, a.arch, str(a.bits), a.triple,
                     "0x%x" % off if off >= 0x10000 else str(off), srcdesc))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = ["# Generated by: %s  DO NOT EDIT." % CANONICAL_COMMAND,
             "# One line per generated ABI: tables/linux/<abi>/.  debian-triple is the Debian 12",
             "# cross-compiler triple for that ABI ('-' if Debian 12 has none); new-nr-offset is",
             "# what this ABI adds to the asm-generic number of every syscall numbered %d and up."
             % UNIFIED_FIRST,
             "# A target's table is its record's \"tables\": {\"abi\": ...} (arch/<target>/target.json)."]
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    write_file(os.path.join(out, "targets.txt"), "\n".join(l.rstrip() for l in lines) + "\n")


# --------------------------------------------------------------------------------------------

def generate(out, source=None, source_dir=None, abis=None, package_version=None, cpp="cpp",
             index=True):
    """Write the tables of abis (default all) into out from a tarball (source) or an unpacked
    tree (source_dir).  index: also SOURCE, targets.txt and private-syscalls.txt, for the
    ABIs generated (tests generate a small tree from a synthetic source this way)."""
    abis = ABIS if abis is None else abis
    work = tempfile.mkdtemp(prefix="sp-linux-tables-")
    try:
        if source_dir:
            src = os.path.abspath(source_dir)
        else:
            tarball = source or DEFAULT_SOURCE
            if not os.path.exists(tarball):
                raise GenError("%s not found: apt-get install %s" % (tarball, PACKAGE))
            src = extract(tarball, os.path.join(work, "src"))
        release, series = kernel_release(src)
        package = package_name(series)
        pver = package_version or installed_version(package)
        if not pver:
            raise GenError("cannot tell the version of the %s package this Linux %s source "
                           "comes from (is it installed?); pass --package-version"
                           % (package, release))
        if upstream_of(pver) != release:
            raise GenError("the source is Linux %s, but %s %s is Linux %s: pass the "
                           "--package-version this source comes from"
                           % (release, package, pver, upstream_of(pver)))
        version = origin(series)
        cpp = Cpp(cpp, src, work)
        results, privates = {}, {}
        for abi in abis:
            if abi.tbl:
                table, sources, private = syscalls_tbl(abi, cpp, src, work)
            else:
                table, sources, private = syscalls_generic(abi, cpp, src, work)
            results[abi.name] = table
            privates[abi.name] = private
            d = os.path.join(out, abi.name)
            write_syscalls(os.path.join(d, "syscalls.h"), abi, version, table, sources)
            canon, alias, source_file = errnos(abi, cpp, src)
            write_errno(os.path.join(d, "errno.h"), abi, version, canon, alias, source_file)
            canon, alias, nsig, rt, source_file = signals(abi, cpp, src)
            write_signals(os.path.join(d, "signals.h"), abi, version, canon, alias, nsig, rt,
                          source_file)
        if index:
            write_source(out, series, release, package, pver)
            write_index(out, abis, unified_offsets(results))
            write_private(out, abis, results, privates)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--source", default=None,
                   help="linux-source tarball (default %s)" % DEFAULT_SOURCE)
    g.add_argument("--source-dir", default=None, help="an already unpacked kernel tree")
    ap.add_argument("--out", required=True, help="output directory (tables/linux)")
    ap.add_argument("--package-version", default=None,
                    help="Debian version of the linux-source-<series> package the source "
                         "comes from (default: ask dpkg-query)")
    ap.add_argument("--cpp", default=os.environ.get("CPP_FOR_TABLES", "cpp"),
                    help="C preprocessor to run (default cpp)")
    ap.add_argument("--abi", action="append", default=None,
                    help="generate only this ABI's headers (repeatable; default all, with "
                         "SOURCE, targets.txt and private-syscalls.txt)")
    args = ap.parse_args(argv)

    abis = ABIS
    if args.abi:
        known = {a.name: a for a in ABIS}
        unknown = [a for a in args.abi if a not in known]
        if unknown:
            ap.error("unknown ABI(s): %s" % ", ".join(unknown))
        abis = [known[a] for a in args.abi]
    try:
        generate(args.out, source=args.source, source_dir=args.source_dir, abis=abis,
                 package_version=args.package_version, cpp=args.cpp, index=not args.abi)
    except GenError as e:
        print("gen-linux-tables: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
