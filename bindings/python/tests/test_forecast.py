"""Base methods, the forecast plan and the reasons table, with the worked figures of
tests/test_forecast.c (the fixture is conftest.build_fixture())."""
import random
from decimal import Decimal

import pytest

import tertial
from tertial import AdjustmentKind, ForecastFallback, ForecastInput, ForecastMethod, ReasonsVerdict

KR = 100
M = ForecastMethod


def sample():
    """Outcome Jan-Apr 100, 120, 110, 130 (460 so far); budget 100 a month and 200 in December
    (1 300, 400 by April); last year 90 a month and 210 in December (1 200, 360 by April)."""
    return ForecastInput(outcome=[100, 120, 110, 130] + [999_999] * 8,  # months after the cut-off are ignored
                         budget=[100] * 11 + [200], prior=[90] * 11 + [210], cutoff=4)


def test_methods():
    i = sample()
    assert i.base(M.REMAINING_BUDGET) == (1360, ForecastFallback.NONE)  # 460 + 7 x 100 + 200
    assert i.base(M.LINEAR) == (1380, 0)                                 # 460 x 12 / 4
    assert i.base(M.BUDGET_PROFILE) == (1495, 0)                         # 460 x 1 300 / 400
    assert i.base(M.LAST_YEAR_PROFILE) == (1533, 0)                      # 460 x 1 200 / 360 = 1 533,33
    assert i.base(M.RUN_RATE) == (1420, 0)                               # 460 + 8 x 360 / 3
    i.run_rate_months = 9                                                # clamped to 4: 460 + 8 x 115
    assert i.base(M.RUN_RATE) == (1380, 0)
    i.driver_remaining = 500
    assert i.base(M.VOLUME_DRIVER) == (960, 0)
    i.manual = Decimal("7.77")                                           # money: Decimal kronor
    assert i.base(M.MANUAL) == (777, 0)
    assert isinstance(i.base(M.LINEAR)[1], ForecastFallback)
    assert tertial.forecast_method_name(M.LAST_YEAR_PROFILE) == "last-year-profile"
    assert tertial.forecast_method_name(42) is None
    assert tertial.forecast_base(M.LINEAR, i) == [1380, 0]  # the 1:1 function


def test_fallbacks():
    i = sample()
    i.prior[:4] = [0] * 4
    assert i.base(M.LAST_YEAR_PROFILE) == (1495, ForecastFallback.BUDGET_PROFILE)
    i.budget[:4] = [0] * 4
    assert i.base(M.LAST_YEAR_PROFILE) == (1380, ForecastFallback.LINEAR)
    assert i.base(M.BUDGET_PROFILE) == (1380, ForecastFallback.LINEAR)
    i = sample()
    i.budget[0] = -500  # a credit by April, a cost for the year: no profile
    assert i.base(M.BUDGET_PROFILE) == (1380, ForecastFallback.LINEAR)
    i = sample()
    i.budget = [0] * 12
    assert i.base(M.REMAINING_BUDGET) == (460, 0)


def test_revenue_rounding_and_errors():
    i = ForecastInput(outcome=[-100] * 3 + [-160] + [-100] * 8, budget=[-100] * 12, prior=[-100] * 12, cutoff=4)
    assert i.base(M.BUDGET_PROFILE)[0] == -1380
    assert i.base(M.REMAINING_BUDGET)[0] == -1260
    r = ForecastInput(outcome=[7] + [0] * 11, cutoff=8)  # 7 x 12 / 8 = 10,5: half away from zero
    assert r.base(M.LINEAR)[0] == 11
    r.outcome[0] = -7
    assert r.base(M.LINEAR)[0] == -11
    r.outcome[0], r.cutoff = 2**63 - 1, 1
    with pytest.raises(tertial.MoneyOverflowError):
        r.base(M.LINEAR)
    r.cutoff = 0
    with pytest.raises(tertial.RangeError):
        r.base(M.LINEAR)
    r.cutoff, r.run_rate_months = 4, 0
    with pytest.raises(tertial.RangeError):
        r.base(M.RUN_RATE)
    with pytest.raises(tertial.InvalidArgumentError):
        r.base(42)
    with pytest.raises(TypeError):
        ForecastInput(outcome=[1.5] * 12).base(M.LINEAR)  # floats are no money
    with pytest.raises(ValueError, match="twelve"):
        ForecastInput(budget=[1] * 13).base(M.LINEAR)
    with pytest.raises(TypeError):
        ForecastInput(cutoff="4").base(M.LINEAR)


