#!/usr/bin/python3
"""The edge modules from Python on the demo municipality (301 units, outcome January-October):
its SIE file (#PSALDO and #PBUDGET per unit, PC8) written, read record by record from Python
(SieReader: one C call and one SieRecord copy per record), loaded into a fresh model in one C
call (Model.load_sie), and its report written as an xlsx workbook. Prints the best of three
and the cost of reading in Python against the whole load in C (which reads the same file).

Run by `meson test -C build --benchmark --suite python`, or by hand:
    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/bench_edge.py
"""
import pathlib
import sys
import tempfile
import time

import tertial


def best_of(runs, work):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    with tertial.demo(year=2026, outcome_months=10) as m, tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp, "demo.se")
        hierarchy = m.org.format_hierarchy(202601)
        write, summary = best_of(3, lambda: m.write_sie(path))

        def read():
            with tertial.SieReader(path) as reader:
                return sum(1 for _ in reader)

        def load():
            with tertial.Model(2026) as copy:
                return copy.load_sie(path, hierarchy=hierarchy, budget_name="Budget").summary

        read_py, records = best_of(3, read)
        load_c, loaded = best_of(3, load)
        assert loaded.outcome == summary.outcome and loaded.budget == summary.budget
        report = m.report(m.org["0"], 10, child_depth=1)
        xlsx, _ = best_of(3, lambda: report.write_xlsx(pathlib.Path(tmp, "t.xlsx"), created=1))
        print(f"SIE file: {summary.bytes} bytes, {records} records, {summary.units} units")
        print(f"write_sie (C)                  {write:.4f} s")
        print(f"SieReader, records in Python   {read_py:.4f} s  ({records / read_py:,.0f} records/s)")
        print(f"load_sie (C: read and apply)   {load_c:.4f} s  (Python reading: {read_py / load_c:.1f}x)")
        print(f"write_xlsx (overview, {1 + report.child_count} reports) {xlsx:.4f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
