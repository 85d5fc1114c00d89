#!/usr/bin/env python3
"""Run sysport's cases from prebuilt binaries, natively, on a machine where the C++ harness
does not build: the macOS CI job (ci/github/darwin.yml) runs the darwin-* binaries that a
Linux build cross-compiled, on a real Mac, against the same case specifications.

    run_native.py --manifest DIR/targets/<target>/manifest.json --suites suites
                  [--system darwin] [--all-backends] [--emulator CMD ...] [--case C]
                  [--junit FILE]

Why a second runner: harness/process.cc is Linux-only (pidfd, /proc, glibc's
sigabbrev_np), and macOS has no QEMU or Wine to wrap. This script reproduces what
harness/cell.cc checks for one target, in the same transcript format, so its reports read
like the harness's:

  - every run of every case (suites/<case>.json), with the system's documented overrides
    ("on") and skips ("skip_on") applied, on every backend the manifest lists;
  - each process in a fresh directory, in a process group of its own, with the run's umask
    and a time limit; a victim started first and signalled by the run;
  - "out:" lines with the pids replaced by $PID, $PPID and $VICTIM, and $(NAME) captures;
    "err:" lines when the run expects them; "end: exit N" / "end: signal SIGNAME" by the
    names of the machine it runs on; the files left on disk; how the victim ended;
  - the direct backend (raw) against every other (libc) run by run: the same case must print
    the same transcript whichever way it reached the kernel;
  - a run whose program (or victim) says its backend lacks an operation (the line and exit
    status suites/sysport.h defines, read from there) is SKIP, naming the operation and the
    backend, provided what it printed before is the expectation's first lines; it never
    passes and is compared with nothing.

It is kept honest here: CTest runs it on the darwin-* binaries under sysport-darwin-run
(--emulator) and must agree with the harness (darwin-<arch>/native-runner-script).
With --all-backends the backends the manifest marks as not runnable on its build host (libc
on Linux) are run too: that is what a Mac is for.

Exit status: 0 every run passed or SKIPped, 1 some failed, 2 usage or unreadable input.
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import xml.sax.saxutils

TIMEOUT = 10.0


def printable(text):
    out = []
    for ch in text:
        c = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\\":
            out.append("\\\\")
        elif c < 0x20 or c == 0x7F:
            out.append(f"\\x{c:02x}")
        else:
            out.append(ch)
    return "".join(out)


def split_lines(text):
    lines = text.split("\n")
    last = lines.pop()
    if last:
        lines.append(last + " [no newline at end]")
    return lines


def substitute_numbers(line, names):
    def repl(m):
        n = int(m.group(0)) if len(m.group(0)) < 12 else None
        return names.get(n, m.group(0))
    return re.sub(r"(?<![A-Za-z0-9])\d+(?![A-Za-z0-9])", repl, line)


def bind_captures(expected, actual):
    bound = {}
    for e, a in zip(expected, actual):
        if "$(" not in e:
            continue
        parts = re.split(r"\$\((\w+)\)", e)
        pattern = "".join(re.escape(p) if i % 2 == 0 else r"(\d{1,11})" for i, p in enumerate(parts))
        m = re.fullmatch(pattern, a)
        if m:
            for name, value in zip(parts[1::2], m.groups()):
                bound.setdefault(name, int(value))
    return {v: f"$({k})" for k, v in bound.items()}


def signal_name(n):
    try:
        return signal.Signals(n).name
    except ValueError:
        return f"signal {n}"


def describe_end(returncode, timed_out):
    if timed_out:
        return f"timeout after {TIMEOUT:g} s"
    if returncode < 0:
        return "signal " + signal_name(-returncode)
    return f"exit {returncode}"


def describe_file(f):
    s = f"file {f['path']}: {f['type']}"
    if "mode" in f:
        s += f" {int(f['mode'], 8):04o}"
    if "content" in f:
        s += f" \"{printable(f['content'])}\""
    return s


def describe_file_on_disk(directory, f):
    path = os.path.join(directory, f["path"])
    s = f"file {f['path']}: "
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return s + "absent"
    import stat
    kind = "dir" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "other"
    s += kind
    if "mode" in f:
        s += f" {st.st_mode & 0o7777:04o}"
    if "content" in f and kind == "file":
        content = open(path, "rb").read().decode("utf-8", "replace")
        if len(content) > 4096:
            content = content[:4096] + "[...]"
        s += f" \"{printable(content)}\""
    return s


def unsupported_protocol(suites):
    """(marker, exit status) of an unsupported operation's report, from suites/sysport.h."""
    header = open(os.path.join(suites, "sysport.h")).read()
    marker = re.search(r'^#define SP_UNSUPPORTED_MARKER "([^"]*)"$', header, re.M)
    status = re.search(r"^#define SP_UNSUPPORTED_EXIT_STATUS (\d+)$", header, re.M)
    if not marker or not status:
        raise ValueError("sysport.h does not define SP_UNSUPPORTED_MARKER and SP_UNSUPPORTED_EXIT_STATUS")
    return marker.group(1), int(status.group(1))


