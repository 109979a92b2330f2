"""tertial.import_table() and Model.import_table(): a municipality's own CSV and xlsx files (the
fixtures of tests/test_import.c and the CLI case "import"), the summary, ParseError listing
every error with the model unchanged, dry runs and re-imports."""
import pytest

import tertial
from tertial import MEASURE_OUTCOME

KR = 100


@pytest.fixture
def fixtures(source_root):
    return source_root / "tests" / "fixtures" / "import"


def snapshot(m):
    """What an import can change: units, accounts and every own outcome and budget amount."""
    units = [(u.code, u.name, u.manager, u.level) for u in m.org]
    accounts = [(a.number, a.name, a.type, a.internal) for a in m.chart]
    amounts = [m.ledger.get(u, a, month, measure)
               for u in range(len(m.org)) for a in range(len(m.chart)) for month in range(12)
               for measure in (MEASURE_OUTCOME, m.current_budget)]
    return units, accounts, amounts


def test_municipality_from_files(fixtures):
    with tertial.Model(2026) as m:
        s = tertial.import_table(m, fixtures / "organisation-excel.csv", "organisation")
        assert (s.kind, s.rows, s.units_added, s.applied, s.encoding) == ("organisation", 7, 7, True, "Windows-1252")
        assert m.org["KS"].manager == "Åsa Öberg"
        assert m.org["6420"].name == "Försörjningsstöd – ekonomiskt bistånd"
        s = m.import_table(fixtures / "konton-bom.csv", "accounts")
        assert (s.accounts_added, s.encoding) == (5, "UTF-8 with BOM")
        assert m.chart["6110"].internal
        s = m.import_table(str(fixtures / "budget-lo.xlsx"), tertial.IMPORT_BUDGET)
        assert (s.amounts_changed, s.amount_total, s.change_total, s.encoding) == (60, 4080000 * KR, 4080000 * KR,
                                                                                 "xlsx")
        assert m.ledger.get(m.org["KLF"], m.chart["5011"], 6, m.current_budget) == 200000 * KR
        s = m.import_table(fixtures / "utfall-lo.xlsx", "outcome")
        assert s.amount_total == 69975050
        assert m.ledger.get(m.org["6410"], m.chart["4610"], 1, MEASURE_OUTCOME) == 10125050
        # the same file again changes nothing; a dry run of another changes nothing either
        before = snapshot(m)
        s = m.import_table(fixtures / "utfall-lo.xlsx", "outcome")
        assert (s.amounts_changed, s.amounts_unchanged, s.applied) == (0, 9, False)
        s = m.import_table(fixtures / "utfall-blandat.xlsx", "outcome", sheet="Utfall", dry_run=True)
        assert (s.amounts_changed, s.change_total, s.applied) == (3, 23450 * KR, False)
        assert snapshot(m) == before
        s = m.import_table(fixtures / "utfall-blandat.xlsx", "outcome", sheet="Utfall")
        assert s.applied and m.ledger.get(m.org["6410"], m.chart["4610"], 0, MEASURE_OUTCOME) == 123450 * KR


def test_errors_list_every_position_and_change_nothing(fixtures):
    with tertial.Model(2026) as m:
        m.import_table(fixtures / "organisation-excel.csv", "organisation")
        m.import_table(fixtures / "konton-bom.csv", "accounts")
        before = snapshot(m)
        data = "Enhet;Konto;Månad;Belopp\n6410;4610;13;1\n6410;4610;2;12,3,4\nX;4610;1;1\n".encode("cp1252")
        with pytest.raises(tertial.ParseError) as e:
            m.import_csv(data, "outcome", source="utfall.csv")
        assert str(e.value).splitlines() == [
            'utfall.csv:2:3: column "Månad": expected a month of the fiscal year 2026 (1-12, a month\'s name, '
            'yyyy-mm or a period yyyymm), found "13"',
            'utfall.csv:3:4: column "Belopp": expected an amount in kronor such as 1 234,50, −1234 or 1234.50, '
            'found "12,3,4"',
            'utfall.csv:4:1: column "Enhet": expected a unit of the organisation, found "X"',
            "3 errors; nothing was imported",
        ]
        with pytest.raises(tertial.ParseError, match=r'unit "A" is part of a cycle of parents \(A -> B -> A\)'):
            m.import_csv(b"kod;parent\nA;B\nB;A\n", "organisation")
        with pytest.raises(tertial.ParseError, match=r"\.xlsx:Läs mig!1:1: no column for the unit code"):
            m.import_table(fixtures / "utfall-blandat.xlsx", "outcome")
        with pytest.raises(tertial.NotFoundError, match=r'no sheet "Nej"; the sheets are "Läs mig", "Utfall"'):
            m.import_table(fixtures / "utfall-blandat.xlsx", "outcome", sheet="Nej")
        with pytest.raises(tertial.TertialIOError):
            m.import_table(fixtures / "no-such-file.csv", "outcome")
        with pytest.raises(tertial.NotFoundError, match="no kind of table"):
            m.import_csv(b"kod\nA\n", "units")
        with pytest.raises(TypeError):
            m.import_csv("kod\nA\n", "organisation")
        assert snapshot(m) == before


def test_kind_names():
    assert tertial.import_kind_parse("organization") == tertial.IMPORT_ORGANISATION
    assert [tertial.import_kind_name(k) for k in range(5)] == ["organisation", "accounts", "budget", "outcome",
                                                              "people"]
    with tertial.Model(2026) as m:
        m.import_csv(b"code,name\nK,Kommun\n", "organisation")
        m.org["K"].name = "Lillby kommun"
        m.chart.ensure("3011")
        m.chart["3011"].name = "Taxor"
        assert (m.org["K"].name, m.chart["3011"].name) == ("Lillby kommun", "Taxor")
        with pytest.raises(ValueError, match="Round.load_people"):
            m.import_csv(b"key;name\nx;X\n", "people")
