"""The audit of printed tables from Python: files read and audited, a table built from lists,
printed values, the spec, and errors as exceptions."""
import decimal
import os
import pathlib

import pytest

import tertial
from tertial import AuditClass, AuditMeaning, AuditRelation

ROOT = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
FIXTURES = ROOT / "tests" / "fixtures" / "audit"


def test_committee_and_units():
    a = tertial.audit_files(FIXTURES / "committee.csv")
    got = [(f.line_label, f.column_header, f.cls, f.relation, f.printed, f.expected, f.difference)
           for f in a.findings]
    assert got == [
        ("Individ- och familjeomsorg", "Ack utfall", AuditClass.ROUNDING, AuditRelation.SAME_ITEM, 84312, 84313, -1),
        ("Individ- och familjeomsorg", "Avvikelse", AuditClass.ROUNDING, AuditRelation.SAME_ITEM, -4162, -4163, 1),
        ("Äldreomsorg", "Ack utfall", AuditClass.ERROR, AuditRelation.SAME_ITEM, 212904, 210904, 2000),
        ("Äldreomsorg", "Ack budget", AuditClass.ERROR, AuditRelation.SAME_ITEM, 213600, 211600, 2000),
    ]
    assert a.findings[0].table_name == "Nettokostnad per verksamhet"
    assert a.tables == ["Nettokostnad per verksamhet", "Individ- och familjeomsorg", "Äldreomsorg"]
    assert a.checked == 28
    assert a.to_json()["findings"][2]["class"] == "error"
    assert "4 findings in 28 relations checked." in a.to_text()


def test_a_table_from_lists():
    a = tertial.Audit()
    t = a.add_table("Driftredovisning",
                    ["Utfall", "Budget", ("Avv.", AuditMeaning.DEVIATION)],
                    [["Kommunledning", "12,3", "12,0", "-0,3"],
                     ["Näringsliv", decimal.Decimal("4.6"), "4,9", "0,3"],
                     ["Summa", "16,9", "16,9", None]],
                    unit="mnkr")
    assert a.run() == []  # 12,3 + 4,6 = 16,9 and the empty deviation is not read as zero
    assert a.meaning(t, 2) == AuditMeaning.DEVIATION and a.meaning(t, 0) == AuditMeaning.OUTCOME
    assert 'Driftredovisning: "Utfall" is outcome, in mnkr' in a.assumptions
    a.add_table("Investeringar", ["Utfall", "Budget"], [["Skolgård", "3,4", "4,0"], ["Summa", "3,5", "4,0"]])
    (f,) = a.run()  # 3,4 printed as 3,5: one more unit of the last place
    assert (f.table_name, f.line_label, f.cls, f.printed, f.expected) == (
        "Investeringar", "Summa", AuditClass.ROUNDING, decimal.Decimal("3.5"), decimal.Decimal("3.4"))
    with pytest.raises(TypeError):
        a.add_table("Floats", ["Utfall"], [["A", 1.5]])


def test_values_and_spec(tmp_path):
    assert tertial.Audit.value("12,3") == (decimal.Decimal("12.3"), 1, False)
    assert tertial.Audit.value("−1 234") == (decimal.Decimal("-1234"), 0, False)
    assert tertial.Audit.value("64,3 %") == (decimal.Decimal("64.3"), 1, True)
    assert tertial.Audit.value("") == (None, 0, False)
    with pytest.raises(ValueError):
        tertial.Audit.value("#DIVISION/0!")
    assert tertial.Audit.class_name(AuditClass.SIGN) == "sign"
    assert tertial.Audit.meaning_name(AuditMeaning.ANNUAL_BUDGET) == "annual-budget"
    spec = tmp_path / "spec.txt"
    spec.write_text("column Kol A = outcome tkr\ncolumn Kol B = budget\ncolumn Kol C = deviation\n"
                    "deviation = budget-outcome\n", encoding="utf-8")
    data = tmp_path / "n.csv"
    data.write_text("Nämnd;Kol A;Kol B;Kol C\nA;100;90;10\nB;50;60;-10\n", encoding="utf-8")
    a = tertial.Audit(data, spec=spec)
    assert [(f.line_label, f.cls) for f in a.run()] == [("A", AuditClass.SIGN), ("B", AuditClass.SIGN)]
    b = tertial.Audit()
    b.read_csv("Verksamhet;Ack utfall;Ack budget\nA;1;2\nB;3;4\nSumma;4;6\n", "inline.csv")
    assert b.run() == [] and b.checked == 2
    with pytest.raises(tertial.ParseError, match="s.txt:1: unknown key"):
        b.spec("colour = red\n", "s.txt")
    with pytest.raises(tertial.TertialIOError):
        b.read(tmp_path / "nosuch.csv")


