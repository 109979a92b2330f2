#!/bin/sh
# The xlsx benchmark (issue 5): the 5 000-unit synthetic municipality exported with one sheet per
# unit, against Python's XlsxWriter writing the same cells, and the memory as sheets grow.
#
#   bench/xlsx/run.sh [BUILDDIR]     (default: build-xlsxbench, set up as a release build)
#
# For every size in SIZES it runs bench_xlsx (constant-memory mode; also the normal mode with
# NORMAL=1) and reports wall time, cells/s and peak RSS; at the largest size Python's XlsxWriter
# (bench/xlsx/peer_xlsx.py, Debian's python3-xlsxwriter) writes the same cells from Tertial's
# workbook, and both workbooks are compared cell by cell (MATCH / MISMATCH).
#
# Environment: UNITS (5000), ACCOUNTS (300), SIZES ("500 1000 2000 5000", sheets), NORMAL (0),
#   LOCAL_NAMES (1: sheet-local defined names on every unit sheet, the library's default; 0: none),
#   PEER (1), PYTHON
#   (/usr/bin/python3), TMPDIR_XLSX (both writers' temporary folder; XlsxWriter makes one file
#   per sheet: default /dev/shm when it is a writable folder, else /tmp; creating thousands of
#   files on a disk file system costs both writers seconds and varies from run to run),
#   WIDE_SIZES ("1000 10000 100000": rows of ONE sheet for the memory as a sheet grows; "" skips
#   it), WIDE_ACCOUNTS (20), KEEP=1 keeps the work folder, ROUNDS (3): alternating rounds of whole
#   processes at the largest size (Tertial, then the peer; the first round is the sweep's run and
#   the first peer run), whose per-round ratios give the ratio's median and min–max.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
# shellcheck source=../../scripts/quietly.sh
. "$src/scripts/quietly.sh"
builddir=${1:-build-xlsxbench}
case $builddir in /*) ;; *) builddir=$src/$builddir ;; esac
UNITS=${UNITS:-5000}
ACCOUNTS=${ACCOUNTS:-300}
SIZES=${SIZES:-500 1000 2000 5000}
NORMAL=${NORMAL:-0}
LOCAL_NAMES=${LOCAL_NAMES:-1}
PEER=${PEER:-1}
WIDE_ACCOUNTS=${WIDE_ACCOUNTS:-20}
PYTHON=${PYTHON:-/usr/bin/python3}
if [ -z "${TMPDIR_XLSX:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then TMPDIR_XLSX=/dev/shm; else TMPDIR_XLSX=/tmp; fi
fi

if [ ! -f "$builddir/build.ninja" ]; then
  echo "== setting up $builddir (release)"
  quietly meson setup "$builddir" "$src" --buildtype=release -Dtests=disabled -Dpython=disabled
fi
buildtype=$("$PYTHON" -c 'import json, sys
opts = json.load(open(sys.argv[1]))
print(next(o["value"] for o in opts if o["name"] == "buildtype"))' "$builddir/meson-info/intro-buildoptions.json")
work=$(mktemp -d "${TMPDIR:-/tmp}/tertial-xlsxbench.XXXXXX")
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "(work folder kept: $work)" || rm -rf "$work"; }
trap cleanup EXIT INT TERM

# bench_xlsx: the meson target once bench/meson.build has subdir('xlsx'), else compiled here.
if (cd "$builddir" && ninja -t targets all 2>/dev/null | grep -q '^bench/xlsx/bench_xlsx:'); then
  echo "== building bench/xlsx/bench_xlsx in $builddir (buildtype=$buildtype)"
  quietly ninja -C "$builddir" bench/xlsx/bench_xlsx
  exe=$builddir/bench/xlsx/bench_xlsx
else
  lib=$(cd "$builddir" && ninja -t targets all | sed -n 's/^\(lib\/libtertial\.so\.[0-9.]*\): .*LINKER.*/\1/p' | head -n 1)
  echo "== building $lib in $builddir (buildtype=$buildtype) and bench_xlsx with cc"
  quietly ninja -C "$builddir" "$lib"
  ${CC:-cc} -std=c17 -O2 -I"$src/include" -I"$builddir/include" "$here/bench_xlsx.c" -L"$builddir/lib" -ltertial \
    -Wl,-rpath,"$builddir/lib" -o "$work/bench_xlsx"
  exe=$work/bench_xlsx
