#!/bin/bash
# Tests of the tertial CLI, one case per run: cli_test.sh CASE
# Environment: TERTIAL (the binary), GOLDEN (the folder of expected outputs).
# Set TERTIAL_UPDATE_GOLDEN=1 to rewrite the golden files from the current output.
set -u
case_name=${1:?usage: cli_test.sh CASE}
: "${TERTIAL:?TERTIAL must name the tertial binary}"
: "${GOLDEN:?GOLDEN must name the golden folder}"
export LC_ALL=C.UTF-8
work=$(mktemp -d /tmp/tertial-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_exit CODE COMMAND...: run, compare the exit status, keep stderr in last.err
expect_exit() {
  local want=$1
  shift
  "$@" > last.out 2> last.err
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "'$*' exited $got, expected $want; stderr: $(cat last.err)"
  fi
}

# expect_err TEXT: the last command's stderr mentions TEXT
expect_err() {
  grep -qF -- "$1" last.err || fail "stderr does not mention '$1': $(cat last.err)"
}

# longer_than_100 FILE: fail for each line of more than 100 characters (not bytes)
longer_than_100() {
  local line
  while IFS= read -r line; do
    [ "${#line}" -gt 100 ] && fail "a line longer than 100 columns: $line"
  done < "$1"
}

golden() {
  local name=$1 file=$2
  if [ "${TERTIAL_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$file" "$GOLDEN/$name"
  elif ! diff -u "$GOLDEN/$name" "$file" >&2; then
    fail "output differs from $GOLDEN/$name"
  fi
}

case $case_name in
golden)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  [ -s last.out ] && fail "init printed to stdout"
  [ -s last.err ] && fail "init printed to stderr without --verbose"
  expect_exit 0 "$TERTIAL" report demo.db --point T2
  golden report-T2.txt last.out
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3
  golden report-JANOKT-3.txt last.out
  expect_exit 0 "$TERTIAL" org demo.db
  head -20 last.out > org-head.txt
  golden org-head.txt org-head.txt
  expect_exit 0 "$TERTIAL" budget demo.db
  golden budget.txt last.out
  expect_exit 0 "$TERTIAL" report demo.db --point T2 -o report.xlsx
  [ -s report.xlsx ] || fail "no report.xlsx"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 -o report.json
  grep -q '"Exempelkommun' report.json || fail "report.json lacks the municipality"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 -o report.csv
  [ -s report.csv ] || fail "no report.csv"
  ;;
exit-codes)
  expect_exit 0 "$TERTIAL" --help
  grep -q "import-sie" last.out || fail "--help does not list import-sie"
  for c in init import-sie import org budget forecast measures accruals snapshot report check accuracy people round text log goals indicators; do
    expect_exit 0 "$TERTIAL" "$c" --help
    grep -q "Exit status" last.out || fail "$c --help does not document the exit status"
  done
  expect_exit 64 "$TERTIAL"
  expect_exit 64 "$TERTIAL" frobnicate demo.db
  expect_err 'unknown command "frobnicate"'
  expect_exit 64 "$TERTIAL" report
  expect_exit 64 "$TERTIAL" report demo.db
  expect_err "--point is required"
  expect_exit 64 "$TERTIAL" init demo.db --no-such-option
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 2 "$TERTIAL" init demo.db
  expect_err "already holds a model"
  expect_exit 0 "$TERTIAL" check demo.db --point T2
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2
  expect_exit 64 "$TERTIAL" report demo.db --point T2 -o report.txt
  expect_err ".xlsx, .csv, .json, .docx or .pdf"
  expect_exit 0 "$TERTIAL" init empty.db --year 2025 --start-month 7
  expect_exit 0 "$TERTIAL" org empty.db
  expect_exit 2 "$TERTIAL" report empty.db --point T1
  expect_err "no units"
  expect_exit 0 "$TERTIAL" init sie.db --year 2024
  # the fixture has a #PSALDO 0 of period 202301 and a #PBUDGET -1: loaded with problems, told
  expect_exit 6 "$TERTIAL" import-sie sie.db "$GOLDEN/../../fixtures/sie/load_type3.se"
  expect_err "load_type3.se:27: #PSALDO 99.00 kr on account 5011 not loaded: period 202301 is outside year 0 of the file"
  expect_err "load_type3.se:32: #PBUDGET of year -1 (1 records from this line on, 5.00 kr) not loaded"
  expect_err "loaded with 3 problems: 104,00 kr read but not loaded"
  grep -q "without an object" last.err && fail "import-sie printed an informing note without --verbose"
  expect_exit 0 "$TERTIAL" import-sie sie.db "$GOLDEN/../../fixtures/sie/load_type3.se" --accept-problems
  expect_err "loaded with 3 problems"
  expect_exit 0 "$TERTIAL" org sie.db
  grep -q "6410 HVB barn och unga" last.out || fail "the imported unit is missing: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget sie.db
  grep -q "Budget SIE" last.out || fail "the imported budget is missing: $(cat last.out)"
  ;;
bad-input)
  expect_exit 3 "$TERTIAL" report missing.db --point T1
  expect_err "store missing.db: No such file or directory (tertial init"
  [ -e missing.db ] && fail "report created missing.db"
  echo "not a database at all, just text that is long enough for SQLite to look at" > junk.db
  expect_exit 3 "$TERTIAL" org junk.db
  expect_err "junk.db"
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 2 "$TERTIAL" report demo.db --point T1 --unit NOSUCH
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" report demo.db --point T7
  expect_err 'unknown follow-up point "T7"'
  expect_exit 2 "$TERTIAL" snapshot demo.db T7
  expect_exit 2 "$TERTIAL" snapshot demo.db T1 --date 2026-02-30
  expect_err "YYYY-MM-DD"
  expect_exit 3 "$TERTIAL" import-sie demo.db no-such-file.se
  expect_err "no-such-file.se"
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20260101 20261231\n#PSALDO 0 202601 5011 {} abc\n' > corrupt.se
  expect_exit 2 "$TERTIAL" import-sie demo.db corrupt.se --strict
  expect_err "corrupt.se"
  expect_exit 0 "$TERTIAL" report demo.db --point T2
  cp last.out before.txt
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20190101 20191231\n' > wrong-year.se
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20260101 20261231\n#KONTO 5011 "Personal"\n#PSALDO 0 202601 5011 {} 1000.00\n' > good.se
  expect_exit 2 "$TERTIAL" import-sie demo.db good.se wrong-year.se
  expect_err "wrong-year.se: the file is of the fiscal year 2019, which demo.db does not hold (it holds 2024, 2025, 2026"
  # a file of the right year that fails after a good one: nothing of either is saved
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20250101 20250630\n#PSALDO 0 202501 5011 {} 1.00\n' > half-2025.se
  expect_exit 2 "$TERTIAL" import-sie demo.db good.se half-2025.se
  expect_err "half-2025.se"
  expect_exit 0 "$TERTIAL" report demo.db --point T2
  cmp -s before.txt last.out || fail "a failed import changed the store"
  ;;
frozen)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  # a comparison names the frozen points there are and how to freeze one
  expect_exit 2 "$TERTIAL" report demo.db --point JANOKT --compare T2 -o report.json
  expect_err "demo.db: --compare T2: follow-up point T2 has no frozen forecast (no snapshot)"
  expect_err "the frozen follow-up points of the fiscal year 2026: none yet; freeze one with \`tertial snapshot demo.db POINT --date YYYY-MM-DD\`"
  [ -e report.json ] && fail "a failed comparison wrote report.json"
  expect_exit 0 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  expect_exit 0 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10
  expect_exit 2 "$TERTIAL" snapshot demo.db T2 --date 2026-09-11
  expect_err "follow-up point T2 was frozen on 2026-09-10 and cannot be changed"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --compare T2 -o report.json
  grep -q 'prognos (T2)' report.json || fail "the report does not compare with the frozen T2"
  expect_exit 2 "$TERTIAL" report demo.db --point JANOKT --compare T1 -o report.json
  expect_err "--compare T1: follow-up point T1 has no frozen forecast"
  expect_err "the frozen follow-up points of the fiscal year 2026: T2 (frozen 2026-09-10), JANOKT (frozen 2026-11-10);"
  # the point's own frozen forecast against today's (the same while nothing changed since)
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --compare JANOKT -o report.json
  grep -q 'prognos (JANOKT)' report.json || fail "the report does not compare with the frozen JANOKT"
  expect_exit 2 "$TERTIAL" report demo.db --year 2025 --point JANOKT --compare BOKSLUT -o report.json
  expect_err "the frozen follow-up points of the fiscal year 2025: JANFEB (frozen 2025-03-15), T1 (frozen 2025-05-15), JANJUN (frozen 2025-08-15), T2 (frozen 2025-09-15), JANOKT (frozen 2025-11-15); freeze one with \`tertial snapshot demo.db POINT --date YYYY-MM-DD --year 2025\`"
  # the comparison is a section of the written report: not silently dropped from the tables
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --compare T2
  expect_err "--compare goes with -o"
  ;;
frozen-plan)
  # a frozen point's methods and adjustments are read-only, also after the store is reopened
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2
  expect_exit 0 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  expect_exit 0 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT -a "3111;KOST_KOP;3 500;Två placeringar"
  expect_err "follow-up point JANOKT was frozen on 2026-11-10: its forecast methods and adjustments cannot change"
  expect_exit 2 "$TERTIAL" forecast demo.db --point T2 --method "3;*;linear"
  expect_err "follow-up point T2 was frozen on 2026-09-10"
  # the store kept the point the plan was last changed for (T2): a measure cannot feed it either
  expect_exit 0 "$TERTIAL" measures demo.db --add "3111;KOST_KOP;Färre placeringar;Höga kostnader;100000;Kö;2026-12-01" \
    --status "1;done"
  expect_exit 2 "$TERTIAL" measures demo.db --feed 1
  expect_err "follow-up point T2 was frozen on 2026-09-10"
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --list
  [ -s last.out ] && fail "a frozen point got an adjustment: $(cat last.out)"
  # at a later point the plan changes, and a measure feeds it
  expect_exit 0 "$TERTIAL" forecast demo.db --point BOKSLUT -a "3111;KOST_KOP;3 500 000;Två placeringar"
  expect_exit 0 "$TERTIAL" measures demo.db --feed 1
  # the change section agrees with the tables on the same sheet: the current forecast is the
  # units table's Summa, and the lines add up (amounts in kr with öre in the CSV)
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 --compare T2 -o report.csv --csv-style machine
  awk -F, '{ sub(/\r$/, "") } /^units$/ { u = 1 } u && $3 == "total" && $6 == "Summa" { table = $12; u = 0 }
    $1 == "previous" { p = $7 } $1 == "current" { c = $7; label = $6 } $1 == "change" { d = $7 }
    $1 == "new_outcome" { n = $7 } $1 == "changed_adjustments" { a = $7 }
    END { ok = label == "Aktuell prognos (JANOKT)" && c == table && sprintf("%.2f", c - p) == sprintf("%.2f", d) &&
            sprintf("%.2f", n + a) == sprintf("%.2f", d) && a == "3400000.00"
          if (!ok) { printf "table %s, %s %s, previous %s, change %s = %s + %s\n", table, label, c, p, d, n, a; exit 1 } }' \
    report.csv || fail "the change section disagrees with the tables"
  ;;
forecast)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3
  grep -q "Summa .* 466 282 " last.out || fail "unexpected forecast before the adjustment: $(cat last.out)"
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --adjust "3111;KOST_KOP;500 000;Två nya placeringar HVB" --list
  printf '1\t3111\tKOST_KOP\t500 000\tknown\tTvå nya placeringar HVB\n' > want.txt
  cmp -s want.txt last.out || fail "forecast --list: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3
  grep -q "Summa .* 466 782 *-6 428 " last.out || fail "the adjustment is not in the forecast: $(cat last.out)"
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --kind planned -a "3;KOST_PERS;-200000;Vakanser"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3
  grep -q "Summa .* 466 782 " last.out || fail "a planned measure changed the forecast: $(cat last.out)"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT -a "3;NOSUCHROW;1;x"
  expect_err "NOSUCHROW"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT -a "3;KOST_KOP;1"
  expect_err "UNIT;ROW;AMOUNT;REASON"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT -a "3;KOST_KOP;12x;why"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --remove 9
  expect_exit 64 "$TERTIAL" forecast demo.db --point JANOKT --kind maybe
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --remove 1 --list
  printf '1\t3\tKOST_PERS\t-200 000\tplanned\tVakanser\n' > want.txt
  cmp -s want.txt last.out || fail "forecast --remove: $(cat last.out)"
  # social services by run rate over the last three months (as examples/demo_report.c); the rule
  # is stored, so a later report applies it again
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --method "3;*;run-rate;3"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3
  grep -q "Summa .* 466 265 " last.out || fail "run rate for social services: $(cat last.out)"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --method "3;*;guess"
  expect_err "unknown method"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --method "3;*;run-rate;13"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --method "3;KOST"
  # a message about a unit names it by its code and name, not by the library's internal id
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT -a "3111;KOST_KOP;90 000 000 000 000 000;x" \
    -a "3111;KOST_KOP;90 000 000 000 000 000;y"
  expect_err "applying the forecast: the forecast adjustments of unit 3111 (Enhet 1.1.1) on row KOST_KOP add up to more than an amount can hold (int64 öre)"
  grep -qE "unit [0-9]+[,:]|: forecast: " last.err && fail "an internal id or module name in: $(cat last.err)"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT -a "3111;KOST_KOP;92 233 720 368 547 758;x"
  expect_err "applying the forecast: the forecast of unit 3111 (Enhet 1.1.1) on row KOST_KOP is more than an amount can hold (int64 öre)"
  grep -qE "unit [0-9]+[,:]" last.err && fail "an internal id in: $(cat last.err)"
  ;;
crash)
  # A save killed with SIGKILL half-way leaves the store as it was.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  "$TERTIAL" org demo.db > org-before.txt
  "$TERTIAL" report demo.db --point JANOKT > report-before.txt
  # a large SIE file: 6000 units x 25 accounts x 12 months
  awk 'BEGIN {
    print "#FLAGGA 0\n#SIETYP 3\n#FNAMN \"Stor\"\n#RAR 0 20260101 20261231\n#DIM 1 \"Ansvar\"";
    for (o = 1; o <= 6000; o++) printf "#OBJEKT 1 \"%d\" \"Enhet %d\"\n", 100000 + o, o;
    for (a = 0; a < 25; a++) printf "#KONTO %d \"Konto %d\"\n", 5000 + a * 10, a;
    for (o = 1; o <= 6000; o++) for (a = 0; a < 25; a++) for (m = 1; m <= 12; m++)
      printf "#PSALDO 0 2026%02d %d {1 \"%d\"} %d.00\n", m, 5000 + a * 10, 100000 + o, (o * a + m) % 997 + 1 }' > big.se
  "$TERTIAL" import-sie demo.db big.se 2> import.err &
  pid=$!
  killed=0
  # The save is one transaction that spills pages into the WAL before it commits: once the
  # WAL has grown past 1 MB the save is under way and not committed.
  for _ in $(seq 1 3000); do
    if [ -e demo.db-wal ] && [ "$(stat -c %s demo.db-wal)" -gt 1048576 ]; then
      kill -9 "$pid" && killed=1
      break
    fi
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.01
  done
  wait "$pid"
  status=$?
  if [ "$killed" != 1 ] || [ "$status" != 137 ]; then
    fail "the import was not killed mid-save (killed=$killed, status $status): make the job larger"
  else
    echo "# killed the import with SIGKILL during the save (WAL $(stat -c %s demo.db-wal) bytes)"
  fi
  if command -v sqlite3 > /dev/null; then
    [ "$(sqlite3 demo.db 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the kill"
  fi
  expect_exit 0 "$TERTIAL" org demo.db
  cmp -s org-before.txt last.out || fail "the organisation changed after the killed import"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT
  cmp -s report-before.txt last.out || fail "the report changed after the killed import"
  expect_exit 2 "$TERTIAL" snapshot demo.db T2
  expect_err "frozen"
  # and the store still takes a complete save
  expect_exit 0 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10
  ;;
years)
  # the demo's three fiscal years; commands work on the latest unless --year says otherwise
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT
  cp last.out latest.txt
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --year 2026
  cmp -s latest.txt last.out || fail "--year 2026 is not the latest year"
  expect_exit 0 "$TERTIAL" report demo.db --point BOKSLUT --year 2025
  grep -q "utfall t.o.m. december 2025" last.out || fail "report of 2025: $(head -1 last.out)"
  # last year's outcome is this year's "Fg bokslut", to the krona (both rounded to tkr the same way)
  sum25=$(grep '^Summa' last.out | head -1 | awk '{print $2, $3, $4}')
  sum26=$(grep '^Summa' latest.txt | head -1 | awk '{print $(NF-2), $(NF-1), $NF}')
  [ "$sum25" = "1 400 349" ] || fail "the outcome of 2025 is $sum25"
  case "$sum26" in *"1 400 349") ;; *) fail "Fg bokslut of 2026 is $sum26, expected 1 400 349" ;; esac
  expect_exit 2 "$TERTIAL" report demo.db --point T1 --year 2023
  expect_err "demo.db holds no fiscal year 2023 (it holds 2024, 2025, 2026)"
  # a closed year's follow-up points are frozen
  expect_exit 2 "$TERTIAL" snapshot demo.db T1 --year 2025 --date 2026-01-10
  expect_err "follow-up point T1 was frozen on 2025-05-15 and cannot be changed"
  expect_exit 0 "$TERTIAL" snapshot demo.db BOKSLUT --year 2025 --date 2026-02-15
  # a change of one year leaves the others as they were
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --year 2025
  cp last.out y25-before.txt
  # every point of 2025 is frozen now; 2024's BOKSLUT is not
  expect_exit 2 "$TERTIAL" forecast demo.db --point T2 --year 2025 --adjust "3111;KOST_KOP;1 000 000;Placeringar"
  expect_err "follow-up point T2 was frozen on 2025-09-15"
  expect_exit 0 "$TERTIAL" forecast demo.db --point BOKSLUT --year 2024 --adjust "3111;KOST_KOP;1 000 000;Placeringar"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --year 2025
  cmp -s y25-before.txt last.out || fail "a forecast of 2024 changed 2025"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT
  cmp -s latest.txt last.out || fail "a forecast of 2024 changed 2026"
  # adding a year; a year the store holds is refused without --force
  expect_exit 0 "$TERTIAL" init demo.db --year 2027
  expect_exit 2 "$TERTIAL" init demo.db --year 2027
  expect_err "already holds a model of the fiscal year 2027"
  expect_exit 0 "$TERTIAL" init demo.db --year 2027 --force
  expect_exit 2 "$TERTIAL" report demo.db --point T1
  expect_err "no units"
  expect_exit 2 "$TERTIAL" init demo.db --demo
  expect_err "already holds a model of the fiscal year 2024"
  ;;
sie-demo)
  # init writes the demo's outcome as SIE files and stores none; import-sie brings it back, to the öre
  expect_exit 0 "$TERTIAL" init direct.db --demo
  expect_exit 0 "$TERTIAL" init sie.db --demo --sie-dir sie
  [ -s last.err ] && fail "init --sie-dir printed without --verbose: $(cat last.err)"
  for f in exempelkommun-2024.se exempelkommun-2025.se exempelkommun-2026.se hierarki.txt; do
    [ -s "sie/$f" ] || fail "init --sie-dir did not write $f"
  done
  head -1 sie/exempelkommun-2025.se | grep -q '^#FLAGGA 0' || fail "not an SIE file: $(head -1 sie/exempelkommun-2025.se)"
  grep -q '^#RAR 0 20250101 20251231' sie/exempelkommun-2025.se || fail "exempelkommun-2025.se: no #RAR of 2025"
  # type 4 by default: the outcome as one voucher per month, prior-year outcome as #PSALDO -1
  grep -q '^#SIETYP 4$' sie/exempelkommun-2025.se || fail "exempelkommun-2025.se is not of type 4"
  grep -q '^#PSALDO 0 ' sie/exempelkommun-2025.se && fail "type 4 file with #PSALDO of year 0"
  [ "$(grep -c '^#VER ' sie/exempelkommun-2025.se)" = 12 ] || fail "2025: not 12 vouchers"
  [ "$(grep -c '^#VER ' sie/exempelkommun-2026.se)" = 10 ] || fail "2026: not 10 vouchers (outcome to October)"
  sed -n '/^#VER "A" 12 20251231 "Utfall december 2025"$/,/^}$/p' sie/exempelkommun-2025.se > dec.txt
  grep -q '^#TRANS 4610 {1 "3111"} ' dec.txt || fail "no #TRANS per unit object in the December voucher"
  [ "$(grep -c '^#TRANS 1930 {1 "0"} ' dec.txt)" = 1 ] || fail "the December voucher lacks its balancing line"
  grep -q '^#PSALDO -1 202412 4610 {1 "3111"} ' sie/exempelkommun-2025.se || fail "no #PSALDO -1 per unit object"
  expect_exit 0 "$TERTIAL" init v.db --demo --sie-dir sie4 -v
  grep -q 'exempelkommun-2025.se ([0-9]* bytes, 12 #VER, 20172 #TRANS, 20340 #PSALDO)' last.err \
    || fail "init -v: $(cat last.err)"
  # type 3 on request
  expect_exit 0 "$TERTIAL" init three.db --demo --sie-dir sie3t --sie-type 3
  grep -q '^#SIETYP 3$' sie3t/exempelkommun-2025.se || fail "--sie-type 3 did not write type 3"
  grep -q '^#PSALDO 0 202512 4610 {1 "3111"} ' sie3t/exempelkommun-2025.se || fail "no #PSALDO per unit object"
  grep -q '^#VER' sie3t/exempelkommun-2025.se && fail "type 3 file with vouchers"
  expect_exit 64 "$TERTIAL" init bad.db --demo --sie-dir sie5 --sie-type 5
  expect_err "expected 3 or 4"
  expect_exit 64 "$TERTIAL" init bad.db --demo --sie-type 3
  expect_err "it needs --sie-dir"
  grep -q '^3111;311;Enhet 1.1.1;5$' sie/hierarki.txt || fail "hierarki.txt lacks unit 3111"
  # the files are the same every run
  expect_exit 0 "$TERTIAL" init again.db --demo --sie-dir sie2
  for f in exempelkommun-2024.se exempelkommun-2025.se exempelkommun-2026.se hierarki.txt; do
    cmp -s "sie/$f" "sie2/$f" || fail "$f differs between two runs"
  done
  expect_exit 0 "$TERTIAL" report sie.db --point T2 --year 2025 -o before.json
  grep -q '"cells":\["Exempelkommun",0,' before.json || fail "the store has outcome before the import"
  # a corrupt file among good ones: nothing is imported
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20260101 20261231\n#PSALDO 0 202601 5010 {1 "3111"} 12,3.4\n' > corrupt.se
  expect_exit 2 "$TERTIAL" import-sie sie.db sie/exempelkommun-2025.se corrupt.se --strict
  expect_err "corrupt.se"
  expect_exit 0 "$TERTIAL" report sie.db --point T2 --year 2025 -o after.json
  cmp -s before.json after.json || fail "a failed import changed the store"
  # no progress bar when stderr is not a terminal
  expect_exit 0 "$TERTIAL" import-sie sie.db sie/exempelkommun-2024.se sie/exempelkommun-2025.se \
    sie/exempelkommun-2026.se --hierarchy sie/hierarki.txt
  [ -s last.err ] && fail "import-sie printed without a terminal: $(cat last.err)"
  for y in 2024 2025 2026; do
    for p in JANFEB T1 JANJUN T2 JANOKT BOKSLUT; do
      "$TERTIAL" report direct.db --year $y --point $p -o "a-$y-$p.json" || fail "report direct.db $y $p"
      "$TERTIAL" report sie.db --year $y --point $p -o "b-$y-$p.json" || fail "report sie.db $y $p"
      cmp -s "a-$y-$p.json" "b-$y-$p.json" || fail "$y $p: the imported outcome differs from the generated one"
    done
  done
  expect_exit 0 "$TERTIAL" org sie.db
  [ "$(wc -l < last.out)" = 301 ] || fail "the import added units: $(wc -l < last.out)"
  "$TERTIAL" accuracy direct.db 2025 > acc-direct.txt
  expect_exit 0 "$TERTIAL" accuracy sie.db 2025
  cmp -s acc-direct.txt last.out || fail "accuracy differs after the SIE import"
  # a progress bar on a terminal (a pseudo-terminal from script(1)), none with --quiet
  expect_exit 0 "$TERTIAL" init tty.db --demo --sie-dir sie3
  script -qec "'$TERTIAL' import-sie tty.db sie/exempelkommun-2025.se" /dev/null > tty.txt 2>&1 \
    || fail "import-sie on a terminal failed: $(cat tty.txt)"
  grep -q "exempelkommun-2025.se.*\[#*\] 100% .* MB" tty.txt || fail "no progress bar on a terminal: $(cat tty.txt)"
  grep -q "saving tty.db ... done" tty.txt || fail "no saving line on a terminal: $(cat tty.txt)"
  script -qec "'$TERTIAL' import-sie tty.db sie/exempelkommun-2024.se --quiet" /dev/null > tty.txt 2>&1 \
    || fail "import-sie --quiet on a terminal failed: $(cat tty.txt)"
  [ -s tty.txt ] && fail "--quiet printed on a terminal: $(cat tty.txt)"
  ;;
