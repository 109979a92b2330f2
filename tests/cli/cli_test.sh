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
  for c in init import-sie org budget forecast measures accruals snapshot report check accuracy; do
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
  expect_err ".xlsx, .csv or .json"
  expect_exit 0 "$TERTIAL" init empty.db --year 2025 --start-month 7
  expect_exit 0 "$TERTIAL" org empty.db
  expect_exit 2 "$TERTIAL" report empty.db --point T1
  expect_err "no units"
  expect_exit 0 "$TERTIAL" init sie.db --year 2024
  expect_exit 0 "$TERTIAL" import-sie sie.db "$GOLDEN/../../fixtures/sie/load_type3.se"
  [ -s last.err ] && fail "import-sie printed without --verbose: $(cat last.err)"
  expect_exit 0 "$TERTIAL" org sie.db
  grep -q "6410 HVB barn och unga" last.out || fail "the imported unit is missing: $(cat last.out)"
  expect_exit 0 "$TERTIAL" budget sie.db
  grep -q "Budget SIE" last.out || fail "the imported budget is missing: $(cat last.out)"
  ;;
bad-input)
  expect_exit 3 "$TERTIAL" report missing.db --point T1
  expect_err "missing.db"
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
  expect_exit 0 "$TERTIAL" snapshot demo.db T2 --date 2026-09-10
  expect_exit 0 "$TERTIAL" snapshot demo.db JANOKT --date 2026-11-10
  expect_exit 2 "$TERTIAL" snapshot demo.db T2 --date 2026-09-11
  expect_err "follow-up point T2 was frozen on 2026-09-10 and cannot be changed"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT --compare T2 -o report.json
  grep -q 'prognos (T2)' report.json || fail "the report does not compare with the frozen T2"
  expect_exit 2 "$TERTIAL" report demo.db --point JANOKT --compare T1 -o report.json
  expect_err "T1"
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
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --year 2024
  cp last.out y24-before.txt
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2 --year 2025 --adjust "3111;KOST_KOP;1 000 000;Placeringar"
  expect_exit 0 "$TERTIAL" report demo.db --point T2 --year 2024
  cmp -s y24-before.txt last.out || fail "a forecast of 2025 changed 2024"
  expect_exit 0 "$TERTIAL" report demo.db --point JANOKT
  cmp -s latest.txt last.out || fail "a forecast of 2025 changed 2026"
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
accuracy)
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025
  golden accuracy-2025.txt last.out
  expect_exit 0 "$TERTIAL" accuracy demo.db 2025 --unit 3 --level 4
  golden accuracy-2025-3.txt last.out
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
  printf '1\t3111\tKOST_KOP\tproposed\t300 000\t2026-10-01\t-\tHemmaplanslösning i stället för HVB\tFler placeringar HVB\tTvå barn flyttas till familjehem\t\n' > want.txt
  printf '2\t3114\tKOST_PERS\tproposed\t120 000\t2026-09-15\t-\tMinskad övertid\tVakanser täcks med övertid\tLängre handläggningstider\t\n' >> want.txt
  cmp -s want.txt last.out || fail "measures after --add: $(cat last.out)"
  # a proposed measure is not fed into the forecast, and the message says why
  expect_exit 2 "$TERTIAL" measures demo.db --feed 1
  expect_err 'measure 1 ("Hemmaplanslösning i stället för HVB") is proposed; only a decided, in-progress or done measure can be fed'
  # decided: fed as a planned measure; done: fed as a measure taken
  expect_exit 0 "$TERTIAL" measures demo.db --status "1;decided;Beslutad i socialnämnden 2026-09-20" --status "2;done" \
    --feed 1 --feed 2 --list
  printf '1\t3111\tKOST_KOP\tdecided\t300 000\t2026-10-01\tplanned\tHemmaplanslösning i stället för HVB\tFler placeringar HVB\tTvå barn flyttas till familjehem\tBeslutad i socialnämnden 2026-09-20\n' > want.txt
  printf '2\t3114\tKOST_PERS\tdone\t120 000\t2026-09-15\ttaken\tMinskad övertid\tVakanser täcks med övertid\tLängre handläggningstider\t\n' >> want.txt
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
