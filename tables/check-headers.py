#!/usr/bin/env python3
"""Check one ABI's generated tables against a toolchain's kernel headers.

    python3 tables/check-headers.py --abi mips-n64 --cc mips64el-linux-gnuabi64-gcc
    python3 tables/check-headers.py --abi alpha --include /usr/alpha-linux-gnu/include

The second form needs no cross compiler, only the headers (Debian's
linux-libc-dev-<arch>-cross): the host cpp reads them with -undef -nostdinc and the
target predefines the generator uses for that ABI.

Compares tables/linux/<abi>/{syscalls,errno,signals}.h with what <asm/unistd.h>,
<asm/errno.h> and <asm/signal.h> define for the compiler's target (its sysroot's
linux-libc-dev headers), the way strace's ksysent test does:

  error    a name has a different number on the two sides        (exit status 1)
  warning  a name the header defines is missing from the tables   (usually a syscall
           slot with no entry point, which the tables leave out on purpose)
  note     a name only the tables define (e.g. the private ARM_* calls, or syscalls newer
           than the sysroot's headers)

Exit status: 0 no errors, 1 errors, 77 skipped (compiler or its headers not installed),
2 usage or internal error.  Python 3 standard library only.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_linux_tables",
                                                  os.path.join(HERE, "gen-linux-tables.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = load_generator()


class Skip(Exception):
    pass


def apt_hint(cc):
    base = os.path.basename(cc)
    if base in ("gcc", "cc", "cpp"):
        return "apt-get install gcc linux-libc-dev"
    m = re.match(r"^(.*)-(gcc|cc|cpp)(-\d+)?$", base)
    return "apt-get install gcc-%s" % m.group(1) if m else "install %s" % base


def run_cc(cc, cflags, text, dm):
    args = [cc] + cflags + ["-E", "-P", "-x", "c", "-"]
    if dm:
        args.insert(1, "-dM")
    try:
        p = subprocess.run(args, input=text, capture_output=True, text=True)
    except OSError as e:
        raise Skip("%s not runnable (%s): %s" % (cc, e.strerror, apt_hint(cc)))
    if p.returncode != 0:
        if re.search(r"asm/\w+\.h: No such file", p.stderr):
            raise Skip("%s has no kernel headers in its sysroot (%s): %s"
                       % (cc, p.stderr.strip().splitlines()[0], apt_hint(cc)))
        raise RuntimeError("%s failed:\n%s" % (" ".join(args), p.stderr))
    return p.stdout


def macros(cc, cflags, include, pattern, extra=""):
    out = run_cc(cc, cflags, extra + "#include %s\n" % include, dm=True)
    names = set()
    for line in out.splitlines():
        m = re.match(r"^#define (\w+)(?:\s|$)", line)  # object-like macros only
        if m and re.match(pattern, m.group(1)):
            names.add(m.group(1))
    return names


def values(cc, cflags, prologue, names):
    lines = [prologue] + ['SP_CHECK_MARK "%s" = %s ;' % (n, n) for n in sorted(names)]
    out = run_cc(cc, cflags, "\n".join(lines) + "\n", dm=False)
    vals = {}
    for line in out.splitlines():
        m = re.match(r'^\s*SP_CHECK_MARK "(\w+)" = (.*) ;\s*$', line)
        if m:
            vals[m.group(1)] = GEN.c_int(m.group(2))
    return vals


def include_cflags(abi, dirs):
    """Flags for the host cpp to read the kernel headers in dirs (the first holds
    asm/unistd.h) as abi, a generator ABI (GEN.ABIS), would see them: its predefines only."""
    flags = ["-undef", "-nostdinc"]
    for d in dirs:
        flags += ["-isystem", d]
    return flags + ["-D" + d for d in abi.cpp]


def header_syscalls(cc, cflags):
    """<asm/unistd.h>'s syscalls: name -> number (None: did not evaluate), __NR_<name> as
    <name> and the private __ARM_NR_<name> as ARM_<name>, the tables' spelling."""
    names = {n for n in macros(cc, cflags, "<asm/unistd.h>", r"^__(ARM_)?NR_\w+$")
             if not GEN.NR_META.match(n)}
    out = {}
    for n, v in values(cc, cflags, "#include <asm/unistd.h>", names).items():
        key = GEN.ARM_PRIVATE_PREFIX + n[len("__ARM_NR_"):] if n.startswith("__ARM_NR_") \
            else n[len("__NR_"):]
        out[key] = v
    return out


