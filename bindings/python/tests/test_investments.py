"""The investment budget from Python (issue 19, investments.h): projects with amounts per plan
year, totals per year for a unit, a category and in all, remaining budgets, bad input."""
import decimal
import os
import pathlib

import pytest

import tertial

EXAMPLES = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3])) / "examples"


def test_example_totals():
    inv = tertial.Investments()
    inv.load(EXAMPLES / "investments" / "plan.csv")
    assert len(inv) == 7
    assert inv.years == range(2027, 2031)
    p = inv[0]
    assert (p.code, p.unit, p.category, p.status) == ("P1001", "Barn- och utbildningsnämnden", "Fastigheter",
                                                      tertial.InvestmentStatus.DECIDED)
    assert p.first_year == 2027
    assert p.amounts == (1_200_000_000, 1_800_000_000, 400_000_000, 0)
    assert (p.spent, p.budget) == (250_000_000, 3_600_000_000)
    assert inv[1].budget is None and inv[1].spent is None
    # per year in tkr: 28 800, 57 600, 36 500, 13 000
    assert [inv.total(y) for y in inv.years] == [2_880_000_000, 5_760_000_000, 3_650_000_000, 1_300_000_000]
    assert inv.total(2028, "barn- och utbildningsnämnden") == 4_450_000_000
    assert inv.total(2028, category="Inventarier") == 240_000_000
    assert inv.total(2031) == 0
    # P1001 from 2027: 36 000 - 2 500 - 34 000 tkr = -500 tkr (over its frame)
    assert inv.remaining(0, 2027) == -50_000_000
    assert inv.remaining(-4, 2028) == 900_000_000
    with pytest.raises(tertial.TertialError, match="P1002 has no decided total budget"):
        inv.remaining(1, 2027)
    assert tertial.investment_status_name(tertial.InvestmentStatus.IN_PROGRESS) == "pågående"


def test_add_and_bad_input():
    inv = tertial.Investments()
    inv.add("X1", "TN", 2027, [decimal.Decimal("1000.50"), 200_00], name="Gång- och cykelväg",
            category="Gator och vägar", status=tertial.InvestmentStatus.DECIDED, budget=500_00)
    assert inv[0].amounts == (100_050, 20_000)
    assert inv.remaining(0, 2028) == 30_000
    with pytest.raises(tertial.TertialError, match="investment project X1 already exists"):
        inv.add("X1", "TN", 2027, [1])
    with pytest.raises(ValueError):
        inv.add("X2", "TN", 2027, [1] * 11)
    with pytest.raises(tertial.TertialError, match=r"i.csv:2:4: column \"2028 \(tkr\)\": expected an amount in tkr"):
        inv.parse("projekt;nämnd;2027 (tkr);2028 (tkr)\nA;TN;1;tio\n", "i.csv")
    assert len(inv) == 1
    assert tertial.Investments().years == range(0)