sie-problems)
  # hostile inputs: each is reported by file and line, the sound part is saved, exit 6; --strict
  # refuses (exit 2) and saves nothing
  head='#FLAGGA 0\n#PROGRAM "t" 1\n#FORMAT PC8\n#GEN 20260201\n#SIETYP 4\n#FNAMN "K"\n#RAR 0 20260101 20261231\n#KONTO 3011 "Taxor"\n#KONTO 1930 "Bank"\n'
  sound='#VER A 1 20260115\n{\n#TRANS 3011 {} -100.00\n#TRANS 1930 {} 100.00\n}\n'
  # revenue (account 3011) in the store, in öre
  revenue() {
    sqlite3 "$1" "SELECT coalesce(sum(m1+m2+m3+m4+m5+m6+m7+m8+m9+m10+m11+m12), 0) FROM amount a JOIN account c
                  ON c.year = a.year AND c.id = a.account WHERE c.number = '3011' AND a.measure = 0"
  }
  : > empty.se
  printf "$head$sound"'\x00\x01\x02\xff\xfe garbage \x7f\n\x89PNG\r\n' > binary.se
  printf "$head$sound"'#VER A 2 20260210\n{\n#TRANS 3011 {} -50.00\n' > truncated.se
  n=0
  for bad in '100,50' '1e5' 'nan' '12345678901234567890'; do
    n=$((n + 1))
    printf "$head$sound"'#VER A 2 20260210\n{\n#TRANS 3011 {} %s\n#TRANS 1930 {} 50.00\n}\n' "$bad" > "amount$n.se"
  done
  printf "$head$sound"'#VER A 2 20260210\n{\n#TRANS 3011 {} -50.00 20261301\n#TRANS 1930 {} 50.00\n}\n' > date.se
  printf "$head$sound"'#VER A 2 20260210\n{\n#TRANS 3011 {} -30.00\n#TRANS 1930 {} 20.00\n}\n' > unbalanced.se
  check_one() { # FILE WHAT REVENUE: the message and the store's revenue
    local f=$1 what=$2 want=$3
    rm -f p.db
    "$TERTIAL" init p.db --year 2026 || fail "init"
    expect_exit 2 "$TERTIAL" import-sie p.db "$f" --strict
    expect_err "$what"
    [ "$(revenue p.db)" = 0 ] || fail "$f --strict saved something: $(revenue p.db)"
    expect_exit 6 "$TERTIAL" import-sie p.db "$f"
    expect_err "$what"
    expect_err "$f: loaded with"
    [ "$(revenue p.db)" = "$want" ] || fail "$f: revenue $(revenue p.db), expected $want"
    expect_exit 0 "$TERTIAL" import-sie p.db "$f" --accept-problems
    expect_err "$what"
    [ "$(revenue p.db)" = "$want" ] || fail "$f again: revenue $(revenue p.db), expected $want"
  }
  check_one empty.se "empty.se:0: the file has no #FLAGGA record" 0
  expect_err "empty.se: the file holds no SIE records: nothing loaded"
  check_one binary.se "binary.se:15:" -10000
  check_one truncated.se "truncated.se:17: end of file inside the block of #VER on line 15" -15000
  for n in 1 2 3 4; do
    check_one "amount$n.se" "amount$n.se:17:16: unreadable amount" -10000
    expect_err "1 line with an amount not readable (its amount is NOT in the store)"
  done
  check_one date.se "date.se:17:23: unreadable date" -15000
  check_one unbalanced.se 'unbalanced.se:15: voucher "A" "2" does not balance: its lines sum to -10.00' -13000
  # a read error says why
  expect_exit 3 "$TERTIAL" import-sie p.db .
  expect_err "read error after 0 bytes: Is a directory"
  # a hierarchy file that is not UTF-8: strict refuses (exit 2), lenient replaces and notes it;
  # its errors name the hierarchy file
  printf '#FLAGGA 0\n#PROGRAM "t" 1\n#FORMAT PC8\n#GEN 20260201\n#SIETYP 3\n#FNAMN "K"\n#RAR 0 20260101 20261231\n#OBJEKT 1 "A" "Enhet A"\n#PSALDO 0 202601 5011 {1 "A"} 10.00\n' > obj.se
  printf 'K;;Kommun;0\nA;K;Enhet \xff A;1\n' > hier.txt
  rm -f h.db
  "$TERTIAL" init h.db --year 2026 || fail "init"
  expect_exit 2 "$TERTIAL" import-sie h.db obj.se --hierarchy hier.txt --strict
  expect_err "hier.txt:2: bytes that are not UTF-8 (0xFF)"
  expect_exit 6 "$TERTIAL" import-sie h.db obj.se --hierarchy hier.txt
  expect_err "hier.txt:2: bytes that are not UTF-8 (0xFF) -> replaced by U+FFFD"
  expect_exit 0 "$TERTIAL" org h.db
  grep -q "A Enhet $(printf '\xef\xbf\xbd') A" last.out || fail "the unit's name: $(cat last.out)"
  printf 'K;;Kommun\n' > badhier.txt
  rm -f h.db
  "$TERTIAL" init h.db --year 2026 || fail "init"
  expect_exit 2 "$TERTIAL" import-sie h.db obj.se --hierarchy badhier.txt
  expect_err "badhier.txt:1: expected code;parent;name;level"
  ;;
sie-reimport)
  # importing the monthly export every month: each month once, however often it is imported
  head='#FLAGGA 0\n#PROGRAM "t" 1\n#FORMAT PC8\n#GEN 20260501\n#SIETYP 4\n#FNAMN "K"\n#RAR 0 20260101 20261231\n#KONTO 3011 "Taxor"\n#KONTO 1930 "Bank"\n'
  ver() { printf '#VER A %s 2026%02d15\n{\n#TRANS 3011 {} -%s.00\n#TRANS 1930 {} %s.00\n}\n' "$1" "$1" "$2" "$2"; }
  { printf "$head"; ver 1 100; ver 2 200; ver 3 300; } > janmar.se
  { printf "$head"; ver 1 100; ver 2 200; ver 3 300; ver 4 400; } > janapr.se
  { printf "$head"; ver 4 400; } > apr.se
  { printf "$head"; ver 1 50; } > jan-more.se
  { printf "$head"'#PBUDGET 0 202601 3011 {} -500.00\n#PBUDGET 0 202602 3011 {} -600.00\n'; } > budget.se
  # revenue of account 3011 in each month of a measure ("Utfall" or a budget's name), in öre
  months() {
    sqlite3 "$1" "SELECT a.m1, a.m2, a.m3, a.m4, a.m5 FROM amount a JOIN account c ON c.year = a.year AND
                  c.id = a.account JOIN ledger_measure m ON m.year = a.year AND m.id = a.measure
                  WHERE c.number = '3011' AND m.name = '$2'" | awk -F'|' '{for (i = 1; i <= NF; i++) s[i] += $i}
                  END {printf "%d %d %d %d %d\n", s[1], s[2], s[3], s[4], s[5]}'
  }
  expect_months() { # DB MEASURE EXPECTED WHAT
    [ "$(months "$1" "$2")" = "$3" ] || fail "$4: $2 is $(months "$1" "$2"), expected $3"
  }
  "$TERTIAL" init r.db --year 2026 || fail "init"
  expect_exit 0 "$TERTIAL" import-sie r.db janmar.se
  expect_months r.db Utfall "-10000 -20000 -30000 0 0" "Jan-Mar"
  expect_exit 0 "$TERTIAL" import-sie r.db janapr.se -v
  expect_months r.db Utfall "-10000 -20000 -30000 -40000 0" "Jan-Mar, then Jan-Apr"
  expect_err "janapr.se: outcome of 2026-01..2026-04 replaced: net result"
  expect_exit 0 "$TERTIAL" import-sie r.db janapr.se
  expect_months r.db Utfall "-10000 -20000 -30000 -40000 0" "Jan-Apr again"
  # April alone after January to March leaves them
  "$TERTIAL" init s.db --year 2026 || fail "init"
  expect_exit 0 "$TERTIAL" import-sie s.db janmar.se
  expect_exit 0 "$TERTIAL" import-sie s.db apr.se
  expect_months s.db Utfall "-10000 -20000 -30000 -40000 0" "Jan-Mar, then Apr"
  # files of the same months in one command combine; the same command again gives the same
  "$TERTIAL" init c.db --year 2026 || fail "init"
  expect_exit 0 "$TERTIAL" import-sie c.db janmar.se jan-more.se
  expect_months c.db Utfall "-15000 -20000 -30000 0 0" "Jan-Mar and more January in one command"
  expect_exit 0 "$TERTIAL" import-sie c.db janmar.se jan-more.se
  expect_months c.db Utfall "-15000 -20000 -30000 0 0" "the same command again"
  # a budget imported twice is there once
  expect_exit 0 "$TERTIAL" import-sie c.db budget.se
  expect_exit 0 "$TERTIAL" import-sie c.db budget.se
  expect_months c.db "Budget SIE" "-50000 -60000 0 0 0" "#PBUDGET twice"
  expect_months c.db Utfall "-15000 -20000 -30000 0 0" "outcome after the budget"
  ;;
accuracy)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025
  golden accuracy-2025.txt last.out
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025 --unit 3 --level 4
  golden accuracy-2025-3.txt last.out
  # --json: the same figures as objects, exact kronor (the tables' 1 400 349 tkr is 1400349281.50 kr)
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025 --json
  /usr/bin/python3 -c 'import json, sys, collections
d = json.load(open(sys.argv[1]))
k = collections.Counter(x["kind"] for x in d)
first = d[0]
s = [x for x in d if x["kind"] == "summary" and x["unit"] == "3"][0]
b = [x for x in d if x["kind"] == "best_method"][0]
ok = (k == {"accuracy": 45, "summary": 9, "best_method": 45, "method_error": 25}
      and first == {"kind": "accuracy", "unit": "0", "point": "JANFEB", "cutoff": 2, "outcome": 1400349281.5,
                    "error": 3403750.38, "ape": 0.24}
      and round(s["bias"] / 1000) == -2838 and round(s["mean_abs_error"] / 1000) == 5006
      and b["method"] == "last-year-profile" and b["years"] == 2
      and sum(x["best"] for x in d if x["kind"] == "method_error") == 5)
print("ok" if ok else "bad: %s %s %s %s" % (k, first, s, b))' last.out > acc.txt
  [ "$(cat acc.txt)" = ok ] || fail "accuracy --json: $(cat acc.txt)"
  # the backtest of 2024 has one closed year
  expect_exit 0 "$TERTIAL" accuracy demo.db 2024 --unit 1
  grep -q "^Backtest över 1 avslutade år (2024)" last.out || fail "backtest of 2024: $(cat last.out)"
  expect_exit 2 "$TERTIAL" accuracy demo.db 2026
  expect_err "the fiscal year 2026 is not closed: its outcome reaches October 2026"
  expect_exit 2 "$TERTIAL" accuracy demo.db 2023
  expect_err "demo.db holds no fiscal year 2023 (it holds 2024, 2025, 2026)"
  expect_exit 2 "$TERTIAL" accuracy demo.db 2025 --unit NOSUCH
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" accuracy demo.db 2025 --unit 3 --level 0
  expect_err "--level 0"
  expect_exit 64 "$TERTIAL" accuracy demo.db twenty
  expect_exit 64 "$TERTIAL" accuracy demo.db
  expect_exit 3 "$TERTIAL" accuracy missing.db 2025
  # a closed year without frozen forecasts: only the backtest
  expect_exit 0 "$TERTIAL" init plain.db --demo --sie-dir sie
  expect_exit 0 "$TERTIAL" import-sie plain.db sie/exempelkommun-2025.se
  expect_exit 0 "$TERTIAL" init fresh.db --year 2025
  expect_exit 0 "$TERTIAL" import-sie fresh.db sie/exempelkommun-2025.se --hierarchy sie/hierarki.txt
  expect_exit 0 "$TERTIAL" accuracy fresh.db 2025 --unit 3
  expect_err "has no frozen forecasts"
  grep -q "^Backtest över 1 avslutade år (2025)" last.out || fail "backtest without snapshots: $(cat last.out)"
  grep -q "^Prognosfel" last.out && fail "accuracy printed errors without snapshots"
  ;;
budget)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" budget demo.db --keys
  printf '*Tolftedelar\tequal\t1 1 1 1 1 1 1 1 1 1 1 1\n' > want.txt
  cmp -s want.txt last.out || fail "budget --keys: $(cat last.out)"
  # keys of each kind, stored with the store
  expect_exit 0 "$TERTIAL" budget demo.db --add-key "Lön;salary;100 100 100 100 100 100 40 90 100 100 100 120" \
    --add-key "Dagar;calendar-days" --add-key "Arbetsdagar;working-days" --add-key "Aftnar;working-days;eves-working" \
    --add-key "Fg år;last-year" --add-key "Skola;custom;110,110,110,110,110,90,20,60,110,110,110,110" \
    --default-key Lön
  [ -s last.out ] && fail "budget changes printed without --list"
  expect_exit 0 "$TERTIAL" budget demo.db --keys
  golden budget-keys.txt last.out
  # a revision with its decision, made current, and an annual budget periodised with the salary key
  expect_exit 0 "$TERTIAL" budget demo.db --revise Budget --name "Budget 2026 rev 1" --decided 2026-06-12 \
    --decided-by Socialnämnden --reason "Tilläggsanslag HVB" --current --set-annual "3111;4610;3 600 000;Lön" --list
  golden budget-revised.txt last.out
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3111
  # 3 600 000 kr by weights summing to 1150: January–October weigh 100 × 6 + 40 + 90 + 100 × 2 = 930,
  # so Ack budget is 3 600 000 × 930 / 1150 = 2 911 304 kr
  grep -Eq "^    Köp av verksamhet +2 883 +2 911 +28 +3 600 " last.out || fail "the revised annual budget: $(cat last.out)"
  # the revised version is closed; the other years are untouched
  expect_exit 2 "$TERTIAL" budget demo.db --set-annual "3111;4610;1" --version Budget
  expect_err 'version "Budget" has been revised by "Budget 2026 rev 1"'
  expect_exit 0 "$TERTIAL" budget demo.db --year 2025
  printf '*2\tBudget\tadopted\t\t\t\t\n' > want.txt
  cmp -s want.txt last.out || fail "budget of 2025: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db --set-current 2
  expect_exit 0 "$TERTIAL" budget demo.db
  grep -q '^\*2	Budget' last.out || fail "--set-current 2: $(cat last.out)"
  # bad input changes nothing
  cp demo.db before.db
  expect_exit 2 "$TERTIAL" budget demo.db --revise "No such" --name X
  expect_err 'no budget version "No such"'
  expect_exit 64 "$TERTIAL" budget demo.db --revise Budget
  expect_err "--revise needs --name"
  expect_exit 64 "$TERTIAL" budget demo.db --name X
  expect_exit 2 "$TERTIAL" budget demo.db --revise Budget --name "Budget 2026 rev 1"
  expect_err "Budget 2026 rev 1"
  expect_exit 2 "$TERTIAL" budget demo.db --revise Budget --name X --decided 2026-02-30
  expect_exit 2 "$TERTIAL" budget demo.db --add-key "Lön;equal"
  expect_err "Lön"
  expect_exit 2 "$TERTIAL" budget demo.db --add-key "Halv;salary;1 2 3"
  expect_err "twelve"
  expect_exit 2 "$TERTIAL" budget demo.db --add-key "X;monthly"
  expect_err 'unknown kind "monthly"'
  expect_exit 2 "$TERTIAL" budget demo.db --default-key "Ingen"
  expect_exit 2 "$TERTIAL" budget demo.db --set-annual "3111;4610;92233720368547758.07" --version "Budget 2026 rev 1"
  expect_err "the annual budget 92 233 720 368 547 758,07 kr of unit 3111, account 4610 is beyond the largest amount a model takes, ±10 000 000 000 000 kr"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 3
  expect_exit 2 "$TERTIAL" budget demo.db --set-annual "3111;9999;1"
  expect_err "no account 9999"
  expect_exit 2 "$TERTIAL" budget demo.db --set-annual "NOSUCH;4610;1"
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" budget demo.db --set-annual "3111;4610;1;Ingen"
  expect_err 'no periodisation key "Ingen"'
  expect_exit 2 "$TERTIAL" budget demo.db --add-key "Ny;equal" --set-annual "3111;4610;1;Ingen"
  expect_exit 0 "$TERTIAL" budget demo.db --keys
  grep -q '^Ny	' last.out && fail "a failed budget run saved a key"
  # assignment rules, stored and listed in the order added; the same unit and range again
  # replaces the key in its place ("3;*;*" replaces "3;;;Dagar")
  expect_exit 0 "$TERTIAL" budget demo.db --assign "*;50;59;Lön" --assign "3;;;Dagar" \
    --assign "3111;4610;4619;Skola" --assign ";46;46;Arbetsdagar" --assign "3;*;*;Aftnar"
  [ -s last.out ] && fail "budget --assign printed without --list"
  expect_exit 0 "$TERTIAL" budget demo.db --keys
  golden budget-rules.txt last.out
  # an annual budget without a key takes the rule's: 3111's own 4610-4619 -> Skola (fiscal
  # weights summing to 1160; January-October 110 × 5 + 90 + 20 + 60 + 110 × 2 = 940), so
  # 1 160 000 kr gives an Ack budget of 940 000 kr at JANOKT
  expect_exit 0 "$TERTIAL" budget demo.db --set-current "Budget 2026 rev 1" --version "Budget 2026 rev 1" \
    --set-annual "3111;4610;1 160 000"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3111
  grep -Eq "^    Köp av verksamhet +2 883 +940 +-1 943 +1 160 " last.out || fail "the annual budget by rule: $(cat last.out)"
  # bad rules change nothing
  cp demo.db before-rules.db
  expect_exit 2 "$TERTIAL" budget demo.db --assign "3;50;59;Ingen"
  expect_err 'no periodisation key "Ingen"'
  expect_exit 2 "$TERTIAL" budget demo.db --assign "NOSUCH;50;59;Lön"
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" budget demo.db --assign "3;5;59;Lön"
  expect_err "equal length"
  expect_exit 2 "$TERTIAL" budget demo.db --assign "3;50;;Lön"
  expect_err "give both FROM and TO"
  expect_exit 2 "$TERTIAL" budget demo.db --assign "3;50;Lön"
  expect_err "UNIT;FROM;TO;KEY"
  expect_exit 2 "$TERTIAL" budget demo.db --assign "3;40;49;Lön" --assign "3;50;59;Ingen"
  expect_exit 0 "$TERTIAL" budget demo.db --keys
  cmp -s "$GOLDEN/budget-rules.txt" last.out || fail "a failed --assign run saved a rule: $(cat last.out)"
  # two versions compared per unit and row: 3111's purchases in the revision are the 1 160 tkr of
  # Årets budget in the report above, 3 240 000 kr in Budget
  expect_exit 0 "$TERTIAL" budget demo.db --compare "Budget;Budget 2026 rev 1" --unit 3111 --depth 0
  grep -q '^3111 Enhet 1.1.1	KOST_KOP	Köp av verksamhet	3 240 000	1 160 000	-2 080 000$' last.out ||
    fail "budget --compare: $(cat last.out)"
  [ "$(cut -f1 last.out | sort -u)" = "3111 Enhet 1.1.1" ] || fail "--depth 0 shows other units: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db --compare "Budget;Budget 2026 rev 1" --unit 3 --json
  /usr/bin/python3 -c 'import decimal, json, sys
lines = json.load(open(sys.argv[1]), parse_float=decimal.Decimal)
assert lines and all(x["difference"] == x["b"] - x["a"] for x in lines), lines[:3]
[x] = [x for x in lines if x["unit"] == "3111" and x["row"] == "KOST_KOP"]
assert (x["a"], x["b"], x["depth"]) == (decimal.Decimal("3240000.00"), decimal.Decimal("1160000.00"), 4), x
[n] = [x for x in lines if x["unit"] == "3" and x["row"] == "NETTO"]
assert n["difference"] == x["difference"], (n, x)' last.out || fail "budget --compare --json: $(head -c 300 last.out)"
  # ej fördelat: a budget on Socialförvaltningen itself is not allocated to the units below it
  expect_exit 0 "$TERTIAL" budget demo.db --set-annual "30;4610;1 000 000" --version "Budget 2026 rev 1"
  expect_exit 0 "$TERTIAL" budget demo.db --allocation "Budget 2026 rev 1" --unit 3 --depth 1
  [ "$(cut -f1,4 last.out)" = "$(printf '3 Socialnämnden\t0\n  30 Socialförvaltningen\t1 000 000')" ] ||
    fail "budget --allocation: $(cat last.out)"
  expect_exit 2 "$TERTIAL" budget demo.db --compare "Budget"
  expect_err "expected A;B"
  expect_exit 2 "$TERTIAL" budget demo.db --compare "Budget;Nope"
  expect_exit 64 "$TERTIAL" budget demo.db --unit 3
  expect_err "--unit and --depth go with --compare or --allocation"
  ;;
