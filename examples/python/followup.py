#!/usr/bin/python3
"""A small municipality in Python: units, a budget, outcome for January-April loaded in one
call, forecasts from the unit managers, and the tertial-1 follow-up table in tkr; with a path
argument also the tertial-1 report as an xlsx workbook (a sheet per activity).

Run from a build tree (see bindings/python/README.md):
    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/followup.py [BOOK.xlsx]
"""
import sys
from decimal import Decimal

import tertial
from tertial import MEASURE_OUTCOME, View

T1 = 4  # cut-off of tertial 1: January-April


def main(book=None):
    with tertial.Model(2026) as m:
        org = m.org
        bun = org.add_unit("3", "Barn- och utbildningsnämnden", None, 1, "Karin Lund")
        gr = org.add_unit("310", "Grundskola", bun, 4, "Olof Ek")
        org.add_unit("3110", "Ängsskolan", gr, 5, "Sara Berg")
        org.add_unit("3120", "Backaskolan", gr, 5, "Jonas Dahl")
        fsk = org.add_unit("320", "Förskola", bun, 4, "Maria Holm")
        org.add_unit("3210", "Förskolan Solen", fsk, 5, "Lena Ros")
        m.chart.add("5011", "Månadslöner")
        m.chart.add("4610", "Köp av huvudverksamhet")
        m.chart.add("3110", "Barnomsorgsavgifter")

        # Annual budgets in twelfths and four months of outcome, amounts in kronor (Decimal):
        # rows of (unit, account, month, measure, amount) go to the ledger in one call.
        budget = {("3110", "5011"): 1_500_000, ("3120", "5011"): 1_200_000, ("3120", "4610"): 250_000,
                  ("3210", "5011"): 800_000, ("3210", "3110"): -120_000}
        outcome = {("3110", "5011"): 1_580_000, ("3120", "5011"): 1_150_000, ("3120", "4610"): 310_000,
                   ("3210", "5011"): 790_000, ("3210", "3110"): -131_000}
        rows = [(unit, account, month, m.current_budget, Decimal(kr))
                for (unit, account), kr in budget.items() for month in range(12)]
        rows += [(unit, account, month, MEASURE_OUTCOME, Decimal(kr))
                 for (unit, account), kr in outcome.items() for month in range(T1)]
        m.load(rows)

        # The managers' full-year forecasts per report row.
        forecasts = {("3110", "KOST_PERS"): "19000000", ("3120", "KOST_PERS"): "14000000",
                     ("3120", "KOST_KOP"): "3600000", ("3210", "KOST_PERS"): "9600000",
                     ("3210", "INT_TAXA"): "-1500000"}
        for (unit, row), kr in forecasts.items():
            m.set_forecast(org[unit], row, Decimal(kr))

        print(m.followup(bun, T1))
        print(m.followup(bun, T1, view=View.ROWS, skip_empty=True))

        findings = m.check(bun, T1)
        print(f"Kontroll: {findings.error_count} fel, {findings.warning_count} varningar")
        for f in findings:
            print(f"  {tertial.finding_kind_name(f.kind)} {f.unit_code} {f.row_code}")
        total = m.followup(bun, T1).rows(kronor=True)[-1]
        print(f"Prognosavvikelse för nämnden: {total.forecast_deviation} kr")

        if book:
            report = m.report(bun, T1, child_depth=1)  # the committee and a sheet per activity
            report.write_xlsx(book, company="Exempelkommun")
            summa = report["units"].to_dicts()[-1]
            print(f"{book}: {report.title} och {len(report.children)} verksamheter, "
                  f"Ack utfall {tertial.kronor(summa['outcome_acc'])} kr")
        return 0 if findings.error_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
