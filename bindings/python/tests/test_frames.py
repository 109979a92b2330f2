"""Budget preparation from Python (issue 19, frames.h): the chain preliminary frame -> MoR ->
finansplan and its refusals, the opposition's alternative, frame updates from the example files
on the demo municipality, MoR against the alternative, bad input."""
import os
import pathlib

import pytest

import tertial
from tertial import BudgetKind, FrameLineKind

EXAMPLES = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3])) / "examples"
KR = 100


def test_kind_names():
    assert tertial.budget_kind_name(BudgetKind.MOR) == "mor"
    assert tertial.budget_kind_parse("Finansplan") == BudgetKind.FINANSPLAN
    assert [k.name for k in BudgetKind][-4:] == ["PRELIMINARY", "MOR", "FINANSPLAN", "ALTERNATIVE"]
    with pytest.raises(tertial.NotFoundError, match='"ram": expected a budget version kind'):
        tertial.budget_kind_parse("ram")


def test_planning_year_on_the_demo():
    m = tertial.demo()
    versions = m.budget_versions
    pre_update = tertial.FrameUpdate()
    pre_update.load(EXAMPLES / "frames" / "preliminara.csv")
    assert len(pre_update) == 11
    assert pre_update[0].kind == FrameLineKind.INDEXATION and pre_update[0].rate == 250
    assert (pre_update[8].persons, pre_update[8].per_person, pre_update[8].group) == (35, 142_000 * KR, "1–5 år")
    pre = pre_update.apply(m, m.current_budget, "Preliminära ramar 2027", kind=BudgetKind.PRELIMINARY)
    # 2,50 % of Kommunstyrelsen's net frame 53 482 743,30 kr = 1 337 068,5825 kr, to the öre
    assert (pre_update[0].base, pre_update[0].change) == (5_348_274_330, 133_706_858)
    assert pre_update[8].change == 35 * 142_000 * KR
    assert pre_update.total("2") == 11_327_322 * KR + 4_970_000 * KR - 2_370_000 * KR
    mor_update = tertial.FrameUpdate()
    mor_update.load(EXAMPLES / "frames" / "mor.csv")
    mor = mor_update.apply(m, pre, "MoR 2027", kind=BudgetKind.MOR, decided_by="Kommunfullmäktige")
    proposals = tertial.Proposals()
    proposals.load(EXAMPLES / "priorities" / "proposals.csv")
    applied = proposals.apply(m, mor)
    assert (applied.applied, applied.total) == (2, 430_000 * KR)
    alt_update = tertial.FrameUpdate()
    alt_update.load(EXAMPLES / "frames" / "alternativ.csv")
    alt = alt_update.apply(m, pre, "Oppositionens budget 2027", kind=BudgetKind.ALTERNATIVE)
    fp = versions.revise(mor, "Finansplan 2027", kind=BudgetKind.FINANSPLAN)
    chain = m.budget_chain(fp)
    assert isinstance(chain, tertial.BudgetChain)
    assert [(v.name, v.kind) for v in chain] == [("Budget", BudgetKind.ADOPTED),
                                                 ("Preliminära ramar 2027", BudgetKind.PRELIMINARY),
                                                 ("MoR 2027", BudgetKind.MOR),
                                                 ("Finansplan 2027", BudgetKind.FINANSPLAN)]
    assert [v.name for v in m.budget_chain(alt)] == ["Budget", "Preliminära ramar 2027", "Oppositionens budget 2027"]
    assert chain[-1].revises == mor and versions.of(pre).revised_by == mor
    # MoR against the alternative per committee (the municipality's root is unit 0)
    root = m.org.find("0")
    rows = {r.code: i for i, r in enumerate(m.rowmap)}
    netto = {x.unit: x for x in m.compare_budgets(mor, alt, root, 1) if x.row == rows["NETTO"]}
    bun = netto[m.org.find("2").id]
    assert (bun.a, bun.b, bun.difference) == (46_502_020_216, 47_302_020_216, 8_000_000 * KR)
    assert (netto[root.id].a, netto[root.id].difference) == (149_221_477_777, 4_570_000 * KR)
    # refusals: a finansplan before the MoR, the chain continued from the alternative
    with pytest.raises(tertial.StateError, match="the finansplan follows the council's MoR"):
        versions.revise(pre, "FP", kind=BudgetKind.FINANSPLAN)
    with pytest.raises(tertial.StateError, match="never into the chain"):
        versions.revise(alt, "MoR 2", kind=BudgetKind.MOR)
    with pytest.raises(tertial.StateError, match="already continues"):
        versions.revise(pre, "MoR 3", kind=BudgetKind.MOR)


def test_add_and_bad_input(tmp_path):
    u = tertial.FrameUpdate()
    u.add("SN", "4010", FrameLineKind.VOLUME, persons=-7, per_person=1_234_567, group="13-20 år", text="Färre")
    assert u[0] == tertial.FrameLine("SN", "4010", FrameLineKind.VOLUME, 0, -7, 1_234_567, 0, "13-20 år", "Färre", 0, 0)
    with pytest.raises(tertial.InvalidArgumentError, match="needs a unit and an account"):
        u.add(None, "4010", FrameLineKind.AMOUNT, amount=1)
    with pytest.raises(tertial.InvalidArgumentError, match="beyond"):
        u.add("SN", "4010", FrameLineKind.INDEXATION, rate=tertial.FRAME_MAX_RATE + 1)
    bad = tmp_path / "ram.csv"
    bad.write_text("enhet;konto;typ;sats\nSN;4010;uppräkning;2,5\nSN;4010;uppräkning;två\n", encoding="utf-8")
    with pytest.raises(tertial.ParseError, match=r"ram.csv:3:4: column \"sats\": expected a percent"):
        u.load(bad)
    assert len(u) == 1
    with pytest.raises(IndexError):
        u[1]
    m = tertial.demo()
    with pytest.raises(tertial.NotFoundError, match='frame update line 1 \\(unit SN\\)|no unit "SN"'):
        u.apply(m, m.current_budget, "Ny", kind=BudgetKind.PRELIMINARY)
    assert len(m.budget_versions) == 1
