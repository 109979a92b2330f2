"""Internal control followed up through the round from Python (issue 19, round_control.h): the
round's IntControl, who may report a control's result, the version, the audit entry, and a store
that writes each report and gives it back with the year."""
import pathlib

import pytest

import tertial
from tertial import Action, ControlResult

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "examples" / "intcontrol"


@pytest.fixture
def demo():
    m = tertial.demo_year(2026)
    tertial.demo_round(m, "JANOKT")
    ic = m.round.intcontrol
    ic.load("risks", EXAMPLES / "risks.csv")
    ic.load("plan", EXAMPLES / "plan.csv")
    return m


def test_report_as_a_person(demo):
    r = demo.round
    assert r.control_unit("K1").code == "3"  # R1's committee, Socialnämnden, by name
    with pytest.raises(tertial.NotFoundError, match="K9"):
        r.control_unit("K9")
    with r.acting("sekr3") as sekr, pytest.raises(tertial.NotPermittedError, match="secretary"):
        sekr.report_control("T1", "K1", "Inga avvikelser")
    with r.acting("chef3") as chef:
        assert chef.report_control("T1", "K1", "Två fakturor saknade attest", 2, "Påminnelse om attestordningen") == 1
        with pytest.raises(tertial.ConflictError, match="it is at version 1, the change was made against version 0"):
            chef.report_control("T1", "K1", "Inga avvikelser")
        assert chef.report_control("T1", "K1", "En faktura saknade attest", 1, version=1) == 2
    assert r.intcontrol.results == [ControlResult("K1", "T1", "En faktura saknade attest", 1, "")]
    rep = r.control_report("K1", "T1")
    assert (rep.version, rep.person.key, rep.on_behalf_of) == (2, "chef3", None)
    assert r.control_report("K2", "T2") == (0, None, None, None)
    first, second = [e for e in r.audit(unit="3") if e.item == "control K1"]
    reported = "Två fakturor saknade attest; 2 deviations; measures: Påminnelse om attestordningen"
    assert (first.action, first.person.key, first.point, first.before, first.after) == (
        Action.CONTROL, "chef3", "T1", "", reported)
    assert (second.before, second.after) == (first.after, "En faktura saknade attest; 1 deviation")


def test_reports_in_the_store(tmp_path, demo):
    path = str(tmp_path / "ic.db")
    with tertial.Store(path, tertial.STORE_CREATE) as st:
        st.save(demo)
        st.save_round(demo)
        st.save_intcontrol(2026, demo.round.intcontrol)
        m = st.load_year(2026)
        st.bind_round(m)
        with m.round.acting("chef3") as chef:
            chef.report_control("T2", "K2", "Inga avvikelser")
        m.close()
    with tertial.Store(path, tertial.STORE_READONLY) as st:
        back = st.load_year(2026)
        alone = st.load_intcontrol(2026)
    assert back.round.intcontrol.results == [ControlResult("K2", "T2", "Inga avvikelser", 0, "")]
    assert back.round.control_report("K2", "T2").person.key == "chef3"
    assert alone.results == back.round.intcontrol.results
