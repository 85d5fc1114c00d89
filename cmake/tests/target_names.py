#!/usr/bin/env python3
"""One target, one folder: no file outside arch/<target>/ names a target.

Everything about a target lives in its folder (arch/README.md); a name typed anywhere else is
a list that the next target forgets to join, or a test of a name where the record has the
fact. This test fails on every such mention, with the file, the line and the name.

    target_names.py SOURCE_DIR

Exempt, each for its reason:
  *.md                      documentation (README, docs/) shows real examples
  tables/linux/, tables/darwin/*.h   generated from the kernel's sources
  bench/results/, harness/tests/progress*   recorded output of real runs, and what it must show
  ci/github/                a CI definition names the targets each job runs
"""
import os
import re
import subprocess
import sys

EXEMPT_PREFIXES = ("tables/linux/", "bench/results/", "ci/github/", "harness/tests/progress")
EXEMPT_PATTERNS = (re.compile(r"\.md$"), re.compile(r"^tables/darwin/[^/]*\.h$"))


def targets(root):
    arch = os.path.join(root, "arch")
    return sorted(d for d in os.listdir(arch) if os.path.isfile(os.path.join(arch, d, "target.json")))


def tracked_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], check=True, capture_output=True).stdout
        return [f for f in out.decode().split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and not d.startswith("build")]
            files += [os.path.relpath(os.path.join(dirpath, f), root) for f in filenames]
        return files


def violations(root, names, files):
    # A name stands alone: a name is not a longer one it begins (x-arm vs x-armel, x-arm-thumb).
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    found = []
    for rel in files:
        if rel.startswith(EXEMPT_PREFIXES) or any(p.search(rel) for p in EXEMPT_PATTERNS):
            continue
        owner = rel.split("/")[1] if rel.startswith("arch/") and rel.count("/") >= 2 else None
        try:
            with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
        except (IsADirectoryError, FileNotFoundError):
            continue
        for number, line in enumerate(lines, 1):
            for m in pattern.finditer(line):
                if m.group(1) != owner:
                    found.append(f"{rel}:{number}: names {m.group(1)}")
    return found


def self_test():
    """The check itself must catch a name, and must not catch a longer one."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        for name in ("linux-fake", "linux-fakeel"):
            os.makedirs(os.path.join(root, "arch", name))
            open(os.path.join(root, "arch", name, "target.json"), "w").write("{}")
        os.makedirs(os.path.join(root, "src"))
        open(os.path.join(root, "src", "a.cc"), "w").write("ok\nif (t == \"linux-fake\") x();\nlinux-fake-thumb\n")
        open(os.path.join(root, "arch", "linux-fake", "x.h"), "w").write("linux-fake\n")
        open(os.path.join(root, "arch", "linux-fakeel", "x.h"), "w").write("like linux-fake\n")
        open(os.path.join(root, "notes.md"), "w").write("linux-fake\n")
        files = ["src/a.cc", "arch/linux-fake/x.h", "arch/linux-fakeel/x.h", "notes.md"]
        got = violations(root, targets(root), files)
        want = ["src/a.cc:2: names linux-fake", "arch/linux-fakeel/x.h:1: names linux-fake"]
        if got != want:
            sys.exit(f"target_names.py self-test: got {got}, expected {want}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    self_test()
    root = sys.argv[1]
    names = targets(root)
    found = violations(root, names, tracked_files(root))
    for v in found:
        print(v)
    if found:
        print(f"FAIL: {len(found)} mentions of a target outside its arch/ folder: take the fact from the "
              "target's record (arch/<target>/target.json) instead")
        return 1
    print(f"ok: none of the {len(names)} targets is named outside its own arch/ folder")
    return 0


if __name__ == "__main__":
    sys.exit(main())
