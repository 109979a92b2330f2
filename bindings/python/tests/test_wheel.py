"""The planning process from Python (issue 19): Motala's annual wheel, an election year's and an
ordinary year's calendar, Swedish weeks across year ends, what is due, follow-up deadlines, the
prioritisation model's ranking by the default rule and by a rule of weights, and bad input."""
import datetime
import os
import pathlib
from decimal import Decimal

import pytest

import tertial
from tertial import Benefit, CostEffectiveness, Difficulty, ProposalKind, ScheduleKind, YearKind

ROOT = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
MOTALA = ROOT / "examples" / "wheel" / "motala.csv"
D = datetime.date


@pytest.fixture(scope="module")
def wheel():
    return tertial.Wheel.load(MOTALA)


def named(schedule, prefix):
    return [e for e in schedule if e.kind == ScheduleKind.ACTIVITY and e.name.startswith(prefix)]


def test_weeks():
    assert tertial.iso_week_count(2026) == 53 and tertial.iso_week_count(2025) == 52
    assert tertial.iso_week_start(2026, 1) == D(2025, 12, 29)
    assert tertial.iso_week_start(2026, 53) == D(2026, 12, 28)
    assert tertial.iso_week_of(D(2027, 1, 1)) == (2026, 53)
    # the library agrees with Python's own ISO calendar over four years, day by day
    day = D(2024, 12, 1)
    while day < D(2028, 12, 31):
        assert tertial.iso_week_of(day) == tuple(day.isocalendar()[:2])
        day += datetime.timedelta(days=1)
    with pytest.raises(tertial.RangeError):
        tertial.iso_week_start(2025, 53)
    assert [y for y in range(2020, 2032) if tertial.election_year_is(y)] == [2022, 2026, 2030]


def test_template(wheel):
    names = [p.name for p in wheel.processes[:6]]
    assert names == ["Starta upp", "Analysera", "Prioritera inom nämnd", "Prioritera och besluta kommunövergripande",
                     "Planera övergripande", "Detaljplanera"]
    spans = [(p.when.from_week, p.when.to_week) for p in wheel.processes[:6]]
    assert spans == [(48, 5), (6, 11), (12, 16), (17, 46), (23, 42), (43, 52)]
    assert sum(p.flow == tertial.WheelFlow.FOLLOWUP for p in wheel.processes) == 4


def test_election_and_ordinary_years(wheel):
    election = wheel.schedule(2026)
    assert election.election and election.year == 2026
    assert not named(election, "Besluta om Finansplan")
    (prelim,) = named(election, "Preliminärt beslut om Mål och Resursplan")
    assert (prelim.start, prelim.end, prelim.start_week) == (D(2026, 6, 15), D(2026, 6, 21), 25)
    (allocation,) = named(election, "Resursfördelning per nämnd")
    assert (allocation.start, allocation.start_week_year, allocation.start_week) == (D(2027, 1, 1), 2026, 53)
    ordinary = wheel.schedule(2027)
    assert not ordinary.election
    (council,) = named(ordinary, "Besluta om Mål och Resursplan (MoR) i kommunfullmäktige")
    assert council.start == D(2027, 8, 23) and council.decided_by == "Kommunfullmäktige"
    assert ordinary[0].name == "Starta upp" and (ordinary[0].start, ordinary[0].end) == (D(2026, 11, 23), D(2027, 2, 7))
    forced = wheel.schedule(2026, YearKind.ORDINARY)
    assert named(forced, "Besluta om Finansplan i kommunfullmäktige")


def test_due_and_followup(wheel):
    cal = tertial.Calendar.default()
    s = wheel.schedule(2026, followup=cal)
    deadlines = [(e.point, e.start) for e in s if e.kind == ScheduleKind.DEADLINE]
    assert deadlines == [("BOKSLUT", D(2026, 2, 15)), ("JANFEB", D(2026, 3, 15)), ("T1", D(2026, 5, 15)),
                         ("JANJUN", D(2026, 8, 15)), ("T2", D(2026, 9, 15)), ("JANOKT", D(2026, 11, 15))]
    due = s.due(D(2026, 6, 15), D(2026, 6, 21), role="Kommunstyrelsen")
    assert len(due) == 2 and {e.decided_by for e in due} == {"Kommunstyrelsen"}
    units = s.due(role="enhetschef")
    assert [e.name for e in units] == ["Upprätta verksamhetsplan och budget per enhet"]


def test_bad_template():
    with pytest.raises(tertial.ParseError, match=r"w\.csv:2:4: column \"när\": expected weeks"):
        tertial.Wheel.parse("typ;process;aktivitet;när\nplanering;A;;v60\n", "w.csv")
    with pytest.raises(tertial.TertialIOError):
        tertial.Wheel.load(ROOT / "no-such-wheel.csv")


