#!/usr/bin/python3
"""Plot the voltage curve of a MesoCell electrochemistry run.

Usage: /usr/bin/python3 postprocess/plot_discharge.py OUTPUT_DIR/statistics.csv [PNG]

Left: voltage against capacity (mAh/g of active material), one line per
protocol step; right: voltage, current density and mean overpotential
against time. Writes PNG (default: voltage_curve.png next to the CSV) and
prints the final capacity and utilization.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(csv_file, png=None):
    with open(csv_file) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{csv_file}: no time steps")
    col = lambda name: [float(r[name]) for r in rows]  # noqa: E731
    t_h = [x / 3600 for x in col("time_s")]
    V = col("voltage_V")
    cap = col("capacity_mAh_g")
    i = col("current_density_A_m2")
    eta = col("mean_overpotential_V")
    steps = [int(r["protocol_step"]) for r in rows]

    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
    for s in sorted(set(steps)):
        idx = [k for k, x in enumerate(steps) if x == s]
        a.plot([abs(cap[k]) for k in idx], [V[k] for k in idx], ".-", ms=3, label=f"step {s}")
    a.set_xlabel("|capacity| [mAh/g]")
    a.set_ylabel("cell voltage [V]")
    a.grid(alpha=0.3)
    a.legend(fontsize=8)
    b.plot(t_h, V, "k-", label="voltage [V]")
    b.set_xlabel("time [h]")
    b.set_ylabel("voltage [V]")
    b.grid(alpha=0.3)
    c = b.twinx()
    c.plot(t_h, [x / 10 for x in i], "b--", lw=1, label="current density [mA/cm2]")
    c.plot(t_h, eta, "r:", lw=1, label="mean cathode overpotential [V]")
    c.set_ylabel("mA/cm2, V")
    lines = b.get_lines() + c.get_lines()
    b.legend(lines, [l.get_label() for l in lines], fontsize=8, loc="lower left")
    fig.suptitle(os.path.abspath(csv_file))
    fig.tight_layout()
    png = png or os.path.join(os.path.dirname(os.path.abspath(csv_file)), "voltage_curve.png")
    fig.savefig(png, dpi=120)
    last = rows[-1]
    print(f"{len(rows)} steps, t = {t_h[-1]:.4g} h, V = {V[-1]:.4f} V, "
          f"capacity {cap[-1]:.4g} mAh/g ({float(last['capacity_mAh_cm2']):.4g} mAh/cm2), "
          f"utilization {float(last['utilization']):.3f}")
    print(f"Wrote {png}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
