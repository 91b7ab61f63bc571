#!/usr/bin/python3
"""Compare selected entries of a MesoCell statistics CSV with expected values.

Usage: compare_csv.py ACTUAL.csv EXPECTED.txt

EXPECTED.txt has lines 'case,phase,column,value,rtol' ('#' starts a comment).
The row of ACTUAL.csv is the one whose 'case' and 'phase' columns match; value
may be 'inf'; the check is |actual - value| <= rtol * |value| (or <= rtol when
value is 0). Prints every comparison and exits 1 on any mismatch.
"""
import csv
import math
import sys


def main(actual_file, expected_file):
    with open(actual_file) as f:
        rows = list(csv.DictReader(f))
    failures = 0
    with open(expected_file) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            case, phase, column, value, rtol = [s.strip() for s in line.split(",")]
            match = [r for r in rows if r["case"] == case and r["phase"] == phase]
            if not match:
                print(f"FAIL {case}/{phase}: no such row in {actual_file}")
                failures += 1
                continue
            actual = float(match[0][column])
            expected = float(value)
            tol = float(rtol) * (abs(expected) if expected != 0 else 1.0)
            if math.isinf(expected):
                ok = actual == expected
                err = 0.0 if ok else math.inf
            else:
                err = abs(actual - expected)
                ok = err <= tol
            rel = err / abs(expected) if expected not in (0, math.inf) else err
            print(f"{'ok  ' if ok else 'FAIL'} {case}/{phase} {column}: "
                  f"actual {actual!r} expected {expected!r} "
                  f"relative error {rel:.3e} (tolerance {rtol})")
            failures += 0 if ok else 1
    print(f"{failures} mismatch(es)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
