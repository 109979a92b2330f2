#!/usr/bin/env bash
# Usage: ./scripts/demo.sh — the main job: install what is missing, build Tertial (release), then
# run one monthly follow-up on the bundled demo municipality with the tertial CLI: create a store
# with the demo, forecast (social services by run rate, the rest by remaining budget), freeze the
# January–October forecast, print the municipality's and Socialnämnden's reports, write the
# report workbook, check the figures, and say where the workbook is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f build-release/meson-private/coredata.dat ]; then
  meson setup --reconfigure build-release --buildtype=release >/dev/null
else
  meson setup build-release --buildtype=release >/dev/null
fi
ninja -C build-release >/dev/null
tertial=build-release/tools/tertial
db=build-release/exempelkommun.db
xlsx=build-release/uppfoljning-jan-okt.xlsx
rm -f "$db" "$db-wal" "$db-shm"
"$tertial" init "$db" --demo
"$tertial" forecast "$db" --point JANOKT --method "3;*;run-rate;3"
"$tertial" snapshot "$db" JANOKT --date 2026-11-10
"$tertial" report "$db" --point JANOKT
echo
"$tertial" report "$db" --point JANOKT --unit 3
"$tertial" report "$db" --point JANOKT -o "$xlsx"
echo
"$tertial" check "$db" --point JANOKT -v || true
echo
echo "The follow-up report workbook: $xlsx"
echo "(the store with the demo municipality: $db; try: $tertial --help)"
