"""The embedded store from Python: a model saved and loaded back the same to the öre (every
unit's follow-up tables, snapshots, budget versions, measures, the mapping), several fiscal
years in one file, read-only and closed stores, and snapshots restored by hand."""
import datetime
from decimal import Decimal
import os
import sqlite3

import pytest

import tertial
from conftest import build_fixture, build_report_fixture
from tertial import View

KR = 100


def same_model(a, b, cutoff):
    """Everything a follow-up reads is the same in both models (tests/test_store.c)."""
    assert [(u.code, u.name, u.manager, u.level) for u in a.org] == [(u.code, u.name, u.manager, u.level)
                                                                    for u in b.org]
    assert a.org.levels == b.org.levels and str(a.rowmap) == str(b.rowmap)
    assert [(x.number, x.name, x.type, x.internal) for x in a.chart] == [(x.number, x.name, x.type, x.internal)
                                                                        for x in b.chart]
    assert [p.code for p in a.calendar] == [p.code for p in b.calendar]
    assert a.current_budget == b.current_budget and list(a.budget_versions) == list(b.budget_versions)
    for unit in a.org:
        for view in (View.CHILDREN, View.ROWS):
            ta, tb = a.followup(unit, cutoff, view=view), b.followup(unit, cutoff, view=view)
            assert ta.title == tb.title and ta.rows() == tb.rows()
    assert [(s.point, s.cutoff, s.taken_on, s.entries()) for s in a.snapshots] == \
        [(s.point, s.cutoff, s.taken_on, s.entries()) for s in b.snapshots]
    assert list(a.measures) == list(b.measures) and list(a.accruals) == list(b.accruals)
    assert a.forecast_plan.adjustments == b.forecast_plan.adjustments


def test_round_trip(tmp_path):
    m, u = build_report_fixture()
    path = tmp_path / "kommun.db"
    with tertial.Store(path) as store:
        assert store.schema_version == tertial.STORE_SCHEMA_VERSION and store.has_model is False
        assert store.path == str(path) and store.years == [] and store.year_count == 0
        store.save(m)
        assert store.has_model and store.years == [2026] and 2026 in store and 2025 not in store
        back = store.load()
    assert store.closed
    assert isinstance(back, tertial.Model) and back.fiscal_year == tertial.FiscalYear(2026)
    same_model(m, back, 4)
    assert len(back.snapshots) == 2 and back.snapshots["T1"].total(u["sn"]) == 24_110_000 * KR
    assert back.followup(u["sn"], 4).rows()[-1].forecast == 24_110_000 * KR
    # The loaded model is a model like any other: reports, and saving it again.
    assert back.report(u["sn"], 4)["units"].rows() == m.report(u["sn"], 4)["units"].rows()
    with tertial.Store(path) as store:
        back.ledger.add(u["ht"], back.chart["5011"], 4, tertial.MEASURE_OUTCOME, 1000 * KR)
        store.save(back)
        again = store.load_year(2026)
    assert again.ledger.total(u["ht"]) == m.ledger.total(u["ht"]) + 1000 * KR
    m.close()


def test_years(tmp_path):
    path = tmp_path / "years.db"
    models = []
    for year in (2024, 2025, 2026):
        model = tertial.Model(year)
        unit = model.org.add_unit("K", "Kommun", None, 0)
        model.ledger.add(unit, model.chart.ensure("4610"), 0, tertial.MEASURE_OUTCOME, year * KR)
        models.append(model)
    with tertial.Store(path) as store:
        store.save_years(models[1:])
        store.save(models[0])
        assert store.years == [2024, 2025, 2026] and store.year_count == 3
        assert store.load().fiscal_year == tertial.FiscalYear(2026)  # the latest year
        for year in (2024, 2025, 2026):
            loaded = store.load_year(year)
            assert loaded.fiscal_year.first_year == year and loaded.ledger.total(0) == year * KR
        store.remove_year(2025)
        assert store.years == [2024, 2026] and not store.has_year(2025)
        with pytest.raises(tertial.NotFoundError):
            store.remove_year(2025)
        with pytest.raises(tertial.NotFoundError, match="2025"):
            store.load_year(2025)
        with pytest.raises(tertial.InvalidArgumentError):
            store.save_years([models[0], models[0]])  # two models of one year: nothing saved
        with pytest.raises(TypeError):
            store.save_years([models[0], "2026"])
        models[1].close()
        with pytest.raises(ValueError, match="closed"):
            store.save_years([models[1]])
        assert store.years == [2024, 2026]
        store.save_years([])


