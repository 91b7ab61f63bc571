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
# A REFINEMENTS entry cW (e.g. c32) is instead the dense particle composite of
# parameters/particle_composite_cathode.prm in a cell W um wide (c20: 369k
# DoFs, c32: about 1M), generated once per width (seed COMPOSITE_SEED,
# default 3: with seeds 1 and 2 Gmsh fails at 32 um) and reused.
# SECONDS "full" runs the whole C/5 discharge to 3.4 V (progress line per
# step, wall time at the end) instead of a few steps.
# Usage: scripts/benchmark_electrochemistry.sh [RANKS] [REFINEMENTS] [SOLVERS] [SECONDS]
#   e.g. scripts/benchmark_electrochemistry.sh 2 "0 1" "direct amg fieldsplit" 7
#        scripts/benchmark_electrochemistry.sh 2 c32 fieldsplit 30
#        scripts/benchmark_electrochemistry.sh 2 c32 fieldsplit full
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
if [ "$seconds" = full ]; then
  protocol="Discharge at C\/5 until 3.4 V"
else
  protocol="Discharge at C\/5 for $seconds seconds"
fi
# The composite of width $1 um: its mesh generated once (mesh file, groups).
composite_mesh() {
  local w="$1" dir="composite-c$1"
  if [ ! -f "$dir/mesh.msh" ]; then
    sed -n '/^subsection Geometry/,/^end/p' "$root/parameters/particle_composite_cathode.prm" |
      sed -e "s/set Width .*/set Width     = ${w}e-6/" \
          -e "s/set Seed .*/set Seed      = ${COMPOSITE_SEED:-3}/" > "generate_c$w.prm"
    printf 'set Dimension = 3
subsection Phases
  set Conductivity = active: 0.18, matrix: 1e-2, separator: 1e-2
end
' >> "generate_c$w.prm"
    printf 'subsection Effective conductivity
  set Axis = z
  set Inlet boundary = collector
  set Outlet boundary = anode
end
' >> "generate_c$w.prm"
    printf 'subsection Output
  set Directory = %s
  set Write VTU = false
end
' "$dir" >> "generate_c$w.prm"
    echo "=== generating the composite of width $w um (once): $work/$dir/mesh.msh"
    mpirun -np 1 "$root/build/mesocell" --generate "generate_c$w.prm" | grep -E "particles|Mesh import" || true
  fi
}
for r in $refinements; do
  case "$r" in
    c*)
      composite_mesh "${r#c}"
      mesh="subsection Mesh
  set Mesh file   = $work/composite-$r/mesh.msh
  set Length unit = 1e-6
end"
      conductivity="active: 0.18, matrix: 1e-2, separator: 1e-2"
      terminals="collector anode" ;;
    *)
      mesh="subsection Mesh
  set Mesh file          = $root/meshes/pillars_3d.msh
  set Length unit        = 1e-6
  set Global refinements = $r
end"
      conductivity="pillar: 0.18, matrix: 1e-2"
      terminals="collector separator" ;;
  esac
  read -r inlet outlet <<<"$terminals"
  # the scalar reference: steady conduction by CG + matrix-free GMG
  cat > "conduction_r$r.prm" <<EOF
set Dimension = 3
$mesh
subsection Phases
  set Conductivity = $conductivity
end
subsection Effective conductivity
  set Axis            = z
  set Inlet boundary  = $inlet
  set Outlet boundary = $outlet
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
    case "$r" in
      c*)
        # the composite example on the generated mesh, without its rest
        sed -e '/^subsection Geometry/,/^end/d' \
            -e "s/set Protocol .*/set Protocol = $protocol/" \
            -e "s/Directory = .*/Directory = output-r$r-$solver/" \
            -e '/^subsection Nonlinear solver/,/^end/d' \
            "$root/parameters/particle_composite_cathode.prm" > "bench_r${r}_${solver}.prm"
        printf '%s\n' "$mesh" >> "bench_r${r}_${solver}.prm" ;;
      *)
        sed -e "s#= ../meshes/#= $root/meshes/#" \
            -e "s/Global refinements = .*/Global refinements = $r/" \
            -e "s/set Protocol .*/set Protocol = $protocol/" \
            -e "s/Directory = .*/Directory = output-r$r-$solver/" \
            "$root/parameters/nmc811_pillars_discharge.prm" > "bench_r${r}_${solver}.prm" ;;
    esac
    printf 'subsection Nonlinear solver\n  %s\nend\nsubsection Output\n  set Write VTU = false\nend\n' \
      "$settings" >> "bench_r${r}_${solver}.prm"
    printf 'subsection Checkpoint\n  set Interval minutes = 0\nend\n' >> "bench_r${r}_${solver}.prm"
    echo "=== electrochemistry, $r, $np ranks, $solver, $(echo "$protocol" | tr -d '\\')"
    start=$(date +%s)
    mpirun -np "$np" "$root/build/mesocell" "bench_r${r}_${solver}.prm" |
      grep -E "^(Electro|Step|step|Newton|Finished|Mesh import)" || true
    echo "wall time of the run: $(( $(date +%s) - start )) s"
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
