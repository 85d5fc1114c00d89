#!/usr/bin/env python3
"""tables/up-to-date: are the checked-in tables/linux what the generator makes from the
installed kernel source?

    python3 tables/check-up-to-date.py [--source TARBALL] [--tables DIR]
    python3 tables/check-up-to-date.py --generated DIR [--tables DIR]    (compare only)

The first form regenerates into a temp dir (tables/gen-linux-tables.py) and compares; the
second compares two trees the caller has already generated.

What it holds fixed: every generated file, byte for byte (every syscall, errno and signal
number, targets.txt, private-syscalls.txt, the headers' comments), and SOURCE's `series`,
the upstream series the numbers come from (6.1).  What it does not: SOURCE's `release` and
`package` lines (6.1.192, linux-source-6.1 6.1.192-3), which say what the tables were last
generated from.  Debian moves linux-source-6.1 between 6.1.y stable releases and package
revisions, and neither renumbers anything; when only those lines differ the check passes
and says so in one line.

Output: a different series is one line.  Other differences are the diff, then one line
naming both releases and the command that regenerates.  The last line always says what the
verdict is and why.  Exit status: 0 up to date, 1 not, 77 no kernel source (CTest's SKIP).
Python 3 standard library only.
"""

import argparse
import difflib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "gen-linux-tables.py")
SKIP = 77
PROG = "tables/up-to-date"
# SOURCE lines that are information only, not held fixed.
INFORMATIONAL = ("release", "package")


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_linux_tables", GENERATOR)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_source(tree):
    """SOURCE's key: value lines ({} if there is no SOURCE)."""
    path = os.path.join(tree, "SOURCE")
    if not os.path.exists(path):
        return {}
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^(\w+): (.*)$", line.rstrip("\n"))
            if m:
                out[m.group(1)] = m.group(2)
    return out


def files(tree):
    out = set()
    for d, _dirs, names in os.walk(tree):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), tree))
    return out


