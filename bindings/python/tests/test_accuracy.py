"""Forecast accuracy after year end and the backtest of base methods, with the worked figures of
tests/test_accuracy.c."""
import datetime
from decimal import Decimal

import pytest

import tertial
from tertial import AdjustmentKind, Backtest, ForecastMethod

KR = 100
M = ForecastMethod


def year_with_snapshots(m, u):
    """JANFEB and T1 frozen (see test_snapshot.py), then May-December outcome: Hemtjänst 950 000 a
    month, HVB 4610 2 500 000, HVB 3511 -1 922 500, SN rent 100 000. Socialnämnden's actual:
    19 830 000."""
    m.apply_forecast(2)
    m.snapshots.take("JANFEB", datetime.date(2026, 3, 12))
    m.forecast_plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * KR, AdjustmentKind.KNOWN_FACTOR,
                                   "Ökade vikariekostnader")
    m.apply_forecast(4)
    m.snapshots.take("T1", datetime.date(2026, 5, 12))
    out = tertial.MEASURE_OUTCOME
    m.load([row for month in range(4, 12) for row in (
        ("6510", "5011", month, out, 950_000 * KR), ("6410", "4610", month, out, 2_500_000 * KR),
        ("6410", "3511", month, out, Decimal("-1922500")), ("SN", "6110", month, out, 100_000 * KR))])


def test_accuracy_per_point(fx):
    m, u = fx
    year_with_snapshots(m, u)
    a = m.snapshots["JANFEB"].accuracy(u["sn"])
    assert isinstance(a, tertial.Accuracy)
    # 4 725 000 / 19 830 000 = 23,8275 %
    assert a == (24_555_000 * KR, 19_830_000 * KR, 4_725_000 * KR, Decimal("23.83"))
    t1 = m.snapshots["T1"]
    assert t1.accuracy(u["sn"]).error == 4_280_000 * KR and t1.accuracy(u["sn"]).ape == Decimal("21.58")
    fs = t1.accuracy(u["fs"])
    assert (fs.error, fs.ape) == (0, Decimal("0.00"))


def test_summary(fx):
    m, u = fx
    year_with_snapshots(m, u)
    s = m.accuracy_summary(u["sn"])
    assert isinstance(s, tertial.AccuracySummary)
    # bias = MAE = (4 725 000 + 4 280 000) / 2; MAPE = (23,83 + 21,58) / 2 = 22,705 -> 22,71
    assert s == (2, 4_502_500 * KR, 4_502_500 * KR, 2, Decimal("22.71"))
    empty = m.org.add_unit("TOM", "Tom enhet", u["sn"], 5)
    s = m.accuracy_summary(empty)
    assert (s.mape_points, s.mape, s.bias) == (0, None, 0)  # undefined: None, not 0
    with tertial.Model(2026) as other:
        with pytest.raises(tertial.NotFoundError):
            other.accuracy_summary(0)


def three_years():
    """A: everything 100 a month. B: outcome 100 Jan-Jun and 150 Jul-Dec, budget and the year
    before = A. C: outcome and budget 80 Jan-Apr and 130 May-Dec, the year before = B."""
    a = [100] * 12
    b = [100] * 6 + [150] * 6
    c = [80] * 4 + [130] * 8
    return Backtest(iter([(a, a, a), (b, a, a), (c, c, b)]))  # any iterable of years


def test_backtest():
    bt = three_years()
    assert len(bt) == 3
    expected = {(M.REMAINING_BUDGET, 4): 100, (M.LINEAR, 4): 233, (M.BUDGET_PROFILE, 4): 100,
                (M.LAST_YEAR_PROFILE, 4): 153, (M.RUN_RATE, 4): 233, (M.REMAINING_BUDGET, 8): 67,
                (M.LINEAR, 8): 83, (M.BUDGET_PROFILE, 8): 50, (M.LAST_YEAR_PROFILE, 8): 63, (M.RUN_RATE, 8): 22}
    assert {case: bt.error(*case) for case in expected} == expected
    assert bt.best(4) == (M.REMAINING_BUDGET, 100)  # ties with budget profile: the earlier wins
    method, error = bt.best(8)
    assert method is M.RUN_RATE and error == 22
    with pytest.raises(tertial.InvalidArgumentError):
        bt.error(M.MANUAL, 4)
    with pytest.raises(tertial.RangeError):
        bt.error(M.LINEAR, 13)
    with pytest.raises(tertial.NotFoundError):
        Backtest().best(4)


def test_backtest_years_follow_the_money_rules():
    kronor = [Decimal(1)] * 12
    bt = Backtest()
    bt.add_year(kronor, kronor, kronor)
    assert len(bt) == 1 and bt.error(M.LINEAR, 4) == 0
    with pytest.raises(TypeError):
        bt.add_year([1.0] * 12, [1] * 12, [1] * 12)
    with pytest.raises(ValueError, match="twelve"):
        bt.add_year([1] * 11, [1] * 12, [1] * 12)
    with pytest.raises(ValueError):
        Backtest([([1] * 12, [1] * 12)])  # a year is (outcome, budget, prior)
    assert len(bt) == 1
