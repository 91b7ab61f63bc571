#!/usr/bin/env bash
# Install the Debian 12 packages MesoCell needs; does nothing when they are
# all present (idempotent). Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake ccache  # compiler and build
  libdeal.ii-dev                # deal.II 9.4.1 with PETSc (hypre, MUMPS), p4est, Trilinos
  libgmsh-dev gmsh              # Gmsh SDK (gmsh.h) and the gmsh command line
  libboost-test-dev             # Boost.Test for the unit tests
  openmpi-bin                   # mpirun
  python3                       # /usr/bin/python3 for test comparison scripts
  python3-numpy python3-matplotlib  # postprocess/ plots
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "install: done"
