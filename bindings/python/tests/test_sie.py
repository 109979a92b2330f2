"""SIE files from Python: the streaming reader, loading into a model and writing, with the
hand-checked expectations of tests/test_sie.c, test_sie_load.c and test_sie_write.c on the
project's fixtures (tests/fixtures/sie/)."""
import datetime
import gc
import os

import pytest

import tertial
from conftest import build_fixture
from tertial import (MEASURE_OUTCOME, MEASURE_PRIOR, SieAction, SieEncoding, SieHas, SieLabel, SieLoadProblem, SieMode,
                     SieObject, SieProblem, SieSource)

KR = 100


@pytest.fixture
def fixtures(source_root):
    return source_root / "tests" / "fixtures" / "sie"


# The reader

def test_basic_records(fixtures):
    with tertial.SieReader(fixtures / "basic.se", mode=SieMode.STRICT) as r:
        records = list(r)
        stats = r.stats
        assert r.diagnostics == [] and r.diagnostic_count == 0
        assert r.encoding == SieEncoding.ASCII and r.declared_encoding == SieEncoding.CP437
    by_line = {rec.line: rec for rec in records}
    first = records[0]
    assert (first.label, first.tag, first.number, first.fields) == (SieLabel.FLAGGA, "#FLAGGA", 0, ("0",))
    assert first.amount is None and first.date is None and first.objects is None and first.quantity is None
    assert (records[1].text, records[1].text2) == ("Tertial test", "1.0")
    gen = records[3]
    assert gen.label == SieLabel.GEN and gen.date == datetime.date(2024, 1, 15) and gen.sign == "Anna Berg"
    rar = by_line[8]  # a broken fiscal year
    assert (rar.label, rar.year, rar.date, rar.date2) == (SieLabel.RAR, 0, datetime.date(2023, 7, 1),
                                                         datetime.date(2024, 6, 30))
    assert by_line[9].year == -1
    under = by_line[13]
    assert (under.label, under.dimension, under.superdimension, under.text) == (SieLabel.UNDERDIM, 21, 1, "Verksamhet")
    assert (by_line[14].object, by_line[14].text, by_line[15].object) == ("6410", "HVB barn", "6420")
    assert by_line[22].label == SieLabel.SRU and by_line[22].text == "7699"
    ib, ub, res, oib, oub = (by_line[n] for n in (24, 25, 26, 27, 28))
    assert ib.amount == 1_000_000 * KR and ib.quantity is None
    assert ub.amount == 1_250_000 * KR + 50 and ub.quantity == 3
    assert res.amount == -500_000 * KR
    assert oib.amount == 1050 and oib.objects == (SieObject((1, "6410")),)  # one decimal: 10.5
    assert oub.amount == -1025
    psaldo = by_line[29]
    assert (psaldo.label, psaldo.period, psaldo.account, psaldo.amount) == (SieLabel.PSALDO, 202307, "4610",
                                                                           250_000 * KR)
    assert psaldo.objects == ()  # "{}": an object list, empty
    assert by_line[30].objects[0].object == "6410" and by_line[30].quantity == 12
    assert by_line[31].label == SieLabel.PBUDGET and by_line[31].objects[0] == (1, "6420")
    ver = by_line[32]
    assert (ver.label, ver.series, ver.voucher_number, ver.text, ver.sign) == (SieLabel.VER, "A", "1", "Faktura 17",
                                                                              "Anna Berg")
    assert ver.date2 == datetime.date(2023, 7, 16)
    t1, t2, t3 = by_line[34], by_line[35], by_line[36]
    assert (t1.series, t1.voucher_number, t1.amount) == ("A", "1", -125050)
    assert t1.date == datetime.date(2023, 7, 15)  # no transaction date: the voucher's
    assert t2.objects == ((1, "6410"), (21, "IFO")) and t2.objects[1].dimension == 21
    assert t2.date.day == 14 and t2.text == "Kop" and t2.sign == "Anna Berg"
    assert t2.quantity == tertial.kronor(250)  # 2.5, exactly (a Decimal)
    assert len(t2.fields) == 7 and t2.fields[1] == '1 "6410" 21 "IFO"'
    assert t3.date.day == 15 and t3.text == ""  # transdate "" is absent
    assert not any(rec.duplicate for rec in records)
    assert (stats.records, stats.lines, stats.vouchers, stats.transactions, stats.sie_type) == (35, 37, 1, 3, 4)
    assert stats.warnings + stats.errors == 0 and len(records) == 35


def test_reader_is_a_closing_context_manager(fixtures):
    with tertial.SieReader(str(fixtures / "basic.se")) as r:
        assert next(r).label == SieLabel.FLAGGA and not r.closed
    assert r.closed and "closed" in repr(r)
    for use in (lambda: next(r), lambda: r.stats, lambda: r.diagnostics):
        with pytest.raises(ValueError, match="closed"):
            use()
    r.close()  # twice is harmless
    r = tertial.SieReader(fixtures / "basic.se")
    assert sum(1 for _ in r) == 35
    with pytest.raises(StopIteration):
        next(r)  # the end stays the end
    r.close()


