"""Budget versions, periodisation through the model's key set and "ej fördelat", with the
worked figures of tests/test_budget.c (the fixture is conftest.build_fixture())."""
import datetime
import types
from decimal import Decimal

import pytest

import tertial
from tertial import BudgetKind, Key

KR = 100
ALL = None  # every account


def months(m, unit, number, measure):
    account = m.chart[number]
    return [m.ledger.get(unit, account, month, measure) for month in range(12)]


def year_total(m, unit, measure):
    return m.ledger.total(unit, ALL, measure)


def test_versions_metadata(fx):
    m, u = fx
    versions = m.budget_versions
    assert len(versions) == 1
    v = versions[0]
    assert isinstance(v, tertial.BudgetVersion)
    assert v == (2, "Budget", BudgetKind.ADOPTED, None, "", "", None, None)
    frame = versions.create("KF ram 2026", kind=BudgetKind.FRAME, decided=datetime.date(2025, 6, 16),
                            reason="Mål och budget 2026–2028", decided_by="Kommunfullmäktige")
    assert frame == 3 and len(versions) == 2
    v = versions.of(frame)
    assert v.name == "KF ram 2026" and v.kind is BudgetKind.FRAME and v.decided == datetime.date(2025, 6, 16)
    assert v.reason == "Mål och budget 2026–2028" and v.decided_by == "Kommunfullmäktige" and v.revises is None
    assert year_total(m, u["k"], frame) == 0
    detailed = versions.create("Detaljbudget")
    assert versions[2].measure == detailed and versions[2].kind is BudgetKind.ADOPTED and versions[2].reason == ""
    assert [v.name for v in versions] == ["Budget", "KF ram 2026", "Detaljbudget"]
    with pytest.raises(IndexError):
        versions[3]
    with pytest.raises(tertial.NotFoundError):
        versions.of(tertial.MEASURE_OUTCOME)
    with pytest.raises(tertial.NotFoundError):
        versions.of(9)


def test_version_errors(fx):
    m, u = fx
    versions = m.budget_versions
    before = m.ledger.measure_count
    with pytest.raises(tertial.ExistsError):
        versions.create("Budget")
    with pytest.raises(tertial.InvalidArgumentError):
        versions.create("")
    # datetime.date cannot hold an invalid date; the library checks what it is given.
    for bad in (types.SimpleNamespace(year=2025, month=2, day=29), types.SimpleNamespace(year=2025, month=0, day=1)):
        with pytest.raises(tertial.RangeError):
            versions.create("x", decided=bad)
    with pytest.raises(tertial.InvalidArgumentError):
        versions.create("x", kind=9)
    with pytest.raises(TypeError):
        versions.create("x", decided="2025-06-16")
    with pytest.raises(TypeError):
        versions.create("x", reason=42)
    with pytest.raises(TypeError):
        versions.create("x", options=tertial.BudgetOptions(), kind=BudgetKind.FRAME)
    for measure in (tertial.MEASURE_OUTCOME, tertial.MEASURE_PRIOR, 7):
        with pytest.raises(tertial.NotFoundError):
            versions.revise(measure, "x")
    with pytest.raises(tertial.ExistsError):
        versions.revise(2, "Budget")
    assert m.ledger.measure_count == before
    versions.create("x", options=tertial.BudgetOptions(BudgetKind.DETAILED, datetime.date(2024, 2, 29)))
    assert len(versions) == 2 and versions[1].decided == datetime.date(2024, 2, 29)


def test_revision_copies_never_overwrites(fx):
    m, u = fx
    versions = m.budget_versions
    bud = m.current_budget
    rev = versions.revise(bud, "Budget 2026 rev 1", kind=BudgetKind.REVISED, decided=datetime.date(2026, 4, 22),
                          reason="Tilläggsanslag HVB, fler placeringar", decided_by="Socialnämnden")
    assert months(m, u["hvb"], "4610", rev) == [2_000_000 * KR] * 12
    assert months(m, u["hvb"], "3511", rev) == [-1_000_000 * KR] * 12
    assert year_total(m, u["k"], rev) == 25_200_000 * KR
    equal = m.keys.default
    versions.set_annual(rev, u["hvb"], m.chart["4610"], Decimal("30000000"), equal)
    assert months(m, u["hvb"], "4610", rev) == [2_500_000 * KR] * 12
    assert months(m, u["hvb"], "4610", bud) == [2_000_000 * KR] * 12
    assert year_total(m, u["k"], rev) == 31_200_000 * KR and year_total(m, u["k"], bud) == 25_200_000 * KR
    with pytest.raises(tertial.StateError, match="Budget 2026 rev 1"):
        versions.set_annual(bud, u["hvb"], m.chart["4610"], 0, equal)  # revised: closed
    assert versions.of(bud).revised_by == rev
    v = versions.of(rev)
    assert (v.revises, v.revised_by, v.kind) == (bud, None, BudgetKind.REVISED)
    assert v.reason == "Tilläggsanslag HVB, fler placeringar" and v.decided_by == "Socialnämnden"
    rev2 = versions.revise(rev, "Budget 2026 rev 2")
    assert months(m, u["hvb"], "4610", rev2)[5] == 2_500_000 * KR
    with pytest.raises(tertial.StateError):
        versions.set_annual(rev, u["hvb"], m.chart["4610"], 0, equal)
    versions.set_annual(rev2, u["hvb"], m.chart["4610"], 0, equal)
    assert months(m, u["hvb"], "4610", rev2)[5] == 0 and months(m, u["hvb"], "4610", rev)[5] == 2_500_000 * KR
    assert len(versions) == 3


