"""Goals and indicators from Python: the demo's tree and indicators, evaluation, the early warning,
a status set as a person through the round, and a store round trip."""
import datetime

import pytest

import tertial
from tertial import Aggregation, Direction, GoalKind, GoalStatus, Light


@pytest.fixture
def demo():
    m = tertial.demo_year(2026)
    tertial.demo_round(m, "JANOKT")
    tertial.demo_goals(m, m)
    return m


def test_indicators_and_the_warning(demo):
    g = demo.goals
    assert [i.code for i in g.indicators] == ["PLAC", "TIM", "SJUK", "NKI"]
    sjuk = g.indicators[2]
    assert sjuk.aggregation == Aggregation.WEIGHTED_MEAN and sjuk.weight == "TIM" and sjuk.decimals == 1
    assert sjuk.direction == Direction.LOWER_IS_BETTER and sjuk.external_id == "N00090"
    r = g.evaluate("PLAC", "3", 202610)
    assert (r.value, r.own, r.target, r.light, r.previous, r.last_year) == (126, False, 120, Light.RED, 125, 120)
    assert g.format_value("SJUK", g.evaluate("SJUK", "3", 202610).value) == "6,0"
    w = g.volume_warning("PLAC", "3", 10)
    assert w.warns and w.budgeted == 120 and w.first_month == 11 and w.consequence > 100_000 * 100
    assert g.cost_per_unit("PLAC", "3", 10, accumulated=True) == w.cost_per_unit
    # the volume drives the forecast of Köp av verksamhet at a unit: outcome so far plus the
    # trend's volumes at the cost per user (3 placements a month at 3111's own cost per user)
    u = demo.org.find("3111")
    g.drive_forecast("PLAC", u, 10)
    demo.forecast_plan.set_method(u, "KOST_KOP", tertial.ForecastMethod.VOLUME_DRIVER)
    demo.apply_forecast(10)
    cpu = g.cost_per_unit("PLAC", u, 10, accumulated=True)
    so_far = demo.ledger.row_total(demo.rowmap, u, "KOST_KOP", tertial.MEASURE_OUTCOME, 0, 9)
    ys = [g.evaluate("PLAC", u, 202600 + m).value for m in range(1, 11)]
    mx, my = 5.5, sum(ys) / 10
    slope = sum((m - mx) * (y - my) for m, y in zip(range(1, 11), ys)) / sum((m - mx) ** 2 for m in range(1, 11))
    planned = sum(round((my + slope * (m - mx)) * 1000) for m in (11, 12))  # thousandths, as the driver holds
    assert abs(demo.forecast(u, "KOST_KOP") - (so_far + planned * cpu / 1000)) <= 1
    every = g.evaluate_all("PLAC", 202610)
    assert len(every) == len(demo.org) and every[demo.org.find("3")].value == 126


def test_a_new_indicator_and_values(demo):
    g = demo.goals
    i = g.add_indicator("NKI2", "Nöjd kund", unit_of_measure="index", decimals=1, aggregation=Aggregation.MEAN)
    g.set_target(i, 2026, 750)
    assert g.parse_value(i, "73,4") == 734
    g.set_values(i, 202610, ["3111", "3112"], [700, 801], source="enkät.csv",
                 imported=datetime.datetime(2026, 11, 3, tzinfo=datetime.timezone.utc))
    assert g.evaluate(i, "311", 202610).value == 751  # (70,0 + 80,1) / 2 = 75,05 -> 75,1
    v = g.own_value(i, "3111", 202610)
    assert v.value == 700 and v.source == "enkät.csv" and v.imported.day == 3
    with pytest.raises(tertial.ExistsError):
        g.add_indicator("NKI2", "igen")
    with pytest.raises(tertial.ParseError):
        g.parse_value(i, "73,45")


def test_tree_status_and_the_round(demo):
    g = demo.goals
    sn1 = g.goal("SN1")
    assert sn1.kind == GoalKind.COMMITTEE and g.goals[sn1.parent].code == "KF1"
    chain, up = g.red_thread("SN1.1", 2026)
    assert [g.goals[c].code for c in chain[:up]] == ["SN1.1", "SN1", "KF1", "S1"]
    st = g.state("SN1", "JANOKT")
    assert st.status == GoalStatus.NOT_MET and not st.set and st.lights[Light.RED] == 1
    assert g.attainment("3", GoalKind.COMMITTEE, "JANOKT") == (0, 1, 0, 1)
    with demo.round.acting("chef31") as chef:
        with pytest.raises(tertial.StateError, match="needs a reason"):
            chef.set_goal_status("SN1.1", "T2", GoalStatus.PARTLY_MET, "Två klara")
        chef.set_goal_status("SN1.1", "T2", GoalStatus.PARTLY_MET, "Två klara", reason="Två av fem familjer")
        with pytest.raises(tertial.NotPermittedError):
            chef.set_goal_status("SN1.1", "JANOKT", GoalStatus.PARTLY_MET, "x", reason="y")  # approved there
    [h] = g.history("SN1.1", "T2")
    assert h.by == "chef31" and h.overridden and h.proposed == GoalStatus.NOT_STARTED
    assert demo.round.audit(unit="31")[-2].item == "goal SN1.1"


