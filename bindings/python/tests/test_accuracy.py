"""Forecast accuracy after year end and the backtest of base methods, with the worked figures of
tests/test_accuracy.c."""
import array
import datetime
import random
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


def series_table(nseries, nyears, seed):
    """A flat table (series, year, outcome/budget/prior, month) of amounts -1 000 000..9 999 999
    öre, an eighth of them zero, some series revenue (negative): small enough for every result."""
    rng = random.Random(seed)
    past = []
    for _ in range(nseries):
        sign = -1 if rng.randrange(4) == 0 else 1
        past += [0 if rng.randrange(8) == 0 else sign * rng.randrange(-1_000_000, 10_000_000)
                 for _ in range(nyears * 36)]
    return past


def best_by_series(past, nseries, nyears):
    """Backtest.best() of each series at cut-offs 1..12, as (methods, errors)."""
    methods, errors = [], []
    for s in range(nseries):
        years = []
        for y in range(nyears):
            at = (s * nyears + y) * 36
            years.append((past[at:at + 12], past[at + 12:at + 24], past[at + 24:at + 36]))
        bt = Backtest(years)
        for cutoff in range(1, 13):
            method, error = bt.best(cutoff)
            methods.append(method)
            errors.append(error)
    return methods, errors


def test_backtest_best_table():
    nseries, nyears = 600, 3
    past = series_table(nseries, nyears, 2026)
    # series 500 is three_years() above: at cut-off 4 remaining budget (100), at 8 run rate (22)
    past[500 * 108:501 * 108] = [v for year in ([100] * 36, [100] * 6 + [150] * 6 + [100] * 24,
                                                [80] * 4 + [130] * 8 + [80] * 4 + [130] * 8 + [100] * 6 + [150] * 6)
                                 for v in year]
    want = best_by_series(past, nseries, nyears)
    assert len(set(want[0])) == 5  # every candidate method wins somewhere
    assert (want[0][500 * 12 + 3], want[1][500 * 12 + 3]) == (M.REMAINING_BUDGET, 100)
    assert (want[0][500 * 12 + 7], want[1][500 * 12 + 7]) == (M.RUN_RATE, 22)
    table = array.array("q", past)
    for threads in (1, 2, 3, 0):
        got = tertial.backtest_best_table(past, nseries, nyears, threads)
        assert got == want, f"{threads} threads"
        assert tertial.backtest_best_table(table, nseries, nyears, threads=threads) == want
    methods, errors = tertial.backtest_best_table(tuple(past), nseries, nyears)  # threads=1
    assert (methods, errors) == want and isinstance(methods[0], M) and type(errors[0]) is int
    # a buffer is read in place when contiguous, copied when strided
    assert tertial.backtest_best_table(memoryview(table), nseries, nyears, 2) == want
    doubled = array.array("q", (v for v in past for _ in range(2)))
    assert tertial.backtest_best_table(memoryview(doubled)[::2], nseries, nyears, 2) == want
    # amounts follow the money rules: Decimal kronor too
    kronor = [Decimal(v) / 100 for v in past[:108]]
    assert tertial.backtest_best_table(kronor, 1, 3) == (want[0][:12], want[1][:12])
    assert tertial.backtest_best_table([], 0, 0) == ([], [])


def test_backtest_best_table_errors():
    past = series_table(600, 2, 450)
    with pytest.raises(ValueError, match="600 x 2 x 36 amounts, got 43199"):
        tertial.backtest_best_table(past[:-1], 600, 2)
    with pytest.raises(ValueError, match="got 43200"):
        tertial.backtest_best_table(past, 600, 3)
    with pytest.raises(tertial.RangeError):
        tertial.backtest_best_table(past, 600, 2, -1)
    with pytest.raises(tertial.RangeError):
        tertial.backtest_best_table(past, 600, 2, threads=257)
    with pytest.raises(tertial.NotFoundError):
        tertial.backtest_best_table([], 600, 0)  # no past year
    with pytest.raises(TypeError):
        tertial.backtest_best_table([1.5] * 36, 1, 1)  # floats are no money
    with pytest.raises(TypeError):
        tertial.backtest_best_table(array.array("d", [1.0] * 36), 1, 1)
    with pytest.raises(TypeError):
        tertial.backtest_best_table(b"\0" * 36 * 8, 1, 1)  # bytes are no table of amounts
    with pytest.raises(TypeError):
        tertial.backtest_best_table(None, 0, 0)
    with pytest.raises(tertial.MoneyOverflowError):
        tertial.backtest_best_table([2**63] * 36, 1, 1)
    # January's outcome a quarter of INT64_MAX in every year of series 450 and 500: the linear
    # projection at cut-off 1 does not fit; the first failing series is named, on any threads
    for s in (500, 450):
        for y in range(2):
            past[(s * 2 + y) * 36] = (2**63 - 1) // 4
    with pytest.raises(tertial.MoneyOverflowError) as one:
        Backtest([(past[at:at + 12], past[at + 12:at + 24], past[at + 24:at + 36])
                  for at in (450 * 72, 450 * 72 + 36)]).best(1)
    for threads in (1, 2, 3, 0):
        with pytest.raises(tertial.MoneyOverflowError) as e:
            tertial.backtest_best_table(past, 600, 2, threads)
        assert str(e.value) == f"backtest of series 450: {one.value}"
