"""Follow-up tables of a small municipality, against figures computed by hand."""
from decimal import Decimal

import pytest

import tertial
from tertial import Column, LineKind, RowKind, View

KR = 100
T1 = 4  # cut-off of tertial 1: January-April

# (Ack utfall, Ack budget, Ack budgetavvikelse, Årets budget, Förbrukat %, Årets prognos,
#  Prognosavvikelse, Fg bokslut), kronor; computed by hand from conftest.build_municipality():
#   Ängsskolan  salaries: outcome 4 x 1 580 000, budget 12 x 1 500 000, prior 12 x 1 450 000,
#                         forecast 19 000 000
#   Backaskolan salaries: 4 x 1 150 000 / 12 x 1 200 000, forecast 14 000 000;
#               purchases: 4 x 310 000 / 12 x 250 000, forecast 3 600 000
#   Solen       salaries: 4 x 790 000 / 12 x 800 000, forecast 9 600 000;
#               fees: 4 x -131 000 / 12 x -120 000, forecast -1 500 000
ANGS = (6_320_000, 6_000_000, -320_000, 18_000_000, "35.11", 19_000_000, -1_000_000, 17_400_000)
BACKA = (5_840_000, 5_800_000, -40_000, 17_400_000, "33.56", 17_600_000, -200_000, 0)
GRUNDSKOLA = (12_160_000, 11_800_000, -360_000, 35_400_000, "34.35", 36_600_000, -1_200_000, 17_400_000)
FORSKOLA = (2_636_000, 2_720_000, 84_000, 8_160_000, "32.30", 8_100_000, 60_000, 0)
BUN = (14_796_000, 14_520_000, -276_000, 43_560_000, "33.97", 44_700_000, -1_140_000, 17_400_000)
# Report rows of the nämnd (rows view).
INT_TAXA = (-524_000, -480_000, 44_000, -1_440_000, "36.39", -1_500_000, 60_000, 0)
KOST_PERS = (14_080_000, 14_000_000, -80_000, 42_000_000, "33.52", 42_600_000, -600_000, 17_400_000)
KOST_KOP = (1_240_000, 1_000_000, -240_000, 3_000_000, "41.33", 3_600_000, -600_000, 0)