def test_tertial_own_report(tmp_path):
    """The demo's report as Tertial writes it holds: the CSV (machine and Swedish), the JSON and the
    xlsx, whose reasons table shows each unit's Prognosavvikelse as the per-activity table does."""
    m = tertial.demo_year(2026)
    tertial.demo_round(m, "JANOKT")
    report = m.report(m.org["3"], 10)
    for name, text in (("machine.csv", report.to_csv()), ("swedish.csv", report.to_csv(style=tertial.CsvStyle.SWEDISH))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        a = tertial.audit_files(path)
        assert a.findings == [] and a.checked == 105, (name, a.to_text())
    xlsx = tmp_path / "r.xlsx"
    report.write_xlsx(str(xlsx))
    a = tertial.audit_files(xlsx)
    assert a.findings == [] and a.checked > 0, a.to_text()
    # the JSON report, with its child reports: every section a table
    json_text = report.to_json()
    b = tertial.Audit()
    b.read_json(json_text, "r.json")
    assert b.run() == [] and b.checked == 105 and b.tables[1] == "Ekonomiskt resultat per verksamhet"
    with pytest.raises(tertial.ParseError, match="r.json: byte 1: expected a value"):
        tertial.Audit().read_json("", "r.json")


def test_findings_in_the_report():
    """Report.add_audit_findings(): the demo's report audits itself and gets no line; the findings
    of an audit of a printed table become lines of its Kontroll av rapporten, amounts in öre."""
    m = tertial.demo_year(2026)
    tertial.demo_round(m, "JANOKT")
    report = m.report(m.org["3"], 10)
    findings = report.section("findings")
    before = len(findings.lines)
    assert report.add_audit_findings() == 0
    assert len(report.section("findings").lines) == before
    a = tertial.Audit()
    a.add_table("Resultat per enhet", ["Ack utfall", "Ack budget", "Avvikelse"],
                [["Hemtjänst", "3 800", "4 000", "300"], ["Hemsjukvård", "1 000", "1 201", "199"]], unit="tkr")
    a.set_sign(0, 2, tertial.core.AUDIT_BUDGET_MINUS_ACTUAL)
    assert [(f.line_label, f.cls, f.printed, f.expected) for f in a.run()] == [
        ("Hemtjänst", tertial.AuditClass.ERROR, 300, 200), ("Hemsjukvård", tertial.AuditClass.ROUNDING, 199, 201)]
    assert report.add_audit_findings(a) == 2
    rows = report.section("findings").to_dicts()[before:]
    assert [r["check"] for r in rows] == [
        "Granskning: Resultat per enhet rad Hemtjänst kolumn Avvikelse: tryckt 300, väntat 200 (fel)",
        "Granskning: Resultat per enhet rad Hemsjukvård kolumn Avvikelse: tryckt 199, väntat 201 (avrundning)"]
    assert [(r["severity"], r["row"], r["column"], r["expected"], r["found"]) for r in rows] == [
        ("Fel", "Hemtjänst", "Avvikelse", 20000000, 30000000),
        ("Varning", "Hemsjukvård", "Avvikelse", 20100000, 19900000)]


def test_plain_json_table():
    """Audit.read_json() of a plain table: columns and rows, in mnkr with one decimal; Budget's
    sum 0,2 off is rounding, the exact values as Decimal."""
    a = tertial.Audit()
    a.read_json('{"title":"Driftredovisning","unit":"mnkr","columns":["Nämnd","Utfall","Budget"],'
                '"rows":[["Kommunstyrelsen","12,3","12,0"],["Barn- och utbildning","4,6","4,9"],'
                '["Summa","16,9","17,1"]]}', "drift.json")
    assert a.tables == ["Driftredovisning"]
    assert [(f.line_label, f.column_header, f.cls, f.printed, f.expected, f.where) for f in a.run()] == [
        ("Summa", "Budget", AuditClass.ROUNDING, decimal.Decimal("17.1"), decimal.Decimal("16.9"), "drift.json: row 3")]
