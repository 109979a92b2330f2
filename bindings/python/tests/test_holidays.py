"""Swedish holidays and working days as datetime.date values (tests/test_holidays.c by hand,
and python3-holidays as an independent oracle for 2020-2030 when it is installed)."""
import datetime
import types

import pytest

import tertial
from tertial import HolidayFlags, HolidayId

D = datetime.date
EVES = HolidayFlags.EVES_WORKING


def test_easter_by_hand():
    # The anonymous Gregorian algorithm worked by hand in test_holidays.c.
    assert tertial.holiday_easter(1900) == D(1900, 4, 15)
    assert tertial.holiday_easter(2038) == D(2038, 4, 25)  # the latest possible
    assert tertial.holiday_easter(2199) == D(2199, 4, 14)
    assert tertial.holiday_easter(2024) == D(2024, 3, 31)
    assert tertial.holiday_easter(2025) == D(2025, 4, 20)
    assert tertial.holiday_easter(2026) == D(2026, 4, 5)
    for year in (2285, 1899):
        with pytest.raises(tertial.RangeError):
            tertial.holiday_easter(year)


def test_every_easter_is_a_sunday_in_march_or_april():
    for year in range(tertial.HOLIDAY_YEAR_MIN, tertial.HOLIDAY_YEAR_MAX + 1):
        easter = tertial.holiday_easter(year)
        assert tertial.holiday_weekday(easter) == 7 == easter.isoweekday()
        assert D(year, 3, 22) <= easter <= D(year, 4, 25)


def test_year_2025():
    days = tertial.holidays_of_year(2025)
    assert len(days) == 16 and len(tertial.holidays_of_year(2025, EVES)) == 13
    assert all(isinstance(h, tertial.Holiday) and isinstance(h.date, D) for h in days)
    assert [h.date for h in days] == sorted(h.date for h in days)
    first = days[0]
    assert first == (D(2025, 1, 1), HolidayId.NEW_YEARS_DAY, "Nyårsdagen", True)
    assert first.id is HolidayId.NEW_YEARS_DAY and first.official is True
    eves = [h.name for h in days if not h.official]
    assert eves == ["Midsommarafton", "Julafton", "Nyårsafton"]
    assert tertial.holiday_dates(2025)[:5] == [D(2025, 1, 1), D(2025, 1, 6), D(2025, 4, 18), D(2025, 4, 20),
                                               D(2025, 4, 21)]


def test_holiday_is():
    h = tertial.holiday_is(D(2025, 12, 24))
    assert h.id == HolidayId.CHRISTMAS_EVE and h.official is False and h.date == D(2025, 12, 24)
    assert tertial.holiday_is(D(2025, 12, 24), EVES) is None
    assert tertial.holiday_is(D(2025, 12, 25), EVES).official is True
    assert tertial.holiday_is(D(2025, 12, 23)) is None
    assert tertial.holiday_is(D(2025, 4, 18)).name == "Långfredagen"
    assert tertial.holiday_is(D(2026, 5, 14)).name == "Kristi himmelsfärdsdag"


def test_reform_of_1953():
    assert tertial.holiday_is(D(1952, 6, 24)).name == "Midsommardagen"
    assert tertial.holiday_is(D(1952, 6, 23)).name == "Midsommarafton"
    assert tertial.holiday_is(D(1952, 11, 2)).name == "Alla helgons dag"
    assert tertial.holiday_is(D(1952, 11, 1)) is None
    assert tertial.holiday_is(D(1952, 3, 25)).name == "Jungfru Marie bebådelsedag"
    assert tertial.working_day_is(D(1952, 6, 24)) is False
    assert tertial.holiday_is(D(1953, 6, 20)).name == "Midsommardagen"
    assert tertial.holiday_is(D(1953, 6, 24)) is None and tertial.working_day_is(D(1953, 6, 24)) is True
    assert tertial.holiday_is(D(1953, 10, 31)).name == "Alla helgons dag"
    assert tertial.holiday_is(D(1953, 3, 25)) is None
    # 1952: 12 + Marie bebådelsedag + annandag pingst; 1953: 13.
    assert len(tertial.holidays_of_year(1952, EVES)) == 14
    assert len(tertial.holidays_of_year(1953, EVES)) == 13


def test_national_day_and_may_day():
    assert tertial.holiday_is(D(2004, 5, 31)).name == "Annandag pingst"
    assert tertial.holiday_is(D(2004, 6, 6)) is None
    assert tertial.working_day_is(D(2005, 5, 16)) is True
    assert tertial.holiday_is(D(2005, 6, 6)).name == "Sveriges nationaldag"
    assert tertial.working_days_in_month(2004, 6) == 21
    assert tertial.working_days_in_month(2005, 6) == 20
    assert tertial.holiday_is(D(1937, 5, 1)) is None
    assert tertial.holiday_is(D(1939, 5, 1)).name == "Första maj"