def test_readonly_missing_and_foreign_files(tmp_path):
    path = tmp_path / "ro.db"
    with tertial.Store(path) as store:
        store.save(tertial.Model(2026))
    with tertial.Store(path, readonly=True) as store:
        assert store.years == [2026] and store.load().fiscal_year.first_year == 2026
        with pytest.raises(tertial.InvalidArgumentError):
            store.save(tertial.Model(2027))
    with pytest.raises(tertial.TertialIOError, match="missing.db"):
        tertial.Store(tmp_path / "missing.db", create=False)
    with pytest.raises(tertial.TertialIOError):
        tertial.Store(tmp_path / "missing.db", readonly=True)  # read-only never creates
    assert not (tmp_path / "missing.db").exists()
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("create table t (x)")
    db.close()
    with pytest.raises(tertial.TertialIOError):
        tertial.Store(foreign)
    with tertial.Store(tmp_path / "empty.db") as store:
        with pytest.raises(tertial.NotFoundError):
            store.load()  # the store holds no model


def test_closed_store_and_model(tmp_path):
    store = tertial.Store(tmp_path / "c.db")
    m = tertial.Model(2026)
    m.close()
    with pytest.raises(ValueError, match="closed"):
        store.save(m)
    store.close()
    assert store.closed and repr(store) == "<Store (closed)>"
    for use in (lambda: store.years, lambda: store.load(), lambda: store.save(tertial.Model(2026))):
        with pytest.raises(ValueError, match="closed"):
            use()


def test_snapshot_restore():
    a, u = build_report_fixture()
    b, _ = build_fixture()  # the same municipality without snapshots
    t1 = a.snapshots["T1"]
    restored = b.snapshots.restore("T1", t1.cutoff, t1.taken_on, t1)
    assert isinstance(restored, tertial.Snapshot) and restored == b.snapshots["T1"]
    assert (restored.point, restored.cutoff, restored.taken_on) == ("T1", 4, datetime.date(2026, 5, 12))
    assert restored.entries() == t1.entries() and restored.total(u["sn"]) == 24_110_000 * KR
    with pytest.raises(tertial.ExistsError):
        b.snapshots.restore("T1", 4, t1.taken_on, [])
    with pytest.raises(tertial.RangeError):
        b.snapshots.restore("T2", 13, t1.taken_on, [])
    bad = (99,) + tuple(t1[0])[1:]  # an entry of a unit b does not have
    with pytest.raises(tertial.NotFoundError):
        b.snapshots.restore("T2", 8, t1.taken_on, [bad])
    with pytest.raises(TypeError):
        b.snapshots.restore("T2", 8, t1.taken_on, [1.5])
    with pytest.raises(TypeError):
        b.snapshots.restore("T2", 8, t1.taken_on, [tuple(t1[0])[:9]])
    assert len(b.snapshots) == 1
    a.close()
    b.close()


def test_conflict_between_handles(tmp_path):
    """Two Store handles on one file: a save over a read that the other handle saved after is
    refused with ConflictError and changes nothing; after loading again it saves."""
    path = tmp_path / "two.db"
    base = tertial.Model(2026)
    base.org.add_unit("K", "Kommun", None, 0)
    with tertial.Store(path) as first, tertial.Store(path, create=False) as second:
        first.save(base)
        a, b = first.load(), second.load()
        a.ledger.add(0, a.chart.ensure("5010"), 0, tertial.MEASURE_OUTCOME, 1 * KR)
        b.ledger.add(0, b.chart.ensure("5020"), 0, tertial.MEASURE_OUTCOME, 10 * KR)
        first.save(a)
        with pytest.raises(tertial.ConflictError, match="fiscal year 2026 was saved by another"):
            second.save(b)
        stored = first.load()
        assert [x.number for x in stored.chart] == ["5010"] and stored.ledger.total(0) == 1 * KR
        b = second.load()  # load again and repeat the change
        b.ledger.add(0, b.chart.ensure("5020"), 0, tertial.MEASURE_OUTCOME, 10 * KR)
        second.save(b)
        stored = first.load()
        assert sorted(x.number for x in stored.chart) == ["5010", "5020"] and stored.ledger.total(0) == 11 * KR
        # a removal by one handle conflicts with the other's save of what it read before
        second.remove_year(2026)
        with pytest.raises(tertial.ConflictError, match="removed"):
            first.save(stored)
        assert first.years == []


