"""Bulk paths: loading many rows in one C call, tables as lists in one C call."""
import random
from decimal import Decimal

import pytest

import tertial
from tertial import MEASURE_OUTCOME, MEASURE_PRIOR


@pytest.fixture
def small(model):
    top = model.org.add_unit("6", "SN", None, 1)
    for code in ("6410", "6420", "6430"):
        model.org.add_unit(code, code, top, 5)
    for number in ("4610", "5011", "3110"):
        model.chart.ensure(number)
    return model, top


def totals(model):
    l = model.ledger
    return [l.get(u, a, month, measure)
            for u in model.org for a in model.chart for month in range(12)
            for measure in range(l.measure_count)]


def test_load_tuples(small):
    model, top = small
    rows = [("6410", "4610", 0, MEASURE_OUTCOME, 1000),
            ("6410", "4610", 0, MEASURE_OUTCOME, Decimal("2.50")),
            ("6420", "5011", 11, "Budget", "-1 243,50"),
            ["6430", "3110", 3, MEASURE_PRIOR, "17.25"]]
    assert model.ledger.load(rows) == 4
    l, org, chart = model.ledger, model.org, model.chart
    assert l.get(org["6410"], chart["4610"], 0, MEASURE_OUTCOME) == 1250
    assert l.get(org["6420"], chart["5011"], 11, model.current_budget) == -124350
    assert l.get(org["6430"], chart["3110"], 3, MEASURE_PRIOR) == 1725
    assert model.ledger.load([]) == 0


def test_load_from_a_generator(small):
    model, top = small
    n = model.ledger.load((code, "4610", month, MEASURE_OUTCOME, 100)
                          for code in ("6410", "6420") for month in range(12))
    assert n == 24 and model.ledger.total(top) == 2400


def test_load_matches_one_call_per_row(small):
    model, top = small
    rng = random.Random(6)
    rows = [(rng.choice(["6", "6410", "6420", "6430"]), rng.choice(["4610", "5011", "3110"]),
             rng.randrange(12), rng.choice([0, 1, 2]), rng.randrange(-10**9, 10**9)) for _ in range(20_000)]
    other = tertial.Model(2026)
    for u in model.org:
        other.org.add_unit(u.code, u.name, None if u.parent(202601) is None else u.parent(202601).id, u.level)
    for a in model.chart:
        other.chart.ensure(a.number)
    model.ledger.load(rows)
    for row in rows:
        other.ledger.add_by_code(*row)
    assert totals(model) == totals(other)


@pytest.mark.parametrize("bad, error, where", [
    (("6410", "4610", 0, MEASURE_OUTCOME, 1.5), TypeError, "row 2: money"),
    (("9999", "4610", 0, MEASURE_OUTCOME, 1), tertial.NotFoundError, "row 2:"),
    (("6410", "4610", 12, MEASURE_OUTCOME, 1), tertial.RangeError, "row 2:"),
    (("6410", "4610", 0, "Budget 2031", 1), tertial.NotFoundError, "row 2:"),
    (("6410", "4610", 0, MEASURE_OUTCOME, "12,5x"), tertial.ParseError, "row 2:"),
    (("6410", "4610", 0, MEASURE_OUTCOME, Decimal("0.001")), ValueError, "row 2:"),
    (("6410", 4610, 0, MEASURE_OUTCOME, 1), TypeError, "row 2: the account number"),
    (("6410", "4610", 0, MEASURE_OUTCOME), ValueError, "row 2: expected"),
    (42, TypeError, "row 2:"),
    (("6410", "4610", 0, MEASURE_OUTCOME, 2**63), tertial.MoneyOverflowError, "row 2:"),
])
def test_load_is_all_or_nothing(small, bad, error, where):
    model, top = small
    model.ledger.add_by_code("6410", "4610", 0, MEASURE_OUTCOME, 7)
    before = totals(model)
    rows = [("6410", "4610", 0, MEASURE_OUTCOME, 100), ("6420", "5011", 1, "Budget", 200), bad,
            ("6430", "3110", 2, MEASURE_OUTCOME, 300)]
    with pytest.raises(error, match=where):
        model.ledger.load(rows)
    assert totals(model) == before


def test_load_rolls_back_on_overflow(small):
    model, top = small
    model.ledger.add_by_code("6410", "4610", 0, MEASURE_OUTCOME, 2**63 - 10)
    before = totals(model)
    rows = [("6420", "4610", 0, MEASURE_OUTCOME, -(2**63)),  # the extreme amount is taken back too
            ("6410", "4610", 0, MEASURE_OUTCOME, 5),
            ("6410", "4610", 0, MEASURE_OUTCOME, 5)]  # 2**63 - 10 + 10 does not fit
    with pytest.raises(tertial.MoneyOverflowError, match="row 2:") as info:
        model.ledger.load(rows)
    assert info.value.code == tertial.ErrorCode.OVERFLOW
    assert totals(model) == before


def test_load_propagates_errors_of_the_iterable(small):
    model, top = small

    def rows():
        yield ("6410", "4610", 0, MEASURE_OUTCOME, 100)
        raise KeyError("from the caller")

    before = totals(model)
    with pytest.raises(KeyError):
        model.ledger.load(rows())
    assert totals(model) == before


def test_load_csv(small, tmp_path):
    """Ledger.load_csv() reads in C: columns by header, months 1-12 or periods, Swedish or plain
    amounts; a bad row raises ParseError with file, line and column, and nothing is added."""
    model, top = small
    path = tmp_path / "utfall.csv"
    path.write_text("enhet;konto;månad;measure;belopp\n"
                    "6410;4610;1;0;-1 243,50\n"
                    "6420;5011;2026-02;Budget;1000.25\n", encoding="utf-8")
    assert model.ledger.load_csv(path) == 2
    assert model.ledger.get(model.org["6410"], model.chart["4610"], 0, MEASURE_OUTCOME) == -124350
    assert model.ledger.get(model.org["6420"], model.chart["5011"], 1, model.current_budget) == 100025
    # no header: unit, account, month, amount, into the measure asked for
    plain = tmp_path / "fyra.csv"
    plain.write_text("6430,3110,202612,17.25\n", encoding="utf-8")
    assert model.ledger.load_csv(plain, measure=MEASURE_PRIOR) == 1
    assert model.ledger.get(model.org["6430"], model.chart["3110"], 11, MEASURE_PRIOR) == 1725
    before = totals(model)
    bad = tmp_path / "trasig.csv"
    bad.write_text("6410;4610;1;100\n6410;4610;13;5\n", encoding="utf-8")
    with pytest.raises(tertial.ParseError, match=r"trasig.csv:2:3: column \"month\": expected a month"):
        model.ledger.load_csv(bad)
    assert totals(model) == before
    with pytest.raises(ValueError, match="one character"):
        model.ledger.load_csv(plain, delimiter=";;")


def test_table_rows_in_one_call(municipality):
    m, u = municipality
    table = m.followup(u["bun"], 4, view=tertial.View.SUBTREE)
    rows = table.rows()
    assert isinstance(rows, list) and len(rows) == len(table) == 6
    assert all(isinstance(r, tertial.FollowupRow) for r in rows)
    assert rows == [table[i] for i in range(len(table))]
