#!/usr/bin/python3
"""Study (e): rate capability of NMC811 pillars against a dense particle
composite at equal active loading and thickness, in PEO-LiTFSI at 60 C
(parameters/study_e_rate_capability.prm; images meshes/image_rate_*_3d.npy).

Discharges both cathodes from the charged state (x0 = 0.27) to 3.4 V at
each C-rate and reads the capacity, the utilization and, from the last VTU,
the mean lithiation x of the NMC811 in slabs through the electrode. The
spread of lithiation is x near the separator (top fifth of the electrode)
minus x near the collector (bottom fifth), also relative to the Li inserted
(x_mean - x0). Writes rate_capability.csv, rate_profiles.csv and
rate_capability.png (capacity and utilization against C-rate beside
Huang & Grant 2018, the spread against C-rate, and the profiles).

--check asserts (exit 1 otherwise), for every run:
 * the current is the C-rate of the nominal capacity F c_max (x_d - x_c)
   V_active, V_active counted on the image (rel. 1e-6), and the charge
   and the mAh/g are I t (rel. 1e-6);
 * Li conservation: the Li that entered the NMC811, F c_max (x_mean - x0)
   V_active, equals the charge passed (rel. 1e-6), with x_mean both from
   statistics.csv and integrated over the last VTU (rel. 1e-5);
 * the discharge ended at the cut-off (3.4 V within the event tolerance)
   or at full lithiation of the NMC811 surface;
and over the sweep, for each electrode:
 * the capacity falls strictly with the rate;
 * no utilization exceeds the thermodynamic limit, and at the slowest rate
   (if at most C/10) it lies within 5 % below it: the NMC811 OCP stays
   above 3.4 V for all x <= 1 (3.487 V at x = 1), so at vanishing rate the
   discharge fills the NMC811 to x = 1, u_th = (1 - x0) / (x_d - x_c)
   = 1.1365 (at C/10 solid diffusion leaves about 2e-3 between surface and
   mean x; the rest of the gap is the spread through the thickness);
 * the relative spread of lithiation grows with the rate;
and between them, at the fastest rate if it is at least 1C: the pillars
deliver more capacity than the composite. At and above 1C the discharge is
limited by ionic transport through the electrolyte (the ohmic drop across
the 30 um electrode at 2C is several hundred mV against about 150 mV of
charge-transfer overpotential), and the straight channels between the
pillars conduct better than the tortuous pores of the composite, although
the composite has 1.5 times the NMC811|CPE interface area.

The checks that need several rates apply to an electrode run at several
(the ctest runs the pillars at C/10 and 2C and the composite at 2C only).

Usage: study_rate_capability.py MESOCELL [--np 2] [--workdir DIR]
       [--rates C/10,C/5,C/2,1C,2C] [--composite-rates RATES]
       [--electrodes pillars,composite] [--check]
"""
import argparse
import os
import re
import resource
import sys
import time

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mesocell_study import hexahedra, read_last_fields, read_prm, run_variant  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "parameters", "study_e_rate_capability.prm")
MESHES = os.path.join(HERE, "..", "meshes")
IMAGES = {"pillars": "image_rate_pillars_3d.npy", "composite": "image_rate_composite_3d.npy"}
F = 96485.33212
CUTOFF = 3.4
SLABS = 10
# Huang & Grant 2018 (doc/shared MATERIALS): ice-templated 900 um cathodes
# against a conventional electrode (another cell: liquid electrolyte).
LITERATURE = {"ice-templated, 900 um": [(0.1, 142.0), (1.0, 124.0)],
              "conventional": [(1.0, 103.0)]}


def c_rate(text):
    """'C/10' -> 0.1, '2C' -> 2."""
    m = re.fullmatch(r"C/([0-9.]+)", text)
    return 1 / float(m.group(1)) if m else float(text.rstrip("C"))


