"""Fiscal years, periods and follow-up calendars."""
import datetime

import pytest

import tertial
from tertial import FiscalYear


def test_fiscal_year():
    fy = FiscalYear(2025, 7)
    assert (fy.first_year, fy.start_month) == (2025, 7)
    assert str(fy) == fy.label() == "2025/26" and repr(fy) == "FiscalYear(2025, 7)"
    assert fy.period(0) == 202507 and fy.period(6) == 202601
    assert fy.index(202603) == 8
    assert fy.periods()[-1] == 202606
    assert FiscalYear(2024, 1).days_in_month(1) == 29 and fy.days_in_month(7) == 28
    assert str(FiscalYear(2026)) == "2026"
    assert FiscalYear.containing(7, 2026, 3) == FiscalYear(2025, 7)
    assert FiscalYear.containing(7, 2026, 7) == FiscalYear(2026, 7)
    assert len({FiscalYear(2026), FiscalYear(2026, 1)}) == 1
    with pytest.raises(AttributeError):
        fy.first_year = 2030  # read-only
    with pytest.raises(tertial.RangeError):
        fy.period(12)
    with pytest.raises(tertial.RangeError):
        fy.index(202507 + 100)
    with pytest.raises(tertial.RangeError):
        FiscalYear(1800, 1)


def test_periods_and_days():
    assert tertial.period_make(2026, 4) == 202604
    assert tertial.days_in_month(2100, 2) == 28 and tertial.days_in_month(2000, 2) == 29
    with pytest.raises(tertial.RangeError):
        tertial.period_make(2026, 13)
    with pytest.raises(tertial.RangeError):
        tertial.days_in_month(2026, 0)


def test_default_calendar():
    cal = tertial.Calendar.default()
    assert cal.start_month == 1 and len(cal) == 6
    assert [p.code for p in cal] == ["JANFEB", "T1", "JANJUN", "T2", "JANOKT", "BOKSLUT"]
    t1 = cal["T1"]
    assert isinstance(t1, tertial.FollowupPoint)
    assert (t1.cutoff, t1.deadline_months_after, t1.deadline_day) == (4, 1, 15)
    assert cal.deadline("T1", 2026) == datetime.date(2026, 5, 15)
    assert cal.deadline("BOKSLUT", 2026) == datetime.date(2027, 2, 15)
    assert cal.deadline(0, 2026) == datetime.date(2026, 3, 15)
    assert cal[-1].code == "BOKSLUT" and cal.find_point("T2") == 3
    assert cal.point(99) is None
    with pytest.raises(IndexError):
        cal[6]
    with pytest.raises(tertial.NotFoundError):
        cal["T3"]
    july = tertial.Calendar.default(7)
    assert july.deadline("T1", 2025) == datetime.date(2025, 11, 15)  # July-October, then 15 November
    assert "T1" in repr(july)


def test_own_calendar():
    cal = tertial.Calendar(1)
    assert len(cal) == 0 and list(cal) == []
    cal.add_point("Q1", "Kvartal 1", 3, 1, 20)
    cal.parse("# kvartal\nQ2;Kvartal 2;6;1;20\n\nQ3;Kvartal 3;9;1;31\n")
    assert [p.code for p in cal] == ["Q1", "Q2", "Q3"]
    assert cal.deadline("Q3", 2026) == datetime.date(2026, 10, 31)
    assert cal.deadline("Q2", 2026) == datetime.date(2026, 7, 20)
    with pytest.raises(tertial.ExistsError):
        cal.add_point("Q1", "Igen", 3, 1, 20)
    with pytest.raises(tertial.RangeError):
        cal.add_point("Q5", "Kvartal 5", 13, 1, 20)
    with pytest.raises(tertial.ParseError, match="kvartal.txt:2"):
        cal.parse("Q4;Kvartal 4;12;1;20\nQ5;trasig\n", "kvartal.txt")
    assert len(cal) == 3  # nothing added from a text with an error
    cal.remove_point("Q2")
    assert [p.code for p in cal] == ["Q1", "Q3"]
    with pytest.raises(tertial.NotFoundError):
        cal.remove_point("Q2")


def test_model_calendar_is_the_default(model):
    assert [p.code for p in model.calendar][1] == "T1"
    assert model.fiscal_year == FiscalYear(2026, 1)


def test_level_deadlines():
    # The seed's T1 in the calendar's text form: units (level 5) by 15 April, activities
    # (level 4) by 25 April, sectors (level 3) by 10 May.
    cal = tertial.Calendar(1)
    cal.parse("T1;Tertial 1;4;1;15\nT1;level 5;0;15\nT1;level 4;0;25\nT1;level 3;1;10\n", "t1.txt")
    assert cal.level_deadline("T1", 5, 2026) == datetime.date(2026, 4, 15)
    assert cal.level_deadline("T1", 4, 2026) == datetime.date(2026, 4, 25)
    assert cal.level_deadline(0, 3, 2026) == datetime.date(2026, 5, 10)
    # levels above every stated one: the point's deadline
    assert cal.level_deadline("T1", 1, 2026) == cal.deadline("T1", 2026) == datetime.date(2026, 5, 15)
    levels = cal.level_deadlines("T1")
    assert all(isinstance(d, tertial.LevelDeadline) for d in levels)
    assert [(d.level, d.deadline_months_after, d.deadline_day) for d in levels] == [(3, 1, 10), (4, 0, 25), (5, 0, 15)]
    # without its own date level 4 takes the sectors' (above), not the units' (below)
    cal.remove_level_deadline("T1", 4)
    assert cal.level_deadline("T1", 4, 2026) == datetime.date(2026, 5, 10)
    cal.set_level_deadline(0, 5, 1, 31)  # by index; replaces; 31 May
    assert cal.level_deadline("T1", 5, 2026) == datetime.date(2026, 5, 31)
    assert len(cal.level_deadlines(0)) == 2
    with pytest.raises(tertial.NotFoundError):
        cal.remove_level_deadline("T1", 4)
    with pytest.raises(tertial.RangeError):
        cal.set_level_deadline("T1", tertial.LEVEL_MAX + 1, 0, 15)
    with pytest.raises(tertial.RangeError):
        cal.level_deadline("T1", -1, 2026)
    with pytest.raises(tertial.NotFoundError):
        cal.set_level_deadline("T9", 5, 0, 15)
    with pytest.raises(tertial.ParseError, match="more.txt:2: expected the code of a follow-up point"):
        cal.parse("T1;level 2;1;12\nX;level 5;0;15\n", "more.txt")
    assert len(cal.level_deadlines("T1")) == 2  # nothing added from a text with an error


def test_level_deadlines_in_the_store(tmp_path):
    # A July-June year: months after the cut-off cross the calendar year end.
    m = tertial.Model(2025, 7)
    m.calendar.set_level_deadline("T1", 3, 3, 31)
    with tertial.Store(str(tmp_path / "s.db")) as store:
        assert store.schema_version == tertial.STORE_SCHEMA_VERSION == 14
        store.save(m)
        back = store.load()
    assert back.calendar.level_deadline("T1", 3, 2025) == datetime.date(2026, 1, 31)
    assert back.calendar.level_deadline("T1", 4, 2025) == datetime.date(2026, 1, 31)
    assert back.calendar.level_deadline("T1", 2, 2025) == datetime.date(2025, 11, 15)
    assert [tuple(d) for d in back.calendar.level_deadlines("T1")] == [(3, 3, 31)]
