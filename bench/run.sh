#!/bin/sh
# Build and run the roll-up benchmark against its peers (pandas, SQLite), print a summary.
#
#   bench/run.sh [BUILDDIR]          (default: build; a release build is recommended:
#                                     meson setup build-bench --buildtype=release -Dtests=disabled)
#
# REPEAT rounds, alternating whole processes: in each round Tertial runs once, then each peer once,
# so that a slow minute of the machine falls on both sides. Medians with min–max per side, and the
# ratio peer/Tertial as the median of the per-round ratios with their min–max.
#
# Environment: UNITS (5000), ACCOUNTS (300), REPEAT (5 rounds), PEERS ("pandas sqlite"),
#   PEER_METHOD (levels | ancestors, default levels), PYTHON (/usr/bin/python3: Debian's, which
#   has python3-pandas), KEEP=1 keeps the work dir.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
UNITS=${UNITS:-5000}
ACCOUNTS=${ACCOUNTS:-300}
REPEAT=${REPEAT:-5}
PEERS=${PEERS:-pandas sqlite}
PEER_METHOD=${PEER_METHOD:-levels}

bench_build "${1:-build}" bench_rollup
bench_workdir tertial-bench

echo "== $REPEAT rounds, each: Tertial, then $PEERS ($PEER_METHOD), whole processes;" \
  "$UNITS units x $ACCOUNTS accounts x 12 months (outcome, budget, prior year)"
status=0
i=1
tfiles=
while [ "$i" -le "$REPEAT" ]; do
  f=$work/tertial.$i.out
  if [ "$i" = 1 ]; then
    "$exe" --units "$UNITS" --accounts "$ACCOUNTS" --dump "$work/data.bin" --verify "$work/tertial.csv" >"$f"
    grep '^#' "$f" | sed -n '1p;$p'
    grep '^tertial units=' "$f" | sed 's/^/   /'
  else
    "$exe" --units "$UNITS" --accounts "$ACCOUNTS" >"$f"
  fi
  tfiles="$tfiles $f"
  line=$(printf 'round %d: Tertial rollup %s s tables %s s total %s s' "$i" "$(kv "$f" tertial rollup_s)" \
    "$(kv "$f" tertial tables_s)" "$(kv "$f" tertial total_s)")
  for e in $PEERS; do
    pf=$work/$e.$i.out
    if [ "$i" = 1 ]; then
      if "$PYTHON" "$here/peer.py" --engine "$e" --method "$PEER_METHOD" "$work/data.bin" \
          --verify "$work/tertial.csv" >"$pf" 2>&1; then :; else status=1; fi
      grep -E '^(verify|  )' "$pf" | sed "s/^/   $e: /" || true
    else
      "$PYTHON" "$here/peer.py" --engine "$e" --method "$PEER_METHOD" "$work/data.bin" >"$pf" 2>&1 || status=1
    fi
    grep -q '^peer ' "$pf" || { cat "$pf"; exit 1; }
    line="$line; $e total $(kv "$pf" "peer engine=$e" total_s) s"
  done
  echo "   $line"
  i=$((i + 1))
done

t_rollup=$(stat3 rollup_s tertial $tfiles)
t_tables=$(stat3 tables_s tertial $tfiles)
t_total=$(stat3 total_s tertial $tfiles)
t_rss=$(stat3 maxrss_kb tertial $tfiles)
t_load=$(stat3 load_s tertial $tfiles)
t_sum=$(kv "$work/tertial.1.out" tertial checksum)

echo
echo "== summary ($UNITS units, $ACCOUNTS accounts, cut-off 4; buildtype=$buildtype; $REPEAT alternating rounds:" \
  "median (min–max))"
printf '%-22s %-22s %-22s %-22s %12s %18s %s\n' "" "rollup s" "tables s" "total s" "peak RSS MB" "checksum" ""
printf '%-22s %-22s %-22s %-22s %12s %18s %s\n' "Tertial" "$(rng "$t_rollup")" "$(rng "$t_tables")" "$(rng "$t_total")" \
  "$(mb "$(med "$t_rss")")" "$t_sum" "(load $(med "$t_load") s, not in the target)"
best_ratio=
for e in $PEERS; do
  pfiles=
  i=1
  while [ "$i" -le "$REPEAT" ]; do pfiles="$pfiles $work/$e.$i.out"; i=$((i + 1)); done
  f=$work/$e.1.out
  sum=$(kv "$f" "peer engine=$e" checksum)
  if [ "$sum" = "$t_sum" ] && grep -q 'result=MATCH' "$f"; then match=MATCH; else match=MISMATCH; status=1; fi
  # shellcheck disable=SC2086
  printf '%-22s %-22s %-22s %-22s %12s %18s %s\n' "$e ($PEER_METHOD)" "$(rng "$(stat3 rollup_s "peer engine=$e" $pfiles)")" \
    "$(rng "$(stat3 tables_s "peer engine=$e" $pfiles)")" "$(rng "$(stat3 total_s "peer engine=$e" $pfiles)")" \
    "$(mb "$(med "$(stat3 maxrss_kb "peer engine=$e" $pfiles)")")" "$sum" "$match"
  r_total=$(ratios "$pfiles" "$tfiles" total_s "peer engine=$e")
  printf '%-22s %-22s %-22s %-22s\n' "  ratio $e/Tertial" "$(xrange "$(ratios "$pfiles" "$tfiles" rollup_s "peer engine=$e")")" \
    "$(xrange "$(ratios "$pfiles" "$tfiles" tables_s "peer engine=$e")")" "$(xrange "$r_total")"
  ratio=$(med "$r_total")
  if [ -z "$best_ratio" ] || awk -v a="$ratio" -v b="$best_ratio" 'BEGIN { exit !(a < b) }'; then
    best_ratio=$ratio
  fi
done
echo
t_med=$(med "$t_total")
fast=$(awk -v t="$t_med" 'BEGIN { print (t < 1.0) ? "yes" : "NO" }')
tenx=$(awk -v r="${best_ratio:-0}" 'BEGIN { print (r >= 10) ? "yes" : "NO" }')
echo "target: Tertial roll-up + tables < 1 s: $fast (${t_med} s); >= 10x faster than the fastest peer: $tenx" \
  "(${best_ratio:-n/a}x, the median of the rounds' ratios)"
[ "$fast" = yes ] && [ "$tenx" = yes ] && echo "TARGET MET" || echo "TARGET NOT MET"
exit $status
