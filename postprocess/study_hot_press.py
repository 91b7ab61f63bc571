#!/usr/bin/python3
"""Study (a): hot-press pressure and time sweep of a Li | PEO-LiTFSI | LLZO |
PEO-LiTFSI | Li cell (parameters/study_a_hot_press.prm).

For every pressure and duration the cell is hot pressed at 80 C, then a
10 s pulse at 1 uA/cm2 at 60 C measures its resistance. Plots the contact
fraction theta against press time for each pressure and the interfacial
resistance against 1/theta; writes hot_press.csv and hot_press.png.

--check asserts (exit 1 otherwise):
 * theta after the press equals Persson's law with the polymer's relaxed
   modulus, max(theta_0, erf(sqrt(2) p / (E*(t) h'))), at the PEO|LLZO
   interfaces (rel. 1e-6);
 * theta rises monotonically with press time and with pressure;
 * the cell resistance is R_bulk + R_int / theta: the fit of V against
   1/theta has a relative residual below 1e-3.

Usage: study_hot_press.py MESOCELL [--np 2] [--workdir DIR]
       [--pressures 1,2,5,10] [--times 0.5,1,2,4,8] [--check]
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
BASE = os.path.join(HERE, "..", "parameters", "study_a_hot_press.prm")
R_GAS = 8.314462618


def persson(prm, p, t, T):
    """theta of the PEO-LiTFSI | LLZO pair (library values as used)."""
    peo = lambda k: float(prm["Materials/PEO-LiTFSI/" + k])  # noqa: E731
    llzo = lambda k: float(prm["Materials/LLZO/" + k])  # noqa: E731
    E0, Einf = peo("Young's modulus"), peo("Relaxed modulus")
    tau = peo("Relaxation time") * math.exp(
        peo("Relaxation activation energy") / R_GAS
        * (1 / T - 1 / peo("Relaxation reference temperature")))
    E = Einf + (E0 - Einf) * math.exp(-t / tau)
    nu_p, E_h, nu_h = peo("Poisson's ratio"), llzo("Young's modulus"), llzo("Poisson's ratio")
    E_star = 1 / ((1 - nu_p ** 2) / E + (1 - nu_h ** 2) / E_h)
    slope = math.hypot(peo("Surface slope"), llzo("Surface slope"))
    theta_min = float(prm["Contact mechanics/Minimum contact fraction"])
    theta0 = float(prm["Contact mechanics/Initial contact fraction"])
    return max(theta0, theta_min, math.erf(math.sqrt(2) * p / (E_star * slope)))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mesocell")
    ap.add_argument("--np", type=int, default=2)
    ap.add_argument("--workdir", default="study-a-hot-press")
    ap.add_argument("--pressures", default="1,2,5,10", help="kPa")
    ap.add_argument("--times", default="0.5,1,2,4,8", help="minutes")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    pressures = [float(x) for x in a.pressures.split(",")]
    times = [float(x) for x in a.times.split(",")]
    T_press = 353.15
    results, failures = [], []
    for p in pressures:
        for t in times:
            name = f"p{p:g}kPa_t{t:g}min"
            code, rows, out = run_variant(
                a.mesocell, BASE, a.workdir, name,
                f"Hot press at 80 C and {p:g} kPa for {t:g} minutes; "
                "Discharge at 0.001 mA/cm2 for 10 seconds", np=a.np)
            if code != 0 or not rows:
                failures.append(f"{name}: mesocell failed (exit {code}), see {out}/log.txt")
                continue
            pressed = [r for r in rows if r["protocol_step"] == "1"][-1]
            theta = float(pressed["mean_contact_fraction"])
            # the PEO | LLZO interfaces have the smallest theta (the stiffest
            # counter-face); the Li | PEO foils follow the same law with Li
            theta_pc = float(pressed["min_contact_fraction"])
            V = abs(float(rows[-1]["voltage_V"]))
            I = abs(float(rows[-1]["current_A"]))
            prm = read_prm(os.path.join(out, "parameters.prm"))
            expected = persson(prm, p * 1e3, t * 60, T_press)
            results.append(dict(p=p, t=t, theta=theta, theta_pc=theta_pc, expected=expected,
                                V=V, I=I))
            print(f"p = {p:6.3g} kPa  t = {t:5.3g} min  theta: mean {theta:.6f}, PEO|LLZO "
                  f"{theta_pc:.8f} (Persson {expected:.8f})  V = {V * 1e3:.4f} mV", flush=True)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    # V = a + b / theta (same current for every run): least squares.
    xs = [1 / r["theta"] for r in results]
    ys = [r["V"] for r in results]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    a0 = my - b * mx
    residual = max(abs(y - (a0 + b * x)) / y for x, y in zip(xs, ys))
    I = results[0]["I"]
    area = float(read_prm(os.path.join(a.workdir, f"p{pressures[0]:g}kPa_t{times[0]:g}min",
                                       "parameters.prm"))["Mesh/Length unit"])  # 2D: per m
    print(f"fit V = {a0 * 1e3:.4f} mV + {b * 1e3:.4f} mV / theta, max relative residual "
          f"{residual:.2e}; full-contact interfacial resistance "
          f"{b / I * area * 1e4:.4g} Ohm cm2")
    with open(os.path.join(a.workdir, "hot_press.csv"), "w") as f:
        f.write("pressure_kPa,time_min,theta,theta_persson,voltage_V,"
                "interfacial_resistance_Ohm_cm2\n")
        for r in results:
            r["R"] = (r["V"] - a0) / I * area * 1e4
            f.write(f"{r['p']},{r['t']},{r['theta']},{r['expected']},{r['V']},{r['R']}\n")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for p in pressures:
        sel = [r for r in results if r["p"] == p]
        ax1.plot([r["t"] for r in sel], [r["theta"] for r in sel], "o-", label=f"{p:g} kPa")
        ax2.loglog([r["theta"] for r in sel], [r["R"] for r in sel], "o", label=f"{p:g} kPa")
    th = [min(r["theta"] for r in results), 1]
    ax2.loglog(th, [b / I * area * 1e4 / x for x in th], "k--", label="R / theta")
    ax1.set_xlabel("hot-press time at 80 C [min]")
    ax1.set_ylabel("contact fraction theta [-]")
    ax1.legend(title="pressure")
    ax2.set_xlabel("contact fraction theta [-]")
    ax2.set_ylabel("interfacial resistance [Ohm cm2]")
    ax2.legend()
    fig.tight_layout()
    png = os.path.join(a.workdir, "hot_press.png")
    fig.savefig(png, dpi=120)
    print("wrote", png)

    if a.check:
        ok = True
        for r in results:
            if abs(r["theta_pc"] / r["expected"] - 1) > 1e-6:
                print(f"FAIL: theta {r['theta_pc']} != Persson {r['expected']} at {r}")
                ok = False
        for p in pressures:
            th = [r["theta"] for r in results if r["p"] == p]
            if any(y < x for x, y in zip(th, th[1:])) or th[-1] <= th[0]:
                print(f"FAIL: theta not rising with time at {p} kPa: {th}")
                ok = False
        for t in times:
            th = [r["theta"] for r in results if r["t"] == t]
            if any(y < x for x, y in zip(th, th[1:])) or th[-1] <= th[0]:
                print(f"FAIL: theta not rising with pressure at {t} min: {th}")
                ok = False
        if residual > 1e-3:
            print(f"FAIL: resistance not linear in 1/theta (residual {residual})")
            ok = False
        print("check:", "passed" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