def run(a, electrode, rate, image_voxels, layers):
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    code, rows, out = run_variant(
        a.mesocell, BASE, a.workdir, f"{electrode}_{rate.replace('/', '_')}",
        f"Discharge at {rate} until {CUTOFF:g} V", np=a.np,
        extra={"Image file": os.path.abspath(os.path.join(MESHES, IMAGES[electrode]))})
    wall = time.time() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    if code != 0 or not rows:
        sys.exit(f"mesocell failed (exit {code}) for {electrode} at {rate}: see {out}/log.txt")
    prm = read_prm(os.path.join(out, "parameters.prm"))
    nmc = lambda k: float(prm["Materials/NMC811/" + k])  # noqa: E731
    x0 = float(prm["Electrochemistry/Initial lithiation"])
    h = float(prm["Image/Voxel size"])
    last = rows[-1]
    t_end, fields = read_last_fields(out)
    x, vol, means = hexahedra(fields)
    active = means["c_s"] > 0
    c_max = nmc("Maximum concentration")
    xs = means["c_s"][active] / c_max
    w = vol[active]
    z = x[active][:, :, 2].mean(axis=1)
    thickness = h * layers
    edges = np.linspace(0, thickness, SLABS + 1)
    profile = [float(np.average(xs[(z >= lo) & (z < hi)], weights=w[(z >= lo) & (z < hi)]))
               for lo, hi in zip(edges, edges[1:])]
    fifth = SLABS // 5
    near_collector = float(np.average(xs[z < edges[fifth]], weights=w[z < edges[fifth]]))
    near_separator = float(np.average(xs[z >= edges[-fifth - 1]],
                                      weights=w[z >= edges[-fifth - 1]]))
    log = open(os.path.join(out, "log.txt")).read()
    surface_full = "fully lithiated" in log
    r = dict(electrode=electrode, rate=rate, C=c_rate(rate), x0=x0, c_max=c_max,
             x_d=nmc("Lithiation when discharged"), x_c=nmc("Lithiation when charged"),
             density=nmc("Density"), V_active=image_voxels * h ** 3,
             t=float(last["time_s"]), t_vtu=t_end, I=float(last["current_A"]),
             V=float(last["voltage_V"]), charge=float(last["charge_C"]),
             capacity=float(last["capacity_mAh_g"]), utilization=float(last["utilization"]),
             x_mean=float(last["mean_lithiation"]),
             x_mean_vtu=float(np.average(xs, weights=w)), x_max_vtu=float(xs.max()),
             V_active_vtu=float(w.sum()), profile=profile, z=0.5 * (edges[1:] + edges[:-1]),
             near_collector=near_collector, near_separator=near_separator,
             steps=len(rows), newton=sum(int(q["newton_iterations"]) for q in rows),
             dofs=int(last["dofs"]), wall=wall, cpu=cpu, surface_full=surface_full,
             tolerance=float(prm["Time stepping/Voltage event tolerance"]))
    r["spread"] = near_separator - near_collector
    r["relative_spread"] = r["spread"] / (r["x_mean"] - x0)
    print(f"{electrode:9s} {rate:>4s}: {r['capacity']:7.2f} mAh/g, utilization "
          f"{r['utilization']:.4f}, x near collector {near_collector:.4f}, near separator "
          f"{near_separator:.4f} (spread {r['spread']:.4f}, relative "
          f"{r['relative_spread']:.3f}), ended at {r['V']:.4f} V"
          f"{' (surface fully lithiated)' if surface_full else ''}; {r['steps']} steps, "
          f"{r['newton']} Newton its, {r['dofs']} DoFs, {wall:.0f} s wall, {cpu:.0f} s CPU",
          flush=True)
    return r


