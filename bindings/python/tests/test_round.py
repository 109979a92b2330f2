"""The follow-up round from Python: people and roles, acting as a person through the library's
gate, texts with history, statuses up the line, the balance rule, the lock, the audit trail and
progress. The figures are those of tests/test_round.c on the same fixture (conftest.build_fixture())."""
import datetime
import sys
from decimal import Decimal

import pytest

import tertial
from tertial import Action, Role, Status, TextKind
from conftest import KR, build_fixture

UTC = datetime.timezone.utc
START = datetime.datetime(2026, 5, 10, 8, 0, tzinfo=UTC)  # 1778400000, the C test's clock

PEOPLE = """key;name;email;role;unit
eva;Eva Ekonom;eva@exempel.se;economist;K
mona;Mona Månsson;;manager;6510
hans;Hans Holm;;head;AO
sara;Sara Svensson;;head;SN
ivan;Ivan Ibsen;;manager;IFO
sec;Siv Sekreterare;;secretary;SN
rita;Rita Revisor;;reader;K
fia;Fia Fors;;manager;6410
fia;;;budgetansvarig;6420
"""


class Clock:
    """A clock the test sets: a datetime, moved on with advance()."""

    def __init__(self, now=START):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def rnd():
    """(model, units, round, clock) with the people of the C test."""
    m, u = build_fixture()
    r = m.round
    clock = Clock()
    r.set_clock(clock)
    r.load_people(PEOPLE, source="people.csv")
    yield m, u, r, clock
    m.close()


def deficit(m, u):
    """Hemtjänst +500 000 kr of salaries applied at April: 6510 and AO deviate by -300 000 kr."""
    m.forecast_plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * KR, tertial.AdjustmentKind.KNOWN_FACTOR,
                                   "Ökade vikariekostnader")
    m.apply_forecast(4)


def test_people_and_roles_from_a_csv_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("\ufeff" + PEOPLE, encoding="utf-8")
    with build_fixture()[0] as m:
        r = m.round
        r.load_people(path)
        assert [p.key for p in r.people] == ["eva", "mona", "hans", "sara", "ivan", "sec", "rita", "fia"]
        eva, fia = r.person("eva"), r.person("fia")
        assert (eva.id, eva.name, eva.email) == (0, "Eva Ekonom", "eva@exempel.se")
        assert (fia.id, fia.name, fia.email) == (7, "Fia Fors", None)
        assert repr(fia) == "<Person 7 fia 'Fia Fors'>"
        assert fia == m.round.person("fia") and fia != eva and hash(fia) == hash(r.person("fia"))
        assert r.person_count == 8 and len(r.assignments) == 9
        last = r.assignments[-1]
        assert (last.person, last.role, last.unit.code) == (fia, Role.MANAGER, "6420")
        # roles hold down the subtree; several roles are flags
        assert r.roles(eva, "6510") == Role.ECONOMIST
        assert r.roles("hans", m.org["6510"]) == Role.HEAD
        assert r.roles("hans", "IFO") == Role(0)
        r.assign(fia, Role.READER, "SN")
        assert r.roles(fia, "6410") == Role.MANAGER | Role.READER
        with pytest.raises(tertial.NotFoundError):
            r.person("nobody")


