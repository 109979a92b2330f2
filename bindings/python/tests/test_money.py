"""Money crosses as int öre or decimal.Decimal kronor, never as a float."""
from decimal import Decimal

import pytest

import tertial
from tertial import MoneyStyle, MoneyUnit


class NumpyLikeInt:
    """An integer type that is not int (like numpy.int64): accepted through __index__."""

    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


def test_ore_and_kronor():
    assert tertial.ore(124350) == 124350
    assert tertial.ore(Decimal("1243.50")) == 124350
    assert tertial.ore(Decimal("-1243.5")) == -124350
    assert tertial.ore(Decimal("12E3")) == 1_200_000
    assert tertial.ore(NumpyLikeInt(7)) == 7
    assert tertial.kronor(124350) == Decimal("1243.50")
    assert tertial.kronor(-5) == Decimal("-0.05")
    assert tertial.kronor(-(2**63)) == Decimal("-92233720368547758.08")
    assert tertial.kronor(2**63 - 1) == Decimal("92233720368547758.07")
    assert str(tertial.kronor(0)) == "0.00"


@pytest.mark.parametrize("bad", [1.5, 100.0, float("nan"), True, "12", None, [1], 1 + 2j])
def test_non_money_is_a_type_error(bad):
    with pytest.raises(TypeError):
        tertial.ore(bad)
    with pytest.raises(TypeError):
        tertial.money_add(bad, 1)


def test_float_error_says_why():
    with pytest.raises(TypeError, match="not float"):
        tertial.money_add(0.1, 0.2)


@pytest.mark.parametrize("bad", [Decimal("0.001"), Decimal("1.234"), Decimal("NaN"), Decimal("-Infinity"),
                                 Decimal("sNaN")])
def test_inexact_decimals_are_value_errors(bad):
    with pytest.raises(ValueError):
        tertial.ore(bad)


def test_every_decimal_notation_is_exact():
    assert tertial.ore(Decimal("1.2300")) == 123
    assert tertial.ore(Decimal("-0.00")) == 0 and tertial.ore(Decimal("-0")) == 0
    assert tertial.ore(Decimal("1E+3")) == 100_000 and tertial.ore(Decimal("25E-2")) == 25
    assert tertial.ore(Decimal("92233720368547758.07")) == 2**63 - 1
    assert tertial.ore(Decimal("-92233720368547758.08")) == -(2**63)


@pytest.mark.parametrize("big", [2**63, -(2**63) - 1, 10**30, Decimal("1E20")])
def test_out_of_range_is_a_money_overflow(big):
    with pytest.raises(tertial.MoneyOverflowError):
        tertial.ore(big)
    with pytest.raises(OverflowError):
        tertial.money_add(big, 0)


def test_checked_arithmetic():
    assert tertial.money_add(150, Decimal("2.50")) == 400
    assert tertial.money_sub(100, 250) == -150
    assert tertial.money_mul(Decimal("1.25"), 3) == 375
    assert tertial.money_scale(1000, 1234, 1000) == 1234
    assert tertial.money_scale(5, 1, 2) == 3      # 2.5 rounds half away from zero
    assert tertial.money_scale(-5, 1, 2) == -3
    with pytest.raises(tertial.MoneyOverflowError):
        tertial.money_add(2**63 - 1, 1)
    with pytest.raises(tertial.MoneyOverflowError):
        tertial.money_sub(-(2**63), 1)
    with pytest.raises(tertial.InvalidArgumentError):
        tertial.money_scale(1, 1, 0)
    with pytest.raises(TypeError):
        tertial.money_mul(100, 1.5)  # the factor is an int too
    with pytest.raises(TypeError):
        tertial.money_scale(100, 1.5, 2)


def test_parse():
    assert tertial.money_parse("-1 243,50", MoneyStyle.SWEDISH) == -124350
    assert tertial.money_parse("-1243.50", MoneyStyle.SIE) == -124350
    assert tertial.money_parse("\u22121\u00a0243,5", MoneyStyle.ANY) == -124350
    for bad, style in [("1,5", MoneyStyle.SIE), ("12,5x", MoneyStyle.ANY), ("", MoneyStyle.ANY),
                       ("1.234", MoneyStyle.SIE)]:
        with pytest.raises(tertial.ParseError):
            tertial.money_parse(bad, style)
    with pytest.raises(tertial.MoneyOverflowError):
        tertial.money_parse("100000000000000000000", MoneyStyle.ANY)


def test_round_and_format():
    assert tertial.money_round(1_234_567, MoneyUnit.TKR, 1) == 123
    assert tertial.money_round(-150, MoneyUnit.KR, 0) == -2
    assert tertial.money_format(1_250_000_000, MoneyUnit.TKR, 0) == "12 500"
    assert tertial.money_format(-124350, MoneyUnit.KR, 2) == "-1 243,50"
    assert tertial.money_format(-1, MoneyUnit.KR, 0) == "0"
    assert tertial.money_format(Decimal("1234567.89"), MoneyUnit.MKR, 3) == "1,235"
    with pytest.raises(tertial.RangeError):
        tertial.money_format(1, MoneyUnit.KR, 4)
    with pytest.raises(tertial.RangeError):
        tertial.money_round(1, MoneyUnit.KR, -1)


def test_round_vector_preserves_the_sum():
    parts = [40_000, 40_000, 40_000]  # 0,4 tkr each: 0 + 0 + 0 would not add up to 1
    assert sum(tertial.money_round_vector(parts, MoneyUnit.TKR, 0)) == 1
    assert tertial.money_round_vector([], MoneyUnit.KR, 0) == []
    assert tertial.money_round_vector((Decimal("1.5"), 149), MoneyUnit.KR, 0) == [2, 1]
    with pytest.raises(TypeError):
        tertial.money_round_vector([100, 1.5], MoneyUnit.KR, 0)
    with pytest.raises(TypeError):
        tertial.money_round_vector(5, MoneyUnit.KR, 0)


def test_money_arguments_of_the_classes_refuse_floats(model):
    unit = model.org.add_unit("1", "Nämnd", None, 1)
    acc = model.chart.ensure("4610")
    with pytest.raises(TypeError):
        model.ledger.add(unit, acc, 0, tertial.MEASURE_OUTCOME, 1000.0)
    with pytest.raises(TypeError):
        model.ledger.set(unit, acc, 0, tertial.MEASURE_OUTCOME, 1e3)
    with pytest.raises(TypeError):
        model.set_forecast(unit, "KOST_KOP", 1.0)
    model.ledger.add(unit, acc, 0, tertial.MEASURE_OUTCOME, Decimal("10.25"))
    model.ledger.add(unit, acc, 0, tertial.MEASURE_OUTCOME, 75)
    assert model.ledger.get(unit, acc, 0, tertial.MEASURE_OUTCOME) == 1100
    model.set_forecast(unit, "KOST_KOP", Decimal("-1.00"))
    assert model.forecast(unit, "KOST_KOP") == -100


def test_constants():
    assert tertial.ORE_PER_KR == 100 and tertial.ORE_PER_TKR == 100_000 and tertial.ORE_PER_MKR == 100_000_000
