"""./sysport tables COMMAND ... (tables/sysport-tables).

  check --entry ARCH:NAME=N ... [--file F]   one verdict per entry and target: the tables,
                                             the headers, the consistency rules, a probe
  probe --target T (NAME|NUMBER ... | --all) run numbers on a target (natively or under
                                             QEMU) and classify each answer
  consistency                                both consistency rules over every generated table
  headers --target T                         the target's tables against its cross headers
  arches                                     the arch names an entry may use

Exit status: 0 fine, 1 something was caught (an error, or with --strict a warning; for probe,
an --expect-implemented call that was not), 2 bad input (one line on stderr says what).
"""

import argparse
import os
import subprocess
import sys
import time

from . import entries as entries_mod
from . import headers as headers_mod
from . import probe as probe_mod
from . import rules
from .model import DEFAULT_TABLES, HERE, ALIASES, InputError, Tables
from .rules import fmt

PROG = "sysport tables"


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        # One line, like every other input error of this tool.
        raise InputError(message)


def build_parser():
    ap = ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0],
                        epilog=__doc__.split("\n\n", 1)[1],
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tables", default=DEFAULT_TABLES,
                    help="generated tables directory (default tables/linux)")
    ap.add_argument("--config", default=None,
                    help="the build's sysport-config.json (default $SYSPORT_CONFIG, else "
                         "the one in $SYSPORT_BUILD_DIR or build/)")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    c = sub.add_parser("check", help="verdicts for syscall-table entries")
    c.add_argument("--entry", action="append", default=[], metavar="ARCH:NAME=N",
                   help="an entry, e.g. aarch64:mseal=462 (repeatable); ARCH:NAME takes the "
                        "number the tables give")
    c.add_argument("--file", action="append", default=[], metavar="FILE",
                   help="entries, one per line ('#' comments)")
    c.add_argument("--no-probe", action="store_true", help="do not run the numbers")
    c.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    c.add_argument("--timeout-ms", type=int, default=probe_mod.DEFAULT_TIMEOUT_MS,
                   help="how long a probed call may block (default %(default)s)")

    p = sub.add_parser("probe", help="run syscall numbers on a target and classify the answers")
    p.add_argument("--target", required=True, help="a Linux target (./sysport list)")
    p.add_argument("what", nargs="*", metavar="NAME|NUMBER",
                   help="a name in the target's table, or a number")
    p.add_argument("--all", action="store_true", help="every entry of the target's table")
    p.add_argument("--timeout-ms", type=int, default=probe_mod.DEFAULT_TIMEOUT_MS,
                   help="how long a call may block before it counts as blocking (default %(default)s)")
    p.add_argument("--expect-implemented", default="", metavar="NAME,...",
                   help="exit 1 unless these names of the table are implemented")
    p.add_argument("--verbose", "-v", action="store_true", help="with --all, every entry")
    p.add_argument("--skip-if-unavailable", action="store_true",
                   help="exit 77 (CTest's skip) when the target cannot run here")

    sub.add_parser("consistency", help="both consistency rules over every generated table")

    h = sub.add_parser("headers", help="the target's tables against its cross toolchain's headers")
    h.add_argument("--target", required=True)

    sub.add_parser("arches", help="arch names an entry may use")
    return ap


# ------------------------------------------------------------------------------------------

def cmd_check(args, tables):
    entries = [entries_mod.parse(tables, e) for e in args.entry]
    for f in args.file:
        entries += entries_mod.parse_file(tables, f)
    if not entries:
        raise InputError("check needs --entry ARCH:NAME=N or --file FILE")
    entries_mod.resolve_numbers(tables, entries)
    if args.timeout_ms <= 0:
        raise InputError("--timeout-ms must be positive, not %d" % args.timeout_ms)

    runs, not_probed, probed_by = {}, {}, {}
    if args.no_probe:
        not_probed = {e.abi: "--no-probe" for e in entries}
    else:
        by_abi = {}
        for e in entries:
            by_abi.setdefault(e.abi, []).append(e)
        for abi, es in sorted(by_abi.items()):
            targets = tables.targets(abi)
            if not targets:
                not_probed[abi] = "no target's record (arch/*/target.json) uses the %s table" % abi
                continue
            t = None
            for target in targets:  # the first that can run here
                try:
                    t = probe_mod.Target(target, args.config, tables=tables)
                    break
                except InputError as err:
                    not_probed.setdefault(abi, str(err))
            if t is None:
                continue
            not_probed.pop(abi, None)
            probed_by[abi] = t.name
            asks = sorted({(e.nr, e.name) for e in es})
            for r in t.run(asks, args.timeout_ms):
                runs[(abi, r.nr)] = r

    verdicts = entries_mod.judge(tables, entries, not_probed, runs, probed_by)
    counts = {"error": 0, "warning": 0}
    for v in verdicts:
        e = v.entry
        print("%s  (%s table%s)" % (e.text if e.text.count("=") else "%s=%s" % (e.text, fmt(e.nr)),
                                    e.abi, ", target %s" % v.target if v.target else ", no target"))
        for f in v.findings:
            print("  %-8s %-8s %s" % (f.check.split()[0] if f.check != "same table" else "same-tbl",
                                      f.level, f.message))
            if f.level in counts:
                counts[f.level] += 1
        if v.probe is not None:
            print("  %-8s %-8s (%s)" % ("", "", v.probe.where))
        print("  verdict  %s: %s" % (v.target or e.abi, v.summary()))
        print()
    failed = counts["error"] or (args.strict and counts["warning"])
    print("%d entr%s: %d error%s, %d warning%s%s" % (
        len(verdicts), "y" if len(verdicts) == 1 else "ies",
        counts["error"], "" if counts["error"] == 1 else "s",
        counts["warning"], "" if counts["warning"] == 1 else "s",
        " (--strict: warnings fail)" if args.strict and counts["warning"] else ""))
    return 1 if failed else 0