def total(m, unit, cutoff=4):
    return m.followup(unit, cutoff).rows()[-1]


def test_apply_defaults(fx):
    m, u = fx
    m.apply_forecast(4)  # remaining budget everywhere
    assert m.forecast(u["hvb"], "KOST_KOP") == 26_000_000 * KR
    assert m.forecast(u["hvb"], "INT_BIDR") == -15_690_000 * KR
    t = total(m, u["sn"])
    assert (t.forecast, t.forecast_deviation, t.forecast_missing) == (23_610_000 * KR, 1_590_000 * KR, 0)
    plan = m.forecast_plan
    assert plan.base_of(u["ht"], "KOST_PERS") == (11_800_000 * KR, M.REMAINING_BUDGET, ForecastFallback.NONE)
    assert plan.base_of(u["ht"], "KOST_PERS").base == 11_800_000 * KR
    with pytest.raises(tertial.NotFoundError):
        plan.base_of(u["ht"], "KOST_KOP")


def plan_b(m, u):
    """IFO projects linearly, Hemtjänst's salaries follow last year's profile; Hemtjänst has a known
    factor (+500 000), a measure taken (-200 000) and a planned measure (-300 000)."""
    plan = m.forecast_plan
    plan.set_method(u["ifo"], None, M.LINEAR)
    plan.set_method(u["ht"], "KOST_PERS", M.LAST_YEAR_PROFILE)
    plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * KR, AdjustmentKind.KNOWN_FACTOR, "Ökade vikariekostnader")
    plan.add_adjustment(u["ht"], "KOST_PERS", Decimal("-200000"), AdjustmentKind.MEASURE_TAKEN, "Minskad övertid")
    plan.add_adjustment(u["ht"], "KOST_PERS", -300_000 * KR, AdjustmentKind.PLANNED_MEASURE, "Vakanshållning")
    m.apply_forecast(4)
    return plan


def test_apply_rules_and_adjustments(fx):
    m, u = fx
    plan = plan_b(m, u)
    assert plan.method_of(u["hvb"], "KOST_KOP")[0] is M.LINEAR  # inherited from IFO
    assert plan.method_of(u["ht"], "KOST_KOP")[0] is M.REMAINING_BUDGET
    # 6510: 3 800 000 x 11 800 000 / 4 000 000 = 11 210 000, + 500 000 - 200 000.
    assert m.forecast(u["ht"], "KOST_PERS") == 11_510_000 * KR
    t = total(m, u["sn"])
    assert (t.forecast, t.forecast_deviation) == (20_540_000 * KR, 4_660_000 * KR)
    assert m.forecast_after_planned(u["sn"], 4) == 20_240_000 * KR
    assert m.forecast_after_planned(u["ifo"], 4) == 7_830_000 * KR
    assert plan.adjustment_count == 3 and len(plan.adjustments) == 3
    a = plan.adjustment(1)
    assert isinstance(a, tertial.Adjustment)
    assert a == (u["ht"].id, "KOST_PERS", -200_000 * KR, AdjustmentKind.MEASURE_TAKEN, "Minskad övertid")
    assert plan.adjustments[-1].kind is AdjustmentKind.PLANNED_MEASURE
    assert len(m.check(u["k"], 4)) == 0  # no forecast missing any more
    plan.remove_adjustment(-1)
    assert [a.reason for a in plan.adjustments] == ["Ökade vikariekostnader", "Minskad övertid"]
    with pytest.raises(IndexError):
        plan.adjustment(2)