def test_quirks_lenient(fixtures):
    with tertial.SieReader(fixtures / "quirks.se") as r:
        records = list(r)
        diagnostics = r.diagnostics
        stats = r.stats
    by_line = {rec.line: rec for rec in records}
    assert by_line[9].date.year == 1970  # #OMFATTN placeholder is a valid date
    assert by_line[10].text == 'Fordringar hos leverant"r'
    assert by_line[12].label == SieLabel.KONTO  # #konto
    assert by_line[13].objects == () and by_line[13].amount == -1000 * KR
    assert (by_line[14].period, by_line[14].account) == (202402, "3010")  # swapped back
    assert by_line[26].text == "Tab inside" and by_line[29].text == "Kontoplanstyp BAS 2024"
    P, A = SieProblem, SieAction
    want = [(P.BAD_QUOTE, 10, 37, A.REPAIRED), (P.BAD_QUOTE, 11, 15, A.REPAIRED), (P.BAD_QUOTE, 11, 32, A.REPAIRED),
            (P.BAD_LABEL, 12, 1, A.REPAIRED), (P.MISSING_OBJECT_LIST, 13, 0, A.REPAIRED),
            (P.SWAPPED_FIELDS, 14, 12, A.REPAIRED), (P.MISSING_OBJECT_LIST, 14, 0, A.REPAIRED),
            (P.PERIOD_OUTSIDE_YEAR, 15, 12, A.KEPT), (P.BAD_LINE, 16, 1, A.SKIPPED), (P.BAD_QUOTE, 17, 19, A.REPAIRED),
            (P.BAD_BLOCK, 18, 0, A.REPAIRED), (P.UNBALANCED_VOUCHER, 17, 0, A.KEPT),
            (P.BAD_QUANTITY, 21, 26, A.REPAIRED), (P.BAD_BLOCK, 22, 0, A.KEPT), (P.BAD_BLOCK, 23, 1, A.SKIPPED),
            (P.BAD_OBJECT_LIST, 24, 13, A.SKIPPED), (P.BAD_OBJECT_LIST, 25, 13, A.SKIPPED),
            (P.CONTROL_CHAR, 26, 13, A.REPAIRED), (P.BAD_NUMBER, 27, 12, A.KEPT), (P.BAD_DATE, 28, 6, A.SKIPPED),
            (P.BAD_QUOTE, 29, 8, A.REPAIRED)]
    assert [(d.problem, d.line, d.column, d.action) for d in diagnostics] == want
    unbalanced = diagnostics[11]
    assert isinstance(unbalanced, tertial.SieDiagnostic) and unbalanced.found == "10.00"
    assert 'voucher "A" "1" does not balance' in unbalanced.message
    assert unbalanced.message.startswith(unbalanced.file) and unbalanced.file.endswith("quirks.se")
    assert [d.is_error for d in diagnostics].count(True) == 5
    assert (stats.skipped_records, stats.errors, stats.warnings, stats.bad_amounts) == (5, 5, 16, 0)


def test_strict_mode_stops_with_a_parse_error(fixtures):
    r = tertial.SieReader(fixtures / "quirks.se", mode=SieMode.STRICT)
    with pytest.raises(tertial.ParseError) as info:
        for _ in r:
            pass
    assert "quirks.se:10:37:" in str(info.value) and info.value.code == tertial.ErrorCode.PARSE
    last = r.diagnostics[-1]
    assert (last.problem, last.line, last.column, last.action, last.is_error) == (SieProblem.BAD_QUOTE, 10, 37,
                                                                                  SieAction.STOPPED, True)
    assert r.stats.records == 9
    with pytest.raises(tertial.ParseError):
        next(r)  # the error sticks
    r.close()


def test_options_limit_the_diagnostics(fixtures):
    options = tertial.SieOptions(max_diagnostics=3)
    with tertial.SieReader(fixtures / "quirks.se", options) as r:
        list(r)
        assert r.diagnostic_count == 3 and r.diagnostic(-1) == r.diagnostics[2]
        assert r.stats.diagnostics_dropped == 18 and r.stats.warnings + r.stats.errors == 21
        with pytest.raises(IndexError):
            r.diagnostic(3)
    with pytest.raises(TypeError):
        tertial.SieReader(fixtures / "quirks.se", options, mode=SieMode.STRICT)  # both
    with pytest.raises(TypeError):
        tertial.SieReader(fixtures / "quirks.se", max_line=1.5)
    with pytest.raises(ValueError):
        tertial.SieReader(fixtures / "quirks.se", block_size=-1)
    with pytest.raises(tertial.TertialIOError, match="no_such_file.se"):
        tertial.SieReader(fixtures / "no_such_file.se")


def test_ksumma(fixtures):
    records, diagnostics = tertial.sie_read(fixtures / "ksumma_good.se", mode=SieMode.STRICT)
    closing = [rec for rec in records if rec.label == SieLabel.KSUMMA]
    assert [rec.checksum for rec in closing] == [None, 572122845]  # zlib.crc32 by sie_oracle.py's rule
    assert diagnostics == []
    with tertial.SieReader(fixtures / "ksumma_bad.se") as r:
        list(r)
        assert r.stats.checksum_present and not r.stats.checksum_ok and r.stats.checksum_computed != 572122845
        d = r.diagnostics[0]
        assert (d.problem, d.line, d.column, d.action) == (SieProblem.CHECKSUM, 12, 9, SieAction.KEPT)


def test_encodings(fixtures):
    def swedish(records):
        by_line = {rec.line: rec for rec in records}
        return [by_line[6].text, by_line[7].text, by_line[8].text, by_line[9].object, by_line[9].text]

    expected = ["Fören. Åsa Öberg", "Avgifter äldreomsorg", "Café", "Å1", "Årsta"]
    with tertial.SieReader(fixtures / "pc8.se", mode=SieMode.STRICT) as r:
        assert swedish(list(r)) == expected and r.encoding == SieEncoding.CP437 and r.diagnostics == []
    with tertial.SieReader(fixtures / "utf8.se") as r:
        assert swedish(list(r)) == expected
        assert (r.encoding, r.declared_encoding) == (SieEncoding.UTF8, SieEncoding.CP437)
        assert [(d.problem, d.line, d.column) for d in r.diagnostics] == [(SieProblem.ENCODING_MISMATCH, 6, 10)]
    with pytest.raises(tertial.ParseError, match="utf8.se:6:10: #FORMAT says PC8 but the bytes are UTF-8"):
        tertial.sie_read(fixtures / "utf8.se", mode=SieMode.STRICT)
    records, _ = tertial.sie_read(fixtures / "latin1.se")
    assert swedish(records) == expected and records[9].text == "Pris i €"
    # Forcing an encoding skips detection: UTF-8 bytes read as CP437 give other letters.
    records, diagnostics = tertial.sie_read(fixtures / "utf8.se", encoding=SieEncoding.CP437)
    assert swedish(records)[0] == "F├╢ren. ├àsa ├ûberg" and diagnostics == []