measures)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" measures demo.db
  [ -s last.out ] && fail "the demo has measures: $(cat last.out)"
  # the escalation rule at T2 over the whole municipality: a unit with a deficit is covered when
  # its parent is in balance, otherwise it needs measures (the root has no parent to cover it)
  expect_exit 0 "$TERTIAL" measures demo.db --deviations T2
  golden measures-deviations-T2.txt last.out
  [ "$(tail -1 last.out)" = "301 units: 106 in balance, 30 covered within their parent, 165 need measures, 165 of them with no measure recorded" ] \
    || fail "the count of measures --deviations: $(tail -1 last.out)"
  grep -q '^          1111 Enhet 1.1.1	-19 123	3 792	covered	0	-19 123$' last.out || fail "1111 is not covered by 111"
  grep -q '^  3 Socialnämnden	-3 293 313	-3 631 916	needs-measures	0	-3 293 313$' last.out \
    || fail "Socialnämnden does not need measures"
  # --depth prints the top of the subtree; the count covers all of it
  expect_exit 0 "$TERTIAL" measures demo.db --deviations T2 --unit 3 --depth 1
  printf '3 Socialnämnden\t-3 293 313\t-3 631 916\tneeds-measures\t0\t-3 293 313\n' > want.txt
  printf '  30 Socialförvaltningen\t-3 293 313\t-3 293 313\tneeds-measures\t0\t-3 293 313\n' >> want.txt
  printf '59 units: 0 in balance, 0 covered within their parent, 59 need measures, 59 of them with no measure recorded\n' >> want.txt
  cmp -s want.txt last.out || fail "measures --deviations --depth 1: $(cat last.out)"
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --list
  [ -s last.out ] && fail "measures --deviations changed the forecast plan: $(cat last.out)"
  # add, list, persisted
  expect_exit 0 "$TERTIAL" measures demo.db \
    --add "3111;KOST_KOP;Hemmaplanslösning i stället för HVB;Fler placeringar HVB;300 000;Två barn flyttas till familjehem;2026-10-01" \
    --add "3114;KOST_PERS;Minskad övertid;Vakanser täcks med övertid;120000;Längre handläggningstider;2026-09-15"
  [ -s last.out ] && fail "measures --add printed without --list"
  expect_exit 0 "$TERTIAL" measures demo.db
  printf '1\t3111\tKOST_KOP\tproposed\t300 000\t2026-10-01\t-\tHemmaplanslösning i stället för HVB\tFler placeringar HVB\tTvå barn flyttas till familjehem\t\t-\tdeviation\n' > want.txt
  printf '2\t3114\tKOST_PERS\tproposed\t120 000\t2026-09-15\t-\tMinskad övertid\tVakanser täcks med övertid\tLängre handläggningstider\t\t-\tdeviation\n' >> want.txt
  cmp -s want.txt last.out || fail "measures after --add: $(cat last.out)"
  # a proposed measure is not fed into the forecast, and the message says why
  expect_exit 2 "$TERTIAL" measures demo.db --feed 1
  expect_err 'measure 1 ("Hemmaplanslösning i stället för HVB") is proposed; only a decided, in-progress or done measure can be fed'
  # decided: fed as a planned measure; done: fed as a measure taken
  expect_exit 0 "$TERTIAL" measures demo.db --status "1;decided;Beslutad i socialnämnden 2026-09-20" --status "2;done" \
    --feed 1 --feed 2 --list
  printf '1\t3111\tKOST_KOP\tdecided\t300 000\t2026-10-01\tplanned\tHemmaplanslösning i stället för HVB\tFler placeringar HVB\tTvå barn flyttas till familjehem\tBeslutad i socialnämnden 2026-09-20\t-\tdeviation\n' > want.txt
  printf '2\t3114\tKOST_PERS\tdone\t120 000\t2026-09-15\ttaken\tMinskad övertid\tVakanser täcks med övertid\tLängre handläggningstider\t\t-\tdeviation\n' >> want.txt
  cmp -s want.txt last.out || fail "measures --status --feed --list: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db
  cmp -s want.txt last.out || fail "the measures were not saved as listed: $(cat last.out)"
  cp want.txt measures.txt
  expect_exit 2 "$TERTIAL" measures demo.db --feed 2
  expect_err 'measure 2 ("Minskad övertid") is already in the forecast'
  # the adjustments: -effect on the measure's unit and row
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --list
  printf '1\t3111\tKOST_KOP\t-300 000\tplanned\tHemmaplanslösning i stället för HVB\n2\t3114\tKOST_PERS\t-120 000\ttaken\tMinskad övertid\n' > want.txt
  cmp -s want.txt last.out || fail "forecast --list after --feed: $(cat last.out)"
  # the measure taken lowers 3114's forecast by 120 000 kr (11 083 -> 10 963 tkr); the planned
  # one leaves 3111's forecast (11 341 tkr) as it was
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 311
  grep -Eq "^  Enhet 1.1.4 .* 10 963 +-34 +10 790$" last.out || fail "the measure taken is not in the forecast: $(cat last.out)"
  grep -Eq "^  Enhet 1.1.1 .* 11 341 +-102 +11 068$" last.out || fail "the planned measure changed the forecast: $(cat last.out)"
  # deviations: 3114 -153 007 + 120 000 kr; 3111 after its planned measure -102 148 + 300 000 kr
  expect_exit 0 "$TERTIAL" measures demo.db --deviations T2 --unit 311
  printf '311 Verksamhet 1.1\t-248 834\t-1 060 017\tneeds-measures\t2\t51 166\n' > want.txt
  printf '  3111 Enhet 1.1.1\t-102 148\t-248 834\tneeds-measures\t1\t197 852\n' >> want.txt
  printf '  3112 Enhet 1.1.2\t-52 971\t-248 834\tneeds-measures\t0\t-52 971\n' >> want.txt
  printf '  3113 Enhet 1.1.3\t-44 133\t-248 834\tneeds-measures\t0\t-44 133\n' >> want.txt
  printf '  3114 Enhet 1.1.4\t-33 007\t-248 834\tneeds-measures\t1\t-33 007\n' >> want.txt
  printf '  3115 Enhet 1.1.5\t-16 575\t-248 834\tneeds-measures\t0\t-16 575\n' >> want.txt
  printf '6 units: 0 in balance, 0 covered within their parent, 6 need measures, 3 of them with no measure recorded\n' >> want.txt
  cmp -s want.txt last.out || fail "measures --deviations after --feed: $(cat last.out)"
  # bad input saves nothing
  expect_exit 2 "$TERTIAL" measures demo.db --add "NOSUCH;KOST_KOP;Åtgärd;Orsak;1;Konsekvens;2026-10-01"
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" measures demo.db --add "3111;NOSUCHROW;Åtgärd;Orsak;1;Konsekvens;2026-10-01"
  expect_err 'no report row "NOSUCHROW"'
  expect_exit 2 "$TERTIAL" measures demo.db --add "3111;KOST;Åtgärd;Orsak;1;Konsekvens;2026-10-01"
  expect_err 'report row "KOST" is not a line row'
  expect_exit 2 "$TERTIAL" measures demo.db --add "3111;KOST_KOP;Åtgärd;Orsak;1;Konsekvens;2026-02-30"
  expect_err "YYYY-MM-DD"
  expect_exit 2 "$TERTIAL" measures demo.db --add "3111;KOST_KOP;Åtgärd;Orsak;12x;Konsekvens;2026-10-01"
  expect_err '"12x"'
  expect_exit 2 "$TERTIAL" measures demo.db --add "3111;KOST_KOP;Åtgärd;Orsak;1;2026-10-01"
  expect_err "UNIT;ROW;DESCRIPTION;CAUSE;EFFECT;CONSEQUENCE;YYYY-MM-DD"
  expect_exit 2 "$TERTIAL" measures demo.db --add "3111;KOST_KOP;;Orsak;1;Konsekvens;2026-10-01"
  expect_err "the description is empty"
  expect_exit 2 "$TERTIAL" measures demo.db --add "$(printf '3111;KOST_KOP;\xc5tg\xe4rd;Orsak;1;Konsekvens;2026-10-01')"
  expect_err "--add: the text is not UTF-8"
  expect_exit 2 "$TERTIAL" measures demo.db --status "1;maybe"
  expect_err 'unknown status "maybe" (proposed, decided, in-progress, done, cancelled)'
  expect_exit 2 "$TERTIAL" measures demo.db --status "3;done"
  expect_err 'no measure 3; the measures are numbered 1..2'
  expect_exit 2 "$TERTIAL" measures demo.db --status "$(printf '1;done;\xff')"
  expect_err "--status: the text is not UTF-8"
  expect_exit 2 "$TERTIAL" measures demo.db --feed 0
  expect_err 'no measure 0'
  expect_exit 2 "$TERTIAL" measures demo.db --feed two
  expect_err 'expected a measure number, got "two"'
  expect_exit 2 "$TERTIAL" measures demo.db --add "3112;KOST_KOP;Ny;Orsak;1;Konsekvens;2026-10-01" --status "3;decided" --feed 9
  expect_err 'no measure 9'
  expect_exit 64 "$TERTIAL" measures demo.db --unit 3
  expect_err "--unit and --depth go with --deviations"
  expect_exit 2 "$TERTIAL" measures demo.db --deviations T7
  expect_err 'unknown follow-up point "T7"'
  expect_exit 2 "$TERTIAL" measures demo.db --deviations T2 --unit NOSUCH
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 0 "$TERTIAL" measures demo.db
  cmp -s measures.txt last.out || fail "bad input changed the measures: $(cat last.out)"
  # a measure serves a goal of its branch (tertial goals): listed last, under the goal in the
  # report; "N;" removes the link; a goal of another branch or none at all is refused
  expect_exit 2 "$TERTIAL" measures demo.db --goal "1;NOPE"
  expect_err 'no goal with code "NOPE"'
  expect_exit 2 "$TERTIAL" measures demo.db --goal "1"
  expect_err 'expected N;GOAL'
  expect_exit 0 "$TERTIAL" measures demo.db --goal "1;SN1" --goal "2;SN2"
  expect_exit 0 "$TERTIAL" measures demo.db
  [ "$(cut -f1,12 last.out | tr '\t\n' ':;')" = "1:SN1;2:SN2;" ] || fail "measures --goal: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 3 -o - --format csv
  grep -q '^measure-1,1,normal,,0,Hemmaplanslösning i stället för HVB,Åtgärd,Beslutad,300 tkr,,,,Beslutad i socialnämnden 2026-09-20' last.out \
    || fail "the measure is not under its goal in the report: $(grep -A8 '^goals' last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --goal "1;" --goal "2;"
  expect_exit 0 "$TERTIAL" measures demo.db
  cmp -s measures.txt last.out || fail "measures --goal N; did not remove the links: $(cat last.out)"
  # an efficiency measure (effektiviseringsåtgärd) is listed as one and has its own report section
  expect_exit 2 "$TERTIAL" measures demo.db --kind "2;savings"
  expect_err "expected N;efficiency or N;deviation"
  expect_exit 0 "$TERTIAL" measures demo.db --kind "2;efficiency"
  expect_exit 0 "$TERTIAL" measures demo.db
  [ "$(cut -f1,13 last.out | tr '\t\n' ':;')" = "1:deviation;2:efficiency;" ] || fail "measures --kind: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 3 -o - --format csv
  tr -d '\r' < last.out > r.csv
  awk '/^efficiency$/,/^$/' r.csv > eff.csv
  grep -q '^3114,1,normal,1,0,Enhet 1.1.4,Minskad övertid,120000.00,Genomförd,2026-09-15,' eff.csv ||
    fail "the efficiency section: $(cat eff.csv)"
  awk '/^measures_followup$/,/^$/' r.csv > fu.csv
  grep -q "Minskad övertid" fu.csv && fail "an efficiency measure among the measures against deviations: $(cat fu.csv)"
  # the committee document: a chapter (Heading 2) of its own, after Åtgärder vid avvikelse
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 3 -o eff.docx --depth 0
  /usr/bin/python3 -c 'import sys, zipfile; d = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
h = "<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
e, a = d.find(h + "Effektiviseringsåtgärder<"), d.find(h + "Åtgärder vid avvikelse<")
print("ok" if 0 <= a < e and d.find("Minskad övertid", e) > e else "no")' eff.docx > h2.txt
  [ "$(cat h2.txt)" = ok ] || fail "the document has no chapter Effektiviseringsåtgärder after Åtgärder vid avvikelse"
  expect_exit 0 "$TERTIAL" measures demo.db --kind "2;deviation"
  expect_exit 0 "$TERTIAL" measures demo.db
  cmp -s measures.txt last.out || fail "measures --kind N;deviation: $(cat last.out)"
  # a measure in the forecast moves with its status: done makes its adjustment a measure taken,
  # cancelled takes it out (and it can be fed again once decided); saved so
  expect_exit 0 "$TERTIAL" measures demo.db --status "1;done;Genomförd i oktober" -v
  expect_err "adjustment 1 is now a measure taken"
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --list
  printf '1\t3111\tKOST_KOP\t-300 000\ttaken\tHemmaplanslösning i stället för HVB\n2\t3114\tKOST_PERS\t-120 000\ttaken\tMinskad övertid\n' > want.txt
  cmp -s want.txt last.out || fail "forecast --list after done: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --status "1;cancelled;Avbruten" -v
  expect_err "the measure is out of the forecast (its adjustment 1 removed)"
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --list
  printf '1\t3114\tKOST_PERS\t-120 000\ttaken\tMinskad övertid\n' > want.txt
  cmp -s want.txt last.out || fail "forecast --list after cancelled: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --status "1;decided;Beslutad igen" --feed 1 --list
  grep -q '^1	3111	KOST_KOP	decided	300 000	2026-10-01	planned	' last.out || fail "measure 1 fed again: $(cat last.out)"
  # removing its adjustment takes a measure out of the forecast too
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --remove 2 --list
  printf '1\t3114\tKOST_PERS\t-120 000\ttaken\tMinskad övertid\n' > want.txt
  cmp -s want.txt last.out || fail "forecast --remove of a measure's adjustment: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db
  grep -q '^1	3111	KOST_KOP	decided	300 000	2026-10-01	-	' last.out || fail "measure 1 still in the forecast: $(cat last.out)"
  grep -q '^2	3114	KOST_PERS	done	120 000	2026-09-15	taken	' last.out || fail "measure 2 left the forecast: $(cat last.out)"
  # measures belong to their fiscal year
  expect_exit 0 "$TERTIAL" measures demo.db --year 2025
  [ -s last.out ] && fail "the measures of 2026 are in 2025: $(cat last.out)"
  # the budget-adherence plan of a unit and its manager
  expect_exit 0 "$TERTIAL" measures demo.db --plan 3111
  [ -s last.out ] && fail "3111 has an adherence plan: $(cat last.out)"
  expect_err "unit 3111 has no budget-adherence plan"
  expect_exit 0 "$TERTIAL" measures demo.db --moment "3111;Sommarvikarier juni–augusti" \
    --risk "3111;Fler placeringar HVB;Hemmaplanslösningar och familjehem;400 000;Längre väntetid; fler ärenden per handläggare"
  [ -s last.out ] && fail "measures --moment printed: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --plan 3111
  printf 'plan\t3111\tPer Ek\nmoment\tSommarvikarier juni–augusti\n' > want.txt
  printf 'risk\tFler placeringar HVB\tHemmaplanslösningar och familjehem\t400 000\tLängre väntetid; fler ärenden per handläggare\n' >> want.txt
  cmp -s want.txt last.out || fail "measures --plan: $(cat last.out)"
  expect_exit 2 "$TERTIAL" measures demo.db --risk "3111;Orsak;Åtgärder;mycket;Konsekvenser"
  expect_err '"mycket"'
  expect_exit 2 "$TERTIAL" measures demo.db --risk "3111;;Åtgärder;1;Konsekvenser"
  expect_err "the cause is empty"
  expect_exit 2 "$TERTIAL" measures demo.db --moment "NOSUCH;Julhelgen"
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" measures demo.db --moment "$(printf '3111;Jul\xe5')"
  expect_err "--moment: the text is not UTF-8"
  expect_exit 2 "$TERTIAL" measures demo.db --moment "3111;Julhelgen" --plan NOSUCH
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 0 "$TERTIAL" measures demo.db --plan 3111
  cmp -s want.txt last.out || fail "bad input changed the adherence plan: $(cat last.out)"
  ;;
accruals)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" accruals demo.db
  [ -s last.out ] && fail "the demo has accruals: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 311
  cp last.out report-before.txt
  expect_exit 0 "$TERTIAL" accruals demo.db --adjusted T2 --unit 311
  printf '311 Verksamhet 1.1\t36 903 869,74\t0,00\t36 903 869,74\n' > want.txt
  printf '  3111 Enhet 1.1.1\t7 460 421,33\t0,00\t7 460 421,33\n' >> want.txt
  printf '  3112 Enhet 1.1.2\t6 631 388,28\t0,00\t6 631 388,28\n' >> want.txt
  printf '  3113 Enhet 1.1.3\t7 556 415,78\t0,00\t7 556 415,78\n' >> want.txt
  printf '  3114 Enhet 1.1.4\t7 306 109,94\t0,00\t7 306 109,94\n' >> want.txt
  printf '  3115 Enhet 1.1.5\t7 949 534,41\t0,00\t7 949 534,41\n' >> want.txt
  cmp -s want.txt last.out || fail "accruals --adjusted without accruals: $(cat last.out)"
  # 100 000 kr of expected revenue for June (negative: the ledger's sign) and a late invoice for August
  expect_exit 0 "$TERTIAL" accruals demo.db --add "3111;3590;2026-06;-100 000;Ersättning från Migrationsverket för kvartal 2" \
    --add "3114;4610;2026-08;25 000,50;Faktura för placering i augusti; ej bokförd"
  [ -s last.out ] && fail "accruals --add printed without --list"
  expect_exit 0 "$TERTIAL" accruals demo.db
  printf '1\t3111\t3590\t2026-06\t-100 000\tErsättning från Migrationsverket för kvartal 2\n' > want.txt
  printf '2\t3114\t4610\t2026-08\t25 000,50\tFaktura för placering i augusti; ej bokförd\n' >> want.txt
  cmp -s want.txt last.out || fail "accruals after --add: $(cat last.out)"
  cp want.txt accruals.txt
  # adjusted = booked + accrued: 7 460 421,33 - 100 000 and 7 306 109,94 + 25 000,50
  expect_exit 0 "$TERTIAL" accruals demo.db --adjusted T2 --unit 311
  printf '311 Verksamhet 1.1\t36 903 869,74\t-74 999,50\t36 828 870,24\n' > want.txt
  printf '  3111 Enhet 1.1.1\t7 460 421,33\t-100 000,00\t7 360 421,33\n' >> want.txt
  printf '  3112 Enhet 1.1.2\t6 631 388,28\t0,00\t6 631 388,28\n' >> want.txt
  printf '  3113 Enhet 1.1.3\t7 556 415,78\t0,00\t7 556 415,78\n' >> want.txt
  printf '  3114 Enhet 1.1.4\t7 306 109,94\t25 000,50\t7 331 110,44\n' >> want.txt
  printf '  3115 Enhet 1.1.5\t7 949 534,41\t0,00\t7 949 534,41\n' >> want.txt
  cmp -s want.txt last.out || fail "accruals --adjusted: $(cat last.out)"
  # up to T1 (April) neither accrual counts yet
  expect_exit 0 "$TERTIAL" accruals demo.db --adjusted T1 --unit 3111
  grep -q '^3111 Enhet 1.1.1	[0-9 ,]*	0,00	' last.out || fail "an accrual after the cut-off counted: $(cat last.out)"
  # the booked outcome is untouched
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 311
  cmp -s report-before.txt last.out || fail "an accrual changed the booked outcome"
  expect_exit 0 "$TERTIAL" check demo.db --point T2
  # bad input saves nothing
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;2025-12;-1;Fel år"
  expect_err "2025-12 is not a month of the fiscal year 2026 (2026-01..2026-12"
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;2026-6;-1;Fel form"
  expect_err 'expected a month YYYY-MM, got "2026-6"'
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;juni;-1;Fel form"
  expect_err 'expected a month YYYY-MM, got "juni"'
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;9999;2026-06;-1;Okänt konto"
  expect_err "demo.db has no account 9999"
  expect_exit 2 "$TERTIAL" accruals demo.db --add "NOSUCH;3590;2026-06;-1;Okänd enhet"
  expect_err 'unknown unit "NOSUCH"'
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;2026-06;-1;"
  expect_err "the reason is empty"
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;2026-06;-1,234;Tre decimaler"
  expect_err '"-1,234"'
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;2026-06;-1"
  expect_err "UNIT;ACCOUNT;YYYY-MM;AMOUNT;REASON"
  expect_exit 2 "$TERTIAL" accruals demo.db --add "$(printf '3111;3590;2026-06;-1;Ers\xe4ttning')"
  expect_err "--add: the text is not UTF-8"
  expect_exit 2 "$TERTIAL" accruals demo.db --add "3111;3590;2026-06;-1;Bra" --add "3111;3590;2026-13;-1;Dålig"
  expect_exit 64 "$TERTIAL" accruals demo.db --unit 3
  expect_err "--unit goes with --adjusted"
  expect_exit 2 "$TERTIAL" accruals demo.db --adjusted T7
  expect_err 'unknown follow-up point "T7"'
  expect_exit 0 "$TERTIAL" accruals demo.db
  cmp -s accruals.txt last.out || fail "bad input changed the accruals: $(cat last.out)"
  # accruals belong to their fiscal year
  expect_exit 0 "$TERTIAL" accruals demo.db --year 2025 --add "3111;3590;2025-03;-50 000;Ersättning kvartal 1" --list
  printf '1\t3111\t3590\t2025-03\t-50 000\tErsättning kvartal 1\n' > want.txt
  cmp -s want.txt last.out || fail "accruals of 2025: $(cat last.out)"
  expect_exit 0 "$TERTIAL" accruals demo.db
  cmp -s accruals.txt last.out || fail "an accrual of 2025 changed 2026: $(cat last.out)"
  ;;
int-options)
  # every integer option and numeric argument: out of range or not a number is a usage error
  # naming the option, the value and what is expected, before the store is opened
  expect_exit 0 "$TERTIAL" init demo.db --demo
  bad() {  # bad TEXT COMMAND...: exits 64 and says TEXT
    local text=$1
    shift
    expect_exit 64 "$@"
    expect_err "$text"
  }
  bad "--year 0: expected a fiscal year by its first calendar year (1900..9998), such as 2026" "$TERTIAL" report demo.db --point T2 --year 0
  bad "--year 2026x: expected a fiscal year" "$TERTIAL" org demo.db --year 2026x
  bad "--year -2026: expected a fiscal year" "$TERTIAL" budget demo.db -y -2026
  bad "--year 99999999999: expected a fiscal year" "$TERTIAL" measures demo.db --year 99999999999
  bad '--year "": expected a fiscal year' "$TERTIAL" check demo.db --point T2 --year ""
  bad "--year 12: expected the first calendar year of the fiscal year (1900..9998)" "$TERTIAL" init new.db --year 12
  bad "--start-month 0: expected a month 1..12" "$TERTIAL" init new.db --start-month 0
  bad "--start-month 13: expected a month 1..12" "$TERTIAL" init new.db -s 13
  bad "--sie-type 0: expected 3 or 4" "$TERTIAL" init new.db --demo --sie-dir sie --sie-type 0
  bad "--sie-type 5: expected 3 or 4" "$TERTIAL" init new.db --demo --sie-dir sie --sie-type 5
  [ -e new.db ] && fail "a usage error created new.db"
  bad "--remove 0: expected the number of an adjustment as --list shows it, 1 or more" "$TERTIAL" forecast demo.db --point JANOKT --remove 0
  bad "--remove -1: expected the number of an adjustment" "$TERTIAL" forecast demo.db --point JANOKT -r -1
  bad "--dim 0: expected a SIE dimension number (#DIM), 1 or more" "$TERTIAL" import-sie demo.db x.se --dim 0
  bad "--dim one: expected a SIE dimension number" "$TERTIAL" import-sie demo.db x.se -d one
  bad "--depth -1: expected a number of levels, 0 or more" "$TERTIAL" measures demo.db --deviations JANOKT --depth -1
  bad "--level -1: expected an organisation level, 0 (kommun) or more" "$TERTIAL" accuracy demo.db 2025 --level -1
  bad "YEAR 20x5: expected a closed fiscal year by its first calendar year (1900..9998), such as 2025" "$TERTIAL" accuracy demo.db 20x5
  bad "YEAR 0: expected a closed fiscal year" "$TERTIAL" accuracy demo.db 0
  # the values at the ends of the ranges are taken
  expect_exit 0 "$TERTIAL" measures demo.db --deviations JANOKT --depth 0
  [ "$(grep -c "	" last.out)" = 1 ] && grep -q "^0 Exempelkommun	" last.out ||
    fail "--depth 0 does not print the root alone: $(cat last.out)"
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025 --level 0
  expect_exit 0 "$TERTIAL" init new.db --year 1900 --start-month 12
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --remove 1
  expect_err "no adjustment 1"
  ;;
locale)
  # the help's own text byte-exact in UTF-8 locales (GLib converts it to the locale's charset,
  # which is ASCII unless the program calls setlocale), in English under a Swedish locale too
  for l in C.UTF-8 sv_SE.UTF-8; do
    LC_ALL=$l expect_exit 0 "$TERTIAL" measures --help
    grep -qF "measures (åtgärder)" last.out || fail "measures --help under $l: $(head -3 last.out)"
    grep -qF "tertial measures [OPTION…] DB" last.out || fail "measures --help under $l: $(head -3 last.out)"
    LC_ALL=$l expect_exit 64 "$TERTIAL" report demo.db --no-such-option
    expect_err "Unknown option --no-such-option"
  done
  # machine-readable output is the same under a locale with a decimal comma
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  expect_exit 0 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10
  for l in C sv_SE.UTF-8; do
    mkdir "$l"
    run() { env -u LC_ALL LANG=$l "$TERTIAL" "$@"; }
    run report demo.db --point JANOKT > "$l/report.txt" || fail "report under $l"
    run report demo.db --point JANOKT --compare T2 -o "$l/report.json" || fail "report.json under $l"
    run report demo.db --point JANOKT --compare T2 -o "$l/report.csv" || fail "report.csv under $l"
    run report demo.db --point JANOKT --compare T2 -o "$l/report.xlsx" || fail "report.xlsx under $l"
    run accruals demo.db --adjusted JANOKT > "$l/adjusted.tsv" || fail "accruals under $l"
    run budget demo.db --keys > "$l/keys.tsv" || fail "budget --keys under $l"
    run measures demo.db --deviations JANOKT > "$l/deviations.tsv" || fail "measures under $l"
    run accuracy demo.db 2025 > "$l/accuracy.txt" || fail "accuracy under $l"
    # the workbook's parts but the creation time (docProps/core.xml)
    python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if n != "docProps/core.xml":
        sys.stdout.buffer.write(n.encode() + b"\n" + z.read(n))' "$l/report.xlsx" > "$l/report.xlsx.parts" ||
      fail "reading $l/report.xlsx"
  done
  for f in report.txt report.json report.csv report.xlsx.parts adjusted.tsv keys.tsv deviations.tsv accuracy.txt; do
    [ -s "C/$f" ] || fail "no C/$f"
    cmp -s "C/$f" "sv_SE.UTF-8/$f" || fail "$f differs under LANG=sv_SE.UTF-8"
  done
  ;;
