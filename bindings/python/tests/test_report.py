"""Reports and their renderers from Python, with the worked figures of tests/test_report.c,
test_render_csv.c and test_render_xlsx.c on the same fixture (conftest.build_report_fixture()).
CSV and JSON are parsed back and compared with the report's own cells; the xlsx workbook is
read back with openpyxl."""
import csv
import datetime
import decimal
import io
import json

import pytest

import tertial
from conftest import build_fixture, build_report_fixture, build_small_report_model
from tertial import Column, ReportStyle, ReportType, SectionKind

KR = 100
KEYS = ["key_figures", "units", "rows", "reasons", "change", "measures_followup", "measures_new", "findings", "monthly"]


@pytest.fixture
def rf():
    m, u = build_report_fixture()
    yield m, u
    m.close()


def test_report_and_key_figures(rf):
    m, u = rf
    r = m.report(u["sn"], 4, previous_point="JANFEB")
    assert isinstance(r, tertial.Report)
    assert (r.title, r.unit_code, r.subtitle) == ("Socialnämnden", "SN", "Utfall t.o.m. april 2026, Tertial 1")
    assert (r.point_code, r.point_name, r.cutoff, r.cutoff_period) == ("T1", "Tertial 1", 4, 202604)
    assert r.english is False and r.depth == 0 and r.unit == u["sn"] and r.children == []
    assert len(r) == 9 and [s.key for s in r] == KEYS
    # no round and no goals: no texts, goals or warnings sections
    assert [s.kind for s in r.sections] == list(SectionKind)[:9]
    assert r[1].title == "Ekonomiskt resultat per verksamhet"
    assert r[5].title == "Tidigare planerade åtgärder — Uppföljning" and r[6].title == "Nya åtgärder — Tidplan"
    k = r[SectionKind.KEY_FIGURES]
    assert k == r["key_figures"] == r.section("key_figures") == r[0] and k.report is r
    assert len(k) == 1 and len(k.columns) == 11
    assert k[0] == ("Socialnämnden", 6_810_000 * KR, 8_400_000 * KR, 1_590_000 * KR, 25_200_000 * KR,
                    decimal.Decimal("27.02"), 24_110_000 * KR, 1_090_000 * KR, 11_800_000 * KR,
                    24_110_000 * KR,  # after planned measures: the decided one is not fed yet
                    -445_000 * KR)    # the change since JANFEB
    assert k.lines[0] == ("SN", 0, ReportStyle.TOTAL, None, False, 0)
    columns = k.columns
    assert (columns[9].key, columns[9].source) == ("after_planned", None)
    assert columns[6].source == Column.FORECAST and columns[5].type == ReportType.SHARE
    assert columns[1] == ("outcome_acc", "Ack utfall", ReportType.AMOUNT, Column.OUTCOME_ACC)
    assert k.cell(0, "share_used") == decimal.Decimal("27.02") and k.cell(0, 0) == "Socialnämnden"
    assert k.rows(kronor=True)[0][1] == decimal.Decimal("6810000.00")
    raw = tertial.core.report_cell_at(k, 0, 5)
    assert isinstance(raw, tertial.ReportCell) and raw.present and raw.value == 2702