def said_unsupported(err, returncode, timed_out, protocol):
    """(operation, ended as that report does) when `err` reports an unsupported operation."""
    marker, status = protocol
    for line in reversed(split_lines(err)):
        if line.startswith(marker) and re.fullmatch(r"\w+", line[len(marker):]):
            return line[len(marker):], not timed_out and returncode == status
    return None


def skipped_as_unsupported(expected, actual, said, who, backend):
    """(skip reason or None, note): a SKIP only when what was printed first was expected."""
    operation, ended_as_said = said
    if not ended_as_said:
        return None, f"{who} said that this backend lacks {operation} but did not end as that report does"
    printed = [l for l in actual if l.startswith("out: ")]
    wanted = [l for l in expected if l.startswith("out: ")]
    if printed != wanted[:len(printed)]:
        return None, f"printed what the specification does not expect before it said that this backend lacks {operation}"
    return f"{operation}: unsupported by the {backend} backend" + ("" if who == "it" else f" ({who})"), ""


def end_text(text):
    return text  # "exit N" / "signal SIGX", as written in the specification


def load_spec(path):
    """A case specification resolved as the harness resolves it (harness/spec.cc): reasons
    that refer to the file's shared "whys" spelled out, each override's patches
    ("out_replace", "files_replace") applied to the run's lists, and "out_from" taking an
    earlier run's output on every system. The harness rejects a malformed file; this
    only reads one it accepts."""
    spec = json.load(open(path))
    whys = spec.get("whys", {})

    def reason(why):
        if isinstance(why, str):
            return why
        return whys[why["ref"]] + (" " + why["and"] if "and" in why else "")

    earlier = {}
    for run in spec["runs"]:
        source = earlier.get(run.get("out_from"))
        if source is not None:
            run["out"] = source.get("out", [])
        if "why" in run:
            run["why"] = reason(run["why"])
        if "skip_on" in run:
            run["skip_on"] = {system: reason(why) for system, why in run["skip_on"].items()}
        for system, o in run.get("on", {}).items():
            o["why"] = reason(o["why"])
            if "out_replace" in o:
                replace = o.pop("out_replace")
                o["out"] = [replace.get(line, line) for line in run.get("out", [])]
            if "files_replace" in o:
                replace = o.pop("files_replace")
                o["files"] = [dict(replace[f["path"]], path=f["path"]) if f["path"] in replace else f
                              for f in run.get("files", [])]
            if source is not None and "out" in source.get("on", {}).get(system, {}):
                o["out"] = source["on"][system]["out"]
        earlier[run["name"]] = run
    return spec


def for_system(run, system):
    r = dict(run)
    o = run.get("on", {}).get(system)
    if o:
        for key in ("out", "err", "end", "files"):
            if key in o:
                r[key] = o[key]
        if "victim_end" in o and "victim" in r:
            r["victim"] = dict(r["victim"], end=o["victim_end"])
    return r


def expected_transcript(run):
    lines = [f"out: {l}" for l in run.get("out", [])]
    if "err" in run:
        lines += [f"err: {l}" for l in run["err"]]
    lines.append(f"end: {end_text(run['end'])}")
    lines += [describe_file(f) for f in run.get("files", [])]
    if "victim" in run:
        lines.append(f"victim: {run['victim']['end']}")
    return lines


