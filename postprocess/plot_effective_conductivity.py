#!/usr/bin/python3
"""Plot effective properties from one or more MesoCell runs.

Usage: /usr/bin/python3 postprocess/plot_effective_conductivity.py OUT.png RUN_DIR [RUN_DIR ...]

Each RUN_DIR is an output directory holding effective_conductivity.csv. The
figure shows, per run, sigma_eff / (volume-averaged sigma) of the composite
and D_eff / D = eps / tau of every percolating tortuosity phase.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(png, run_dirs):
    labels, values = [], []
    for d in run_dirs:
        with open(os.path.join(d, "effective_conductivity.csv")) as f:
            for row in csv.DictReader(f):
                name = os.path.basename(os.path.normpath(d))
                if row["case"] == "bulk":
                    labels.append(f"{name}\ncomposite ({row['axis']})")
                elif row["percolates"] == "1":
                    labels.append(f"{name}\n{row['phase']} (tau={float(row['tortuosity_factor']):.3f})")
                else:
                    labels.append(f"{name}\n{row['phase']} (no path)")
                values.append(float(row["relative_effective_conductivity"]))
    fig, ax = plt.subplots(figsize=(max(4, 1.6 * len(labels)), 4))
    ax.bar(range(len(values)), values, color="tab:blue")
    ax.set_xticks(range(len(values)), labels, fontsize=8)
    ax.set_ylabel("relative effective conductivity [-]")
    ax.set_ylim(0, 1.05 * max(values + [1e-12]))
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
