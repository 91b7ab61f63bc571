#!/usr/bin/python3
"""Run mesocell on a voxel-image parameter file and compare its effective
conductivity with the independent finite-volume value on the same voxels.

Usage: check_fv.py MPIEXEC MESOCELL FILE.prm WORKDIR [--np N] [--tol 0.01]

Reads 'Image file', 'Labels', 'Conductivity' and 'Axis' from FILE.prm, runs
`MPIEXEC -np N MESOCELL FILE.prm` in WORKDIR, takes the bulk effective
conductivity of output/effective_conductivity.csv and the FV value of
fv_reference.py (one unknown per cell, harmonic-mean face conductivities) on
the same voxels split like the FE mesh (each voxel into 2^(dim r) cells for
'Global refinements = r'); prints both, and FV on the voxels themselves, and
fails if |FE - FV| > tol FV.

Why the same grid: on a voxel image both methods have an O(h) error of
opposite sign (conforming FE overestimates sigma_eff, two-point FV
underestimates it here), so FE and FV at voxel resolution bracket the
continuum value with a gap of about 1.6 % (3D, contrast 2) while both
converge to the same value under refinement.
"""
import argparse
import csv
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fv_reference import fv_effective_conductivity  # noqa: E402


def entry(text, name):
    m = re.search(r"^\s*set\s+" + re.escape(name) + r"\s*=\s*(.*?)\s*$", text, re.M)
    return m.group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mpiexec")
    ap.add_argument("exe")
    ap.add_argument("prm")
    ap.add_argument("workdir")
    ap.add_argument("--np", type=int, default=1)
    ap.add_argument("--tol", type=float, default=0.01)
    args = ap.parse_args()

    text = open(args.prm).read()
    image_file = os.path.join(os.path.dirname(os.path.abspath(args.prm)), entry(text, "Image file"))
    names = {int(k): v.strip() for k, v in (p.split(":") for p in entry(text, "Labels").split(","))}
    sigma_of = {k.strip(): float(v) for k, v in (p.split(":") for p in entry(text, "Conductivity").split(","))}
    sigma = {label: sigma_of[name] for label, name in names.items()}
    axis = "xyz".index(entry(text, "Axis"))

    os.makedirs(args.workdir, exist_ok=True)
    run = subprocess.run([args.mpiexec, "-np", str(args.np), "--oversubscribe", args.exe,
                          os.path.abspath(args.prm)], cwd=args.workdir,
                         capture_output=True, text=True)
    print(run.stdout)
    print(run.stderr)
    if run.returncode != 0:
        sys.exit(f"mesocell exited with {run.returncode}")
    with open(os.path.join(args.workdir, "output", "effective_conductivity.csv")) as f:
        row = next(r for r in csv.DictReader(f) if r["case"] == "bulk")
    fe = float(row["effective_conductivity"])
    image = np.load(image_file)
    refine = 2 ** int(entry(text, "Global refinements"))
    fv_voxels = fv_effective_conductivity(image, sigma, axis)
    fv = fv_effective_conductivity(image, sigma, axis, refine=refine)
    diff = (fe - fv) / fv
    print(f"image {image_file} shape {image.shape}, sigma {sigma}, axis {'xyz'[axis]}")
    print(f"FE (mesocell, {row['dofs']} DoFs, {args.np} rank(s)): sigma_eff = {fe:.8g}")
    print(f"FV, each voxel split into {refine}^dim:     sigma_eff = {fv:.8g}")
    print(f"FV on the voxels (info):           sigma_eff = {fv_voxels:.8g} "
          f"(FE - FV {100 * (fe - fv_voxels) / fv_voxels:+.3f} %)")
    print(f"relative difference FE - FV on the FE grid: {100 * diff:+.3f} % "
          f"(tolerance {100 * args.tol:g} %)")
    if abs(diff) > args.tol:
        sys.exit("FAIL: FE and FV differ by more than the tolerance")
    print("ok")


if __name__ == "__main__":
    main()
