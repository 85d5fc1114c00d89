#!/usr/bin/env python3
"""Transcribe sysport's Darwin (macOS) syscall, errno, signal and fcntl tables from XNU.

Usage:
    python3 tables/darwin/gen-darwin-tables.py --xnu DIR --tag TAG --out tables/darwin

DIR is a git clone of Apple's XNU sources (https://github.com/apple-oss-distributions/xnu);
the files are read from the commit TAG names (`git show TAG:path`), never from whatever is
checked out, so the tag recorded in each header is the tag the numbers came from. No Debian
package carries XNU, which is why the output is checked in and this script is only needed to
move to a newer tag (see tables/darwin/README.md).

What is read, and how:

* bsd/kern/syscalls.master: one line per BSD syscall number. A number is emitted when some
  branch of its `#if` blocks gives it a real entry point (the rule tables/linux uses: "in
  some kernel build"); the name is the one bsd/kern/makesyscalls.sh puts in the SDK's
  <sys/syscall.h> (SYS_<name>): a leading `sys_` is dropped and slot 0 is `syscall`.
  Slots whose only entry is nosys() or enosys() are listed in SP_SYSCALL_RESERVED_TABLE with
  their comment ("old mount"), so a tool can name them; SP_SYSCALL_NSYSENT is the number of
  slots (XNU sends every number at or past it to SYS_invalid, 63).
* bsd/sys/errno.h: the positive values userspace sees (__DARWIN_UNIX03, which every 64-bit
  program is: EOPNOTSUPP is 102, not ENOTSUP), without the kernel-internal negative ones.
* bsd/sys/signal.h: signals 1-31 in the default (_DARWIN_C_SOURCE) view, where 7 is SIGEMT;
  SIGPOLL exists only in strict POSIX mode, as 7, and is left out. NSIG is 32.
* bsd/sys/fcntl.h: the open(2) flags and *at() values the raw backend passes to the kernel.

Python 3 standard library only; output is deterministic.
"""

import argparse
import os
import re
import subprocess
import sys

CANONICAL_COMMAND = "python3 tables/darwin/gen-darwin-tables.py --xnu DIR --tag {tag} --out tables/darwin"

# The fcntl.h names the raw backend and the runner need (open flags, *at() arguments).
FCNTL_NAMES = [
    "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE", "O_NONBLOCK", "O_APPEND", "O_NOFOLLOW",
    "O_CREAT", "O_TRUNC", "O_EXCL", "O_NOCTTY", "O_DIRECTORY", "O_CLOEXEC",
    "AT_FDCWD", "AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR",
]