concurrent)
  # Two processes adjusting the forecast at once: each exits 0 or 5 (conflict), at least one of
  # each round saves, and every adjustment of a command that exited 0 is in the store, every one
  # of a command that exited 5 is not (nothing is lost, nothing half-saved).
  expect_exit 0 "$TERTIAL" init demo.db --demo
  conflicts=0
  : > saved.txt
  : > refused.txt
  for r in $(seq 1 20); do
    "$TERTIAL" forecast demo.db --point JANOKT -a "3;KOST_KOP;${r}0;round $r a" > a.out 2> a.err &
    pa=$!
    "$TERTIAL" forecast demo.db --point JANOKT -a "3;KOST_PERS;-${r}0;round $r b" > b.out 2> b.err &
    pb=$!
    wait "$pa"
    sa=$?
    wait "$pb"
    sb=$?
    for x in "a $sa" "b $sb"; do
      set -- $x
      case $2 in
      0) echo "round $r $1" >> saved.txt ;;
      5)
        echo "round $r $1" >> refused.txt
        conflicts=$((conflicts + 1))
        grep -qF "the fiscal year 2026 was saved by another process" "$1.err" || fail "round $r $1: $(cat "$1.err")"
        grep -qF "run the command again" "$1.err" || fail "round $r $1 does not say to run it again: $(cat "$1.err")"
        ;;
      *) fail "round $r: forecast $1 exited $2: $(cat "$1.err")" ;;
      esac
    done
    [ "$sa" = 0 ] || [ "$sb" = 0 ] || fail "round $r: neither forecast saved"
  done
  echo "# 20 rounds of two concurrent forecasts: $(wc -l < saved.txt) saved, $conflicts conflicts"
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --list
  cut -f6 last.out | sort > listed.txt
  sort saved.txt | cmp -s - listed.txt || fail "the stored adjustments are not those saved: $(diff <(sort saved.txt) listed.txt)"
  while read -r line; do
    grep -qxF "$line" listed.txt && fail "'$line' exited 5 but is in the store"
  done < refused.txt
  ;;
readonly)
  # Reading never creates or changes a file: an empty or foreign file is refused as no store and
  # left as it was, and a store in a read-only directory is read.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  : > empty.db
  printf 'just some text that is long enough for SQLite to read a header from it\n' > text.db
  touch -d '2001-02-03 04:05:06' empty.db text.db
  for f in empty.db text.db; do
    before="$(stat -c '%s %Y' "$f") $(ls)"
    for cmd in "report --point T2" "check --point T2" "org" "budget" "budget --keys" "measures" "accruals" \
               "forecast --point T2" "snapshot T2" "import-sie demo.db"; do
      set -- $cmd
      sub=$1
      shift
      if [ "$sub" = import-sie ]; then
        expect_exit 3 "$TERTIAL" import-sie "$f" "$@"
      else
        expect_exit 3 "$TERTIAL" "$sub" "$f" "$@"
      fi
      expect_err "not a Tertial store"
      [ "$(stat -c '%s %Y' "$f") $(ls)" = "$before" ] || fail "$cmd changed $f or its folder: $(stat -c '%s %Y' "$f"); $(ls)"
    done
    expect_exit 3 "$TERTIAL" accuracy "$f" 2025
    expect_err "not a Tertial store"
    [ "$(stat -c '%s %Y' "$f") $(ls)" = "$before" ] || fail "accuracy changed $f"
  done
  # init makes an empty file a store
  expect_exit 0 "$TERTIAL" init empty.db --year 2026
  expect_exit 0 "$TERTIAL" org empty.db
  # a store in a read-only directory: chmod 0555 binds no root, so as root a read-only bind
  # mount in a private mount namespace
  mkdir ro
  cp demo.db ro/demo.db
  expect_exit 0 "$TERTIAL" report demo.db --point T2
  cp last.out report-want.txt
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025
  cp last.out accuracy-want.txt
  cat > ro-run.sh <<'EOS'
#!/bin/bash
# run in a read-only ro/: prove it is read-only, then read the store
if touch ro/probe 2> /dev/null; then rm -f ro/probe; echo "ro/ is writable" >&2; exit 77; fi
"$TERTIAL" report ro/demo.db --point T2 > report.txt 2> report.err || { echo "report exited $?" >&2; cat report.err >&2; exit 1; }
"$TERTIAL" accuracy ro/demo.db 2025 > accuracy.txt 2> accuracy.err || { echo "accuracy exited $?" >&2; cat accuracy.err >&2; exit 1; }
"$TERTIAL" org ro/demo.db > /dev/null 2>&1 || { echo "org exited $?" >&2; exit 1; }
"$TERTIAL" forecast ro/demo.db --point T2 > /dev/null 2> forecast.err
status=$?
[ "$status" = 3 ] || { echo "forecast in a read-only directory exited $status" >&2; exit 1; }
exit 0
EOS
  chmod +x ro-run.sh
  export TERTIAL
  if [ "$(id -u)" = 0 ]; then
    unshare -m bash -c 'mount --make-rprivate / && mount --bind ro ro && mount -o remount,bind,ro ro && ./ro-run.sh' 2> ro.err
  else
    chmod 0555 ro
    ./ro-run.sh 2> ro.err
  fi
  status=$?
  chmod 0755 ro
  if [ "$status" = 77 ] || { [ "$status" != 0 ] && [ ! -s ro.err ]; }; then
    echo "# skipped the read-only directory: it could not be made read-only here ($(cat ro.err))"
  elif [ "$status" != 0 ]; then
    fail "reading in a read-only directory: $(cat ro.err)"
  else
    cmp -s report.txt report-want.txt || fail "the report read in a read-only directory differs"
    cmp -s accuracy.txt accuracy-want.txt || fail "the accuracy read in a read-only directory differs"
    [ "$(ls -A ro)" = demo.db ] || fail "files were made in the read-only directory: $(ls -A ro)"
  fi
  ;;
hostile-text)
  # User text that would run in a spreadsheet (formulas from an SIE file) or drive a terminal (ESC,
  # BEL, a C1 CSI and TAB from a hierarchy file; CR, LF and ESC in a reason given on the command line).
  expect_exit 0 "$TERTIAL" init h.db --year 2026
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20260101 20261231\n#DIM 1 "Ansvar"\n#OBJEKT 1 "100" "=cmd|'"'"' /C calc'"'"'!A0"\n#OBJEKT 1 "200" "@SUM(1+1)"\n#OBJEKT 1 "300" "-1+2"\n#KONTO 5011 "Personal"\n#KTYP 5011 K\n#PSALDO 0 202601 5011 {1 "100"} 1243.50\n#PSALDO 0 202601 5011 {1 "200"} 100.00\n#PSALDO 0 202601 5011 {1 "300"} -1243.50\n' > h.se
  printf 'SN;;Soc\033]0;x\007\302\2332J\tT;1\n100;SN;;\n200;SN;;\n300;SN;;\n' > h.txt
  expect_exit 0 "$TERTIAL" import-sie h.db h.se --hierarchy h.txt
  # On the terminal every control character is one U+FFFD (\357\277\275); formulas are plain text there.
  r='\357\277\275'
  expect_exit 0 "$TERTIAL" org h.db
  printf "SN Soc${r}]0;x${r}${r}2J${r}T (n\303\244mnd)\n  100 =cmd|' /C calc'!A0 (f\303\266rvaltning)\n  200 @SUM(1+1) (f\303\266rvaltning)\n  300 -1+2 (f\303\266rvaltning)\n" > want.txt
  cmp -s want.txt last.out || fail "org: $(cat -A last.out)"
  expect_exit 0 "$TERTIAL" report h.db --point T1
  head -1 last.out > title.txt
  printf "Soc${r}]0;x${r}${r}2J${r}T: utfall t.o.m. april 2026, tkr\n" > want.txt
  cmp -s want.txt title.txt || fail "report title: $(cat -A title.txt)"
  grep -q "^  =cmd|' /C calc'!A0  " last.out || fail "report: the unit name is missing: $(cat -A last.out)"
  LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' last.out && fail "report printed control characters: $(cat -A last.out)"
  # CSV by default in the Swedish style for a spreadsheet: text formulas guarded with ', numbers
  # (-1243,50) not; the TAB stays inside a quoted field; ESC, BEL and CSI are U+FFFD.
  expect_exit 0 "$TERTIAL" report h.db --point T1 -o r.csv
  head -c 3 r.csv | cmp -s - <(printf '\357\273\277') || fail "the Swedish CSV has no BOM"
  printf "100;1;normal;3;0;\"'=cmd|' /C calc'!A0\";1243,50;0,00;-1243,50;0,00;;1243,50;-1243,50;0,00\r\n200;1;normal;3;0;\"'@SUM(1+1)\";100,00;0,00;-100,00;0,00;;100,00;-100,00;0,00\r\n300;1;normal;3;0;\"'-1+2\";-1243,50;0,00;1243,50;0,00;;-1243,50;1243,50;0,00\r\n" > want.txt
  grep -aF -A2 "100;1;normal;3;0;" r.csv > got.txt
  cmp -s want.txt got.txt || fail "Swedish CSV: $(cat -A got.txt)"
  printf "SN;0;total;;0;\"Soc${r}]0;x${r}${r}2J\tT\";100,00;" > want.txt
  grep -qaF "$(cat want.txt)" r.csv || fail "Swedish CSV: the name with controls: $(cat -A r.csv)"
  # --csv-style machine: for programs, text as it is (RFC 4180 quoting only)
  expect_exit 0 "$TERTIAL" report h.db --point T1 -o m.csv --csv-style machine
  printf "100,1,normal,3,0,=cmd|' /C calc'!A0,1243.50,0.00,-1243.50,0.00,,1243.50,-1243.50,0.00\r\n200,1,normal,3,0,@SUM(1+1),100.00,0.00,-100.00,0.00,,100.00,-100.00,0.00\r\n300,1,normal,3,0,-1+2,-1243.50,0.00,1243.50,0.00,,-1243.50,1243.50,0.00\r\n" > want.txt
  grep -aF -A2 "100,1,normal,3,0," m.csv > got.txt
  cmp -s want.txt got.txt || fail "machine CSV: $(cat -A got.txt)"
  head -c 3 m.csv | cmp -s - <(printf 'Soc') || fail "the machine CSV starts with a BOM"
  expect_exit 0 "$TERTIAL" report h.db --point T1 -o s.csv --csv-style swedish
  cmp -s r.csv s.csv || fail "--csv-style swedish is not the default"
  expect_exit 64 "$TERTIAL" report h.db --point T1 -o x.csv --csv-style excel
  expect_err "--csv-style is swedish or machine"
  expect_exit 64 "$TERTIAL" report h.db --point T1 -o x.json --csv-style machine
  expect_err "--csv-style needs -o FILE.csv"
  [ -e x.csv ] || [ -e x.json ] && fail "a refused report wrote a file"
  # A TSV listing: a reason with TAB, CR, LF and ESC stays one line of six fields.
  expect_exit 0 "$TERTIAL" forecast h.db --point T1 --adjust "$(printf '100;KOST_PERS;1000;a\tb\rc\nd\033[2Je')" --list
  printf "1\t100\tKOST_PERS\t1 000\tknown\ta${r}b${r}c${r}d${r}[2Je\n" > want.txt
  cmp -s want.txt last.out || fail "forecast --list: $(cat -A last.out)"
  ;;
files)
  # Reports honour the umask, keep a replaced file's mode, write through a symbolic link, and a
  # writer killed mid-write leaves no temporary behind after the next write.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  (umask 027 && "$TERTIAL" report demo.db --point T1 -o new.json) || fail "report -o new.json"
  [ "$(stat -c %a new.json)" = 640 ] || fail "umask 027: new.json has mode $(stat -c %a new.json)"
  (umask 027 && "$TERTIAL" report demo.db --point T1 -o new.xlsx) || fail "report -o new.xlsx"
  [ "$(stat -c %a new.xlsx)" = 640 ] || fail "umask 027: new.xlsx has mode $(stat -c %a new.xlsx)"
  echo old > kept.csv
  chmod 600 kept.csv
  expect_exit 0 "$TERTIAL" report demo.db --point T1 -o kept.csv
  [ "$(stat -c %a kept.csv)" = 600 ] || fail "a replaced 0600 file has mode $(stat -c %a kept.csv)"
  grep -q "^key_figures\|Nyckeltal" kept.csv || fail "kept.csv was not replaced"
  mkdir real
  echo old > real/target.csv
  ln -s real/target.csv link.csv
  expect_exit 0 "$TERTIAL" report demo.db --point T1 -o link.csv
  [ -L link.csv ] || fail "link.csv is no longer a symbolic link"
  [ "$(readlink link.csv)" = real/target.csv ] || fail "link.csv points elsewhere: $(readlink link.csv)"
  grep -q "Nyckeltal" real/target.csv || fail "the link's target was not written"
  ln -s real/missing.csv dangling.csv
  expect_exit 3 "$TERTIAL" report demo.db --point T1 -o dangling.csv
  expect_err "dangling.csv is a symbolic link to a missing file"
  [ -e real/missing.csv ] && fail "a dangling link was written through"
  # A temporary of a killed writer (its process gone) is removed by the next write of the file.
  sh -c 'exit 0' &
  dead=$!
  wait "$dead"
  echo half > ".kept.csv.tertial-$dead-abcdef"
  expect_exit 0 "$TERTIAL" report demo.db --point T1 -o kept.csv
  [ -e ".kept.csv.tertial-$dead-abcdef" ] && fail "the stale temporary is still there"
  [ "$(ls -A | grep -c tertial-)" = 0 ] || fail "temporaries left: $(ls -A)"
  ;;
round-demo)
  # The demo's round at JANOKT, as tertial init --demo stores it: progress per level and what is
  # late on 2026-11-10 (everyone's and one person's), read without changing the store.
  expect_exit 0 "$TERTIAL" init demo.db --demo -v
  expect_err "the demo's round at JANOKT: 297 people"
  before=$(sha256sum demo.db)
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --progress
  cat > want.txt <<'OUT'
kommun: 0 of 1 units submitted (0 approved), 0 returned, 0 in progress, 1 not started
nämnd: 4 of 8 units submitted (1 approved), 0 returned, 0 in progress, 4 not started
förvaltning: 4 of 8 units submitted (4 approved), 0 returned, 0 in progress, 4 not started
sektor/avdelning: 16 of 20 units submitted (16 approved), 0 returned, 0 in progress, 4 not started
verksamhet: 52 of 56 units submitted (52 approved), 0 returned, 0 in progress, 4 not started
enhet: 204 of 208 units submitted (204 approved), 1 returned, 1 in progress, 2 not started
OUT
  diff -u want.txt last.out >&2 || fail "round --progress"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --late 2026-11-10
  [ "$(wc -l < last.out)" = 12 ] || fail "12 late expected: $(cat last.out)"
  grep -qxF "$(printf '2026-11-03\t2111\tEnhet 1.1.1\tsubmit\treturned\tlate')" last.out || fail "2111 not late"
  grep -qxF "$(printf '2026-11-03\t5223\tEnhet 2.2.3\tsubmit\tnot started\tlate')" last.out || fail "5223 not late"
  grep -qxF "$(printf '2026-11-09\t72\tAvdelning 2\tsubmit\tnot started\tlate')" last.out || fail "72 not late"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --late 2026-11-04 --person chef5223
  [ "$(cat last.out)" = "$(printf '2026-11-03\t5223\tEnhet 2.2.3\tsubmit\tnot started\tlate')" ] ||
    fail "chef5223's late list: $(cat last.out)"
  # due on its deadline: listed, not late
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --due 2026-11-03 --person chef5223
  [ "$(cat last.out)" = "$(printf '2026-11-03\t5223\tEnhet 2.2.3\tsubmit\tnot started\tdue')" ] ||
    fail "chef5223's due list: $(cat last.out)"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unit 3
  head -1 last.out | grep -qxF "3 Socialnämnden: approved, escalated (v3, kd, 2026-11-10T07:00:00Z): Underskottet kan inte täckas inom Socialnämndens ram i år; nämnden redovisar en åtgärdsplan till kommunstyrelsen." ||
    fail "Socialnämnden's status: $(head -1 last.out)"
  [ "$(wc -l < last.out)" = 59 ] || fail "Socialnämnden's subtree has $(wc -l < last.out) lines"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unit 2111
  [ "$(cat last.out)" = "2111 Enhet 1.1.1: returned (v2, chef21, 2026-11-02T07:36:00Z): Prognosen för bemanningen saknar underlag: komplettera analysen." ] ||
    fail "2111's status: $(cat last.out)"
  [ "$(sha256sum demo.db)" = "$before" ] || fail "reading the round changed the store"
  # the report carries the round's texts and status of the unit at its point
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o r.json
  grep -qF '{"kind":"texts","title":"Kommentarer",' r.json || fail "r.json has no texts section"
  grep -qF '"cells":["Sammanfattning",null,null,"Eva Andersson","2026-11-02","Socialnämnden prognostiserar ett underskott mot budget för helåret. Underskottet finns inom individ- och familjeomsorgen, där placeringarna av barn och unga på HVB-hem har ökat sedan våren. Övriga verksamheter håller i stort sin budget."]' r.json ||
    fail "r.json lacks Socialnämnden's summary"
  grep -qF '"cells":["Status",null,"Godkänd, eskalerad till nästa nivå","Karin Lind","2026-11-10",' r.json ||
    fail "r.json lacks Socialnämnden's status"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 3 -o t2.json
  grep -qF '"kind":"texts"' t2.json && fail "a point without texts has a texts section"
  expect_exit 2 "$TERTIAL" round demo.db --point NOPE
  expect_err 'unknown follow-up point "NOPE"'
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --late 2026-11-10 --person nobody
  expect_err 'unknown person "nobody"'
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --late 2026-02-30
  expect_err "--late 2026-02-30: expected a date"
  expect_exit 64 "$TERTIAL" round demo.db
  expect_err "--point is required"
  expect_exit 64 "$TERTIAL" round demo.db --point JANOKT --submit 5223
  expect_err "--as PERSON is required"
  expect_exit 64 "$TERTIAL" round demo.db --point JANOKT --person kd
  expect_err "--person goes with --due or --late"
  expect_exit 64 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --lock --as ekonom1
  expect_err "one change at a time"
  ;;
round-status)
  # Submit, approve, return and lock as the right and the wrong person: exit 4 with the message
  # naming the person, the action and the unit; state errors exit 2; the store keeps what was
  # allowed (read back by another process) and the audit trail records it.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --as chef3111
  expect_err "chef3111 (Per Ek) may not submit 5223 (Enhet 2.2.3) at follow-up point JANOKT: no role on the unit or above it"
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --as revisor
  expect_err "revisor (Rut Berglund) may not submit"
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --submit 522 --as chef522
  expect_err "522 cannot be submitted at JANOKT before its children: 1 not submitted: 5223 (Enhet 2.2.3) not started"
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --as nobody
  expect_err 'unknown person "nobody"'
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --submit 9999 --as chef5223
  expect_err 'unknown unit "9999"'
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --as chef5223 --comment "Klar."
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unit 5223
  grep -q "^5223 Enhet 2.2.3: submitted (v1, chef5223, .*): Klar.$" last.out || fail "5223 not submitted: $(cat last.out)"
  # a submitted unit's items are read-only, and only a head above approves
  echo "Sent" | "$TERTIAL" text demo.db --point JANOKT --unit 5223 --set - --as chef5223 2> last.err
  [ $? = 4 ] || fail "a submitted unit's text was changed"
  expect_err "the unit is submitted there"
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --approve 5223 --as chef5223
  expect_err "chef5223 (Erik Ek) may not approve 5223 (Enhet 2.2.3) at follow-up point JANOKT: only a head of a unit above it may"
  # the status version read: a stale one is a conflict
  expect_exit 5 "$TERTIAL" round demo.db --point JANOKT --approve 5223 --as chef52 --version 0
  expect_err "status"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --approve 5223 --as chef52 --version 1
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unit 5223
  grep -q "^5223 Enhet 2.2.3: approved (v2, chef52, " last.out || fail "5223 not approved: $(cat last.out)"
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --return 5223 --as chef52
  expect_err "comment"
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --return 5223 --as chef5223 --comment "Nej"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --return 5223 --as chef52 --comment "Komplettera."
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unit 5223
  grep -q "^5223 Enhet 2.2.3: returned (v3, chef52, .*): Komplettera.$" last.out || fail "5223 not returned: $(cat last.out)"
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --return 2111 --as chef21 --comment "Igen"
  expect_err "2111 is returned at JANOKT"
  # an economist enters for a manager, recorded; never directly
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --submit 4331 --as ekonom1
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --submit 4331 --as ekonom1 --for chef4331
  expect_exit 0 "$TERTIAL" log demo.db --unit 4331
  tail -1 last.out | cut -f3-10 > got.txt
  printf 'ekonom1\tchef4331\tsubmit\t4331\tJANOKT\tstatus\tin progress\tsubmitted\n' | diff -u - got.txt >&2 ||
    fail "the submission for chef4331 is not in the log"
  # the lock: an economist on the root only; then everything at the point is refused
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --lock --as chef3
  expect_err "chef3 (Eva Andersson) may not lock or unlock at follow-up point JANOKT: only an economist assigned on a root may"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --lock --as ekonom1
  expect_exit 4 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --as chef5223
  expect_err "follow-up point JANOKT is locked since"
  echo "Låst" | "$TERTIAL" text demo.db --point JANOKT --unit 7221 --set - --as chef7221 2> last.err
  [ $? = 4 ] || fail "a text was changed at a locked point"
  expect_err "follow-up point JANOKT is locked since"
  expect_exit 2 "$TERTIAL" round demo.db --point JANOKT --lock --as ekonom1
  expect_err "already locked"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unlock --as ekonom2
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --submit 5223 --as chef5223
  expect_exit 0 "$TERTIAL" log demo.db --person ekonom2
  [ "$(cut -f3,5,7,9,10 last.out)" = "$(printf 'ekonom2\tlock\tJANOKT\tlocked\topen')" ] ||
    fail "the unlock in the log: $(cat last.out)"
  ;;
round-text)
  # Texts: set from stdin and from a file, show, history; invalid UTF-8 exit 2 and nothing
  # changes; a secretary sets the committee's texts; and a same-item race of two processes that
  # both read version N: exactly one saves, the other exits 5, and no saved text is lost.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 3 --kind comment --row KOST_KOP
  [ "$(cat last.out)" = "Fler placeringar på HVB-hem för barn och unga än budgeterat, i genomsnitt fyra fler än i fjol." ] ||
    fail "the demo's row comment: $(cat last.out)"
  expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis
  [ -s last.out ] && fail "a text that does not exist printed: $(cat last.out)"
  expect_err "no analysis of 4331 at JANOKT yet"
  printf 'Prognosen vilar på två vakanser.\nRad två.\n' |
    "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --set - --as chef4331 -v > /dev/null 2> last.err
  [ $? = 0 ] || fail "text from stdin: $(cat last.err)"
  expect_err "version 1, as chef4331"
  expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis
  printf 'Prognosen vilar på två vakanser.\nRad två.\n' | diff -u - last.out >&2 || fail "the text read back"
  printf 'bad \xff text\n' > bad.txt
  expect_exit 2 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --set bad.txt --as chef4331
  expect_err "bad.txt: the text is not UTF-8 (nothing was changed)"
  printf 'bad \xc3\n' | "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --set - --as chef4331 2> last.err
  [ $? = 2 ] || fail "invalid UTF-8 from stdin was not exit 2"
  expect_err "the standard input: the text is not UTF-8"
  expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --history
  [ "$(wc -l < last.out)" = 1 ] || fail "a refused text made a version: $(cat last.out)"
  # the committee's secretary, and the wrong people
  echo "Nämndens sammanfattning." > s.txt
  expect_exit 4 "$TERTIAL" text demo.db --point JANOKT --unit 3 --set s.txt --as sekr3
  expect_err "the unit is approved there"
  expect_exit 4 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --set s.txt --as sekr3
  expect_err "sekr3 (Sofia Wall) may not change the texts of 4331"
  expect_exit 2 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind comment --row NO_SUCH_ROW --set s.txt --as chef4331
  expect_exit 64 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --set s.txt
  expect_err "--as PERSON is required with --set"
  expect_exit 64 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind comment
  expect_exit 64 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind poem
  # the race: both processes read version 1 (--version 1) and write; whatever the order, one
  # saves version 2, the other is a conflict naming the text and who changed it
  echo "Text A" > a.txt
  echo "Text B" > b.txt
  for r in 1 2 3 4 5 6; do
    v=$((r))
    "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --set a.txt --version "$v" --as chef4331 2> a.err &
    pa=$!
    "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --set b.txt --version "$v" --as chef4331 2> b.err &
    pb=$!
    wait "$pa"
    sa=$?
    wait "$pb"
    sb=$?
    case "$sa $sb" in
    "0 5") winner="Text A" loser=b ;;
    "5 0") winner="Text B" loser=a ;;
    *) fail "race $r: exits $sa and $sb, expected one 0 and one 5: $(cat a.err b.err)"; continue ;;
    esac
    # the store's check (both read before either wrote) or the round's (the loser read after)
    grep -qE "text analysis of 4331 (\(Enhet 3\.3\.1\) )?at JANOKT was changed by chef4331 \(Maria Andersson\)" $loser.err ||
      fail "race $r: the conflict's message: $(cat $loser.err)"
    expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis
    [ "$(cat last.out)" = "$winner" ] || fail "race $r: the text is '$(cat last.out)', not '$winner'"
  done
  expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --history
  [ "$(cut -f1 last.out | tr '\n' ' ')" = "1 2 3 4 5 6 7 " ] || fail "the versions: $(cat last.out)"
  expect_exit 0 "$TERTIAL" log demo.db --unit 4331
  [ "$(grep -c "$(printf '\ttext analysis\t')" last.out)" = 7 ] || fail "7 text changes in the log: $(cat last.out)"
  ;;
