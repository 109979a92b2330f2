#!/usr/bin/env bash
# Usage: ./scripts/demo.sh — the main job: install what is missing, build Tertial (release) and print
# the follow-up report of the example municipality (examples/three_levels.c) at tertial 1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f build-release/meson-private/coredata.dat ]; then
  meson setup --reconfigure build-release --buildtype=release >/dev/null
else
  meson setup build-release --buildtype=release >/dev/null
fi
ninja -C build-release >/dev/null
./build-release/examples/three_levels