def test_people_csv_error_names_file_and_line(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("key;name;role;unit\nanna;Anna;manager;6510\nbo;Bo;boss;6510\n", encoding="utf-8")
    with build_fixture()[0] as m:
        with pytest.raises(tertial.ParseError) as e:
            m.round.load_people(path, source="p.csv")
        assert str(e.value) == "p.csv:3: expected a role (manager, head, economist, secretary, reader), found \"boss\""
        assert m.round.person_count == 0  # all or nothing
        with pytest.raises(tertial.ParseError, match=r"^<string>:3: the key \"anna\" is Anna on an earlier line"):
            m.round.load_people("key;name\nanna;Anna\nanna;Berit\n")


def test_people_managed_as_an_economist(rnd):
    m, u, r, clock = rnd
    with r.acting("eva") as eva:
        anna = eva.add_person("anna", "Anna Ahl", "anna@exempel.se")
        eva.assign(anna, Role.MANAGER, "6420")
        assert r.roles(anna, "6420") == Role.MANAGER
        eva.unassign(anna, Role.MANAGER, "6420")
        assert r.roles(anna, "6420") == Role(0)
    assert r.audit(person=anna) == []  # the person filter is who acted, or for whom
    assert [(e.action, e.item, e.before, e.after) for e in r.audit(person="eva")] == [
        (Action.PEOPLE, "person", "", "anna; Anna Ahl; anna@exempel.se"),
        (Action.PEOPLE, "role", "", "anna manager 6420"), (Action.PEOPLE, "role", "anna manager 6420", "")]
    assert all(e.unit is None and e.point == "" for e in r.audit())
    with r.acting("mona") as mona, pytest.raises(tertial.NotPermittedError, match="^mona \\(Mona Månsson\\) may not"):
        mona.add_person("bo", "Bo Bo")
    assert r.person_count == 9 and r.audit_count == 3


def test_denied_change_names_person_action_and_unit(rnd):
    m, u, r, clock = rnd
    with r.acting("rita") as rita:
        assert not rita.may(Action.TEXT, "6510", "T1") and rita.may(Action.READ, "6510", "T1")
        with pytest.raises(tertial.NotPermittedError) as e:
            rita.set_text(u["ht"], "T1", TextKind.SUMMARY, "Revisorns text")
    assert isinstance(e.value, PermissionError) and e.value.code == tertial.ErrorCode.NOT_PERMITTED
    message = str(e.value)
    for part in ("rita (Rita Revisor)", "change the texts", "6510 (Hemtjänst)", "T1"):
        assert part in message, message
    assert r.text(u["ht"], "T1") is None and r.audit_count == 0
    with r.acting("mona") as mona, pytest.raises(tertial.NotPermittedError, match=r"may not submit .*AO \(Äldreomsorg\)"):
        mona.submit("AO", "T1")


def test_texts_conflict_and_history(rnd):
    m, u, r, clock = rnd
    with r.acting("mona") as mona:
        assert mona.set_text("6510", "T1", TextKind.SUMMARY, "Prognosen håller.") == 1
        clock.advance(minutes=5)
        assert mona.set_text("6510", "T1", TextKind.SUMMARY, "Vikarier kostar mer.", version=1) == 2
        # a change against the version read before the other change: ConflictError, nothing changes
        with pytest.raises(tertial.ConflictError) as e:
            mona.set_text("6510", "T1", TextKind.SUMMARY, "Gammal text", version=1)
    assert str(e.value) == ("text summary of 6510 (Hemtjänst) at T1 was changed by mona (Mona Månsson) on "
                            "2026-05-10 08:05: it is at version 2, the change was made against version 1")
    # the economist enters for the manager: recorded on whose behalf
    with r.acting("eva", on_behalf_of="mona") as eva:
        eva.set_text(u["ht"], "T1", TextKind.ROW_COMMENT, "Löner över budget", row="KOST_PERS")
    current = r.text("6510", "T1", TextKind.SUMMARY)
    assert (current.text, current.version, current.person.key) == ("Vikarier kostar mer.", 2, "mona")
    assert current.when == datetime.datetime(2026, 5, 10, 8, 5, tzinfo=UTC)
    history = r.text_history(u["ht"], "T1", TextKind.SUMMARY)
    assert [(v.text, v.version, v.when.minute) for v in history] == [("Prognosen håller.", 1, 0),
                                                                    ("Vikarier kostar mer.", 2, 5)]
    comment = r.text(u["ht"], "T1", TextKind.ROW_COMMENT, row="KOST_PERS")
    assert (comment.person, comment.on_behalf_of) == (r.person("eva"), r.person("mona"))
    assert r.text(u["ht"], "T1", TextKind.ANALYSIS) is None and r.text_history(u["ht"], "T2") == []


def test_submit_before_children_lists_them(rnd):
    m, u, r, clock = rnd
    with r.acting("sara") as sara, pytest.raises(tertial.StateError) as e:
        sara.submit(u["sn"], "T1")
    assert str(e.value) == ("SN cannot be submitted at T1 before its children: 2 not submitted: "
                            "IFO (Individ- och familjeomsorg) not started, AO (Äldreomsorg) not started")
    with r.acting("mona") as mona:
        mona.submit(u["ht"], "T1", comment="Klart")
        with pytest.raises(tertial.NotPermittedError, match="read-only until it is returned"):
            mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "x")
    status = r.status("6510", "T1")
    assert (status.status, status.version, status.person.key, status.comment, status.escalated) == (
        Status.SUBMITTED, 1, "mona", "Klart", False)
    assert status.when == START and status.on_behalf_of is None
    never = r.status(u["ao"], "T1")
    assert (never.status, never.version, never.person, never.when) == (Status.NOT_STARTED, 0, None, None)
    # return it against an old version: ConflictError; with a comment it goes back
    with r.acting("hans") as hans:
        with pytest.raises(tertial.ConflictError, match="status of 6510 \\(Hemtjänst\\) at T1 was changed by mona"):
            hans.return_(u["ht"], "T1", "Komplettera", version=0)
        hans.return_(u["ht"], "T1", "Komplettera analysen", version=1)
    assert r.status(u["ht"], "T1")[:2] == (Status.RETURNED, 2)


