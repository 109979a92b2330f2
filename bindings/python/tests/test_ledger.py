"""Ledgers: measures, add/set/get, totals and roll-up."""
import pytest

import tertial
from tertial import MEASURE_OUTCOME, MEASURE_PRIOR, Chart, FiscalYear, Ledger, Org

KR = 100


@pytest.fixture
def setup():
    org, chart = Org(), Chart()
    top = org.add_unit("6", "Socialnämnden", None, 1)
    hvb = org.add_unit("6410", "HVB", top, 5)
    fam = org.add_unit("6420", "Familjehem", top, 5)
    buy = chart.add("4610", "Köp", tertial.AccountType.COST)
    pay = chart.add("5011", "Löner", tertial.AccountType.COST)
    ledger = Ledger(org, chart, FiscalYear(2026))
    return ledger, org, chart, top, hvb, fam, buy, pay


def test_measures(setup):
    ledger = setup[0]
    assert ledger.measures == ["Utfall", "Föregående år"] and ledger.measure_count == 2
    assert ledger.add_measure("Budget 2026") == 2
    assert ledger.find_measure("Budget 2026") == 2 and ledger.measure_name(2) == "Budget 2026"
    assert ledger.measure_name(9) is None
    with pytest.raises(tertial.ExistsError):
        ledger.add_measure("Budget 2026")
    with pytest.raises(tertial.NotFoundError):
        ledger.find_measure("Budget 2027")
    assert ledger.fiscal_year == FiscalYear(2026)


def test_add_set_get_and_totals(setup):
    ledger, org, chart, top, hvb, fam, buy, pay = setup
    budget = ledger.add_measure("Budget")
    for month in range(12):
        ledger.add(hvb, buy, month, budget, 100_000 * KR)
    ledger.add(hvb, buy, 0, MEASURE_OUTCOME, 120_000 * KR)
    ledger.add(hvb, buy, 0, MEASURE_OUTCOME, 5_000 * KR)
    ledger.add(fam, pay, 1, MEASURE_OUTCOME, 30_000 * KR)
    assert ledger.get(hvb, buy, 0, MEASURE_OUTCOME) == 125_000 * KR
    ledger.set(hvb, buy, 0, MEASURE_OUTCOME, 110_000 * KR)
    assert ledger.get(hvb, buy, 0, MEASURE_OUTCOME) == 110_000 * KR
    assert ledger.get(top, buy, 0, MEASURE_OUTCOME) == 0  # nothing booked on the parent itself
    ledger.rollup()
    assert ledger.total(top) == 140_000 * KR  # all accounts, outcome, the whole year
    assert ledger.total(top, buy) == 110_000 * KR
    assert ledger.total(top, None, budget, 0, 3) == 400_000 * KR
    assert ledger.total(hvb, buy, budget, first=6) == 600_000 * KR
    assert ledger.total(top, pay, MEASURE_OUTCOME, 0, 0) == 0
    assert ledger.line_count == 2
    with pytest.raises(tertial.RangeError):
        ledger.add(hvb, buy, 12, MEASURE_OUTCOME, 1)
    with pytest.raises(tertial.NotFoundError):
        ledger.add(hvb, buy, 0, 7, 1)
    with pytest.raises(tertial.NotFoundError):
        ledger.add(99, buy, 0, MEASURE_OUTCOME, 1)
    with pytest.raises(tertial.RangeError):
        ledger.total(top, None, MEASURE_OUTCOME, 5, 2)


def test_periods_codes_and_copy(setup):
    ledger, org, chart, top, hvb, fam, buy, pay = setup
    ledger.add_period(hvb, buy, 202603, MEASURE_OUTCOME, 1_000)
    ledger.add_period(hvb, buy, 202503, MEASURE_PRIOR, 2_000)  # prior year: previous fiscal year
    ledger.add_by_code("6420", "5011", 2, MEASURE_OUTCOME, 3_000)
    assert ledger.get(hvb, buy, 2, MEASURE_OUTCOME) == 1_000
    assert ledger.get(hvb, buy, 2, MEASURE_PRIOR) == 2_000
    assert ledger.get(fam, pay, 2, MEASURE_OUTCOME) == 3_000
    with pytest.raises(tertial.RangeError):
        ledger.add_period(hvb, buy, 202503, MEASURE_OUTCOME, 1)
    with pytest.raises(tertial.NotFoundError, match="9999"):
        ledger.add_by_code("9999", "4610", 0, MEASURE_OUTCOME, 1)
    revised = ledger.add_measure("Budget rev")
    ledger.copy_measure(revised, MEASURE_OUTCOME)
    assert ledger.total(top, None, revised) == 4_000


def test_row_total(setup):
    ledger, org, chart, top, hvb, fam, buy, pay = setup
    rm = tertial.RowMap.kommunbas()
    ledger.add(hvb, buy, 0, MEASURE_OUTCOME, 700)
    ledger.add(fam, pay, 0, MEASURE_OUTCOME, 300)
    assert ledger.row_total(rm, top, "KOST_KOP") == 700
    assert ledger.row_total(rm, top, rm.find_row("KOST_PERS")) == 300
    assert ledger.row_total(rm, top, "NETTO", MEASURE_OUTCOME, 0, 0) == 1_000
    with pytest.raises(tertial.NotFoundError):
        ledger.row_total(rm, top, "NOPE")


def test_overflowing_total(setup):
    ledger, org, chart, top, hvb, fam, buy, pay = setup
    ledger.add(hvb, buy, 0, MEASURE_OUTCOME, 2**63 - 1)
    ledger.add(fam, buy, 0, MEASURE_OUTCOME, 1)
    with pytest.raises(tertial.MoneyOverflowError):
        ledger.total(top)


def test_repr(setup):
    assert "measures=['Utfall', 'Föregående år']" in repr(setup[0])