round-people)
  # Import people into an empty directory without --as, the next import as an economist, an
  # import with an error line (nothing changes), assign and unassign roles, the list.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" init empty.db --year 2026
  printf 'key;name;email\nanna;Anna Berg;anna@example.se\nbo;Bo Ek;\n' > first.csv
  expect_exit 0 "$TERTIAL" people empty.db --import first.csv
  expect_exit 0 "$TERTIAL" people empty.db
  printf 'anna\tAnna Berg\tanna@example.se\t\nbo\tBo Ek\t\t\n' | diff -u - last.out >&2 || fail "the first import"
  expect_exit 64 "$TERTIAL" people empty.db --import first.csv
  expect_err "--as PERSON is required"
  printf 'key;name;email;role;unit\nny1;Ny Person;ny1@example.se;manager;3111\nny2;Nisse Ny;;budgetansvarig;3112\nny3;Fel Roll;;kock;3113\n' > bad.csv
  expect_exit 2 "$TERTIAL" people demo.db --import bad.csv --as ekonom1
  expect_err "bad.csv:4:"
  expect_exit 0 "$TERTIAL" people demo.db
  [ "$(wc -l < last.out)" = 297 ] || fail "a failed import added people"
  head -3 bad.csv > good.csv
  expect_exit 4 "$TERTIAL" people demo.db --import good.csv --as chef3
  expect_exit 0 "$TERTIAL" people demo.db --import good.csv --as ekonom1 -v
  expect_err "good.csv: 2 people added, 299 in the directory"
  expect_exit 0 "$TERTIAL" people demo.db --list
  grep -qxF "$(printf 'ny2\tNisse Ny\t\tmanager:3112')" last.out || fail "ny2 not listed: $(tail -3 last.out)"
  expect_exit 0 "$TERTIAL" people demo.db --assign "ny2;head;31" --unassign "ny2;manager;3112" --as ekonom2
  expect_exit 0 "$TERTIAL" people demo.db
  grep -qxF "$(printf 'ny2\tNisse Ny\t\thead:31')" last.out || fail "ny2's roles: $(grep ny2 last.out)"
  expect_exit 4 "$TERTIAL" people demo.db --assign "ny1;head;3" --as chef3
  expect_err "chef3 (Eva Andersson) may not manage people and roles"
  expect_exit 2 "$TERTIAL" people demo.db --assign "ny1;kock;3" --as ekonom1
  expect_err 'unknown role "kock"'
  expect_exit 2 "$TERTIAL" people demo.db --assign "ny1;head" --as ekonom1
  expect_err "expected KEY;ROLE;UNIT"
  expect_exit 2 "$TERTIAL" people demo.db --unassign "ny1;head;3" --as ekonom1
  expect_exit 64 "$TERTIAL" people demo.db --assign "ny1;head;3"
  # who changed the directory, in the log
  expect_exit 0 "$TERTIAL" log demo.db --person ekonom2
  printf 'ekonom2\t\tpeople\t\t\trole\t\tny2 head 31\nekonom2\t\tpeople\t\t\trole\tny2 manager 3112\t\n' > want.txt
  cut -f3- last.out | diff -u want.txt - >&2 || fail "the roles' changes in the log"
  expect_exit 0 "$TERTIAL" log demo.db --person ekonom1
  grep -qF "$(printf 'people import\t\t2 people, 2 roles from the import')" last.out || fail "the import in the log: $(cat last.out)"
  ;;
round-log)
  # The audit trail of the demo's round, by unit, subtree, person, point and days (UTC).
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" log demo.db -v
  [ "$(wc -l < last.out)" = 565 ] || fail "565 changes expected, got $(wc -l < last.out)"
  expect_err "565 of 565 changes"
  expect_exit 0 "$TERTIAL" log demo.db --unit 2111
  cat > want.txt <<'OUT'
21	2026-11-02T07:34:00Z	chef2111		submit	2111	JANOKT	status	not started	submitted
22	2026-11-02T07:36:00Z	chef21		return	2111	JANOKT	status	submitted	returned: Prognosen för bemanningen saknar underlag: komplettera analysen.
OUT
  diff -u want.txt last.out >&2 || fail "log --unit 2111"
  expect_exit 0 "$TERTIAL" log demo.db --unit 21 --subtree
  [ "$(wc -l < last.out)" = 46 ] || fail "log --unit 21 --subtree: $(wc -l < last.out) lines"
  [ "$(cut -f6 last.out | grep -cv '^21')" = 0 ] || fail "log --subtree left the subtree"
  expect_exit 0 "$TERTIAL" log demo.db --since 2026-11-09 --until 2026-11-09
  [ "$(cut -f1 last.out | tr '\n' ' ')" = "561 562 563 564 " ] || fail "log of 2026-11-09: $(cat last.out)"
  expect_exit 0 "$TERTIAL" log demo.db --since 2026-11-10 --until 2026-11-10
  [ "$(cut -f1 last.out | tr '\n' ' ')" = "565 " ] || fail "log of 2026-11-10: $(cat last.out)"
  grep -qF "$(printf '565\t2026-11-10T07:00:00Z\tkd\t\tapprove\t3\tJANOKT\tstatus\tsubmitted\tapproved (escalated): ')" last.out ||
    fail "the escalation is not logged: $(cat last.out)"
  expect_exit 0 "$TERTIAL" log demo.db --until 2026-11-01
  [ -s last.out ] && fail "changes before the round started: $(head -2 last.out)"
  expect_exit 0 "$TERTIAL" log demo.db --person chef21
  [ "$(wc -l < last.out)" = 23 ] || fail "chef21's changes: $(wc -l < last.out)"
  [ "$(cut -f3 last.out | sort -u)" = chef21 ] || fail "another person in chef21's log"
  expect_exit 0 "$TERTIAL" log demo.db --point T2
  [ -s last.out ] && fail "changes at T2: $(head -2 last.out)"
  expect_exit 0 "$TERTIAL" log demo.db --point JANOKT --unit 3
  [ "$(cut -f8 last.out | tr '\n' ' ')" = "text summary status text analysis text comment KOST_KOP status status " ] ||
    fail "Socialnämnden's changes: $(cut -f8 last.out)"
  expect_exit 2 "$TERTIAL" log demo.db --point NOPE
  expect_exit 2 "$TERTIAL" log demo.db --person nobody
  expect_err 'unknown person "nobody"'
  expect_exit 2 "$TERTIAL" log demo.db --since 2026-13-01
  expect_exit 64 "$TERTIAL" log demo.db --subtree
  ;;
round-model)
  # Changes of the model as a person: checked by the round, written change by change with their
  # audit entries; refused ones (exit 4) change nothing; without --as a locked point refuses too.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --as chef2111 -a "2111;KOST_PERS;150 000;Vikarier vid sjukdom"
  expect_exit 4 "$TERTIAL" forecast demo.db --point JANOKT --as chef3111 -a "3111;KOST_KOP;1;x"
  expect_err "chef3111 (Per Ek) may not change the forecast of 3111 (Enhet 1.1.1) at follow-up point JANOKT: the unit is approved there"
  expect_exit 4 "$TERTIAL" forecast demo.db --point JANOKT --as chef2111 -a "2112;KOST_KOP;1;x"
  expect_err "no role on the unit or above it"
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --as ekonom1 --for chef2111 --method "2111;KOST_PERS;linear"
  expect_exit 0 "$TERTIAL" measures demo.db --as chef2111 --point JANOKT \
    --add "2111;KOST_PERS;Färre vikarier;Sjukfrånvaro;50 000;Längre väntetid;2026-12-01"
  n=$("$TERTIAL" measures demo.db | wc -l)
  expect_exit 0 "$TERTIAL" measures demo.db --as chef2111 --point JANOKT --status "$n;decided;Beslut 3/11" --feed "$n"
  expect_exit 0 "$TERTIAL" accruals demo.db --as chef2111 --point JANOKT --add "2111;5010;2026-10;12 000;Sen faktura"
  expect_exit 64 "$TERTIAL" measures demo.db --as chef2111 --add "2111;KOST_PERS;x;y;1;z;2026-12-01"
  expect_err "--as needs --point"
  expect_exit 64 "$TERTIAL" accruals demo.db --point JANOKT --add "2111;5010;2026-10;1;x"
  expect_exit 64 "$TERTIAL" forecast demo.db --point JANOKT --for chef2111 -a "2111;KOST_PERS;1;x"
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --as nobody -a "2111;KOST_PERS;1;x"
  expect_err 'unknown person "nobody"'
  expect_exit 0 "$TERTIAL" log demo.db --unit 2111 --since 2026-11-03
  cut -f3-11 last.out | sed 's/\t$//' > got.txt
  cat > want.txt <<'OUT'
chef2111		forecast	2111	JANOKT	adjustment 0		KOST_PERS 150 000 kr known factor: Vikarier vid sjukdom
chef2111		forecast	2111	JANOKT	status	returned	in progress
ekonom1	chef2111	forecast	2111	JANOKT	method	remaining-budget	KOST_PERS linear
chef2111		measure	2111	JANOKT	measure 1		KOST_PERS: Färre vikarier, effect 50 000 kr
chef2111		measure	2111	JANOKT	measure 1	proposed	decided: Beslut 3/11
chef2111		measure	2111	JANOKT	measure 1	not in the forecast	in the forecast
chef2111		accrual	2111	JANOKT	accrual 0		5010 month 10 12 000 kr: Sen faktura
OUT
  diff -u want.txt got.txt >&2 || fail "the audit trail of 2111's changes"
  # what was written is what a new process reads
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --list
  grep -qF "$(printf '2111\tKOST_PERS\t150 000\tknown\tVikarier vid sjukdom')" last.out || fail "adjustment: $(cat last.out)"
  grep -qF "$(printf '2111\tKOST_PERS\t-50 000\tplanned\tFärre vikarier')" last.out || fail "fed measure: $(cat last.out)"
  expect_exit 0 "$TERTIAL" accruals demo.db
  grep -qF "$(printf '2111\t5010\t2026-10\t12 000\tSen faktura')" last.out || fail "accrual: $(cat last.out)"
  # a locked point refuses everyone, with --as or without
  expect_exit 0 "$TERTIAL" round demo.db --point T2 --lock --as ekonom1
  expect_exit 4 "$TERTIAL" forecast demo.db --point T2 -a "2111;KOST_PERS;1;y"
  expect_err "follow-up point T2 is locked since"
  expect_exit 4 "$TERTIAL" forecast demo.db --point T2 --as chef2111 -a "2111;KOST_PERS;1;y"
  expect_exit 4 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  expect_exit 0 "$TERTIAL" round demo.db --point T2 --unlock --as ekonom1
  # eight managers at once, each on their own unit at T2: every change kept, none conflicts
  before=$("$TERTIAL" log demo.db | wc -l)
  pids=()
  for u in 2111 2112 2113 2114 2115 2121 2122 2123; do
    ( for k in 1 2 3 4 5; do
        "$TERTIAL" forecast demo.db --point T2 --as "chef$u" -a "$u;KOST_PERS;$k 000;Ändring $k" > /dev/null 2>> "err.$u" ||
          echo "exit $? at change $k" >> "err.$u"
      done ) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  cat err.* > errs.txt 2> /dev/null
  [ -s errs.txt ] && fail "concurrent managers: $(cat errs.txt)"
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --list
  [ "$(grep -c 'Ändring' last.out)" = 40 ] || fail "40 adjustments expected: $(grep -c 'Ändring' last.out)"
  after=$("$TERTIAL" log demo.db | wc -l)
  [ $((after - before)) = 48 ] || fail "48 audit entries expected (40 changes, 8 moves), got $((after - before))"
    # the economist freezes JANOKT; a manager may not; then the frozen point refuses changes (T2's too: the plan
  # is frozen up to the latest frozen point)
  expect_exit 4 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10 --as chef2111
  expect_exit 0 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10 --as ekonom1
  expect_exit 2 "$TERTIAL" forecast demo.db --point JANOKT --as chef2111 -a "2111;KOST_PERS;1;y"
  expect_err "was frozen on 2026-11-10"
  expect_exit 2 "$TERTIAL" forecast demo.db --point T2 --as chef2112 -a "2112;KOST_PERS;1;y"
  ;;
docx)
  # The committee's Word document: written (a zip with the document and the texts), the same
  # bytes with a fixed date, --depth chooses the chapters; the options' usage errors; a PDF
  # without LibreOffice on PATH says so and exits 3, leaving nothing behind.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o sn.docx --created 2026-11-12 --author "Eva Andersson"
  [ "$(head -c 2 sn.docx)" = PK ] || fail "sn.docx is not a zip"
  /usr/bin/python3 - sn.docx > doc.txt <<'PY' || fail "sn.docx cannot be read"
import re, sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
for style, text in re.findall(r'<w:pStyle w:val="(Heading[12]|Title)"/></w:pPr><w:r><w:t xml:space="preserve">([^<]*)<', doc):
    print(style, text)
print("author", "Eva Andersson" in doc, "date", ">2026-11-12<" in doc)
PY
  grep -qxF "Title Socialnämnden" doc.txt || fail "no title: $(cat doc.txt)"
  grep -qxF "Heading2 Sammanfattning" doc.txt || fail "no Sammanfattning: $(cat doc.txt)"
  grep -qxF "author True date True" doc.txt || fail "the title block: $(cat doc.txt)"
  # the default depth for a document is 1: Socialnämnden and Socialförvaltningen
  [ "$(grep -c '^Heading1 ' doc.txt)" = 2 ] || fail "depth 1: $(grep '^Heading1' doc.txt)"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o again.docx --created 2026-11-12 --author "Eva Andersson"
  cmp -s sn.docx again.docx || fail "two runs with --created differ"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o d0.docx --depth 0
  /usr/bin/python3 -c 'import sys, zipfile; d = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode(); print(d.count("<w:pStyle w:val=\"Heading1\"/>"))' d0.docx > h1.txt
  [ "$(cat h1.txt)" = 1 ] || fail "--depth 0: $(cat h1.txt) chapters"
  # --depth for the other files too: a sheet per unit of the committee and its administration
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 --depth 1 -o sn.json
  /usr/bin/python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["children"]))' sn.json > n.txt
  [ "$(cat n.txt)" = 1 ] || fail "--depth 1 in JSON: $(cat n.txt) children"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --depth 2
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --depth -1 -o x.docx
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --author X -o x.xlsx
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --created 2026-02-30 -o x.docx
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o x.odt
  expect_err ".docx or .pdf"
  # no soffice on PATH: exit 3, the message names LibreOffice and the .docx alternative
  mkdir nobin
  expect_exit 3 env PATH="$work/nobin" "$TERTIAL" report demo.db --point JANOKT --unit 3 -o sn.pdf
  expect_err "LibreOffice (soffice)"
  expect_err "-o FILE.docx"
  [ -e sn.pdf ] && fail "a PDF was written without LibreOffice"
  [ -z "$(ls -A | grep tertial-pdf)" ] || fail "a temporary folder is left: $(ls -A)"
  ;;
goals)
  # The demo's goal tree at a point, the red thread, a status set as a person through the round,
  # the indicators and the volumes' early warning.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" goals demo.db --point JANOKT
  grep -qF "$(printf '    nämndmål\tSN1\tPlaceringarna på HVB ska inte öka\t3\tej uppfyllt')" last.out ||
    fail "SN1 not met: $(cat last.out)"
  grep -qF "$(printf 'styrtal PLAC\tPlaceringar på HVB, barn och unga\t126\tst\tmål 120\tröd\tföregående 125\tfg år 120')" \
    last.out || fail "PLAC at JANOKT: $(cat last.out)"
  grep -qF "$(printf 'styrtal SJUK\tSjukfrånvaro\t6,0\t%%\tmål 6,0\tgrön')" last.out || fail "SJUK: $(cat last.out)"
  [ "$(grep -c . last.out)" = 16 ] || fail "16 lines expected: $(cat last.out)"
  golden goals-JANOKT.txt last.out
  expect_exit 0 "$TERTIAL" indicators demo.db --point JANOKT --unit 3 --warnings
  golden indicators-JANOKT-3-warnings.txt last.out
  expect_exit 0 "$TERTIAL" goals demo.db --point JANOKT --thread SN1.1
  [ "$(cut -f2 last.out | grep -v '^Placeringar' | tr '\n' ' ')" = "S1 KF1 SN1 SN1.1 SN1.1.1 SN1.1.2 " ] ||
    fail "red thread: $(cat last.out)"
  expect_exit 0 "$TERTIAL" goals demo.db --point JANOKT --unit 3
  grep -qF "Måluppfyllelse nämndmål, 3: 1 uppfyllda, 0 delvis, 1 ej uppfyllda, 0 ej påbörjade" last.out ||
    fail "attainment: $(cat last.out)"
  # set as a person: a reason is needed against the proposal; read-only once approved; a stale version conflicts
  expect_exit 4 "$TERTIAL" goals demo.db --point JANOKT --set "SN1.1;partly-met;x;y" --as chef31
  expect_err "the unit is approved there"
  expect_exit 2 "$TERTIAL" goals demo.db --point T2 --set "SN1.1;partly-met;Två jourhem klara" --as chef31
  expect_err 'the indicators propose "ej påbörjat"; setting "delvis uppfyllt" needs a reason'
  expect_exit 0 "$TERTIAL" goals demo.db --point T2 --set "SN1.1;delvis-uppfyllt;Två jourhem klara;Två av fem familjer" \
    --as chef31
  expect_exit 5 "$TERTIAL" goals demo.db --point T2 --set "SN1.1;not-met;Nej" --as chef31 --version 0
  expect_exit 4 "$TERTIAL" goals demo.db --point T2 --set "SN1;met;x;y" --as chef2111
  expect_exit 64 "$TERTIAL" goals demo.db --point T2 --set "SN1;met;x"
  expect_exit 2 "$TERTIAL" goals demo.db --point T2 --set "SN1;maybe;x" --as chef3
  expect_exit 0 "$TERTIAL" goals demo.db --point T2 --history SN1.1
  grep -qF "$(printf '1\tdelvis uppfyllt\tej påbörjat\tchef31\t')" last.out || fail "history: $(cat last.out)"
  expect_exit 0 "$TERTIAL" log demo.db --unit 31 --point T2
  grep -qF "$(printf 'goal\t31\tT2\tgoal SN1.1\t\tdelvis uppfyllt: Två jourhem klara (proposed: ej påbörjat; Två av fem familjer)')" \
    last.out || fail "log: $(cat last.out)"
  expect_exit 0 "$TERTIAL" indicators demo.db --point JANOKT --unit 3
  grep -qF "$(printf 'NKI\tBrukarbedömning, helhetssyn\t-\tindex\tmål 75\t-')" last.out || fail "NKI: $(cat last.out)"
  expect_exit 0 "$TERTIAL" indicators demo.db --point JANOKT --unit 3 --warnings
  grep -qF "$(printf '3\tSocialnämnden\tPLAC\tvolym 126\tbudget 120\ttrend dec 127\tVARNING\tkostnad/brukare 95 208 kr\tkonsekvens 1 346 758 kr')" \
    last.out || fail "the warning: $(head -3 last.out)"
  expect_exit 64 "$TERTIAL" indicators demo.db
  expect_exit 2 "$TERTIAL" goals demo.db --point JANOKT --thread NOPE
  # indicator values from a file, as an HR or social-care system exports them
  printf 'Indikator;Enhet;Period;Värde;Källa\nSJUK;3111;2026-11;5,4;HR-systemet nov\nSJUK;3112;202611;6,1;\nPLAC;3111;november;4;\n' \
    > varden.csv
  expect_exit 0 "$TERTIAL" import demo.db varden.csv --kind indicators --dry-run
  grep -qF "3 values to be changed, 0 unchanged" last.out || fail "dry run: $(cat last.out)"
  expect_exit 0 "$TERTIAL" import demo.db varden.csv --kind indicators
  expect_exit 0 "$TERTIAL" import demo.db varden.csv --kind indicators
  grep -qF "0 values changed, 3 unchanged" last.out || fail "re-import: $(cat last.out)"
  expect_exit 0 "$TERTIAL" indicators demo.db --point BOKSLUT --unit 3111
  grep -qF "$(printf 'SJUK\tSjukfrånvaro\t-\t%%\tmål 6,0\t-\tföregående 5,4')" last.out || fail "imported: $(cat last.out)"
  printf 'Indikator;Enhet;Period;Värde\nSJUK;3111;2026-11;5,45\nNOPE;3111;2026-11;1\nSJUK;3111;2026-13;1\n' > bad.csv
  expect_exit 2 "$TERTIAL" import demo.db bad.csv --kind indicators
  expect_err 'bad.csv:2:4: column "Värde": expected a number with at most 1 decimal (e.g. 73,4), found "5,45"'
  expect_err 'bad.csv:3:1: column "Indikator": expected an indicator of the model (tertial indicators), found "NOPE"'
  expect_err 'bad.csv:4:3: column "Period": expected a period yyyymm or yyyy-mm'
  expect_exit 0 "$TERTIAL" import demo.db varden.csv --kind indicators
  grep -qF "0 values changed, 3 unchanged" last.out || fail "the bad file changed values: $(cat last.out)"
  # the workbook of a report gets the styrtal month by month on a sheet of their own
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o goals.xlsx
  /usr/bin/python3 -c 'import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[-1] == "Mål och styrtal", wb.sheetnames
ws = wb["Mål och styrtal"]
assert ws["A5"].value == "Placeringar på HVB, barn och unga (st)" and ws["M5"].value == 126 and ws["M6"].value == 120' \
    goals.xlsx || fail "the goals sheet of report -o .xlsx"
  ;;
report-texts)
  # `tertial report` without -o prints the round's texts of the unit after the tables, wrapped
  # to 100 columns when not on a terminal; user text cannot drive the terminal; a unit without
  # texts at the point gets none.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3
  sed -n '/^Socialnämnden: Kommentarer, /,$p' last.out > texts.out
  [ "$(head -1 texts.out)" = "Socialnämnden: Kommentarer, Januari–oktober" ] || fail "no texts title: $(head -3 texts.out)"
  grep -qx "Sammanfattning — Eva Andersson, 2026-11-02" texts.out || fail "no summary heading"
  grep -qx "Ekonomisk analys och prognos — Eva Andersson, 2026-11-02" texts.out || fail "no analysis heading"
  grep -qx "Kommentar: Köp av verksamhet — Eva Andersson, 2026-11-02" texts.out || fail "no row comment heading"
  grep -qx "Status: Godkänd, eskalerad till nästa nivå — Karin Lind, 2026-11-10" texts.out || fail "no status heading"
  grep -qx "  Fler placeringar på HVB-hem för barn och unga än budgeterat, i genomsnitt fyra fler än i fjol." texts.out ||
    fail "the row comment is not indented on one line"
  # the summary (267 characters) wraps into three lines of at most 100 characters, words whole
  [ "$(sed -n '/^Sammanfattning/,/^$/p' texts.out | grep -c '^  ')" = 3 ] || fail "the summary is not wrapped in three lines"
  longer_than_100 texts.out
  sed -n '/^Sammanfattning/,/^$/p' texts.out | grep '^  ' | tr -d '\n' | grep -q "HVB-hem har ökat sedan våren." ||
    fail "the wrapped summary lost words"
  # a text with an escape sequence, a line break and a long word, from the unit's manager
  printf 'Rad ett \033[31mröd\033[0m.\nRad två: %s slut.\n' "$(printf 'x%.0s' $(seq 1 130))" > t.txt
  expect_exit 0 "$TERTIAL" text demo.db --point JANOKT --unit 4331 --kind analysis --set t.txt --as chef4331
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 4331
  grep -q "$(printf '\033')" last.out && fail "an escape reached the terminal"
  grep -qx "  Rad ett �\[31mröd�\[0m\." last.out || fail "the escape is not shown as U+FFFD: $(grep 'Rad ett' last.out)"
  grep -qx "  Rad två:" last.out || fail "the line break in the text is not kept or the long word not moved"
  [ "$(grep -c '^  xxxx' last.out)" = 2 ] || fail "the 130-character word is not broken at 98 characters"
  sed -n '/: Kommentarer, /,$p' last.out > texts.out
  longer_than_100 texts.out
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 5223
  grep -q "Kommentarer" last.out && fail "a unit without texts printed a texts block"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 3
  grep -q "Kommentarer" last.out && fail "a point without a round printed texts"
  ;;