def test_rtrans_and_duplicates(fixtures):
    records, diagnostics = tertial.sie_read(fixtures / "rtrans.se")
    counted = sum(rec.amount for rec in records
                  if rec.label == SieLabel.RTRANS or (rec.label == SieLabel.TRANS and not rec.duplicate))
    assert counted == 0
    assert [rec.line for rec in records if rec.duplicate] == [12, 18]
    assert [rec.sign for rec in records if rec.label == SieLabel.BTRANS] == ["Eva"]
    assert [(d.problem, d.line, d.action) for d in diagnostics] == [
        (SieProblem.RTRANS_MISMATCH, 18, SieAction.REPAIRED), (SieProblem.RTRANS_MISMATCH, 23, SieAction.KEPT)]


def test_reader_from_bytes_keeps_its_data():
    data = bytearray(b'#FLAGGA 0\n#KONTO 1930 "Bank"\n#IB 0 1930 1.50')
    r = tertial.SieReader.from_bytes(data, name="inline.se")
    data[:] = b"x" * len(data)  # the reader read a copy
    del data
    gc.collect()
    records = list(r)
    assert [rec.label for rec in records] == [SieLabel.FLAGGA, SieLabel.KONTO, SieLabel.IB]
    assert records[1].text == "Bank" and records[2].amount == 150
    assert r.diagnostics[0].file == "inline.se"  # the missing #FORMAT, #GEN, ...
    empty = tertial.SieReader.from_bytes(b"")
    assert list(empty) == [] and empty.stats.lines == 0
    bom = tertial.SieReader.from_bytes(b'\xef\xbb\xbf#FLAGGA 0\n#FNAMN "K\xc3\xa5ren \xff"\n')
    assert [rec.text for rec in bom][1] == "Kåren \ufffd" and bom.encoding == SieEncoding.UTF8
    assert (bom.diagnostics[0].problem, bom.diagnostics[0].action) == (SieProblem.BAD_ENCODING, SieAction.REPAIRED)
    with pytest.raises(TypeError):
        tertial.SieReader.from_bytes("#FLAGGA 0\n")  # text has no encoding: give bytes
    with pytest.raises(TypeError):
        tertial.SieReader.from_bytes(12)


def test_names_and_enums():
    for label in SieLabel:
        assert tertial.sie_label_name(label) == ("#?" if label == SieLabel.UNKNOWN else "#" + label.name)
    assert tertial.sie_encoding_name(SieEncoding.CP437) == "CP437"
    assert tertial.sie_encoding_name(SieEncoding.LATIN1) == "ISO-8859-15"
    assert tertial.sie_problem_name(SieProblem.BAD_AMOUNT) == "bad amount"
    assert tertial.sie_load_problem_name(SieLoadProblem.UNKNOWN_OBJECT) == "unknown object"
    assert tertial.sie_load_problem_name(99) == "unknown problem"
    assert len(SieProblem) == 23 and SieMode.STRICT == 1 and SieHas.TRANS | SieHas.PSALDO == 3


# Loading into a model

HIERARCHY = ("# code;parent;name;level\n"
             "6410;IFO;;5\n"
             "SN;;Socialnämnden;nämnd\n"
             "\n"
             "  IFO ; SN ; Individ- och familjeomsorg ; 4 \n"
             "6420;IFO;;enhet\n"
             "AO;SN;Äldreomsorg;verksamhet\n"
             "6510;AO;;\n")

LOADED_LABELS = (SieLabel.PSALDO, SieLabel.PBUDGET, SieLabel.TRANS, SieLabel.RTRANS, SieLabel.BTRANS, SieLabel.IB,
                 SieLabel.UB, SieLabel.RES, SieLabel.OIB, SieLabel.OUB)


def booked(m, measure):
    """{(unit code, account number, month): amount} of every non-zero ledger cell of a measure."""
    cells = {}
    for unit in m.org:
        for account in m.chart:
            for month in range(12):
                v = m.ledger.get(unit, account, month, measure)
                if v:
                    cells[unit.code, account.number, month] = v
    return cells


def check_accounting(m, load):
    """The identities of tertial_sie_figures, and the ledger as the summary says (test_sie_load.c)."""
    s = load.summary
    loaded = 0
    for label in LOADED_LABELS:
        f = load.figures(label)
        assert f.read == f.current + f.prior + f.other_years, label
        if label in (SieLabel.PBUDGET, SieLabel.PSALDO, SieLabel.TRANS, SieLabel.RTRANS):
            # every amount read is loaded, represented by another record, or counted as unplaced
            assert f.read == f.loaded + f.covered + f.not_chosen + f.unplaced, label
            if label != SieLabel.PBUDGET:
                loaded += f.loaded
        else:
            assert f.loaded == f.covered == f.not_chosen == 0, label
    assert loaded == s.outcome + s.prior
    assert load.figures(SieLabel.PBUDGET).loaded == s.budget
    assert sum(booked(m, MEASURE_OUTCOME).values()) == s.outcome
    assert sum(booked(m, MEASURE_PRIOR).values()) == s.prior
    if s.budget_measure is not None:
        assert sum(booked(m, s.budget_measure).values()) == s.budget
    if s.catch_all is not None:
        assert m.ledger.total(s.catch_all) == s.catch_all_outcome


