#!/usr/bin/env python3
"""GMG on generated 2D particle meshes (ctest robustness.gmg_particles.*).

For every seed: the effective conductivity of a 2D particle microstructure
(active, filler and binder balls in a matrix, the meshes on which the
matrix-free GMG used to crash in MGConstrainedDoFs::initialize) with
Method = GMG and with Method = AMG on the same generated mesh. Both must
exit 0 and agree to the solver tolerance; the result must lie between the
smallest and the largest phase conductivity.

Usage: check_gmg_particles.py MPIEXEC MESOCELL WORKDIR [--np N] [--seeds 2,4]
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys

PRM = """set Dimension = 2
subsection Geometry
  set Generator = particles
  set Seed      = {seed}
  set Mesh size = 1e-6
  set Width     = 20e-6
  subsection Electrode
    set Electrode thickness = 20e-6
    set Separator thickness = 0
  end
  subsection Particles
    set Volume fraction        = 0.3
    set Minimum radius         = 2e-6
    set Maximum radius         = 3e-6
    set Minimum gap            = 0.3e-6
    set Filler volume fraction = 0.1
    set Binder volume fraction = 0.1
    set Filler radius          = 1e-6
    set Binder radius          = 0.5e-6
  end
end
subsection Phases
  set Conductivity = active: 0.18, matrix: 1e-2, filler: 1e-3, binder: 0.5
end
subsection Effective conductivity
  set Axis            = y
  set Inlet boundary  = collector
  set Outlet boundary = anode
end
subsection Linear solver
  set Method             = {method}
  set Relative tolerance = 1e-12
end
subsection Output
  set Directory = output
  set Write VTU = false
end
"""
SIGMA = (1e-3, 0.5)  # the smallest and the largest phase conductivity


def run_case(a, seed, method):
    d = os.path.join(a.workdir, "seed%d_%s" % (seed, method))
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with open(os.path.join(d, "case.prm"), "w") as f:
        f.write(PRM.format(seed=seed, method=method))
    cmd = ([a.mpiexec, "-np", str(a.np), "--oversubscribe"] if a.np > 1 else []) + [
        a.exe, "case.prm"]
    p = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        print(p.stdout[-3000:], p.stderr[-3000:])
        sys.exit("seed %d, %s: exit code %d" % (seed, method, p.returncode))
    with open(os.path.join(d, "output", "effective_conductivity.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["case"] == "bulk"]
    return float(rows[0]["effective_conductivity"]), p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mpiexec")
    ap.add_argument("exe")
    ap.add_argument("workdir")
    ap.add_argument("--np", type=int, default=1)
    ap.add_argument("--seeds", default="2,4,6,7")
    a = ap.parse_args()
    failed = False
    for seed in [int(s) for s in a.seeds.split(",")]:
        gmg, out = run_case(a, seed, "GMG")
        amg, _ = run_case(a, seed, "AMG")
        fallback = [l for l in out.splitlines() if "falling back to AMG" in l]
        d = abs(gmg - amg) / abs(amg)
        ok = d < 1e-8 and SIGMA[0] < gmg < SIGMA[1]
        failed = failed or not ok
        print("seed %d: sigma_eff GMG %.12g, AMG %.12g S/m, relative difference %.2g%s %s"
              % (seed, gmg, amg, d, (" (" + fallback[0].strip() + ")") if fallback else "",
                 "ok" if ok else "FAILED"))
    if failed:
        sys.exit("GMG and AMG disagree or the result is not between the phase "
                 "conductivities")
    print("GMG on generated particle meshes: ok")


if __name__ == "__main__":
    main()
