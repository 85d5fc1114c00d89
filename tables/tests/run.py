#!/usr/bin/env python3
"""Runs unittest test classes for CTest: python3 tables/tests/run.py MODULE.CLASS ...

Exit status 0 when everything ran and passed, 1 on any failure or error, 77 (CTest's
SKIP_RETURN_CODE) when every test was skipped, e.g. because the cross compiler or the
target's build is missing; the skip reasons are printed."""
import os
import sys
import unittest

TABLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# No __pycache__ in the source tree, which several people's builds share.
sys.dont_write_bytecode = True
sys.path.insert(0, TABLES)


def main(names):
    if not names:
        print("usage: run.py tests.MODULE.CLASS ...", file=sys.stderr)
        return 2
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    if not result.wasSuccessful():
        return 1
    if result.testsRun and len(result.skipped) == result.testsRun:
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
