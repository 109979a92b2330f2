#!/bin/sh
# Build and run the forecast benchmark against its pandas peer, print a summary.
#
#   bench/run_forecast.sh [BUILDDIR]   (default: build; a release build is recommended:
#                                       meson setup build-fbench --buildtype=release -Dtests=disabled)
#
# REPEAT rounds, alternating whole processes: each round runs Tertial on one thread, Tertial on
# THREADS threads (when above 1) and pandas, once each. Medians with min–max per side; the ratios
# pandas/Tertial are the medians of the per-round ratios, with their min–max.
#
# Environment: UNITS (5000), ACCOUNTS (300), CUTOFF (4), YEARS (5), BACKTEST (result | lines,
#   default result), LEAF_RULES (1: every leaf also gets a forecast rule of its own),
#   REPEAT (5 rounds), PYTHON (/usr/bin/python3: Debian's, which has python3-pandas), KEEP=1 keeps
#   the work dir, THREADS (the machine's processors, `nproc`): Tertial's threads
#   (tertial_forecast_set_threads(), tertial_backtest_best_table()); pandas runs on one, as it does.
#   Exits non-zero when the peer did not compute the same numbers.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
UNITS=${UNITS:-5000}
ACCOUNTS=${ACCOUNTS:-300}
CUTOFF=${CUTOFF:-4}
YEARS=${YEARS:-5}
BACKTEST=${BACKTEST:-result}
REPEAT=${REPEAT:-5}
LEAF_RULES=${LEAF_RULES:-0}
THREADS=${THREADS:-$(nproc)}

bench_build "${1:-build}" bench_forecast
bench_workdir tertial-fbench

args="--units $UNITS --accounts $ACCOUNTS --cutoff $CUTOFF --years $YEARS --backtest $BACKTEST"
[ "$LEAF_RULES" = 1 ] && args="$args --leaf-rules"
sides="1"
[ "$THREADS" != 1 ] && sides="1 $THREADS"
echo "== $REPEAT rounds, each: Tertial on $(echo "$sides" | sed 's/ / and /') thread(s), then pandas, whole processes;" \
  "$UNITS units x $ACCOUNTS accounts, cut-off $CUTOFF; backtest: $YEARS years, scope $BACKTEST; leaf rules: $LEAF_RULES"
status=0
i=1
while [ "$i" -le "$REPEAT" ]; do
  line="round $i:"
  for n in $sides; do
    f=$work/tertial-$n.$i.out
    if [ "$i" = 1 ] && [ "$n" = 1 ]; then
      # shellcheck disable=SC2086
      "$exe" $args --threads "$n" --dump "$work/data.bin" --verify "$work/tertial.csv" >"$f"
      grep '^#' "$f" | sed 's/^/   /'
    else
      # shellcheck disable=SC2086
      "$exe" $args --threads "$n" >"$f"
    fi
    line="$line Tertial/$n apply $(kv "$f" tertial apply_s) backtest $(kv "$f" tertial backtest_s) total $(kv "$f" tertial total_s) s;"
  done
  f=$work/pandas.$i.out
  if [ "$i" = 1 ]; then
    if "$PYTHON" "$here/peer_forecast.py" "$work/data.bin" --verify "$work/tertial.csv" >"$f" 2>&1; then :; else status=1; fi
    grep -E '^(#|verify)' "$f" | sed 's/^/   pandas: /' || true
  else
    "$PYTHON" "$here/peer_forecast.py" "$work/data.bin" >"$f" 2>&1 || status=1
  fi
  grep -q '^peer ' "$f" || { cat "$f"; exit 1; }
  echo "   $line pandas apply $(kv "$f" "peer engine=pandas" apply_s) backtest $(kv "$f" "peer engine=pandas" backtest_s)" \
    "total $(kv "$f" "peer engine=pandas" total_s) s"
  i=$((i + 1))
done

