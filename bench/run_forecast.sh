#!/bin/sh
# Build and run the forecast benchmark against its pandas peer, print a summary.
#
#   bench/run_forecast.sh [BUILDDIR]   (default: build; a release build is recommended:
#                                       meson setup build-fbench --buildtype=release -Dtests=disabled)
#
# Environment: UNITS (5000), ACCOUNTS (300), CUTOFF (4), YEARS (5), BACKTEST (result | lines,
#   default result), LEAF_RULES (1: every leaf also gets a forecast rule of its own),
#   REPEAT (5 runs of Tertial), PEER_REPEAT (3 runs of the peer; medians are reported),
#   PYTHON (/usr/bin/python3: Debian's, which has python3-pandas), KEEP=1 keeps the work dir,
#   THREADS (the machine's processors, `nproc`): Tertial's threads (tertial_forecast_set_threads(),
#   tertial_backtest_best_table()); when above 1, Tertial also runs on one thread first and both
#   are reported (pandas runs on one, as it does).
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
PEER_REPEAT=${PEER_REPEAT:-3}
LEAF_RULES=${LEAF_RULES:-0}
THREADS=${THREADS:-$(nproc)}

bench_build "${1:-build}" bench_forecast
bench_workdir tertial-fbench

args="--units $UNITS --accounts $ACCOUNTS --cutoff $CUTOFF --years $YEARS --backtest $BACKTEST"
[ "$LEAF_RULES" = 1 ] && args="$args --leaf-rules"
if [ "$THREADS" != 1 ]; then
  echo "== Tertial on 1 thread: $REPEAT runs"
  # shellcheck disable=SC2086
  tertial_runs '' apply backtest $args --threads 1 | grep '^   run' || true
  s_apply=$(tmed apply_s)
  s_bt=$(tmed backtest_s)
  s_total=$(tmed total_s)
  s_rss=$(tmed maxrss_kb)
  s_hash="$(kv "$work/tertial.1.out" tertial forecast_hash) $(kv "$work/tertial.1.out" tertial backtest_hash)"
  rm -f "$work"/tertial.*.out
fi
echo "== Tertial on $THREADS threads: $REPEAT runs; $UNITS units x $ACCOUNTS accounts, cut-off $CUTOFF;" \
  "backtest: $YEARS years, scope $BACKTEST; leaf rules: $LEAF_RULES"
# shellcheck disable=SC2086
tertial_runs 's/^/   /p' apply backtest $args --threads "$THREADS"
t_load=$(tmed load_s)
t_apply=$(tmed apply_s)
t_bt=$(tmed backtest_s)
t_total=$(tmed total_s)
t_rss=$(tmed maxrss_kb)
t1=$work/tertial.1.out

status=0
echo "== peer: pandas, $PEER_REPEAT runs (each reads the dump, untimed)"
i=1
while [ "$i" -le "$PEER_REPEAT" ]; do
  f=$work/pandas.$i.out
  if [ "$i" = 1 ]; then
    if "$PYTHON" "$here/peer_forecast.py" "$work/data.bin" --verify "$work/tertial.csv" >"$f" 2>&1; then :; else status=1; fi
    grep -E '^(#|verify)' "$f" | sed 's/^/   /' || true
  else
    "$PYTHON" "$here/peer_forecast.py" "$work/data.bin" >"$f" 2>&1 || status=1
  fi
  grep -q '^peer ' "$f" || { cat "$f"; exit 1; }
  printf '   run %d: apply %ss backtest %ss total %ss maxrss %s kB (exact slow path: %s + %s elements)\n' "$i" \
    "$(kv "$f" "peer engine=pandas" apply_s)" "$(kv "$f" "peer engine=pandas" backtest_s)" \
    "$(kv "$f" "peer engine=pandas" total_s)" "$(kv "$f" "peer engine=pandas" maxrss_kb)" \
    "$(kv "$f" "peer engine=pandas" slow_path_apply)" "$(kv "$f" "peer engine=pandas" slow_path_backtest)"
  i=$((i + 1))
