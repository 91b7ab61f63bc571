#!/usr/bin/python3
"""Compare selected entries of a MesoCell statistics CSV with expected values.

Usage: compare_csv.py OUTPUT_DIR EXPECTED.txt

EXPECTED.txt has lines 'case,phase,column,value,rtol' for
OUTPUT_DIR/effective_conductivity.csv, or 'file,case,phase,column,value,rtol'
for another CSV of OUTPUT_DIR (e.g. geometry.csv); '#' starts a comment.
The row is the one whose 'case' and 'phase' columns match; value
may be 'inf'; the check is |actual - value| <= rtol * |value| (or <= rtol when
value is 0). Prints every comparison and exits 1 on any mismatch.
"""
import csv
import math
import os
import sys


def main(output_dir, expected_file):
    tables = {}

    def rows_of(name):
        if name not in tables:
            with open(os.path.join(output_dir, name)) as f:
                tables[name] = list(csv.DictReader(f))
        return tables[name]

    failures = 0
    with open(expected_file) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [s.strip() for s in line.split(",")]
            name = fields.pop(0) if len(fields) == 6 else "effective_conductivity.csv"
            case, phase, column, value, rtol = fields
            if case == "last":
                match = rows_of(name)[-1:]
            elif "=" in case:
                key, wanted = case.split("=", 1)
                match = [r for r in rows_of(name) if r[key] == wanted]
            else:
                match = [r for r in rows_of(name) if r["case"] == case and r["phase"] == phase]
            if not match:
                print(f"FAIL {case}/{phase}: no such row in {name}")
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
            print(f"{'ok  ' if ok else 'FAIL'} {name}: {case}/{phase} {column}: "
                  f"actual {actual!r} expected {expected!r} "
                  f"relative error {rel:.3e} (tolerance {rtol})")
            failures += 0 if ok else 1
    print(f"{failures} mismatch(es)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