def read(tree, rel):
    with open(os.path.join(tree, rel), encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def held_fixed(rel, text):
    """The text compared: all of it, except SOURCE's informational lines."""
    if rel != "SOURCE":
        return text
    return "".join(l for l in text.splitlines(True)
                   if not re.match(r"^(%s): " % "|".join(INFORMATIONAL), l))


def data_lines(rel, text):
    """The lines that carry numbers: without the headers' comment block and the text
    files' # comments.  Only used to say whether a difference is in the numbers."""
    if rel.endswith(".h"):
        return [l for l in text.splitlines() if not re.match(r"^(/\*| \*)", l)]
    return [l for l in text.splitlines() if not l.startswith("#")]


def describe(src):
    """'Linux 6.1.192 (linux-source-6.1 6.1.192-3)' from a SOURCE dict."""
    if not src.get("release"):
        return "an unrecorded release (SOURCE has no release line)"
    pkg = src.get("package")
    return "Linux %s%s" % (src["release"], " (%s)" % pkg if pkg else "")


def compare(checked, fresh, checked_label, fresh_label, regen, max_lines):
    """Prints the verdict; returns the exit status."""
    old, new = read_source(checked), read_source(fresh)
    if old.get("series") and new.get("series") and old["series"] != new["series"]:
        print("%s: FAIL: the installed source is Linux %s, series %s, but tables/linux holds "
              "the %s series: install linux-source-%s, or move the tables to %s on purpose "
              "(regenerate with: %s)"
              % (PROG, new.get("release", "?"), new["series"], old["series"], old["series"],
                 new["series"], regen))
        return 1

    differ, in_numbers, diff = [], [], []
    for rel in sorted(files(checked) | files(fresh)):
        a = os.path.join(checked, rel)
        b = os.path.join(fresh, rel)
        if not os.path.exists(b):
            differ.append(rel)
            in_numbers.append(rel)
            diff.append("Only in %s: %s\n" % (checked_label, rel))
            continue
        if not os.path.exists(a):
            differ.append(rel)
            in_numbers.append(rel)
            diff.append("Only in %s: %s\n" % (fresh_label, rel))
            continue
        ta, tb = read(checked, rel), read(fresh, rel)
        if rel == "SOURCE" and old.get("series") and new.get("series"):
            ta, tb = held_fixed(rel, ta), held_fixed(rel, tb)
        if ta == tb:
            continue
        differ.append(rel)
        if rel != "SOURCE" and data_lines(rel, ta) != data_lines(rel, tb):
            in_numbers.append(rel)
        diff.extend(difflib.unified_diff(ta.splitlines(True), tb.splitlines(True),
                                         "%s/%s" % (checked_label, rel),
                                         "%s/%s" % (fresh_label, rel)))

    if not differ:
        if old.get("release") != new.get("release"):
            print("%s: ok: numbers identical; tables generated from Linux %s, installed source "
                  "is %s (%s): regenerate to record it"
                  % (PROG, old.get("release", "?"), new.get("release", "?"),
                     new.get("package", "?")))
        elif old.get("package") != new.get("package"):
            print("%s: ok: numbers identical; tables generated from %s, installed is %s "
                  "(the same Linux %s): regenerate to record it"
                  % (PROG, old.get("package", "?"), new.get("package", "?"),
                     new.get("release", "?")))
        else:
            print("%s: ok: tables/linux is what %s gives" % (PROG, describe(new)))
        return 0

    lines = "".join(l if l.endswith("\n") else l + "\n\\ No newline at end of file\n"
                    for l in diff).splitlines()
    for l in lines[:max_lines]:
        print(l)
    if len(lines) > max_lines:
        print("... (%d more diff lines)" % (len(lines) - max_lines))
    print()
    what = ("numbers differ in %s" % listing(in_numbers) if in_numbers else
            "no number differs, but %s %s" % (listing(differ), "does" if len(differ) == 1 else "do"))
    if old.get("release") == new.get("release") and old.get("package") == new.get("package"):
        why = ("tables generated from the same %s as installed: the generator changed, or "
               "tables/linux was edited" % describe(new))
    else:
        why = "tables generated from %s, installed source is %s" % (describe(old), describe(new))
    print("%s: FAIL: %s; %s; regenerate with: %s" % (PROG, what, why, regen))
    return 1


def listing(rels):
    if len(rels) <= 3:
        return ", ".join(rels)
    return "%s and %d more files" % (", ".join(rels[:3]), len(rels) - 3)


def main(argv):
    gen = load_generator()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tables", default=os.path.join(HERE, "linux"),
                    help="the checked-in tables (default tables/linux)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--source", default=None,
                   help="kernel source tarball (default $SP_LINUX_SOURCE, else %s)"
                        % gen.DEFAULT_SOURCE)
    g.add_argument("--generated", default=None, metavar="DIR",
                   help="compare with this already generated tree instead of regenerating")
    ap.add_argument("--package-version", default=None,
                    help="passed on to the generator (default: it asks dpkg-query)")
    args = ap.parse_args(argv)
    max_lines = int(os.environ.get("SP_DIFF_LINES", "400"))
    for d in (args.tables, args.generated):
        if d and not os.path.isdir(d):
            print("%s: FAIL: no tables directory %s" % (PROG, d))
            return 1

    if args.generated:
        return compare(args.tables, args.generated, "tables/linux", "generated",
                       gen.CANONICAL_COMMAND, max_lines)

    src = args.source or os.environ.get("SP_LINUX_SOURCE") or gen.DEFAULT_SOURCE
    if not os.path.exists(src):
        print("%s: SKIP: %s not found: apt-get install %s" % (PROG, src, gen.PACKAGE))
        return SKIP
    regen = gen.CANONICAL_COMMAND
    if os.path.abspath(src) != gen.DEFAULT_SOURCE:
        regen = regen.replace("--source %s" % gen.DEFAULT_SOURCE, "--source %s" % src)
    tmp = tempfile.mkdtemp(prefix="sp-tables-check-")
    try:
        out = os.path.join(tmp, "linux")
        cmd = [sys.executable, GENERATOR, "--source", src, "--out", out]
        if args.package_version:
            cmd += ["--package-version", args.package_version]
        start = time.monotonic()
        if subprocess.run(cmd).returncode != 0:
            print("%s: FAIL: the generator failed on %s (above)" % (PROG, src))
            return 1
        print("regenerated from %s in %.1f s" % (src, time.monotonic() - start))
        return compare(args.tables, out, "tables/linux", "generated", regen, max_lines)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
