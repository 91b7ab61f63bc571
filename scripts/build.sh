#!/usr/bin/env bash
# Configure (Release) and build MesoCell in ./build with all cores; ccache is
# used when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