def test_manual_and_driver(fx):
    m, u = fx
    plan = m.forecast_plan
    plan.set_method(u["hvb"], "KOST_KOP", M.MANUAL)
    plan.set_manual(u["hvb"], "KOST_KOP", Decimal("28000000"))
    m.apply_forecast(4)
    assert m.forecast(u["hvb"], "KOST_KOP") == 28_000_000 * KR
    # 600 dygn a month May-December at 4 500 kr: 10 000 000 + 8 x 2 700 000.
    plan.set_method(u["hvb"], "KOST_KOP", M.VOLUME_DRIVER)
    plan.set_driver(u["hvb"], "KOST_KOP", "HVB-placeringar", "dygn", 4500 * KR)
    for month in range(12):
        plan.set_volume(u["hvb"], "KOST_KOP", month, 555_000 if month < 4 else 600_000)
    m.apply_forecast(4)
    assert m.forecast(u["hvb"], "KOST_KOP") == 31_600_000 * KR
    plan.set_volume(u["hvb"], "KOST_KOP", 11, 600_500)  # half a dygn more: 2 250 kr
    m.apply_forecast(4)
    assert m.forecast(u["hvb"], "KOST_KOP") == 31_602_250 * KR
    # the plan lists what it holds (units as ids; n of a rule as set, 3 by default)
    hvb, ifo = u["hvb"].id, u["ifo"].id
    assert plan.rules == [(hvb, "KOST_KOP", M.VOLUME_DRIVER, 3)]
    assert plan.manuals == [(hvb, "KOST_KOP", 28_000_000 * KR)]
    (driver,) = plan.drivers
    assert driver[:5] == (hvb, "KOST_KOP", "HVB-placeringar", "dygn", 4500 * KR)
    assert driver[5] == [555_000] * 4 + [600_000] * 7 + [600_500]
    plan.set_method(u["ifo"], None, M.LINEAR)
    assert plan.rules[1] == (ifo, None, M.LINEAR, 3)
    with pytest.raises(tertial.NotFoundError):
        plan.set_volume(u["ht"], "KOST_PERS", 0, 1)
    with pytest.raises(tertial.RangeError):
        plan.set_volume(u["hvb"], "KOST_KOP", 12, 1)
    with pytest.raises(tertial.StateError):
        plan.set_method(u["hvb"], "KOST", M.LINEAR)  # a sum row
    with pytest.raises(tertial.RangeError):
        plan.set_method(u["hvb"], None, M.RUN_RATE, 13)
    with pytest.raises(tertial.InvalidArgumentError):
        plan.add_adjustment(u["hvb"], "KOST_KOP", 1, AdjustmentKind.KNOWN_FACTOR, "")
    with pytest.raises(TypeError):
        plan.set_driver(u["hvb"], "KOST_KOP", "x", "dygn", 4500.0)
    with pytest.raises(TypeError):
        plan.set_volume(u["hvb"], "KOST_KOP", 0, 1.5)  # thousandths of a unit: an int


def test_reasons_from_the_model(fx):
    m, u = fx
    plan_b(m, u)
    r = m.reasons(u["sn"], 4)
    assert isinstance(r, tertial.Reasons) and len(r) == 3
    assert r[0] == ("Framskrivning av utfall", 4_960_000 * KR)
    assert r[1].reason == "Ökade vikariekostnader" and r[1].amount == -500_000 * KR
    assert [line.amount for line in r] == [4_960_000 * KR, -500_000 * KR, 200_000 * KR]
    deviation = total(m, u["sn"]).forecast_deviation
    assert r.check(deviation) is ReasonsVerdict.OK
    assert r.check_details(deviation) == (ReasonsVerdict.OK, None, 0)


def test_a_managers_reasons_table():
    r = tertial.Reasons("6410")
    r.add("Fler placeringar", -1_500_000 * KR)
    r.add("Vakanser", Decimal("-500000"))  # should be +500 000
    assert r.check(-1_000_000 * KR) == ReasonsVerdict.SIGN_ERROR
    assert r.check_details(Decimal("-1000000")) == (ReasonsVerdict.SIGN_ERROR, 1, 1_000_000 * KR)
    r.add("Övrigt", 300_000 * KR)
    check = r.check_details(-1_000_000 * KR)
    assert check.verdict is ReasonsVerdict.MISMATCH and check.line is None and check.difference == 700_000 * KR
    with pytest.raises(IndexError):
        r[3]
    with pytest.raises(tertial.InvalidArgumentError):
        r.add("", 1)
    with pytest.raises(TypeError):
        r.check(-1_000_000.0)


def test_threads_setting(fx):
    m, u = fx
    plan = m.forecast_plan
    assert plan.threads == 1  # the default: the calling thread only
    plan.threads = 0  # one per processor
    assert plan.threads == 0
    plan.threads = 256
    assert plan.threads == 256 and "threads=256" in repr(plan)
    for wrong in (-1, 257):
        with pytest.raises(tertial.RangeError, match="threads outside 0..256"):
            plan.threads = wrong
    with pytest.raises(ValueError):  # RangeError is a ValueError too
        plan.threads = -1
    assert plan.threads == 256  # a refused setting changes nothing
    plan.threads = 4
    plan_b(m, u)  # a small model stays on one thread: the figures of test_apply_rules_and_adjustments
    assert m.forecast(u["ht"], "KOST_PERS") == 11_510_000 * KR
    assert m.forecast(u["hvb"], "KOST_KOP") == 30_000_000 * KR
    assert m.forecast_plan.threads == 4  # the setting belongs to the model's plan


