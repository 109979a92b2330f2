"""The planning process from Python (issue 19): decided proposals feed a budget version once,
unfunded decisions and their sums, the planning objects in the store."""
import datetime
import decimal
import os
import pathlib

import pytest

import tertial

EXAMPLES = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3])) / "examples"

PROPOSALS = ("kod;typ;åtgärd;kostnad (tkr);svårighetsgrad;nytta;kostnadseffektivitet;status;enhet;konto\n"
             "P1;prioritering;Fler platser;1 200;stor;stor;hög;beslutad;30;4610\n"
             "P2;effektivisering;Samlokalisering;-600;liten;måttlig;hög;lyft;30;6110\n"
             "P3;prioritering;Ny verksamhet;5 000;stor;stor;hög;föreslagen;30;4610\n")


def net(model, unit, measure):
    return model.ledger.total(unit, None, measure, 0, 11)


def test_apply_decided_proposals_once():
    with tertial.demo() as m:
        budget = m.current_budget
        version = m.budget_versions.revise(budget, "Förslag", kind=tertial.BudgetKind.FRAME)
        sn = m.org.find("3")
        before = net(m, sn, version)
        proposals = tertial.Proposals()
        proposals.parse(PROPOSALS)
        assert proposals[0].unit == "30" and proposals[0].account == "4610"
        done = proposals.apply(m, version)
        assert done == tertial.ProposalsApplied(applied=2, total=60_000_000, already=0, not_decided=1)
        assert net(m, sn, version) - before == 60_000_000
        applied = m.applied_proposals
        assert [(a.code, a.amount) for a in applied] == [("P1", 120_000_000), ("P2", -60_000_000)]
        assert applied[0].measure == version
        again = proposals.apply(m, version)
        assert again == tertial.ProposalsApplied(applied=0, total=0, already=2, not_decided=1)
        assert net(m, sn, version) - before == 60_000_000
        # the revised version is closed
        with pytest.raises(tertial.TertialError):
            proposals.apply(m, budget)


def test_apply_without_unit_names_the_proposal():
    with tertial.demo() as m:
        version = m.budget_versions.revise(m.current_budget, "Förslag")
        proposals = tertial.Proposals()
        proposals.add("X", "Åtgärd", cost=decimal.Decimal("1000.00"), status=tertial.ProposalStatus.DECIDED,
                      account="4610")
        with pytest.raises(tertial.TertialError, match="proposal X is beslutad but has no unit"):
            proposals.apply(m, version)
        assert m.applied_proposals == []


def test_unfunded():
    u = tertial.Unfunded()
    u.load(EXAMPLES / "unfunded" / "decisions.csv")
    assert len(u) == 5
    d = u[1]
    assert d.code == "SN 2024/150" and d.decided == datetime.date(2024, 9, 18)
    assert (d.cost, d.funding, d.funded, d.unfunded) == (180_000_000, tertial.Funding.PARTIAL, 60_000_000, 120_000_000)
    assert u.total() == 735_000_000
    assert u.total("socialnämnden") == 535_000_000
    assert u.committees[1] == tertial.CommitteeUnfunded("Barn- och utbildningsnämnden", 1, 150_000_000)
    u.add("KF 2026/1", "Kulturnämnden", datetime.date(2026, 3, 2), decimal.Decimal("250000"),
          funding=tertial.Funding.PARTIAL, funded=5_000_000, description="Bibliotek")
    assert u.total("Kulturnämnden") == 20_000_000
    with pytest.raises(tertial.TertialError):
        u.add("KF 2026/2", "Kulturnämnden", datetime.date(2026, 3, 2), 100, funding=tertial.Funding.PARTIAL,
              funded=100)
    with pytest.raises(tertial.TertialError, match=r"u.csv:2:3: column \"datum\""):
        u.parse("kod;nämnd;datum;kostnad\nA;SN;2026-13-01;1\n", "u.csv")
    assert len(u) == 6


def test_store_round_trip(tmp_path):
    proposals = tertial.Proposals()
    proposals.parse(PROPOSALS)
    u = tertial.Unfunded()
    u.load(EXAMPLES / "unfunded" / "decisions.csv")
    ic = tertial.IntControl(threshold=8)
    ic.load("risks", EXAMPLES / "intcontrol" / "risks.csv")
    ic.load("plan", EXAMPLES / "intcontrol" / "plan.csv")
    with tertial.Store(tmp_path / "p.db") as st:
        assert st.schema_version == 14
        st.save_proposals(2027, proposals)
        st.save_unfunded(2027, u)
        st.save_intcontrol(2027, ic)
    with tertial.Store(tmp_path / "p.db", readonly=True) as st:
        back = st.load_proposals(2027)
        assert [p.code for p in back] == ["P1", "P2", "P3"]
        assert back[1].cost == -60_000_000 and back[1].status == tertial.ProposalStatus.LIFTED
        assert st.load_unfunded(2027).total() == 735_000_000
        ic2 = st.load_intcontrol(2027)
        assert ic2.threshold == 8 and len(ic2.risks) == len(ic.risks) and len(ic2.controls) == len(ic.controls)
        assert len(st.load_proposals(2030)) == 0