def test_progress_callback(fixtures):
    """SieOptions.progress: called per block read and at the end, with the file's size; False
    stops the load with CancelledError, an exception of its own propagates, the model unchanged."""
    path = fixtures / "load_type4.se"
    size = os.path.getsize(path)
    calls = []
    m = tertial.Model(2024)
    m.load_sie(path, hierarchy=HIERARCHY, block_size=512, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= size // 512  # one a block, and one at the end
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1] == (size, size) and all(t == size for _, t in calls)
    loaded = len(m.org)

    m2 = tertial.Model(2024)
    seen = []
    with pytest.raises(tertial.CancelledError):
        m2.load_sie(path, hierarchy=HIERARCHY, block_size=512, progress=lambda d, t: seen.append(d) or len(seen) < 2)
    assert len(seen) == 2

    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop(done)

    m3 = tertial.Model(2024)
    with pytest.raises(Stop):
        m3.load_sie(path, hierarchy=HIERARCHY, progress=stop)
    with pytest.raises(TypeError, match="progress"):
        m3.load_sie(path, progress=42)
    # the streaming reader keeps its callable while it reads, after the call that made it
    counted = []
    r = tertial.SieReader(path, options=tertial.SieOptions(block_size=256, progress=lambda d, t: counted.append(d)))
    gc.collect()
    n = sum(1 for _ in r)
    assert n > 0 and counted[-1] == size and len(counted) >= size // 256
    # never for bytes in memory
    mem = []
    assert sum(1 for _ in tertial.SieReader.from_bytes(path.read_bytes(), progress=lambda d, t: mem.append(d))) == n
    assert mem == []
    # a stopped load leaves the model as it was (no units, no amounts); the full one booked some
    assert loaded == 8
    assert len(m2.org) == 0 and len(m3.org) == 0


def test_load_type4_vouchers(fixtures):
    m = tertial.Model(2024)
    load = m.load_sie(fixtures / "load_type4.se", hierarchy=HIERARCHY)
    s = load.summary
    assert (s.sie_type, s.company, s.orgnr, s.program, s.program_version, s.chart_type, s.currency) == (
        4, "Exempelkommun", "212000-0000", "Tertial test", "1.0", "BAS2000", "SEK")
    assert s.generated == datetime.date(2025, 1, 10) and s.encoding == SieEncoding.CP437
    assert s.fiscal_year_line == 8 and s.outcome_source == s.prior_source == SieSource.TRANS
    assert (s.accounts_added, s.accounts_existing, s.units_matched, s.objects_unmatched, s.units_added) == (4, 0, 3, 1, 8)
    assert (s.dimensions, s.objects, s.budget_measure, s.reader.vouchers) == (2, 5, None, 7)
    org = m.org
    assert len(org) == 8 and org["6420"].name == "Försörjningsstöd"  # from #OBJEKT, in PC8
    assert [org[c].level for c in ("SN", "IFO", "6510")] == [1, 4, 5]
    assert load.catch_all == org["SIE"] and s.catch_all == org["SIE"].id
    assert load.catch_all.name == "Ej placerat (SIE)" and load.catch_all.parent(202401) == org["SN"]
    assert org["7777"].parent(202401) == org["SIE"] and org["7777"].name == "Okänd enhet"
    assert m.chart["3011"].type == tertial.AccountType.REVENUE and m.chart["3011"].name == "Taxor"
    assert m.chart["1930"].type == tertial.AccountType.ASSET
    # By transaction date; #RTRANS counts, its repeating #TRANS and #BTRANS do not; 2023 is
    # prior-year outcome, 2022 is not placed.
    assert booked(m, MEASURE_OUTCOME) == {
        ("6410", "4610", 0): 100000, ("6420", "3011", 1): -50000, ("6510", "5011", 3): 200000,
        ("SIE", "1930", 0): -100000, ("SIE", "1930", 1): 50000, ("SIE", "1930", 2): -200000,
        ("SIE", "1930", 3): -50000, ("SIE", "1930", 4): -10000, ("SIE", "4610", 3): 20000,
        ("7777", "4610", 3): 30000, ("6420", "4610", 4): 10000}
    assert booked(m, MEASURE_PRIOR) == {("6510", "5011", 11): 150000, ("SIE", "1930", 11): -150000}
    trans = load.figures(SieLabel.TRANS)
    assert isinstance(trans, tertial.SieFigures)
    assert (trans.records, trans.covered, trans.loaded, trans.other_years, trans.unplaced) == (15, 10000, -10000, 0, 0)
    rtrans = load.figures(SieLabel.RTRANS)
    assert (rtrans.records, rtrans.loaded, rtrans.catch_all) == (1, 10000, 0)
    btrans = load.figures(SieLabel.BTRANS)
    assert (btrans.records, btrans.read, btrans.loaded) == (1, 10000, 0)
    psaldo = load.figures(SieLabel.PSALDO)
    assert (psaldo.records, psaldo.current, psaldo.not_chosen, psaldo.loaded) == (1, 100000, 100000, 0)
    assert (s.outcome, s.catch_all_outcome, s.catch_all_prior) == (0, -290000 + 30000, -150000)
    notes = load.notes
    assert len(notes) == 6 and load.diagnostics == []
    outside = [n for n in notes if n.problem == SieLoadProblem.OUTSIDE_YEAR]
    assert len(outside) == 2 and (outside[0].line, outside[0].account, outside[0].amount) == (63, "4610", 5000)
    assert "load_type4.se:63: #TRANS 50.00 kr on account 4610 dated 2022-01-10" in outside[0].message
    not_chosen, = (n for n in notes if n.problem == SieLoadProblem.NOT_CHOSEN)
    assert (not_chosen.label, not_chosen.amount, not_chosen.line, not_chosen.measure) == (SieLabel.PSALDO, 100000, 0,
                                                                                          MEASURE_OUTCOME)
    unknown, = (n for n in notes if n.problem == SieLoadProblem.UNKNOWN_OBJECT)
    assert (unknown.object, unknown.amount) == ("7777", 30000)
    assert 'object "7777" of dimension 1 is no unit: added under SIE with 300.00' in unknown.message
    no_object = {n.measure: n.amount for n in notes if n.problem == SieLoadProblem.NO_OBJECT}
    assert no_object == {MEASURE_OUTCOME: -290000, MEASURE_PRIOR: -150000}
    assert load.note(-1) == notes[-1]
    check_accounting(m, load)


