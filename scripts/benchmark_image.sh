#!/usr/bin/env bash
# Benchmark (not a test): a random two-phase 200^3 voxel image (written by
# meshes/make_image.py --random 200, not committed) imported and solved
# (effective conductivity along z, GMG) on 2 ranks; prints the image import
# time, active cells, DoFs, CG iterations and the time per phase.
# Usage: scripts/benchmark_image.sh [NUMBER_OF_RANKS] [IMAGE_SIZE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
np="${1:-2}"
n="${2:-200}"
source "$root/scripts/env.sh"
work="$root/build/benchmark-image"
mkdir -p "$work"
cd "$work"
[ -f "image_$n.npy" ] || /usr/bin/python3 "$root/meshes/make_image.py" --random "$n" "image_$n.npy"
cat > "bench_image_$n.prm" <<PRM
set Dimension = 3
subsection Image
  set Image file = image_$n.npy
  set Voxel size = 0.5e-6
  set Labels     = 0: polymer, 1: ceramic
end
subsection Phases
  set Conductivity = polymer: 1e-2, ceramic: 1e-1
end
subsection Effective conductivity
  set Axis            = z
  set Inlet boundary  = zmin
  set Outlet boundary = zmax
end
subsection Output
  set Directory = output-image-$n
  set Write VTU = false
end
PRM
echo "=== image benchmark: ${n}^3 voxels, $np ranks"
start=$(date +%s.%N)
mpirun -np "$np" "$root/build/mesocell" "bench_image_$n.prm" | tee "run_$n.log"
end=$(date +%s.%N)
/usr/bin/python3 - "$work/output-image-$n" "$start" "$end" <<'PY'
import csv, sys
row = next(csv.DictReader(open(f"{sys.argv[1]}/effective_conductivity.csv")))
geo = {(r["case"], r["phase"]): r["value"] for r in csv.DictReader(open(f"{sys.argv[1]}/geometry.csv"))}
print("\nimage benchmark summary")
print(f"active cells {geo[('cells', 'all')]}, DoFs {row['dofs']}, CG {row['cg_iterations']}")
print(f"setup {float(row['time_setup']):.2f} s, assembly {float(row['time_assembly']):.2f} s, "
      f"preconditioner {float(row['time_preconditioner']):.2f} s, solve {float(row['time_solve']):.2f} s, "
      f"DoFs/s {float(row['dofs_per_second']):.0f}")
print(f"sigma_eff {row['effective_conductivity']} S/m; wall time of the whole run "
      f"{float(sys.argv[3]) - float(sys.argv[2]):.1f} s (image import: see 'image' in the timer table)")
PY