def test_empty_file_is_no_store_and_stays_empty(tmp_path):
    """Opening an empty file read-only or without create refuses it and leaves it as it was."""
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    for kwargs in ({"readonly": True}, {"create": False}):
        with pytest.raises(tertial.TertialIOError, match="not a Tertial store"):
            tertial.Store(path, **kwargs)
        assert path.stat().st_size == 0 and path.stat().st_mtime == 1_000_000_000
        assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
    with tertial.Store(path) as store:  # creating makes it a store
        assert store.years == []


def test_round_bound_to_the_store(tmp_path):
    """A round bound to its store writes each change at once; another handle's stale change of
    the same text is a ConflictError, and a reload sees the winner."""
    path = str(tmp_path / "round.db")
    model = tertial.demo_year(2026)
    tertial.demo_round(model, "JANOKT")
    with tertial.Store(path, tertial.STORE_CREATE) as st:
        st.save(model)
        st.save_round(model)
        with pytest.raises(tertial.StateError, match="already holds a round"):
            st.save_round(model)
    with tertial.Store(path) as a, tertial.Store(path) as b:
        ma, mb = a.load_year(2026), b.load_year(2026)
        a.bind_round(ma)
        b.bind_round(mb)
        with ma.round.acting("chef3") as act:
            act.set_text("3", "T2", tertial.TextKind.SUMMARY, "Underskott i placeringar.", version=0)
        with mb.round.acting("chef3") as act:
            with pytest.raises(tertial.ConflictError, match="changed by chef3"):
                act.set_text("3", "T2", tertial.TextKind.SUMMARY, "Något annat.", version=0)
        b.unbind_round(mb)
    with tertial.Store(path, tertial.STORE_READONLY) as c:
        back = c.load_year(2026)
        assert back.round.text("3", "T2", tertial.TextKind.SUMMARY).text == "Underskott i placeringar."
        assert len(back.round.text_history("3", "T2", tertial.TextKind.SUMMARY)) == 1


def test_changes_of_the_model_are_written_as_a_person_makes_them(tmp_path):
    """While bound, a person's change of the forecast plan is written at once, unit by unit: a second
    process sees it without a save; the same unit's plan changed meanwhile is a ConflictError."""
    path = str(tmp_path / "plan.db")
    model = tertial.demo_year(2026)
    tertial.demo_round(model, "JANOKT")
    with tertial.Store(path, tertial.STORE_CREATE) as st:
        st.save(model)
        st.save_round(model)
    with tertial.Store(path) as a, tertial.Store(path) as b:
        ma, mb = a.load_year(2026), b.load_year(2026)
        a.bind_round(ma)
        b.bind_round(mb)
        with ma.round.acting("chef2111") as act:
            act.add_adjustment("2111", "T2", "KOST_PERS", Decimal("150000"), tertial.AdjustmentKind.KNOWN_FACTOR,
                               "Vikarier vid sjukdom")
        with mb.round.acting("chef2112") as act:
            act.add_adjustment("2112", "T2", "KOST_KOP", Decimal("-20000"), tertial.AdjustmentKind.KNOWN_FACTOR,
                               "Lägre priser")
        with mb.round.acting("chef2111") as act:
            with pytest.raises(tertial.ConflictError, match="chef2111"):
                act.add_adjustment("2111", "T2", "KOST_PERS", Decimal("1"), tertial.AdjustmentKind.KNOWN_FACTOR, "x")
        assert len(mb.forecast_plan.adjustments) == 1
    with tertial.Store(path, tertial.STORE_READONLY) as c:
        back = c.load_year(2026)
        got = sorted((a.row_code, a.amount, a.reason) for a in back.forecast_plan.adjustments)
        assert got == [("KOST_KOP", -20_000 * 100, "Lägre priser"), ("KOST_PERS", 150_000 * 100, "Vikarier vid sjukdom")]
        assert [e.item for e in back.round.audit(unit="2111")][-2:] == ["adjustment 0", "status"]
