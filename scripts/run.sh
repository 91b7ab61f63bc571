#!/usr/bin/env bash
# Install what is missing, build, and run a simulation on 2 MPI ranks.
# Usage: scripts/run.sh [FILE.prm] [NUMBER_OF_RANKS]
# Default: parameters/pillars_3d.prm (NMC811 pillars in a PEO-LiTFSI CPE).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prm="$(realpath "${1:-$root/parameters/pillars_3d.prm}")"
np="${2:-2}"
bash "$root/scripts/install.sh"
bash "$root/scripts/build.sh"
source "$root/scripts/env.sh"
mkdir -p "$root/results"
cd "$root/results"
mpirun -np "$np" "$root/build/mesocell" "$prm"
echo "run: results are in $root/results/ (see the 'Results written to' line above)"
