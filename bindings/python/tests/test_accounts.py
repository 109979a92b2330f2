"""Charts of accounts and report-row mappings."""
import pytest

import tertial
from tertial import AccountType, Chart, RowKind, RowMap


def test_chart():
    c = Chart()
    salaries = c.add("5011", "Månadslöner", AccountType.COST)
    fees = c.add("3110", "Barnomsorgsavgifter")  # type guessed from the number
    internal = c.add("3710", "Interna intäkter", AccountType.REVENUE, True)
    assert len(c) == 3 and [a.number for a in c] == ["5011", "3110", "3710"]
    assert (salaries.number, salaries.name, salaries.type, salaries.internal) == \
        ("5011", "Månadslöner", AccountType.COST, False)
    assert fees.type == AccountType.REVENUE and internal.internal is True
    assert c["3110"] == fees == c[1] == c.find("3110") == c.account(-2)
    assert c.ensure("3110") == fees
    new = c.ensure("8010")
    assert new.id == 3 and new.type == AccountType.REVENUE and new.name == ""
    fees.internal = True
    assert c[1].internal is True
    c.set_internal(fees, False)
    assert fees.internal is False
    with pytest.raises(tertial.ExistsError):
        c.add("5011", "Igen", AccountType.COST)
    with pytest.raises(tertial.InvalidArgumentError):
        c.add("", "Tomt", AccountType.COST)
    with pytest.raises(tertial.NotFoundError):
        c["9999"]
    with pytest.raises(IndexError):
        c[99]
    assert "Månadslöner" in repr(salaries) and "accounts=4" in repr(c)


def test_type_guess():
    assert tertial.account_type_guess("1910") == AccountType.ASSET
    assert tertial.account_type_guess("2440") == AccountType.LIABILITY
    assert tertial.account_type_guess("3011") == AccountType.REVENUE
    assert tertial.account_type_guess("7010") == AccountType.COST
    assert tertial.account_type_guess("8") == AccountType.REVENUE
    assert tertial.account_type_guess("8510") == AccountType.COST
    with pytest.raises(tertial.InvalidArgumentError):
        tertial.account_type_guess("x1")


def test_kommunbas_mapping():
    rm = RowMap.kommunbas()
    assert rm.name.startswith("Kommun-Bas") and rm.version
    codes = [r.code for r in rm]
    assert codes[0] == "INT" and "NETTO" in codes and "KOST_PERS" in codes
    netto = rm["NETTO"]
    assert netto.kind == RowKind.SUM and netto.parent is None and netto.depth == 0
    pers = rm["KOST_PERS"]
    assert pers.kind == RowKind.LINE and rm[pers.parent].code == "KOST"
    assert rm.result_row == rm.find_row("NETTO")
    assert rm[rm.lookup("5011")].code == "KOST_PERS"
    assert rm[rm.lookup("4610")].code == "KOST_KOP"
    assert rm.lookup("1910") is None  # balance-sheet accounts are not mapped
    assert rm.row(999) is None
    with pytest.raises(IndexError):
        rm[999]


def test_text_form_round_trip():
    rm = RowMap.kommunbas()
    text = rm.format()
    again = RowMap.parse(text, "kommunbas.txt")
    assert str(again) == text == str(rm)
    assert [tuple(r) for r in again] == [tuple(r) for r in rm]


def test_own_mapping():
    rm = RowMap("Liten", "1")
    rm.add_row("INT", "Intäkter", RowKind.SUM, "NETTO")
    rm.add_row("INT_ALLA", "Alla intäkter", RowKind.LINE, "INT")
    rm.add_row("KOST", "Kostnader", RowKind.LINE, "NETTO")
    rm.add_row("NETTO", "Resultat", RowKind.SUM)  # the parent after its children
    rm.add_range("3", "3", "INT_ALLA")
    rm.add_range("4", "7", "KOST")
    rm.set_result("NETTO")
    rm.validate()
    assert [r.code for r in rm] == ["INT", "INT_ALLA", "KOST", "NETTO"]
    assert rm["INT_ALLA"].depth == 2
    assert rm.lookup("3011") == 1 and rm.lookup("6110") == 2
    assert rm.name == "Liten" and rm.version == "1" and len(rm) == 4
    with pytest.raises(tertial.ExistsError):
        rm.add_row("KOST", "Igen", RowKind.LINE)
    rm.add_range("8", "8", "INT")  # a range pointing to a sum row breaks a rule
    with pytest.raises(tertial.StateError):
        rm.validate()


def test_parse_errors_name_source_and_line():
    with pytest.raises(tertial.ParseError, match="rader.txt:2"):
        RowMap.parse("name;x\nrow;A;B\n", "rader.txt")
    with pytest.raises(tertial.NotFoundError):
        RowMap.parse("row;A;A;line;NOPE\n", "rader.txt")


def test_model_rowmap_can_be_replaced(model):
    u = model.org.add_unit("1", "K", None, 0)
    model.set_forecast(u, "KOST_PERS", 100)
    small = RowMap.parse("row;KOST_PERS;Personal;line;NETTO\nrow;NETTO;Netto;sum;\nmap;5;5;KOST_PERS\n")
    model.set_rowmap(small)
    assert [r.code for r in model.rowmap] == ["KOST_PERS", "NETTO"]
    assert [r.code for r in small] == ["KOST_PERS", "NETTO"]  # now the model's mapping
    assert model.forecast(u, "KOST_PERS") == 100
    with pytest.raises(ValueError):
        model.set_rowmap(model.rowmap)  # not a mapping of one's own
    lacking = RowMap.parse("row;NETTO;Netto;sum;\n")
    with pytest.raises(tertial.NotFoundError):
        model.set_rowmap(lacking)  # the forecast's row is missing: the model is unchanged
    assert [r.code for r in model.rowmap] == ["KOST_PERS", "NETTO"]