def test_load_type3_objects_and_budget(fixtures):
    m = tertial.Model(2024)
    k = m.org.add_unit("K", "Kommun", None, 0)
    m.org.add_unit("6410", "HVB", k, 5)
    m.org.add_unit("6420", "FS", k, 5)
    load = m.load_sie(str(fixtures / "load_type3.se"), budget_name="Budget 2024")
    s = load.summary
    assert s.outcome_source == s.prior_source == SieSource.PSALDO
    assert (s.units_matched, s.objects_unmatched, s.units_added) == (2, 0, 1) and m.org["K"].name == "Kommun"
    budget = s.budget_measure
    version = m.budget_versions.of(budget)
    assert version.name == "Budget 2024" and version.kind == tertial.BudgetKind.ADOPTED
    # January 5011: total 1000, 6410 600, 6420 300 -> 100 on the catch-all; P1 250 is a breakdown
    # by project. February: no total, so 6410 700 and P1 50 (on the catch-all).
    assert booked(m, MEASURE_OUTCOME) == {("6410", "5011", 0): 60000, ("6420", "5011", 0): 30000,
                                          ("SIE", "5011", 0): 10000, ("6410", "5011", 1): 70000,
                                          ("SIE", "5011", 1): 5000, ("SIE", "3011", 1): -40000}
    assert booked(m, MEASURE_PRIOR) == {("6410", "5011", 11): 80000}
    assert booked(m, budget) == {("6410", "5011", 0): 70000, ("6420", "5011", 0): 50000, ("6410", "5011", 1): 70000}
    assert (s.outcome, s.prior, s.budget, s.catch_all_outcome) == (135000, 80000, 190000, -25000)
    f = load.figures(SieLabel.PSALDO)
    assert tuple(f) == (10, 419900, 259900, 160000, 0, 215000, -25000, 195000, 0, 9900, 0)
    f = load.figures(SieLabel.PBUDGET)
    assert (f.records, f.read, f.current, f.prior, f.loaded, f.covered, f.unplaced, f.catch_all) == (
        5, 310500, 310000, 500, 190000, 120000, 500, 0)
    # #PSALDO 0 of period 202301, outside #RAR 0: noted and unplaced; the budget of 2023 likewise
    outside = [n for n in load.notes if n.problem == SieLoadProblem.OUTSIDE_YEAR]
    assert [(n.line, n.amount, n.period, n.year, n.is_problem) for n in outside] == [(27, 9900, 202301, 0, True)]
    assert "period 202301 is outside year 0" in outside[0].message
    assert s.unplaced == 9900 + 500 and s.problems == 3
    check_accounting(m, load)
    # Loading the file again replaces its months: each once, not twice.
    again = m.load_sie_bytes((fixtures / "load_type3.se").read_bytes(), budget_name="Budget 2024")
    assert again.summary.budget_measure == budget and again.summary.file == "<memory>"
    assert m.ledger.get(m.org["6410"], m.chart["5011"], 0, budget) == 70000
    assert m.ledger.get(m.org["SIE"], m.chart["5011"], 0, MEASURE_OUTCOME) == 10000
    assert (again.summary.outcome_months, again.summary.outcome_before, again.summary.outcome_after) == (
        0x3, 135000, 135000)
    assert (again.summary.units_added, again.summary.accounts_existing) == (0, 2)


def test_load_as_parts(fixtures):
    m = tertial.Model(2024)
    load = m.load_sie(fixtures / "load_type3.se", object_rows=tertial.SieObjectRows.PARTITION)
    assert booked(m, MEASURE_OUTCOME) == {("6410", "5011", 0): 60000, ("6420", "5011", 0): 30000,
                                          ("SIE", "5011", 0): 125000, ("6410", "5011", 1): 70000,
                                          ("SIE", "5011", 1): 5000, ("SIE", "3011", 1): -40000}
    assert booked(m, load.summary.budget_measure)[("SIE", "5011", 0)] == 120000
    f = load.figures(SieLabel.PSALDO)
    assert (f.loaded, f.covered, f.unplaced) == (410000, 0, 9900) and load.summary.objects_unmatched == 2
    check_accounting(m, load)


