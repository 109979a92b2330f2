#!/bin/sh
# The SIE import benchmark (issue 4): see bench/sie/README.md.
#
#   bench/sie/run.sh [BUILDDIR]        (default: build; set up as a release build if missing)
#
# For each size in SIZES (MB of 1e6 bytes) it writes the synthetic SIE 4 file once into a work
# dir in $TMPDIR (removed at the end unless KEEP=1; only one file exists at a time), then
# - times `wc -l` on it: once right after writing ("cold-ish": the file was just written, so
#   much of it is probably still in the page cache; the script does not drop caches), then
#   REPEAT times warm (median), as the I/O floor;
# - runs `bench_sie --mode read` (the streaming reader alone) REPEAT times (median);
# - runs REPEAT alternating rounds of `bench_sie` (tertial_sie_load_file into a fresh model; the
#   first run checks the loaded amounts against the generator's sums) and the peer `naive_sie`
#   (a naive mmap + hash-table aggregator of the same file, checked against the same sums);
# and prints MB/s, #TRANS/s, the ratio to `wc -l` and to the naive aggregator (median of the
# rounds' ratios, min-max), the peak RSS, and whether the targets are met (>= TARGET MB/s, and not
# slower than the naive aggregator). Peak RSS is printed for every size: it must not grow with
# the file beyond the model (the ledger lines it holds are printed beside it).
#
# GENARGS defaults to a realistic spread: 4 800 units each booking on any of the accounts of its
# kinds ("--units 4800 --spread 1", about 1.4 M (unit, account) lines at 1 GB); GENARGS="" gives
# the earlier narrow profile (2 000 units x about 40 accounts each).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd) # bench/: common.sh's helpers
# shellcheck source-path=SCRIPTDIR source=../common.sh
. "$here/common.sh"
SIZES=${SIZES:-256 1100}
REPEAT=${REPEAT:-3}
TARGET=${TARGET:-200}
GENARGS=${GENARGS---units 4800 --spread 1}

