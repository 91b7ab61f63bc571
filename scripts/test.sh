#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite with ctest
# (unit, convergence, regression, errors and doc labels; each parallel test
# with 1 and 2 MPI ranks). Extra arguments go to ctest, e.g. -L convergence.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install.sh"
bash "$root/scripts/build.sh"
source "$root/scripts/env.sh"
cd "$root/build"
ctest --output-on-failure --timeout 600 -j"$(nproc)" "$@"