class XnuSource:
    def __init__(self, root, tag):
        self.root = root
        self.tag = tag
        self.is_git = subprocess.run(["git", "-C", root, "rev-parse", "--git-dir"],
                                     capture_output=True).returncode == 0
        if not self.is_git:
            sys.exit(f"gen-darwin-tables: {root} is not a git clone of XNU; clone "
                     "https://github.com/apple-oss-distributions/xnu and pass its directory")
        check = subprocess.run(["git", "-C", root, "rev-parse", "--verify", "--quiet", tag + "^{commit}"],
                               capture_output=True, text=True)
        if check.returncode != 0:
            sys.exit(f"gen-darwin-tables: no tag {tag} in {root} (git -C {root} tag --list 'xnu-*')")
        self.commit = check.stdout.strip()

    def read(self, path):
        out = subprocess.run(["git", "-C", self.root, "show", f"{self.tag}:{path}"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"gen-darwin-tables: cannot read {path} at {self.tag}: {out.stderr.strip()}")
        return out.stdout


SYSCALL_LINE = re.compile(r"^(\d+)\s+\S+\s+(\S+)\s+\{(.*?)\}\s*(?:\{(.*?)\})?\s*$")
FUNC_NAME = re.compile(r"^\s*[\w\s\*]*?\b(\w+)\s*\(")


def parse_syscalls(text):
    """-> (calls {nr: name}, reserved {nr: comment}, nsysent)."""
    calls, reserved, seen = {}, {}, set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        m = SYSCALL_LINE.match(line)
        if not m:
            sys.exit(f"gen-darwin-tables: cannot parse syscalls.master line: {raw!r}")
        nr, files, proto, comment = int(m.group(1)), m.group(2), m.group(3), (m.group(4) or "").strip()
        if files != "ALL" and "H" not in files:
            continue  # not in <sys/syscall.h>
        f = FUNC_NAME.match(proto)
        if not f:
            sys.exit(f"gen-darwin-tables: no function name in {proto!r}")
        func = f.group(1)
        seen.add(nr)
        if func in ("nosys", "enosys"):
            if nr == 0:
                calls[0] = "syscall"  # the indirect call: the number goes in the first argument
            elif nr not in calls:
                reserved[nr] = comment or func
            continue
        name = func[4:] if func.startswith("sys_") else func
        if nr in calls and calls[nr] != name:
            sys.exit(f"gen-darwin-tables: number {nr} is both {calls[nr]} and {name}")
        calls[nr] = name
        reserved.pop(nr, None)
    nsysent = max(seen) + 1
    if sorted(seen) != list(range(nsysent)):
        missing = sorted(set(range(nsysent)) - seen)
        sys.exit(f"gen-darwin-tables: syscalls.master skips numbers {missing[:10]}")
    return calls, reserved, nsysent


DEFINE = re.compile(r"^#define\s+(\w+)\s+(\(?-?\w+\)?)\s*(?:/\*.*)?$")


def parse_errno(text):
    values, aliases = {}, {}
    in_kernel_block = 0
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#ifdef KERNEL"):
            in_kernel_block = 1
        if in_kernel_block:
            continue  # pseudo-errors returned inside the kernel (ERESTART...) are not userspace's
        m = DEFINE.match(line)
        if not m or not m.group(1).startswith("E"):
            continue
        name, value = m.group(1), m.group(2)
        if value.isdigit():
            # EOPNOTSUPP is ENOTSUP for pre-UNIX03 source and 102 for UNIX03 (every 64-bit
            # program): the discrete value wins.
            values[name] = int(value)
            aliases.pop(name, None)
        elif re.fullmatch(r"E\w+", value) and name not in values:
            aliases[name] = value
    if "ELAST" in values:
        elast = values.pop("ELAST")
        if elast != max(values.values()):
            sys.exit(f"gen-darwin-tables: ELAST {elast} is not the largest errno {max(values.values())}")
    return values, aliases


def parse_signals(text):
    values, aliases = {}, {}
    nsig = None
    strict_posix = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#if") and "_POSIX_C_SOURCE" in line and "!defined(_POSIX_C_SOURCE)" not in line:
            strict_posix = True  # the strict-POSIX branch: SIGPOLL as 7
            continue
        if line.startswith("#else") or line.startswith("#endif"):
            strict_posix = False
            continue
        m = DEFINE.match(line)
        if not m:
            continue
        name, value = m.group(1), m.group(2)
        if name == "__DARWIN_NSIG":
            nsig = int(value)
        if strict_posix or not re.fullmatch(r"SIG[A-Z0-9]+", name):
            continue
        if value.isdigit():
            values[name] = int(value)
        elif re.fullmatch(r"SIG[A-Z0-9]+", value):
            aliases[name] = value
    if nsig is None:
        sys.exit("gen-darwin-tables: no __DARWIN_NSIG in signal.h")
    # Other SIG-prefixed sizes (SIGSTKSZ, MINSIGSTKSZ) are not signals: keep 1..NSIG-1.
    values = {n: v for n, v in values.items() if 0 < v < nsig}
    aliases = {a: c for a, c in aliases.items() if c in values}
    if sorted(values.values()) != list(range(1, nsig)):
        sys.exit(f"gen-darwin-tables: signals are not exactly 1..{nsig - 1}: {sorted(values.items())}")
    return values, aliases, nsig


def parse_fcntl(text):
    values = {}
    for raw in text.splitlines():
        m = DEFINE.match(raw.strip())
        if m and m.group(1) in FCNTL_NAMES and m.group(1) not in values:
            v = m.group(2).strip("()")
            values[m.group(1)] = int(v, 0)
    missing = [n for n in FCNTL_NAMES if n not in values]
    if missing:
        sys.exit(f"gen-darwin-tables: not found in fcntl.h: {missing}")
    return values


def header(guard, title, src, files, explanation):
    lines = [f"/* {title}", " *",
             f" * Generated by: {CANONICAL_COMMAND.format(tag=src.tag)}",
             f" * From: XNU {src.tag} (commit {src.commit}),",
             " *   https://github.com/apple-oss-distributions/xnu"]
    lines += [f" *   {f}" for f in files]
    lines += [" *"] + [f" * {e}" if e else " *" for e in explanation]
    lines += [" *", " * DO NOT EDIT: generated file; change tables/darwin/gen-darwin-tables.py and regenerate.",
              " */", f"#ifndef {guard}", f"#define {guard}", ""]
    return lines


def x_table(name, rows):
    out = [f"#define {name}(X) \\"]
    for i, row in enumerate(rows):
        out.append(f"  X({row})" + (" \\" if i + 1 < len(rows) else ""))
    return out


def write(path, lines):
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xnu", required=True, help="git clone of apple-oss-distributions/xnu")
    ap.add_argument("--tag", required=True, help="e.g. xnu-11417.101.15")
    ap.add_argument("--out", required=True, help="tables/darwin")
    args = ap.parse_args()
    src = XnuSource(args.xnu, args.tag)
    os.makedirs(args.out, exist_ok=True)

    calls, reserved, nsysent = parse_syscalls(src.read("bsd/kern/syscalls.master"))
    lines = header("SP_TABLES_DARWIN_SYSCALLS_H", "Darwin (XNU) BSD syscall numbers, shared by arm64 and x86-64.",
                   src, ["bsd/kern/syscalls.master (names as bsd/kern/makesyscalls.sh writes SYS_<name>)"],
                   ["SP_NR_<name> is the BSD number as syscalls.master gives it. arm64 puts it in x16",
                    "and traps with svc #0x80; x86-64 puts 0x2000000 + the number (SYSCALL_CLASS_UNIX << 24,",
                    "osfmk/mach/i386/syscall_sw.h) in rax and executes syscall. Errors come back with the",
                    "carry flag set and a positive errno in x0/rax. Slots whose only entry is nosys() or",
                    "enosys() are not SP_NR_ names; SP_SYSCALL_RESERVED_TABLE lists them with their",
                    "comment. XNU sends a number at or past SP_SYSCALL_NSYSENT to SYS_invalid (63)."])
    lines.append(f"#define SP_XNU_TAG \"{src.tag}\"")
    lines.append(f"#define SP_SYSCALL_NSYSENT {nsysent}")
    lines.append("")
    for nr in sorted(calls):
        lines.append(f"#define SP_NR_{calls[nr]} {nr}")
    lines.append("")
    lines += x_table("SP_SYSCALL_TABLE", [f"{calls[nr]}, {nr}" for nr in sorted(calls)])
    lines.append("")
    lines += x_table("SP_SYSCALL_RESERVED_TABLE",
                     [f"{nr}, \"{reserved[nr]}\"" for nr in sorted(reserved)])
    lines += ["", "#endif /* SP_TABLES_DARWIN_SYSCALLS_H */"]
    write(os.path.join(args.out, "syscalls.h"), lines)

    errnos, errno_aliases = parse_errno(src.read("bsd/sys/errno.h"))
    lines = header("SP_TABLES_DARWIN_ERRNO_H", "Darwin (XNU) errno values.", src, ["bsd/sys/errno.h"],
                   ["The positive values userspace sees (__DARWIN_UNIX03). A raw syscall returns one",
                    "of them in x0/rax with the carry flag set. ALIAS_TABLE maps alternative",
                    "spellings to the canonical name."])
    by_value = sorted(errnos.items(), key=lambda kv: (kv[1], kv[0]))
    for name, value in by_value:
        lines.append(f"#define SP_ERRNO_{name} {value}")
    for alias, canonical in sorted(errno_aliases.items()):
        lines.append(f"#define SP_ERRNO_{alias} SP_ERRNO_{canonical}")
    lines.append("")
    lines += x_table("SP_ERRNO_TABLE", [f"{n}, {v}" for n, v in by_value])
    lines.append("")
    lines += x_table("SP_ERRNO_ALIAS_TABLE", [f"{a}, {c}" for a, c in sorted(errno_aliases.items())])
    lines += ["", "#endif /* SP_TABLES_DARWIN_ERRNO_H */"]
    write(os.path.join(args.out, "errno.h"), lines)

    sigs, sig_aliases, nsig = parse_signals(src.read("bsd/sys/signal.h"))
    lines = header("SP_TABLES_DARWIN_SIGNALS_H", "Darwin (XNU) signal numbers.", src, ["bsd/sys/signal.h"],
                   ["The default (_DARWIN_C_SOURCE) view: 7 is SIGEMT (SIGPOLL, 7 only in strict POSIX",
                    "mode, is left out). SP_SIGNAL_NSIG is NSIG: kill(2) answers EINVAL for any",
                    "signal number at or above it (bsd/kern/kern_sig.c). Darwin has no real-time",
                    "signals. ALIAS_TABLE maps alternative spellings to the canonical name."])
    lines.append(f"#define SP_SIGNAL_NSIG {nsig}")
    lines.append("")
    by_value = sorted(sigs.items(), key=lambda kv: (kv[1], kv[0]))
    for name, value in by_value:
        lines.append(f"#define SP_SIGNAL_{name} {value}")
    for alias, canonical in sorted(sig_aliases.items()):
        lines.append(f"#define SP_SIGNAL_{alias} SP_SIGNAL_{canonical}")
    lines.append("")
    lines += x_table("SP_SIGNAL_TABLE", [f"{n}, {v}" for n, v in by_value])
    lines.append("")
    lines += x_table("SP_SIGNAL_ALIAS_TABLE", [f"{a}, {c}" for a, c in sorted(sig_aliases.items())])
    lines += ["", "#endif /* SP_TABLES_DARWIN_SIGNALS_H */"]
    write(os.path.join(args.out, "signals.h"), lines)

    fcntl = parse_fcntl(src.read("bsd/sys/fcntl.h"))
    lines = header("SP_TABLES_DARWIN_FCNTL_H", "Darwin (XNU) open(2) flags and *at() values.", src,
                   ["bsd/sys/fcntl.h"],
                   ["Only the names sysport passes to the kernel. SP_FCNTL_TABLE(X) lists them all."])
    for name in FCNTL_NAMES:
        v = fcntl[name]
        lines.append(f"#define SP_{name} {v}" if v < 0 else f"#define SP_{name} 0x{v:x}")
    lines.append("")
    lines += x_table("SP_FCNTL_TABLE", [f"{n}, SP_{n}" for n in FCNTL_NAMES])
    lines += ["", "#endif /* SP_TABLES_DARWIN_FCNTL_H */"]
    write(os.path.join(args.out, "fcntl.h"), lines)

    write(os.path.join(args.out, "SOURCE"),
          ["# Source of the generated tables in this directory.  DO NOT EDIT.",
           f"# Generated by: {CANONICAL_COMMAND.format(tag=src.tag)}",
           "repository: https://github.com/apple-oss-distributions/xnu",
           f"tag: {src.tag}",
           f"commit: {src.commit}",
           f"syscalls: {len(calls)} named, {len(reserved)} reserved, nsysent {nsysent}",
           f"errno: {len(errnos)} values, signals: {len(sigs)} values, NSIG {nsig}"])
    print(f"gen-darwin-tables: {args.out}: {len(calls)} syscalls, {len(errnos)} errno values, "
          f"{len(sigs)} signals from {src.tag}")


if __name__ == "__main__":
    main()