def big_model():
    """A model with enough ledger lines for two parts of an apply (32 768 a part): K and 200
    units of 340 accounts each (68 000 lines), an outcome, a budget and a prior-year month a line,
    revenue (class 3) negative; some units linear, run rate or last year's profile. Then two
    hand-checked units: H1 (the first, before the others) and H2 (the last), 4610 with outcome
    2 500 000 kr a month January-April and budget 2 000 000 kr a month."""
    rng = random.Random(2026)
    m = tertial.Model(2026)
    k = m.org.add_unit("K", "Kommun", None, 0)
    h1 = m.org.add_unit("H1", "Hand 1", k, 5)
    units = [m.org.add_unit(f"E{i}", f"Enhet {i}", k, 5) for i in range(200)]
    h2 = m.org.add_unit("H2", "Hand 2", k, 5)
    accounts = [str((30 + a % 50) * 100 + a // 50) for a in range(340)]
    for number in accounts + ["4610"]:
        m.chart.ensure(number)
    out, bud, prior = tertial.MEASURE_OUTCOME, m.current_budget, tertial.MEASURE_PRIOR
    rows = [(h.code, "4610", month, measure, amount) for h in (h1, h2) for month in range(12)
            for measure, amount in ((bud, 2_000_000 * KR), (out, 2_500_000 * KR if month < 4 else 0))]
    for unit in units:
        for a, number in enumerate(accounts):
            sign = -1 if a % 50 < 10 else 1
            rows.append((unit.code, number, rng.randrange(9), out, sign * rng.randrange(1, 5_000_000)))
            rows.append((unit.code, number, rng.randrange(12), bud, sign * rng.randrange(1, 6_000_000)))
            rows.append((unit.code, number, rng.randrange(12), prior, sign * rng.randrange(5_000_000)))
    m.load(rows)
    plan = m.forecast_plan
    for i, unit in enumerate(units):
        if i % 5 == 1:
            plan.set_method(unit, None, M.LINEAR)
        elif i % 5 == 2:
            plan.set_method(unit, "KOST_PERS", M.RUN_RATE, 2)
        elif i % 5 == 3:
            plan.set_method(unit, None, M.LAST_YEAR_PROFILE)
    return m, [k, h1, *units, h2], h1, h2


def forecasts_of(m, units):
    """Every unit's forecast and BaseForecast of every line row (None where there is none)."""
    plan = m.forecast_plan
    lines = [row.code for row in m.rowmap if row.kind == tertial.RowKind.LINE]
    result = {}
    for unit in units:
        for code in lines:
            try:
                result[unit.id, code] = (m.forecast(unit, code), plan.base_of(unit, code))
            except tertial.NotFoundError:
                result[unit.id, code] = None
    return result


def test_apply_on_threads():
    m, units, h1, h2 = big_model()
    with m:
        assert m.ledger.line_count >= 2 * 32768
        plan = m.forecast_plan
        m.apply_forecast(4)
        one = forecasts_of(m, units)
        assert sum(v is not None for v in one.values()) >= 200 * 12  # 12 line rows a unit (78 is a capital cost)
        # hand-checked: remaining budget 4 x 2 500 000 + 8 x 2 000 000
        assert one[h1.id, "KOST_KOP"] == (26_000_000 * KR, (26_000_000 * KR, M.REMAINING_BUDGET, 0))
        assert one[h2.id, "KOST_KOP"] == one[h1.id, "KOST_KOP"]
        assert {v[1].method for v in one.values() if v} == {M.REMAINING_BUDGET, M.LINEAR, M.RUN_RATE,
                                                           M.LAST_YEAR_PROFILE}
        for threads in (2, 3, 0):
            plan.threads = threads
            m.apply_forecast(9)  # another cut-off in between: nothing left over from before
            assert m.forecast(h1, "KOST_KOP") == 16_000_000 * KR
            m.apply_forecast(4)
            assert forecasts_of(m, units) == one, f"{threads} threads"
        # the first error in unit order, on any number of threads: H1's (the first part), not H2's
        for h in (h2, h1):
            plan.add_adjustment(h, "KOST_KOP", 2**63 - 1 - 1_000_000 * KR, AdjustmentKind.KNOWN_FACTOR, "Fel")
        for threads in (1, 2):
            plan.threads = threads
            with pytest.raises(tertial.MoneyOverflowError) as e:
                m.apply_forecast(4)
            assert str(e.value) == (f"the forecast of unit {h1.code} ({h1.name}) on row KOST_KOP is more than an "
                                    "amount can hold (int64 öre)")
