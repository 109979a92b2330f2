#!/usr/bin/env bash
# Usage: ./scripts/demo.sh [CUT-OFF] — the main job: install what is missing, build Tertial (release)
# and print the follow-up report of the bundled demo municipality (examples/demo_report.c):
# forecasts, the committees' table, Socialnämnden by report row with its reasons, the units that
# need measures, and the consistency check. CUT-OFF is the months of outcome (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f build-release/meson-private/coredata.dat ]; then
  meson setup --reconfigure build-release --buildtype=release >/dev/null
else
  meson setup build-release --buildtype=release >/dev/null
fi
ninja -C build-release >/dev/null
./build-release/examples/demo_report "${1:-10}"