files() { # files PREFIX: the rounds' output files of one side
  i=1
  while [ "$i" -le "$REPEAT" ]; do printf '%s ' "$work/$1.$i.out"; i=$((i + 1)); done
}
pfiles=$(files pandas)
p1=$work/pandas.1.out
t1=$work/tertial-1.1.out
match=MATCH
for n in $sides; do
  f=$work/tertial-$n.1.out
  for k in forecast_sum adjustment_sum forecast_hash backtest_error_sum backtest_hash; do
    [ "$(kv "$f" tertial "$k")" = "$(kv "$p1" "peer engine=pandas" "$k")" ] || { match=MISMATCH; echo "   $k differs ($n threads)"; }
  done
done
grep -q 'result=MATCH' "$p1" || match=MISMATCH
[ "$match" = MATCH ] || status=1

echo
echo "== summary ($UNITS units, $ACCOUNTS accounts, cut-off $CUTOFF, backtest $BACKTEST x $YEARS years;" \
  "buildtype=$buildtype; $REPEAT alternating rounds: median (min-max))"
printf '%-22s %-22s %-22s %-22s %12s %18s %18s\n' "" "apply s" "backtest s" "total s" "peak RSS MB" "forecast_hash" \
  "backtest_hash"
for n in $sides; do
  tf=$(files "tertial-$n")
  # shellcheck disable=SC2086
  printf '%-22s %-22s %-22s %-22s %12s %18s %18s\n' "Tertial, $n thread(s)" "$(rng "$(stat3 apply_s tertial $tf)")" \
    "$(rng "$(stat3 backtest_s tertial $tf)")" "$(rng "$(stat3 total_s tertial $tf)")" \
    "$(mb "$(med "$(stat3 maxrss_kb tertial $tf)")")" "$(kv "$work/tertial-$n.1.out" tertial forecast_hash)" \
    "$(kv "$work/tertial-$n.1.out" tertial backtest_hash)"
done
# shellcheck disable=SC2086
printf '%-22s %-22s %-22s %-22s %12s %18s %18s %s\n' "pandas" "$(rng "$(stat3 apply_s "peer engine=pandas" $pfiles)")" \
  "$(rng "$(stat3 backtest_s "peer engine=pandas" $pfiles)")" "$(rng "$(stat3 total_s "peer engine=pandas" $pfiles)")" \
  "$(mb "$(med "$(stat3 maxrss_kb "peer engine=pandas" $pfiles)")")" "$(kv "$p1" "peer engine=pandas" forecast_hash)" \
  "$(kv "$p1" "peer engine=pandas" backtest_hash)" "$match"
for n in $sides; do
  tf=$(files "tertial-$n")
  printf '%-22s %-22s %-22s %-22s\n' "  pandas/Tertial ($n)" "$(xrange "$(ratios "$pfiles" "$tf" apply_s "peer engine=pandas")")" \
    "$(xrange "$(ratios "$pfiles" "$tf" backtest_s "peer engine=pandas")")" \
    "$(xrange "$(ratios "$pfiles" "$tf" total_s "peer engine=pandas")")"
done
echo "   forecast_sum $(kv "$t1" tertial forecast_sum) öre over $(kv "$t1" tertial forecasts) forecasts;" \
  "Tertial's load (model, plan, past years; untimed): $(med "$(stat3 load_s tertial $(files tertial-1))") s"
echo
verdict() { awk -v r="$1" 'BEGIN { print (r >= 10) ? "yes" : "NO" }'; }
r1=$(med "$(ratios "$pfiles" "$(files tertial-1)" total_s "peer engine=pandas")")
echo "target: Tertial on 1 thread >= 10x faster than pandas (total): $(verdict "$r1") (${r1}x)"
if [ "$THREADS" != 1 ]; then
  rn=$(med "$(ratios "$pfiles" "$(files "tertial-$THREADS")" total_s "peer engine=pandas")")
  faster=$(awk -v a="$rn" -v b="$r1" 'BEGIN { print (a > b) ? "yes" : "NO" }')
  echo "        and faster again on $THREADS threads: $faster (${rn}x)"
  [ "$(verdict "$r1")" = yes ] && [ "$faster" = yes ] && echo "TARGET MET" || echo "TARGET NOT MET"
else
  [ "$(verdict "$r1")" = yes ] && echo "TARGET MET" || echo "TARGET NOT MET"
fi
echo "checksums: $match"
exit $status
