#!/usr/bin/env bash
# Benchmark (not a test) of the coupled electrochemistry: the NMC811-pillar
# half cell (parameters/nmc811_pillars_discharge.prm) for three C/5 time
# steps at 0 and 1 global refinements (9.6k and 66k DoFs), with the direct
# (MUMPS) and the iterative (GMRES + BoomerAMG) linear solver; prints DoFs,
# Newton and linear iterations, time per phase and DoFs/s.
# Usage: scripts/benchmark_electrochemistry.sh [NUMBER_OF_RANKS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
np="${1:-2}"
bash "$root/scripts/install.sh"
bash "$root/scripts/build.sh"
source "$root/scripts/env.sh"
work="$root/build/benchmark-electrochemistry"
mkdir -p "$work"
cd "$work"
for r in 0 1; do
  for method in direct iterative; do
    sed -e "s#= ../meshes/#= $root/meshes/#" \
        -e "s/Global refinements = .*/Global refinements = $r/" \
        -e "s/set Protocol .*/set Protocol = Discharge at C\/5 for 7 seconds/" \
        -e "s/Directory = .*/Directory = output-r$r-$method/" \
        "$root/parameters/nmc811_pillars_discharge.prm" > "bench_r${r}_${method}.prm"
    printf 'subsection Nonlinear solver\n  set Linear method = %s\nend\nsubsection Output\n  set Write VTU = false\nend\n' \
      "$method" >> "bench_r${r}_${method}.prm"
    echo "=== electrochemistry benchmark: $r refinements, $np ranks, $method"
    mpirun -np "$np" "$root/build/mesocell" "bench_r${r}_${method}.prm"
  done
done
/usr/bin/python3 - "$work" <<'PY'
import csv, sys
print("\nelectrochemistry benchmark summary (3 time steps)")
print(f"{'DoFs':>8} {'method':>10} {'Newton':>7} {'linear':>7} {'assembly [s]':>13} {'solve [s]':>10} {'DoFs/s':>10}")
for r in (0, 1):
    for method in ("direct", "iterative"):
        with open(f"{sys.argv[1]}/output-r{r}-{method}/timing.csv") as f:
            t = {row["phase"]: row for row in csv.DictReader(f)}
        g = lambda k: float(t[k]["wall_time_s"]) if k in t else 0.0
        print(f"{int(g('dofs')):>8} {method:>10} {int(g('newton_iterations_total')):>7} "
              f"{int(g('linear_iterations_total')):>7} {g('assemble Jacobian'):13.2f} "
              f"{g('linear solve'):10.2f} {g('dofs_per_second'):10.0f}")
PY