fi
[ "$buildtype" = release ] || echo "   note: buildtype is $buildtype, not release; timings may be pessimistic"
echo "   temporary files of both writers in $TMPDIR_XLSX"

kv() { # key=value from the last line of file $1 starting with "$2 "
  v=$(grep "^$2 " "$1" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p")
  [ -n "$v" ] || { echo "run.sh: no $3 in $1" >&2; exit 1; }
  echo "$v"
}
extra=""
[ "$LOCAL_NAMES" = 1 ] || extra="$extra --no-local-names"
extra="$extra --tmpdir $TMPDIR_XLSX"
largest=$(for n in $SIZES; do echo "$n"; done | sort -n | tail -n 1)
modes=constant
[ "$NORMAL" = 1 ] && modes="constant normal"

echo "== Tertial: $UNITS units x $ACCOUNTS accounts, a sheet per unit (sizes: $SIZES)"
for mode in $modes; do
  for n in $SIZES; do
    flag=""
    [ "$mode" = normal ] && flag="--normal"
    # shellcheck disable=SC2086
    "$exe" --units "$UNITS" --accounts "$ACCOUNTS" --sheets "$n" --out "$work/tertial-$n.xlsx" $flag $extra \
      >"$work/$mode-$n.out"
    printf '   %-8s %5d sheets: wall %6.2f s (reports %5.2f s of which root %5.2f s, write %5.2f s)  %8s cells  maxrss %4d MB (+%d MB export)\n' \
      "$mode" "$(kv "$work/$mode-$n.out" tertial sheets)" "$(kv "$work/$mode-$n.out" tertial wall_s)" \
      "$(kv "$work/$mode-$n.out" tertial reports_s)" "$(kv "$work/$mode-$n.out" tertial root_report_s)" \
      "$(kv "$work/$mode-$n.out" tertial write_s)" \
      "$(kv "$work/$mode-$n.out" tertial cells)" "$(($(kv "$work/$mode-$n.out" tertial maxrss_kb) / 1024))" \
      "$(($(kv "$work/$mode-$n.out" tertial export_kb) / 1024))"
    [ "$mode" = constant ] && [ "$n" = "$largest" ] && grep '^tertial_rss ' "$work/$mode-$n.out" | sed 's/^/      /'
  done
done

WIDE_SIZES=${WIDE_SIZES-1000 10000 100000}
if [ -n "$WIDE_SIZES" ]; then
  echo "== memory as ONE sheet grows: a kommun with N enheter directly under it, its sheet only" \
    "($WIDE_ACCOUNTS accounts; peak resident memory the export adds, reset just before it)"
  for n in $WIDE_SIZES; do
    for mode in constant normal; do
      flag=""
      [ "$mode" = normal ] && flag="--normal"
      # shellcheck disable=SC2086
      "$exe" --wide --units "$((n + 1))" --accounts "$WIDE_ACCOUNTS" --tmpdir "$TMPDIR_XLSX" $flag \
        >"$work/wide-$mode-$n.out"
      printf '   %-8s %7d rows  %9s cells  write %6.2f s  +%6.1f MB\n' "$mode" "$n" \
        "$(kv "$work/wide-$mode-$n.out" tertial_wide cells)" "$(kv "$work/wide-$mode-$n.out" tertial_wide wall_s)" \
        "$(awk -v k="$(kv "$work/wide-$mode-$n.out" tertial_wide added_kb)" 'BEGIN { print k / 1024 }')"
    done
  done
fi

status=0
if [ "$PEER" = 1 ]; then
  echo "== peer: Python XlsxWriter writing the same cells ($largest unit sheets, constant-memory mode)"
  if "$PYTHON" "$here/peer_xlsx.py" "$work/tertial-$largest.xlsx" "$work/peer.xlsx" --tmpdir "$TMPDIR_XLSX" \
      >"$work/peer.out" 2>&1; then :; else status=1; fi
  sed 's/^/   /' "$work/peer.out"
  grep -q '^peer ' "$work/peer.out" || exit 1
  # more alternating rounds at the largest size, each a whole Tertial process and then the peer's
  ROUNDS=${ROUNDS:-3}
  cp "$work/constant-$largest.out" "$work/round-t.1"
  cp "$work/peer.out" "$work/round-p.1"
  i=2
  while [ "$i" -le "$ROUNDS" ]; do
    # shellcheck disable=SC2086
    "$exe" --units "$UNITS" --accounts "$ACCOUNTS" --sheets "$largest" --out "$work/tertial-round.xlsx" $extra \
      >"$work/round-t.$i"
    "$PYTHON" "$here/peer_xlsx.py" "$work/tertial-$largest.xlsx" "$work/peer-round.xlsx" --tmpdir "$TMPDIR_XLSX" \
      >"$work/round-p.$i" 2>&1 || status=1
    grep -q '^peer ' "$work/round-p.$i" || { cat "$work/round-p.$i"; exit 1; }
    echo "   round $i: Tertial write $(kv "$work/round-t.$i" tertial write_s) s; XlsxWriter write" \
      "$(kv "$work/round-p.$i" peer write_s) s"
    i=$((i + 1))
  done
fi

out=$work/constant-$largest.out
t_wall=$(kv "$out" tertial wall_s)
t_write=$(kv "$out" tertial write_s)
t_cells=$(kv "$out" tertial cells)
echo
echo "== summary ($largest unit sheets, $t_cells cells; buildtype=$buildtype; constant-memory mode)"
printf '%-34s %9s %12s %12s %10s\n' "" "wall s" "cells/s" "peak RSS MB" ""
printf '%-34s %9.2f %12.0f %12d\n' "Tertial (reports + write)" "$t_wall" "$(awk -v c="$t_cells" -v t="$t_wall" 'BEGIN { print c / t }')" \
  "$(($(kv "$out" tertial maxrss_kb) / 1024))"
printf '%-34s %9.2f %12.0f\n' "Tertial write only" "$t_write" "$(awk -v c="$t_cells" -v t="$t_write" 'BEGIN { print c / t }')"
if [ "$PEER" = 1 ]; then
  p_write=$(kv "$work/peer.out" peer write_s)
  p_cells=$(kv "$work/peer.out" "peer" cells)
  result=$(kv "$work/peer.out" peer result)
  [ "$p_cells" = "$t_cells" ] || { echo "run.sh: the peer wrote $p_cells cells, Tertial $t_cells" >&2; status=1; }
  printf '%-34s %9.2f %12.0f %12d %10s\n' "Python XlsxWriter $(kv "$work/peer.out" peer version) (write)" "$p_write" \
    "$(awk -v c="$p_cells" -v t="$p_write" 'BEGIN { print c / t }')" "$(($(kv "$work/peer.out" peer maxrss_kb) / 1024))" \
    "$result"
  r_write=$(awk -v a="$p_write" -v b="$t_write" 'BEGIN { printf "%.1f", a / b }')
  r_wall=$(awk -v a="$p_write" -v b="$t_wall" 'BEGIN { printf "%.1f", a / b }')
  # the rounds: median and min-max of the per-round ratios (writing, and with the reports)
  i=1
  : >"$work/ratios"
  while [ "$i" -le "$ROUNDS" ]; do
    awk -v a="$(kv "$work/round-p.$i" peer write_s)" -v b="$(kv "$work/round-t.$i" tertial write_s)" \
      -v c="$(kv "$work/round-t.$i" tertial wall_s)" 'BEGIN { printf "%.3f %.3f\n", a / b, a / c }' >>"$work/ratios"
    i=$((i + 1))
  done
  med_range() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.1fx (%.1f-%.1f)", m, v[1], v[NR] }'; }
  r_write=$(cut -d' ' -f1 "$work/ratios" | med_range)
  r_wall=$(cut -d' ' -f2 "$work/ratios" | med_range)
  echo
  echo "ratio XlsxWriter/Tertial over $ROUNDS alternating rounds, median (min-max): $r_write writing the same" \
    "cells, $r_wall against Tertial's reports + write"
  med=${r_write%%x*}
  awk -v r="$med" 'BEGIN { exit !(r >= 10) }' && echo "target >= 10x (writing): met" || echo "target >= 10x (writing): NOT met"
fi
echo
echo "memory as sheets grow (constant-memory mode; peak RSS includes the loaded model):"
prev=""
for n in $SIZES; do
  f=$work/constant-$n.out
  printf '   %5d sheets: peak RSS %4d MB, of which the export %4d MB\n' "$n" "$(($(kv "$f" tertial maxrss_kb) / 1024))" \
    "$(($(kv "$f" tertial export_kb) / 1024))"
done
exit $status
