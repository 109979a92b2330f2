"""Snapshots: forecasts frozen at follow-up points, and the change between them, with the
worked figures of tests/test_snapshot.c."""
import datetime

import pytest

import tertial
from tertial import AdjustmentKind, ForecastMethod

KR = 100
MAR12, MAY12 = datetime.date(2026, 3, 12), datetime.date(2026, 5, 12)


def take_janfeb(m):
    """Remaining budget at February: Socialnämnden 24 555 000."""
    m.apply_forecast(2)
    return m.snapshots.take("JANFEB", MAR12)


def take_t1(m, u):
    """Tertial 1 with a known factor of +500 000 on Hemtjänst: 23 610 000 + 500 000."""
    m.forecast_plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * KR, AdjustmentKind.KNOWN_FACTOR,
                                   "Ökade vikariekostnader")
    m.apply_forecast(4)
    return m.snapshots.take("T1", MAY12)


def test_take_and_freeze(fx):
    m, u = fx
    with pytest.raises(tertial.StateError):
        m.snapshots.take("JANFEB", MAR12)  # no forecast applied yet
    s = take_janfeb(m)
    assert isinstance(s, tertial.Snapshot)
    assert (s.point, s.cutoff, s.taken_on) == ("JANFEB", 2, MAR12)
    assert len(s) == 5 and s.total(u["sn"]) == 24_555_000 * KR
    with pytest.raises(tertial.ExistsError):
        m.snapshots.take("JANFEB", MAR12)
    # A change to the model needs a new apply before the next snapshot.
    salaries = m.chart["5011"]
    m.ledger.add(u["ht"], salaries, 2, tertial.MEASURE_OUTCOME, 1 * KR)
    with pytest.raises(tertial.StateError):
        m.snapshots.take("T1", MAY12)
    m.ledger.add(u["ht"], salaries, 2, tertial.MEASURE_OUTCOME, -1 * KR)
    t1 = take_t1(m, u)
    snapshots = m.snapshots
    assert len(snapshots) == 2 and snapshots[1] == t1 and snapshots["JANFEB"] == s and snapshots[-2] == s
    assert [x.point for x in snapshots] == ["JANFEB", "T1"] and "T1" in snapshots and "T2" not in snapshots
    assert snapshots.find("JANFEB").total(u["sn"]) == 24_555_000 * KR  # did not move
    assert t1.total(u["sn"]) == 24_110_000 * KR
    assert t1.total(u["ifo"]) == 10_610_000 * KR
    with pytest.raises(tertial.NotFoundError):
        snapshots["T2"]
    with pytest.raises(IndexError):
        snapshots[2]
    with pytest.raises(TypeError):
        snapshots.take("T2", "2026-09-15")


def test_entries(fx):
    m, u = fx
    take_janfeb(m)
    t1 = take_t1(m, u)
    found = [e for e in t1 if e.unit == u["ht"].id and e.row_code == "KOST_PERS"]
    assert len(found) == 1
    e = found[0]
    assert isinstance(e, tertial.SnapshotEntry) and e.method is ForecastMethod.REMAINING_BUDGET
    assert (e.base, e.adjustments, e.planned, e.forecast, e.outcome_to_date, e.budget_year) == (
        11_800_000 * KR, 500_000 * KR, 0, 12_300_000 * KR, 3_800_000 * KR, 12_000_000 * KR)
    assert t1.entries() == list(t1) and t1[len(t1) - 1] == t1[-1]
    with pytest.raises(IndexError):
        t1[99]


def test_change_since_previous(fx):
    m, u = fx
    janfeb, t1 = take_janfeb(m), take_t1(m, u)
    c = janfeb.compare(t1, u["sn"])
    assert isinstance(c, tertial.SnapshotChange)
    assert c == (24_555_000 * KR, 24_110_000 * KR, -445_000 * KR, -945_000 * KR, 500_000 * KR)
    assert (c.changed_adjustments, c.new_outcome) == (500_000 * KR, -945_000 * KR)
    ao = janfeb.compare(t1, u["ao"])
    assert (ao.change, ao.new_outcome) == (400_000 * KR, -100_000 * KR)
    with pytest.raises(tertial.NotFoundError):
        janfeb.compare(t1, 99)
    with tertial.Model(2026) as other:
        other.org.add_unit("1", "K", None, 0)
        other.apply_forecast(4)
        foreign = other.snapshots.take("T1", MAY12)
        with pytest.raises(ValueError, match="same model"):
            janfeb.compare(foreign, u["sn"])


def test_frozen_plan(fx):
    m, u = fx
    take_janfeb(m)
    take_t1(m, u)
    plan = m.forecast_plan
    assert plan.cutoff == 0  # tied to no point: not frozen
    plan.cutoff = 4  # T1, frozen on 12 May
    with pytest.raises(tertial.StateError, match="follow-up point T1 was frozen on 2026-05-12"):
        plan.add_adjustment(u["ht"], "KOST_PERS", 1 * KR, AdjustmentKind.KNOWN_FACTOR, "x")
    with pytest.raises(tertial.StateError, match="T1"):
        plan.set_method(u["ifo"], None, ForecastMethod.LINEAR)
    with pytest.raises(tertial.StateError, match="T1"):
        plan.remove_adjustment(0)
    assert len(plan.adjustments) == 1
    plan.cutoff = 6  # JANJUN is open
    plan.set_method(u["ifo"], None, ForecastMethod.LINEAR)
    assert plan.cutoff == 6
    with pytest.raises(tertial.RangeError):
        plan.cutoff = 13
