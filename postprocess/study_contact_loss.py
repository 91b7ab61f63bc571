#!/usr/bin/python3
"""Study (b): contact loss of NMC811 pillars in a PVDF-HFP CPE during
charge, against stack pressure (parameters/study_b_contact_loss.prm).

Runs the cell at each stack pressure, charging at C/2 to the cut-off, and
plots the debonded fraction of the NMC811 surface and the voltage against
the mean lithiation; writes contact_loss.csv and contact_loss.png.

--check asserts (exit 1 otherwise): the cell debonds without stack
pressure, and the final debonded fraction does not grow with the stack
pressure and is smaller at the highest pressure than at the lowest.

Usage: study_contact_loss.py MESOCELL [--np 2] [--workdir DIR]
       [--pressures 0,3,10,30] [--cutoff 4.4] [--check]
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mesocell_study import run_variant  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "parameters", "study_b_contact_loss.prm")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mesocell")
    ap.add_argument("--np", type=int, default=2)
    ap.add_argument("--workdir", default="study-b-contact-loss")
    ap.add_argument("--pressures", default="0,3,10,30", help="MPa")
    ap.add_argument("--cutoff", type=float, default=4.4, help="V")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    pressures = [float(x) for x in a.pressures.split(",")]
    runs = []
    for p in pressures:
        code, rows, out = run_variant(
            a.mesocell, BASE, a.workdir, f"p{p:g}MPa",
            f"Apply stack pressure {p:g} MPa; Charge at C/2 until {a.cutoff:g} V", np=a.np)
        if code != 0 or not rows:
            sys.exit(f"mesocell failed (exit {code}) at {p} MPa: see {out}/log.txt")
        rows = [r for r in rows if r["protocol_step"] == "2"]
        x = [float(r["mean_lithiation"]) for r in rows]
        V = [float(r["voltage_V"]) for r in rows]
        lost = [float(r["open_active_fraction"]) for r in rows]
        tension = max(float(r["max_interface_tension_Pa"]) for r in rows)
        runs.append(dict(p=p, x=x, V=V, lost=lost, tension=tension))
        print(f"stack pressure {p:5.3g} MPa: charged to x = {x[-1]:.4f}, debonded fraction "
              f"{lost[-1]:.4f}, largest interface tension {tension / 1e6:.3g} MPa", flush=True)
    with open(os.path.join(a.workdir, "contact_loss.csv"), "w") as f:
        f.write("stack_pressure_MPa,final_lithiation,final_debonded_fraction,"
                "max_interface_tension_Pa\n")
        for r in runs:
            f.write(f"{r['p']},{r['x'][-1]},{r['lost'][-1]},{r['tension']}\n")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for r in runs:
        ax1.plot(r["x"], r["lost"], label=f"{r['p']:g} MPa")
        ax2.plot(r["x"], r["V"], label=f"{r['p']:g} MPa")
    for ax in (ax1, ax2):
        ax.set_xlabel("mean lithiation x of NMC811 [-]")
        ax.invert_xaxis()
        ax.legend(title="stack pressure")
    ax1.set_ylabel("debonded fraction of the NMC811 surface [-]")
    ax2.set_ylabel("cell voltage [V]")
    fig.tight_layout()
    png = os.path.join(a.workdir, "contact_loss.png")
    fig.savefig(png, dpi=120)
    print("wrote", png)
    if a.check:
        ok = True
        final = [r["lost"][-1] for r in runs]
        if not final[0] > 0:
            print("FAIL: no debonding at the lowest stack pressure")
            ok = False
        if any(b > a_ + 1e-12 for a_, b in zip(final, final[1:])):
            print(f"FAIL: debonded fraction grows with stack pressure: {final}")
            ok = False
        if not final[-1] < final[0]:
            print(f"FAIL: the highest pressure does not reduce debonding: {final}")
            ok = False
        print("check:", "passed" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