def check(runs, electrodes):
    ok = True

    def fail(msg):
        nonlocal ok
        print("FAIL:", msg)
        ok = False

    for r in runs:
        tag = f"{r['electrode']} {r['rate']}"
        span = r["x_d"] - r["x_c"]
        Q_nominal = F * r["c_max"] * span * r["V_active"]
        if abs(r["I"] / (r["C"] * Q_nominal / 3600) - 1) > 1e-6:
            fail(f"{tag}: I = {r['I']} A is not {r['rate']} of {Q_nominal} C")
        if abs(r["charge"] / (r["I"] * r["t"]) - 1) > 1e-6:
            fail(f"{tag}: charge {r['charge']} C is not I t = {r['I'] * r['t']} C")
        mAh_g = r["I"] * r["t"] / 3.6 / (r["density"] * 1e3 * r["V_active"])
        if abs(r["capacity"] / mAh_g - 1) > 1e-6:
            fail(f"{tag}: {r['capacity']} mAh/g is not I t / m = {mAh_g}")
        inserted = F * r["c_max"] * (r["x_mean"] - r["x0"]) * r["V_active"]
        if abs(inserted / r["charge"] - 1) > 1e-6:
            fail(f"{tag}: Li inserted {inserted} C is not the charge passed {r['charge']} C")
        if abs(r["V_active_vtu"] / r["V_active"] - 1) > 1e-6:
            fail(f"{tag}: NMC811 volume in the VTU {r['V_active_vtu']} is not the image's "
                 f"{r['V_active']}")
        if abs(r["t_vtu"] - r["t"]) > 1e-6 * r["t"] or \
                abs(r["x_mean_vtu"] - r["x_mean"]) > 1e-5 * r["x_mean"]:
            fail(f"{tag}: last VTU (t = {r['t_vtu']}, x = {r['x_mean_vtu']}) is not the end "
                 f"of the discharge (t = {r['t']}, x = {r['x_mean']})")
        if not (abs(r["V"] - CUTOFF) <= r["tolerance"] or r["surface_full"]):
            fail(f"{tag}: ended at {r['V']} V, neither at the cut-off nor at a full surface")
        if r["x_max_vtu"] > 1:
            fail(f"{tag}: lithiation above 1 ({r['x_max_vtu']})")
    for e in electrodes:
        mine = sorted((r for r in runs if r["electrode"] == e), key=lambda r: r["C"])
        caps = [r["capacity"] for r in mine]
        if any(b >= a for a, b in zip(caps, caps[1:])):
            fail(f"{e}: capacity does not fall with the rate: {caps}")
        slow = mine[0]
        u_th = (1 - slow["x0"]) / (slow["x_d"] - slow["x_c"])
        if slow["C"] <= 0.1 and not 0.95 * u_th <= slow["utilization"] <= u_th:
            fail(f"{e}: utilization {slow['utilization']} at {slow['rate']} not within 5 % "
                 f"below the thermodynamic {u_th}")
        if any(r["utilization"] > u_th for r in mine):
            fail(f"{e}: utilization above the thermodynamic limit {u_th}")
        rel = [r["relative_spread"] for r in mine]
        if any(b <= a for a, b in zip(rel, rel[1:])):
            fail(f"{e}: relative lithiation spread does not grow with the rate: {rel}")
    fast = max(r["C"] for r in runs)
    at = {r["electrode"]: r for r in runs if r["C"] == fast}
    if fast >= 1 and len(at) == 2 and not at["pillars"]["capacity"] > at["composite"]["capacity"]:
        fail(f"at {at['pillars']['rate']} the pillars do not beat the composite: "
             f"{at['pillars']['capacity']} against {at['composite']['capacity']} mAh/g")
    return ok