report-long)
  # `report -o FILE.csv --long`: the facts as one long table (machine style by default) whose
  # outcome of the rows in the result adds up to the report's Ack utfall; usage errors.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o facts.csv --long
  [ "$(head -1 facts.csv)" = "$(printf 'unit,unit_name,parent,path,row,row_label,row_group,in_result,account,month,measure,value\r')" ] ||
    fail "the header: $(head -1 facts.csv)"
  grep -q "^3111,Enhet 1.1.1,311,3/30/31/311/3111,INT_BIDR,Bidrag,INT,1,,2026-01,outcome,-66040.16" facts.csv ||
    fail "no record of 3111's January outcome"
  bad=$(tail -n +2 facts.csv | awk -F, '$10 !~ /^2026-(0[1-9]|1[0-2])$/ || $11 !~ /^(outcome|budget|forecast)$/ ||
    $12 !~ /^-?[0-9]+\.[0-9][0-9]\r$/' | head -3)
  [ -z "$bad" ] || fail "malformed records: $bad"
  grep -q ",2026-11,outcome," facts.csv && fail "outcome after the cut-off"
  # 386 331 tkr: the Ack utfall of `tertial report --point JANOKT --unit 3`
  tkr=$(awk -F, '$8 == 1 && $11 == "outcome" { s += $12 } END { printf "%.0f", s / 1000 }' facts.csv)
  [ "$tkr" = 386331 ] || fail "the outcome adds up to $tkr tkr, not 386331"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o facts-acc.csv --long --accounts
  grep -q "^3111,Enhet 1.1.1,311,3/30/31/311/3111,INT_BIDR,Bidrag,INT,1,3[0-9]*,2026-01,outcome," facts-acc.csv ||
    fail "no outcome record per account"
  tkr=$(awk -F, '$8 == 1 && $11 == "outcome" && $9 != "" { s += $12 } END { printf "%.0f", s / 1000 }' facts-acc.csv)
  [ "$tkr" = 386331 ] || fail "the outcome per account adds up to $tkr tkr, not 386331"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o facts.csv --accounts
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o facts-sv.csv --long --csv-style swedish
  head -1 facts-sv.csv | grep -q "^$(printf '\xef\xbb\xbf')Enhet;Enhetens namn;" || fail "the Swedish header"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --long
  expect_err "--long needs -o FILE.csv"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o facts.json --long
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --compare T2 -o facts.csv --long
  ;;
import)
  # a municipality from its own files: the organisation as Excel writes CSV in Sweden (Windows-1252),
  # the accounts with a UTF-8 BOM, budget and outcome as xlsx from LibreOffice
  fx="$GOLDEN/../../fixtures/import"
  expect_exit 0 "$TERTIAL" init lillby.db --year 2026
  expect_exit 0 "$TERTIAL" import lillby.db "$fx/organisation-excel.csv" --kind organisation
  grep -qF "organisation, 7 rows: 7 units added, 0 updated, 0 unchanged" last.out || fail "org: $(cat last.out)"
  expect_exit 0 "$TERTIAL" import lillby.db "$fx/konton-bom.csv" --kind accounts
  grep -qF "accounts, 5 rows: 5 accounts added, 0 updated, 0 unchanged" last.out || fail "accounts: $(cat last.out)"
  expect_exit 0 "$TERTIAL" import lillby.db "$fx/budget-lo.xlsx" --kind budget
  grep -qF "budget, 5 rows: 60 months changed (+4 080 000,00 kr), 0 unchanged" last.out || fail "budget: $(cat last.out)"
  expect_exit 0 "$TERTIAL" import lillby.db "$fx/utfall-lo.xlsx" --kind outcome
  grep -qF "outcome, 9 rows: 9 months changed (+699 750,50 kr), 0 unchanged" last.out || fail "outcome: $(cat last.out)"
  expect_exit 0 "$TERTIAL" org lillby.db
  golden import-org.txt last.out
  expect_exit 0 "$TERTIAL" report lillby.db --point T1
  golden import-report-T1.txt last.out
  cp last.out report-before.txt
  sum_before=$(sha256sum < lillby.db)
  # importing the same files again changes nothing
  for f in "organisation-excel.csv organisation 0 units added, 0 updated, 7 unchanged" \
           "konton-bom.csv accounts 0 accounts added, 0 updated, 5 unchanged" \
           "budget-lo.xlsx budget 0 months changed (0,00 kr), 60 unchanged" \
           "utfall-lo.xlsx outcome 0 months changed (0,00 kr), 9 unchanged"; do
    set -- $f
    file=$1 kind=$2
    shift 2
    expect_exit 0 "$TERTIAL" import lillby.db "$fx/$file" --kind "$kind"
    grep -qF "$*" last.out || fail "re-import of $file: $(cat last.out)"
  done
  [ "$(sha256sum < lillby.db)" = "$sum_before" ] || fail "a re-import changed the store"
  # a dry run says what would change and saves nothing
  expect_exit 0 "$TERTIAL" import lillby.db "$fx/utfall-blandat.xlsx" --kind outcome --sheet Utfall --dry-run
  grep -qF "outcome, 3 rows (dry run: nothing saved): 3 months to be changed (+23 450,00 kr), 0 unchanged" last.out ||
    fail "dry run: $(cat last.out)"
  [ "$(sha256sum < lillby.db)" = "$sum_before" ] || fail "a dry run changed the store"
  # bad input: every error with its position on stderr, exit 2, the store unchanged
  printf 'Namn;Förälder\nX;K\n' > nocode.csv
  printf 'Kod;Förälder;Namn\nX;K;Ett\nY;NOPE;Två\n' > parent.csv
  printf 'Kod;Förälder\nX;K\nX;KS\n' > dup.csv
  printf 'Kod;Förälder\nA;B\nB;A\n' > cycle.csv
  printf 'Enhet;Konto;Period;Belopp\n6410;4610;202603;12,3,4\n6410;4610;202604;1 000\n' > amount.csv
  printf 'Enhet;Konto;Månad;Belopp\n6410;4610;13;1\n6410;4610;2025-12;1\n' > month.csv
  for f in "nocode.csv organisation nocode.csv:1: no column for the unit code: expected one of" \
           "parent.csv organisation parent.csv:3:2: column \"Förälder\": expected the code of a unit in the file or the organisation, found \"NOPE\"" \
           "dup.csv organisation dup.csv:3:1: column \"Kod\": unit \"X\" is already given on line 2" \
           "cycle.csv organisation cycle.csv:2:2: column \"Förälder\": unit \"A\" is part of a cycle of parents (A -> B -> A)" \
           "amount.csv outcome amount.csv:2:4: column \"Belopp\": expected an amount in kronor" \
           "month.csv outcome month.csv:2:3: column \"Månad\": expected a month of the fiscal year 2026"; do
    set -- $f
    file=$1 kind=$2
    shift 2
    expect_exit 2 "$TERTIAL" import lillby.db "$file" --kind "$kind"
    expect_err "$*"
    expect_err "nothing was imported"
    [ -s last.out ] && fail "$file: a failed import printed a summary"
  done
  expect_exit 2 "$TERTIAL" import lillby.db month.csv --kind outcome
  [ "$(grep -c '^month.csv:' last.err)" = 2 ] || fail "month.csv: two errors expected: $(cat last.err)"
  expect_err 'month.csv:3:3: column "Månad": expected a month of the fiscal year 2026 (1-12, a month'"'"'s name, yyyy-mm or a period yyyymm), found "2025-12"'
  expect_exit 2 "$TERTIAL" import lillby.db "$fx/utfall-blandat.xlsx" --kind outcome --sheet Nej
  expect_err 'no sheet "Nej"; the sheets are "Läs mig", "Utfall"'
  expect_exit 2 "$TERTIAL" import lillby.db "$fx/utfall-blandat.xlsx" --kind outcome
  expect_err 'utfall-blandat.xlsx:Läs mig!1:1: no column for the unit code'
  [ "$(sha256sum < lillby.db)" = "$sum_before" ] || fail "a failed import changed the store"
  expect_exit 0 "$TERTIAL" report lillby.db --point T1
  diff -u report-before.txt last.out >&2 || fail "a failed import changed the report"
  # a revised budget version takes no import; its revision does (--version)
  expect_exit 0 "$TERTIAL" budget lillby.db --revise Budget --name "Budget rev 1" --current
  expect_exit 2 "$TERTIAL" import lillby.db "$fx/budget-lo.xlsx" --kind budget --version Budget
  expect_err 'budget version "Budget" has been revised by "Budget rev 1"; import into the revision'
  printf 'Enhet;Konto;Årsbudget\n6410;4610;1 500 000\n' > rev.csv
  expect_exit 0 "$TERTIAL" import lillby.db rev.csv --kind budget --version "Budget rev 1"
  grep -qF "budget, 1 row: 12 months changed (+300 000,00 kr), 0 unchanged" last.out || fail "rev: $(cat last.out)"
  expect_exit 2 "$TERTIAL" import lillby.db rev.csv --kind budget --version "Budget rev 9"
  expect_err 'no budget version "Budget rev 9"'
  expect_exit 64 "$TERTIAL" import lillby.db rev.csv --kind outcome --version 1
  # people go through the round: the first import into an empty directory, then as an economist
  printf 'Användare;Namn;E-post;Roll;Enhet\r\nekonom1;Eva Ek;eva@lillby.se;economist;K\r\nchef6410;Märta Ek;;manager;6410\r\n' > people.csv
  expect_exit 0 "$TERTIAL" import lillby.db people.csv --kind people
  grep -qF "people.csv: people, 2 rows: 2 people added" last.out || fail "people: $(cat last.out)"
  expect_exit 0 "$TERTIAL" people lillby.db
  grep -qF "chef6410	Märta Ek		manager:6410" last.out || fail "people list: $(cat last.out)"
  expect_exit 64 "$TERTIAL" import lillby.db people.csv --kind people
  expect_err "--as PERSON is required"
  expect_exit 4 "$TERTIAL" import lillby.db people.csv --kind people --as chef6410
  expect_err "may not manage people and roles"
  expect_exit 0 "$TERTIAL" import lillby.db people.csv --kind people --as ekonom1
  grep -qF "people.csv: people, 2 rows: 0 people added" last.out || fail "people again: $(cat last.out)"
  printf 'key;name;role;unit\nny;Ny;manager;6410\n\nx;Y;boss;6410\n' > people-bad.csv
  expect_exit 2 "$TERTIAL" import lillby.db people-bad.csv --kind people --as ekonom1
  expect_err 'people-bad.csv:4: expected a role (manager, head, economist, secretary, reader), found "boss"'
  expect_exit 0 "$TERTIAL" people lillby.db
  [ "$(wc -l < last.out)" = 2 ] || fail "a failed people import changed the directory: $(cat last.out)"
  expect_exit 64 "$TERTIAL" import lillby.db people.csv --kind people --dry-run
  expect_exit 64 "$TERTIAL" import lillby.db parent.csv
  expect_err "--kind is required"
  expect_exit 64 "$TERTIAL" import lillby.db parent.csv --kind people-and-pets
  expect_err 'no kind of table "people-and-pets"'
  expect_exit 3 "$TERTIAL" import lillby.db no-such-file.csv --kind outcome
  ;;
completion)
  # bash completion (tools/completion/tertial.bash): commands, a command's options, --kind's values
  complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _tertial
    printf '%s\n' "${COMPREPLY[@]}"
  }
  . "$GOLDEN/../../../tools/completion/tertial.bash" || fail "the completion script does not load"
  [ "$(complete_words "$TERTIAL" go | tr '\n' ' ')" = "goals " ] || fail "command: $(complete_words "$TERTIAL" go)"
  complete_words "$TERTIAL" i | grep -qx indicators || fail "indicators is not completed"
  complete_words "$TERTIAL" import-sie | grep -qx import-sie || fail "import-sie is not completed"
  complete_words "$TERTIAL" goals --th | grep -qx -- --thread || fail "goals --thread: $(complete_words "$TERTIAL" goals --th)"
  complete_words "$TERTIAL" report --cs | grep -qx -- --csv-style || fail "report --csv-style"
  [ "$(complete_words "$TERTIAL" import db.db f.csv --kind ind | tr '\n' ' ')" = "indicators " ] ||
    fail "--kind values: $(complete_words "$TERTIAL" import db.db f.csv --kind ind)"
  ;;
json)
  # --json of the listing commands: valid JSON, an object per item with the same values as the
  # TSV listing; amounts exact in kronor; user text escaped, never a broken document
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" org demo.db
  cp last.out org.txt
  expect_exit 0 "$TERTIAL" org demo.db --json
  /usr/bin/python3 - last.out org.txt <<'PY' || fail "org --json: $(head -c 300 last.out)"
import json, sys
units = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
assert len(units) == len(lines), (len(units), len(lines))
assert units[0] == {"code": "0", "name": "Exempelkommun", "level": "kommun", "manager": "Karin Lind", "parent": None, "depth": 0}, units[0]
by = {u["code"]: u for u in units}
assert by["3111"]["parent"] == "311" and by["3111"]["depth"] == 5, by["3111"]
for u, line in zip(units, lines):
    assert line.startswith(" " * (2 * u["depth"]) + u["code"] + " " + u["name"] + " ("), (u, line)
PY
  expect_exit 0 "$TERTIAL" people demo.db --json
  /usr/bin/python3 -c 'import json, sys
p = {x["key"]: x for x in json.load(open(sys.argv[1]))}
assert p["chef3111"] == {"key": "chef3111", "name": "Per Ek", "email": "chef3111@exempelkommun.se", "roles": ["manager:3111"]}, p["chef3111"]
assert p["ekonom1"]["roles"] == ["economist:0"], p["ekonom1"]' last.out || fail "people --json: $(head -c 300 last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --json
  [ "$(cat last.out)" = "[]" ] || fail "measures --json of none: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --json \
    --add '3111;KOST_KOP;Hemmaplan "HVB" \ familjehem;Fler	placeringar;-1 234,50;Två barn;2026-10-01' --goal "1;SN1"
  /usr/bin/python3 -c 'import decimal, json, sys
[m] = json.load(open(sys.argv[1]), parse_float=decimal.Decimal)
assert m["effect"] == decimal.Decimal("-1234.50") and str(m["effect"]) == "-1234.50", m
assert m["description"] == "Hemmaplan \"HVB\" \\ familjehem" and m["cause"] == "Fler\tplaceringar", m
assert (m["number"], m["unit"], m["row"], m["status"], m["due"], m["in_forecast"], m["goal"]) == \
    (1, "3111", "KOST_KOP", "proposed", "2026-10-01", None, "SN1"), m' last.out || fail "measures --json: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db --json
  /usr/bin/python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
cur = [x for x in v if x["current"]]
assert len(cur) == 1 and cur[0]["name"] == "Budget" and cur[0]["kind"] == "adopted", v' last.out || fail "budget --json: $(cat last.out)"
  expect_exit 0 "$TERTIAL" measures demo.db --as chef3111 --point T2 --status "1;decided;Beslutad"
  expect_exit 0 "$TERTIAL" log demo.db --unit 3111 --json
  /usr/bin/python3 -c 'import json, sys
[e] = [x for x in json.load(open(sys.argv[1])) if x["item"] == "measure 1"]
assert (e["person"], e["on_behalf_of"], e["action"], e["unit"], e["point"], e["before"], e["after"]) == \
    ("chef3111", None, "measure", "3111", "T2", "proposed", "decided: Beslutad"), e' last.out || fail "log --json: $(tail -c 400 last.out)"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --unit 3 --json
  /usr/bin/python3 -c 'import json, sys
u = json.load(open(sys.argv[1]))
assert (u[0]["unit"], u[0]["status"], u[0]["escalated"], u[0]["person"], u[0]["when"]) == \
    ("3", "approved", True, "kd", "2026-11-10T07:00:00Z"), u[0]
assert u[1]["unit"] == "30" and u[1]["depth"] == 1, u[1]' last.out || fail "round --json: $(head -c 400 last.out)"
  expect_exit 0 "$TERTIAL" round demo.db --point JANOKT --progress --json
  /usr/bin/python3 -c 'import json, sys
l = {x["level"]: x for x in json.load(open(sys.argv[1]))}
n = l["nämnd"]
assert n["units"] == 8 and n["not_started"] + n["in_progress"] + n["submitted"] + n["approved"] + n["returned"] == 8, n' \
    last.out || fail "round --progress --json: $(cat last.out)"
  expect_exit 0 "$TERTIAL" round demo.db --point T2 --late 2026-09-30 --json
  /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d and all(x["late"] for x in d) and d[0]["deadline"] == "2026-09-15", d[:2]' last.out || fail "round --late --json"
  expect_exit 64 "$TERTIAL" round demo.db --point T2 --due 2026-09-30 --progress --json
  expect_err "--json prints one listing"
  expect_exit 0 "$TERTIAL" check demo.db --point T2 --json
  [ "$(cat last.out)" = "[]" ] || fail "check --json without findings: $(cat last.out)"
  ;;
report-presentation)
  # `report --presentation FILE`, `-o -` with --format and --english: the default is the report as
  # it was; a presentation in mnkr with costs negative converts back to the kronor of the file.
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o r.json
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format json
  cmp -s last.out r.json || fail "-o - --format json differs from -o r.json"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o r.csv --csv-style machine
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv
  cmp -s last.out r.csv || fail "-o - --format csv is not the machine-style file"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --csv-style swedish
  head -c 3 last.out | grep -q "$(printf '\xef\xbb\xbf')" && fail "a byte-order mark on standard output"
  grep -q "^Kod;Nivå;" last.out || fail "no Swedish header on standard output"
  printf '# mnkr, costs negative\ncolumns = forecast, outcome_acc, deviation_acc, remaining\nsigns = costs-negative\n' > p.txt
  printf 'unit = mnkr\ndecimals = 3\nheader.forecast = Helårsprognos\n' >> p.txt
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --presentation p.txt
  cp last.out p.csv
  sed -n '/^units\r$/,/^\r$/p' p.csv | sed -n 2p | grep -q ',label,forecast,outcome_acc,deviation_acc,remaining' ||
    fail "the chosen columns: $(sed -n '/^units\r$/,/^\r$/p' p.csv | sed -n 2p)"
  grep -q '^3,0,total,,0,Summa,-466.282,-386.331,-5.928,-74.023' p.csv || fail "the units' total in mnkr: $(grep '^3,0,total' p.csv)"
  # every amount of the per-activity table, times -1 000 000 (the deviation not negated), is the
  # kronor of r.csv within half a thousand kronor; Återstår is Årets budget less Ack utfall
  bad=$(awk -F, '
    { sub(/\r$/, "") } /^units$/ { sec = FILENAME; next } /^$/ { sec = ""; next }
    sec != "" && $1 == "code" { for (i = 6; i <= NF; i++) col[FILENAME, $i] = i; next }
    sec == "r.csv" { kr[$1, "forecast"] = $(col["r.csv", "forecast"]) + 0
      kr[$1, "outcome_acc"] = $(col["r.csv", "outcome_acc"]) + 0; kr[$1, "deviation_acc"] = $(col["r.csv", "deviation_acc"]) + 0
      kr[$1, "remaining"] = $(col["r.csv", "budget_year"]) - $(col["r.csv", "outcome_acc"]); next }
    sec == "p.csv" { n++
      split("forecast outcome_acc deviation_acc remaining", keys, " ")
      for (k = 1; k <= 4; k++) { v = $(col["p.csv", keys[k]]) * (keys[k] == "deviation_acc" ? 1 : -1) * 1000000
        d = v - kr[$1, keys[k]]; if (d > 500 || d < -500) print $1, keys[k], v, kr[$1, keys[k]] } }
    END { if (n < 4) print "only", n, "lines" }' r.csv p.csv)
  [ -z "$bad" ] || fail "the presentation does not convert back: $bad"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o p.json --presentation p.txt
  grep -q '"presentation":{"columns":\["forecast","outcome_acc","deviation_acc","remaining"\],"signs":"costs-negative","deviation":"budget-minus-outcome","unit":"mnkr","decimals":3}' p.json ||
    fail "the JSON does not say its presentation: $(head -c 300 p.json)"
  grep -q '"header":"Helårsprognos"' p.json || fail "the header of the presentation"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o p-sv.csv --presentation p.txt
  grep -q ';Helårsprognos;Ack utfall;Ack budgetavvikelse;Återstår' p-sv.csv || fail "the Swedish headers"
  grep -q ';Summa;-466,282;-386,331;-5,928;-74,023' p-sv.csv || fail "the Swedish total in mnkr"
  # Utfall fg år samma period: a column of the report when the presentation shows it
  printf 'columns = prior_year_acc, prior_year\n' > prior.txt
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --presentation prior.txt
  grep -q '^code,depth,style,parent,informational,label,prior_year_acc,prior_year' last.out ||
    fail "no prior_year_acc column: $(sed -n 4p last.out)"
  awk -F, '$3 == "total" && $6 == "Summa" { exit !($7 > 0 && $7 < $8) }' last.out ||
    fail "the prior year to October is not between 0 and the whole prior year: $(grep ',Summa,' last.out)"
  # Fg prognos, Förändring mot fg prognos and Prognos efter planerade åtgärder: columns of the report
  # when the presentation shows them; Fg prognos is the latest earlier snapshot's (or --compare's)
  printf 'columns = forecast, previous_forecast, forecast_change, forecast_after_measures\nunit = kr\ndecimals = 2\n' > lines.txt
  expect_exit 2 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --presentation lines.txt
  expect_err "the presentation shows Fg prognos (the previous forecast), but no forecast was frozen at an earlier follow-up point"
  expect_exit 0 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  expect_exit 0 "$TERTIAL" forecast demo.db --point JANOKT --kind planned -a "3111;KOST_PERS;-200000;Vakanser"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --presentation lines.txt
  cp last.out lines.csv
  grep -q '^code,depth,style,parent,informational,label,forecast,previous_forecast,forecast_change,forecast_after_measures' lines.csv ||
    fail "no Fg prognos columns: $(sed -n 4p lines.csv)"
  grep -q '"Förändring sedan föregående prognos"\|^change' lines.csv || fail "no change section from the latest snapshot (T2)"
  # per activity: the change is the forecast less Fg prognos, the planned measure lowers 31's
  # forecast after measures by 200 000 kr, and the activities add up to Summa in every column
  bad=$(awk -F, '{ sub(/\r$/, "") } /^units$/ { on = 1; next } /^$/ { on = 0 } !on || $1 == "code" { next }
    { n++; if ($9 - ($7 - $8) > 0.005 || $9 - ($7 - $8) < -0.005) print "change", $1
      d = $10 - $7; want = $1 == "31" || $1 == "3" ? -200000 : 0
      if (d - want > 0.005 || d - want < -0.005) print "after", $1, d
      if ($3 == "total") { for (k = 8; k <= 10; k++) if (s[k] - $k > 0.005 || s[k] - $k < -0.005) print "sum", k, s[k], $k }
      else for (k = 8; k <= 10; k++) s[k] += $k }
    END { if (n != 4) print "lines:", n }' lines.csv)
  [ -z "$bad" ] || fail "Fg prognos per activity: $bad"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --presentation lines.txt --compare T2
  cmp -s last.out lines.csv || fail "--compare T2 is not the report against the latest earlier snapshot"
  printf 'unit = mnkr\nsigns = upside-down\n' > bad.txt
  expect_exit 2 "$TERTIAL" report demo.db --point JANOKT -o - --format csv --presentation bad.txt
  expect_err "bad.txt:2: signs: expected ledger, costs-negative or positive"
  [ -s last.out ] && fail "output despite a bad presentation"
  expect_exit 3 "$TERTIAL" report demo.db --point JANOKT -o - --format csv --presentation missing.txt
  expect_err "missing.txt"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o -
  expect_err "--format csv or --format json"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o - --format xml
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o r.csv --format csv
  # the terminal's tables as the presentation shows them, with Fg prognos from --compare
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 --presentation p.txt
  grep -q "^Socialnämnden: Ekonomiskt resultat per verksamhet, utfall t.o.m. oktober 2026, mkr$" last.out ||
    fail "the terminal's title: $(head -1 last.out)"
  grep -Eq "^ +Helårsprognos +Ack utfall +Ack budgetavvikelse +Återstår$" last.out || fail "the terminal's header"
  grep -Eq "^Summa +-466,282 +-386,331 +-5,928 +-74,023$" last.out || fail "the terminal's total: $(grep ^Summa last.out)"
  grep -q "Sammanfattning" last.out || fail "no texts under the presented tables"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 --presentation lines.txt --compare T2
  grep -Eq "^ +Årets prognos +Fg prognos +Förändring mot fg prognos +Prognos efter planerade åtgärder$" last.out ||
    fail "the terminal's Fg prognos columns: $(sed -n 2p last.out)"
  # kronor with öre: 466 282 049,29 − 463 647 025,65 = 2 635 023,64; the planned measure −200 000 kr
  grep -Eq "^NETTORESULTAT +466 282 049,29 +463 647 025,65 +2 635 023,64 +466 082 049,29$" last.out ||
    fail "NETTORESULTAT with Fg prognos: $(grep ^NETTORESULTAT last.out)"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --compare T2
  expect_err "--compare goes with -o"
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT -o r.json --long
  # English: the terminal's headers and the report's titles
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 --english
  grep -q "Accumulated outcome" last.out || fail "no English header in the terminal"
  grep -q "Ack utfall" last.out && fail "a Swedish header with --english"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 --english -o - --format json
  grep -q '"language":"en"' last.out || fail "the JSON is not English"
  grep -q '"title":"Financial result by activity"' last.out || fail "no English section title"
  # the long facts to standard output are the file's
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o facts.csv --long
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o - --format csv --long
  cmp -s last.out facts.csv || fail "--long to standard output differs from the file"
  ;;
wheel)
  # the annual wheel (issue 19): Motala's template, an election year and an ordinary one, what is due
  ex="$GOLDEN/../../../examples"
  # the listing names the template as given: a copy here keeps the golden file free of paths
  cp "$ex/wheel/motala.csv" motala.csv
  expect_exit 0 "$TERTIAL" wheel motala.csv --year 2026 --followup default
  golden wheel-2026.txt last.out
  head -1 last.out | grep -q "Årshjul 2026 (valår)" || fail "2026 is not an election year"
  grep -q "	v25	beslut	.*Preliminärt beslut om Mål och Resursplan" last.out || fail "no preliminary MoR in week 25"
  grep -q "Besluta om Finansplan" last.out && fail "a finance plan in the election year"
  grep -q "^2026-05-15	2026-05-15	v20	deadline		T1 " last.out || fail "no T1 deadline: $(grep T1 last.out)"
  expect_exit 0 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2027
  head -1 last.out | grep -q "Årshjul 2027 (ordinarie år)" || fail "2027 is an election year"
  grep -q "^2027-08-23	2027-08-29	v34	beslut	.*Besluta om Mål och Resursplan (MoR) i kommunfullmäktige" last.out ||
    fail "no MoR in the council in week 34 of 2027"
  grep -q "^2026-11-23	2027-02-07	v48-5	process	Starta upp" last.out || fail "start up does not run from week 48 of 2026"
  expect_exit 0 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --ordinary
  grep -q "Besluta om Finansplan i kommunfullmäktige" last.out || fail "--ordinary has no finance plan"
  # what is due: week 48 of 2026 belongs to the next cycle's start up
  expect_exit 0 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --week 48 --role processledare
  grep -q "^2027	2026-11-23	2026-12-06	v48-49	aktivitet	Starta upp	Utvärdera föregående års process" last.out ||
    fail "week 48: $(cat last.out)"
  [ "$(grep -c . last.out)" = 2 ] || fail "week 48 for processledare: $(cat last.out)"
  expect_exit 0 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --week 4 --unit enhet
  grep -q "Inget att göra" last.out || fail "units in week 4: $(cat last.out)"
  expect_exit 0 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --week 43 --unit enhet
  grep -q "Upprätta verksamhetsplan och budget per enhet	Enhetschef" last.out || fail "units in week 43"
  # bad input and usage
  printf 'typ;process;aktivitet;när\nplanering;A;;v60\n' > bad.csv
  expect_exit 2 "$TERTIAL" wheel bad.csv --year 2026
  expect_err "bad.csv:2:4: column \"när\": expected weeks"
  expect_exit 3 "$TERTIAL" wheel missing.csv --year 2026
  expect_exit 64 "$TERTIAL" wheel "$ex/wheel/motala.csv"
  expect_err "wheel needs --year"
  expect_exit 64 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --week 54
  expect_exit 64 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --election --ordinary
  expect_exit 2 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2026 --week 53 --followup bad.csv
  expect_exit 2 "$TERTIAL" wheel "$ex/wheel/motala.csv" --year 2025 --week 53
  expect_err "week 53 out of range"
  ;;
priorities)
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" priorities "$ex/priorities/proposals.csv"
  golden priorities.txt last.out
  [ "$(cut -f2 last.out | tail -n +3 | tr '\n' ' ')" = "SOC-1 BUN-1 SOC-2 SOC-3 " ] || fail "order: $(cat last.out)"
  grep -q "^3	SOC-2	effektivisering	-820 tkr" last.out || fail "SOC-2 is not third with -820 tkr"
  expect_exit 0 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --rule "$ex/priorities/weighted.rule"
  grep -q "^1	SOC-1	.*poäng 20	" last.out || fail "SOC-1's score: $(cat last.out)"
  grep -q "^4	SOC-3	.*poäng 6	" last.out || fail "SOC-3's score"
  printf 'order = cost\n' > cost.rule
  expect_exit 0 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --rule cost.rule
  [ "$(cut -f2 last.out | tail -n +3 | tr '\n' ' ')" = "SOC-2 SOC-3 BUN-1 SOC-1 " ] || fail "by cost: $(cat last.out)"
  printf 'order = price\n' > bad.rule
  expect_exit 2 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --rule bad.rule
  expect_err "bad.rule:1: order: expected criteria"
  printf 'kod;typ;åtgärd;kostnad tkr;svårighetsgrad;nytta;kostnadseffektivitet\nA;prioritering;M;1;hög;stor;hög\n' > bad.csv
  expect_exit 2 "$TERTIAL" priorities bad.csv
  expect_err "bad.csv:2:5: column \"svårighetsgrad\": expected mycket stor, stor, måttlig or liten, not 'hög'"
  expect_exit 64 "$TERTIAL" priorities
  ;;
