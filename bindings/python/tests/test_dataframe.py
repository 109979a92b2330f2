"""DataFrames both ways: the demo's data as DataFrames into a fresh model gives the demo's report,
and tables come out with real dtypes (dataframes.py)."""
import builtins
import datetime
import decimal
from decimal import Decimal

import pytest

import tertial

pandas = pytest.importorskip("pandas")

YEAR, CUTOFF = 2026, 10
TYPES = {tertial.AccountType.ASSET: "T", tertial.AccountType.LIABILITY: "S",
         tertial.AccountType.REVENUE: "I", tertial.AccountType.COST: "K"}


@pytest.fixture(scope="module")
def demo():
    m = tertial.demo_year(YEAR)
    yield m
    m.close()


def frames(m):
    """The demo as DataFrames: organisation, accounts, and its ledger's facts per measure, each
    in another of the forms load_dataframe() takes."""
    org = pandas.DataFrame(
        [(u.code, None if u.parent(202601) is None else m.org[u.parent(202601)].code, u.name, u.level, u.manager)
         for u in m.org],
        columns=["Kod", "Förälder", "Namn", "Nivå", "Chef"])
    accounts = pandas.DataFrame([(a.number, a.name, TYPES[a.type], "ja" if a.internal else "nej") for a in m.chart],
                                columns=["Konto", "Namn", "Typ", "Intern"])
    facts = {measure: [] for measure in range(m.ledger.measure_count)}
    for unit in m.org:
        for account in m.chart:
            for measure in facts:
                for month in range(12):
                    ore = m.ledger.get(unit, account, month, measure)
                    if ore:
                        facts[measure].append((unit.code, account.number, month, ore))
    fy = m.fiscal_year
    # outcome: calendar months 1-12, int öre, the measure by name
    outcome = pandas.DataFrame([(u, a, fy.period(i) % 100, "Utfall", ore) for u, a, i, ore in facts[0]],
                               columns=["unit", "account", "month", "measure", "amount"])
    # prior year: periods yyyymm, float kronor, one measure for all rows, account numbers as int
    prior = pandas.DataFrame([(u, int(a), fy.period(i), ore / 100) for u, a, i, ore in facts[1]],
                             columns=["Enhet", "Konto", "Period", "Belopp"])
    # budget: 'yyyy-mm' text, Decimal kronor, the measure by id
    budget = pandas.DataFrame(
        [(u, a, f"{fy.period(i) // 100}-{fy.period(i) % 100:02d}", 2, tertial.kronor(ore)) for u, a, i, ore in facts[2]],
        columns=["unit", "account", "month", "measure", "amount"])
    assert len(outcome) and len(prior) and len(budget) and m.ledger.measures[2] == "Budget"
    assert prior["Belopp"].dtype == "float64" and outcome["amount"].dtype == "int64"
    return org, accounts, outcome, prior, budget


def test_demo_from_dataframes_gives_the_demo_report(demo):
    org, accounts, outcome, prior, budget = frames(demo)
    m = tertial.Model.from_dataframe(outcome, year=YEAR, organisation=org, accounts=accounts)
    assert len(m.org) == len(demo.org) == 301 and len(m.chart) == len(demo.chart) == 19
    assert m.load_dataframe(prior, columns={"unit": "Enhet", "account": "Konto", "month": "Period", "amount": "Belopp"},
                            measure=tertial.MEASURE_PRIOR) == len(prior)
    assert m.load_dataframe(budget) == len(budget)
    assert m.ledger.line_count == demo.ledger.line_count
    for code in ("0", "3", "3121"):
        mine, theirs = m.report(m.org[code], CUTOFF), demo.report(demo.org[code], CUTOFF)
        for key in ("key_figures", "units", "rows", "monthly"):
            assert mine[key].to_dicts() == theirs[key].to_dicts(), (code, key)
        assert mine["findings"].to_dicts() == theirs["findings"].to_dicts()
    total = m.followup(m.org["0"], CUTOFF).rows()[-1]
    assert total == demo.followup(demo.org["0"], CUTOFF).rows()[-1]
    assert total.outcome_acc == outcome["amount"].sum() == demo.ledger.total(0, None, 0, 0, 11)
    assert total.prior_year == demo.ledger.total(0, None, tertial.MEASURE_PRIOR, 0, 11)


def test_report_section_dtypes(demo):
    section = demo.report(demo.org["3"], CUTOFF)["units"]
    ore = section.to_dataframe()
    assert list(ore.columns) == list(tertial.REPORT_LINE_FIELDS) + section.keys
    assert ore["outcome_acc"].dtype == "int64" and ore["share_used"].dtype == "float64"
    assert ore["outcome_acc"].tolist() == [row[1] for row in section.rows()]
    kr = section.to_dataframe(amounts="kronor", headers="sv")
    assert list(kr.columns) == [c.header for c in section.columns] and kr.columns[1] == "Ack utfall"
    assert kr["Ack utfall"].dtype == "float64"
    assert [Decimal(repr(v)) for v in kr["Ack utfall"]] == [tertial.kronor(row[1]) for row in section.rows()]
    assert kr["Förbrukat %"].tolist() == [float(row[5]) for row in section.rows()]
    dec = section.to_dataframe(amounts="decimal", headers="sv")
    assert dec["Ack utfall"].dtype == object and dec["Ack utfall"].tolist() == [tertial.kronor(r[1]) for r in section.rows()]
    assert dec["Förbrukat %"].tolist() == [row[5] for row in section.rows()]
    with pytest.raises(ValueError, match="the report is in Swedish"):
        section.to_dataframe(headers="en")
    english = demo.report(demo.org["3"], CUTOFF, english=True)["units"].to_dataframe(headers="en")
    assert english.columns[1] == "Accumulated outcome"
    with pytest.raises(ValueError, match="amounts"):
        section.to_dataframe(amounts="tkr")
    assert section.to_dataframe(kronor=True)["outcome_acc"].tolist() == dec["Ack utfall"].tolist()  # the old keyword


