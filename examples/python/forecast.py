#!/usr/bin/python3
"""The full-year forecast of tertial 1 in Python, on the demo municipality: methods per unit and
report row, an explained adjustment, a planned measure, the forecast applied to the model, the
follow-up table with the reasons for the deviation, the escalation rule, and the forecast frozen
as the snapshot of the follow-up point.

Run from a build tree (see bindings/python/README.md):
    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/forecast.py
"""
import datetime
import sys
from decimal import Decimal

import tertial
from tertial import AdjustmentKind, DeviationClass, ForecastMethod, MeasureStatus

T1 = 4  # cut-off of tertial 1: January-April


def main():
    # Exempelkommun with outcome January-April: 8 committees, about 300 units.
    with tertial.demo(year=2026, outcome_months=T1) as m:
        social = m.org["3"]  # the social services committee, where a deficit develops
        unit = m.org["3121"]  # one of its units
        print(f"{m!r}: {social.name}; {unit.name} ({unit.manager})")

        # Methods: the whole municipality follows the budget's profile; the social services'
        # purchases of placements (KOST_KOP) run at the pace of the last three months.
        plan = m.forecast_plan
        plan.set_method(m.org["0"], None, ForecastMethod.BUDGET_PROFILE)
        plan.set_method(m.org["30"], "KOST_KOP", ForecastMethod.RUN_RATE, 3)
        # A known factor and a planned measure, both explained (amounts in kronor, as Decimal).
        plan.add_adjustment(unit, "KOST_PERS", Decimal("350000"), AdjustmentKind.KNOWN_FACTOR,
                            "Sommarvikarier till högre lön")
        plan.add_adjustment(unit, "KOST_KOP", Decimal("-200000"), AdjustmentKind.PLANNED_MEASURE,
                            "Hemtagning av en placering")
        m.apply_forecast(T1)

        table = m.followup(social, T1)
        print(table)
        total = table.rows()[-1]
        print(f"Prognos efter planerade åtgärder: "
              f"{tertial.money_format(m.forecast_after_planned(social, T1), tertial.MoneyUnit.TKR, 0)} tkr")

        # Why the forecast deviates from the budget: one line per adjustment, one for the projection.
        reasons = m.reasons(social, T1)
        print("\nOrsak till prognosavvikelse                      Belopp, tkr")
        for line in reasons:
            print(f"  {line.reason:<46} {tertial.money_format(line.amount, tertial.MoneyUnit.TKR, 0):>10}")
        verdict = reasons.check(total.forecast_deviation)
        print(f"Avstämning mot prognosavvikelsen: {verdict.name}")

        # The escalation rule: who is covered within the parent, who must propose measures.
        needs = [d for d in m.deviations(social, T1) if d.verdict == DeviationClass.NEEDS_MEASURES]
        print(f"\n{len(needs)} enheter behöver åtgärder, t.ex. " +
              ", ".join(f"{d.unit_code} ({tertial.money_format(d.forecast_deviation, tertial.MoneyUnit.TKR, 0)} tkr)"
                        for d in needs[:3]))
        index = m.measures.add(unit, "KOST_KOP", "Utökad öppenvård i egen regi", "Fler placeringar",
                               Decimal("200000"), "Längre väntetid", datetime.date(2026, 6, 1))
        m.measures.set_status(index, MeasureStatus.DECIDED, "Beslutad i nämnden 20 maj")

        # Freeze the forecast of tertial 1: it can never change, and later points compare with it.
        snapshot = m.snapshots.take("T1", datetime.date(2026, 5, 12))
        print(f"\nSnapshot {snapshot.point} ({snapshot.taken_on}, cut-off {snapshot.cutoff}): "
              f"{len(snapshot)} rader, nämndens prognos "
              f"{tertial.money_format(snapshot.total(social), tertial.MoneyUnit.TKR, 0)} tkr")
        assert snapshot.total(social) == total.forecast
        return 0 if verdict == tertial.ReasonsVerdict.OK else 1


if __name__ == "__main__":
    sys.exit(main())
