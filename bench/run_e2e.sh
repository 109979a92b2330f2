#!/bin/sh
# The end-to-end job against pandas (issue 17): the same input file read, the roll-up and every
# unit's follow-up tables computed, every table line written, timed as a whole on both sides.
#
#   bench/run_e2e.sh [BUILDDIR]        (default: build; a release build is recommended:
#                                       meson setup build-bench --buildtype=release -Dtests=disabled)
#
# Once, untimed: bench_rollup writes the municipality's amounts as a long CSV of facts (a row per
# unit, account, month and measure: enhet,konto,månad,measure,belopp, as a finance system exports
# them; 8.3 M rows and 209 MB at 1 000 units) and the dump that gives the peer the organisation,
# chart and forecasts (Tertial builds those from the seed, untimed on both sides).
# Then REPEAT alternating rounds of whole processes: `bench_rollup --e2e` (tertial_ledger_load_csv,
# tertial_ledger_rollup, both tables of every unit, every line to a CSV file) and
# `peer.py --e2e` (pandas read_csv, the same sums, DataFrame.to_csv). The first round checks that
# both wrote the same lines (sorted files byte for byte) and the same checksum. Prints medians
# with min–max and the ratio pandas/Tertial as the median of the rounds' ratios.
#
# Environment: UNITS (1000), ACCOUNTS (300), REPEAT (5), PYTHON (/usr/bin/python3: Debian's, which
#   has python3-pandas), KEEP=1 keeps the work dir.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
UNITS=${UNITS:-1000}
ACCOUNTS=${ACCOUNTS:-300}
REPEAT=${REPEAT:-5}
bench_build "${1:-build}" bench_rollup
bench_workdir tertial-e2e
facts=$work/facts.csv
"$exe" --units "$UNITS" --accounts "$ACCOUNTS" --dump "$work/data.bin" --facts "$facts" >/dev/null
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $REPEAT rounds, each: Tertial, then pandas, whole processes; $UNITS units x $ACCOUNTS accounts;" \
  "facts file $(wc -l <"$facts") lines, $(($(wc -c <"$facts") / 1000000)) MB"
status=0
tfiles=
pfiles=
i=1
while [ "$i" -le "$REPEAT" ]; do
  tf=$work/tertial.$i.out pf=$work/pandas.$i.out
  "$exe" --units "$UNITS" --accounts "$ACCOUNTS" --e2e "$facts" --out "$work/tertial.csv" >"$tf" || status=1
  if [ "$i" = 1 ]; then
    "$PYTHON" "$here/peer.py" "$work/data.bin" --e2e "$facts" --out "$work/pandas.csv" \
      --verify "$work/tertial.csv" >"$pf" 2>&1 || status=1
    LC_ALL=C sort "$work/tertial.csv" >"$work/tertial.sorted"
    LC_ALL=C sort "$work/pandas.csv" >"$work/pandas.sorted"
    if cmp -s "$work/tertial.sorted" "$work/pandas.sorted" && grep -q 'result=MATCH' "$pf"; then
      same="the same $(wc -l <"$work/tertial.csv") lines"
    else
      same="DIFFERENT lines"
      status=1
    fi
  else
    "$PYTHON" "$here/peer.py" "$work/data.bin" --e2e "$facts" --out "$work/pandas.csv" >"$pf" 2>&1 || status=1
  fi
  grep -q '^peer e2e ' "$pf" || { cat "$pf"; exit 1; }
  echo "   round $i: Tertial $(kv "$tf" tertial total_s) s (read $(kv "$tf" tertial read_s) s);" \
    "pandas $(kv "$pf" "peer e2e" total_s) s (read $(kv "$pf" "peer e2e" read_s) s)"
  tfiles="$tfiles $tf"
  pfiles="$pfiles $pf"
  i=$((i + 1))
done
t_sum=$(kv "$work/tertial.1.out" tertial checksum)
p_sum=$(kv "$work/pandas.1.out" "peer e2e" checksum)
[ "$t_sum" = "$p_sum" ] || { same="$same, DIFFERENT checksums"; status=1; }
echo
echo "== summary ($UNITS units, $ACCOUNTS accounts; buildtype=$buildtype; $REPEAT alternating rounds: median (min–max))"
printf '%-22s %-22s %-22s %-22s %12s %18s\n' "" "read s" "compute+write s" "total s" "peak RSS MB" "checksum"
# shellcheck disable=SC2086
printf '%-22s %-22s %-22s %-22s %12s %18s\n' "Tertial" "$(rng "$(stat3 read_s tertial $tfiles)")" \
  "$(rng "$(stat3 compute_write_s tertial $tfiles)")" "$(rng "$(stat3 total_s tertial $tfiles)")" \
  "$(mb "$(med "$(stat3 maxrss_kb tertial $tfiles)")")" "$t_sum"
# shellcheck disable=SC2086
printf '%-22s %-22s %-22s %-22s %12s %18s\n' "pandas" "$(rng "$(stat3 read_s "peer e2e" $pfiles)")" \
  "$(rng "$(stat3 compute_write_s "peer e2e" $pfiles)")" "$(rng "$(stat3 total_s "peer e2e" $pfiles)")" \
  "$(mb "$(med "$(stat3 maxrss_kb "peer e2e" $pfiles)")")" "$p_sum"
r_total=$(ratios "$pfiles" "$tfiles" total_s "peer e2e")
printf '%-22s %-22s %-22s %-22s\n' "  ratio pandas/Tertial" "$(xrange "$(ratios "$pfiles" "$tfiles" read_s "peer e2e")")" \
  "$(xrange "$(ratios "$pfiles" "$tfiles" compute_write_s "peer e2e")")" "$(xrange "$r_total")"
echo "   outputs: $same"
echo
five=$(awk -v r="$(med "$r_total")" 'BEGIN { print (r >= 5) ? "yes" : "NO" }')
echo "target: the end-to-end job >= 5x faster than pandas: $five ($(med "$r_total")x, the median of the rounds' ratios)"
[ "$five" = yes ] && [ "$status" = 0 ] && echo "TARGET MET" || echo "TARGET NOT MET"
exit $status