def test_ranking():
    p = tertial.Proposals()
    p.add("A", "Öppenvård", cost=Decimal("1250000"), difficulty=Difficulty.LARGE, benefit=Benefit.VERY_LARGE,
          cost_effectiveness=CostEffectiveness.HIGH)
    p.add("B", "Samlokalisering", kind=ProposalKind.EFFICIENCY, cost=-82_000_000, difficulty=Difficulty.MODERATE,
          benefit=Benefit.SMALL, cost_effectiveness=CostEffectiveness.VERY_HIGH)
    p.add("C", "Extra lärare", cost=90_000_000, difficulty=Difficulty.MODERATE, benefit=Benefit.LARGE,
          cost_effectiveness=CostEffectiveness.HIGH)
    p.add("D", "Samma som C", cost=90_000_000, difficulty=Difficulty.MODERATE, benefit=Benefit.LARGE,
          cost_effectiveness=CostEffectiveness.HIGH)
    assert p[0].cost == 125_000_000 and p[1].kind == ProposalKind.EFFICIENCY
    assert [(r.rank, r.proposal.code) for r in p.rank()] == [(1, "A"), (2, "C"), (2, "D"), (4, "B")]
    rule = tertial.PriorityRule.parse("weight.benefit = 1\nweight.cost_effectiveness = 3\norder = score, cost\n")
    ranked = p.rank(rule)
    # scores: A 4 + 9 = 13, B 1 + 12 = 13, C and D 3 + 9 = 12; A and B tie on score, B costs less
    assert [(r.rank, r.proposal.code, r.score) for r in ranked] == [(1, "B", 13), (2, "A", 13), (3, "C", 12),
                                                                    (3, "D", 12)]
    assert str(rule) == "order = score desc, cost asc\nweight.benefit = 1\nweight.cost_effectiveness = 3\n"
    with pytest.raises(tertial.ExistsError):
        p.add("A", "Igen")
    with pytest.raises(tertial.ParseError, match=r"r\.txt:1: order: expected criteria"):
        tertial.PriorityRule.parse("order = price\n", "r.txt")


def test_proposals_from_csv():
    p = tertial.Proposals()
    p.load(ROOT / "examples" / "priorities" / "proposals.csv")
    assert [x.code for x in p] == ["SOC-1", "SOC-2", "SOC-3", "BUN-1"]
    assert p[1].cost == -82_000_000 and p[1].status == tertial.ProposalStatus.LIFTED
    assert tertial.benefit_name(p[0].benefit) == "mycket stor"
    with pytest.raises(tertial.ParseError, match=r"bad\.csv:2:5"):
        tertial.Proposals().parse(
            "kod;typ;åtgärd;kostnad tkr;svårighetsgrad;nytta;kostnadseffektivitet\nA;prioritering;M;1;hög;stor;hög\n",
            "bad.csv")


def test_internal_control():
    ic = tertial.IntControl()
    ic.load("risks", ROOT / "examples" / "intcontrol" / "risks.csv")
    ic.load(tertial.IntControlTable.PLAN, ROOT / "examples" / "intcontrol" / "plan.csv")
    ic.load("results", ROOT / "examples" / "intcontrol" / "results.csv")
    assert [(r.code, r.value, r.controlled) for r in ic.risks] == [("R1", 12, True), ("R2", 8, False),
                                                                   ("R3", 2, False), ("R4", 16, True)]
    ic.threshold = 8
    assert ic.risks[1].controlled and ic.risk_controls(1) == 0 and ic.risk_controls(0) == 1
    ic.add_risk("R5", "Jäv", 2, 2, committee="Socialnämnden", process="Upphandling")
    ic.add_control("K3", "R5", "Genomgång av jävsdeklarationer", "T2", method="Stickprov")
    ic.add_result("K3", "T2", "Två deklarationer saknades", deviations=2, measures="Påminnelse")
    assert ic.risks[-1] == tertial.Risk("R5", "Socialnämnden", "Upphandling", "Jäv", 2, 2, 4, False)
    assert ic.controls[-1].method == "Stickprov" and ic.results[-1].deviations == 2
    with pytest.raises(tertial.NotFoundError):
        ic.add_control("K4", "R9", "X", "T1")
    with pytest.raises(tertial.RangeError):
        ic.add_risk("R6", "Y", 5, 1)
    with pytest.raises(tertial.ParseError, match=r"x\.csv:2:4: column \"konsekvens\": expected 1, 2, 3 or 4"):
        ic.parse("risks", "kod;risk;sannolikhet;konsekvens\nR7;Z;1;0\n", "x.csv")
    assert len(ic.risks) == 5
