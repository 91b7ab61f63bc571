#!/usr/bin/python3
"""Adaptive cycles of the effective-conductivity job against global refinement.

Usage: check_adaptive.py MPIEXEC MESOCELL FILE.prm WORKDIR [--np N]
           [--max-error 0.002] [--min-ratio 5] [--max-level 7]

FILE.prm is an effective-conductivity job with 'Steady cycles' > 0 and
'Coarsen fraction' = 0 whose header holds the reference value as a line
'# REFERENCE: <sigma_eff>' (how it was computed is said next to it). The
script runs FILE.prm as it is (adaptive cycles) and then the same problem
with 'Steady cycles = 0' and 'Global refinements' = 0, 1, ... until the
global error is no larger than the error of the last adaptive cycle; prints
both tables (DoFs, sigma_eff, error against the reference) and asserts:

- the last adaptive cycle is within --max-error (relative) of the reference;
- global refinement needs at least --min-ratio times the DoFs of the last
  adaptive cycle for the same error (its DoFs at that error interpolated
  log-log between the two global levels around it);
- sigma_eff does not increase from cycle to cycle: without coarsening the
  spaces are nested and the dissipated power P_h >= P falls (P_h - P is the
  squared energy error), so a rise would be a wrong solve or transfer;
- the estimated error of every cycle lies between 1 and 30 times the true
  one (the estimator is an upper bound up to its constant, and efficient).
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys


def run(mpiexec, np_, exe, prm, workdir):
    os.makedirs(workdir, exist_ok=True)
    cmd = [mpiexec, "-np", str(np_), "--oversubscribe", exe, prm]
    result = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout)
        print(result.stderr)
        sys.exit(f"FAIL: {' '.join(cmd)} exited with {result.returncode}")
    return result.stdout


def rows(path, case="bulk"):
    with open(path) as f:
        return [r for r in csv.DictReader(f) if r["case"] == case]


def set_entry(text, name, value):
    pattern = r"^(\s*set\s+" + re.escape(name) + r"\s*=\s*)(.*?)\s*$"
    new, n = re.subn(pattern, lambda m: m.group(1) + value, text, flags=re.M)
    if n != 1:
        sys.exit(f"FAIL: entry '{name}' not found once in the parameter file")
    return new


def global_prm(text, prm_dir, level):
    """The job of FILE.prm on the mesh refined 'level' times, no cycles."""
    mesh = re.search(r"^\s*set\s+Mesh file\s*=\s*(.*?)\s*$", text, re.M).group(1)
    text = set_entry(text, "Mesh file", os.path.normpath(os.path.join(prm_dir, mesh)))
    text = set_entry(text, "Global refinements", str(level))
    return set_entry(text, "Steady cycles", "0")


def dofs_for_error(levels, error):
    """DoFs global refinement needs for 'error': log-log interpolation
    between the last two levels (the last one is at or below 'error')."""
    (n0, e0), (n1, e1) = levels[-2], levels[-1]
    slope = math.log(n1 / n0) / math.log(e1 / e0)
    return n0 * (error / e0) ** slope


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mpiexec")
    ap.add_argument("exe")
    ap.add_argument("prm")
    ap.add_argument("workdir")
    ap.add_argument("--np", type=int, default=1)
    ap.add_argument("--max-error", type=float, default=0.002)
    ap.add_argument("--min-ratio", type=float, default=5.0)
    ap.add_argument("--max-level", type=int, default=7)
    args = ap.parse_args()

    prm = os.path.abspath(args.prm)
    text = open(prm).read()
    reference = float(re.search(r"^# REFERENCE:\s*(\S+)", text, re.M).group(1))
    failures = []

    out = run(args.mpiexec, args.np, args.exe, prm, os.path.join(args.workdir, "adaptive"))
    cycles = rows(os.path.join(args.workdir, "adaptive", "output", "adaptivity.csv"))
    print(f"reference sigma_eff = {reference:.9g} S/m; {args.np} rank(s)")
    print("adaptive: cycle   DoFs   sigma_eff [S/m]   error      estimated")
    previous = math.inf
    for r in cycles:
        k = float(r["effective_conductivity"])
        err = abs(k - reference) / reference
        est = float(r["estimated_relative_error"])
        print(f"          {int(r['cycle']):5d} {int(r['dofs']):7d}   {k:.10f}   "
              f"{err:.3e}  {est:.3e} ({est / err:.1f} x)")
        if k > previous * (1 + 1e-10):
            failures.append(f"sigma_eff rose in cycle {r['cycle']}")
        if not 1.0 <= est / err <= 30.0:
            failures.append(f"cycle {r['cycle']}: estimate {est:.3e} against error {err:.3e}")
        previous = k
    final = cycles[-1]
    n_adaptive = int(final["dofs"])
    e_adaptive = abs(float(final["effective_conductivity"]) - reference) / reference

    print("global:   level   DoFs   sigma_eff [S/m]   error")
    levels = []
    for level in range(args.max_level + 1):
        workdir = os.path.join(args.workdir, f"global_{level}")
        os.makedirs(workdir, exist_ok=True)
        with open(os.path.join(workdir, "global.prm"), "w") as f:
            f.write(global_prm(text, os.path.dirname(prm), level))
        run(args.mpiexec, args.np, args.exe, "global.prm", workdir)
        row = rows(os.path.join(workdir, "output", "effective_conductivity.csv"))[0]
        k = float(row["effective_conductivity"])
        err = abs(k - reference) / reference
        levels.append((int(row["dofs"]), err))
        print(f"          {level:5d} {int(row['dofs']):7d}   {k:.10f}   {err:.3e}")
        if err <= e_adaptive:
            break
    if levels[-1][1] > e_adaptive:
        sys.exit(f"FAIL: {args.max_level} global refinements do not reach the adaptive error")

    n_global = dofs_for_error(levels, e_adaptive)
    ratio = n_global / n_adaptive
    print(f"last cycle: {n_adaptive} DoFs, error {e_adaptive:.3e} "
          f"(at most {args.max_error:g}); global refinement needs about "
          f"{n_global:.0f} DoFs for it: ratio {ratio:.1f} (at least {args.min_ratio:g})")
    if e_adaptive > args.max_error:
        failures.append(f"adaptive error {e_adaptive:.3e} above {args.max_error:g}")
    if ratio < args.min_ratio:
        failures.append(f"DoF ratio {ratio:.2f} below {args.min_ratio:g}")
    if failures:
        print(out)
        sys.exit("FAIL: " + "; ".join(failures))
    print("OK")


if __name__ == "__main__":
    main()
