#!/usr/bin/python3
"""Study (c): critical stripping current of a Li | PEO-LiTFSI | Li cell
against stack pressure (parameters/study_c_critical_stripping.prm).

For each stack pressure a bisection on the stripping current density finds
the smallest current at which the Li interface loses contact within the
10-minute step (the gap reaches the critical gap g_c). The reference is the
gap law itself: contact is lost within T when
  j > j_crit(p) + g_c F / (Omega_Li T),  j_crit = F L_c A exp(-Q/RT) p^m / Omega_Li.
Writes critical_stripping.csv and critical_stripping.png.

--check asserts (exit 1 otherwise): the critical current rises with the
stack pressure, and each lies within the bisection bracket (plus 2 %) of
the reference.

Usage: study_critical_stripping.py MESOCELL [--np 2] [--workdir DIR]
       [--pressures 0.3,0.4,0.5,0.55] [--iterations 8] [--check]
"""
import argparse
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mesocell_study import read_prm, run_variant  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "parameters", "study_c_critical_stripping.prm")
F, R_GAS = 96485.33212, 8.314462618
DURATION = 600.0


def reference(prm, p):
    li = lambda k: float(prm["Materials/Li/" + k])  # noqa: E731
    T = float(prm["Electrochemistry/Temperature"])
    L_c = float(prm["Contact mechanics/Closure length"])
    g_c = float(prm["Contact mechanics/Critical gap"])
    omega = li("Molar volume")
    rate = li("Creep prefactor") * math.exp(-li("Creep activation energy") / (R_GAS * T)) \
        * p ** li("Creep exponent")
    j_crit = F * L_c * rate / omega
    return j_crit, j_crit + g_c * F / (omega * DURATION)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mesocell")
    ap.add_argument("--np", type=int, default=2)
    ap.add_argument("--workdir", default="study-c-critical-stripping")
    ap.add_argument("--pressures", default="0.3,0.4,0.5,0.55", help="MPa")
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--low", type=float, default=0.01, help="mA/cm2")
    ap.add_argument("--high", type=float, default=0.5, help="mA/cm2")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    results, run = [], 0

    def loses_contact(p, J):
        nonlocal run
        run += 1
        code, rows, out = run_variant(
            a.mesocell, BASE, a.workdir, f"run{run:03d}",
            f"Apply stack pressure {p:g} MPa; Discharge at {J:.6g} mA/cm2 for 10 minutes",
            np=a.np)
        if code != 0 or not rows:
            sys.exit(f"mesocell failed (exit {code}) at {p} MPa, {J} mA/cm2: see {out}/log.txt")
        lost = max(float(r["open_lithium_fraction"]) for r in rows) >= 0.99
        return lost, out

    for p in [float(x) for x in a.pressures.split(",")]:
        lo, hi = a.low, a.high
        lost_lo, _ = loses_contact(p, lo)
        lost_hi, out = loses_contact(p, hi)
        if lost_lo or not lost_hi:
            sys.exit(f"{p} MPa: the bracket [{lo}, {hi}] mA/cm2 does not contain the "
                     "critical current")
        for _ in range(a.iterations):
            mid = math.sqrt(lo * hi)
            lost, _ = loses_contact(p, mid)
            lo, hi = (lo, mid) if lost else (mid, hi)
        prm = read_prm(os.path.join(out, "parameters.prm"))
        j_crit, j_ref = reference(prm, p * 1e6)
        fe = math.sqrt(lo * hi)
        results.append(dict(p=p, lo=lo, hi=hi, fe=fe, j_crit=j_crit / 10, j_ref=j_ref / 10))
        print(f"stack pressure {p:g} MPa: critical stripping current in [{lo:.4g}, {hi:.4g}] "
              f"mA/cm2; gap law {j_ref / 10:.4g} mA/cm2 within 10 min (steady "
              f"{j_crit / 10:.4g} mA/cm2)", flush=True)

    with open(os.path.join(a.workdir, "critical_stripping.csv"), "w") as f:
        f.write("stack_pressure_MPa,critical_current_low_mA_cm2,critical_current_high_mA_cm2,"
                "gap_law_10min_mA_cm2,gap_law_steady_mA_cm2\n")
        for r in results:
            f.write(f"{r['p']},{r['lo']},{r['hi']},{r['j_ref']},{r['j_crit']}\n")
    fig, ax = plt.subplots(figsize=(5.5, 4))
    ps = [r["p"] for r in results]
    ax.errorbar(ps, [r["fe"] for r in results],
                yerr=[[r["fe"] - r["lo"] for r in results], [r["hi"] - r["fe"] for r in results]],
                fmt="o", label="MesoCell (bisection)")
    ax.plot(ps, [r["j_ref"] for r in results], "k--", label="gap law, 10 min")
    ax.plot(ps, [r["j_crit"] for r in results], "k:", label="gap law, steady")
    ax.set_yscale("log")
    ax.set_xlabel("stack pressure [MPa]")
    ax.set_ylabel("critical stripping current [mA/cm2]")
    ax.set_title("Li | PEO-LiTFSI, 60 C")
    ax.legend()
    fig.tight_layout()
    png = os.path.join(a.workdir, "critical_stripping.png")
    fig.savefig(png, dpi=120)
    print("wrote", png)
    if a.check:
        ok = True
        for r, s in zip(results, results[1:]):
            if not s["lo"] > r["hi"]:
                print(f"FAIL: critical current does not rise from {r['p']} to {s['p']} MPa")
                ok = False
        for r in results:
            if not (r["lo"] / 1.02 <= r["j_ref"] <= r["hi"] * 1.02):
                print(f"FAIL: {r['p']} MPa: reference {r['j_ref']} outside "
                      f"[{r['lo']}, {r['hi']}]")
                ok = False
        print("check:", "passed" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