def test_broken_fiscal_year(fixtures):
    path = fixtures / "load_broken.se"
    assert tertial.sie_fiscal_year(path) == tertial.FiscalYear(2023, 7)
    assert tertial.sie_fiscal_year(path, -1) == tertial.FiscalYear(2022, 7)
    with pytest.raises(tertial.NotFoundError):
        tertial.sie_fiscal_year(path, -2)
    with pytest.raises(OSError):
        tertial.sie_fiscal_year(fixtures / "no_such_file.se")
    fy = tertial.sie_fiscal_year(path)
    with tertial.Model(fy.first_year, fy.start_month) as m:
        load = m.load_sie(path)
        s = load.summary
        assert s.fiscal_year_line == 7 and m.ledger.find_measure("Budget SIE") == s.budget_measure
        assert booked(m, MEASURE_OUTCOME) == {("SIE", "5011", 0): 10000, ("SIE", "5011", 5): 20000,
                                              ("SIE", "5011", 6): 30000, ("SIE", "3011", 11): -40000}
        assert booked(m, MEASURE_PRIOR) == {("SIE", "5011", 0): 1000, ("SIE", "5011", 5): 2000,
                                            ("SIE", "5011", 11): 3000}
        assert booked(m, s.budget_measure) == {("SIE", "5011", 6): 25000, ("SIE", "5011", 11): 35000}
        assert m.chart["3011"].type == tertial.AccountType.REVENUE  # no #KTYP: the default type
        check_accounting(m, load)
    with tertial.Model(2024) as m:
        with pytest.raises(tertial.StateError, match="load_broken.se:7: #RAR 0 is 2023-07-01 to 2024-06-30 but the "
                                                     "model's fiscal year is 2024-01-01 to 2024-12-31"):
            m.load_sie(path)
        assert len(m.chart) == 0 and len(m.org) == 0 and m.ledger.measure_count == 3  # unchanged


def test_year_option(fixtures):
    m = tertial.Model(2023)
    load = m.load_sie(fixtures / "load_type3.se", year=-1)
    assert load.summary.fiscal_year_line == 8
    assert booked(m, MEASURE_OUTCOME) == {("6410", "5011", 11): 80000}
    assert booked(m, load.summary.budget_measure) == {("SIE", "5011", 0): 500}
    f = load.figures(SieLabel.PSALDO)
    assert (f.current, f.prior, f.other_years, f.loaded, f.unplaced) == (160000, 0, 259900, 80000, 259900)
    check_accounting(m, load)


def test_reconciliation(fixtures):
    m = tertial.Model(2024)
    load = m.load_sie(fixtures / "load_recon.se")
    s = load.summary
    assert (s.outcome_source, s.prior_source) == (SieSource.TRANS, SieSource.PSALDO)
    ledger, sie = m.ledger, m.org["SIE"]
    assert ledger.get(sie, m.chart["3011"], 5, MEASURE_PRIOR) == -10000
    assert ledger.get(sie, m.chart["3011"], 6, MEASURE_PRIOR) == -2000
    assert ledger.get(sie, m.chart["1930"], 0, MEASURE_OUTCOME) == 30000
    assert load.compared_count == 5  # 2024: 1930 3011 5011 6110; 2023: 3011
    every = SieHas.TRANS | SieHas.PSALDO | SieHas.YEARLY
    assert load.differences == [
        (0, "1930", every, every, 30000, 40000, 30000),  # #UB - #IB = 300
        (0, "5011", every, every, 60000, 50000, 60000),
        (0, "6110", every, SieHas.YEARLY, 0, 0, 25000),  # a #RES with no transactions
        (-1, "3011", SieHas.PSALDO | SieHas.YEARLY, SieHas.PSALDO | SieHas.YEARLY, 0, -12000, -10000)]
    d = load.difference(0)
    assert isinstance(d, tertial.SieDifference) and d.account == "1930" and d.psaldo - d.trans == 10000
    assert isinstance(d.compared, SieHas)
    with pytest.raises(IndexError):
        load.difference(4)
    check_accounting(m, load)


def test_hierarchy_text():
    org = tertial.Org()
    org.parse_hierarchy(HIERARCHY, "h.txt")
    assert len(org) == 6 and org["6410"].name == "6410" and org["6410"].level == 5
    assert org["6410"].parent(202601).code == "IFO" and org["6510"].level == 5
    org.parse_hierarchy("6410;IFO;x;5\n7000;6410;Ny;\n")  # units it has with the same parent: skipped
    assert len(org) == 7 and org["7000"].level == 5
    bad = [("A;;Name\n", tertial.ParseError, "h.txt:1: expected code;parent;name;level"),
           ("A;B;a;0\nB;A;b;0\n", tertial.ParseError, 'h.txt:1: unit "A" is part of a cycle'),
           ("A;NOPE;a;0\n", tertial.ParseError, 'h.txt:1: parent "NOPE" is no unit'),
           ("B;;b;0\n6410;SN;x;5\n", tertial.ExistsError, 'h.txt:2: unit "6410" exists with another parent')]
    for text, error, message in bad:
        with pytest.raises(error) as info:
            org.parse_hierarchy(text, "h.txt")
        assert message in str(info.value)
        assert len(org) == 7  # nothing added
    text = org.format_hierarchy(202601)
    assert "SN;;Socialnämnden;1\n" in text and "IFO;SN;Individ- och familjeomsorg;4\n" in text
    copy = tertial.Org()
    copy.parse_hierarchy(text, "copy")
    def tree(o):
        return {u.code: (u.name, u.level, getattr(u.parent(202601), "code", None)) for u in o}

    assert tree(copy) == tree(org) and len(tree(org)) == 7


