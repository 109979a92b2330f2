"""The escalation rule, measures (åtgärder) and budget-adherence plans, with the worked figures
of tests/test_measures.c."""
import datetime
from decimal import Decimal

import pytest

import tertial
from tertial import AdjustmentKind, DeviationClass, MeasureStatus

KR = 100


def known_factor(m, u):
    m.forecast_plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * KR, AdjustmentKind.KNOWN_FACTOR,
                                   "Ökade vikariekostnader")


def test_escalation_rule(fx):
    m, u = fx
    known_factor(m, u)
    m.apply_forecast(4)
    d = m.deviations(u["sn"], 4)
    assert isinstance(d, tertial.Deviations) and len(d) == 6
    assert d[0].unit_code == "SN" and [x.unit_code for x in d][0] == "SN"
    assert d["SN"].verdict is DeviationClass.IN_BALANCE and d["SN"].forecast_deviation == 1_090_000 * KR
    fs = d["6420"]
    assert isinstance(fs, tertial.Deviation) and fs.unit == u["fs"].id
    assert (fs.verdict, fs.forecast_deviation, fs.parent_deviation, fs.depth) == (
        DeviationClass.COVERED, -300_000 * KR, 1_390_000 * KR, 2)
    assert d["AO"].verdict is DeviationClass.COVERED
    assert d["6510"].verdict is DeviationClass.NEEDS_MEASURES and d["6510"].parent_deviation == -300_000 * KR
    with pytest.raises(KeyError):
        d["NOPE"]
    alone = m.deviations(u["ht"], 4)  # a root with a negative deviation has no one to cover it
    assert len(alone) == 1 and alone[0].verdict is DeviationClass.NEEDS_MEASURES
    with pytest.raises(tertial.NotFoundError):
        m.deviations(99, 4)


def test_measures_feed_the_forecast(fx):
    m, u = fx
    known_factor(m, u)
    measures = m.measures
    i = measures.add(u["ht"], "KOST_PERS", "Minskad bemanning nattetid", "Ökade vikariekostnader",
                     Decimal("400000"), "Färre anställda nattetid", datetime.date(2026, 6, 1))
    assert i == 0 and measures[0].status is MeasureStatus.PROPOSED
    with pytest.raises(tertial.StateError):
        measures.feed_forecast(i)  # only proposed
    measures.set_status(i, MeasureStatus.DECIDED, "Beslutad i nämnden 20 maj")
    measures.feed_forecast(i)
    with pytest.raises(tertial.StateError):
        measures.feed_forecast(i)  # once
    x = measures[i]
    assert isinstance(x, tertial.Measure)
    assert x == (u["ht"].id, "KOST_PERS", "Minskad bemanning nattetid", "Ökade vikariekostnader", 400_000 * KR,
                 "Färre anställda nattetid", datetime.date(2026, 6, 1), MeasureStatus.DECIDED,
                 "Beslutad i nämnden 20 maj", True, 1, "", tertial.MeasureKind.FOR_DEVIATION)  # adjustment 1
    i = measures.add(u["ht"], "KOST_PERS", "Minskad övertid", "Ökade vikariekostnader", 100_000 * KR,
                     due=datetime.date(2026, 4, 1))
    measures.set_status(i, MeasureStatus.DONE)
    assert measures[i].follow_up == "" and measures[i].consequence == ""
    measures.feed_forecast(i)
    assert len(measures) == 2 and [x.status for x in measures] == [MeasureStatus.DECIDED, MeasureStatus.DONE]
    m.apply_forecast(4)
    # 11 800 000 + 500 000 - 100 000; after the planned (decided) measure 11 800 000.
    assert m.forecast(u["ht"], "KOST_PERS") == 12_200_000 * KR
    assert m.forecast_after_planned(u["ao"], 4) == 11_800_000 * KR
    with pytest.raises(tertial.StateError):
        measures.add(u["ht"], "KOST", "x")  # a sum row
    with pytest.raises(tertial.RangeError):
        measures.set_status(9, MeasureStatus.DONE)
    with pytest.raises(TypeError):
        measures.add(u["ht"], "KOST_PERS", "x", effect=1.5)
    assert measures.add(u["ht"], "KOST_PERS", "Utan datum") == 2 and measures[2].due is None



def test_measure_moves_with_its_status(fx):
    """A measure in the forecast: its adjustment's kind follows the status, cancelling or removing
    the adjustment takes it out, and it can be fed again."""
    m, u = fx
    known_factor(m, u)
    plan, measures = m.forecast_plan, m.measures
    i = measures.add(u["ht"], "KOST_PERS", "Minskad övertid", "Ökade vikariekostnader", 100_000 * KR)
    measures.set_status(i, MeasureStatus.DECIDED)
    measures.feed_forecast(i)
    assert measures[i].adjustment == 1 and plan.adjustments[1].kind is AdjustmentKind.PLANNED_MEASURE
    m.apply_forecast(4)
    assert m.forecast(u["ht"], "KOST_PERS") == 12_300_000 * KR  # planned: not in Årets prognos
    measures.set_status(i, MeasureStatus.DONE)
    assert plan.adjustments[1].kind is AdjustmentKind.MEASURE_TAKEN
    m.apply_forecast(4)
    assert m.forecast(u["ht"], "KOST_PERS") == 12_200_000 * KR
    measures.set_status(i, MeasureStatus.CANCELLED)
    assert len(plan.adjustments) == 1 and measures[i].adjustment is None and not measures[i].in_forecast
    measures.set_status(i, MeasureStatus.IN_PROGRESS)
    measures.feed_forecast(i)
    assert measures[i].adjustment == 1
    plan.remove_adjustment(0)  # the known factor: the measure's adjustment moves down
    assert measures[i].adjustment == 0 and plan.adjustments[0].reason == "Minskad övertid"
    plan.remove_adjustment(0)
    assert measures[i].adjustment is None and not measures[i].in_forecast


def test_adherence_plan(fx):
    m, u = fx
    p = m.adherence_plan(u["hvb"])
    assert isinstance(p, tertial.AdherencePlan)
    assert p.manager == "Chef" and p.unit == u["hvb"]
    p.add_moment("Placeringar under sommaren")
    p.add_risk("Fler placeringar än budgeterat", "Utökad öppenvård i egen regi", 800_000 * KR,
               "Längre väntetid till öppenvården")
    assert m.adherence_plan(u["hvb"], "Chef") == p
    assert p.moments == ["Placeringar under sommaren"] and p.moment(1) is None
    r = p.risks[0]
    assert isinstance(r, tertial.AdherenceRisk)
    assert r == ("Fler placeringar än budgeterat", "Utökad öppenvård i egen regi", 800_000 * KR,
                 "Längre väntetid till öppenvården")
    assert p.risk(1) is None
    with pytest.raises(tertial.InvalidArgumentError):
        p.add_risk("")
    other = m.adherence_plan(u["hvb"], "Ny chef")
    assert other != p and other.manager == "Ny chef"
    assert m.adherence_plans == [p, other]