def test_followup_tables(rf):
    m, u = rf
    r = m.report(u["sn"], 4)
    assert len(r) == 8 and "change" not in r and SectionKind.UNITS in r  # no previous point: no change section
    units = r["units"]
    assert [row[0] for row in units] == ["Socialnämnden (egen)", "Individ- och familjeomsorg", "Äldreomsorg", "Summa"]
    lines = units.lines
    assert lines[1] == ("IFO", 1, ReportStyle.NORMAL, 3, False, 0)
    assert (lines[3].style, lines[3].parent_line) == (ReportStyle.TOTAL, None)
    # IFO: 2 610 000 outcome, 4 000 000 budget, 21,75 %, forecast 26 000 000 - 15 690 000 + 300 000
    ifo = units[1]
    assert (ifo[1], ifo[3], ifo[5], ifo[6]) == (2_610_000 * KR, 1_390_000 * KR, decimal.Decimal("21.75"),
                                                10_610_000 * KR)
    rows = units.rows()
    for c in range(1, 9):  # the lines add up to the total in every amount column
        if c != 5:
            assert rows[0][c] + rows[1][c] + rows[2][c] == rows[3][c]

    table = r["rows"]
    at = {line.code: i for i, line in enumerate(table.lines)}
    netto, varav, kost, bidr = at["NETTO"], at["KOST_VARAV"], at["KOST"], at["KOST_BIDR"]
    assert table.cell(netto, "label") == "NETTORESULTAT" and table.lines[netto].style == ReportStyle.TOTAL
    assert table.lines[kost].style == ReportStyle.SUBTOTAL and table.lines[kost].parent_line == netto
    assert table.cell(netto, "outcome_acc") == 6_810_000 * KR and table.cell(netto, "forecast") == 24_110_000 * KR
    # "varav interna kostnader": shown under KOST, not added, forecast at its annual budget.
    assert table.cell(varav, 0) == "varav interna kostnader"
    assert table.lines[varav].informational is True and table.lines[varav].parent_line == kost
    assert table.cell(varav, 1) == 400_000 * KR and table[varav][6] == 1_200_000 * KR and table.cell(varav, 7) == 0
    # Bidrag (given) has no budget: Förbrukat % is empty.
    assert table.cell(bidr, "share_used") is None and table.cell(bidr, "outcome_acc") == 300_000 * KR

    # reasons grouped per line of the units table, each group its unit's forecast deviation
    why = r["reasons"]
    assert why.keys == ["reason", "amount", "unit_code", "unit"]
    assert why.rows() == [
        ("Socialnämnden (egen)", 0, "SN", "Socialnämnden"),
        ("Framskrivning av utfall", 0, "SN", "Socialnämnden"),
        ("Individ- och familjeomsorg", 1_390_000 * KR, "IFO", "Individ- och familjeomsorg"),
        ("Framskrivning av utfall", 1_390_000 * KR, "IFO", "Individ- och familjeomsorg"),
        ("Äldreomsorg", -300_000 * KR, "AO", "Äldreomsorg"),
        ("Framskrivning av utfall", 200_000 * KR, "AO", "Äldreomsorg"),
        ("Ökade vikariekostnader", -500_000 * KR, "6510", "Hemtjänst"),
        ("Summa", rows[3][7], None, None)]
    assert [why[g][1] for g in (0, 2, 4)] == [row[7] for row in rows[:3]]
    assert [line.parent_line for line in why.lines] == [7, 0, 7, 2, 7, 4, 4, None]


def test_change_and_measures(rf):
    m, u = rf
    r = m.report(u["sn"], 4, previous_point="JANFEB", current_point="T1")
    change = r["change"]
    assert [row[1] for row in change] == [24_555_000 * KR, 24_110_000 * KR, -445_000 * KR, -945_000 * KR,
                                          500_000 * KR]
    assert change[0][0] == "Föregående prognos (JANFEB)" and change[1][0] == "Aktuell prognos (T1)"
    assert change.lines[3].parent_line == 2
    done = r["measures_followup"]
    assert len(done) == 2
    assert done[0] == ("Hemtjänst", "Vakanshållning", 300_000 * KR, "Beslutad", "Beslutad i nämnden")
    planned = r["measures_new"]
    assert len(planned) == 2
    first = planned.to_dicts()[0]
    assert first["description"] == '=HYPERLINK("http://x","Färre placeringar")'  # text, as given
    assert (first["cause"], first["consequence"], first["due"]) == ("Höga kostnader", "Längre kö",
                                                                   datetime.date(2026, 9, 1))
    assert planned.columns[5].type == ReportType.DATE and len(r["findings"]) == 0
    # A cancelled measure is listed but not counted.
    m.measures.add(u["fs"], "KOST_BIDR", "Striktare prövning", "", 200_000 * KR, "", datetime.date(2026, 7, 1))
    m.measures.set_status(2, tertial.MeasureStatus.CANCELLED, "Stoppad")
    done = m.report(u["ifo"], 4)["measures_followup"]
    assert done[0][3] == "Avbruten" and done.lines[0].informational and done[1][2] == 0


def test_english(rf):
    m, u = rf
    r = m.report(u["sn"], 4, english=True, previous_point="JANFEB")
    assert r.english is True and r.subtitle == "Outcome to April 2026, Tertial 1"
    units = r["units"]
    assert units.title == "Financial result by activity" and units.english is True
    assert (units[0][0], units[3][0]) == ("Socialnämnden (own)", "Total")
    assert units.columns[1].header == tertial.column_header(Column.OUTCOME_ACC, True)
    assert r["reasons"][1][0] == "Projection of the outcome to date"
    assert r["change"][0][0] == "Previous forecast (JANFEB)" and r["measures_followup"][0][3] == "Decided"


