"""Presentation (presentation.h) from Python: the demo's Socialnämnden at JANOKT in several
presentations, converted back to the report's own öre (tests/test_presentation.c does the same
in C)."""
import csv
import io
import json
from decimal import Decimal

import pytest

import tertial


@pytest.fixture(scope="module")
def report():
    m = tertial.demo()
    m.apply_forecast(10)
    sn = m.org["3"].id
    r = m.report(sn, 10)
    yield r
    del r
    m.close()


def sections(text):
    """The machine-style CSV's sections by key: (header, records)."""
    out, rows, i = {}, list(csv.reader(io.StringIO(text, newline=""))), 2
    while i < len(rows):
        key, header = rows[i][0], rows[i + 1]
        j = i + 2
        while rows[j]:
            j += 1
        out[key] = (header, rows[i + 2:j])
        i = j + 1
    return out


def test_build_and_parse():
    p = tertial.Presentation(columns=["forecast", "remaining"], signs="costs-negative", unit="mnkr", decimals=1,
                             headers={"forecast": "Helårsprognos"})
    assert p.columns == ("forecast", "remaining")
    assert p.signs == tertial.SignConvention.COSTS_NEGATIVE
    assert p.deviation == tertial.DeviationSign.BUDGET_MINUS_OUTCOME
    assert (p.unit, p.decimals) == (tertial.MoneyUnit.MKR, 1)
    assert p.header("forecast") == "Helårsprognos" and p.header("remaining") is None
    assert "costs-negative" in repr(p)
    q = tertial.Presentation()
    assert len(q.columns) == 8 and q.unit is None and q.decimals is None
    parsed = tertial.Presentation.parse("columns = remaining\nsigns = positive\n")
    assert parsed.columns == ("remaining",) and parsed.signs == tertial.SignConvention.POSITIVE
    with pytest.raises(tertial.ParseError, match="p.txt:2: signs: expected ledger"):
        tertial.Presentation.parse("unit = tkr\nsigns = upside\n", "p.txt")
    with pytest.raises(tertial.NotFoundError, match="unknown column 'fg_prognos'"):
        tertial.Presentation(columns=["fg_prognos"])
    with pytest.raises(ValueError, match="signs: expected one of"):
        tertial.Presentation(signs="negative")


