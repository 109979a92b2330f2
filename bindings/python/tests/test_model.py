"""The model: owner of everything, a context manager, forecasts and budgets."""
import pytest

import tertial
from tertial import Model


def test_owned_parts(model):
    assert isinstance(model.org, tertial.Org) and isinstance(model.chart, tertial.Chart)
    assert isinstance(model.rowmap, tertial.RowMap) and isinstance(model.calendar, tertial.Calendar)
    assert isinstance(model.ledger, tertial.Ledger)
    # Borrowed: the Python objects do not own (free) them.
    assert not model.org.thisown and not model.ledger.thisown
    assert model.ledger.measures == ["Utfall", "Föregående år", "Budget"]
    assert model.current_budget == 2 and model.fiscal_year == tertial.FiscalYear(2026, 1)
    assert model.org.add_unit("1", "K", None, 0) in model.org
    assert "units=1" in repr(model)


def test_fiscal_year_starting_in_july():
    with Model(2025, 7) as m:
        assert str(m.fiscal_year) == "2025/26" and m.calendar.start_month == 7
    with pytest.raises(tertial.RangeError):
        Model(2026, 0)


def test_context_manager_closes():
    with Model(2026) as m:
        assert not m.closed
    assert m.closed and repr(m) == "<Model (closed)>"
    with pytest.raises(ValueError, match="closed"):
        m.org  # a closed model is not usable (but nothing crashes)
    m.close()  # closing twice is harmless


def test_current_budget(model):
    revised = model.ledger.add_measure("Budget rev 1")
    model.current_budget = revised
    assert model.current_budget == revised
    model.set_current_budget(2)
    assert model.current_budget == 2
    with pytest.raises(tertial.NotFoundError):
        model.current_budget = tertial.MEASURE_OUTCOME  # not a budget measure


def test_forecasts(model):
    u = model.org.add_unit("1", "K", None, 0)
    model.set_forecast(u, "KOST_PERS", 12_345)
    assert model.forecast(u, "KOST_PERS") == 12_345
    model.set_forecast(u, "KOST_PERS", 54_321)
    assert model.forecast(u, "KOST_PERS") == 54_321
    model.clear_forecast(u, "KOST_PERS")
    with pytest.raises(tertial.NotFoundError):
        model.forecast(u, "KOST_PERS")
    with pytest.raises(tertial.NotFoundError):
        model.clear_forecast(u, "KOST_PERS")
    with pytest.raises(tertial.StateError):
        model.set_forecast(u, "KOST", 1)  # a sum row
    with pytest.raises(tertial.NotFoundError):
        model.set_forecast(u, "NOPE", 1)


def test_load_through_the_model(model):
    model.org.add_unit("6", "SN", None, 1)
    model.chart.ensure("4610")
    assert model.load([("6", "4610", 0, tertial.MEASURE_OUTCOME, 500)]) == 1
    assert model.ledger.total(model.org["6"]) == 500


def test_two_models_are_independent():
    a, b = Model(2026), Model(2027)
    a.org.add_unit("1", "A", None, 0)
    assert len(a.org) == 1 and len(b.org) == 0
    assert str(b.fiscal_year) == "2027"