priorities-apply)
  # decided proposals feed a budget version of the store, once (issue 19)
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" budget demo.db --revise Budget --name "Förslag 2026" --kind frame
  expect_exit 0 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --apply demo.db --version "Förslag 2026"
  grep -q "^SOC-1	30	4610	1 250 000 kr$" last.out || fail "SOC-1 not applied: $(cat last.out)"
  grep -q "^SOC-2	30	6110	-820 000 kr$" last.out || fail "SOC-2 not applied: $(cat last.out)"
  grep -q "^tillämpade 2, totalt 430 000 kr; tillämpade tidigare 0; ej beslutade 2$" last.out ||
    fail "summary: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db --compare "Budget;Förslag 2026" --unit 3 --depth 0
  grep -q "^3 Socialnämnden	NETTO	NETTORESULTAT	.*	430 000$" last.out || fail "compare NETTO: $(cat last.out)"
  grep -q "^3 Socialnämnden	KOST_KOP	.*	1 250 000$" last.out || fail "compare KOST_KOP: $(cat last.out)"
  grep -q "^3 Socialnämnden	KOST_HYRA	.*	-820 000$" last.out || fail "compare KOST_HYRA: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db --compare "Budget;Förslag 2026" --unit 2 --depth 0
  grep -q "	[1-9][0-9 ]*$" last.out && fail "BUN-1 (föreslagen) changed the budget: $(cat last.out)"
  # again: nothing doubles
  expect_exit 0 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --apply demo.db --version "Förslag 2026"
  grep -q "^tillämpade 0, totalt 0 kr; tillämpade tidigare 2; ej beslutade 2$" last.out || fail "again: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db --compare "Budget;Förslag 2026" --unit 3 --depth 0
  grep -q "^3 Socialnämnden	NETTO	NETTORESULTAT	.*	430 000$" last.out || fail "doubled: $(cat last.out)"
  # a decided proposal without a unit: named, nothing applied
  printf 'kod;typ;åtgärd;kostnad (tkr);svårighetsgrad;nytta;kostnadseffektivitet;status;enhet;konto\n' > p.csv
  printf 'A;prioritering;M;1;stor;stor;hög;beslutad;30;4610\nB;prioritering;M;1;stor;stor;hög;beslutad;;4610\n' >> p.csv
  expect_exit 2 "$TERTIAL" priorities p.csv --apply demo.db --version "Förslag 2026"
  expect_err "proposal B is beslutad but has no unit"
  expect_exit 2 "$TERTIAL" priorities p.csv --apply demo.db --version Budget
  expect_err "has been revised"
  expect_exit 2 "$TERTIAL" priorities p.csv --apply demo.db --version Nej
  expect_exit 64 "$TERTIAL" priorities p.csv --apply demo.db
  expect_exit 64 "$TERTIAL" priorities p.csv --year 2026
  ;;
unfunded)
  # unfunded decisions (issue 19): the unfunded part per committee and in total
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv"
  grep -q "^SN 2024/150	Socialnämnden	2024-09-18	Socialnämnden	Trygg hemgång blir permanent	kostnad 1 800 000 kr	finansiering delvis 600 000 kr	ofinansierat 1 200 000 kr$" last.out ||
    fail "SN 2024/150: $(cat last.out)"
  grep -q "^Socialnämnden	3 beslut	ofinansierat 5 350 000 kr$" last.out || fail "Socialnämnden: $(cat last.out)"
  grep -q "^Totalt	5 beslut	ofinansierat 7 350 000 kr$" last.out || fail "total: $(cat last.out)"
  expect_exit 0 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv" --unit "barn- och utbildningsnämnden"
  grep -q "^Totalt	1 beslut	ofinansierat 1 500 000 kr$" last.out || fail "--unit: $(cat last.out)"
  expect_exit 0 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv" --unit Kommunstyrelsen --json
  grep -q '"unfunded": 500000.00}' last.out || fail "--json: $(cat last.out)"
  [ "$(grep -c '"code"' last.out)" = 1 ] || fail "--json items: $(cat last.out)"
  expect_exit 2 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv" --unit Kulturnämnden
  expect_err "no decision of that committee; the committees are: Socialnämnden, Barn- och utbildningsnämnden"
  printf 'kod;nämnd;datum;kostnad (tkr);finansiering;finansierat (tkr)\nA;SN;2026-02-30;10;;\n' > bad.csv
  expect_exit 2 "$TERTIAL" unfunded bad.csv
  expect_err "bad.csv:2:3: column \"datum\": expected a date YYYY-MM-DD, not '2026-02-30'"
  printf 'kod;nämnd;datum;kostnad (tkr);finansiering;finansierat (tkr)\nA;SN;2026-02-03;10;delvis;12\n' > bad.csv
  expect_exit 2 "$TERTIAL" unfunded bad.csv
  expect_err "bad.csv:2:6: column \"finansierat (tkr)\": expected the funded part of a partial funding"
  expect_exit 3 "$TERTIAL" unfunded missing.csv
  expect_exit 0 "$TERTIAL" init s.db --demo
  expect_exit 0 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv" --save s.db --year 2026
  expect_exit 64 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv" --save s.db
  expect_exit 64 "$TERTIAL" unfunded
  expect_exit 0 "$TERTIAL" unfunded --help
  grep -q "Exit status" last.out || fail "unfunded --help does not document the exit status"
  ;;
investments)
  # the investment budget (issue 19): projects with amounts per year, totals per committee and category
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" investments "$ex/investments/plan.csv"
  grep -q "^P1001	Tillbyggnad Ekbackeskolan, sex klassrum	Barn- och utbildningsnämnden	Fastigheter	beslutad	2027 12 000 000 kr	2028 18 000 000 kr	2029 4 000 000 kr	2030 0 kr	budget 36 000 000 kr	utfall 2 500 000 kr	kvar från 2027 -500 000 kr$" last.out ||
    fail "P1001: $(cat last.out)"
  grep -q "^Barn- och utbildningsnämnden	2027 16 500 000 kr	2028 44 500 000 kr	2029 25 500 000 kr	2030 1 500 000 kr	totalt 88 000 000 kr$" last.out ||
    fail "BUN: $(cat last.out)"
  grep -q "^Inventarier	2027 1 500 000 kr	2028 2 400 000 kr	2029 1 500 000 kr	2030 1 500 000 kr	totalt 6 900 000 kr$" last.out ||
    fail "Inventarier: $(cat last.out)"
  grep -q "^Totalt	2027 28 800 000 kr	2028 57 600 000 kr	2029 36 500 000 kr	2030 13 000 000 kr	totalt 135 900 000 kr$" last.out ||
    fail "total: $(cat last.out)"
  expect_exit 0 "$TERTIAL" investments "$ex/investments/plan.csv" --unit "tekniska nämnden" --year 2028
  grep -q "^Totalt	2028 11 000 000 kr	totalt 11 000 000 kr$" last.out || fail "--unit --year: $(cat last.out)"
  grep -q "kvar från 2028 9 000 000 kr$" last.out || fail "remaining from 2028: $(cat last.out)"
  expect_exit 0 "$TERTIAL" investments "$ex/investments/plan.csv" --category IT --json
  grep -q '"total": 3000000.00}' last.out || fail "--json: $(cat last.out)"
  [ "$(grep -c '"kind": "project"' last.out)" = 1 ] || fail "--json items: $(cat last.out)"
  # a committee whose first project is of another category is still among the committees
  expect_exit 0 "$TERTIAL" investments "$ex/investments/plan.csv" --category inventarier --year 2028
  grep -q "^Barn- och utbildningsnämnden	2028 1 500 000 kr	totalt 1 500 000 kr$" last.out || fail "BUN Inventarier: $(cat last.out)"
  grep -q "^Vård- och omsorgsnämnden	2028 900 000 kr	totalt 900 000 kr$" last.out || fail "VON Inventarier: $(cat last.out)"
  expect_exit 2 "$TERTIAL" investments "$ex/investments/plan.csv" --unit Kulturnämnden
  expect_err "no project of unit Kulturnämnden"
  expect_exit 2 "$TERTIAL" investments "$ex/investments/plan.csv" --year 2031
  expect_err "--year 2031: the plan has the years 2027–2030"
  printf 'projekt;nämnd;2027 (tkr);2028 (tkr)\nA;TN;10;tio\n' > bad.csv
  expect_exit 2 "$TERTIAL" investments bad.csv
  expect_err "bad.csv:2:4: column \"2028 (tkr)\": expected an amount in tkr"
  printf 'projekt;nämnd;2027;2029\nA;TN;10;10\n' > bad.csv
  expect_exit 2 "$TERTIAL" investments bad.csv
  expect_err "bad.csv:1:4: expected the plan year 2028 after 2027"
  expect_exit 3 "$TERTIAL" investments missing.csv
  expect_exit 64 "$TERTIAL" investments
  ;;
invest-store)
  # the investment budget and the annual wheel in the store, Investeringar in the report (issue 19)
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" init demo.db --demo --year 2027
  expect_exit 0 "$TERTIAL" investments "$ex/investments/plan.csv" --save demo.db --year 2027
  grep -q "^Totalt	2027 28 800 000 kr	2028 57 600 000 kr	2029 36 500 000 kr	2030 13 000 000 kr	totalt 135 900 000 kr$" last.out ||
    fail "--save lists every year: $(cat last.out)"
  # listed from the store: the same projects
  expect_exit 0 "$TERTIAL" investments demo.db --year 2027 --unit "Tekniska nämnden"
  grep -q "^P2002	Förnyelse av vatten- och avloppsledningar, Storgatan	Tekniska nämnden	VA	pågående	2027 8 000 000 kr	2028 8 500 000 kr	2029 9 000 000 kr	2030 9 500 000 kr	budget 42 000 000 kr	utfall 6 000 000 kr	kvar från 2027 1 000 000 kr$" last.out ||
    fail "from the store: $(cat last.out)"
  expect_exit 2 "$TERTIAL" investments demo.db --year 2026
  expect_err "holds no investment project of the fiscal year 2026"
  expect_exit 64 "$TERTIAL" investments demo.db
  expect_exit 64 "$TERTIAL" investments "$ex/investments/plan.csv" --save demo.db
  # the report from the store: Barn- och utbildningsnämnden's three projects and the Summa
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 2 -o - --format csv
  tr -d '\r' < last.out > bun.txt
  grep -q '^P1001,0,normal,3,0,P1001,"Tillbyggnad Ekbackeskolan, sex klassrum",Barn- och utbildningsnämnden,Fastigheter,beslutad,12000000.00,34000000.00,36000000.00,2500000.00,-500000.00$' bun.txt ||
    fail "P1001: $(grep -A5 '^investments' bun.txt)"
  grep -q "^,0,total,,0,Summa,,,,,16500000.00,88000000.00,36000000.00,2500000.00,-500000.00$" bun.txt ||
    fail "Summa: $(grep -A5 '^investments' bun.txt)"
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 3 -o - --format csv
  grep -q "^investments" last.out && fail "Socialnämnden has no investment project"
  # --investments FILE, and the workbook passes `tertial audit` with the Summa recognised
  expect_exit 0 "$TERTIAL" report demo.db --point T1 -o all.xlsx --investments "$ex/investments/plan.csv" --audit
  expect_exit 0 "$TERTIAL" audit all.xlsx
  grep -q "^0 findings" last.out || fail "audit of the workbook: $(cat last.out)"
  grep -q 'Investeringar: "Summa" is a total' last.out || fail "the Summa not audited: $(cat last.out)"
  # the document: Investeringar, the chapter after Ofinansierade beslut
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 2 -o bun.docx --created 2027-05-12 --depth 0 \
    --unfunded "$ex/unfunded/decisions.csv"
  python3 -c "import zipfile,sys; sys.stdout.write(zipfile.ZipFile('bun.docx').read('word/document.xml').decode())" > doc.xml
  python3 - doc.xml <<'PY' || fail "Investeringar is not the chapter after Ofinansierade beslut"
import re, sys
heads = re.findall(r'<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">([^<]*)</w:t>', open(sys.argv[1]).read())
i = heads.index("Ofinansierade beslut")
sys.exit(0 if heads[i + 1] == "Investeringar" else 1)
PY
  expect_exit 3 "$TERTIAL" report demo.db --point T1 -o a.csv --investments missing.csv
  expect_exit 64 "$TERTIAL" report demo.db --point T1 --investments "$ex/investments/plan.csv"
  # the wheel: kept under the template's name, the calendar read back from the store
  cp "$ex/wheel/motala.csv" motala.csv
  expect_exit 0 "$TERTIAL" wheel motala.csv --year 2026
  tail -n +2 last.out > from-file.txt
  expect_exit 0 "$TERTIAL" wheel motala.csv --save demo.db
  expect_err "kept the wheel motala in demo.db"
  expect_exit 0 "$TERTIAL" wheel demo.db --year 2026
  head -1 last.out | grep -q "Årshjul 2026 (valår)" || fail "the stored wheel: $(head -1 last.out)"
  tail -n +2 last.out | cmp -s - from-file.txt || fail "the stored wheel's calendar differs from the file's"
  expect_exit 0 "$TERTIAL" wheel demo.db --year 2026 --name motala --week 25 --role kommunstyrelsen
  grep -q "Preliminärt beslut om Mål och Resursplan" last.out || fail "week 25 from the store: $(cat last.out)"
  expect_exit 2 "$TERTIAL" wheel demo.db --year 2026 --name Linköping
  expect_err "no annual wheel named Linköping"
  expect_exit 64 "$TERTIAL" wheel demo.db --save demo.db
  expect_exit 64 "$TERTIAL" wheel motala.csv --year 2026 --name x
  ;;
risks)
  ex="$GOLDEN/../../../examples/intcontrol"
  expect_exit 0 "$TERTIAL" risks "$ex/risks.csv"
  grep -q "^R1	.*riskvärde 12	kontrollera$" last.out || fail "R1: $(cat last.out)"
  grep -q "^R2	.*riskvärde 8	acceptera$" last.out || fail "R2"
  expect_exit 0 "$TERTIAL" risks "$ex/risks.csv" --threshold 8
  grep -q "^R2	.*riskvärde 8	kontrollera$" last.out || fail "R2 with threshold 8"
  expect_exit 0 "$TERTIAL" risks "$ex/risks.csv" --plan "$ex/plan.csv" --results "$ex/results.csv"
  golden risks.txt last.out
  grep -q "^K1	T1	Två fakturor saknade attest	avvikelser 2	" last.out || fail "K1's result"
  # a risk to control without a control is a finding
  expect_exit 1 "$TERTIAL" risks "$ex/risks.csv" --plan "$ex/plan.csv" --threshold 8
  grep -q "^R2	.*kontrollera	saknar kontroll i planen" last.out || fail "R2's gap: $(cat last.out)"
  printf 'kod;risk;sannolikhet;konsekvens\nR1;A;2;9\n' > bad.csv
  expect_exit 2 "$TERTIAL" risks bad.csv
  expect_err "bad.csv:2:4: column \"konsekvens\": expected 1, 2, 3 or 4, not '9'"
  printf 'kod;risk;kontrollmoment;rapporteras\nK1;R9;A;T1\n' > badplan.csv
  expect_exit 2 "$TERTIAL" risks "$ex/risks.csv" --plan badplan.csv
  expect_err "badplan.csv:2:2: column \"risk\": control K1: no risk R9"
  expect_exit 64 "$TERTIAL" risks "$ex/risks.csv" --results "$ex/results.csv"
  expect_exit 64 "$TERTIAL" risks "$ex/risks.csv" --threshold 0
  ;;
audit)
  fixtures="$GOLDEN/../../fixtures/audit"
  # the demo's report as CSV and as xlsx holds: the reasons table's unit lines show the
  # per-activity table's Prognosavvikelse (a formula of rounded cells there), so the two tables
  # never print a unit's deviation 1 tkr apart (they did: -2 008 against -2 009 for Avdelning 2)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o x.csv
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o x.xlsx
  expect_exit 0 "$TERTIAL" audit x.csv
  grep -q "^0 findings in [0-9]* relations checked" last.out || fail "the demo's CSV: $(cat last.out)"
  grep -q 'Prognosavvikelse" = Årets budget − Årets prognos (holds on 4 of 4 lines)' last.out ||
    fail "no assumed forecast deviation in the audit of the CSV"
  expect_exit 0 "$TERTIAL" audit x.xlsx
  grep -q "^0 findings in [0-9]* relations checked" last.out || fail "the demo's xlsx: $(cat last.out)"
  expect_exit 0 "$TERTIAL" audit x.xlsx --sheet Översikt
  # the English workbook holds too: "Share used %" is the used share, not a column that adds up
  # (it was read as one: 40 findings on the demo's municipality)
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --english --depth 1 -o en.xlsx
  expect_exit 0 "$TERTIAL" audit en.xlsx
  # and the English CSV and JSON: their "Line type" and "Parent line" columns are the structure
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --english --unit 3 -o en.csv
  expect_exit 0 "$TERTIAL" audit en.csv
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --english --unit 3 -o en.json
  expect_exit 0 "$TERTIAL" audit en.json
  # the JSON report, and reports with the units one level down (child reports, a sheet each)
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o x.json
  expect_exit 0 "$TERTIAL" audit x.json
  grep -q "^0 findings in 89 relations checked" last.out || fail "the demo's JSON: $(cat last.out)"
  # report --audit: the report audits itself into Kontroll av rapporten; the demo's holds, so the
  # report is the same as without it
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o xa.json --audit
  cmp -s x.json xa.json || fail "report --audit changed the demo's report, which holds"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --unit 3 -o xa.xlsx --audit
  expect_exit 64 "$TERTIAL" report demo.db --point JANOKT --audit
  expect_err "--audit goes with -o"
  # a plain JSON table (not Tertial's report): an array of objects with the same keys
  printf '[{"Enhet":"Hemtjänst","Ack utfall":3800,"Ack budget":4000},{"Enhet":"Hemsjukvård","Ack utfall":1000,"Ack budget":1200},{"Enhet":"Summa","Ack utfall":4900,"Ack budget":5200}]' > plain.json
  expect_exit 1 "$TERTIAL" audit plain.json
  grep -q "^plain.json: row 3: plain.json | Summa | Ack utfall: printed 4 900, expected 4 800, difference 100 (error)" last.out ||
    fail "the plain JSON table: $(cat last.out)"
  grep -q "^1 finding in 2 relations checked" last.out || fail "the plain JSON table: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --depth 1 -o d.json
  expect_exit 0 "$TERTIAL" audit d.json
  grep -q "^0 findings in 791 relations checked" last.out || fail "the demo's JSON, depth 1: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --depth 1 -o d.csv
  expect_exit 0 "$TERTIAL" audit d.csv
  grep -q "^0 findings in 791 relations checked" last.out || fail "the demo's CSV, depth 1: $(cat last.out)"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --depth 1 -o d.xlsx
  expect_exit 0 "$TERTIAL" audit d.xlsx
  grep -q "^0 findings in [0-9]* relations checked" last.out || fail "the demo's xlsx, depth 1: $(cat last.out)"
  printf '{"format":"tertial-report","sections":[}' > bad.json
  expect_exit 2 "$TERTIAL" audit bad.json
  expect_err "bad.json: byte 40: expected a value"
  # fixtures: none where the numbers hold, the exact findings where they do not
  for f in tkr_ok mnkr3 reasons_ok indent cells; do
    expect_exit 0 "$TERTIAL" audit "$fixtures/$f.csv"
  done
  expect_exit 1 "$TERTIAL" audit "$fixtures/committee.csv"
  grep -q "^4 findings in 28 relations checked" last.out || fail "committee.csv: $(cat last.out)"
  grep -q "| Äldreomsorg | Ack utfall: printed 212 904, expected 210 904, difference 2 000 (error)" last.out ||
    fail "committee.csv: no 2 000 tkr error"
  expect_exit 1 "$TERTIAL" audit "$fixtures/reasons_all_flipped.csv" --json
  grep -q '"class":"sign","printed":6175,"expected":-6175,"difference":12350' last.out ||
    fail "reasons_all_flipped.csv --json: $(cat last.out)"
  /usr/bin/python3 -c 'import json,sys; d=json.load(open("last.out")); assert len(d["findings"]) == 1' ||
    fail "the JSON does not parse"
  # several files are one report: the committee's lines against the units' tables
  expect_exit 1 "$TERTIAL" audit "$fixtures/tkr_ok.csv" "$fixtures/mnkr1.csv"
  grep -q "^2 findings" last.out || fail "two files: $(cat last.out)"
  # a spec declares what headers do not show
  printf 'Nämnd;Kol A;Kol B;Kol C\nA;100;90;10\nB;50;60;-10\nAlla;150;150;0\n' > n.csv
  printf 'column Kol A = outcome tkr\ncolumn Kol B = budget\ncolumn Kol C = deviation\ndeviation = outcome-budget\n' > spec.txt
  expect_exit 0 "$TERTIAL" audit n.csv --spec spec.txt
  grep -q "^0 findings in 3 relations checked" last.out || fail "the spec: $(cat last.out)"
  printf 'column Kol A = outcome tkr\ncolumn Kol B = budget\ncolumn Kol C = deviation\ndeviation = budget-outcome\n' > spec2.txt
  expect_exit 1 "$TERTIAL" audit n.csv --spec spec2.txt
  [ "$(grep -c '(sign)$' last.out)" = 2 ] || fail "the other convention declared: $(cat last.out)"
  # bad input
  expect_exit 0 "$TERTIAL" audit --help
  grep -q "Exit status" last.out || fail "audit --help does not document the exit status"
  expect_exit 64 "$TERTIAL" audit
  expect_exit 3 "$TERTIAL" audit nosuch.csv
  expect_err "nosuch.csv"
  printf 'column Kol A = profit\n' > bad.txt
  expect_exit 2 "$TERTIAL" audit n.csv --spec bad.txt
  expect_err "bad.txt:1: expected column HEADER = MEANING"
  expect_exit 2 "$TERTIAL" audit x.xlsx --sheet Nosuch
  expect_err 'no sheet "Nosuch"'
  printf 'PK\003\004broken' > broken.xlsx
  expect_exit 2 "$TERTIAL" audit broken.xlsx
  ;;
