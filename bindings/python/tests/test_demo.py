"""tertial.demo(): the deterministic demo municipality (tests/test_demo.c)."""
import datetime

import pytest

import tertial

KR = 100
OUT = tertial.MEASURE_OUTCOME


def total(m, code, measure, last=11):
    return m.ledger.total(m.org[code], None, measure, 0, last)


@pytest.fixture(scope="module")
def demo():
    m = tertial.demo()
    yield m
    m.close()


def test_shape(demo):
    m = demo
    assert isinstance(m, tertial.Model) and m.thisown
    assert len(m.org) == 301 and len(m.chart) == 19
    walk = list(m.org.walk(202610, 0))
    assert max(depth for _, depth in walk) == 5 and sum(depth == 1 for _, depth in walk) == 8
    assert all(unit.level == depth and unit.manager for unit, depth in walk)
    assert m.ledger.total(0, None, OUT, 10, 11) == 0  # outcome January-October only
    assert total(m, "0", OUT, 9) > 0
    bud = m.current_budget
    assert total(m, "3", bud, 9) - total(m, "3", OUT, 9) < -3_000_000 * KR  # the social services' deficit
    assert abs(total(m, "1", bud, 9) - total(m, "1", OUT, 9)) < 500_000 * KR
    assert m.check(0, 10).error_count == 0


def test_deterministic(demo):
    again, other = tertial.demo(), tertial.demo(seed=7)
    codes = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "3111"]
    assert [total(again, c, x) for c in codes for x in range(3)] == [total(demo, c, x) for c in codes for x in range(3)]
    assert [total(other, c, x) for c in codes for x in range(3)] != [total(demo, c, x) for c in codes for x in range(3)]


def test_options():
    with pytest.raises(tertial.RangeError):
        tertial.demo(outcome_months=13)
    m = tertial.demo(year=2027, outcome_months=0)
    assert m.fiscal_year == tertial.FiscalYear(2027)
    assert total(m, "0", OUT) == 0 and total(m, "0", m.current_budget) > 0
    options = tertial.DemoOptions(year=2026, outcome_months=4)
    assert options.seed == 20260101 and options.version == 1
    assert tertial.demo(options).ledger.total(0, None, OUT, 4, 11) == 0
    with pytest.raises(TypeError):
        tertial.DemoOptions(colour="blue")
    with pytest.raises(TypeError):
        tertial.demo(options, year=2026)


def test_history_years():
    """tertial.demo_year(): the three years fit together to the öre (tests/test_demo.c)."""
    y25, y26 = tertial.demo_year(2025), tertial.demo_year(2026, outcome_months=10)
    assert y25.fiscal_year == tertial.FiscalYear(2025) and tertial.DEMO_YEARS == 3
    codes = [unit.code for unit in y26.org if unit.level <= 1]
    assert len(codes) == 9
    # A year's prior-year outcome is the outcome of the year before.
    assert [total(y26, c, tertial.MEASURE_PRIOR) for c in codes] == [total(y25, c, OUT) for c in codes]
    # The latest year is demo()'s model.
    now = tertial.demo()
    assert [total(y26, c, x) for c in codes for x in range(3)] == [total(now, c, x) for c in codes for x in range(3)]
    # A closed year has twelve months of outcome and its forecasts frozen before year end.
    assert y25.ledger.total(0, None, OUT, 11, 11) != 0 and len(y26.snapshots) == 0
    assert [(s.point, s.cutoff, s.taken_on) for s in y25.snapshots] == [
        (p, c, datetime.date(2025, month, 15))
        for p, c, month in [("JANFEB", 2, 3), ("T1", 4, 5), ("JANJUN", 6, 8), ("T2", 8, 9), ("JANOKT", 10, 11)]]
    bare = tertial.demo_year(2025, no_outcome=True)
    assert total(bare, "0", OUT) == 0 and total(bare, "0", tertial.MEASURE_PRIOR) == 0
    assert len(bare.snapshots) == 5 and total(bare, "0", bare.current_budget) == total(y25, "0", y25.current_budget)
    with pytest.raises(tertial.RangeError):
        tertial.demo_year(2023)
    with pytest.raises(TypeError):
        tertial.demo_year(2025, options=tertial.DemoOptions(), year=2026)


def test_demo_round():
    model = tertial.demo_year(2026)
    tertial.demo_round(model, "JANOKT")
    with pytest.raises(tertial.StateError, match="no people yet"):
        tertial.demo_round(model, "JANOKT")
    with pytest.raises(tertial.NotFoundError):
        tertial.demo_round(tertial.demo_year(2026), "T9")


def test_demo_round_due():
    model = tertial.demo_year(2026)
    tertial.demo_round(model, "JANOKT")
    due = model.round.due("JANOKT", datetime.date(2026, 11, 10))
    assert [(d.unit.code, d.action, d.deadline, d.status, d.late) for d in due[:3]] == [
        ("21", tertial.Action.SUBMIT, datetime.date(2026, 11, 9), tertial.Status.NOT_STARTED, True),
        ("211", tertial.Action.SUBMIT, datetime.date(2026, 11, 5), tertial.Status.NOT_STARTED, True),
        ("2111", tertial.Action.SUBMIT, datetime.date(2026, 11, 3), tertial.Status.RETURNED, True),
    ]
    assert len(due) == 12
    # the head of department 21 has the returned unit's parents to submit
    mine = model.round.due("JANOKT", datetime.date(2026, 11, 10), person="chef21")
    assert [d.unit.code for d in mine] == ["21"]
    assert model.round.due("JANOKT", datetime.date(2026, 11, 2)) == []
    sn = model.round.status("3", "JANOKT")
    assert sn.status == tertial.Status.APPROVED and sn.escalated