class Report:
    def __init__(self):
        self.errors = self.warnings = self.notes = 0
        self.summary = []

    def compare(self, what, header, tables, header_src, missing_reason=""):
        """header, tables: name -> int (None = did not evaluate)."""
        same = 0
        for n in sorted(set(header) | set(tables)):
            h, t = header.get(n, "absent"), tables.get(n, "absent")
            if n in header and n in tables:
                if h is None:
                    # e.g. SIGRTMAX = _NSIG, which the userspace header leaves undefined
                    print("note: %s %s: tables %s, %s does not give a number"
                          % (what, n, t, header_src))
                    self.notes += 1
                elif h != t:
                    print("error: %s %s: tables %s, %s %s" % (what, n, t, header_src, h))
                    self.errors += 1
                else:
                    same += 1
            elif n in header:
                print("warning: %s %s = %s in %s, not in the tables%s"
                      % (what, n, h, header_src, missing_reason))
                self.warnings += 1
            else:
                print("note: %s %s = %s only in the tables" % (what, n, t))
                self.notes += 1
        only_h = len(set(header) - set(tables))
        only_t = len(set(tables) - set(header))
        self.summary.append("%s %d same/%d header-only/%d tables-only"
                            % (what, same, only_h, only_t))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--abi", required=True, help="generated ABI, e.g. mips-n64")
    ap.add_argument("--cc", default=None,
                    help="target C compiler, e.g. mips64el-linux-gnuabi64-gcc")
    ap.add_argument("--include", action="append", default=None, metavar="DIR",
                    help="check the kernel headers in DIR (e.g. /usr/alpha-linux-gnu/include) "
                         "with the host cpp and the generator's predefines for --abi; "
                         "repeatable (the first must hold asm/unistd.h)")
    ap.add_argument("--cflags", default="", help="extra compiler flags (space separated)")
    ap.add_argument("--tables", default=os.path.join(HERE, "linux"),
                    help="generated tables directory (default tables/linux)")
    args = ap.parse_args(argv)

    tdir = os.path.join(args.tables, args.abi)
    if not os.path.isdir(tdir):
        print("check-headers: no tables for ABI %s in %s" % (args.abi, args.tables), file=sys.stderr)
        return 2
    cflags = args.cflags.split()
    if args.include:
        abi = {a.name: a for a in GEN.ABIS}.get(args.abi)
        if abi is None:
            print("check-headers: the generator has no ABI %s" % args.abi, file=sys.stderr)
            return 2
        if not os.path.exists(os.path.join(args.include[0], "asm", "unistd.h")):
            print("SKIP: no %s/asm/unistd.h: apt-get install linux-libc-dev-<arch>-cross "
                  "(the package that provides %s)" % (args.include[0], args.include[0]))
            return SKIP
        args.cc = args.cc or "cpp"
        cflags = include_cflags(abi, args.include) + cflags
    elif not args.cc:
        ap.error("one of --cc or --include is required")
    if shutil.which(args.cc) is None:
        print("SKIP: %s not installed: %s" % (args.cc, apt_hint(args.cc)))
        return SKIP
    ours = lambda h: '"%s"' % os.path.join(tdir, h)
    rep = Report()
    try:
        # --- syscalls --------------------------------------------------------------------
        header = header_syscalls(args.cc, cflags)
        tnames = macros(args.cc, cflags, ours("syscalls.h"), r"^SP_NR_\w+$")
        tv = values(args.cc, cflags, "#include %s" % ours("syscalls.h"), tnames)
        tables = {n[len("SP_NR_"):]: v for n, v in tv.items()}
        rep.compare("syscall", header, tables, "<asm/unistd.h>",
                    " (the tables leave out slots with no entry point)")

        # --- errno -----------------------------------------------------------------------
        hnames = macros(args.cc, cflags, "<asm/errno.h>", r"^E[A-Z0-9]+$")
        header = values(args.cc, cflags, "#include <asm/errno.h>", hnames)
        tnames = {n for n in macros(args.cc, cflags, ours("errno.h"), r"^SP_ERRNO_E[A-Z0-9]+$")}
        tv = values(args.cc, cflags, "#include %s" % ours("errno.h"), tnames)
        tables = {n[len("SP_ERRNO_"):]: v for n, v in tv.items()}
        rep.compare("errno", header, tables, "<asm/errno.h>")

        # --- signals ---------------------------------------------------------------------
        # __WANT_POSIX1B_SIGNALS__: sparc's header gives userspace the old _NSIG 32 otherwise.
        pre = "#define __WANT_POSIX1B_SIGNALS__ 1\n"
        hnames = macros(args.cc, cflags, "<asm/signal.h>", r"^(SIG[A-Z0-9]+|_NSIG)$", pre)
        hnames -= {"SIGSTKSZ"}
        header = values(args.cc, cflags, pre + "#include <asm/signal.h>", hnames)
        if "_NSIG" in header:
            header["NSIG"] = header.pop("_NSIG")
        tnames = macros(args.cc, cflags, ours("signals.h"), r"^SP_SIGNAL_\w+$")
        tv = values(args.cc, cflags, "#include %s" % ours("signals.h"), tnames)
        tables = {n[len("SP_SIGNAL_"):]: v for n, v in tv.items()}
        if "NSIG" not in header:
            # x86, arm, s390, ...: _NSIG is kernel-internal; nothing to compare it with.
            tables.pop("NSIG", None)
        rep.compare("signal", header, tables, "<asm/signal.h>")
    except Skip as e:
        print("SKIP: %s" % e)
        return SKIP
    except RuntimeError as e:
        print("check-headers: %s" % e, file=sys.stderr)
        return 2

    status = "FAIL" if rep.errors else "OK"
    against = args.include[0] if args.include else args.cc
    print("check-headers %s vs %s: %s; %d errors, %d warnings, %d notes: %s"
          % (args.abi, against, "; ".join(rep.summary), rep.errors, rep.warnings, rep.notes,
             status))
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
