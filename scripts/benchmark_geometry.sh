#!/usr/bin/env bash
# Benchmark (not a test): import of a Gmsh mesh of about 300k coarse
# hexahedra (329k: 113 random particles in a 36 um cube, generated once with Gmsh into
# build/benchmark-geometry/mesh-300k/mesh.msh and reused), on 1 and 2 ranks,
# RUNS times each (default 3). Prints the machine load, and per rank count
# the medians of the import phases (read, triangulation, checks, geometry
# report, their sum), the coarse cells, the peak memory per rank and the
# wall time of the whole command (MPI start-up included).
# ORDER (default Cuthill-McKee) is 'Mesh / Coarse cell order'; 'hierarchical'
# measures deal.II 9.4's own p4est tree order (about a minute per run).
# Usage: scripts/benchmark_geometry.sh [RUNS] [ORDER]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
order="${2:-Cuthill-McKee}"
source "$root/scripts/env.sh"
work="$root/build/benchmark-geometry"
mkdir -p "$work"
cd "$work"

common() {
  cat <<PRM
set Dimension = 3
subsection Phases
  set Conductivity = active: 1, matrix: 1
end
subsection Effective conductivity
  set Axis            = z
  set Inlet boundary  = collector
  set Outlet boundary = anode
end
PRM
}

{
  common
  cat <<PRM
subsection Geometry
  set Generator = particles
  set Seed      = 2
  set Mesh size = 4e-6
  set Width     = 36e-6
  subsection Electrode
    set Electrode thickness = 36e-6
    set Separator thickness = 0
  end
  subsection Particles
    set Volume fraction = 0.3
    set Minimum radius  = 2.5e-6
    set Maximum radius  = 3.5e-6
    set Minimum gap     = 0.8e-6
  end
end
subsection Output
  set Directory = mesh-300k
  set Write VTU = false
end
PRM
} >generate.prm
if [ ! -f mesh-300k/mesh.msh ]; then
  echo "=== generating the mesh (Gmsh, once): $work/mesh-300k/mesh.msh"
  mpirun -np 1 "$root/build/mesocell" --generate generate.prm >generate.log
  grep -E "particles|cells" generate.log || true
fi

for np in 1 2; do
  {
    common
    cat <<PRM
subsection Mesh
  set Mesh file   = mesh-300k/mesh.msh
  set Length unit = 1e-6
  set Coarse cell order = $order
end
subsection Output
  set Directory = import-np$np
  set Write VTU = false
end
PRM
  } >"import_np$np.prm"
done

echo "=== geometry benchmark: import of $work/mesh-300k/mesh.msh ($(du -h mesh-300k/mesh.msh | cut -f1)), $runs runs per rank count, coarse cell order $order"
echo "machine load before: $(uptime)"
: >runs.txt
for np in 1 2; do
  for run in $(seq "$runs"); do
    start=$(date +%s.%N)
    line=$(mpirun -np "$np" "$root/build/mesocell" --generate "import_np$np.prm" |
      grep "^Mesh import:")
    end=$(date +%s.%N)
    echo "np $np run $run: $line; whole command $(awk "BEGIN{printf \"%.2f\", $end - $start}") s"
    echo "$np $(awk "BEGIN{print $end - $start}") $line" >>runs.txt
  done
done
echo "machine load after: $(uptime)"

/usr/bin/python3 - runs.txt <<'PY'
import re, statistics, sys
rows = {}
pattern = re.compile(
    r"^(\d+) ([\d.]+) Mesh import: (\d+) coarse cells in ([\d.]+) s \(read ([\d.]+) s, "
    r"triangulation ([\d.]+) s of which p4est tree order ([\d.]+) s, checks ([\d.]+) s, "
    r"report ([\d.]+) s\); "
    r"peak memory per rank (\d+) to (\d+) MB")
for line in open(sys.argv[1]):
    m = pattern.match(line)
    if not m:
        sys.exit(f"unexpected line: {line}")
    rows.setdefault(int(m[1]), []).append(m.groups())
print("\ngeometry benchmark summary (medians; times in s, memory in MB per rank)")
print(f"{'ranks':>5} {'coarse cells':>12} {'read':>6} {'triang.':>7} {'order':>6} {'checks':>6} "
      f"{'report':>6} {'import':>6} {'command':>7} {'peak memory':>12}")
for np, runs in sorted(rows.items()):
    med = lambda i: statistics.median(float(r[i]) for r in runs)
    print(f"{np:>5} {runs[0][2]:>12} {med(4):>6.2f} {med(5):>7.2f} {med(6):>6.2f} "
          f"{med(7):>6.2f} {med(8):>6.2f} {med(3):>6.2f} {med(1):>7.2f} "
          f"{int(med(9)):>5} to {int(med(10)):>4}")
PY