def cmd_probe(args, tables):
    abi = tables.by_target(args.target)
    if abi is None:
        raise InputError("unknown target '%s' (Linux targets with tables: %s)"
                         % (args.target, ", ".join(tables.target_names())))
    table = tables.syscalls(abi.name)
    if args.timeout_ms <= 0:
        raise InputError("--timeout-ms must be positive, not %d" % args.timeout_ms)
    if args.all and args.what:
        raise InputError("give names/numbers or --all, not both")
    if not args.all and not args.what:
        raise InputError("probe needs NAME|NUMBER ... or --all")
    expect = [n for n in args.expect_implemented.split(",") if n]
    for n in expect:
        if n not in table:
            raise InputError("--expect-implemented: unknown name '%s' in the %s table" % (n, abi.name))

    asks = []
    if args.all:
        asks = sorted((v, n) for n, v in table.items())
        # Two names at one number (alpha getpid = getxpid) are one probe.
        seen, unique = set(), []
        for nr, n in asks:
            if nr not in seen:
                seen.add(nr)
                unique.append((nr, n))
        asks = unique
    else:
        for w in args.what:
            nr = entries_mod.parse_number(w)
            if nr is not None:
                names = tables.names_at(abi.name, nr)
                asks.append((nr, names[0] if names else None))
            elif entries_mod.NAME.match(w):
                if w not in table:
                    raise InputError("unknown name '%s': not in the %s table (%s); probe it by number"
                                     % (w, abi.name, tables.origin or tables.dir))
                asks.append((table[w], w))
            else:
                raise InputError("'%s' is neither a syscall name nor a number" % w)
    for n in expect:
        if table[n] not in {nr for nr, _ in asks}:
            asks.append((table[n], n))

    try:
        t = probe_mod.Target(args.target, args.config, build=not args.skip_if_unavailable,
                                 tables=tables)
    except probe_mod.Unavailable as e:
        if args.skip_if_unavailable:
            print("SKIP: %s" % e)
            return 77
        raise
    start = time.monotonic()
    results = t.run(asks, args.timeout_ms)
    seconds = time.monotonic() - start
    print("%s (%s table%s): %d number%s probed in %.2f s" % (
        t.describe(), abi.name, ", %d entries" % len(table) if args.all else "",
        len(results), "" if len(results) == 1 else "s", seconds))

    def line(r):
        label = r.name if r.name else "(not in the %s table)" % abi.name
        said = "" if r.status == "ENOSYS" else "%s%s, " % (r.answer(), r.expected_note())
        return "  %-8s %-24s %-12s %sfrom %s" % (fmt(r.nr), label, r.status, said, r.by)

    if args.all and not args.verbose:
        counts = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        print("  " + ", ".join("%s %d" % (k, counts[k]) for k in
                               ("implemented", "ENOSYS", "crashed", "probe failed") if k in counts))
        for r in results:
            if r.status != "implemented" or r.kind in ("timeout", "exited"):
                print(line(r))
    else:
        for r in results:
            print(line(r))

    status = 0
    for n in expect:
        r = next((r for r in results if r.nr == table[n]), None)
        if r is None or r.status != "implemented":
            print("expected %s (%s on %s) to be implemented, but the probe says %s"
                  % (n, fmt(table[n]), abi.name, r.status if r else "nothing"))
            status = 1
    if any(r.status == "probe failed" for r in results):
        status = 1
    return status


def cmd_consistency(args, tables):
    problems = rules.check_tables(tables)
    n = sum(len(tables.syscalls(a)) for a in tables.abis)
    for abi, name, nr, f in problems:
        print("error: %s: %s = %s: %s: %s" % (abi, name, fmt(nr), f.check, f.message))
    print("consistency of %s: %d ABIs, %d entries: %d error%s"
          % (tables.dir, len(tables.abis), n, len(problems), "" if len(problems) == 1 else "s"))
    return 1 if problems else 0


def cmd_headers(args, tables):
    abi = tables.by_target(args.target)
    if abi is None:
        raise InputError("unknown target '%s' (known: %s)"
                         % (args.target, ", ".join(tables.target_names())))
    # The headers `check` compares with: the cross compiler's, else Debian's bare cross
    # headers with the host cpp.
    try:
        how = headers_mod.check_headers_args(abi)
    except headers_mod.NoHeaders as e:
        raise InputError("no headers for %s: %s" % (abi.name, e))
    status = subprocess.run([sys.executable, os.path.join(HERE, "check-headers.py"),
                             "--abi", abi.name, "--tables", tables.dir] + how).returncode
    if status == headers_mod.CH.SKIP:
        print("%s: the %s headers could not be read (SKIP above)" % (PROG, abi.name),
              file=sys.stderr)
        return 2
    return status


def cmd_arches(args, tables):
    print("%-12s %-16s %s" % ("ABI", "targets", "aliases"))
    for name in sorted(tables.abis):
        aliases = sorted(k for k, v in ALIASES.items() if v == name and k != name)
        print("%-12s %-16s %s" % (name, ",".join(tables.targets(name)) or "-", " ".join(aliases)))
    return 0


def main(argv=None):
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
        if not args.command:
            ap.print_help()
            return 2
        tables = Tables(args.tables)
        return {"check": cmd_check, "probe": cmd_probe, "consistency": cmd_consistency,
                "headers": cmd_headers, "arches": cmd_arches}[args.command](args, tables)
    except InputError as e:
        print("%s: %s" % (PROG, e), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
