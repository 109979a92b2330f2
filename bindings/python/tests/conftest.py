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


def build_fixture():
    """The fixture of the C tests (tests/testutil.c), so the worked figures of test_forecast.c,
    test_snapshot.c, test_budget.c, ... carry over:

      K  Exempelkommun
      └─ SN  Socialnämnden         own: 6110 (internal) 100 000 kr/month budget and Jan-Apr outcome
         ├─ IFO
         │   ├─ 6410 HVB       3511 budget -1 000 000 kr/month, outcome -1 922 500 Jan-Apr;
         │   │                 4610 budget  2 000 000 kr/month, outcome  2 500 000 Jan-Apr;
         │   │                 forecasts INT_BIDR -20 000 000, KOST_KOP 30 000 000
         │   └─ 6420 FS        4511 outcome 300 000 kr in February, no budget
         └─ AO
             └─ 6510 HT        5011 budget 1 000 000 kr/month, outcome 950 000 Jan-Apr,
                               prior year 1 000 000 Jan-Nov and 800 000 in December
    Every unit's manager is "Chef"."""
    m = tertial.Model(2026, 1)
    org = m.org
    u = {}
    for key, code, name, parent, level in [
            ("k", "K", "Exempelkommun", None, 0), ("sn", "SN", "Socialnämnden", "k", 1),
            ("ifo", "IFO", "Individ- och familjeomsorg", "sn", 4), ("hvb", "6410", "HVB barn och unga", "ifo", 5),
            ("fs", "6420", "Försörjningsstöd", "ifo", 5), ("ao", "AO", "Äldreomsorg", "sn", 4),
            ("ht", "6510", "Hemtjänst", "ao", 5)]:
        u[key] = org.add_unit(code, name, u[parent] if parent else None, level, "Chef")
    m.chart.add("6110", "Lokalhyror interna", tertial.AccountType.COST, True)
    for number in ("3511", "4610", "4511", "5011"):
        m.chart.ensure(number)
    bud, outcome, prior = m.current_budget, tertial.MEASURE_OUTCOME, tertial.MEASURE_PRIOR
    rows = []

    def book(unit, account, measure, months, kr):
        rows.extend((unit, account, month, measure, kr * KR) for month in months)

    book("SN", "6110", bud, range(12), 100_000)
    book("SN", "6110", outcome, range(4), 100_000)
    book("6410", "3511", bud, range(12), -1_000_000)
    book("6410", "3511", outcome, range(4), -1_922_500)
    book("6410", "4610", bud, range(12), 2_000_000)
    book("6410", "4610", outcome, range(4), 2_500_000)
    book("6420", "4511", outcome, [1], 300_000)
    book("6510", "5011", bud, range(12), 1_000_000)
    book("6510", "5011", outcome, range(4), 950_000)
    book("6510", "5011", prior, range(11), 1_000_000)
    book("6510", "5011", prior, [11], 800_000)
    m.load(rows)
    m.set_forecast(u["hvb"], "INT_BIDR", -20_000_000 * KR)
    m.set_forecast(u["hvb"], "KOST_KOP", 30_000_000 * KR)
    return m, u


def build_report_fixture():
    """tests/report_fixture.h: the fixture through two follow-up points. JANFEB applied and
    frozen (Socialnämnden 24 555 000), a known factor of +500 000 on Hemtjänst's salaries, T1
    applied (24 110 000) and frozen; then a proposed measure on HVB whose description starts
    with '=' (1 000 000 kr, due 1 September) and a decided one on Hemtjänst (300 000 kr) with a
    follow-up comment. At T1 Socialnämnden shows (kr): Ack utfall 6 810 000, Ack budget
    8 400 000, Årets budget 25 200 000, Förbrukat 27,02 %, Årets prognos 24 110 000,
    Prognosavvikelse 1 090 000, Fg bokslut 11 800 000."""
    import datetime
    m, u = build_fixture()
    m.apply_forecast(2)
    m.snapshots.take("JANFEB", datetime.date(2026, 3, 12))
    m.forecast_plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * KR, tertial.AdjustmentKind.KNOWN_FACTOR,
                                   "Ökade vikariekostnader")
    m.apply_forecast(4)
    m.snapshots.take("T1", datetime.date(2026, 5, 12))
    m.measures.add(u["hvb"], "KOST_KOP", '=HYPERLINK("http://x","Färre placeringar")', "Höga kostnader",
                   1_000_000 * KR, "Längre kö", datetime.date(2026, 9, 1))
    i = m.measures.add(u["ht"], "KOST_PERS", "Vakanshållning", "Personalbrist", 300_000 * KR, "Vikarier",
                       datetime.date(2026, 6, 1))
    m.measures.set_status(i, tertial.MeasureStatus.DECIDED, "Beslutad i nämnden")
    return m, u


def build_small_report_model():
    """tests/report_fixture.h's small model for golden output: "P" Förvaltning with three units
    whose names need quoting or escaping; in January each has 1 400,00 kr + i öre of outcome on
    4010 and 1 000 kr of budget; the forecast applied at cut-off 1. Returns (model, P)."""
    m = tertial.Model(2026)
    p = m.org.add_unit("P", "Förvaltning", None, 0)
    a = m.chart.ensure("4010")
    for i, (code, name) in enumerate([("A", 'Hem, "vård"'), ("B", "=1+2"), ("C", "Rad\nett")]):
        unit = m.org.add_unit(code, name, p, 1)
        m.ledger.add(unit, a, 0, tertial.MEASURE_OUTCOME, 1400 * KR + i)
        m.ledger.add(unit, a, 0, m.current_budget, 1000 * KR)
    m.apply_forecast(1)
    return m, p


@pytest.fixture
def fx():
    """The C tests' fixture: (model, {"k", "sn", "ifo", "hvb", "fs", "ao", "ht"} -> Unit)."""
    m, u = build_fixture()
    yield m, u
    m.close()


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
