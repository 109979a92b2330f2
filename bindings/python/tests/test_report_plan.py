"""The planning objects in the follow-up report from Python (issue 19): Report.add_priorities(),
add_intcontrol() and add_unfunded() on the demo's Socialnämnden at T1."""
import datetime
import os
import pathlib

import pytest

import tertial
from tertial import SectionKind

EXAMPLES = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3])) / "examples"


@pytest.fixture(scope="module")
def demo():
    m = tertial.demo_year(2026)
    m.apply_forecast(4)
    yield m
    m.close()


def plan_objects():
    proposals = tertial.Proposals()
    proposals.load(EXAMPLES / "priorities" / "proposals.csv")
    ic = tertial.IntControl()
    ic.load(tertial.IntControlTable.RISKS, EXAMPLES / "intcontrol" / "risks.csv")
    ic.load(tertial.IntControlTable.PLAN, EXAMPLES / "intcontrol" / "plan.csv")
    ic.load(tertial.IntControlTable.RESULTS, EXAMPLES / "intcontrol" / "results.csv")
    unfunded = tertial.Unfunded()
    unfunded.load(EXAMPLES / "unfunded" / "decisions.csv")
    return proposals, ic, unfunded


def test_sections(demo):
    proposals, ic, unfunded = plan_objects()
    r = demo.report(demo.org.find("3"), 4, skip_empty=True)
    assert "priorities" not in r
    r.add_priorities(proposals)
    r.add_intcontrol(ic)
    r.add_unfunded(unfunded)
    assert [s.key for s in r][-3:] == ["priorities", "intcontrol", "unfunded"]
    pri = r[SectionKind.PRIORITIES]
    assert pri.title == "Prioriteringar"
    assert [row[:3] for row in pri.rows()] == [("1", "SOC-1", "prioritering"), ("2", "SOC-2", "effektivisering"),
                                               ("3", "SOC-3", "ransonering")]
    assert [row[6] for row in pri.rows()] == [125_000_000, -82_000_000, -30_000_000]
    control = r["intcontrol"].rows()
    assert control[0][:3] == ("K1", "R1 Felaktiga utbetalningar till leverantörer", "12")
    assert control[0][6:] == ("Två fakturor saknade attest", "2", "Påminnelse om attestordningen")
    assert control[1][6:] == ("ej rapporterad", None, None)
    rows = r["unfunded"].rows()
    assert rows[1] == ("SN 2024/150", "Socialnämnden", datetime.date(2024, 9, 18), "Socialnämnden",
                       "Trygg hemgång blir permanent", 180_000_000, 60_000_000, 120_000_000)
    assert rows[-1] == ("Summa", None, None, None, None, 595_000_000, 60_000_000, 535_000_000)
    # a rule; called again, the section is replaced
    rule = tertial.PriorityRule.parse("order = cost\n")
    r.add_priorities(proposals, rule)
    assert [row[1] for row in r["priorities"].rows()] == ["SOC-2", "SOC-3", "SOC-1"]
    assert [s.key for s in r].count("priorities") == 1
    # the report's own figures pass the audit, the Summa included
    assert r.add_audit_findings() == 0
    # an empty list takes the section away; a section object kept from before reads as empty
    kept = r["unfunded"]
    r.add_unfunded(tertial.Unfunded())
    assert "unfunded" not in r and kept.rows() == []


def test_unit_without_any(demo):
    proposals, ic, unfunded = plan_objects()
    r = demo.report(demo.org.find("5"), 4)
    n = len(r)
    r.add_priorities(proposals)
    r.add_intcontrol(ic)
    r.add_unfunded(unfunded)
    assert len(r) == n and "unfunded" not in r
    with pytest.raises(tertial.InvalidArgumentError, match="NULL argument"):
        r.add_unfunded(None)