def test_options_and_children(rf):
    m, u = rf
    r = m.report(u["sn"], 4, sections=[SectionKind.ROWS], skip_empty=True)
    assert [s.kind for s in r] == [SectionKind.ROWS] and len(r["rows"]) == 9
    with pytest.raises(tertial.NotFoundError):
        r.section(SectionKind.UNITS)
    assert "units" not in r
    with pytest.raises(KeyError):
        r["no_such_section"]
    r = m.report(u["sn"], 4, child_depth=2)
    children = r.children
    assert r.child_count == 5 and [c.unit_code for c in children] == ["IFO", "6410", "6420", "AO", "6510"]
    assert [c.depth for c in children] == [1, 2, 2, 1, 2] and children[0].unit == u["ifo"]
    ifo = children[0]
    assert len(ifo) == 7 and "findings" not in ifo and ifo.children == []
    assert ifo["key_figures"][0][1] == 2_610_000 * KR
    options = tertial.ReportOptions(sections=["units", SectionKind.REASONS])
    assert options.sections == (1 << SectionKind.UNITS) | (1 << SectionKind.REASONS)
    assert [s.key for s in m.report(u["sn"], 4, options)] == ["units", "reasons"]
    assert tertial.ReportOptions().sections == tertial.REPORT_ALL_SECTIONS
    with pytest.raises(TypeError):
        m.report(u["sn"], 4, options, english=True)


def test_round_texts():
    """The round's texts and status of a unit at the report's point: SectionKind.TEXTS, last."""
    assert SectionKind.TEXTS == 9 and list(SectionKind)[-1] == SectionKind.FRAME_CHANGES
    assert SectionKind.GOALS == 10 and SectionKind.WARNINGS == 11 and SectionKind.EFFICIENCY == 12
    assert tertial.REPORT_ALL_SECTIONS == (1 << 18) - 1
    m = tertial.demo_year(2026)
    tertial.demo_round(m, "JANOKT")
    r = m.report(m.org["3"], 10)
    texts = r[SectionKind.TEXTS]
    assert texts is not None and r.sections[-1].kind == SectionKind.TEXTS and texts.key == "texts"
    assert texts.title == "Kommentarer"
    assert [c.key for c in texts.columns] == ["item", "row", "status", "by", "date", "text"]
    assert [line.code for line in texts.lines] == ["summary", "analysis", "KOST_KOP", "status"]
    rows = texts.rows()
    assert rows[0][:5] == ("Sammanfattning", None, None, "Eva Andersson", datetime.date(2026, 11, 2))
    assert rows[0][5].startswith("Socialnämnden prognostiserar ett underskott mot budget för helåret.")
    assert rows[2][:2] == ("Kommentar", "Köp av verksamhet")
    assert rows[3][2:4] == ("Godkänd, eskalerad till nästa nivå", "Karin Lind")
    assert "texts" not in m.report(m.org["5223"], 10)  # never started, no texts: no section
    text = r.comments_text(width=60)
    assert text.startswith("Socialnämnden: Kommentarer, Januari–oktober\n\nSammanfattning — Eva Andersson, 2026-11-02\n"
                           "  Socialnämnden prognostiserar ett underskott mot budget för\n")
    assert max(len(line) for line in text.splitlines()) <= 60
    assert m.report(m.org["5223"], 10).comments_text() == ""
    with pytest.raises(tertial.RangeError):
        r.comments_text(width=10)
    # Socialnämnden's one förvaltning is passed through: its departments are listed, same total
    units = r["units"]
    assert [line.code for line in units.lines] == ["31", "32", "33", "3"]
    direct = m.report(m.org["3"], 10, sections=["units"], pass_through=False)["units"]
    assert [line.code for line in direct.lines] == ["30", "3"]
    assert units.rows()[-1][1:] == direct.rows()[-1][1:]
    assert sum(row[1] for row in units.rows()[:3]) == units.rows()[-1][1] == direct.rows()[0][1]