def test_approve_by_the_balance_rule_and_escalation(rnd):
    m, u, r, clock = rnd
    deficit(m, u)
    with r.acting("mona") as mona:
        mona.submit(u["ht"], "T1")
    with r.acting("hans") as hans:
        with pytest.raises(tertial.StateError) as e:
            hans.approve(u["ht"], "T1")
        assert str(e.value) == (
            "the balance rule: 6510 (Hemtjänst) forecasts a deviation of -300 000 kr at T1, beyond the threshold of "
            "0 kr of its level; the approver's AO is not in balance (-300 000 kr) and the decided or ongoing measures "
            "cover 0 kr: add measures, or escalate with a comment")
        with pytest.raises(tertial.InvalidArgumentError):
            hans.approve(u["ht"], "T1", escalate=True)  # an escalation needs a comment
        before = r.audit_count
        clock.advance(hours=1)
        hans.approve(u["ht"], "T1", comment="Till förvaltningschefen", escalate=True, version=1)
    status = r.status(u["ht"], "T1")
    assert (status.status, status.escalated, status.version, status.person.key) == (Status.APPROVED, True, 2, "hans")
    entry, = r.audit(since=START + datetime.timedelta(hours=1))
    assert entry.seq == before + 1 and entry.action == Action.APPROVE and entry.unit == u["ht"]
    assert (entry.before, entry.after) == ("submitted", "approved (escalated): Till förvaltningschefen")
    assert entry.when == datetime.datetime(2026, 5, 10, 9, 0, tzinfo=UTC)


def test_threshold_in_kronor_lets_the_approval_pass(rnd):
    m, u, r, clock = rnd
    deficit(m, u)
    with r.acting("mona") as mona:
        mona.submit(u["ht"], "T1")
    level = u["ht"].level
    r.set_threshold(level, Decimal("299999"))  # kronor, as money goes in elsewhere
    with r.acting("hans") as hans:
        with pytest.raises(tertial.StateError, match="beyond the threshold of 299 999 kr"):
            hans.approve(u["ht"], "T1")
        r.set_threshold(level, amount=1000 * KR, per_mille=30)  # 3 % of 12 Mkr = 360 000 kr
        hans.approve(u["ht"], "T1")
    assert r.status(u["ht"], "T1").status == Status.APPROVED and not r.status(u["ht"], "T1").escalated
    with pytest.raises(tertial.RangeError):
        r.set_threshold(level, 1 * KR, per_mille=1001)
    with pytest.raises(TypeError):
        r.set_threshold(level, 1.5)


def test_measures_and_adjustments_as_a_person(rnd):
    m, u, r, clock = rnd
    with r.acting("mona") as mona:
        i = mona.add_adjustment(u["ht"], "T1", "KOST_PERS", Decimal("500000"), tertial.AdjustmentKind.KNOWN_FACTOR,
                                "Ökade vikariekostnader")
        assert m.forecast_plan.adjustments[i].amount == 500_000 * KR
        k = mona.add_measure("6510", "T1", "KOST_PERS", "Färre vikarier", "Vikarier", 200_000 * KR,
                             due=datetime.date(2026, 9, 1))
        mona.set_measure_status("T1", k, tertial.MeasureStatus.DECIDED)
        assert m.measures[k].status == tertial.MeasureStatus.DECIDED and m.measures[k].effect == 200_000 * KR
    with r.acting("rita") as rita, pytest.raises(tertial.NotPermittedError, match="rita"):
        rita.add_measure("6510", "T1", "KOST_PERS", "x")
    assert [e.item for e in r.audit(unit="6510")] == [f"adjustment {i}", "status", f"measure {k + 1}",
                                                      f"measure {k + 1}"]
    with r.acting("mona") as mona:
        mona.feed_measure("T1", k)
        assert m.measures[k].adjustment is not None
        mona.remove_adjustment("T1", i)
        mona.set_method(u["ht"], "T1", "KOST_PERS", tertial.ForecastMethod.RUN_RATE, run_rate_months=2)
        assert m.forecast_plan.method_of(u["ht"], "KOST_PERS") == (tertial.ForecastMethod.RUN_RATE, 2)
        mona.add_accrual(u["ht"], "T1", "5011", 3, 40_000 * KR, "Semesterlöneskuld")
        assert m.accruals[0].amount == 40_000 * KR
    m.apply_forecast(4)
    with r.acting("eva") as eva:
        eva.take_snapshot("T1", datetime.date(2026, 5, 12))
    assert m.snapshots["T1"].taken_on == datetime.date(2026, 5, 12)
    assert [e.item for e in r.audit()][4:] == [f"measure {k + 1}", f"adjustment {i}", "method", "accrual 0", "snapshot"]
    assert [e.action for e in r.audit()][4:] == [Action.MEASURE, Action.FORECAST, Action.FORECAST, Action.ACCRUAL,
                                                 Action.SNAPSHOT]


