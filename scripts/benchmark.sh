#!/usr/bin/env bash
# Benchmark (not a test): 3D conduction through the NMC-pillar composite at
# about 127k and 1.0M Q1 DoFs on 2 ranks (parameters/benchmark_pillars_3d.prm
# with 2 and 3 refinements); prints DoFs, CG iterations, time per phase and
# DoFs/s, and the growth of the iteration count.
# Usage: scripts/benchmark.sh [NUMBER_OF_RANKS] [METHOD: GMG|AMG]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
np="${1:-2}"
method="${2:-GMG}"
bash "$root/scripts/install.sh"
bash "$root/scripts/build.sh"
source "$root/scripts/env.sh"
work="$root/build/benchmark"
mkdir -p "$work"
cd "$work"
for r in 2 3; do
  sed -e "s#= ../meshes/#= $root/meshes/#" \
      -e "s/Global refinements = .*/Global refinements = $r/" \
      -e "s/Method .*= .*/Method = $method/" \
      -e "s/Directory = .*/Directory = output-r$r/" \
      "$root/parameters/benchmark_pillars_3d.prm" > "bench_r$r.prm"
  echo "=== benchmark: $r refinements, $np ranks, $method"
  mpirun -np "$np" "$root/build/mesocell" "bench_r$r.prm"
done
/usr/bin/python3 - "$work" <<'PY'
import csv, sys
rows = []
for r in (2, 3):
    with open(f"{sys.argv[1]}/output-r{r}/effective_conductivity.csv") as f:
        rows.append(next(csv.DictReader(f)))
print("\nbenchmark summary")
print(f"{'DoFs':>10} {'CG':>4} {'setup':>8} {'assembly':>9} {'precond':>8} {'solve':>8} {'DoFs/s':>10}  sigma_eff [S/m]")
for row in rows:
    print(f"{row['dofs']:>10} {row['cg_iterations']:>4} {float(row['time_setup']):8.3f} "
          f"{float(row['time_assembly']):9.3f} {float(row['time_preconditioner']):8.3f} "
          f"{float(row['time_solve']):8.3f} {float(row['dofs_per_second']):10.0f}  {row['effective_conductivity']}")
growth = int(rows[1]['cg_iterations']) / int(rows[0]['cg_iterations']) - 1
print(f"CG iteration growth from {rows[0]['dofs']} to {rows[1]['dofs']} DoFs: {100 * growth:+.0f} %")
PY
