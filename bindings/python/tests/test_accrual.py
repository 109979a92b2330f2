"""Accruals: expected late invoices beside the booked outcome (tests/test_accrual.c)."""
from decimal import Decimal

import pytest

import tertial

KR = 100


def test_adjusted_outcome(fx):
    m, u = fx
    accruals = m.accruals
    assert accruals.measure is None and len(accruals) == 0
    # HVB expects 600 000 kr from the Migration Agency for March, and 50 000 kr for June.
    accruals.add(u["hvb"], "3511", 2, -600_000 * KR, "Ersättning Migrationsverket mars")
    accruals.add(u["hvb"], "3511", 5, Decimal("-50000"), "Ersättning Migrationsverket juni")
    assert len(accruals) == 2
    a = accruals[0]
    assert isinstance(a, tertial.Accrual)
    assert a == (u["hvb"].id, "3511", 2, -600_000 * KR, "Ersättning Migrationsverket mars")
    assert [x.month for x in accruals] == [2, 5]
    assert accruals.measure >= 3
    assert m.ledger.measure_name(accruals.measure) == tertial.ACCRUAL_MEASURE_NAME
    o = m.adjusted_outcome(u["sn"], 4)
    assert isinstance(o, tertial.AdjustedOutcome)
    assert o == (6_810_000 * KR, -600_000 * KR, 6_210_000 * KR)
    assert m.adjusted_outcome(u["ao"], 4).accrued == 0
    assert m.followup(u["sn"], 4).rows()[3].outcome_acc == 6_810_000 * KR  # the booked outcome is untouched
    with pytest.raises(tertial.NotFoundError):
        accruals.add(u["hvb"], "9999", 2, 1, "x")
    with pytest.raises(tertial.RangeError):
        accruals.add(u["hvb"], "3511", 12, 1, "x")
    with pytest.raises(tertial.InvalidArgumentError):
        accruals.add(u["hvb"], "3511", 1, 1, "")
    with pytest.raises(tertial.NotFoundError):
        accruals.add(99, "3511", 1, 1, "x")
    with pytest.raises(TypeError):
        accruals.add(u["hvb"], "3511", 1, -1.5, "x")
    assert len(accruals) == 2
    with pytest.raises(tertial.RangeError):
        m.adjusted_outcome(u["sn"], 0)