def test_lock_makes_the_point_read_only(rnd):
    m, u, r, clock = rnd
    with r.acting("mona") as mona:
        mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "Före låsningen")
    clock.advance(days=1)
    with r.acting("eva") as eva:
        eva.lock("T1")
        with pytest.raises(tertial.StateError):
            eva.lock("T1")  # already so
    state = r.lock_state("T1")
    assert state == (True, r.person("eva"), datetime.datetime(2026, 5, 11, 8, 0, tzinfo=UTC)) and r.is_locked("T1")
    with r.acting("mona") as mona, pytest.raises(tertial.NotPermittedError, match="locked"):
        mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "Efter låsningen", version=1)
    with r.acting("hans") as hans, pytest.raises(tertial.NotPermittedError):
        hans.lock("T2")  # only an economist on a root
    assert r.text(u["ht"], "T1").text == "Före låsningen" and not r.is_locked("T2")
    with r.acting("eva") as eva:
        eva.unlock("T1")
    assert r.lock_state("T1") == (False, None, None)


def test_audit_queries_by_unit_person_point_and_time(rnd):
    m, u, r, clock = rnd
    with r.acting("mona") as mona:
        mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "a")  # 08:00, with the status entry
        clock.advance(hours=2)
        mona.set_text(u["ht"], "T2", TextKind.SUMMARY, "b")  # 10:00, with the status entry
    with r.acting("fia") as fia:
        clock.advance(hours=2)
        fia.set_text(u["hvb"], "T1", TextKind.ANALYSIS, "c")  # 12:00, with the status entry
    assert [e.seq for e in r.audit()] == [1, 2, 3, 4, 5, 6]
    assert [e.seq for e in r.audit(unit="6510")] == [1, 2, 3, 4]
    assert [e.seq for e in r.audit(unit="SN")] == []
    assert [e.seq for e in r.audit(unit="SN", subtree=True)] == [1, 2, 3, 4, 5, 6]
    assert [e.seq for e in r.audit(unit=u["ifo"], subtree=True)] == [5, 6]
    assert [e.seq for e in r.audit(person="fia")] == [5, 6]
    assert [e.seq for e in r.audit(point="T1")] == [1, 2, 5, 6]
    ten = datetime.datetime(2026, 5, 10, 10, 0, tzinfo=UTC)
    assert [e.seq for e in r.audit(since=ten)] == [3, 4, 5, 6]
    assert [e.seq for e in r.audit(until=ten)] == [1, 2]  # until is exclusive
    assert [e.seq for e in r.audit(since=datetime.datetime(2026, 5, 10, 10, 0), until=int(ten.timestamp()) + 1)] == [3, 4]
    e = r.audit(person=r.person("fia"), point="T1")[0]
    assert (e.when, e.person.key, e.on_behalf_of, e.action, e.unit.code, e.point, e.item, e.before, e.after) == (
        datetime.datetime(2026, 5, 10, 12, 0, tzinfo=UTC), "fia", None, Action.TEXT, "6410", "T1", "text analysis",
        "", "c")


def test_progress_counts_and_units_not_submitted(rnd):
    m, u, r, clock = rnd
    for key, unit in (("mona", "6510"), ("fia", "6410"), ("fia", "6420"), ("ivan", "IFO")):
        with r.acting(key) as act:
            act.submit(unit, "T1")
    progress = r.progress("T1", root=u["k"])
    assert len(progress) == m.org.level_count
    units = progress[u["ht"].level]
    assert (units.name, units.units, units.counts[Status.SUBMITTED], units.done) == ("enhet", 3, 3, 3)
    activities = progress[u["ifo"].level]
    assert (activities.units, activities.counts[Status.SUBMITTED], activities.counts[Status.NOT_STARTED]) == (2, 1, 1)
    assert (progress[0].units, progress[0].counts[Status.NOT_STARTED], progress[0].done) == (1, 1, 0)
    assert [x.code for x in r.not_submitted("T1", root="K")] == ["K", "SN", "AO"]
    assert [x.code for x in r.not_submitted("T1", root=u["ifo"])] == []
    assert len(r.not_submitted("T2")) == 7


