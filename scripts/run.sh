#!/usr/bin/env bash
# Install what is missing, build, and run a simulation on 2 MPI ranks.
# Usage: scripts/run.sh [FILE.prm] [NUMBER_OF_RANKS]
# Default: parameters/nmc811_pillars_discharge.prm (C/5 discharge of an
# NMC811-pillar composite cathode in PEO-LiTFSI with a Li-foil anode, 3D);
# its voltage curve is plotted to results/output-nmc811-pillars/voltage_curve.png.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prm="$(realpath "${1:-$root/parameters/nmc811_pillars_discharge.prm}")"
np="${2:-2}"
bash "$root/scripts/install.sh"
bash "$root/scripts/build.sh" mesocell   # only what it runs
source "$root/scripts/env.sh"
mkdir -p "$root/results"
cd "$root/results"
stamp="$(mktemp)"
mpirun -np "$np" "$root/build/mesocell" "$prm"
# Plot the voltage curve of an electrochemistry run.
stats="$(find "$root/results" -name statistics.csv -newer "$stamp" | head -n 1)"
rm -f "$stamp"
if [ -n "$stats" ]; then
  /usr/bin/python3 "$root/postprocess/plot_discharge.py" "$stats"
fi
echo "run: results are in $root/results/ (see the 'Results in' line above)"
