#!/usr/bin/env bash
# Usage: ./scripts/demo.sh — the main job: install what is missing, build Tertial (release), then
# run one monthly follow-up on the bundled demo municipality with the tertial CLI, the way a
# municipality would with its finance system's exports:
#  1. create a store with the demo's organisation, accounts, budgets and the forecasts frozen in
#     the two closed years before, and write the finance system's side, the outcome of 2024–2026
#     as SIE files (with the library's SIE writer) and the hierarchy above the SIE objects;
#  2. import the SIE files (all three years, one transaction);
#  3. forecast October (social services by run rate, the rest by remaining budget) and freeze it
#     as the economist ekonom1 (a checked change of the round, in its log);
#  4. print the municipality's and Socialnämnden's reports, write the report workbook and
#     Socialnämnden's committee document (Word), check the figures, and show how well last
#     year's forecasts hit, with a backtest of the base methods;
#  5. show the follow-up round at JANOKT: how many units of each level are submitted, and who is
#     late on 2026-11-10;
#  6. say where the workbook and the document are.
#
# It needs only the build packages (scripts/setup.sh without --test): the Check suites are not
# configured (-Dtests=disabled). A failing step prints its own messages and stops the script.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/quietly.sh
bash scripts/setup.sh
if [ -f build-release/meson-private/coredata.dat ]; then
  quietly meson setup --reconfigure build-release --buildtype=release -Dtests=disabled
else
  quietly meson setup build-release --buildtype=release -Dtests=disabled
fi
quietly ninja -C build-release
tertial=build-release/tools/tertial
db=build-release/exempelkommun.db
sie=build-release/exempelkommun-sie
xlsx=build-release/uppfoljning-jan-okt.xlsx
docx=build-release/socialnamnden-jan-okt.docx
rm -f "$db" "$db-wal" "$db-shm"
rm -rf "$sie"
"$tertial" init "$db" --demo --sie-dir "$sie" -v
"$tertial" import-sie "$db" "$sie"/exempelkommun-2024.se "$sie"/exempelkommun-2025.se "$sie"/exempelkommun-2026.se \
  --hierarchy "$sie"/hierarki.txt -v
"$tertial" forecast "$db" --point JANOKT --method "3;*;run-rate;3"
# the economist freezes JANOKT as a person of the round (checked, and in the round's log)
"$tertial" snapshot "$db" JANOKT --date 2026-11-10 --as ekonom1
echo
"$tertial" report "$db" --point JANOKT
echo
"$tertial" report "$db" --point JANOKT --unit 3
echo
# the escalation rule: which committees' deficits are covered and which need measures
echo "Unit, forecast deviation kr, the parent's, verdict, measures recorded, deviation after planned measures:"
"$tertial" measures "$db" --deviations JANOKT --depth 1
"$tertial" report "$db" --point JANOKT -o "$xlsx"
"$tertial" report "$db" --point JANOKT --unit 3 --depth 2 --author "Eva Andersson" -o "$docx"
echo
"$tertial" check "$db" --point JANOKT -v || true
echo
"$tertial" accuracy "$db" 2025
echo
# the follow-up round at JANOKT (the demo's people, half done): units submitted per level, and
# who is late on 2026-11-10 (deadline, unit, what is due, its status)
echo "The round at JANOKT: units submitted per level"
"$tertial" round "$db" --point JANOKT --progress
echo "Late on 2026-11-10:"
"$tertial" round "$db" --point JANOKT --late 2026-11-10
echo
echo "The follow-up report workbook: $xlsx"
echo "Socialnämnden's committee document: $docx (PDF: -o FILE.pdf, with LibreOffice)"
echo "(the store with the demo municipality's three years: $db; the SIE files: $sie/;"
echo " try: $tertial --help)"
