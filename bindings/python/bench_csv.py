#!/usr/bin/python3
"""Loading a municipality's facts from a CSV file in Python: Ledger.load_csv() (C, streaming)
against pandas.read_csv() of the same file, alternating whole processes.

The file: UNITS units x ACCOUNTS accounts x 12 months of outcome (default 5 000 x 84 x 12 =
5 040 000 rows, 148 MB), columns enhet,konto,period,belopp with amounts in plain notation
("-499920.81"). Each round runs Tertial once, then pandas once, each in a fresh process, and times
only the load (the model's organisation and chart are made before the clock starts). Prints
per side the median and min-max of the seconds and of the memory, and the ratio
pandas/Tertial as the median of the rounds' ratios with their min-max. Target (issue 15): at
least 3x, and Tertial's memory no more than the model's own (its resident memory after the load
is the ledger; the peak should not exceed it by more than the 1 MiB the reader holds).

    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/bench_csv.py [--rounds 5]
        [--units 5000] [--accounts 84] [--file PATH (kept; made when missing)]

Needs Debian's python3-pandas (/usr/bin/python3 has it). A benchmark, not a test: it exits 0
whatever the ratio, 1 when the two sides' sums differ or a process fails.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def rss_mb():
    """The current resident memory (MB) of this process."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_file(path, units, accounts):
    """The facts: row i has amount (i * 7919) mod 1e8 - 5e7 öre; returns their sum in öre."""
    total, i = 0, 0
    with open(path, "w") as f:
        f.write("enhet,konto,period,belopp\n")
        for u in range(units):
            code = f"E{u:05d}"
            for a in range(accounts):
                number = 4000 + 10 * a
                lines = []
                for m in range(12):
                    v = (i * 7919) % 100000000 - 50000000
                    i += 1
                    total += v
                    lines.append(f"{code},{number},2026{m + 1:02d},{'-' if v < 0 else ''}{abs(v) // 100}."
                                 f"{abs(v) % 100:02d}\n")
                f.write("".join(lines))
    return total


def child_tertial(path, units, accounts):
    import tertial
    m = tertial.Model(2026)
    root = m.org.add_unit("K", "Kommunen", None, 0)
    for u in range(units):
        m.org.add_unit(f"E{u:05d}", f"E{u:05d}", root, 5)
    for a in range(accounts):
        m.chart.ensure(str(4000 + 10 * a))
    before = rss_mb()
    t0 = time.perf_counter()
    rows = m.ledger.load_csv(path)
    seconds = time.perf_counter() - t0
    after, peak = rss_mb(), peak_mb()
    print(f"side=tertial seconds={seconds:.4f} rows={rows} sum={m.ledger.total(root)} "
          f"before_mb={before:.1f} after_mb={after:.1f} peak_mb={peak:.1f}")


def child_pandas(path):
    import pandas
    before = rss_mb()
    t0 = time.perf_counter()
    df = pandas.read_csv(path)
    seconds = time.perf_counter() - t0
    after, peak = rss_mb(), peak_mb()
    # the sum in öre, exactly, from the text (not timed): float64 kronor would round
    total = int((df["belopp"] * 100).round().astype("int64").sum())
    print(f"side=pandas seconds={seconds:.4f} rows={len(df)} sum={total} "
          f"before_mb={before:.1f} after_mb={after:.1f} peak_mb={peak:.1f}")


def run_child(side, args, path):
    cmd = [sys.executable, os.path.abspath(__file__), "--child", side, "--file", path,
           "--units", str(args.units), "--accounts", str(args.accounts)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{side} failed:\n{out.stderr}")
    return dict(kv.split("=", 1) for kv in out.stdout.split())


def spread(values):
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--units", type=int, default=5000)
    ap.add_argument("--accounts", type=int, default=84)
    ap.add_argument("--file", help="the CSV file (made when missing, and kept)")
    ap.add_argument("--child", choices=("tertial", "pandas"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "tertial":
        return child_tertial(args.file, args.units, args.accounts)
    if args.child == "pandas":
        return child_pandas(args.file)

    try:
        import pandas  # noqa: F401
    except ImportError:
        print(f"pandas is not importable by {sys.executable}: run the benchmark with /usr/bin/python3 "
              "(Debian's python3-pandas); nothing measured")
        return 0
    tmp = None
    path = args.file
    if not path:
        tmp = tempfile.TemporaryDirectory(prefix="tertial-bench-csv-")
        path = os.path.join(tmp.name, "utfall.csv")
    expected = None
    if not os.path.exists(path):
        t0 = time.perf_counter()
        expected = make_file(path, args.units, args.accounts)
        print(f"made {path}: {os.path.getsize(path) / 1e6:.0f} MB in {time.perf_counter() - t0:.1f} s")
    rows = args.units * args.accounts * 12
    print(f"== {args.rounds} rounds, each: Tertial Ledger.load_csv(), then pandas.read_csv(), whole processes; "
          f"{rows:,} rows ({args.units} units x {args.accounts} accounts x 12 months), "
          f"{os.path.getsize(path) / 1e6:.0f} MB")
    t, p, ratios = [], [], []
    for r in range(args.rounds):
        a = run_child("tertial", args, path)
        b = run_child("pandas", args, path)
        if int(a["rows"]) != rows or int(b["rows"]) != rows:
            sys.exit(f"rows: Tertial {a['rows']}, pandas {b['rows']}, expected {rows}")
        if a["sum"] != b["sum"] or (expected is not None and int(a["sum"]) != expected):
            sys.exit(f"sums differ: Tertial {a['sum']}, pandas {b['sum']}, expected {expected}")
        t.append(a)
        p.append(b)
        ratios.append(float(b["seconds"]) / float(a["seconds"]))
        print(f"   round {r + 1}: Tertial {float(a['seconds']):.3f} s, pandas {float(b['seconds']):.3f} s, "
              f"ratio {ratios[-1]:.2f}")
    f = lambda side, key: [float(x[key]) for x in side]  # noqa: E731
    grown = [float(x["after_mb"]) - float(x["before_mb"]) for x in t]
    over = [float(x["peak_mb"]) - float(x["after_mb"]) for x in t]
    print(f"\n== summary: median (min-max) of {args.rounds} alternating rounds; sums equal ({t[0]['sum']} öre)")
    print(f"Tertial load_csv   seconds {spread(f(t, 'seconds'))}  "
          f"rows/s {rows / statistics.median(f(t, 'seconds')) / 1e6:.1f} M")
    print(f"pandas read_csv    seconds {spread(f(p, 'seconds'))}")
    print(f"ratio pandas/Tertial {spread(ratios)} (target: at least 3)")
    print(f"Tertial memory: the model grew by {spread(grown)} MB (its ledger); the peak was "
          f"{spread(over)} MB above the memory after the load (the loader's own)")
    pg = [float(x["after_mb"]) - float(x["before_mb"]) for x in p]
    print(f"pandas memory: the DataFrame {spread(pg)} MB, peak {spread(f(p, 'peak_mb'))} MB")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
