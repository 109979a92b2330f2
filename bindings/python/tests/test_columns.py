"""Ledger.load_columns(): the bulk load from columns, read in place (pyglue_columns.c)."""
import array
import tracemalloc
from decimal import Decimal

import pytest

import tertial

OUT = tertial.MEASURE_OUTCOME


def model(units=("10", "20"), accounts=("4010", "4020")):
    m = tertial.Model(2026)
    root = m.org.add_unit("1", "Kommunen", None, 0)
    for code in units:
        m.org.add_unit(code, code, root, 1)
    for number in accounts:
        m.chart.ensure(number)
    return m


def cells(m, unit, account, measure=OUT):
    return [m.ledger.get(m.org[unit], m.chart[account], month, measure) for month in range(12)]


def test_lists_and_buffers_give_the_rows_of_load():
    m, same = model(), model()
    rows = [("10", "4010", 0, OUT, 150), ("20", "4020", 1, "Budget", Decimal("2.50")), ("10", "4020", 11, OUT, "-1 243,50")]
    assert same.ledger.load(rows) == 3
    assert m.load_columns(*[list(c) for c in zip(*rows)]) == 3
    for unit, account in [("10", "4010"), ("20", "4020"), ("10", "4020")]:
        for measure in (OUT, m.current_budget):
            assert cells(m, unit, account, measure) == cells(same, unit, account, measure)
    assert cells(m, "10", "4020")[11] == -124_350
    # array.array: int codes written in decimal, months and amounts read in place, one measure
    n = m.ledger.load_columns(array.array("q", [10, 20]), array.array("i", [4010, 4010]), array.array("b", [2, 2]),
                              "Budget", array.array("q", [7, 9]))
    assert n == 2 and cells(m, "10", "4010", m.current_budget)[2] == 7 and cells(m, "20", "4010", m.current_budget)[2] == 9


def test_float_kronor_round_from_the_decimal_text():
    m = model()
    amounts = [1.005, 0.1 + 0.2, -0.005, 10000.0, 1e-300, 92_233_720_368_547.0, -1243.5, 0.0049999, 2.675, 1e15]
    months = list(range(len(amounts)))[:12]
    assert m.load_columns(["10"] * 10, ["4010"] * 10, months, OUT, array.array("d", amounts)) == 10
    # half away from zero on the number's shortest text: 1.005 -> 1.01 and 2.675 -> 2.68 (in binary
    # both lie below), never through a float product
    assert cells(m, "10", "4010")[:10] == [101, 30, -1, 1_000_000, 0, 9_223_372_036_854_700, -124_350, 0, 268,
                                           100_000_000_000_000_000]
    m2 = model()
    m2.load_columns(["10"] * 3, ["4010"] * 3, [0, 1, 2], OUT, [1.005, 2.675, -0.005])  # floats in a list too
    assert cells(m2, "10", "4010")[:3] == [101, 268, -1]


@pytest.mark.parametrize("amount, error, message", [
    (float("nan"), ValueError, "row 1: amount: a float that is not a number"),
    (float("inf"), ValueError, "row 1: amount: a float that is not a number"),
    (1e17, OverflowError, "row 1: amount: does not fit in int64"),
    (Decimal("0.001"), ValueError, "row 1: .*whole number of öre"),
    (True, TypeError, "row 1: .*not bool"),
])
def test_a_bad_amount_takes_back_the_rows(amount, error, message):
    m = model()
    with pytest.raises(error, match=message):
        m.load_columns(["10", "20"], ["4010", "4010"], [0, 0], OUT, [Decimal("5"), amount])
    assert m.ledger.total(m.org["1"]) == 0 and m.ledger.line_count == 1  # the line stays, its amount is 0


def test_bad_columns():
    m = model()
    with pytest.raises(ValueError, match="the columns differ in length: units has 2 rows, amounts 1"):
        m.load_columns(["10", "20"], ["4010", "4010"], [0, 0], OUT, [1])
    with pytest.raises(tertial.NotFoundError, match="row 1: .*99"):
        m.load_columns(["10", "99"], ["4010", "4010"], 0, OUT, [1, 2])
    with pytest.raises(tertial.RangeError, match="row 0: "):
        m.load_columns(["10"], ["4010"], [12], OUT, [1])
    with pytest.raises(TypeError, match="row 0: accounts: expected a str or an int code, not a float"):
        m.load_columns(["10"], array.array("d", [4010.0]), [0], OUT, [1])
    with pytest.raises(TypeError, match="units: expected a column"):
        m.load_columns("10", ["4010"], [0], OUT, [1])
    with pytest.raises(TypeError, match="measures: expected a column"):
        m.load_columns(["10"], ["4010"], [0], True, [1])
    with pytest.raises(tertial.NotFoundError, match="row 0: "):
        m.load_columns(["10"], ["4010"], [0], "Prognos", [1])
    assert m.ledger.total(m.org["1"]) == 0


def test_numpy_and_pandas_columns_without_an_object_per_row():
    numpy = pytest.importorskip("numpy")
    pandas = pytest.importorskip("pandas")
    units = [f"U{i:03d}" for i in range(200)]
    m = model(units, ("4010", "4020"))
    n = 100_000
    i = numpy.arange(n)
    unit = pandas.Series(numpy.array(units, dtype=object)[i % 200]).astype("category")
    account = pandas.Series(numpy.where(i % 2 == 0, 4010, 4020))
    month = (i % 12).astype(numpy.int8)
    ore = (i * 7919) % 1_000_000 - 500_000
    tracemalloc.start()
    try:
        assert m.load_columns(unit, account, month, OUT, ore) == n
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024, peak  # a Python object per row would take megabytes
    assert m.ledger.total(m.org["1"]) == int(ore.sum())
    first = [m.ledger.get(m.org["U000"], m.chart["4010"], k, OUT) for k in range(12)]
    assert first == [int(ore[(i % 200 == 0) & (i % 2 == 0) & (i % 12 == k)].sum()) for k in range(12)]
    kronor = pandas.Series(ore / 100)  # float64 kronor: the same öre back
    m2 = model(units, ("4010", "4020"))
    assert m2.load_columns(unit, account, month, "Utfall", kronor) == n
    assert m2.ledger.total(m2.org["1"]) == int(ore.sum())
    missing = unit.cat.add_categories(["U999"]).copy()
    missing.iloc[5] = None  # a missing category: code -1
    with pytest.raises(ValueError, match="row 5: units: a missing value"):
        model(units).load_columns(missing, account, month, OUT, ore)


def test_categoricals_in_every_column():
    pandas = pytest.importorskip("pandas")
    m = model()
    cat = lambda values: pandas.Series(values).astype("category")  # noqa: E731
    assert m.load_columns(cat(["10", "20", "10"]), cat([4010, 4020, 4010]), cat([3, 3, 11]),
                          cat(["Utfall", "Budget", "Utfall"]), cat([Decimal("1.25"), Decimal("7"), Decimal("1.25")])) == 3
    assert cells(m, "10", "4010")[3] == 125 and cells(m, "10", "4010")[11] == 125
    assert cells(m, "20", "4020", m.current_budget)[3] == 700
