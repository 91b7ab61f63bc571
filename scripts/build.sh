#!/usr/bin/env bash
# Configure (Release) and build MesoCell in ./build with all cores; ccache is
# used when installed. Extra arguments name the targets to build (default:
# everything, test programs included), e.g. `scripts/build.sh mesocell`.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
if [ $# -gt 0 ]; then
  cmake --build build -j"$(nproc)" --target "$@"
else
  cmake --build build -j"$(nproc)"
fi