def figures(row):
    """The eight columns of a FollowupRow in the order of the constants above (kronor)."""
    amounts = [row.outcome_acc, row.budget_acc, row.deviation_acc, row.budget_year, None,
               row.forecast, row.forecast_deviation, row.prior_year]
    out = tuple(a // KR if a is not None else None for a in amounts)
    return out[:4] + (str(row.share_used),) + out[5:]


def test_children_view_of_grundskola(municipality):
    m, u = municipality
    t = m.followup(u["gr"], T1)
    assert t.view == View.CHILDREN and t.cutoff == T1 and t.cutoff_period == 202604
    assert t.title == "Grundskola" and t.unit == u["gr"]
    rows = t.rows()
    assert [(r.kind, r.code) for r in rows] == [
        (LineKind.UNIT, "3110"), (LineKind.UNIT, "3120"), (LineKind.TOTAL, "310")]
    assert figures(rows[0]) == ANGS
    assert figures(rows[1]) == BACKA
    assert figures(rows[2]) == GRUNDSKOLA
    assert rows[0].parent_line == 2 and rows[2].parent_line is None
    assert all(r.forecast_missing == 0 and r.partial is False for r in rows)


def test_children_view_of_the_committee(municipality):
    m, u = municipality
    rows = m.followup(u["bun"], T1).rows()
    assert [r.code for r in rows] == ["310", "320", "3"]
    assert figures(rows[0]) == GRUNDSKOLA
    assert figures(rows[1]) == FORSKOLA
    assert figures(rows[2]) == BUN


def test_subtree_view(municipality):
    m, u = municipality
    rows = m.followup(u["bun"], T1, view=View.SUBTREE).rows()
    assert [(r.code, r.depth) for r in rows] == [
        ("3", 0), ("310", 1), ("3110", 2), ("3120", 2), ("320", 1), ("3210", 2)]
    assert figures(rows[0]) == BUN
    assert figures(rows[2]) == ANGS
    short = m.followup(u["bun"], T1, view=View.SUBTREE, max_depth=1).rows()
    assert [r.code for r in short] == ["3", "310", "320"]


def test_rows_view(municipality):
    m, u = municipality
    t = m.followup(u["bun"], T1, view=View.ROWS)
    by_code = {r.code: r for r in t}
    assert by_code["INT_TAXA"].kind == LineKind.ROW and by_code["INT_TAXA"].row_kind == RowKind.LINE
    assert figures(by_code["INT_TAXA"]) == INT_TAXA
    assert figures(by_code["KOST_PERS"]) == KOST_PERS
    assert figures(by_code["KOST_KOP"]) == KOST_KOP
    assert figures(by_code["NETTO"]) == BUN  # the result row equals the unit total
    assert by_code["NETTO"].row_kind == RowKind.SUM
    # An internal row is forecast at its annual budget (here none): a forecast and a zero deviation.
    varav = by_code["KOST_VARAV"]
    assert varav.row_kind == RowKind.INTERNAL and varav.forecast == varav.budget_year == 0
    assert varav.forecast_deviation == 0


def test_empty_share_is_none_not_zero(municipality):
    m, u = municipality
    rows = m.followup(u["bun"], T1, view=View.ROWS).rows()
    empty = [r for r in rows if r.budget_year == 0]
    assert empty and all(r.share_used is None for r in empty)
    assert t_value(m, u["bun"], "INT_FORS", Column.SHARE_USED) is None


def t_value(m, unit, code, column):
    t = m.followup(unit, T1, view=View.ROWS)
    index = [r.code for r in t].index(code)
    return t.value(index, column)


def test_value_of_one_cell(municipality):
    m, u = municipality
    t = m.followup(u["gr"], T1)
    assert t.value(0, Column.OUTCOME_ACC) == 6_320_000 * KR
    assert t.value(0, Column.SHARE_USED) == 3511  # hundredths of a percent
    assert t.value(-1, Column.FORECAST_DEVIATION) == -1_200_000 * KR
    with pytest.raises(IndexError):
        t.value(3, Column.OUTCOME_ACC)
    with pytest.raises(tertial.RangeError):
        t.value(0, 8)


def test_rows_in_kronor_are_decimals(municipality):
    m, u = municipality
    row = m.followup(u["gr"], T1).rows(kronor=True)[0]
    assert row.outcome_acc == Decimal("6320000.00") and isinstance(row.outcome_acc, Decimal)
    assert row.share_used == Decimal("35.11")
    assert not any(isinstance(v, float) for v in row)


def test_table_indexing_and_dicts(municipality):
    m, u = municipality
    t = m.followup(u["gr"], T1)
    assert len(t) == 3 and t[-1] == t.rows()[-1] and list(t) == t.rows()
    with pytest.raises(IndexError):
        t[3]
    d = t.to_dicts()[0]
    assert list(d) == list(tertial.FOLLOWUP_FIELDS)
    assert d["code"] == "3110" and d["share_used"] == Decimal("35.11")


def test_dataframe(municipality):
    pandas = pytest.importorskip("pandas")
    m, u = municipality
    df = m.followup(u["bun"], T1, view=View.SUBTREE).to_dataframe()
    assert isinstance(df, pandas.DataFrame)
    assert list(df.columns) == list(tertial.FOLLOWUP_FIELDS)
    assert df.loc[df.code == "3110", "outcome_acc"].item() == 6_320_000 * KR
    assert df["outcome_acc"].dtype.kind == "i"


def test_missing_forecast_defaults_to_budget():
    from conftest import build_municipality
    m, u = build_municipality()  # no forecasts set
    rows = m.followup(u["gr"], T1).rows()
    assert rows[0].forecast == 18_000_000 * KR and rows[0].forecast_missing == 1
    assert rows[-1].forecast_missing == 3
    findings = m.check(u["gr"], T1)
    assert findings.error_count == 0 and len(findings) == 3
    assert {f.kind for f in findings} == {tertial.FindingKind.FORECAST_MISSING}
    assert {(f.unit_code, f.row_code) for f in findings} == {
        ("3110", "KOST_PERS"), ("3120", "KOST_PERS"), ("3120", "KOST_KOP")}
    assert "prognos saknas" in str(m.followup(u["gr"], T1))


def test_render_text(municipality):
    m, u = municipality
    t = m.followup(u["gr"], T1)
    text = t.render_text()
    assert text == str(t)
    assert text.splitlines()[0] == "Grundskola: utfall t.o.m. april 2026, tkr"
    assert "Ängsskolan" in text and "6 320" in text and "35,11" in text
    english = t.render_text(english=True, unit=tertial.MoneyUnit.MKR, decimals=1)
    assert "Accumulated outcome" in english and "6,3" in english
    opts = tertial.TextOptions(unit=tertial.MoneyUnit.KR)
    assert "6 320 000" in t.render_text(opts)
    with pytest.raises(TypeError):
        t.render_text(colour=True)
    with pytest.raises(tertial.RangeError):
        t.render_text(decimals=7)


def test_checker_finds_nothing_wrong(municipality):
    m, u = municipality
    findings = m.check(u["kommun"], T1)
    assert len(findings) == 0 and findings.error_count == 0 and list(findings) == []
    table_findings = m.followup(u["bun"], T1).check(tertial.MoneyUnit.TKR, 0)
    assert table_findings.error_count == 0


def test_check_table_finds_rounding_gaps():
    # Three units of 0,4 tkr each: rounded one by one they show 0 + 0 + 0 = 0 but the total 1.
    m = tertial.Model(2026, 1)
    top = m.org.add_unit("1", "Nämnd", None, 1)
    acc = m.chart.ensure("4610")
    for i in range(3):
        unit = m.org.add_unit(f"1{i}", f"Enhet {i}", top, 5)
        m.ledger.add(unit, acc, 0, tertial.MEASURE_OUTCOME, 40_000)
    findings = m.followup(top, 1).check()
    kinds = [f.kind for f in findings]
    assert tertial.FindingKind.ROUNDING in kinds
    f = findings[kinds.index(tertial.FindingKind.ROUNDING)]
    assert f.severity in (tertial.Severity.ERROR, tertial.Severity.WARNING)
    assert f.column == Column.OUTCOME_ACC and (f.expected, f.found) in ((1, 0), (0, 1))
    assert tertial.finding_kind_name(f.kind) == "rounding"


def test_column_headers():
    assert tertial.column_header(Column.OUTCOME_ACC, 0) == "Ack utfall"
    assert tertial.column_header(Column.OUTCOME_ACC, 1) == "Accumulated outcome"
    assert tertial.column_header(Column.SHARE_USED, 0) == "Förbrukat %"
    assert tertial.column_header(99, 0) is None


def test_options_objects():
    o = tertial.FollowupOptions(view=View.ROWS, skip_empty=1)
    assert o.view == View.ROWS and o.skip_empty == 1 and o.budget_measure == -1 and o.version == 1
    with pytest.raises(AttributeError):
        o.version = 2
    with pytest.raises(TypeError):
        tertial.FollowupOptions(colour=1)
    assert "view=2" in repr(o)


def test_skip_empty(municipality):
    m, u = municipality
    all_rows = m.followup(u["bun"], T1, view=View.ROWS)
    some = m.followup(u["bun"], T1, options=tertial.FollowupOptions(view=View.ROWS, skip_empty=1))
    assert len(some) < len(all_rows)
    assert "INT_FORS" not in [r.code for r in some]
    with pytest.raises(TypeError):
        m.followup(u["bun"], T1, options=tertial.FollowupOptions(), view=View.ROWS)


def test_followup_errors(municipality):
    m, u = municipality
    with pytest.raises(tertial.RangeError, match="cut-off|cutoff"):
        m.followup(u["bun"], 13)
    with pytest.raises(tertial.NotFoundError):
        m.followup(999, T1)
    with pytest.raises(tertial.NotFoundError):
        m.followup(u["bun"], T1, budget_measure=42)