def test_load_errors_leave_the_model_unchanged(fixtures):
    m = tertial.Model(2024)
    with pytest.raises(tertial.ParseError, match="quirks.se:"):
        m.load_sie(fixtures / "quirks.se", mode=SieMode.STRICT)
    with pytest.raises(tertial.TertialIOError):
        m.load_sie(fixtures / "no_such_file.se")
    with pytest.raises(tertial.InvalidArgumentError):
        m.load_sie(fixtures / "load_type3.se", unit_dimension=-3)
    with pytest.raises(tertial.NotFoundError):
        m.load_sie(fixtures / "load_type3.se", catch_all_parent="NOPE")
    with pytest.raises(tertial.ExistsError):
        m.load_sie(fixtures / "load_type3.se", budget_name="Utfall")  # a measure that is no budget
    with pytest.raises(tertial.ParseError, match='hierarchy:1: unit "A" is part of a cycle'):
        m.load_sie(fixtures / "load_type3.se", hierarchy="A;B;a;0\nB;A;b;0\n")
    with pytest.raises(TypeError):
        m.load_sie(fixtures / "load_type3.se", budget_name=2024)
    with pytest.raises(TypeError):
        m.load_sie(fixtures / "load_type3.se", tertial.SieLoadOptions(), year=0)
    assert len(m.chart) == 0 and len(m.org) == 0 and m.ledger.measure_count == 3
    big = (b"#FLAGGA 0\n#SIETYP 2\n#RAR 0 20240101 20241231\n"
           b"#PSALDO 0 202401 5011 {} 92233720368547758.07\n#PSALDO 0 202401 5011 {} 0.01\n")
    with pytest.raises(tertial.MoneyOverflowError, match="<memory>:5: a sum of #PSALDO amounts does not fit"):
        m.load_sie_bytes(big)
    assert len(m.chart) == 0
    m.close()
    with pytest.raises(ValueError, match="closed"):
        m.load_sie(fixtures / "load_type3.se")


def test_load_keeps_the_readers_diagnostics(fixtures):
    m = tertial.Model(2024)
    load = m.load_sie(fixtures / "quirks.se", tertial.SieLoadOptions(reader=tertial.SieOptions()))
    records, diagnostics = tertial.sie_read(fixtures / "quirks.se")
    assert load.diagnostics == diagnostics and len(diagnostics) == 21
    assert load.diagnostic(3) == diagnostics[3]
    assert load.summary.reader.skipped_records == 5 and load.summary.reader.records == len(records)
    check_accounting(m, load)


def test_odd_records_from_memory():
    text = (b'#FLAGGA 0\n#SIETYP 4\n#KONTO 12AB "Fel"\n#KTYP 3011 X\n#KTYP 4010 I\n#VER A 1 20240105\n{\n'
            b'#TRANS 3011 {1 "A" 1 "B"} -100.00\n#TRANS 12AB {} 100.00\n#TRANS 4010 {1 ""} 7.00\n'
            b'#TRANS 4010 {} -7.00\n}\n')
    m = tertial.Model(2024)
    m.chart.add("4010", "Varor", tertial.AccountType.COST)
    load = m.load_sie_bytes(text, name="odd.se")
    s = load.summary
    assert (s.file, s.fiscal_year_line, s.accounts_added, s.accounts_existing) == ("odd.se", 0, 1, 1)
    assert m.ledger.get(m.org["A"], m.chart["3011"], 0, MEASURE_OUTCOME) == -10000
    assert m.chart["4010"].type == tertial.AccountType.COST  # the chart's type is kept
    trans = load.figures(SieLabel.TRANS)
    assert (trans.unplaced, trans.loaded, trans.catch_all) == (10000, -10000, -10000)
    kinds = [n.problem for n in load.notes]
    assert kinds.count(SieLoadProblem.BAD_ACCOUNT) == 2 and kinds.count(SieLoadProblem.NO_FISCAL_YEAR) == 1
    assert kinds.count(SieLoadProblem.ACCOUNT_TYPE) == 2 and kinds.count(SieLoadProblem.NO_OBJECT) == 0
    several, = (n for n in load.notes if n.problem == SieLoadProblem.SEVERAL_UNITS)
    assert (several.line, several.object) == (8, "A")
    assert (load.notes[3].problem, load.notes[3].line, load.notes[3].amount) == (SieLoadProblem.BAD_ACCOUNT, 9, 10000)
    assert s.notes == len(load.notes) and s.notes_dropped == 0
    check_accounting(m, load)
    capped = tertial.Model(2024).load_sie_bytes(text, name="odd.se", max_notes=2)
    assert len(capped.notes) == 2 and capped.summary.notes_dropped == capped.summary.notes - 2
    with pytest.raises(tertial.RangeError):
        load.figures(99)


# Writing

def write_options():
    return tertial.SieWriteOptions(company="Exempelkommun", orgnr="212000-0000", generated=datetime.date(2026, 5, 15))


def test_write_round_trip(tmp_path):
    m, u = build_fixture()
    path = tmp_path / "budget.se"
    s = m.write_sie(path, write_options())
    assert isinstance(s, tertial.SieWriteSummary)
    assert (s.units, s.accounts, s.psaldo, s.pbudget, s.replaced) == (7, 5, 34 + 24, 96, 0)
    assert s.outcome == (-1_922_500 * 4 + 2_500_000 * 4 + 300_000 + 950_000 * 4 + 100_000 * 4) * KR
    assert s.prior == (1_000_000 * 11 + 800_000) * KR
    assert s.budget == (-1_000_000 + 2_000_000 + 1_000_000 + 100_000) * 12 * KR
    assert os.path.getsize(path) == s.bytes
    data, again = m.sie_bytes(write_options())
    assert data == path.read_bytes() and again == s  # the same file, in memory

    # The reader accepts it in strict mode, with a matching #KSUMMA.
    with tertial.SieReader(path, mode=SieMode.STRICT) as r:
        records = list(r)
        assert r.stats.checksum_present and r.stats.checksum_ok and r.stats.sie_type == 3
        assert r.stats.checksum_stated == s.checksum and r.diagnostics == []
    on_units = [rec for rec in records if rec.objects]
    assert sum(rec.amount for rec in on_units if rec.label == SieLabel.PSALDO) == s.outcome + s.prior
    assert sum(rec.amount for rec in on_units if rec.label == SieLabel.PBUDGET) == s.budget

    # Loaded into a fresh model with the same tree: the same numbers to the öre.
    fy = tertial.sie_fiscal_year(path)
    assert fy == m.fiscal_year
    back = tertial.Model(fy.first_year, fy.start_month)
    load = back.load_sie(path, hierarchy=m.org.format_hierarchy(202601), budget_name="Budget", mode=SieMode.STRICT)
    ls = load.summary
    assert ls.outcome_source == SieSource.PSALDO and ls.catch_all is None and ls.objects_unmatched == 0
    assert load.notes == [] and load.differences == []
    budget = back.current_budget if ls.budget_measure is None else ls.budget_measure
    assert back.ledger.measure_name(budget) == "Budget"  # the model's own budget measure
    for mine, theirs in ((MEASURE_OUTCOME, MEASURE_OUTCOME), (MEASURE_PRIOR, MEASURE_PRIOR),
                         (m.current_budget, budget)):
        assert booked(back, theirs) == booked(m, mine) != {}
    assert back.chart["6110"].internal is False  # SIE has no internal flag
    # Written again over the same path: replaced.
    s2 = m.write_sie(path, budget_measure=tertial.SIE_NO_BUDGET, prior=False, generated=datetime.date(2026, 5, 15))
    assert (s2.pbudget, s2.psaldo, s2.prior) == (0, 34, 0) and os.path.getsize(path) == s2.bytes
    m.close()


