#!/usr/bin/env python3
"""Compare two trace JSON files number by number.

Usage:
    python3 tests/reference/compare.py A.trace.json B.trace.json

Two numbers a, b agree when |a - b| <= 1e-9 or |a - b| <= 1e-7 * max(|a|, |b|).
null equals null only (null is how a trace writes a non-finite number, and the
test fields when there is no test set). Objects must have the same keys, arrays
the same lengths. Prints the first mismatches with their JSON path and exits 1
on any mismatch or structural difference; exits 0 when everything agrees.
"""

import json
import math
import sys

ABS_TOL = 1e-9
REL_TOL = 1e-7
MAX_REPORTED = 20


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def close(a, b):
    if not (math.isfinite(a) and math.isfinite(b)):
        return a == b
    d = abs(a - b)
    return d <= ABS_TOL or d <= REL_TOL * max(abs(a), abs(b))


def compare(a, b, path, out):
    if is_number(a) and is_number(b):
        if not close(float(a), float(b)):
            d = abs(float(a) - float(b))
            out.append(f"{path}: {a!r} vs {b!r} (|diff| = {d:.3g})")
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                out.append(f"{path}.{k}: missing in second trace")
        for k in b:
            if k not in a:
                out.append(f"{path}.{k}: missing in first trace")
        for k in a:
            if k in b:
                compare(a[k], b[k], f"{path}.{k}", out)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: length {len(a)} vs {len(b)}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, f"{path}[{i}]", out)
        return
    if a is None and b is None:
        return
    if isinstance(a, str) and isinstance(b, str) and a == b:
        return
    if isinstance(a, bool) and isinstance(b, bool) and a == b:
        return
    out.append(f"{path}: {json.dumps(a)[:60]} vs {json.dumps(b)[:60]} (different kinds or values)")


def main(argv):
    if len(argv) != 3:
        print("usage: compare.py A.trace.json B.trace.json", file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        a = json.load(f)
    with open(argv[2]) as f:
        b = json.load(f)
    problems = []
    compare(a, b, "$", problems)
    if problems:
        for p in problems[:MAX_REPORTED]:
            print(p)
        if len(problems) > MAX_REPORTED:
            print(f"... and {len(problems) - MAX_REPORTED} more")
        print(f"FAIL: {len(problems)} mismatch(es)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
