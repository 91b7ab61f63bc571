#!/usr/bin/python3
"""Convergence of the meshed geometry to the drawn curved surfaces.

Usage: check_curved.py MPIEXEC MESOCELL FILE.prm WORKDIR --np N
           --levels 0,1,2,3 --phase NAME --interface A|B [--min-rate 1.9]
           [--analytic-fraction X --analytic-area Y] [--rate-from-first]

Runs 'mesocell --generate' on FILE.prm with 'Global refinements' = each
level (a generator's mesh or a mesh file with 'Curved surfaces'), reads the
volume fraction of the phase and the interface area from geometry.csv,
compares them with the analytic values (the generator's, or the ones given),
prints the table of errors and observed rates log2(e_l / e_l+1), and asserts:

- every observed rate is at least --min-rate (with --rate-from-first: the
  mean rate from the first level to the last), i.e. refinement converges to
  the true spheres and cylinders at second order (the coarse facets would
  give no convergence at all: refining a faceted mesh keeps its volume);
- the error at the finest level is below the one at the coarsest.
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys


def level_prm(text, prm_dir, level, out):
    """The parameter file at one refinement level (mesh path made absolute)."""
    def absolute(m):
        path = m.group(2).strip()
        if path and not os.path.isabs(path):
            path = os.path.normpath(os.path.join(prm_dir, path))
        return m.group(1) + path
    text = re.sub(r"^(\s*set\s+Mesh file\s*=\s*)(.*)$", absolute, text, flags=re.M)
    return (text + "\nsubsection Mesh\n  set Global refinements = %d\nend\n"
            "subsection Geometry\n  set Maximum cells = 4e6\nend\n"
            "subsection Output\n  set Directory = %s\nend\n" % (level, out))


def read_geometry(path, phase, interface):
    fraction = area = None
    for row in csv.DictReader(open(path)):
        if row["case"] == "volume_fraction" and row["phase"] == phase:
            fraction = (float(row["value"]), row["analytic"])
        if row["case"] == "interface_area" and row["phase"] == interface:
            area = (float(row["value"]), row["analytic"])
    return fraction, area


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mpiexec")
    ap.add_argument("mesocell")
    ap.add_argument("prm")
    ap.add_argument("workdir")
    ap.add_argument("--np", type=int, default=1)
    ap.add_argument("--levels", default="0,1,2")
    ap.add_argument("--phase", required=True)
    ap.add_argument("--interface", required=True)
    ap.add_argument("--min-rate", type=float, default=1.9)
    ap.add_argument("--analytic-fraction", type=float)
    ap.add_argument("--analytic-area", type=float)
    ap.add_argument("--rate-from-first", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    text = open(a.prm).read()
    rows = []
    for level in [int(x) for x in a.levels.split(",")]:
        prm = os.path.join(a.workdir, "level%d.prm" % level)
        out = os.path.join(a.workdir, "level%d" % level)
        with open(prm, "w") as f:
            f.write(level_prm(text, os.path.dirname(os.path.abspath(a.prm)), level, out))
        cmd = [a.mpiexec, "-np", str(a.np), "--oversubscribe", a.mesocell, "--generate", prm]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            sys.exit("level %d failed (exit %d)" % (level, r.returncode))
        curved = [l.strip() for l in r.stdout.splitlines() if "curved surfaces" in l]
        (fv, fa), (av, aa) = read_geometry(os.path.join(out, "geometry.csv"), a.phase, a.interface)
        f_exact = a.analytic_fraction if a.analytic_fraction is not None else float(fa)
        a_exact = a.analytic_area if a.analytic_area is not None else float(aa)
        rows.append((level, fv, abs(fv - f_exact) / f_exact, av, abs(av - a_exact) / a_exact))
    print(curved[0] if curved else "no curved surfaces reported")
    print("analytic: volume fraction %s %.9g, interface %s %.9g m^(dim-1)"
          % (a.phase, f_exact, a.interface, a_exact))
    print("%5s %14s %11s %6s %14s %11s %6s" % ("level", "fraction", "error", "rate",
                                                "area", "error", "rate"))
    failures = []
    for i, (level, fv, fe, av, ae) in enumerate(rows):
        rates = ["", ""]
        if i > 0:
            for k, (e0, e1) in enumerate(((rows[i - 1][2], fe), (rows[i - 1][4], ae))):
                rate = math.log2(e0 / e1) if e1 > 0 else float("inf")
                rates[k] = "%6.2f" % rate
                if not a.rate_from_first and rate < a.min_rate:
                    failures.append("level %d: rate %.2f < %.2f" % (level, rate, a.min_rate))
        print("%5d %14.9g %11.3e %6s %14.9g %11.3e %6s" % (level, fv, fe, rates[0], av, ae, rates[1]))
    if a.rate_from_first:
        span = rows[-1][0] - rows[0][0]
        for k, name in ((2, "fraction"), (4, "area")):
            rate = math.log2(rows[0][k] / rows[-1][k]) / span
            print("mean rate of the %s from level %d to %d: %.2f" % (name, rows[0][0], rows[-1][0], rate))
            if rate < a.min_rate:
                failures.append("mean %s rate %.2f < %.2f" % (name, rate, a.min_rate))
    for k in (2, 4):
        if not rows[-1][k] < rows[0][k]:
            failures.append("no convergence: error %.3e at the finest level" % rows[-1][k])
    if failures:
        sys.exit("FAIL: " + "; ".join(failures))
    print("PASS")


if __name__ == "__main__":
    main()