def test_monthly(rf):
    m, u = rf
    r = m.report(u["sn"], 4)
    monthly = r["monthly"]
    assert monthly.title == "Ackumulerat per månad"
    assert [(c.key, c.header, c.type, c.source) for c in monthly.columns] == [
        ("month", "Månad", ReportType.TEXT, None), ("outcome_acc", "Ack utfall", ReportType.AMOUNT, None),
        ("budget_acc", "Ack budget", ReportType.AMOUNT, None), ("forecast_acc", "Ack prognos", ReportType.AMOUNT, None)]
    # Outcome a month: Hyror 100 000, HVB -1 922 500 + 2 500 000, Hemtjänst 950 000 (1 627 500), and
    # 300 000 of Bidrag in February; budget 2 100 000 a month; the forecast is the outcome to April,
    # the budget from May, and the rest of 24 110 000 in December.
    outcome = [1_627_500, 3_555_000, 5_182_500, 6_810_000]
    labels = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    for i, (line, row) in enumerate(zip(monthly.lines, monthly.rows())):
        assert line == (f"2026-{i + 1:02d}", 0, ReportStyle.NORMAL, None, False, 0)
        assert row[0] == labels[i] and row[2] == 2_100_000 * KR * (i + 1)
        if i < 4:
            assert row[1] == row[3] == outcome[i] * KR
        else:
            assert row[1] is None
            if i < 11:
                assert row[3] == (6_810_000 + 2_100_000 * (i - 3)) * KR
    key = r["key_figures"].to_dicts()[0]
    assert monthly[3][1] == key["outcome_acc"] and monthly[3][2] == key["budget_acc"]
    assert monthly[11][2] == key["budget_year"] and monthly[11][3] == key["forecast"] == 24_110_000 * KR


def test_missing_forecasts_and_findings():
    m, u = build_fixture()  # no forecast applied: the budget stands in, the checker warns
    r = m.report(u["sn"], 4)
    units = r["units"]
    assert units.lines[0].forecast_missing == 1 and units.lines[3].forecast_missing == 3
    assert units[3][6] == 23_200_000 * KR
    findings = r["findings"]
    assert len(findings) == 3 and findings.lines[0].code == "forecast-missing"
    assert (findings[0][0], findings[0][1], findings[0][4]) == ("Varning", "Prognos saknas", "Årets prognos")
    m.close()


def test_report_errors(rf):
    m, u = rf
    with pytest.raises(tertial.RangeError):
        m.report(u["sn"], 0)
    with pytest.raises(tertial.RangeError):
        m.report(u["sn"], 13)
    with pytest.raises(tertial.NotFoundError):
        m.report(99, 4)
    with pytest.raises(tertial.RangeError):
        m.report(u["sn"], 4, child_depth=-1)
    with pytest.raises(tertial.NotFoundError):
        m.report(u["sn"], 4, previous_point="T2")
    with pytest.raises(tertial.InvalidArgumentError):
        m.report(u["sn"], 4, current_point="T1")  # a current point needs a previous one
    with pytest.raises(tertial.StateError, match="apply the forecast at cut-off 6"):
        m.report(u["sn"], 6, previous_point="JANFEB")  # the tables' forecast is of cut-off 4
    with pytest.raises(tertial.InvalidArgumentError):
        m.report(u["sn"], 4, previous_point="T1", current_point="JANFEB")  # not at the report's cut-off
    with pytest.raises(tertial.NotFoundError):
        m.report(u["sn"], 4, budget_measure=42)
    with pytest.raises(TypeError):
        m.report(u["sn"], 4, previous_point=b"JANFEB")
    r = m.report(u["sn"], 4)
    with pytest.raises(IndexError):
        r[99]
    units = r["units"]
    with pytest.raises(IndexError):
        units[4]
    with pytest.raises(IndexError):
        units.cell(0, 9)
    with pytest.raises(KeyError):
        units.cell(0, "no_such_column")


def test_report_is_a_snapshot(rf):
    m, u = rf
    r = m.report(u["sn"], 4)
    m.ledger.add(u["ht"], m.chart["5011"], 1, tertial.MEASURE_OUTCOME, 1000 * KR)
    assert r["units"][3][1] == 6_810_000 * KR
    assert m.report(u["sn"], 4)["units"][3][1] == 6_811_000 * KR


# Renderers