bench_build "${1:-build}" sie/gen_sie
gen=$exe
quietly ninja -C "$builddir" bench/sie/bench_sie bench/sie/naive_sie
bench=$builddir/bench/sie/bench_sie
naive=$builddir/bench/sie/naive_sie
bench_workdir bench_sie

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# key=value from a "sie ..." line
kv() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p" | tail -n 1; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0) ? b / 1e6 / s : 0 }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
summary=$work/summary.txt
: >"$summary"
status=0
for size in $SIZES; do
  f=$work/bench.se
  echo "== size $size MB"
  # shellcheck disable=SC2086
  "$gen" --size "$size" $GENARGS "$f" "$work/hierarchy.txt" "$work/sums.txt" | sed 's/^/   /'
  bytes=$(wc -c <"$f")

  t0=$(now); lines=$(wc -l <"$f"); t1=$(now)
  wc_cold=$(elapsed "$t0" "$t1")
  i=1
  while [ "$i" -le "$REPEAT" ]; do
    t0=$(now); wc -l <"$f" >/dev/null; t1=$(now)
    elapsed "$t0" "$t1" >>"$work/wc.$size"
    i=$((i + 1))
  done
  wc_s=$(median <"$work/wc.$size")
  echo "   wc -l: $lines lines; first run ${wc_cold}s (cold-ish: just written), warm median ${wc_s}s = $(rate "$bytes" "$wc_s") MB/s"

  i=1
  while [ "$i" -le "$REPEAT" ]; do
    out=$work/read.$size.$i
    "$bench" --mode read --no-check "$f" "$work/hierarchy.txt" "$work/sums.txt" >"$out" || status=1
    grep "^read " "$out" | sed "s/^/   run $i: /"
    i=$((i + 1))
  done
  i=1
  while [ "$i" -le "$REPEAT" ]; do
    out=$work/load.$size.$i
    if [ "$i" = 1 ]; then
      "$bench" "$f" "$work/hierarchy.txt" "$work/sums.txt" >"$out" || status=1
    else
      "$bench" --mode load --no-check "$f" "$work/hierarchy.txt" "$work/sums.txt" >"$out" || status=1
    fi
    grep "^load " "$out" | sed "s/^/   round $i: /"
    "$naive" "$f" "$work/sums.txt" >"$work/naive.$size.$i" || status=1
    sed "s/^/   round $i: /" "$work/naive.$size.$i"
    i=$((i + 1))
  done
  med() { for o in "$work/$1.$size".*; do kv "$o" "$2"; done | median; }
  read_s=$(med read seconds)
  load_s=$(med load seconds)
  load_cpu=$(med load cpu_s)
  trans=$(kv "$work/load.$size.1" trans)
  rss=$(med load maxrss_kb)
  rss_read=$(med read maxrss_kb)
  ledger=$(kv "$work/load.$size.1" ledger_lines)
  check=$(kv "$work/load.$size.1" check)
  naive_s=$(med naive seconds)
  naive_rss=$(med naive maxrss_kb)
  grep -q 'check=ok' "$work/naive.$size.1" || { check="$check,naive-FAILED"; status=1; }
  # the rounds' ratios naive/Tertial of the wall time: median min max
  vs=$(i=1; while [ "$i" -le "$REPEAT" ]; do
    awk -v a="$(kv "$work/naive.$size.$i" seconds)" -v b="$(kv "$work/load.$size.$i" seconds)" \
      'BEGIN { printf "%.3f\n", (b > 0) ? a / b : 0 }'
    i=$((i + 1))
  done | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.2f:%.2f-%.2f\n", m, v[1], v[NR] }')
  printf '%s %s %s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$size" "$bytes" "$trans" "$wc_s" "$read_s" "$load_s" \
    "$load_cpu" "$rss" "$rss_read" "$ledger" "$check" "$lines" "$naive_s" "$naive_rss" "$vs" >>"$summary"
  rm -f "$f"
done

echo
echo "== summary (medians of $REPEAT runs; MB = 1e6 bytes)"
printf '%8s %14s %11s %10s %10s %10s %10s %12s %9s %9s %10s %8s\n' size_MB bytes TRANS wc_MB/s read_MB/s \
  load_MB/s load_s TRANS/s load/wc peak_RSS ledger check
while read -r size bytes trans wc_s read_s load_s load_cpu rss rss_read ledger check lines naive_s naive_rss vs; do
  printf '%8s %14s %11s %10s %10s %10s %10s %12.0f %9s %8.1fM %10s %8s\n' "$size" "$bytes" "$trans" \
    "$(rate "$bytes" "$wc_s")" "$(rate "$bytes" "$read_s")" "$(rate "$bytes" "$load_s")" "$load_s" \
    "$(awk -v t="$trans" -v s="$load_s" 'BEGIN { print (s > 0) ? t / s : 0 }')" "$(div "$load_s" "$wc_s")" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$ledger" "$check"
  echo "         (load CPU time ${load_cpu}s = $(rate "$bytes" "$load_cpu") MB/s; reader alone peak RSS $(awk -v k="$rss_read" 'BEGIN { printf "%.1f", k / 1024 }') MB)"
  echo "         naive aggregator: $(rate "$bytes" "$naive_s") MB/s, peak RSS $(awk -v k="$naive_rss" 'BEGIN { printf "%.1f", k / 1024 }') MB;" \
    "naive time / Tertial time $(echo "$vs" | sed 's/:/x (/; s/$/)/') (above 1: Tertial is faster)"
done <"$summary"

last=$(tail -n 1 "$summary")
# shellcheck disable=SC2086 # the fields of a summary line
set -- $last
best_rate=$(rate "$2" "$6")
echo
if [ "$(awk -v r="$best_rate" -v t="$TARGET" 'BEGIN { print (r >= t) }')" = 1 ]; then
  echo "== target: load of the $1 MB file at $best_rate MB/s (median wall time) >= $TARGET MB/s: met"
else
  echo "== target: load of the $1 MB file at $best_rate MB/s (median wall time) < $TARGET MB/s: NOT met"
fi
vs_last=$(echo "${15}" | cut -d: -f1)
if [ "$(awk -v r="$vs_last" 'BEGIN { print (r >= 1) }')" = 1 ]; then
  echo "== target: not slower than the naive aggregator: met (${vs_last}x)"
else
  echo "== target: not slower than the naive aggregator: NOT met (${vs_last}x)"
fi
first=$(head -n 1 "$summary")
# shellcheck disable=SC2086
set -- $first
rss_small=$8 ledger_small=${10}
# shellcheck disable=SC2086
set -- $last
echo "== memory: peak RSS $(awk -v k="$rss_small" 'BEGIN { printf "%.1f", k / 1024 }') MB ($ledger_small ledger lines) at the first size," \
  "$(awk -v k="$8" 'BEGIN { printf "%.1f", k / 1024 }') MB (${10} ledger lines) at the last"
echo "== machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other jobs make wall times longer than CPU times)"
[ "$status" = 0 ] || echo "== a run FAILED its checks (see above)"
exit "$status"