report-plan)
  # the planning objects in the follow-up report (issue 19): from files, then from the store
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 3 -o sn.csv --csv-style machine \
    --proposals "$ex/priorities/proposals.csv" --rule "$ex/priorities/weighted.rule" \
    --risks "$ex/intcontrol/risks.csv" --controls "$ex/intcontrol/plan.csv" --results "$ex/intcontrol/results.csv" \
    --unfunded "$ex/unfunded/decisions.csv" --audit
  tr -d '\r' < sn.csv > sn.txt
  grep -q "^SOC-1,0,normal,,0,1,SOC-1,prioritering,Utökad öppenvård i egen regi,Socialnämnden,30,1250000.00,stor,mycket stor,hög,beslutad$" sn.txt ||
    fail "Prioriteringar: $(grep -A4 '^priorities' sn.txt)"
  grep -q "^K2,0,normal,,0,K2,R4 Utbetalning utan korrekt underlag,16,Kontroll av beslut om bistånd,Enhetschef,T2,ej rapporterad,,$" sn.txt ||
    fail "Intern kontroll: $(grep -A3 '^intcontrol' sn.txt)"
  grep -q "^,0,total,,0,Summa,,,,,5950000.00,600000.00,5350000.00$" sn.txt || fail "Summa: $(grep -A5 '^unfunded' sn.txt)"
  # --audit found nothing: Kontroll av rapporten has its header only
  [ "$(grep -A2 '^findings$' sn.txt | sed -n 3p)" = "" ] || fail "audit findings: $(grep -A3 '^findings$' sn.txt)"
  # the municipality's workbook passes `tertial audit`, the Summa of Ofinansierade beslut recognised
  expect_exit 0 "$TERTIAL" report demo.db --point T1 -o all.xlsx --unfunded "$ex/unfunded/decisions.csv"
  expect_exit 0 "$TERTIAL" audit all.xlsx
  grep -q "^0 findings" last.out || fail "audit of the workbook: $(cat last.out)"
  grep -q 'Ofinansierade beslut: "Summa" is a total' last.out || fail "the Summa not audited: $(cat last.out)"
  # from the store: the unfunded decisions kept for 2026; a unit with none gets no section
  expect_exit 0 "$TERTIAL" unfunded "$ex/unfunded/decisions.csv" --save demo.db --year 2026
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 1 -o - --format csv
  tr -d '\r' < last.out > ks.txt
  grep -q "^KS 2025/7,0,normal,1,0,KS 2025/7,Kommunstyrelsen,2025-02-10,Kommunfullmäktige,Digital nämndadministration,500000.00,0.00,500000.00$" ks.txt ||
    fail "from the store: $(grep -A3 '^unfunded' ks.txt)"
  grep -q "^priorities$" ks.txt && fail "Prioriteringar without proposals"
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 5 -o - --format csv
  grep -q "^unfunded" last.out && fail "Kultur- och fritidsnämnden has no unfunded decision"
  # the committee document has the chapters
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 3 -o sn.docx --created 2026-05-12 \
    --proposals "$ex/priorities/proposals.csv"
  unzip -p sn.docx word/document.xml > doc.xml 2>/dev/null || python3 -c "import zipfile,sys; sys.stdout.write(zipfile.ZipFile('sn.docx').read('word/document.xml').decode())" > doc.xml
  grep -q '<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Prioriteringar</w:t>' doc.xml ||
    fail "no Prioriteringar chapter"
  grep -q '<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Ofinansierade beslut</w:t>' doc.xml ||
    fail "no Ofinansierade beslut chapter"
  # bad input and usage
  printf 'Kod;Typ;Åtgärd;Kostnad (tkr)\nA;nej;x;1\n' > bad.csv
  expect_exit 2 "$TERTIAL" report demo.db --point T1 -o a.csv --proposals bad.csv
  expect_err "--proposals: bad.csv:1: expected a column"
  expect_exit 3 "$TERTIAL" report demo.db --point T1 -o a.csv --unfunded missing.csv
  expect_err "missing.csv"
  expect_exit 64 "$TERTIAL" report demo.db --point T1 --risks "$ex/intcontrol/risks.csv"
  expect_exit 64 "$TERTIAL" report demo.db --point T1 -o a.csv --controls "$ex/intcontrol/plan.csv"
  expect_exit 64 "$TERTIAL" report demo.db --point T1 -o a.csv --long --unfunded "$ex/unfunded/decisions.csv"
  ;;
intcontrol)
  # internal control followed up through the round (issue 19): the plan saved by the administrator,
  # results reported as people (role, lock, version, audit trail), the listing per point
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" risks "$ex/intcontrol/risks.csv" --plan "$ex/intcontrol/plan.csv" --save demo.db --year 2026
  expect_exit 64 "$TERTIAL" risks "$ex/intcontrol/risks.csv" --save demo.db
  expect_exit 0 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --save demo.db --year 2027
  expect_exit 64 "$TERTIAL" priorities "$ex/priorities/proposals.csv" --year 2027
  expect_exit 0 "$TERTIAL" intcontrol demo.db
  printf 'T1\tK1\tKontroll av utbetalningar\t3\tej rapporterad\nT2\tK2\tKontroll av beslut om bistånd\t3\tej rapporterad\n' > want.txt
  diff -u want.txt last.out >&2 || fail "the listing before any report"
  # refused: the committee's secretary, a head of another committee; nothing written
  expect_exit 4 "$TERTIAL" intcontrol demo.db --as sekr3 --point T1 --control K1 --result "Inga avvikelser"
  expect_err "sekr3 (Sofia Wall) may not report the internal control of 3 (Socialnämnden) at follow-up point T1"
  expect_exit 4 "$TERTIAL" intcontrol demo.db --as chef2 --point T1 --control K1 --result "Inga avvikelser"
  expect_exit 2 "$TERTIAL" intcontrol demo.db --as chef3 --point T1 --control K9 --result "x"
  expect_err "no control K9"
  expect_exit 64 "$TERTIAL" intcontrol demo.db --as chef3 --point T1 --control K1
  expect_exit 64 "$TERTIAL" intcontrol demo.db --as chef3 --point T1 --control K1 --result x --deviations -1
  # the head of the committee reports; an economist for him; a stale version is refused
  expect_exit 0 "$TERTIAL" intcontrol demo.db --as chef3 --point T1 --control K1 \
    --result "Två fakturor saknade attest" --deviations 2 --measures "Påminnelse om attestordningen"
  expect_exit 5 "$TERTIAL" intcontrol demo.db --as chef3 --point T1 --control K1 --result "Inga" --version 0
  expect_err "control K1 of 3 (Socialnämnden) at T1 was changed by chef3"
  expect_exit 0 "$TERTIAL" intcontrol demo.db --as ekonom1 --for chef3 --point T1 --control K1 \
    --result "En faktura saknade attest" --deviations 1 --version 1
  expect_exit 0 "$TERTIAL" intcontrol demo.db --point T1
  cut -f1-9 last.out > got.txt
  printf 'T1\tK1\tKontroll av utbetalningar\t3\tEn faktura saknade attest\tavvikelser 1\t-\tversion 2\tekonom1 för chef3 ' > want.txt
  head -c "$(wc -c < want.txt)" got.txt | diff -u want.txt - >&2 || fail "the listing after two reports: $(cat last.out)"
  expect_exit 0 "$TERTIAL" intcontrol demo.db --json
  /usr/bin/python3 -c 'import json, sys
k1, k2 = json.load(open(sys.argv[1]))
assert (k1["point"], k1["control"], k1["unit"], k1["reported"], k1["result"], k1["deviations"], k1["measures"],
        k1["version"], k1["by"], k1["on_behalf_of"]) == ("T1", "K1", "3", True, "En faktura saknade attest", 1, "", 2,
        "ekonom1", "chef3"), k1
assert (k2["point"], k2["control"], k2["reported"], k2["result"], k2["deviations"], k2["version"], k2["by"]) == \
    ("T2", "K2", False, None, None, 0, None), k2' last.out || fail "intcontrol --json: $(cat last.out)"
  # the audit trail: who, what, before and after
  expect_exit 0 "$TERTIAL" log demo.db --unit 3 --point T1
  grep -F "control K1" last.out | cut -f3-11 > got.txt
  printf 'chef3\t\tcontrol\t3\tT1\tcontrol K1\t\tTvå fakturor saknade attest; 2 deviations; measures: Påminnelse om attestordningen\n' > want.txt
  printf 'ekonom1\tchef3\tcontrol\t3\tT1\tcontrol K1\tTvå fakturor saknade attest; 2 deviations; measures: Påminnelse om attestordningen\tEn faktura saknade attest; 1 deviation\n' >> want.txt
  diff -u want.txt got.txt >&2 || fail "the audit trail of K1"
  # the report's Intern kontroll shows the reported result
  expect_exit 0 "$TERTIAL" report demo.db --point T1 --unit 3 -o - --format csv
  tr -d '\r' < last.out | grep -q '^K1,.*,Kontroll av utbetalningar,Controller,T1,En faktura saknade attest,1,$' ||
    fail "Intern kontroll in the report: $(grep '^K1' last.out)"
  # the plan saved again (an administrator's import): the reported result stays
  expect_exit 0 "$TERTIAL" risks "$ex/intcontrol/risks.csv" --plan "$ex/intcontrol/plan.csv" --save demo.db --year 2026
  expect_exit 0 "$TERTIAL" intcontrol demo.db --point T1
  grep -qF "$(printf 'K1\tKontroll av utbetalningar\t3\tEn faktura saknade attest\tavvikelser 1')" last.out ||
    fail "the report after the plan was saved again: $(cat last.out)"
  # a locked point refuses everyone
  expect_exit 0 "$TERTIAL" round demo.db --as ekonom1 --point T2 --lock
  expect_exit 4 "$TERTIAL" intcontrol demo.db --as chef3 --point T2 --control K2 --result "Inga avvikelser"
  expect_err "follow-up point T2 is locked"
  expect_exit 0 "$TERTIAL" intcontrol --help
  grep -q "Exit status" last.out || fail "intcontrol --help does not document the exit status"
  # bash completion knows the command and its options (it reads --help)
  . "$GOLDEN/../../../tools/completion/tertial.bash" || fail "the completion script does not load"
  COMP_WORDS=("$TERTIAL" intc) COMP_CWORD=1 COMPREPLY=()
  _tertial
  [ "${COMPREPLY[*]}" = intcontrol ] || fail "intcontrol is not completed: ${COMPREPLY[*]}"
  COMP_WORDS=("$TERTIAL" intcontrol db --devi) COMP_CWORD=3 COMPREPLY=()
  _tertial
  [ "${COMPREPLY[*]}" = --deviations ] || fail "--deviations is not completed: ${COMPREPLY[*]}"
  ;;
frames)
  # budget preparation (issue 19): preliminary frames -> MoR -> finansplan, the opposition's
  # alternative, frame update files, the chain, the comparison
  ex="$GOLDEN/../../../examples"
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" frames demo.db --stage preliminary --from Budget --name "Preliminära ramar 2027" \
    --update "$ex/frames/preliminara.csv" --decided 2026-04-20 --decided-by Kommunstyrelsen
  # 2,50 % of Kommunstyrelsen's net frame 53 482 743,30 kr = 1 337 068,5825 kr, to the öre
  grep -q "^uppräkning	1	5010	Pris- och löneuppräkning	1 337 068,58$" last.out || fail "KS indexation: $(cat last.out)"
  grep -q "^volym	2	4610	Förskola: fler barn	4 970 000$" last.out || fail "35 × 142 000 kr: $(cat last.out)"
  grep -q "^volym	2	4610	Grundskola: färre elever	-2 370 000$" last.out || fail "-20 × 118 500 kr"
  # BUN: 453 092 880,16 + 11 327 322,00 + 4 970 000 - 2 370 000
  grep -q "^ram	2	Barn- och utbildningsnämnden	453 092 880,16	467 020 202,16	13 927 322$" last.out ||
    fail "BUN's frame: $(cat last.out)"
  expect_exit 0 "$TERTIAL" frames demo.db --stage mor --from "Preliminära ramar 2027" --name "MoR 2027" \
    --update "$ex/frames/mor.csv" --proposals "$ex/priorities/proposals.csv" --decided-by Kommunfullmäktige
  grep -q "^förslag	30	4610	SOC-1	1 250 000$" last.out || fail "SOC-1 in the MoR: $(cat last.out)"
  grep -q "^ram	3	Socialnämnden	471 862 555,92	475 792 555,92	3 930 000$" last.out || fail "SN's MoR frame"
  expect_exit 0 "$TERTIAL" frames demo.db --stage alternative --from "Preliminära ramar 2027" \
    --name "Oppositionens budget 2027" --update "$ex/frames/alternativ.csv"
  grep -q "^ram	1	Kommunstyrelsen	54 819 811,88	51 319 811,88	-3 500 000$" last.out || fail "KS alternative"
  # out of order: a finansplan before the MoR, the chain continued from the alternative
  expect_exit 2 "$TERTIAL" frames demo.db --stage finansplan --from "Preliminära ramar 2027" --name FP
  expect_err "the finansplan follows the council's MoR"
  expect_exit 2 "$TERTIAL" frames demo.db --stage mor --from "Oppositionens budget 2027" --name M2
  expect_err "never into the chain"
  expect_exit 2 "$TERTIAL" frames demo.db --stage mor --from "Preliminära ramar 2027" --name M3
  expect_err "already continues in \"MoR 2027\""
  printf 'enhet;konto;typ;belopp\n8;6410;belopp;-125 000,50\n' > fp.csv
  expect_exit 0 "$TERTIAL" frames demo.db --stage finansplan --from "MoR 2027" --name "Finansplan 2027" \
    --update fp.csv --json
  python3 -c 'import json; d=json.load(open("last.out"), parse_float=str); assert (d[0]["kind"], d[0]["change"]) == ("belopp", "-125000.50"), d; assert (d[1]["kind"], d[1]["a"], d[1]["b"]) == ("ram", "38572064.39", "38447063.89"), d' ||
    fail "stage --json: $(cat last.out)"
  expect_exit 0 "$TERTIAL" frames demo.db --chain "Preliminära ramar 2027"
  printf '1\t2\tBudget\tadopted\t\t\n2\t*3\tPreliminära ramar 2027\tpreliminary\t2026-04-20\tKommunstyrelsen\n' > want.txt
  printf '3\t4\tMoR 2027\tmor\t\tKommunfullmäktige\n4\t6\tFinansplan 2027\tfinansplan\t\t\n' >> want.txt
  cmp -s want.txt last.out || fail "chain: $(cat last.out)"
  expect_exit 0 "$TERTIAL" frames demo.db --chain "Oppositionens budget 2027" --json
  python3 -c 'import json,sys; d=json.load(open("last.out")); assert [x["kind"] for x in d]==["adopted","preliminary","alternative"], d; assert d[2]["selected"]' ||
    fail "chain --json: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget demo.db
  grep -q "^5	Oppositionens budget 2027	alternative		" last.out || fail "budget lists the kind: $(cat last.out)"
  # MoR against the alternative per committee
  expect_exit 0 "$TERTIAL" frames demo.db --compare "MoR 2027;Oppositionens budget 2027" --depth 1
  grep -q "^  2 Barn- och utbildningsnämnden	NETTO	NETTORESULTAT	465 020 202,16	473 020 202,16	8 000 000$" last.out ||
    fail "compare BUN: $(cat last.out)"
  grep -q "^  3 Socialnämnden	NETTO	NETTORESULTAT	475 792 555,92	471 862 555,92	-3 930 000$" last.out ||
    fail "compare SN"
  grep -q "^0 Exempelkommun	NETTO	NETTORESULTAT	1 492 214 777,77	1 496 784 777,77	4 570 000$" last.out ||
    fail "compare the municipality"
  expect_exit 0 "$TERTIAL" frames demo.db --compare "MoR 2027;Oppositionens budget 2027" --unit 5 --depth 0 --json
  python3 -c 'import json; d=json.load(open("last.out"), parse_float=str); n=[x for x in d if x["row"]=="NETTO"][0]; assert n["a"]=="79699835.31" and n["difference"]=="0.00", n' ||
    fail "compare --json: $(cat last.out)"
  # a bad update file: named with line and column, nothing saved
  printf 'enhet;konto;typ;sats\n1;5010;uppräkning;2,5\n2;5010;uppräkning;två\n' > bad.csv
  expect_exit 2 "$TERTIAL" frames demo.db --stage finansplan --from "Finansplan 2027" --name FP2 --update bad.csv
  expect_err "bad.csv:3:4: column \"sats\": expected a percent with at most two decimals"
  expect_exit 2 "$TERTIAL" frames demo.db --chain FP2
  printf 'enhet;konto;typ;belopp\n99;5010;belopp;1\n' > bad.csv
  expect_exit 2 "$TERTIAL" frames demo.db --stage finansplan --from "Finansplan 2027" --name FP2 --update bad.csv
  expect_err "frame update line 1: the model has no unit \"99\""
  expect_exit 64 "$TERTIAL" frames demo.db
  expect_exit 64 "$TERTIAL" frames demo.db --stage mor --from Budget
  expect_exit 64 "$TERTIAL" frames demo.db --stage adopted --from Budget --name X
  expect_exit 64 "$TERTIAL" frames demo.db --chain Budget --name X
  expect_exit 64 "$TERTIAL" frames demo.db --chain Budget --depth 1
  expect_exit 0 "$TERTIAL" frames --help
  grep -q "Exit status" last.out || fail "frames --help does not document the exit status"
  # the lines each stage applied, kept in the store (schema 14), with subtotals and the total
  expect_exit 0 "$TERTIAL" frames demo.db --lines "Preliminära ramar 2027"
  grep -q "^uppräkning	1	5010	Pris- och löneuppräkning	53 482 743,30	1 337 068,58$" last.out ||
    fail "--lines KS: $(cat last.out)"
  grep -q "^volym	4	4610	Äldreomsorg: fler äldre		12 720 000$" last.out || fail "--lines 48 × 265 000 kr"
  grep -q "^summa	2	Barn- och utbildningsnämnden			13 927 322$" last.out || fail "--lines BUN's summa"
  grep -q "^summa	4	Vård- och omsorgsnämnden			19 584 744,21$" last.out || fail "--lines VON's summa"
  [ "$(tail -n 1 last.out)" = "total					51 294 750,67" ] || fail "--lines total: $(tail -n 1 last.out)"
  [ "$(grep -c '^uppräkning' last.out)" = 8 ] && [ "$(grep -c '^summa' last.out)" = 8 ] ||
    fail "--lines: 8 indexations and 8 committees"
  expect_exit 0 "$TERTIAL" frames demo.db --lines "MoR 2027" --unit 2 --json
  python3 -c 'import json; d=json.load(open("last.out"), parse_float=str); assert [(x["kind"], x["change"]) for x in d] == [("belopp", "-2000000.00"), ("summa", "-2000000.00"), ("total", "-2000000.00")], d; assert d[0]["text"] == "Effektiviseringskrav skolskjuts" and d[1]["name"] == "Barn- och utbildningsnämnden", d' ||
    fail "--lines --unit --json: $(cat last.out)"
  expect_exit 0 "$TERTIAL" frames demo.db --lines "Finansplan 2027"
  printf 'belopp\t8\t6410\t\t\t-125 000,50\nsumma\t8\tTekniska nämnden\t\t\t-125 000,50\ntotal\t\t\t\t\t-125 000,50\n' > want.txt
  cmp -s want.txt last.out || fail "--lines Finansplan: $(cat last.out)"
  expect_exit 0 "$TERTIAL" frames demo.db --lines Budget
  [ "$(cat last.out)" = "total					0" ] || fail "the budget has no lines: $(cat last.out)"
  expect_exit 2 "$TERTIAL" frames demo.db --lines "Ingen version"
  expect_err "no budget version \"Ingen version\""
  expect_exit 2 "$TERTIAL" frames demo.db --lines "MoR 2027" --unit 99
  expect_exit 64 "$TERTIAL" frames demo.db --lines "MoR 2027" --depth 1
  expect_exit 64 "$TERTIAL" frames demo.db --lines "MoR 2027" --chain "MoR 2027"
  # Ramförändringar in the committee's report, from the store; it passes the audit
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 2 -o bun.json --frame-lines "Preliminära ramar 2027"
  python3 -c 'import json; d=json.load(open("bun.json")); r=d["reports"][0] if "reports" in d else d; s=[x for x in r["sections"] if x["kind"]=="frame-changes"][0]; assert s["title"]=="Ramförändringar"; assert [l["cells"][6] for l in s["lines"]]==[1132732200, 497000000, -237000000, 1392732200], s; assert s["lines"][3]["cells"][0]=="Summa"' ||
    fail "report --frame-lines: $(head -c 300 bun.json)"
  expect_exit 0 "$TERTIAL" audit bun.json
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --unit 2 -o bun.docx --frame-lines "MoR 2027" --english
  unzip -p bun.docx word/document.xml | grep -q "Frame changes" || fail "no Frame changes chapter in the document"
  expect_exit 2 "$TERTIAL" report demo.db --point T2 -o x.json --frame-lines "Ingen version"
  expect_exit 64 "$TERTIAL" report demo.db --point T2 --frame-lines "MoR 2027"
  # bash completion offers the new options (it reads --help)
  . "$GOLDEN/../../../tools/completion/tertial.bash" || fail "the completion script does not load"
  COMP_WORDS=("$TERTIAL" frames demo.db --lin) COMP_CWORD=3 COMPREPLY=()
  _tertial
  [ "${COMPREPLY[*]}" = --lines ] || fail "--lines is not completed: ${COMPREPLY[*]}"
  COMP_WORDS=("$TERTIAL" report demo.db --frame-l) COMP_CWORD=3 COMPREPLY=()
  _tertial
  [ "${COMPREPLY[*]}" = --frame-lines ] || fail "--frame-lines is not completed: ${COMPREPLY[*]}"
  ;;
*)
  echo "unknown case $case_name" >&2
  exit 99
  ;;
esac

if [ "$failures" -gt 0 ]; then
  echo "$case_name: $failures failures" >&2
  exit 1
fi
echo "$case_name: ok"