def test_shared_date_2008():
    # Easter 23 March: Kristi himmelsfärdsdag falls on första maj. Both are listed, the date once.
    on_may_day = [h.id for h in tertial.holidays_of_year(2008) if h.date == D(2008, 5, 1)]
    assert on_may_day == [HolidayId.MAY_DAY, HolidayId.ASCENSION]
    assert tertial.holiday_is(D(2008, 5, 1)).name == "Första maj"
    assert len(tertial.holiday_dates(2008)) == len(tertial.holidays_of_year(2008)) - 1
    assert tertial.working_days_in_month(2008, 5) == 21


def test_working_days_by_hand():
    assert [tertial.working_days_in_month(2025, m) for m in range(1, 13)] == [
        21, 20, 21, 20, 20, 19, 23, 21, 22, 23, 20, 19]
    assert sum(tertial.working_days_in_month(2025, m, EVES) for m in range(1, 13)) == 252
    assert tertial.working_days_in_month(2025, 12, EVES) == 21
    assert tertial.working_days_in_month(2025, 6, EVES) == 20
    assert [tertial.working_days_in_month(*ym) for ym in [(2024, 3), (2024, 4), (2026, 4), (2026, 5)]] == [
        20, 21, 20, 19]
    assert tertial.working_day_is(D(2025, 12, 24)) is False
    assert tertial.working_day_is(D(2025, 12, 24), EVES) is True
    assert tertial.working_day_is(D(2022, 12, 31), EVES) is False  # a Saturday either way
    assert tertial.holiday_weekday(D(2024, 2, 29)) == 4 and tertial.holiday_weekday(D(1900, 1, 1)) == 1
    assert tertial.holiday_weekday(D(2199, 12, 31)) == 2
    assert tertial.working_days_in_month(2024, 2) == 21


def test_errors():
    with pytest.raises(tertial.RangeError):
        tertial.holidays_of_year(1899)
    with pytest.raises(tertial.RangeError):
        tertial.holidays_of_year(2200)
    # datetime.date cannot hold 29 February 2025; anything with year, month and day can.
    with pytest.raises(tertial.RangeError):
        tertial.holiday_is(types.SimpleNamespace(year=2025, month=2, day=29))
    with pytest.raises(tertial.RangeError):
        tertial.holiday_is(D(2200, 1, 1))
    with pytest.raises(tertial.RangeError):
        tertial.working_days_in_month(2025, 0)
    with pytest.raises(tertial.RangeError):
        tertial.holiday_weekday(D(1899, 12, 31))
    for bad_flags in [lambda: tertial.holidays_of_year(2025, 2), lambda: tertial.holiday_is(D(2025, 1, 1), 2),
                      lambda: tertial.working_day_is(D(2025, 1, 1), 2),
                      lambda: tertial.working_days_in_month(2025, 1, 2)]:
        with pytest.raises(tertial.InvalidArgumentError):
            bad_flags()
    with pytest.raises(TypeError):
        tertial.holiday_is("2025-12-24")
    with pytest.raises(TypeError):
        tertial.holiday_is(None)
    assert tertial.holiday_name(HolidayId.ALL_SAINTS) == "Alla helgons dag"
    assert tertial.holiday_name(99) == ""


def test_every_year_sorted_and_bounded():
    for year in range(tertial.HOLIDAY_YEAR_MIN, tertial.HOLIDAY_YEAR_MAX + 1, 7):
        days = tertial.holidays_of_year(year)
        assert 15 <= len(days) <= 17 <= tertial.HOLIDAYS_MAX
        assert [h.date for h in days] == sorted(h.date for h in days)


def test_against_python3_holidays():
    holidays = pytest.importorskip("holidays")
    oracle = holidays.Sweden(include_sundays=False, years=range(2020, 2031))
    working = 0
    for year in range(2020, 2031):
        ours = {}
        for h in tertial.holidays_of_year(year):
            ours.setdefault(h.date, set()).add(h.name)
        theirs = {d: set(n.split(", ")) for d, n in oracle.items() if d.year == year}
        assert ours == theirs, year
        day = D(year, 1, 1)
        while day.year == year:
            expected = day.isoweekday() <= 5 and day not in oracle
            assert tertial.working_day_is(day) is expected, day
            working += expected
            day += datetime.timedelta(days=1)
    assert working == 2764  # as in test_holidays.c