def test_current_version(fx):
    m, u = fx
    bud = m.current_budget
    rev = m.budget_versions.revise(bud, "Ombudgetering april")
    assert m.current_budget == bud
    m.current_budget = rev
    assert m.current_budget == rev
    with pytest.raises(tertial.NotFoundError):
        m.current_budget = tertial.MEASURE_OUTCOME
    assert m.current_budget == rev


def test_set_annual_resolves_keys(fx):
    m, u = fx
    keys = m.keys
    assert keys is not None and m.keys == keys  # the model's own set, created on first use
    keys.add(Key.working_days("Arbetsdagar"))
    keys.assign(u["ifo"], "46", "46", "Arbetsdagar")
    versions = m.budget_versions
    det = versions.create("Detaljbudget 2026", kind=BudgetKind.DETAILED)
    assert versions.key_for(u["hvb"], m.chart["4610"]).name == "Arbetsdagar"
    assert versions.key_for(u["hvb"], m.chart["3511"]).name == "Tolftedelar"
    # 2026 has 251 working days: 251 000 kr is 1 000 kr a working day.
    versions.set_annual(det, u["hvb"], m.chart["4610"], 251_000 * KR)
    assert months(m, u["hvb"], "4610", det) == [w * 1000 * KR for w in
                                               (20, 20, 22, 20, 19, 21, 23, 21, 22, 22, 21, 20)]
    versions.set_annual(det, u["hvb"], m.chart["3511"], -100)
    assert months(m, u["hvb"], "3511", det) == [-9, -9, -9, -9, -8, -8, -8, -8, -8, -8, -8, -8]
    versions.set_annual(det, u["hvb"], m.chart["4610"], 1200, keys.default)  # an explicit key wins
    assert months(m, u["hvb"], "4610", det) == [100] * 12
    versions.set_annual(det, u["hvb"], m.chart["4610"], 0)
    assert months(m, u["hvb"], "4610", det) == [0] * 12
    assert year_total(m, u["k"], det) == -100
    assert months(m, u["hvb"], "4610", 2)[3] == 2_000_000 * KR
    with pytest.raises(TypeError):
        versions.set_annual(det, u["hvb"], m.chart["4610"], 1200.0)


def test_set_annual_last_year_of_row(fx):
    m, u = fx
    m.keys.add(Key.last_year("Fjolårets utfall"))
    m.keys.assign(u["ao"], None, None, "Fjolårets utfall")
    det = m.budget_versions.create("Detaljbudget")
    m.budget_versions.set_annual(det, u["ht"], m.chart["5011"], 11_800_000 * KR)
    assert months(m, u["ht"], "5011", det) == [1_000_000 * KR] * 11 + [800_000 * KR]
    m.budget_versions.set_annual(det, u["ht"], m.chart.ensure("4010"), 1200 * KR)
    assert months(m, u["ht"], "4010", det) == [100 * KR] * 12


def test_set_annual_errors(fx):
    m, u = fx
    v, equal, a = m.budget_versions, m.keys.default, m.chart["4610"]
    for measure in (tertial.MEASURE_OUTCOME, tertial.MEASURE_PRIOR, 9):
        with pytest.raises(tertial.NotFoundError):
            v.set_annual(measure, u["hvb"], a, 100, equal)
    with pytest.raises(tertial.NotFoundError):
        v.set_annual(2, 99, a, 100, equal)
    with pytest.raises(tertial.NotFoundError):
        v.set_annual(2, u["hvb"], 999, 100, equal)
    with pytest.raises(tertial.InvalidArgumentError):
        v.set_annual(2, u["hvb"], None, 100, equal)  # every account
    with pytest.raises(tertial.NotFoundError):
        v.key_for(99, a)
    assert months(m, u["hvb"], "4610", 2)[0] == 2_000_000 * KR


