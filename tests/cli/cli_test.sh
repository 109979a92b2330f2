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
  for c in init import-sie org budget forecast snapshot report check; do
    expect_exit 0 "$TERTIAL" "$c" --help
    grep -q "Exit status" last.out || fail "$c --help does not document the exit status"
  done
  expect_exit 1 "$TERTIAL"
  expect_exit 1 "$TERTIAL" frobnicate demo.db
  expect_err 'unknown command "frobnicate"'
  expect_exit 1 "$TERTIAL" report
  expect_exit 1 "$TERTIAL" report demo.db
  expect_err "--point is required"
  expect_exit 1 "$TERTIAL" init demo.db --no-such-option
  expect_exit 0 "$TERTIAL" init demo.db --demo
  expect_exit 2 "$TERTIAL" init demo.db
  expect_err "already holds a model"
  expect_exit 0 "$TERTIAL" check demo.db --point T2
  expect_exit 0 "$TERTIAL" forecast demo.db --point T2
  expect_exit 1 "$TERTIAL" report demo.db --point T2 -o report.txt
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
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20250101 20251231\n' > wrong-year.se
  printf '#FLAGGA 0\n#SIETYP 3\n#RAR 0 20260101 20261231\n#KONTO 5011 "Personal"\n#PSALDO 0 202601 5011 {} 1000.00\n' > good.se
  expect_exit 2 "$TERTIAL" import-sie demo.db good.se wrong-year.se
  expect_err "wrong-year.se"
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
  expect_exit 1 "$TERTIAL" forecast demo.db --point JANOKT --kind maybe
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
