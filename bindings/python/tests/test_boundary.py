"""What crosses the boundary must be what it claims: dates are calendar dates, and a unit or an
account acts only in the model it came from."""
import datetime

import pytest

import tertial
from tertial import AdjustmentKind


class DuckDate:
    """Anything with year, month and day is taken as a date."""

    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day


BAD_DATES = [DuckDate(2026, 2, 30), DuckDate(2025, 2, 29), DuckDate(2026, 4, 31), DuckDate(2026, 13, 1),
             DuckDate(2026, 0, 10), DuckDate(2026, 5, 0), DuckDate(1899, 12, 31), DuckDate(10000, 1, 1)]


def frozen_model(fx):
    m, u = fx
    m.apply_forecast(2)
    return m, u


@pytest.mark.parametrize("bad", BAD_DATES, ids=lambda d: f"{d.year}-{d.month:02}-{d.day:02}")
def test_snapshot_take_refuses_a_date_that_does_not_exist(fx, bad):
    m, u = frozen_model(fx)
    with pytest.raises(tertial.RangeError, match=f"{bad.year}-{bad.month:02}-{bad.day:02} is not a date"):
        m.snapshots.take("JANFEB", bad)
    assert len(m.snapshots) == 0  # nothing was saved
    # A real date, duck-typed or not, still goes through, and comes back as the same day.
    s = m.snapshots.take("JANFEB", DuckDate(2024, 2, 29))
    assert s.taken_on == datetime.date(2024, 2, 29) and len(m.snapshots) == 1


def test_range_error_is_a_value_error(fx):
    m, u = frozen_model(fx)
    with pytest.raises(ValueError) as e:
        m.snapshots.take("JANFEB", DuckDate(2026, 2, 30))
    assert e.value.code == tertial.ErrorCode.RANGE
    with pytest.raises(tertial.RangeError, match="year"):
        m.snapshots.take("JANFEB", datetime.date(1, 1, 1))  # a datetime.date, but not a year of the library


def test_other_date_arguments_are_checked_too(fx, tmp_path):
    m, u = frozen_model(fx)
    # Snapshots.restore() takes the date of a stored snapshot.
    s = m.snapshots.take("JANFEB", datetime.date(2026, 3, 12))
    with pytest.raises(tertial.RangeError, match="2026-02-30 is not a date"):
        m.snapshots.restore("T1", 4, DuckDate(2026, 2, 30), s.entries())
    assert [x.point for x in m.snapshots] == ["JANFEB"]
    # An SIE file's #GEN date (an option object's field).
    path = tmp_path / "x.se"
    with pytest.raises(tertial.RangeError, match="2026-06-31 is not a date"):
        m.write_sie(path, generated=DuckDate(2026, 6, 31))
    assert not path.exists()
    m.write_sie(path, generated=DuckDate(2026, 6, 30))
    with tertial.SieReader(path) as reader:
        assert [r.date for r in reader if r.label == tertial.SieLabel.GEN] == [datetime.date(2026, 6, 30)]
    # A measure's due date.
    with pytest.raises(tertial.RangeError, match="2026-09-31 is not a date"):
        m.measures.add(u["ht"], "KOST_PERS", "Färre vikarier", due=DuckDate(2026, 9, 31))
    assert len(m.measures) == 0
