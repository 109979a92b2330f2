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


# Units and accounts act only where they belong

def two_models():
    """Two models whose unit (account) ids name different units (accounts)."""
    a, b = tertial.Model(2026), tertial.Model(2026)
    for m, codes in ((a, ("1", "10", "11")), (b, ("2", "20", "21"))):
        root = m.org.add_unit(codes[0], f"Nämnd {codes[0]}", None, 1)
        m.org.add_unit(codes[1], f"Enhet {codes[1]}", root, 5)
        m.org.add_unit(codes[2], f"Enhet {codes[2]}", root, 5)
    a.chart.ensure("4610")
    b.chart.ensure("5011")
    b.chart.ensure("4610")
    return a, b


WRONG_UNIT = r'unit 10 "Enhet 10" belongs to Model 2026 \(0x[0-9a-f]+\), not to Model 2026 \(0x[0-9a-f]+\)'


def test_a_unit_of_another_model_is_refused():
    a, b = two_models()
    unit = a.org["10"]  # id 1; b's unit 1 is "20"
    with pytest.raises(tertial.InvalidArgumentError, match=WRONG_UNIT + r" that model_set_forecast\(\) works on"):
        b.set_forecast(unit, "KOST_KOP", 100)
    with pytest.raises(tertial.NotFoundError):
        b.forecast(b.org["20"], "KOST_KOP")  # b's unit 20 was not touched
    with pytest.raises(ValueError, match=WRONG_UNIT + r" that ledger_add\(\)"):
        b.ledger.add(unit, b.chart["4610"], 0, tertial.MEASURE_OUTCOME, 100)
    assert b.ledger.total(b.org["20"]) == 0
    with pytest.raises(tertial.InvalidArgumentError, match=WRONG_UNIT + r" that org_depth\(\)"):
        b.org.depth(unit, 202601)
    with pytest.raises(tertial.InvalidArgumentError, match=WRONG_UNIT + r" that followup_new\(\)"):
        b.followup(unit, 4)
    with pytest.raises(tertial.InvalidArgumentError, match=WRONG_UNIT + r" that forecast_set_method\(\)"):
        b.forecast_plan.set_method(unit, None, tertial.ForecastMethod.BUDGET_PROFILE)
    assert b.forecast_plan.rules == []
    with pytest.raises(tertial.InvalidArgumentError, match=WRONG_UNIT + r" that keyset_assign\(\)"):
        b.keys.assign(unit, None, None, "Tolftedelar")
    with pytest.raises(tertial.InvalidArgumentError, match="that org_is_within"):
        b.org["20"].is_within(a.org["1"], 202601)  # the second unit argument too
    # A unit whose id does not exist in the other model.
    extra = a.org.add_unit("12", "Enhet 12", a.org["1"], 5)
    with pytest.raises(tertial.InvalidArgumentError, match=r'unit 12 "Enhet 12" belongs to Model'):
        b.org.depth(extra, 202601)
    # Its own model, and plain ids, as before.
    a.set_forecast(unit, "KOST_KOP", 100)
    assert a.forecast(unit, "KOST_KOP") == 100 and b.org.depth(1, 202601) == 1
    a.close()
    b.close()


def test_an_account_of_another_model_is_refused():
    a, b = two_models()
    account = a.chart["4610"]  # id 0; b's account 0 is 5011
    with pytest.raises(tertial.InvalidArgumentError,
                       match=r'account 4610 "[^"]*" belongs to Model 2026 .* that ledger_add\(\) works on'):
        b.ledger.add(b.org["20"], account, 0, tertial.MEASURE_OUTCOME, 100)
    assert b.ledger.total(b.org["20"], b.chart["5011"]) == 0
    b.ledger.add(b.org["20"], b.chart["4610"], 0, tertial.MEASURE_OUTCOME, 100)
    assert b.ledger.total(b.org["20"], b.chart["4610"]) == 100
    a.close()
    b.close()


def test_a_unit_of_a_copy_of_the_model_names_the_same_unit(fx, tmp_path):
    """A model saved and loaded again has the same units under the same ids: a Unit of one names
    the same unit in the other, which is not a wrong target."""
    m, u = fx
    m.apply_forecast(4)
    with tertial.Store(tmp_path / "k.db") as store:
        store.save(m)
        copy = store.load_year(2026)
    assert copy.followup(u["sn"], 4).rows()[-1] == m.followup(u["sn"], 4).rows()[-1]
    copy.close()


def test_a_free_standing_key_set_takes_units_of_any_model():
    a, b = two_models()
    keys = tertial.KeySet()
    keys.assign(a.org["10"], None, None, "Tolftedelar")
    keys.assign(b.org["21"], None, None, "Tolftedelar")
    assert [rule[0] for rule in keys.rules] == [1, 2]
    a.close()
    b.close()


def test_a_key_of_another_key_set_is_refused():
    a, b = tertial.KeySet(), tertial.KeySet()
    a.add(tertial.Key.equal("Jämn"))
    b.add(tertial.Key.calendar_days("Jämn"))  # the same name, another key
    theirs = b["Jämn"]
    with pytest.raises(tertial.InvalidArgumentError, match="'Jämn' is not a key of this KeySet"):
        a.default = theirs
    with pytest.raises(tertial.InvalidArgumentError, match="not a key of this KeySet"):
        a.assign(None, None, None, theirs)
    assert a.default.name == "Tolftedelar" and a.rule_count == 0
    a.default = a["Jämn"]
    a.assign(None, None, None, "Jämn")
    assert a.default.kind == tertial.KeyKind.EQUAL and a.rule_count == 1
