#!/usr/bin/python3
"""Bulk load of outcome rows from Python (Ledger.load: one C call) against the same load
from C (bench_bulk_c: one tertial_ledger_add_by_code() per row), and, for scale, from
Python with one call per row. Prints the times and the ratio (target: Python within 3x).

Run by `meson test -C build --benchmark --suite python`, or by hand:
    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/bench_bulk.py \\
        --c-program build/bindings/python/bench_bulk_c
"""
import argparse
import os
import re
import subprocess
import sys
import time
from decimal import Decimal

import tertial

ACCOUNTS = 40
ROWS_PER_UNIT = 12 * ACCOUNTS


def rows_of(n):
    """The rows of bench_bulk.c: row i is unit i/480, account (i/12) mod 40, month i mod 12."""
    units = [f"E{u:05d}" for u in range((n + ROWS_PER_UNIT - 1) // ROWS_PER_UNIT)]
    accounts = [str(4000 + 100 * a) for a in range(ACCOUNTS)]
    outcome = tertial.MEASURE_OUTCOME
    return [(units[i // ROWS_PER_UNIT], accounts[(i // 12) % ACCOUNTS], i % 12, outcome,
             (i * 7919) % 1000000 - 500000) for i in range(n)], units, accounts


def model_for(units, accounts):
    m = tertial.Model(2026)
    root = m.org.add_unit("K", "Kommunen", None, 0)
    for code in units:
        m.org.add_unit(code, code, root, 5)
    for number in accounts:
        m.chart.ensure(number)
    return m, root


def best_of(repeat, units, accounts, load):
    best, total = None, None
    for _ in range(repeat):
        m, root = model_for(units, accounts)
        t0 = time.perf_counter()
        load(m)
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
        total = m.ledger.total(root)
        m.close()
    return best, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--c-program", required=True, help="path of bench_bulk_c")
    ap.add_argument("--no-per-row", action="store_true", help="skip the one-call-per-row Python run")
    args = ap.parse_args()

    t0 = time.perf_counter()
    rows, units, accounts = rows_of(args.rows)
    build = time.perf_counter() - t0
    expected = sum(r[4] for r in rows)

    py, total = best_of(args.repeat, units, accounts, lambda m: m.ledger.load(rows))
    if total != expected:
        sys.exit(f"Python bulk load: total {total} != {expected}")

    out = subprocess.run([os.path.abspath(args.c_program), "--rows", str(args.rows), "--repeat", str(args.repeat)],
                         check=True, capture_output=True, text=True).stdout
    c = float(re.search(r"best_seconds=([0-9.]+)", out).group(1))
    c_total = int(re.search(r"total_ore=(-?[0-9]+)", out).group(1))
    if c_total != expected:
        sys.exit(f"C load: total {c_total} != {expected}")

    print(f"rows: {args.rows:,} outcome rows, {len(units):,} units x {ACCOUNTS} accounts x 12 months "
          f"(best of {args.repeat})")
    print(f"building the Python list of tuples (not timed below): {build:.3f} s")
    print(f"C, tertial_ledger_add_by_code() per row:       {c:.3f} s ({args.rows / c / 1e6:.2f} M rows/s)")
    print(f"Python, Ledger.load(rows) (one C call):        {py:.3f} s ({args.rows / py / 1e6:.2f} M rows/s)")
    print(f"ratio Python bulk / C: {py / c:.2f} (target: within 3; amounts as int öre)")
    kronor = [(u, a, month, measure, Decimal(ore).scaleb(-2)) for u, a, month, measure, ore in rows]
    py_kr, total = best_of(args.repeat, units, accounts, lambda m: m.ledger.load(kronor))
    if total != expected:
        sys.exit(f"Python bulk load in kronor: total {total} != {expected}")
    print(f"Python, Ledger.load(rows), Decimal kronor:     {py_kr:.3f} s (ratio to C: {py_kr / c:.2f})")
    columns = [list(c) for c in zip(*rows)]
    py_col, total = best_of(args.repeat, units, accounts, lambda m: m.ledger.load_columns(*columns))
    if total != expected:
        sys.exit(f"Python column load: total {total} != {expected}")
    print(f"Python, Ledger.load_columns(lists):            {py_col:.3f} s (ratio to C: {py_col / c:.2f})")
    try:
        import numpy
    except ImportError:
        numpy = None
    if numpy is not None:
        # the same columns as arrays: unit codes as a categorical's (categories, codes), account
        # numbers, months and öre as integer arrays, all read in place
        i = numpy.arange(args.rows)
        cols = ((units, (i // ROWS_PER_UNIT).astype(numpy.int32)),
                (4000 + 100 * ((i // 12) % ACCOUNTS)).astype(numpy.int64), (i % 12).astype(numpy.int8),
                tertial.MEASURE_OUTCOME, (i * 7919) % 1000000 - 500000)
        py_np, total = best_of(args.repeat, units, accounts, lambda m: m.ledger.load_columns(*cols))
        if total != expected:
            sys.exit(f"Python column load from NumPy: total {total} != {expected}")
        print(f"Python, Ledger.load_columns(NumPy arrays):     {py_np:.3f} s (ratio to C: {py_np / c:.2f})")
        kr = cols[:4] + (cols[4] / 100,)
        py_f, total = best_of(args.repeat, units, accounts, lambda m: m.ledger.load_columns(*kr))
        if total != expected:
            sys.exit(f"Python column load of float kronor: total {total} != {expected}")
        print(f"Python, Ledger.load_columns(float64 kronor):   {py_f:.3f} s (ratio to C: {py_f / c:.2f})")
    if not args.no_per_row:
        per_row, total = best_of(1, units, accounts,
                                 lambda m: [m.ledger.add_by_code(*r) for r in rows])
        if total != expected:
            sys.exit(f"Python per-row load: total {total} != {expected}")
        print(f"Python, Ledger.add_by_code() per row:          {per_row:.3f} s "
              f"(ratio to C: {per_row / c:.1f})")
    return 0 if py / c <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