def test_load(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("# mnkr\nunit = mnkr\ndecimals = 3\n", encoding="utf-8")
    p = tertial.Presentation.load(path)
    assert (p.unit, p.decimals) == (tertial.MoneyUnit.MKR, 3)
    with pytest.raises(tertial.TertialIOError, match="missing.txt"):
        tertial.Presentation.load(tmp_path / "missing.txt")


def test_default_is_the_report(report):
    default = tertial.Presentation()
    assert report.to_csv(presentation=default) == report.to_csv()
    assert report.to_json(presentation=default) == report.to_json()


def test_round_trip(report):
    """mnkr with three decimals, costs negative, outcome − budget: times -1 000 000 (deviations:
    times -1 000 000 too, for their sign is turned) each amount is the exact kronor within 500 kr."""
    exact = sections(report.to_csv())
    p = tertial.Presentation(columns=["forecast", "outcome_acc", "deviation_acc", "remaining"],
                             signs="costs-negative", deviation="outcome-minus-budget", unit="mnkr", decimals=3)
    shown = sections(report.to_csv(presentation=p))
    header, lines = shown["units"]
    assert header[5:] == ["label", "forecast", "outcome_acc", "deviation_acc", "remaining"]
    eh, elines = exact["units"]
    checked = 0
    for line, eline in zip(lines, elines, strict=True):
        assert line[0] == eline[0]
        kr = {k: Decimal(v) for k, v in zip(eh, eline) if k in ("forecast", "outcome_acc", "deviation_acc",
                                                                 "budget_year")}
        kr["remaining"] = kr["budget_year"] - kr["outcome_acc"]
        for key in ("forecast", "outcome_acc", "deviation_acc", "remaining"):
            back = Decimal(line[header.index(key)]) * -1_000_000
            assert abs(back - kr[key]) <= 500, (line[0], key)
            checked += 1
    assert checked >= 16
    # JSON says how to read it, and carries the same numbers
    doc = json.loads(report.to_json(presentation=p))
    assert doc["presentation"] == {"columns": ["forecast", "outcome_acc", "deviation_acc", "remaining"],
                                   "signs": "costs-negative", "deviation": "outcome-minus-budget",
                                   "unit": "mnkr", "decimals": 3}
    units = next(s for s in doc["sections"] if s["kind"] == "units")
    assert [c["key"] for c in units["columns"]] == ["label", "forecast", "outcome_acc", "deviation_acc", "remaining"]
    assert units["lines"][-1]["cells"][1:] == [float(v) for v in lines[-1][6:]]


def test_workbook_and_document(report, tmp_path):
    p = tertial.Presentation(columns=["outcome_acc", "remaining"], signs="positive", unit="mnkr", decimals=1,
                             headers={"remaining": "Kvar"})
    report.write_xlsx(tmp_path / "r.xlsx", presentation=p)
    assert (tmp_path / "r.xlsx").stat().st_size > 1000
    docx = report.to_docx(presentation=p, created=1794441600)
    assert docx[:2] == b"PK"
    report.write_docx(tmp_path / "r.docx", presentation=p, created=1794441600)
    assert (tmp_path / "r.docx").read_bytes() == docx
    import zipfile
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert ">Kvar<" in xml and ">Årets budget<" not in xml
    with pytest.raises(TypeError, match="expected a Presentation"):
        report.to_csv(presentation="mnkr")


def test_prior_year_acc():
    m = tertial.demo()
    m.apply_forecast(10)
    sn = m.org["3"].id
    r = m.report(sn, 10, prior_year_acc=True, sections=["units"])
    p = tertial.Presentation(columns=["prior_year_acc", "prior_year"], unit="tkr")
    header, lines = sections(r.to_csv(presentation=p))["units"]
    assert header[5:] == ["label", "prior_year_acc", "prior_year"]
    total = lines[-1]
    assert 0 < int(total[6]) < int(total[7])
    assert sum(int(line[6]) for line in lines[:-1]) == pytest.approx(int(total[6]), abs=len(lines))
    del r
    m.close()


def test_previous_forecast_and_after_measures():
    import datetime
    m = tertial.demo()
    sn = m.org["3"].id
    m.apply_forecast(8)
    m.snapshots.take("T2", datetime.date(2026, 9, 10))
    m.forecast_plan.add_adjustment(m.org["3111"].id, "KOST_PERS", -50_000_000,
                                   tertial.AdjustmentKind.PLANNED_MEASURE, "Vakanser")
    m.apply_forecast(10)
    r = m.report(sn, 10, previous_point="T2", previous_forecast=True, forecast_after_measures=True,
                 sections=["units"])
    p = tertial.Presentation(columns=["forecast", "previous_forecast", "forecast_change", "forecast_after_measures"])
    header, lines = sections(r.to_csv(presentation=p))["units"]
    assert header[5:] == ["label", "forecast", "previous_forecast", "forecast_change", "forecast_after_measures"]
    kr = {line[0]: [Decimal(v) for v in line[6:]] for line in lines}
    assert set(kr) == {"31", "32", "33", "3"}
    for forecast, previous, change, after in kr.values():
        assert change == forecast - previous
    assert kr["31"][3] == kr["31"][0] - 500_000 and kr["32"][3] == kr["32"][0]
    assert kr["3"][1] == Decimal(m.snapshots["T2"].total(sn)) / 100
    assert sum(v[1] for k, v in kr.items() if k != "3") == kr["3"][1]
    with pytest.raises(tertial.InvalidArgumentError, match="previous_forecast"):
        m.report(sn, 10, previous_forecast=True)
    del r
    m.close()


def test_text(report):
    plain = report.to_text()
    assert "Socialnämnden: Ekonomiskt resultat per verksamhet, utfall t.o.m. oktober 2026, tkr\n" in plain
    p = tertial.Presentation(columns=["forecast", "remaining"], signs="costs-negative", unit="mnkr", decimals=1,
                             headers={"forecast": "Helårsprognos"})
    text = report.to_text(presentation=p)
    assert "Socialnämnden: Ekonomiskt resultat per verksamhet, utfall t.o.m. oktober 2026, mkr\n" in text
    total = next(line for line in text.splitlines() if line.startswith("Summa"))
    assert total.split() == ["Summa", "-466,3", "-74,0"]
    assert "Helårsprognos" in text and "Ack utfall" not in text


def test_workbook_formulas_of_new_columns(tmp_path):
    import datetime
    openpyxl = pytest.importorskip("openpyxl")
    m = tertial.demo()
    sn = m.org["3"].id
    m.apply_forecast(8)
    m.snapshots.take("T2", datetime.date(2026, 9, 10))
    m.apply_forecast(10)
    r = m.report(sn, 10, previous_point="T2", previous_forecast=True, sections=["units"])
    p = tertial.Presentation(columns=["previous_forecast", "forecast", "forecast_change", "budget_year", "remaining",
                                      "outcome_acc"])
    book = tmp_path / "fg.xlsx"
    r.write_xlsx(book, presentation=p, overview=False)
    ws = openpyxl.load_workbook(book)["Socialnämnden"]
    header = [c.value for c in ws[4]]
    assert header[1:7] == ["Fg prognos", "Årets prognos", "Förändring mot fg prognos", "Årets budget", "Återstår",
                           "Ack utfall"]
    # Förändring mot fg prognos = Årets prognos − Fg prognos; Återstår = Årets budget − Ack utfall
    assert ws["D6"].value == "=C6-B6" and ws["F6"].value == "=E6-G6"
    assert ws["D9"].value == "=C9-B9" and ws["B9"].value == "=SUM(B6:B8)"
    del r
    m.close()