GOLDEN_REASONS = (
    "code,depth,style,parent,informational,reason,amount,unit_code,unit\r\n"
    'A,1,subtotal,6,0,"Hem, ""vård""",-400.00,A,"Hem, ""vård"""\r\n'
    'projection,2,normal,0,0,Framskrivning av utfall,-400.00,A,"Hem, ""vård"""\r\n'
    "B,1,subtotal,6,0,=1+2,-400.01,B,=1+2\r\n"
    "projection,2,normal,2,0,Framskrivning av utfall,-400.01,B,=1+2\r\n"
    'C,1,subtotal,6,0,"Rad\nett",-400.02,C,"Rad\nett"\r\n'
    'projection,2,normal,4,0,Framskrivning av utfall,-400.02,C,"Rad\nett"\r\n'
    ",0,total,,0,Summa,-1200.03,,\r\n")

GOLDEN_MACHINE = (
    "Förvaltning,Utfall t.o.m. januari 2026\r\n"
    "\r\n"
    "units\r\n"
    "code,depth,style,parent,informational,label,outcome_acc,budget_acc,deviation_acc,budget_year,share_used,"
    "forecast,forecast_deviation,prior_year\r\n"
    'A,1,normal,3,0,"Hem, ""vård""",1400.00,1000.00,-400.00,1000.00,140.00,1400.00,-400.00,0.00\r\n'
    "B,1,normal,3,0,=1+2,1400.01,1000.00,-400.01,1000.00,140.00,1400.01,-400.01,0.00\r\n"
    'C,1,normal,3,0,"Rad\nett",1400.02,1000.00,-400.02,1000.00,140.00,1400.02,-400.02,0.00\r\n'
    "P,0,total,,0,Summa,4200.03,3000.00,-1200.03,3000.00,140.00,4200.03,-1200.03,0.00\r\n"
    "\r\n"
    "reasons\r\n"
    + GOLDEN_REASONS +
    "\r\n")

GOLDEN_SWEDISH = (
    "\ufeff"
    "Förvaltning;Utfall t.o.m. januari 2026\r\n"
    "\r\n"
    "Ekonomiskt resultat per verksamhet\r\n"
    "Kod;Nivå;Radtyp;Överordnad rad;Ingår ej i summan;Verksamhet;Ack utfall;Ack budget;"
    "Ack budgetavvikelse;Årets budget;Förbrukat %;Årets prognos;Prognosavvikelse;Fg bokslut\r\n"
    'A;1;normal;3;0;"Hem, ""vård""";1400,00;1000,00;-400,00;1000,00;140,00;1400,00;-400,00;0,00\r\n'
    "B;1;normal;3;0;\"'=1+2\";1400,01;1000,00;-400,01;1000,00;140,00;1400,01;-400,01;0,00\r\n"
    'C;1;normal;3;0;"Rad\nett";1400,02;1000,00;-400,02;1000,00;140,00;1400,02;-400,02;0,00\r\n'
    "P;0;total;;0;Summa;4200,03;3000,00;-1200,03;3000,00;140,00;4200,03;-1200,03;0,00\r\n"
    "\r\n"
    "Prognosens avvikelse mot budget\r\n"
    "Kod;Nivå;Radtyp;Överordnad rad;Ingår ej i summan;Orsak till prognosavvikelse;Belopp;Enhet;Enhetens namn\r\n"
    'A;1;subtotal;6;0;"Hem, ""vård""";-400,00;A;"Hem, ""vård"""\r\n'
    'projection;2;normal;0;0;Framskrivning av utfall;-400,00;A;"Hem, ""vård"""\r\n'
    "B;1;subtotal;6;0;\"'=1+2\";-400,01;B;\"'=1+2\"\r\n"
    "projection;2;normal;2;0;Framskrivning av utfall;-400,01;B;\"'=1+2\"\r\n"
    'C;1;subtotal;6;0;"Rad\nett";-400,02;C;"Rad\nett"\r\n'
    'projection;2;normal;4;0;Framskrivning av utfall;-400,02;C;"Rad\nett"\r\n'
    ";0;total;;0;Summa;-1200,03;;\r\n"
    "\r\n")


@pytest.fixture
def small():
    m, p = build_small_report_model()
    yield m.report(p, 1, sections=[SectionKind.UNITS, SectionKind.REASONS])
    m.close()


