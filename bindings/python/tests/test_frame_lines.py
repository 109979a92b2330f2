"""The lines of applied frame updates kept in the store and shown as Ramförändringar, from Python
(issue 19): Store.save_frame_lines()/load_frame_lines() and Report.add_frame_changes() on the
demo municipality with examples/frames/preliminara.csv and mor.csv."""
import os
import pathlib
import sqlite3

import tertial
from tertial import BudgetKind, FrameLineKind, SectionKind

EXAMPLES = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3])) / "examples"
KR = 100


def stages(m):
    pre_update = tertial.FrameUpdate()
    pre_update.load(EXAMPLES / "frames" / "preliminara.csv")
    pre = pre_update.apply(m, m.current_budget, "Preliminära ramar 2027", kind=BudgetKind.PRELIMINARY)
    mor_update = tertial.FrameUpdate()
    mor_update.load(EXAMPLES / "frames" / "mor.csv")
    mor = mor_update.apply(m, pre, "MoR 2027", kind=BudgetKind.MOR)
    return pre, pre_update, mor, mor_update


def test_store_round_trip(tmp_path):
    m = tertial.demo()
    pre, pre_update, mor, mor_update = stages(m)
    year = m.fiscal_year.first_year
    with tertial.Store(tmp_path / "f.db") as st:
        assert st.schema_version == 14
        st.save(m)
        st.save_frame_lines(year, pre, "Preliminära ramar 2027", pre_update)
        st.save_frame_lines(year, mor, "MoR 2027", mor_update)
    with tertial.Store(tmp_path / "f.db", readonly=True) as st:
        back = st.load_frame_lines(year, pre)
        assert len(st.load_frame_lines(year, m.current_budget)) == 0
        mor_back = st.load_frame_lines(year, mor)
    assert list(back) == list(pre_update)
    ks = back[0]
    assert (ks.unit, ks.kind, ks.rate, ks.base, ks.change) == ("1", FrameLineKind.INDEXATION, 250, 5_348_274_330,
                                                               133_706_858)
    assert (back[8].persons, back[8].per_person, back[8].group, back[8].change) == (35, 142_000 * KR, "1–5 år",
                                                                                    4_970_000 * KR)
    assert back.total() == 51_294_750_67 and back.total("2") == 13_927_322 * KR
    assert [(x.text, x.change) for x in mor_back] == [("Effektiviseringskrav skolskjuts", -2_000_000 * KR),
                                                      ("Satsning på förebyggande arbete", 3_500_000 * KR)]
    # a store of schema 13 has none
    db = sqlite3.connect(tmp_path / "f.db")
    db.executescript("DROP TABLE frame_line; DELETE FROM schema_version WHERE version >= 14")
    db.close()
    with tertial.Store(tmp_path / "f.db", readonly=True) as st:
        assert st.schema_version == 13
        assert len(st.load_frame_lines(year, pre)) == 0
    m.close()


def test_saved_with_the_version(tmp_path):
    """Store.save_with_frame_lines(): the model and the lines in one transaction. When writing the
    lines fails, the new version is not saved either."""
    m = tertial.demo()
    year = m.fiscal_year.first_year
    with tertial.Store(tmp_path / "s.db") as st:
        st.save(m)
    versions = len(m.budget_versions)
    pre, pre_update, _, _ = stages(m)
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute("CREATE TRIGGER no_lines BEFORE INSERT ON frame_line BEGIN SELECT RAISE(ABORT, 'no lines'); END")
    db.commit()
    with tertial.Store(tmp_path / "s.db") as st:
        try:
            st.save_with_frame_lines(m, pre, "Preliminära ramar 2027", pre_update)
            raise AssertionError("the save should fail")
        except tertial.TertialError as e:
            assert "no lines" in str(e)
    with tertial.Store(tmp_path / "s.db", readonly=True) as st:
        assert len(st.load_frame_lines(year, pre)) == 0
        back = st.load()
        assert len(back.budget_versions) == versions
        back.close()
    db.execute("DROP TRIGGER no_lines")
    db.commit()
    db.close()
    with tertial.Store(tmp_path / "s.db") as st:
        st.save_with_frame_lines(m, pre, "Preliminära ramar 2027", pre_update)
    with tertial.Store(tmp_path / "s.db", readonly=True) as st:
        assert list(st.load_frame_lines(year, pre)) == list(pre_update)
        back = st.load()
        assert len(back.budget_versions) == versions + 2  # the preliminary frames and the MoR
        back.close()
    m.close()


def test_report_section():
    m = tertial.demo()
    pre, pre_update, mor, mor_update = stages(m)
    m.apply_forecast(4)
    r = m.report(m.org.find("2"), 4, skip_empty=True)
    r.add_frame_changes(pre_update)
    assert [s.key for s in r][-1] == "frame-changes"
    s = r[SectionKind.FRAME_CHANGES]
    assert s is not None and r["frame-changes"].title == "Ramförändringar"
    rows = s.rows()
    assert rows[0] == ("2", "uppräkning", "5010", "Pris- och löneuppräkning", "2,50 %", 453_092_880_16,
                       11_327_322 * KR)
    assert rows[1] == ("2", "volym", "4610", "Förskola: fler barn", "+35 × 142 000 kr (1–5 år)", None,
                       4_970_000 * KR)
    assert rows[-1] == ("Summa", None, None, None, None, 453_092_880_16, 13_927_322 * KR)
    # the MoR's lines replace them; Kommunstyrelsen has none of the MoR's
    r.add_frame_changes(mor_update)
    assert [x.key for x in r].count("frame-changes") == 1
    assert r[SectionKind.FRAME_CHANGES].rows()[-1][-1] == -2_000_000 * KR
    ks = m.report(m.org.find("1"), 4, skip_empty=True)
    ks.add_frame_changes(mor_update)
    assert "frame-changes" not in ks
    m.close()
