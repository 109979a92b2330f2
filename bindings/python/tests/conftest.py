"""Shared fixtures: a small municipality whose figures are computed by hand in the tests."""
import pathlib
import sys

import pytest

# The package comes from the build tree (PYTHONPATH set by meson test); fail early and clearly.
try:
    import tertial
except ImportError as e:  # pragma: no cover
    sys.exit(f"cannot import tertial ({e}); run through `meson test --suite python` or set "
             "PYTHONPATH=<build>/bindings/python (bindings/python/README.md)")

KR = 100  # öre per krona


def book(ledger, unit, account, measure, months, per_month_kr):
    for month in months:
        ledger.add(unit, account, month, measure, per_month_kr * KR)


def build_municipality():
    """Exempelkommun 2026: Barn- och utbildningsnämnden with Grundskola (Ängsskolan,
    Backaskolan) and Förskola (Förskolan Solen); outcome January-April, budget in twelfths."""
    m = tertial.Model(2026, 1)
    org = m.org
    u = {}
    u["kommun"] = org.add_unit("0", "Exempelkommun", None, 0, "Kommundirektör")
    u["bun"] = org.add_unit("3", "Barn- och utbildningsnämnden", u["kommun"], 1, "Karin Lund")
    u["gr"] = org.add_unit("310", "Grundskola", u["bun"], 4, "Olof Ek")
    u["angs"] = org.add_unit("3110", "Ängsskolan", u["gr"], 5, "Sara Berg")
    u["backa"] = org.add_unit("3120", "Backaskolan", u["gr"], 5, "Jonas Dahl")
    u["fsk"] = org.add_unit("320", "Förskola", u["bun"], 4, "Maria Holm")
    u["solen"] = org.add_unit("3210", "Förskolan Solen", u["fsk"], 5, "Lena Ros")

    chart = m.chart
    salaries = chart.add("5011", "Månadslöner", tertial.AccountType.COST)
    purchases = chart.add("4610", "Köp av huvudverksamhet", tertial.AccountType.COST)
    fees = chart.add("3110", "Barnomsorgsavgifter", tertial.AccountType.REVENUE)

    l, budget, outcome, prior = m.ledger, m.current_budget, tertial.MEASURE_OUTCOME, tertial.MEASURE_PRIOR
    year, jan_apr = range(12), range(4)
    book(l, u["angs"], salaries, budget, year, 1_500_000)
    book(l, u["angs"], salaries, outcome, jan_apr, 1_580_000)
    book(l, u["angs"], salaries, prior, year, 1_450_000)
    book(l, u["backa"], salaries, budget, year, 1_200_000)
    book(l, u["backa"], salaries, outcome, jan_apr, 1_150_000)
    book(l, u["backa"], purchases, budget, year, 250_000)
    book(l, u["backa"], purchases, outcome, jan_apr, 310_000)
    book(l, u["solen"], salaries, budget, year, 800_000)
    book(l, u["solen"], salaries, outcome, jan_apr, 790_000)
    book(l, u["solen"], fees, budget, year, -120_000)
    book(l, u["solen"], fees, outcome, jan_apr, -131_000)
    return m, u


def set_forecasts(m, u):
    m.set_forecast(u["angs"], "KOST_PERS", 19_000_000 * KR)
    m.set_forecast(u["backa"], "KOST_PERS", 14_000_000 * KR)
    m.set_forecast(u["backa"], "KOST_KOP", 3_600_000 * KR)
    m.set_forecast(u["solen"], "KOST_PERS", 9_600_000 * KR)
    m.set_forecast(u["solen"], "INT_TAXA", -1_500_000 * KR)


@pytest.fixture
def municipality():
    m, u = build_municipality()
    set_forecasts(m, u)
    yield m, u
    m.close()


@pytest.fixture
def model():
    with tertial.Model(2026, 1) as m:
        yield m


@pytest.fixture
def source_root():
    import os
    return pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