def test_csv_golden(small, tmp_path):
    assert small.to_csv() == GOLDEN_MACHINE
    assert small.to_csv(style=tertial.CsvStyle.SWEDISH, bom=True, guard_formulas=True) == GOLDEN_SWEDISH
    assert small["reasons"].to_csv() == GOLDEN_REASONS
    path = tmp_path / "report.csv"
    small.write_csv(path)
    assert path.read_bytes() == GOLDEN_MACHINE.encode("utf-8")
    with pytest.raises(tertial.TertialIOError, match="missing"):
        small.write_csv(tmp_path / "missing" / "report.csv")
    assert path.read_bytes() == GOLDEN_MACHINE.encode("utf-8")  # the earlier file is intact
    options = tertial.CsvOptions(style=tertial.CsvStyle.SWEDISH)
    assert options.style == tertial.CsvStyle.SWEDISH and options.children == 1
    # formulas guarded by style: in the Swedish style unless turned off, never in the machine style
    assert options.guard_formulas == tertial.CSV_GUARD_BY_STYLE == -1
    assert list(tertial.CsvStyle) == [tertial.CsvStyle.MACHINE, tertial.CsvStyle.SWEDISH]
    assert "\r\nB;1;normal;3;0;\"'=1+2\";1400,01;" in small.to_csv(options)
    assert "\r\nB;1;normal;3;0;=1+2;1400,01;" in small.to_csv(style=tertial.CsvStyle.SWEDISH, guard_formulas=False)
    assert "\r\nB,1,normal,3,0,\"'=1+2\",1400.01," in small.to_csv(guard_formulas=True)
    assert small.to_csv(options).startswith("Förvaltning;")
    options.style = 7
    with pytest.raises(tertial.InvalidArgumentError):
        small.to_csv(options)
    with pytest.raises(TypeError):
        tertial.CsvOptions(colour=1)