def test_goals_in_the_store(tmp_path, demo):
    g = demo.goals
    g.set_status("SN2", "T1", GoalStatus.MET, by="chef3", comment="Bra")
    path = str(tmp_path / "goals.db")
    with tertial.Store(path, tertial.STORE_CREATE) as st:
        st.save(demo)
    with tertial.Store(path, tertial.STORE_READONLY) as st:
        back = st.load_year(2026)
    assert [i.code for i in back.goals.indicators] == [i.code for i in g.indicators]
    assert back.goals.volume_warning("PLAC", "3", 10) == g.volume_warning("PLAC", "3", 10)
    assert back.goals.state("SN2", "T1").comment == "Bra"
    assert back.goals.rule == (1000, 500)


def test_values_imported_from_a_file(tmp_path, demo):
    path = tmp_path / "sjuk.csv"
    path.write_text("Indikator;Enhet;Period;Värde\nSJUK;3111;2026-11;5,4\nSJUK;3112;202611;6,1\n", encoding="utf-8")
    s = demo.import_table(path, "indicators")
    assert (s.kind, s.values_changed, s.values_unchanged) == ("indicators", 2, 0)
    assert demo.goals.own_value("SJUK", "3111", 202611).value == 54
    assert demo.import_table(path, "indicators").values_unchanged == 2


def test_measures_serve_goals(tmp_path, demo):
    """A measure links to the goal it serves: checked against the branch, through the round with
    its log entry, kept by the store and shown under the goal in the report."""
    u = demo.org.find("3111")
    i = demo.measures.add(u, "KOST_KOP", "Hemmaplanslösning", "Fler placeringar", 300_000 * 100)
    demo.measures.set_goal(i, "SN1")
    assert demo.measures[i].goal == "SN1"
    with pytest.raises(tertial.NotFoundError):
        demo.measures.set_goal(i, "NOPE")
    other = demo.measures.add(demo.org.find("1111"), "KOST_KOP", "Annat", "", 1)
    with pytest.raises(tertial.StateError, match="different branches"):
        demo.measures.set_goal(other, "SN1")
    assert demo.measures[other].goal == ""
    with demo.round.acting("chef31") as chef:
        chef.set_measure_goal("T2", i, "SN1.1")
    assert demo.measures[i].goal == "SN1.1"
    [entry] = [e for e in demo.round.audit(unit="3111") if e.item == f"measure {i + 1}"]
    assert (entry.person.key, entry.before, entry.after) == ("chef31", "goal SN1", "goal SN1.1")
    path = str(tmp_path / "measures.db")
    with tertial.Store(path, tertial.STORE_CREATE) as st:
        st.save(demo)
    with tertial.Store(path, tertial.STORE_READONLY) as st:
        back = st.load_year(2026)
    assert [m.goal for m in back.measures] == ["SN1.1", ""]
    goals = back.report(back.org.find("3"), 10)["goals"]
    k = next(k for k, ln in enumerate(goals.lines) if ln.code == f"measure-{i + 1}")
    assert goals.lines[k].depth == 2 and goals.lines[k - 1].code == "SN1.1"
    assert (goals.cell(k, "item"), goals.cell(k, "kind"), goals.cell(k, "value")) == ("Hemmaplanslösning", "Åtgärd",
                                                                                      "300 tkr")


def test_goals_sheet_in_the_workbook(tmp_path, demo):
    """Report.write_xlsx(model=...) adds "Mål och styrtal": the styrtal month by month with their
    targets (read back with openpyxl) and a line chart of each."""
    openpyxl = pytest.importorskip("openpyxl")
    demo.apply_forecast(10)
    path = tmp_path / "g.xlsx"
    demo.report(demo.org.find("3"), 10).write_xlsx(path, model=demo, created=1)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Översikt", "Socialnämnden", "Mål och styrtal"]
    rows = list(wb["Mål och styrtal"].iter_rows(min_row=4, max_row=8, values_only=True))
    assert rows[0][:4] == ("Styrtal", "Enhet", "Mål", "jan") and rows[0][12] == "okt"
    assert rows[1][:3] == ("Placeringar på HVB, barn och unga (st)", "3", "SN1") and rows[1][11:13] == (125, 126)
    assert rows[2][0] == "Målvärde" and set(rows[2][3:13]) == {120}
    assert rows[3][0] == "Sjukfrånvaro (%)" and rows[3][12] == 6
    path2 = tmp_path / "plain.xlsx"
    demo.report(demo.org.find("3"), 10).write_xlsx(path2, created=1)
    assert "Mål och styrtal" not in openpyxl.load_workbook(path2).sheetnames
