#!/usr/bin/env bash
# Benchmark (not a test) of the coupled electrochemistry: the NMC811-pillar
# half cell (parameters/nmc811_pillars_discharge.prm) for a few C/5 time
# steps at the given global refinements (0: 9.6k DoFs, 1: 66k, 2: 490k) with
# the given linear solvers:
#   direct       MUMPS LU
#   amg          GMRES + BoomerAMG (HMIS, ext+i, P_max 4) on the whole matrix
#   fieldsplit   GMRES + block Gauss-Seidel (potentials, concentrations),
#                BoomerAMG on each block
# each with preconditioner reuse and inexact Newton (the defaults).
# Prints DoFs, Newton iterations, linear iterations per solve, time per Newton
# iteration split into assembly, preconditioner set-up and Krylov solve,
# microseconds per cell of the Jacobian assembly, memory per rank, and a
# machine-independent cost: one Newton iteration over one scalar conduction
# solve (matrix-free GMG, same mesh), per DoF.
# Usage: scripts/benchmark_electrochemistry.sh [RANKS] [REFINEMENTS] [SOLVERS] [SECONDS]
#   e.g. scripts/benchmark_electrochemistry.sh 2 "0 1" "direct amg fieldsplit" 7
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
np="${1:-2}"
refinements="${2:-0 1}"
solvers="${3:-direct amg fieldsplit}"
seconds="${4:-7}"
if [ -z "${MESOCELL_SKIP_BUILD:-}" ]; then
  bash "$root/scripts/install.sh"
  bash "$root/scripts/build.sh" mesocell
fi
source "$root/scripts/env.sh"
work="$root/build/benchmark-electrochemistry"
mkdir -p "$work"
cd "$work"
echo "machine load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $refinements; do
  # the scalar reference: steady conduction by CG + matrix-free GMG
  cat > "conduction_r$r.prm" <<EOF
set Dimension = 3
subsection Mesh
  set Mesh file          = $root/meshes/pillars_3d.msh
  set Length unit        = 1e-6
  set Global refinements = $r
end
subsection Phases
  set Conductivity = pillar: 0.18, matrix: 1e-2
end
subsection Effective conductivity
  set Axis            = z
  set Inlet boundary  = collector
  set Outlet boundary = separator
end
subsection Linear solver
  set Method             = GMG
  set Relative tolerance = 1e-8
end
subsection Output
  set Directory = output-conduction-r$r
  set Write VTU = false
end
EOF
  echo "=== conduction (GMG), $r refinements, $np ranks"
  mpirun -np "$np" "$root/build/mesocell" "conduction_r$r.prm" | tee "conduction_r$r.log" |
    grep -E "DoFs|solve " || true
  for solver in $solvers; do
    case "$solver" in
      direct) settings="set Linear method = direct" ;;
      amg) settings="set Linear method = iterative
  set Preconditioner = AMG" ;;
      fieldsplit) settings="set Linear method = iterative
  set Preconditioner = field split" ;;
      *) echo "unknown solver '$solver' (direct, amg, fieldsplit)"; exit 1 ;;
    esac
    sed -e "s#= ../meshes/#= $root/meshes/#" \
        -e "s/Global refinements = .*/Global refinements = $r/" \
        -e "s/set Protocol .*/set Protocol = Discharge at C\/5 for $seconds seconds/" \
        -e "s/Directory = .*/Directory = output-r$r-$solver/" \
        "$root/parameters/nmc811_pillars_discharge.prm" > "bench_r${r}_${solver}.prm"
    printf 'subsection Nonlinear solver\n  %s\nend\nsubsection Output\n  set Write VTU = false\nend\n' \
      "$settings" >> "bench_r${r}_${solver}.prm"
    echo "=== electrochemistry, $r refinements, $np ranks, $solver"
    mpirun -np "$np" "$root/build/mesocell" "bench_r${r}_${solver}.prm" | grep -E "^(Electro|step|Newton|Finished)" || true
  done
done
echo "machine load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$work" "$refinements" "$solvers" <<'PY'
import csv, re, sys
work, refinements, solvers = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
print("\nelectrochemistry benchmark summary (C/5 steps; times in s per Newton iteration)")
print(f"{'DoFs':>8} {'solver':>10} {'Newton':>6} {'lin/solve':>9} {'assembly':>9} "
      f"{'setup':>8} {'Krylov':>8} {'us/cell':>8} {'MB/rank':>8} {'cost':>8}")
for r in refinements:
    conduction = None
    with open(f"{work}/conduction_r{r}.log") as f:
        text = f.read()
    dofs_c = re.search(r"(\d+) DoFs", text)
    solve_c = re.search(r"\|\s*solve\s*\|\s*\d+\s*\|\s*([0-9.e+-]+)s", text)
    if dofs_c and solve_c:
        conduction = float(solve_c.group(1)) / int(dofs_c.group(1))
    for solver in solvers:
        with open(f"{work}/output-r{r}-{solver}/timing.csv") as f:
            t = {row["phase"]: row for row in csv.DictReader(f)}
        g = lambda k: float(t[k]["wall_time_s"]) if k in t else 0.0
        calls = lambda k: float(t[k]["calls"]) if k in t else 0.0
        newton = max(g("newton_iterations_total"), 1)
        solves = max(calls("linear solve"), 1)
        assembly = g("assemble Jacobian") / newton
        setup = g("preconditioner setup") / newton
        krylov = (g("linear solve") - g("preconditioner setup")) / newton
        us_cell = 1e6 * g("assemble Jacobian") / max(calls("assemble Jacobian"), 1) / max(g("cells"), 1)
        per_dof = (assembly + setup + krylov) / max(g("dofs"), 1)
        cost = per_dof / conduction if conduction else float("nan")
        print(f"{int(g('dofs')):>8} {solver:>10} {int(newton):>6} "
              f"{g('linear_iterations_total') / solves:9.1f} {assembly:9.3f} {setup:8.3f} "
              f"{krylov:8.3f} {us_cell:8.1f} {g('memory_per_rank_MB'):8.0f} {cost:8.1f}")
print("lin/solve: Krylov iterations per Newton iteration (two solves when galvanostatic);"
      "\ncost: (time of one Newton iteration / DoFs) over (one GMG conduction solve / DoFs)")
PY