done
pmed() { for f in "$work"/pandas.*.out; do kv "$f" "peer engine=pandas" "$1"; done | median; }
p_apply=$(pmed apply_s)
p_bt=$(pmed backtest_s)
p_total=$(pmed total_s)
p_rss=$(pmed maxrss_kb)
p1=$work/pandas.1.out

match=MATCH
for k in forecast_sum adjustment_sum forecast_hash backtest_error_sum backtest_hash; do
  [ "$(kv "$t1" tertial "$k")" = "$(kv "$p1" "peer engine=pandas" "$k")" ] || { match=MISMATCH; echo "   $k differs"; }
done
grep -q 'result=MATCH' "$p1" || match=MISMATCH
[ "$match" = MATCH ] || status=1

echo
echo "== summary ($UNITS units, $ACCOUNTS accounts, cut-off $CUTOFF, backtest $BACKTEST x $YEARS years;" \
  "buildtype=$buildtype; medians of $REPEAT / $PEER_REPEAT runs)"
printf '%-20s %10s %11s %10s %12s %18s %18s\n' "" "apply s" "backtest s" "total s" "peak RSS MB" "forecast_hash" "backtest_hash"
if [ "$THREADS" != 1 ]; then
  # shellcheck disable=SC2086
  printf '%-20s %10.3f %11.3f %10.3f %12s %18s %18s\n' "Tertial, 1 thread" "$s_apply" "$s_bt" "$s_total" \
    "$(mb "$s_rss")" $s_hash
  [ "$s_hash" = "$(kv "$t1" tertial forecast_hash) $(kv "$t1" tertial backtest_hash)" ] ||
    { echo "   Tertial's results differ between 1 and $THREADS threads"; match=MISMATCH; status=1; }
fi
printf '%-20s %10.3f %11.3f %10.3f %12s %18s %18s\n' "Tertial, $THREADS threads" "$t_apply" "$t_bt" "$t_total" \
  "$(mb "$t_rss")" "$(kv "$t1" tertial forecast_hash)" "$(kv "$t1" tertial backtest_hash)"
printf '%-20s %10.3f %11.3f %10.3f %12s %18s %18s %s\n' "pandas" "$p_apply" "$p_bt" "$p_total" "$(mb "$p_rss")" \
  "$(kv "$p1" "peer engine=pandas" forecast_hash)" "$(kv "$p1" "peer engine=pandas" backtest_hash)" "$match"
r_apply=$(ratio "$p_apply" "$t_apply")
r_bt=$(ratio "$p_bt" "$t_bt")
r_total=$(ratio "$p_total" "$t_total")
printf '%-20s %10s %11s %10s %12s\n' "ratio pandas/Tertial" "${r_apply}x" "${r_bt}x" "${r_total}x" \
  "$(awk -v a="$p_rss" -v b="$t_rss" 'BEGIN { printf "%.2fx", a / b }')"
echo "   forecast_sum $(kv "$t1" tertial forecast_sum) öre over $(kv "$t1" tertial forecasts) forecasts;" \
  "Tertial's load (model, plan, past years; untimed): $t_load s"
echo
if [ "$THREADS" != 1 ]; then
  echo "ratio pandas / Tertial on 1 thread: apply $(ratio "$p_apply" "$s_apply")x, backtest" \
    "$(ratio "$p_bt" "$s_bt")x, total $(ratio "$p_total" "$s_total")x"
fi
verdict() { awk -v r="$1" 'BEGIN { print (r >= 10) ? "yes" : "NO" }'; }
echo "target: Tertial ($THREADS threads) >= 10x faster than pandas: total $(verdict "$r_total") (${r_total}x);" \
  "apply $(verdict "$r_apply") (${r_apply}x); backtest $(verdict "$r_bt") (${r_bt}x)"
[ "$(verdict "$r_total")" = yes ] && echo "TARGET MET" || echo "TARGET NOT MET"
echo "checksums: $match"
exit $status