def plot(runs, electrodes, path):
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    (ax1, ax2), (ax3, ax4) = axes
    colours = {"pillars": "tab:blue", "composite": "tab:red"}
    for e in electrodes:
        mine = sorted((r for r in runs if r["electrode"] == e), key=lambda r: r["C"])
        C = [r["C"] for r in mine]
        label = "NMC811 pillars (model)" if e == "pillars" else "particle composite (model)"
        ax1.plot(C, [r["capacity"] for r in mine], "o-", color=colours[e], label=label)
        ax2.plot(C, [r["utilization"] for r in mine], "o-", color=colours[e], label=label)
        ax3.plot(C, [r["relative_spread"] for r in mine], "o-", color=colours[e],
                 label=label + ", relative")
        ax3.plot(C, [r["spread"] for r in mine], "s--", color=colours[e], mfc="none",
                 label=label + ", x_sep - x_coll")
        for i, r in enumerate(mine):
            ax4.plot(np.array(r["z"]) * 1e6, r["profile"], "-" if e == "pillars" else "--",
                     color=colours[e], alpha=0.35 + 0.65 * i / max(1, len(mine) - 1),
                     label=f"{e} {r['rate']}")
    for (name, pts), marker in zip(LITERATURE.items(), ("^", "v")):
        ax1.plot([p[0] for p in pts], [p[1] for p in pts], marker, color="k", mfc="none",
                 ms=9, ls=":", label=f"Huang & Grant 2018, {name} (other cell)")
    slow = min(runs, key=lambda r: r["C"])
    u_th = (1 - slow["x0"]) / (slow["x_d"] - slow["x_c"])
    ax2.axhline(u_th, color="gray", ls=":", label=f"thermodynamic limit {u_th:.3f} (x = 1)")
    for ax in (ax1, ax2, ax3):
        ax.set_xscale("log")
        ax.set_xlabel("C-rate [1/h]")
        ax.legend(fontsize=7)
    ax1.set_ylabel("discharge capacity to 3.4 V [mAh/g NMC811]")
    ax2.set_ylabel("utilization of the x = 0.2661..0.9084 window [-]")
    ax3.set_ylabel("lithiation spread at the end of discharge [-]")
    ax4.set_xlabel("height above the collector z [um]")
    ax4.set_ylabel("mean lithiation x of the NMC811 slab [-]")
    ax4.legend(fontsize=6, ncol=2)
    fig.suptitle("NMC811 | PEO-LiTFSI at 60 C, 30 um, 0.52 NMC811: pillars vs composite")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mesocell")
    ap.add_argument("--np", type=int, default=2)
    ap.add_argument("--workdir", default="study-e-rate-capability")
    ap.add_argument("--rates", default="C/10,C/5,C/2,1C,2C")
    ap.add_argument("--electrodes", default="pillars,composite")
    ap.add_argument("--composite-rates", default=None,
                    help="rates of the composite if not --rates (the ctest runs it at 2C only)")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    electrodes = a.electrodes.split(",")
    rates = a.rates.split(",")
    os.makedirs(a.workdir, exist_ok=True)
    runs = []
    for e in electrodes:
        image = np.load(os.path.join(MESHES, IMAGES[e]))
        voxels = int((image == 1).sum())
        layers = int((image != 2).any(axis=(1, 2)).sum())  # electrode, below the separator
        mine = a.composite_rates.split(",") if e == "composite" and a.composite_rates else rates
        for rate in mine:
            runs.append(run(a, e, rate, voxels, layers))
    with open(os.path.join(a.workdir, "rate_capability.csv"), "w") as f:
        f.write("electrode,rate,C_rate,capacity_mAh_g,utilization,final_voltage_V,time_s,"
                "mean_lithiation,x_near_collector,x_near_separator,spread,relative_spread,"
                "surface_fully_lithiated,steps,newton_iterations,dofs,wall_s,cpu_s\n")
        for r in runs:
            f.write(f"{r['electrode']},{r['rate']},{r['C']},{r['capacity']},{r['utilization']},"
                    f"{r['V']},{r['t']},{r['x_mean']},{r['near_collector']},"
                    f"{r['near_separator']},{r['spread']},{r['relative_spread']},"
                    f"{int(r['surface_full'])},{r['steps']},{r['newton']},{r['dofs']},"
                    f"{r['wall']:.1f},{r['cpu']:.1f}\n")
    with open(os.path.join(a.workdir, "rate_profiles.csv"), "w") as f:
        f.write("electrode,rate,z_m,mean_lithiation\n")
        for r in runs:
            for z, x in zip(r["z"], r["profile"]):
                f.write(f"{r['electrode']},{r['rate']},{z},{x}\n")
    png = os.path.join(a.workdir, "rate_capability.png")
    plot(runs, electrodes, png)
    print("wrote", png)
    for e in electrodes:
        mine = {r["C"]: r["capacity"] for r in runs if r["electrode"] == e}
        if 1.0 in mine and 0.1 in mine:
            print(f"{e}: capacity at 1C / C/10 = {mine[1.0] / mine[0.1]:.3f} (Huang & Grant "
                  f"2018, ice-templated 900 um: 124 / 142 = {124 / 142:.3f})")
    if a.check:
        ok = check(runs, electrodes)
        print("check:", "passed" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