def csv_field(value):
    """A typed cell as the machine-style CSV writes it: kronor with two decimals, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(tertial.kronor(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def test_csv_parses_back_to_the_reports_cells(rf):
    m, u = rf
    r = m.report(u["sn"], 4, previous_point="JANFEB", child_depth=1)
    records = list(csv.reader(io.StringIO(r.to_csv(children=False), newline="")))
    assert records[0] == ["Socialnämnden", "Utfall t.o.m. april 2026, Tertial 1"]
    pos, compared = 2, 0
    for section in r:
        assert records[pos] == [section.key]
        assert records[pos + 1] == ["code", "depth", "style", "parent", "informational"] + section.keys
        for i, (line, row) in enumerate(zip(section.lines, section.rows())):
            expected = [line.code, str(line.depth), line.style.name.lower(),
                        "" if line.parent_line is None else str(line.parent_line), str(int(line.informational))]
            assert records[pos + 2 + i] == expected + [csv_field(v) for v in row]
            compared += 1
        pos += 2 + len(section) + 1
        assert records[pos - 1] == []
    assert pos == len(records) and compared > 40
    with_children = r.to_csv()
    assert "\r\nIndivid- och familjeomsorg,\"Utfall t.o.m. april 2026, Tertial 1\"\r\n" in with_children
    assert "\r\nÄldreomsorg,\"Utfall t.o.m. april 2026, Tertial 1\"\r\n" in with_children


def test_json_parses_back_to_the_reports_cells(rf, tmp_path):
    m, u = rf
    r = m.report(u["sn"], 4, previous_point="JANFEB", child_depth=1)
    doc = r.to_dict()
    assert doc == json.loads(r.to_json(pretty=True))
    assert (doc["format"], doc["language"], doc["unit"], doc["cutoff"], doc["period"]) == (
        "tertial-report", "sv", {"code": "SN", "name": "Socialnämnden"}, 4, "2026-04")
    assert doc["point"] == {"code": "T1", "name": "Tertial 1"} and len(doc["children"]) == 2

    def compare(report, d):
        assert [s["kind"] for s in d["sections"]] == [s.key for s in report]
        for section, s in zip(report, d["sections"]):
            assert [c["key"] for c in s["columns"]] == section.keys
            assert [c["source"] for c in s["columns"]] == [c.source for c in section.columns]
            for line, row, jl in zip(section.lines, section.rows(), s["lines"]):
                assert (jl["code"], jl["depth"], jl["parent"], jl["informational"]) == (
                    line.code, line.depth, line.parent_line, line.informational)
                for column, value, cell in zip(section.columns, row, jl["cells"]):
                    if column.type == ReportType.SHARE and value is not None:
                        value = int(value * 100)  # JSON: hundredths of a percent
                    elif column.type == ReportType.DATE and value is not None:
                        value = value.isoformat()
                    assert cell == value

    compare(r, doc)
    for child, d in zip(r.children, doc["children"]):
        assert d["unit"]["code"] == child.unit_code
        compare(child, d)
    assert json.loads(r.to_json(children=False))["children"] == []
    path = tmp_path / "report.json"
    r.write_json(path, pretty=True)
    assert path.read_text(encoding="utf-8") == r.to_json(pretty=True)


def test_xlsx_read_back_with_openpyxl(rf, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    m, u = rf
    r = m.report(u["sn"], 4, previous_point="JANFEB", child_depth=1)
    created = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    path = tmp_path / "uppfoljning.xlsx"
    r.write_xlsx(path, created=created, author="Ekonomiavdelningen", company="Exempelkommun",
                 red_below=decimal.Decimal("-250500"))
    book = openpyxl.load_workbook(path, data_only=True)  # the cached values
    assert book.sheetnames == ["Översikt", "Socialnämnden", "Individ- och familjeomsorg", "Äldreomsorg"]
    sn = book["Socialnämnden"]
    total = r["units"][3]  # the units table's total line, on row 12 in tkr

    def tkr(ore):
        return tertial.money_round(ore, tertial.MoneyUnit.TKR, 0)

    assert sn["A1"].value == "Socialnämnden" and sn["A12"].value == "Summa"
    assert sn["B12"].value == tkr(total[1]) == 6810
    assert sn["G12"].value == tkr(total[6]) == 24110 and sn["H12"].value == tkr(total[7]) == 1090
    assert sn["F10"].value == float(r["units"][1][5]) == 21.75
    assert sn["K6"].value == tkr(r["key_figures"][0][10]) == -445
    assert book["Individ- och familjeomsorg"]["B6"].value == tkr(r.children[0]["key_figures"][0][1]) == 2610
    formulas = openpyxl.load_workbook(path)["Socialnämnden"]
    assert formulas["B12"].value == "=SUM(B9:B11)" and formulas["D10"].value == "=C10-B10"
    assert book.properties.creator == "Ekonomiavdelningen"
    assert book.properties.created == datetime.datetime(2026, 1, 1)
    # A fixed creation time makes the file reproducible, whichever way it is given.
    again = tmp_path / "again.xlsx"
    r.write_xlsx(again, tertial.XlsxOptions(created=int(created.timestamp()), author="Ekonomiavdelningen",
                                            company="Exempelkommun", red_below=-250_500 * KR))
    assert again.read_bytes() == path.read_bytes()
    kr = tmp_path / "kr.xlsx"
    r.write_xlsx(kr, unit=tertial.MoneyUnit.KR, children=False, overview=False)
    book = openpyxl.load_workbook(kr, data_only=True)
    assert book.sheetnames == ["Socialnämnden"] and book["Socialnämnden"]["B12"].value == 6_810_000


def test_docx_structure_and_numbers(rf, tmp_path):
    import xml.dom.minidom
    import zipfile
    m, u = rf
    r = m.report(u["sn"], 4, child_depth=1)
    created = datetime.datetime(2026, 5, 12, tzinfo=datetime.timezone.utc)
    path = tmp_path / "nämnd.docx"
    r.write_docx(path, created=created, author="Ekonomiavdelningen", municipality="Exempelkommun")
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                                "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                                "word/fontTable.xml", "word/footer1.xml", "word/document.xml"]
        parts = {name: xml.dom.minidom.parseString(z.read(name)) for name in z.namelist()}  # all well-formed
        assert b"2026-05-12T00:00:00Z" in z.read("docProps/core.xml")
    doc = parts["word/document.xml"]

    def text(node):
        return "".join(t.firstChild.data if t.firstChild else "" for t in node.getElementsByTagName("w:t"))

    def styled(style):
        return [text(p) for p in doc.getElementsByTagName("w:p")
                if any(s.getAttribute("w:val") == style for s in p.getElementsByTagName("w:pStyle"))]

    assert styled("Heading1") == ["Socialnämnden", "Individ- och familjeomsorg", "Äldreomsorg"]
    assert styled("Title") == ["Socialnämnden"]
    assert "Ekonomiskt resultat per verksamhet" in styled("Heading2")
    # the units table's total line: the amounts in tkr, Swedish notation with no-break spaces
    total = r["units"][3]
    rows = [[text(c) for c in tr.getElementsByTagName("w:tc")] for tr in doc.getElementsByTagName("w:tr")]
    summa = next(row for row in rows if row[0] == "Summa")
    assert summa[1] == "6\u00a0810" and tertial.money_round(total[1], tertial.MoneyUnit.TKR, 0) == 6810
    assert summa[6] == "24\u00a0110" and summa[7] == "1\u00a0090"
    # the same bytes with the same time, whichever way it is given; depth 0: the committee only
    again = tmp_path / "again.docx"
    r.write_docx(again, tertial.DocxOptions(created=int(created.timestamp()), author="Ekonomiavdelningen",
                                            municipality="Exempelkommun"))
    assert again.read_bytes() == path.read_bytes()
    assert r.to_docx(created=created, author="Ekonomiavdelningen", municipality="Exempelkommun") == path.read_bytes()
    r.write_docx(again, depth=0)
    with zipfile.ZipFile(again) as z:
        doc = xml.dom.minidom.parseString(z.read("word/document.xml"))
    assert styled("Heading1") == ["Socialnämnden"]
    with pytest.raises(TypeError):
        r.write_docx(again, created=1.5)
    with pytest.raises(tertial.RangeError):
        r.write_docx(again, decimals=4)


def test_xlsx_options_are_checked(rf, tmp_path):
    m, u = rf
    r = m.report(u["sn"], 4)
    with pytest.raises(TypeError):
        r.write_xlsx(tmp_path / "x.xlsx", red_below=-1.5)  # money is never a float
    with pytest.raises(tertial.InvalidArgumentError):
        r.write_xlsx(tmp_path / "x.xlsx", green_from=-100, red_below=0)  # thresholds in the wrong order
    with pytest.raises(tertial.RangeError):
        r.write_xlsx(tmp_path / "x.xlsx", decimals=7)
    with pytest.raises(tertial.TertialIOError):
        r.write_xlsx(tmp_path / "missing" / "x.xlsx")
    assert list(tmp_path.iterdir()) == []
    assert tertial.XlsxOptions(created=datetime.datetime(1970, 1, 2)).created == 86400


def test_long_facts_with_pandas(tmp_path):
    """The long fact table reads into pandas in one call, and the outcome of each unit of
    Socialnämnden's per-activity table (its subtree by path, the rows of the result, the months
    up to the cut-off) is the report's Ack utfall of that unit; budget and forecast likewise."""
    pandas = pytest.importorskip("pandas")
    m = tertial.demo_year(2026)
    tertial.demo_round(m, "JANOKT")
    path = tmp_path / "facts.csv"
    m.write_facts_csv(path, m.org["3"], 10)
    df = pandas.read_csv(path, dtype={"unit": str, "parent": str, "path": str})
    assert list(df.columns) == ["unit", "unit_name", "parent", "path", "row", "row_label", "row_group",
                                "in_result", "account", "month", "measure", "value"]
    assert df["value"].dtype == float and df["month"].str.fullmatch(r"2026-(0[1-9]|1[0-2])").all()
    assert set(df["measure"]) == {"outcome", "budget", "forecast"}
    assert df.loc[df.measure == "outcome", "month"].max() == "2026-10"
    report = m.report(m.org["3"], 10)
    units = report["units"]
    assert [line.code for line in units.lines] == ["31", "32", "33", "3"]
    facts = df[df.in_result == 1]
    for line, row in zip(units.lines, units.rows()):
        mine = facts[facts.path.str.split("/").apply(lambda p, code=line.code: code in p)]
        for measure, column in (("outcome", 1), ("budget", 4), ("forecast", 6)):
            total = round(mine.loc[mine.measure == measure, "value"].sum() * 100)
            assert total == row[column], (line.code, measure)
    assert round(facts.loc[facts.measure == "outcome", "value"].sum() * 100) == 38_633_097_079
    assert m.facts_csv(m.org["3"], 10) == path.read_text(encoding="utf-8").replace("\n", "\r\n")
    # per account: outcome and budget on accounts, the same sums
    by_account = pandas.read_csv(io.StringIO(m.facts_csv(m.org["3"], 10, accounts=True)), dtype={"account": str})
    outcome = by_account[(by_account.measure == "outcome") & (by_account.in_result == 1)]
    assert outcome.account.notna().all() and round(outcome.value.sum() * 100) == 38_633_097_079
    assert by_account.loc[by_account.measure == "forecast", "account"].isna().all()
