"""The investment budget and the annual wheel in the store, and Investeringar in the report, from
Python (issue 19): Store.save_investments()/load_investments(), save_wheel()/load_wheel() and
Report.add_investments() on the demo of 2027, with examples/investments/plan.csv."""
import os
import pathlib

import pytest

import tertial
from tertial import SectionKind

EXAMPLES = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3])) / "examples"
TKR = 100_000  # öre


def plan():
    inv = tertial.Investments()
    inv.load(EXAMPLES / "investments" / "plan.csv")
    return inv


def test_store_round_trip(tmp_path):
    inv = plan()
    with tertial.Store(tmp_path / "i.db") as st:
        assert st.schema_version == tertial.STORE_SCHEMA_VERSION == 14
        st.save_investments(2027, inv)
    with tertial.Store(tmp_path / "i.db", readonly=True) as st:
        back = st.load_investments(2027)
        assert len(st.load_investments(2026)) == 0
    assert list(back) == list(inv)
    p = back[0]
    assert (p.code, p.unit, p.status, p.first_year) == ("P1001", "Barn- och utbildningsnämnden",
                                                        tertial.InvestmentStatus.DECIDED, 2027)
    assert p.amounts[:3] == (12_000 * TKR, 18_000 * TKR, 4_000 * TKR)
    assert (p.spent, p.budget) == (2_500 * TKR, 36_000 * TKR)
    assert (back[1].spent, back[1].budget) == (None, None)
    assert back.total(2028) == 57_600 * TKR
    # a save replaces the year's projects
    one = tertial.Investments()
    one.add("X1", "Tekniska nämnden", 2027, [100 * TKR, 50 * TKR], name="Cykelväg", spent=0)
    with tertial.Store(tmp_path / "i.db") as st:
        st.save_investments(2027, one)
        again = st.load_investments(2027)
    assert [x.code for x in again] == ["X1"]
    assert again[0].amounts == (100 * TKR, 50 * TKR) and again[0].spent == 0 and again[0].budget is None


def test_wheel_in_the_store(tmp_path):
    w = tertial.Wheel.load(EXAMPLES / "wheel" / "motala.csv")
    with tertial.Store(tmp_path / "w.db") as st:
        with pytest.raises(tertial.NotFoundError):
            st.load_wheel()
        st.save_wheel("Motala", w)
        back = st.load_wheel("Motala")
        assert st.load_wheel() is not None
        with pytest.raises(tertial.NotFoundError, match="Linköping"):
            st.load_wheel("Linköping")
    assert list(back.processes) == list(w.processes)
    assert list(back.activities) == list(w.activities)
    assert [(e.name, e.start, e.end) for e in back.schedule(2026)] == [(e.name, e.start, e.end)
                                                                      for e in w.schedule(2026)]


@pytest.fixture(scope="module")
def demo2027():
    m = tertial.demo(year=2027)
    m.apply_forecast(4)
    yield m
    m.close()


def test_report_section(demo2027):
    inv = plan()
    r = demo2027.report(demo2027.org.find("2"), 4, skip_empty=True)
    r.add_investments(inv)
    assert [s.key for s in r][-1] == "investments"
    s = r[SectionKind.INVESTMENTS]
    assert s.title == "Investeringar"
    rows = s.rows()
    assert rows[0] == ("P1001", "Tillbyggnad Ekbackeskolan, sex klassrum", "Barn- och utbildningsnämnden",
                       "Fastigheter", "beslutad", 12_000 * TKR, 34_000 * TKR, 36_000 * TKR, 2_500 * TKR, -500 * TKR)
    assert rows[1][5:] == (3_000 * TKR, 48_000 * TKR, None, None, None)
    assert rows[-1] == ("Summa", None, None, None, None, 16_500 * TKR, 88_000 * TKR, 36_000 * TKR, 2_500 * TKR,
                        -500 * TKR)
    # again: one section; a committee without projects gets none
    r.add_investments(inv)
    assert [s.key for s in r].count("investments") == 1
    sn = demo2027.report(demo2027.org.find("3"), 4, skip_empty=True)
    sn.add_investments(inv)
    assert "investments" not in sn