def test_followup_table_dtypes_and_excel(demo, tmp_path):
    table = demo.followup(demo.org["3"], CUTOFF, view=tertial.View.SUBTREE)
    rows = table.rows()
    keys = table.to_dataframe()
    assert list(keys.columns) == list(tertial.FOLLOWUP_FIELDS)
    assert keys["budget_year"].dtype == "int64" and keys["parent_line"].dtype == "Int64"
    assert keys["parent_line"].isna().sum() == sum(r.parent_line is None for r in rows) >= 1
    sv = table.to_dataframe(amounts="kronor", headers="sv")
    assert list(sv.columns) == ["Kod", "Benämning"] + [tertial.column_header(c, 0) for c in tertial.Column]
    assert [Decimal(repr(v)) for v in sv["Årets budget"]] == [tertial.kronor(r.budget_year) for r in rows]
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "t.xlsx"
    sv.to_excel(path, index=False)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["D1"].value == "Ack budget" and isinstance(sheet["D2"].value, float)  # a number, not text
    assert Decimal(repr(sheet["D2"].value)) == tertial.kronor(rows[0].budget_acc)


def fresh():
    m = tertial.Model(YEAR)
    root = m.org.add_unit("1", "Kommunen", None, 0, "K")
    m.org.add_unit("10", "Skolan", root, 1, "S")
    m.chart.ensure("4010")
    return m


def test_amount_and_month_forms():
    m = fresh()
    df = pandas.DataFrame({
        "unit": ["10", "10", 10, "10", "10", "10"],
        "account": ["4010", 4010, "4010", "4010", "4010", "4010"],
        "month": [1, "2026-02", 202603, datetime.date(2026, 4, 30), pandas.Timestamp("2026-05-01"), "6"],
        "amount": [Decimal("1.50"), 10000.0, 1.005, 0.1 + 0.2, "-1 243,50", 250],
    })
    assert m.load_dataframe(df, measure="Utfall") == 6
    got = [m.ledger.get(m.org["10"], m.chart["4010"], month, 0) for month in range(6)]
    # 1.005 rounds to 1.01 from its decimal text (in binary it is 1.00499999...), 0.1 + 0.2 to 0.30
    assert got == [150, 1_000_000, 101, 30, -124_350, 250]
    kr = pandas.DataFrame({"unit": ["10"], "account": ["4010"], "month": [7], "measure": [0], "amount": [250]})
    m.load_dataframe(kr, amounts="kronor")
    assert m.ledger.get(m.org["10"], m.chart["4010"], 6, 0) == 25_000
    with pytest.raises(ValueError, match="amounts"):
        m.load_dataframe(kr, amounts="tkr")


@pytest.mark.parametrize("column, value, message", [
    ("month", 13, r"DataFrame row 'b' \(position 1\), column 'month': expected a month of the fiscal year 2026"),
    ("month", "2025-12", r"column 'month': expected a month of the fiscal year 2026"),
    ("month", None, r"column 'month': expected a month .* found None"),
    ("month", True, r"column 'month': expected a month .* found True"),
    ("month", [1], r"column 'month': expected a month .* found \[1\]"),
    ("amount", float("nan"), r"row 'b' \(position 1\), column 'amount': expected an amount"),
    ("amount", True, r"column 'amount': expected an amount"),
    ("amount", Decimal("1.005"), r"DataFrame row 'b' \(position 1\): Decimal\('1.005'\) kronor is not a whole number of öre"),
    ("unit", "99", r"DataFrame row 'b' \(position 1\): .*99"),
    ("account", 1.5, r"DataFrame row 'b' \(position 1\), column 'account': expected a str or an int code"),
])
def test_bad_rows_change_nothing(column, value, message):
    m = fresh()
    df = pandas.DataFrame({"unit": ["10", "10"], "account": ["4010", "4010"], "month": [1, 2], "measure": [0, 0],
                           "amount": [Decimal("5"), Decimal("7")]}, index=["a", "b"])
    df[column] = df[column].astype(object)
    df.at["b", column] = value
    with pytest.raises((ValueError, TypeError, LookupError), match=message):
        m.load_dataframe(df)
    assert m.ledger.total(m.org["1"], None, 0, 0, 11) == 0  # the first row was taken back


def test_missing_column_and_pandas(monkeypatch):
    m = fresh()
    with pytest.raises(ValueError, match=r"no column 'measure'.*give measure="):
        m.load_dataframe(pandas.DataFrame({"unit": [], "account": [], "month": [], "amount": []}))
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        m.load_dataframe([("10", "4010", 0, 0, 5)])
    with pytest.raises(tertial.ParseError, match="organisation DataFrame:2:.*9"):  # the importer's error
        tertial.Model.from_dataframe(year=YEAR, organisation=pandas.DataFrame({"code": ["2"], "parent": ["9"]}))
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="needs pandas .*python3-pandas"):
        m.followup(m.org["1"], 4).to_dataframe()


def test_bad_float_column_names_the_row():
    m = fresh()
    df = pandas.DataFrame({"unit": ["10", "10"], "account": [4010, 4010], "month": [1, 2], "measure": 0,
                           "amount": [5.0, float("nan")]}, index=["a", "b"])
    assert df["amount"].dtype == "float64" and df["account"].dtype == "int64"
    with pytest.raises(ValueError, match=r"row 'b' \(position 1\), column 'amount': a float that is not a number"):
        m.load_dataframe(df)
    assert m.ledger.total(m.org["1"], None, 0, 0, 11) == 0