def test_write_type4_round_trip(tmp_path):
    """Type 4: the outcome as a voucher per month, balanced on 1930 of the root unit; loaded back
    from #TRANS it gives the same outcome per unit, account and month."""
    m, u = build_fixture()
    path = tmp_path / "utfall.se"
    options = write_options()
    options.sie_type = 4
    s = m.write_sie(path, options)
    assert s.psaldo == 24 and s.vouchers == 4  # prior year as #PSALDO -1 only; January..April
    assert s.balance == -s.outcome and s.trans > s.vouchers
    with tertial.SieReader(path, mode=SieMode.STRICT) as r:
        records = list(r)
        assert r.stats.sie_type == 4 and r.stats.checksum_ok and r.diagnostics == []
    trans = [rec for rec in records if rec.label == SieLabel.TRANS]
    assert len(trans) == s.trans
    assert sum(rec.amount for rec in trans) == 0  # every voucher balances
    assert sum(rec.amount for rec in trans if rec.account != "1930") == s.outcome
    fy = tertial.sie_fiscal_year(path)
    back = tertial.Model(fy.first_year, fy.start_month)
    load = back.load_sie(path, hierarchy=m.org.format_hierarchy(202601), budget_name="Budget", mode=SieMode.STRICT)
    assert load.summary.outcome_source == SieSource.TRANS and load.notes == []
    theirs = {k: v for k, v in booked(back, MEASURE_OUTCOME).items() if k[1] != "1930"}
    assert theirs == booked(m, MEASURE_OUTCOME) != {}
    m.close()
    back.close()


def test_write_bytes_by_hand():
    with tertial.Model(2026) as m:
        u = m.org.add_unit("A 1", 'Åsa "Co"\tö€\\', None, 0)
        a = m.chart.add("3011", "Intäkt", tertial.AccountType.REVENUE)
        m.ledger.add(u, a, 0, MEASURE_OUTCOME, -150005)
        data, s = m.sie_bytes(generated=datetime.date(2026, 2, 3), program="Test", prior=False,
                              budget_measure=tertial.SIE_NO_BUDGET, dimension=20, dimension_name="Nivå")
    expected = ('#FLAGGA 0\n#KSUMMA\n#PROGRAM "Test" "%s"\n#FORMAT PC8\n#GEN 20260203\n#SIETYP 3\n#FNAMN ""\n'
                '#RAR 0 20260101 20261231\n#DIM 20 "Niv\x86"\n#OBJEKT 20 "A 1" "\x8fsa \\"Co\\" \x94?/"\n'
                '#KONTO 3011 "Int\x84kt"\n#KTYP 3011 I\n#PSALDO 0 202601 3011 {} -1500.05\n'
                '#PSALDO 0 202601 3011 {20 "A 1"} -1500.05\n#KSUMMA %d\n') % (tertial.version(), s.checksum)
    assert data == expected.encode("latin-1")
    assert s.replaced == 3 and s.bytes == len(data)  # TAB -> space, € -> ?, the last backslash -> /
    reader = tertial.SieReader.from_bytes(data, mode=SieMode.STRICT)
    objekt, = (rec for rec in reader if rec.label == SieLabel.OBJEKT)
    assert (objekt.object, objekt.text) == ("A 1", 'Åsa "Co" ö?/') and reader.diagnostics == []
    assert reader.stats.checksum_ok and reader.stats.checksum_stated == s.checksum
    assert reader.encoding == SieEncoding.CP437


def test_write_errors(tmp_path):
    with tertial.Model(2026) as m:
        with pytest.raises(tertial.NotFoundError):
            m.sie_bytes(budget_measure=7)
        with pytest.raises(tertial.NotFoundError):
            m.sie_bytes(budget_measure=MEASURE_PRIOR)  # no budget measure
        with pytest.raises(tertial.InvalidArgumentError):
            m.sie_bytes(dimension=-1)
        with pytest.raises(TypeError):
            m.sie_bytes(generated="2026-02-03")
        with pytest.raises(tertial.TertialIOError, match="/nonexistent-dir/x.se"):
            m.write_sie("/nonexistent-dir/x.se")
        a, b = m.org.add_unit("A", "A", None, 0), m.org.add_unit("B", "B", None, 0)
        acc = m.chart.ensure("4010")
        path = tmp_path / "kept.se"
        m.write_sie(path)
        before = path.read_bytes()
        m.ledger.add(a, acc, 2, MEASURE_OUTCOME, 2**63 - 1)
        m.ledger.add(b, acc, 2, MEASURE_OUTCOME, 1)
        with pytest.raises(tertial.MoneyOverflowError, match="account 4010 in month 3"):
            m.write_sie(path)
        assert path.read_bytes() == before  # an existing file is kept