def test_persons_and_units_of_another_model_are_refused(rnd):
    m, u, r, clock = rnd
    with tertial.Model(2026) as other:
        other.org.add_unit("X", "Annan kommun", None, 0)
        stranger = other.round.add_person("olle", "Olle Okänd")
        with pytest.raises(tertial.InvalidArgumentError) as e:
            r.assign(stranger, Role.READER, u["k"])
        assert str(e.value).startswith('person olle "Olle Okänd" belongs to the round of Model 2026')
        assert "round_assign() works on" in str(e.value)
        with pytest.raises(tertial.InvalidArgumentError, match='person olle "Olle Okänd" belongs to'):
            r.acting(stranger).set_text(u["ht"], "T1", TextKind.SUMMARY, "x")
        with pytest.raises(tertial.InvalidArgumentError, match='unit X "Annan kommun" belongs to'):
            r.status(other.org["X"], "T1")
        # the same key under the same id names the same person (a copy of the model)
        other.round.add_person("x1", "X")
        twin = other.round.add_person("mona", "Mona Månsson")
        assert twin.id != r.person("mona").id
        twin_of_eva = tertial.Person(other.round, 0)
        with pytest.raises(tertial.InvalidArgumentError):
            r.roles(twin_of_eva, u["k"])


def test_an_acting_context_ends_with_its_block(rnd):
    m, u, r, clock = rnd
    with r.acting("mona") as mona:
        pass
    assert repr(mona) == "<Acting mona (ended)>"
    with pytest.raises(ValueError, match="ended with its with block"):
        mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "x")
    assert repr(r.acting("eva", on_behalf_of="mona")) == "<Acting eva for mona>"


def test_closing_the_model_in_a_clock_callback_raises_state_error(rnd):
    m, u, r, clock = rnd
    seen = []

    def closing_clock():
        try:
            m.close()
        except tertial.StateError as e:
            seen.append(str(e))
        return START

    r.set_clock(closing_clock)
    with r.acting("mona") as mona:
        mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "Stämplad")
    assert seen and seen[0].startswith("the Model is in use by round_text_set_as() (through its Round)")
    assert not m.closed and r.text(u["ht"], "T1").when == START


def test_a_clock_that_calls_the_round_or_fails(rnd, monkeypatch):
    m, u, r, clock = rnd
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: unraisable.append(info.exc_value))
    calls = []

    def nosy_clock():
        try:
            r.status(u["ht"], "T1")
        except tertial.StateError as e:
            calls.append(str(e))
        return 1778400000 + 60  # epoch seconds work too

    r.set_clock(nosy_clock)
    with r.acting("mona") as mona:
        mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "a")
        assert calls[0] == "round_status() was called from the round's clock; a clock only tells the time"
        assert r.text(u["ht"], "T1").when == datetime.datetime(2026, 5, 10, 8, 1, tzinfo=UTC)
        # the time is asked once, before the change: a failing clock refuses it, and its own
        # exception is what the call raises; nothing changed, nothing recorded
        entries = r.audit_count
        r.set_clock(lambda: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "b", version=1)
        assert r.text(u["ht"], "T1").version == 1 and r.text(u["ht"], "T1").text == "a"
        assert r.audit_count == entries
        r.set_clock(lambda: "tomorrow")
        with pytest.raises(TypeError, match="returned str|str"):
            mona.set_text(u["ht"], "T1", TextKind.SUMMARY, "c", version=1)
        assert r.text(u["ht"], "T1").version == 1
        assert not unraisable
    r.set_clock(None)
    with pytest.raises(TypeError):
        r.set_clock(42)


def test_the_round_outlives_a_closed_model():
    m, u = build_fixture()
    r = m.round
    r.set_clock(Clock())
    mona = r.add_person("mona", "Mona Månsson")
    r.assign(mona, Role.MANAGER, u["ht"])
    m.close()
    with r.acting(mona) as act:  # the round keeps the model's memory alive
        act.set_text(u["ht"], "T1", TextKind.SUMMARY, "Efter stängningen")
    assert r.text(u["ht"], "T1").when == START and r.model.round == r
    assert tertial.status_name(Status.SUBMITTED) == "submitted"
    assert tertial.action_name(Action.TEXT) == "change the texts"
