#!/usr/bin/env python3
"""A build copied to another machine still runs: what the macOS CI job does, checked here.

The Darwin job builds the binaries on Debian and runs them on a Mac with the harness built
there (SYSPORT_HARNESS_ONLY). The copied sysport-config.json names the Debian machine's build
and source folders; the harness must find everything relative to the copy (the config's own
folder) and to --source-dir instead. This test makes such a copy of a native Linux target,
points every recorded path at folders that do not exist, and runs a case with `cell --native`
through the harness built with the POSIX (non-Linux) process layer, the one macOS uses.

It also checks the two ways this goes wrong for a user: forgetting --source-dir (a clear error
naming the missing file, not a crash or a PASS) and asking `--native` of a target this kernel
cannot execute (SKIP, saying so).

usage: copied_build.py BUILD_DIR SOURCE_DIR HARNESS
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
CASE = "getpid"


def relocate(value, moves):
    """Every string under value that starts with a moved folder, pointed at its new place."""
    if isinstance(value, dict):
        return {k: relocate(v, moves) for k, v in value.items()}
    if isinstance(value, list):
        return [relocate(v, moves) for v in value]
    if isinstance(value, str):
        for old, new in moves:
            if value == old or value.startswith(old + "/"):
                return new + value[len(old):]
    return value


def run(harness, *args):
    p = subprocess.run([harness, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout + p.stderr


def check(ok, what, output):
    if not ok:
        print(f"FAILED: {what}\n--- harness output ---\n{output}")
        sys.exit(1)
    print(f"ok: {what}")


def main():
    build, source, harness = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
    config = json.loads((build / "sysport-config.json").read_text())
    built = [t for t in config["targets"] if t["built"] and t["os"] == "linux"]
    native = next((t for t in built if t["runner"] == "native"), None)
    foreign = next((t for t in built if t["runner"] != "native"), None)
    if native is None:
        print("SKIP: this build has no Linux target this machine runs natively "
              "(SYSPORT_ONLY_TARGETS leaves it out, or the host is not Linux)")
        return SKIP

    with tempfile.TemporaryDirectory(prefix="sysport-copied-build-") as tmp:
        copy = pathlib.Path(tmp) / "copy"
        for t in (native, foreign):
            if t is not None:
                shutil.copytree(build / "targets" / t["name"], copy / "targets" / t["name"], symlinks=True)
        # The folders the original machine had, gone on this one.
        gone_build, gone_source = "/nonexistent/recorded-build", "/nonexistent/recorded-source"
        moved = relocate(config, [(str(build), gone_build), (str(source), gone_source)])
        moved["build_dir"], moved["source_dir"] = gone_build, gone_source
        config_path = copy / "sysport-config.json"
        config_path.write_text(json.dumps(moved, indent=2))
        common = ["--config", str(config_path)]

        rc, out = run(harness, *common, "--source-dir", str(source),
                      "cell", "--native", "--target", native["name"], "--case", CASE, "--no-save")
        check(rc == 0 and "PASS" in out, f"{native['name']}/{CASE} PASSes from the copy", out)

        rc, out = run(harness, *common, "cell", "--native", "--target", native["name"], "--case", CASE, "--no-save")
        check(rc not in (0, SKIP) and gone_source in out,
              "without --source-dir the harness fails, naming the recorded source folder it cannot find", out)

        if foreign is not None:
            rc, out = run(harness, *common, "--source-dir", str(source),
                          "cell", "--native", "--target", foreign["name"], "--case", CASE, "--no-save")
            check(rc == SKIP and "cannot execute" in out,
                  f"--native on {foreign['name']} is SKIP: this kernel cannot execute its binaries", out)
        else:
            print("note: no foreign target built; the cannot-execute check did not run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