class Child:
    """A process in its own group, in `cwd`, with `umask`; output gathered without blocking."""

    def __init__(self, argv, cwd, umask):
        def preexec():
            os.setpgid(0, 0)
            os.umask(umask)
            for s in range(1, signal.NSIG):
                try:
                    signal.signal(s, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
        self.proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, preexec_fn=preexec)
        self.out, self.err = b"", b""
        self.timed_out = False

    def pump(self, deadline):
        streams = [s for s in (self.proc.stdout, self.proc.stderr) if s and not s.closed]
        if not streams:
            time.sleep(0.01)
            return
        ready, _, _ = select.select(streams, [], [], max(0.0, min(0.05, deadline - time.monotonic())))
        for s in ready:
            chunk = os.read(s.fileno(), 65536)
            if not chunk:
                s.close()
            elif s is self.proc.stdout:
                self.out += chunk
            else:
                self.err += chunk

    def wait_for_line(self, line, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if line in self.out.decode("utf-8", "replace").split("\n")[:-1]:
                return True
            if self.proc.poll() is not None and self.proc.stdout.closed:
                return False
            self.pump(deadline)
        return False

    def finish(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.pump(deadline)
        if self.proc.poll() is None:
            self.timed_out = True
        leftovers = False
        try:
            os.killpg(self.proc.pid, 0)
            leftovers = self.proc.poll() is not None
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        end = time.monotonic() + 1
        while not (self.proc.stdout.closed and self.proc.stderr.closed) and time.monotonic() < end:
            self.pump(end)
        return leftovers

    def text(self, which):
        return (self.out if which == "out" else self.err).decode("utf-8", "replace")


def resolve(manifest_path, target, path):
    """The binary's absolute path here (each process runs in a directory of its own)."""
    if os.path.exists(path):
        return os.path.abspath(path)
    marker = f"/targets/{target}/"
    if marker in path:  # a manifest written on another machine: the bundle keeps the layout
        return os.path.abspath(os.path.join(os.path.dirname(manifest_path), path.split(marker, 1)[1]))
    return path


def execute_run(run, binaries, emulator, case_name, backend, protocol):
    """(expected, actual, note, skip, defect): skip is why the run SKIPs; defect, why it FAILs
    whatever its transcript (an unsupported operation reported in a way that cannot be trusted)."""
    expected = expected_transcript(run)
    actual = []
    with tempfile.TemporaryDirectory(prefix=f"sysport-native-{case_name}-") as cwd:
        pids = {os.getpid(): "$PPID"}
        args = list(run.get("args", []))
        umask = int(run.get("umask", "022"), 8)
        victim = None
        if "victim" in run:
            vbin = binaries.get(run["victim"].get("binary", case_name))
            if not vbin:
                return expected, ["victim: not built"], "victim binary not built", None, None
            victim = Child(emulator + [vbin] + run["victim"].get("args", []), cwd, umask)
            if not victim.wait_for_line("ready", TIMEOUT):
                victim.finish(1)
                actual = [f"victim: {describe_end(victim.proc.returncode, victim.timed_out)}"]
                said = said_unsupported(victim.text("err"), victim.proc.returncode, victim.timed_out, protocol)
                if said:
                    skip, defect = skipped_as_unsupported(expected, [], said, "the victim", backend)
                    return expected, actual, printable(victim.text("err")), skip, defect or None
                return expected, actual, "the victim never printed \"ready\": " + printable(victim.text("err")), None, None
            pids[victim.proc.pid] = "$VICTIM"
            args = [a.replace("$VICTIM", str(victim.proc.pid)) for a in args]
        binary = binaries.get(run.get("binary", case_name))
        if not binary:
            return expected, [], f"binary '{run.get('binary', case_name)}' not built", None, None
        main = Child(emulator + [binary] + args, cwd, umask)
        pids[main.proc.pid] = "$PID"
        leftovers = main.finish()
        actual += [f"out: {substitute_numbers(l, pids)}" for l in split_lines(main.text("out"))]
        if "err" in run:
            actual += [f"err: {substitute_numbers(l, pids)}" for l in split_lines(main.text("err"))]
        captured = bind_captures(expected, actual)
        actual = [substitute_numbers(l, captured) for l in actual]
        actual.append(f"end: {describe_end(main.proc.returncode, main.timed_out)}")
        if leftovers:
            actual.append("leftover: processes still in its group were killed")
        actual += [describe_file_on_disk(cwd, f) for f in run.get("files", [])]
        if victim:
            victim.finish()
            actual.append(f"victim: {describe_end(victim.proc.returncode, victim.timed_out)}")
        note = printable(main.text("err"))[:400]
        for who, child in [("it", main)] + ([("the victim", victim)] if victim else []):
            said = said_unsupported(child.text("err"), child.proc.returncode, child.timed_out, protocol)
            if said:
                skip, defect = skipped_as_unsupported(expected, actual, said, who, backend)
                return expected, actual, note, skip, defect or None
        return expected, actual, note, None, None


def diff(a, b):
    import difflib
    return "\n".join(difflib.unified_diff(a, b, "expected", "actual", lineterm="", n=100))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", required=True, help="targets/<target>/manifest.json of a sysport build")
    ap.add_argument("--suites", required=True, help="the suites/ directory with the case specifications")
    ap.add_argument("--system", default=None, help="whose expectations apply (default: the manifest's os)")
    ap.add_argument("--all-backends", action="store_true",
                    help="also run the backends the manifest marks as not runnable on its build host")
    ap.add_argument("--emulator", nargs="+", default=[], help="a command to run each binary under")
    ap.add_argument("--case", action="append", help="only this case (repeatable)")
    ap.add_argument("--junit", help="also write a JUnit XML report here")
    args = ap.parse_args()
    try:
        manifest = json.load(open(args.manifest))
    except (OSError, ValueError) as e:
        print(f"run_native: {args.manifest}: {e}", file=sys.stderr)
        return 2
    try:
        protocol = unsupported_protocol(args.suites)
    except (OSError, ValueError) as e:
        print(f"run_native: {args.suites}: {e}", file=sys.stderr)
        return 2
    target = manifest["target"]
    system = args.system or manifest["os"]
    backends = [b for b in manifest["backends"] if args.all_backends or b not in manifest.get("unrunnable", {})]
    skipped_backends = [b for b in manifest["backends"] if b not in backends]
    cases = sorted(f[:-5] for f in os.listdir(args.suites) if f.endswith(".json"))
    if args.case:
        cases = [c for c in cases if c in args.case]

    failures, skips, total, junit = 0, 0, 0, []
    for case in cases:
        spec = load_spec(os.path.join(args.suites, case + ".json"))
        transcripts = {}
        for backend in backends:
            binaries = {n: resolve(args.manifest, target, p) for n, p in manifest["binaries"][backend].items()}
            for generic in spec["runs"]:
                name = f"{target}/{case}/{backend}/{generic['name']}"
                if "backends" in generic and backend not in generic["backends"]:
                    continue
                if system in generic.get("skip_on", {}):
                    print(f"n/a  {name}: {generic['skip_on'][system]}")
                    continue
                run = for_system(generic, system)
                started = time.monotonic()
                expected, actual, note, skip, defect = execute_run(run, binaries, args.emulator, case, backend,
                                                                   protocol)
                total += 1
                if skip:
                    # Compared with nothing: neither the expectation nor the other backend.
                    skips += 1
                    junit.append((name, time.monotonic() - started, ("skipped", skip)))
                    print(f"SKIP {name}: {skip}")
                    continue
                ok = expected == actual and not defect
                transcripts[(backend, run["name"])] = actual
                junit.append((name, time.monotonic() - started,
                              None if ok else "\n".join(filter(None, [defect, diff(expected, actual), note]))))
                print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + defect if defect else ''}")
                if not ok:
                    failures += 1
                    print(diff(expected, actual))
                    if note:
                        print(f"  stderr: {note}")
        direct = backends[0] if backends else None
        for (backend, run_name), lines in transcripts.items():
            if backend == direct:
                continue
            ref = transcripts.get((direct, run_name))
            if ref is not None and ref != lines:
                failures += 1
                name = f"{target}/{case}/{direct}-vs-{backend}/{run_name}"
                print(f"FAIL {name}: the backends disagree\n{diff(ref, lines)}")
                junit.append((name, 0.0, diff(ref, lines)))
    for b in skipped_backends:
        print(f"not run: {b}: {manifest['unrunnable'][b]} (--all-backends runs it)")
    print(f"{total - failures - skips} of {total} runs passed{f', {skips} SKIP' if skips else ''} for {target}"
          f" ({system} expectations{', under ' + ' '.join(args.emulator) if args.emulator else ', natively'})")
    if args.junit:
        with open(args.junit, "w") as f:
            f.write(f'<testsuite name="sysport-native-{target}" tests="{len(junit)}" failures="{failures}"'
                    f' skipped="{skips}">\n')
            for name, secs, failure in junit:
                f.write(f'  <testcase name={xml.sax.saxutils.quoteattr(name)} time="{secs:.3f}">')
                if isinstance(failure, tuple):
                    f.write(f"<skipped message={xml.sax.saxutils.quoteattr(failure[1])}/>")
                elif failure:
                    f.write(f"<failure>{xml.sax.saxutils.escape(failure)}</failure>")
                f.write("</testcase>\n")
            f.write("</testsuite>\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