def test_set_annual_outside_holiday_years():
    with tertial.Model(2199, 7) as m:
        unit = m.org.add_unit("U", "U", None, 0)
        a = m.chart.ensure("4010")
        wd = Key.working_days("Arbetsdagar")
        m.keys.add(wd)
        bud = m.current_budget
        m.budget_versions.set_annual(bud, unit, a, 1200)
        with pytest.raises(tertial.RangeError):
            m.budget_versions.set_annual(bud, unit, a, 2400, wd)
        assert m.ledger.get(unit, a, 11, bud) == 100


def test_unallocated(fx):
    m, u = fx
    bud, v = m.current_budget, m.budget_versions
    year, per_month = v.unallocated(bud, u["sn"])
    assert year == 1_200_000 * KR and per_month == [100_000 * KR] * 12
    assert year == year_total(m, u["sn"], bud) - year_total(m, u["ifo"], bud) - year_total(m, u["ao"], bud)
    assert v.unallocated(bud, u["sn"], m.chart["6110"])[0] == 1_200_000 * KR
    assert v.unallocated(bud, u["sn"], m.chart["4610"])[0] == 0
    assert v.unallocated(bud, u["k"])[0] == 0 and v.unallocated(bud, u["ifo"])[0] == 0
    assert v.unallocated(bud, u["hvb"]) == (0, [0] * 12)
    v.set_annual(bud, u["k"], m.chart["4610"], 600_000 * KR)  # the council's reserve
    year, per_month = v.unallocated(bud, u["k"])
    assert year == 600_000 * KR and per_month[6] == 50_000 * KR


def test_unallocated_reorganisation(fx):
    m, u = fx
    bud, v = m.current_budget, m.budget_versions
    v.set_annual(bud, u["ao"], m.chart["5011"], 120_000 * KR)
    u["ht"].move(u["ifo"], 202607)
    assert v.unallocated(bud, u["ao"]) == (60_000 * KR, [10_000 * KR] * 6 + [0] * 6)
    with pytest.raises(tertial.NotFoundError):
        v.unallocated(tertial.MEASURE_OUTCOME, u["ao"])
    with pytest.raises(tertial.NotFoundError):
        v.unallocated(bud, 99)


def test_unallocated_overflow(fx):
    m, u = fx
    det = m.budget_versions.create("Stor")
    m.ledger.set(u["sn"], m.chart.ensure("4010"), 0, det, 2**63 - 1)
    m.ledger.set(u["sn"], m.chart.ensure("4020"), 0, det, 1)
    with pytest.raises(tertial.MoneyOverflowError):
        m.budget_versions.unallocated(det, u["sn"])
    assert m.budget_versions.unallocated(det, u["sn"], m.chart["4010"])[0] == 2**63 - 1


def test_compare_two_versions(fx):
    """Two versions per unit and row: the subtree's annual totals and b - a (tests/test_budget.c)."""
    m, u = fx
    bud = m.current_budget
    frame = m.budget_versions.revise(bud, "Ram 2026", kind=BudgetKind.FRAME)
    m.budget_versions.set_annual(frame, u["hvb"], m.chart["4610"], Decimal("30000000"), m.keys.default)
    c = m.compare_budgets(bud, frame, u["k"], -1)
    assert isinstance(c, tertial.BudgetComparison) and len(c) == len(list(c))
    rows = {r.code: i for i, r in enumerate(m.rowmap)}
    by = {(x.unit, x.row): x for x in c}
    hvb = by[(u["hvb"].id, rows["KOST_KOP"])]
    assert (hvb.a, hvb.b, hvb.difference, hvb.depth) == (24_000_000 * KR, 30_000_000 * KR, 6_000_000 * KR, 3)
    k = by[(u["k"].id, rows["NETTO"])]
    assert (k.a, k.b, k.difference) == (25_200_000 * KR, 31_200_000 * KR, 6_000_000 * KR)
    assert all(x.a or x.b for x in c) and all(x.difference == x.b - x.a for x in c)
    assert {x.unit for x in m.compare_budgets(bud, frame, u["k"], 0)} == {u["k"].id}
    with pytest.raises(tertial.NotFoundError):
        m.compare_budgets(tertial.MEASURE_OUTCOME, frame, u["k"], -1)
