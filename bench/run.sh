#!/bin/sh
# Build and run the roll-up benchmark against its peers (pandas, SQLite), print a summary.
#
#   bench/run.sh [BUILDDIR]          (default: build; a release build is recommended:
#                                     meson setup build-bench --buildtype=release -Dtests=disabled)
#
# Environment: UNITS (5000), ACCOUNTS (300), REPEAT (5 runs of Tertial; the median is reported),
#   PEERS ("pandas sqlite"), PEER_METHOD (levels | ancestors, default levels),
#   PYTHON (/usr/bin/python3: Debian's, which has python3-pandas), KEEP=1 keeps the work dir.
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

echo "== Tertial: $REPEAT runs, $UNITS units x $ACCOUNTS accounts x 12 months (outcome, budget, prior year)"
tertial_runs '1p;$p' rollup tables --units "$UNITS" --accounts "$ACCOUNTS"
t_load=$(tmed load_s)
t_rollup=$(tmed rollup_s)
t_tables=$(tmed tables_s)
t_total=$(tmed total_s)
t_rss=$(tmed maxrss_kb)
t_sum=$(kv "$work/tertial.1.out" tertial checksum)

status=0
for e in $PEERS; do
  echo "== peer: $e ($PEER_METHOD)"
  if "$PYTHON" "$here/peer.py" --engine "$e" --method "$PEER_METHOD" "$work/data.bin" \
      --verify "$work/tertial.csv" >"$work/$e.out" 2>&1; then :; else status=1; fi
  grep -E '^(verify|  )' "$work/$e.out" | sed 's/^/   /' || true
  grep -q '^peer ' "$work/$e.out" || { cat "$work/$e.out"; exit 1; }
done

echo
echo "== summary ($UNITS units, $ACCOUNTS accounts, cut-off 4; buildtype=$buildtype; Tertial: median of $REPEAT)"
printf '%-22s %10s %10s %10s %12s %18s %s\n' "" "rollup s" "tables s" "total s" "peak RSS MB" "checksum" ""
printf '%-22s %10.3f %10.3f %10.3f %12.0f %18s %s\n' "Tertial" "$t_rollup" "$t_tables" "$t_total" \
  "$(echo "$t_rss" | awk '{ print $1 / 1024 }')" "$t_sum" "(load $t_load s, not in the target)"
best_ratio=
for e in $PEERS; do
  f=$work/$e.out
  r=$(kv "$f" "peer engine=$e" rollup_s)
  tb=$(kv "$f" "peer engine=$e" tables_s)
  to=$(kv "$f" "peer engine=$e" total_s)
  rss=$(kv "$f" "peer engine=$e" maxrss_kb)
  sum=$(kv "$f" "peer engine=$e" checksum)
  if [ "$sum" = "$t_sum" ] && grep -q 'result=MATCH' "$f"; then match=MATCH; else match=MISMATCH; status=1; fi
  printf '%-22s %10.3f %10.3f %10.3f %12.0f %18s %s\n' "$e ($PEER_METHOD)" "$r" "$tb" "$to" \
    "$(echo "$rss" | awk '{ print $1 / 1024 }')" "$sum" "$match"
  ratio=$(awk -v a="$to" -v b="$t_total" 'BEGIN { printf "%.1f", a / b }')
  printf '%-22s %10s %10s %10s %12s\n' "  ratio $e/Tertial" \
    "$(awk -v a="$r" -v b="$t_rollup" 'BEGIN { printf "%.1fx", a / b }')" \
    "$(awk -v a="$tb" -v b="$t_tables" 'BEGIN { printf "%.1fx", a / b }')" "${ratio}x" \
    "$(awk -v a="$rss" -v b="$t_rss" 'BEGIN { printf "%.2fx", a / b }')"
  if [ -z "$best_ratio" ] || awk -v a="$ratio" -v b="$best_ratio" 'BEGIN { exit !(a < b) }'; then
    best_ratio=$ratio
  fi
done
echo
fast=$(awk -v t="$t_total" 'BEGIN { print (t < 1.0) ? "yes" : "NO" }')
tenx=$(awk -v r="${best_ratio:-0}" 'BEGIN { print (r >= 10) ? "yes" : "NO" }')
echo "target: Tertial roll-up + tables < 1 s: $fast (${t_total} s); >= 10x faster than the fastest peer: $tenx (${best_ratio:-n/a}x)"
[ "$fast" = yes ] && [ "$tenx" = yes ] && echo "TARGET MET" || echo "TARGET NOT MET"
exit $status
