#!/usr/bin/python3
"""Study (d): Li in a layered rGO host against a planar Li slab at the same
current density (parameters/study_d_rgo_host_vs_foil.prm): local current
density and overpotential on the working Li|CPE surface.

Runs the host cell and the same cell with a planar Li slab of the host's
height (generator 'layers'), both stripping at 0.5 mA/cm2 for 10 minutes at
60 C, reads the interface tables (interface_NNNN.csv) at the end, and plots
the distributions of the local current density (relative to the applied
one) and of the overpotential; writes rgo_host.csv and rgo_host.png.

Points of the Li surface that carry less than 1e-6 of the applied current
density are reported as inactive (Li facing electrolyte pockets closed off
by the rGO sheets).

--check asserts (exit 1 otherwise): on each cell the working Li surface
carries the applied current (relative 1e-6); the planar Li carries it
uniformly (1e-6); the host exposes more Li surface than the projected area
but concentrates the current on its accessible part: the peak local current
density exceeds the applied one.

Usage: study_rgo_host.py MESOCELL [--np 2] [--workdir DIR] [--check]
"""
import argparse
import csv
import glob
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mesocell_study import run_variant  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "parameters", "study_d_rgo_host_vs_foil.prm")
PROTOCOL = "Charge at 0.5 mA/cm2 for 10 minutes"


def surface(out):
    """Points of the meshed Li (kind 0) in the last interface table."""
    last = sorted(glob.glob(os.path.join(out, "interface_*.csv")))[-1]
    with open(last) as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    return [dict(j=float(r["j_A_m2"]), eta=float(r["eta_V"]), w=float(r["weight_m2"]))
            for r in rows if r["kind"] == "0"]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mesocell")
    ap.add_argument("--np", type=int, default=2)
    ap.add_argument("--workdir", default="study-d-rgo-host")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    cells = {}
    for name, replace in (
            ("rGO host", None),
            ("planar Li", [("set Generator = rgo host",
                            "set Generator = layers\n  subsection Layers\n"
                            "    set Layers = lithium: 12e-6, separator: 10e-6\n  end"),
                           ("rgo: rGO, lithium: Li, void: PEO-LiTFSI, separator: PEO-LiTFSI",
                            "lithium: Li, separator: PEO-LiTFSI")])):
        code, rows, out = run_variant(a.mesocell, BASE, a.workdir, name.replace(" ", "_"),
                                      PROTOCOL, np=a.np, replace=replace)
        if code != 0 or not rows:
            sys.exit(f"mesocell failed (exit {code}) for the {name} cell: see {out}/log.txt")
        pts = surface(out)
        area = sum(p["w"] for p in pts)
        I = float(rows[-1]["current_A"])
        i_applied = abs(float(rows[-1]["current_density_A_m2"]))
        carried = sum(p["j"] * p["w"] for p in pts)
        mean_j = sum(abs(p["j"]) * p["w"] for p in pts) / area
        mean_eta = sum(abs(p["eta"]) * p["w"] for p in pts) / area
        active_area = sum(p["w"] for p in pts if abs(p["j"]) > 1e-6 * i_applied)
        cells[name] = dict(pts=pts, area=area, I=I, i=i_applied, carried=carried,
                           active_area=active_area,
                           mean_j=mean_j, max_j=max(abs(p["j"]) for p in pts),
                           mean_eta=mean_eta, max_eta=max(abs(p["eta"]) for p in pts),
                           V=float(rows[-1]["voltage_V"]), projected=abs(I) / i_applied)
        c = cells[name]
        print(f"{name:10s}: Li|CPE surface {c['area'] / c['projected']:.3f} x projected, "
              f"carrying current {c['active_area'] / c['projected']:.3f} x projected; "
              f"local |j| mean {c['mean_j'] / c['i']:.3f}, max {c['max_j'] / c['i']:.3f} "
              f"x applied; |eta| mean {c['mean_eta'] * 1e3:.2f} mV, max "
              f"{c['max_eta'] * 1e3:.2f} mV; cell voltage {c['V'] * 1e3:.2f} mV; "
              f"current carried {abs(c['carried'] / c['I']):.9f} of the applied", flush=True)
    with open(os.path.join(a.workdir, "rgo_host.csv"), "w") as f:
        f.write("cell,surface_over_projected,active_surface_over_projected,"
                "mean_j_over_applied,max_j_over_applied,"
                "mean_eta_V,max_eta_V,voltage_V\n")
        for name, c in cells.items():
            f.write(f"{name},{c['area'] / c['projected']},{c['active_area'] / c['projected']},"
                    f"{c['mean_j'] / c['i']},"
                    f"{c['max_j'] / c['i']},{c['mean_eta']},{c['max_eta']},{c['V']}\n")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for name, c in cells.items():
        for ax, key, scale in ((ax1, "j", 1 / c["i"]), (ax2, "eta", 1e3)):
            vals = sorted((abs(p[key]) * scale, p["w"]) for p in c["pts"])
            acc, xs, ys = 0.0, [], []
            for v, w in vals:
                acc += w / c["area"]
                xs.append(v)
                ys.append(acc)
            ax.step(xs, ys, where="post", label=name)
    ax1.set_xlabel("local |j| / applied current density [-]")
    ax2.set_xlabel("local |overpotential| [mV]")
    for ax in (ax1, ax2):
        ax.set_ylabel("fraction of the Li|CPE surface [-]")
        ax.legend()
    fig.tight_layout()
    png = os.path.join(a.workdir, "rgo_host.png")
    fig.savefig(png, dpi=120)
    print("wrote", png)
    if a.check:
        ok = True
        for name, c in cells.items():
            if abs(abs(c["carried"] / c["I"]) - 1) > 1e-6:
                print(f"FAIL: {name}: the Li surface carries {c['carried']} A/m, not {c['I']}")
                ok = False
        h, p = cells["rGO host"], cells["planar Li"]
        if any(abs(abs(q["j"]) / p["i"] - 1) > 1e-6 for q in p["pts"]):
            print("FAIL: the planar Li does not carry the current uniformly")
            ok = False
        if not h["area"] > 1.01 * p["area"]:
            print("FAIL: the host does not expose more Li surface")
            ok = False
        if not h["max_j"] > 1.01 * h["i"]:
            print("FAIL: no current concentration on the host's accessible surface")
            ok = False
        print("check:", "passed" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
