#!/usr/bin/env bash
# Rebuild every MesoCell .msh in this folder from its .geo (Gmsh 4.8.4 CLI,
# ASCII msh 4.1). inverted_2d.msh is hand-written and is NOT regenerated.
# Usage: ./regenerate.sh [--check]    (--check runs check_msh.py afterwards)
set -euo pipefail
cd "$(dirname "$0")"
GMSH=${GMSH:-gmsh}
run() { echo "+ $GMSH $*"; "$GMSH" "$@" -v 2 ; }

run layered_2d.geo   -2 -format msh41 -o layered_2d.msh
run layered_3d.geo   -3 -format msh41 -o layered_3d.msh
run pillars_3d.geo   -3 -format msh41 -o pillars_3d.msh
run pillars_3d.geo   -3 -format msh41 -setnumber fine 1 -o pillars_3d_fine.msh
run pillars_3d_tet.geo -3 -format msh41 -o pillars_3d_tet.msh
run isolated_particle_2d.geo -2 -format msh41 -o isolated_particle_2d.msh
run triangles_2d.geo -2 -format msh41 -o triangles_2d.msh
run l_inclusion_2d.geo -2 -format msh41 -o l_inclusion_2d.msh

if [[ "${1:-}" == "--check" ]]; then
  # triangles_2d / inverted_2d are deliberately invalid; check only the good ones strictly
  python3 check_msh.py layered_2d.msh l_inclusion_2d.msh layered_3d.msh pillars_3d.msh pillars_3d_fine.msh pillars_3d_tet.msh
  python3 check_msh.py triangles_2d.msh inverted_2d.msh || true
fi
