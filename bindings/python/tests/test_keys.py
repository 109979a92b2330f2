"""Periodisation keys and key sets, with the worked figures of tests/test_keys.c."""
import gc
from decimal import Decimal

import pytest

import tertial
from tertial import FiscalYear, Key, KeyKind, KeySet

KR = 100
INT64_MAX, INT64_MIN = 2**63 - 1, -2**63
FY2024, FY2025, FY2026 = FiscalYear(2024), FiscalYear(2025), FiscalYear(2026)
FY2023_24, FY2025_26 = FiscalYear(2023, 7), FiscalYear(2025, 7)
SALARY = [100, 100, 100, 100, 100, 100, 40, 100, 100, 100, 100, 100]


def distribute(key, fy, annual):
    months = key.distribute(fy, annual)
    assert len(months) == 12 and sum(months) == tertial.ore(annual)
    assert key.distribute(fy, -tertial.ore(annual)) == [-m for m in months]  # revenue mirrors cost
    return months


def test_equal_twelfths():
    k = Key.equal("Tolftedelar")
    assert k.name == "Tolftedelar" and k.kind is KeyKind.EQUAL and k.falls_back is False
    assert distribute(k, FY2026, 100) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    assert distribute(k, FY2026, 0) == [0] * 12
    assert distribute(k, FY2024, 12_000_000 * KR) == [1_000_000 * KR] * 12
    assert distribute(k, FY2025_26, 11) == [1] * 11 + [0]
    # Money crosses as int öre or Decimal kronor, never as a float.
    assert k.distribute(FY2026, Decimal("1.00")) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    with pytest.raises(TypeError):
        k.distribute(FY2026, 100.0)
    with pytest.raises(ValueError):
        k.distribute(FY2026, Decimal("0.001"))


def test_equal_extremes():
    k = Key.equal("Tolftedelar")
    top = distribute(k, FY2026, INT64_MAX)
    assert top[0] == top[6] == 768614336404564651 and top[7] == 768614336404564650
    bottom = k.distribute(FY2026, INT64_MIN)
    assert bottom[7] == -768614336404564651 and bottom[8] == -768614336404564650
    with pytest.raises(OverflowError):
        k.distribute(FY2026, INT64_MAX + 1)


def test_calendar_days():
    k = Key.calendar_days("Kalenderdagar")
    assert k.kind is KeyKind.CALENDAR_DAYS
    assert k.weights(FY2024) == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert distribute(k, FY2024, 36_600) == [3100, 2900, 3100, 3000, 3100, 3000, 3100, 3100, 3000, 3100, 3000, 3100]
    assert k.weights(FY2025)[1] == 28
    # 1 000 öre over 365 days: the eight öre left go to the seven 31-day months and February.
    assert distribute(k, FY2025, 1000) == [85, 77, 85, 82, 85, 82, 85, 85, 82, 85, 82, 85]
    assert distribute(k, FY2023_24, 36_600) == [3100, 3100, 3000, 3100, 3000, 3100, 3100, 2900, 3100, 3000, 3100,
                                                3000]


def test_working_days():
    k = Key.working_days("Arbetsdagar")
    eves = Key.working_days("Arbetsdagar inkl aftnar", tertial.HolidayFlags.EVES_WORKING)
    assert k.kind is KeyKind.WORKING_DAYS
    w2025 = [21, 20, 21, 20, 20, 19, 23, 21, 22, 23, 20, 19]
    assert k.weights(FY2025) == w2025
    assert distribute(k, FY2025, 249_000 * KR) == [w * 1000 * KR for w in w2025]
    assert eves.weights(FY2025) == [21, 20, 21, 20, 20, 20, 23, 21, 22, 23, 20, 21]
    assert eves.distribute(FY2025, -252_000 * KR)[11] == -21_000 * KR
    assert k.weights(FY2024) == [22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18]
    assert distribute(k, FY2024, 251 * KR) == [2200, 2100, 2000, 2100, 2100, 1800, 2300, 2200, 2100, 2300, 2100,
                                               1800]
    assert k.weights(FY2025_26) == [23, 21, 22, 23, 20, 19, 20, 20, 22, 20, 19, 21]
    assert distribute(k, FY2025_26, 1) == [1] + [0] * 11
    with pytest.raises(tertial.RangeError):
        k.distribute(FiscalYear(2199, 7), 100)  # reaches 2200, outside the holiday years
    with pytest.raises(tertial.InvalidArgumentError):
        Key.working_days("x", 4)


def test_salary_profile():
    k = Key.salary("Lön", SALARY)
    assert k.kind is KeyKind.SALARY
    assert distribute(k, FY2026, 1_140_000 * KR) == [100_000 * KR] * 6 + [40_000 * KR] + [100_000 * KR] * 5
    assert distribute(k, FY2025_26, 1_140_000 * KR)[0] == 40_000 * KR  # July first
    assert distribute(k, FY2026, 1000) == [88, 88, 88, 88, 88, 88, 35, 88, 88, 87, 87, 87]
    assert distribute(k, FY2025_26, 1000) == [35, 88, 88, 88, 88, 88, 88, 88, 88, 87, 87, 87]
    assert k.weights(FY2025_26) == SALARY[6:] + SALARY[:6]


def test_weight_errors():
    for bad in ([1, 1, 1, -1] + [1] * 8, [0] * 12):
        with pytest.raises(tertial.InvalidArgumentError):
            Key.salary("Lön", bad)
    with pytest.raises(tertial.InvalidArgumentError):
        Key.custom("Egen", [0] * 12)
    with pytest.raises(tertial.InvalidArgumentError):
        Key.equal("")
    with pytest.raises(tertial.InvalidArgumentError):
        Key.last_year("Fjolår", [0] * 5 + [INT64_MIN] + [0] * 6)
    with pytest.raises(ValueError, match="twelve"):
        Key.custom("Egen", [1] * 11)
    with pytest.raises(TypeError):
        Key.custom("Egen", [1.0] * 12)  # weights are ints
    with pytest.raises(TypeError):
        Key.custom("Egen", None)
    with pytest.raises(TypeError):
        Key.equal("x").distribute(2026, 100)  # a FiscalYear, not a year


def test_last_year_profile():
    last = [1_000_000 * KR] * 11 + [800_000 * KR]
    k = Key.last_year("Fjolår", last)
    assert k.kind is KeyKind.LAST_YEAR and k.falls_back is False
    assert distribute(k, FY2026, 5_900_000 * KR) == [500_000 * KR] * 11 + [400_000 * KR]
    assert distribute(k, FY2025_26, 5_900_000 * KR)[11] == 400_000 * KR
    # Amounts cross as money: the same year in Decimal kronor.
    assert Key.last_year("Fjolår", [Decimal(1_000_000)] * 11 + [Decimal(800_000)]).weights(FY2026) == \
        k.weights(FY2026)
    revenue = Key.last_year("Fjolår", [-300, -300, -300] + [0] * 9)
    assert distribute(revenue, FY2026, -900) == [-300, -300, -300] + [0] * 9
    assert distribute(revenue, FY2026, 100) == [34, 33, 33] + [0] * 9


def test_last_year_fallbacks():
    for last in ([0] * 12, [500, -500] + [0] * 10, [100] * 11 + [-50]):
        k = Key.last_year("Fjolår", last)
        assert k.falls_back is True and k.weights(FY2026) == [1] * 12
        assert distribute(k, FY2026, 100) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    row = Key.last_year("Radens fjolår")  # no amounts of its own
    assert row.falls_back is False
    assert distribute(row, FY2026, 100) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    assert row.distribute_row(FY2026, 100, [0] * 11 + [7]) == [0] * 11 + [100]
    assert row.distribute_row(FY2026, 100, [100] * 11 + [-50]) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    assert row.distribute_row(FY2026, 100) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    assert Key.equal("Tolftedelar").distribute_row(FY2026, 12, [0] * 11 + [7]) == [1] * 12


def test_custom():
    k = Key.custom("Egen", [3] + [1] * 10 + [0])
    assert k.kind is KeyKind.CUSTOM
    assert distribute(k, FY2024, 1300) == [300] + [100] * 10 + [0]
    assert distribute(k, FY2025_26, 1300)[0] == 300
    assert distribute(k, FY2026, 10) == [2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]
    big = Key.custom("Stor", [INT64_MAX, INT64_MAX] + [0] * 9 + [1])
    assert distribute(big, FY2026, 3) == [2, 1] + [0] * 10
    assert big.distribute(FY2026, INT64_MIN)[11] == 0


def test_every_key_rounds_each_month_to_its_share():
    keys = [Key.equal("Tolftedelar"), Key.calendar_days("Kalenderdagar"), Key.working_days("Arbetsdagar"),
            Key.salary("Lön", SALARY), Key.last_year("Fjolår", [-5, -7, -9, -11, -13, -15, -17, -19, -21, -23, -25, 0]),
            Key.custom("Egen", [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8])]
    for k in keys:
        for fy in (FY2024, FY2025_26):
            weights = k.weights(fy)
            total = sum(weights)
            for annual in (0, 100, 1_234_567, -1_000_000 * KR - 7, INT64_MAX):
                for month, w in zip(distribute(k, fy, annual), weights):
                    floor = annual * w // total  # Python's exact integers: the share rounded down
                    assert month in (floor, floor + 1), (k.name, annual)


def fixture_keyset():
    s = KeySet()
    s.add(Key.salary("Lön", SALARY))
    s.add(Key.calendar_days("Kalenderdagar"))
    s.add(Key.working_days("Arbetsdagar"))
    s.add(Key.custom("Egen", [1] * 12))
    return s


def test_resolve_inheritance(fx):
    m, u = fx
    s = fixture_keyset()
    s.assign(None, "50", "59", "Lön")
    s.assign(u["sn"], None, None, "Kalenderdagar")
    s.assign(u["ifo"], "46", "46", s["Arbetsdagar"])  # a Key of the set, or its name
    s.assign(u["hvb"], "4610", "4610", "Egen")
    assert s.rule_count == 4

    def resolve(unit, account, period=202601):
        return s.resolve(m.org, unit, account, period).name

    assert resolve(u["hvb"], "4610") == "Egen"
    assert resolve(u["hvb"], "4620") == "Arbetsdagar"
    assert resolve(u["fs"], "4610") == "Arbetsdagar"
    assert resolve(u["hvb"], "5011") == "Kalenderdagar"
    assert resolve(u["ht"], "5011") == "Kalenderdagar"
    assert resolve(u["k"], "5011") == "Lön"
    assert resolve(u["k"], "3511") == "Tolftedelar"
    assert resolve(u["k"], "5") == "Lön"
    s.default = "Egen"
    assert s.default.name == "Egen" and resolve(u["k"], "3511") == "Egen"
    s.set_default(s["Tolftedelar"])
    assert resolve(u["k"], "3511") == "Tolftedelar"


def test_resolve_prefix_specificity(fx):
    m, u = fx
    s = fixture_keyset()
    s.assign(u["sn"], None, None, "Kalenderdagar")
    s.assign(u["sn"], "50", "59", "Lön")
    assert s.resolve(m.org, u["ht"], "5011", 202601).name == "Lön"
    assert s.resolve(m.org, u["ht"], "4010", 202601).name == "Kalenderdagar"
    s.assign(u["sn"], "50", "50", "Egen")
    assert s.resolve(m.org, u["ht"], "5011", 202601).name == "Egen"
    assert s.resolve(m.org, u["ht"], "5511", 202601).name == "Lön"
    s.assign(u["sn"], "5011", "5011", "Arbetsdagar")
    assert s.resolve(m.org, u["ht"], "50110", 202601).name == "Arbetsdagar"
    s.assign(u["sn"], "50", "59", "Tolftedelar")  # the same unit and range: replaces the key
    assert s.rule_count == 4 and s.resolve(m.org, u["ht"], "5511", 202601).name == "Tolftedelar"


def test_resolve_reorganisation(fx):
    m, u = fx
    s = fixture_keyset()
    s.assign(u["ifo"], "46", "46", "Arbetsdagar")
    s.assign(u["ao"], None, None, "Lön")
    u["ht"].move(u["ifo"], 202607)
    assert s.resolve(m.org, u["ht"], "4610", 202601).name == "Lön"
    assert s.resolve(m.org, u["ht"], "4610", 202607).name == "Arbetsdagar"
    assert s.resolve(m.org, u["ht"], "5011", 202607).name == "Tolftedelar"


def test_keyset_api(fx):
    m, u = fx
    s = fixture_keyset()
    assert len(s) == 5 and s.names == ["Tolftedelar", "Lön", "Kalenderdagar", "Arbetsdagar", "Egen"]
    assert s[0].name == "Tolftedelar" and s[-1].name == "Egen" and s.key(5) is None
    assert s.find("Arbetsdagar").kind is KeyKind.WORKING_DAYS and s["Arbetsdagar"] == s[3]
    assert "Lön" in s and "Saknas" not in s
    with pytest.raises(IndexError):
        s[5]
    with pytest.raises(tertial.NotFoundError):
        s["Saknas"]
    for first, last in [("5", "59"), ("59", "50"), ("5a", "59"), ("50", None), ("12345678901", "12345678901")]:
        with pytest.raises(tertial.InvalidArgumentError):
            s.assign(u["sn"], first, last, "Lön")
    with pytest.raises(tertial.NotFoundError):
        s.assign(u["sn"], "50", "59", "Saknas")
    assert s.rule_count == 0
    with pytest.raises(tertial.NotFoundError):
        s.default = "Saknas"
    with pytest.raises(tertial.NotFoundError):
        s.resolve(m.org, 99, "4610", 202601)
    with pytest.raises(tertial.InvalidArgumentError):
        s.resolve(m.org, u["hvb"], "46x0", 202601)


def test_a_set_owns_its_keys():
    s, other = KeySet(), KeySet()
    k = Key.equal("Jämnt")
    assert k.thisown
    s.add(k)
    assert not k.thisown and k == s["Jämnt"]
    with pytest.raises(ValueError, match="belongs to a key set"):
        other.add(k)  # it would be freed twice
    with pytest.raises(ValueError, match="belongs to a key set"):
        other.add(s[0])
    # A duplicate name: the set frees the key it was given; the Key object is retired, not dangling.
    dup = Key.equal("Jämnt")
    with pytest.raises(tertial.ExistsError):
        s.add(dup)
    gc.collect()
    with pytest.raises(ValueError, match="released"):
        dup.name
    with pytest.raises(ValueError, match="released"):
        other.add(dup)
    with pytest.raises(tertial.InvalidArgumentError):
        s.add(None)
    assert len(s) == 2 and len(other) == 1


def test_keys_outlive_their_set():
    def key_of_a_dropped_set():
        s = KeySet()
        s.add(Key.salary("Lön", SALARY))
        return s["Lön"], s.default

    salary, default = key_of_a_dropped_set()
    gc.collect()
    assert salary.distribute(FY2026, 1_140_000 * KR)[6] == 40_000 * KR
    assert default.name == "Tolftedelar"


def test_key_values_and_flags():
    # What a key was made with comes back as given: a salary key's weights by calendar month
    # (its weights in a July year start with July's 40), last year's amounts with their sign.
    salary = Key.salary("Lön", SALARY)
    assert salary.values == SALARY and salary.weights(FY2025_26)[0] == 40
    revenue = [-5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16]
    assert Key.last_year("Fjolår", revenue).values == revenue
    assert Key.last_year("Radens fjolår").values is None and Key.equal("x").values is None
    assert Key.working_days("Aftnar", tertial.HolidayFlags.EVES_WORKING).holiday_flags is \
        tertial.HolidayFlags.EVES_WORKING
    assert Key.working_days("Arbetsdagar").holiday_flags is tertial.HolidayFlags.DEFAULT
    assert salary.holiday_flags is tertial.HolidayFlags.DEFAULT


def test_keyset_rules(fx):
    m, u = fx
    s = fixture_keyset()
    s.assign(None, "50", "59", "Lön")
    s.assign(u["sn"], None, None, "Kalenderdagar")
    s.assign(u["hvb"], "4610", "4610", "Egen")
    s.assign(None, "50", "59", "Arbetsdagar")  # replaces the first rule's key in its place
    rules = s.rules
    assert [(unit, first, last, key.name) for unit, first, last, key in rules] == [
        (None, "50", "59", "Arbetsdagar"), (u["sn"].id, None, None, "Kalenderdagar"),
        (u["hvb"].id, "4610", "4610", "Egen")]
    assert rules[2][3] == s["Egen"]
    # the rules rebuild a set that resolves alike; the keys outlive the set they came from
    copy = fixture_keyset()
    for unit, first, last, key in rules:
        copy.assign(unit, first, last, key.name)
    del s
    gc.collect()
    assert rules[0][3].name == "Arbetsdagar"
    assert copy.resolve(m.org, u["k"], "5011", 202601).name == "Arbetsdagar"
    assert copy.resolve(m.org, u["ht"], "5011", 202601).name == "Kalenderdagar"
    assert copy.resolve(m.org, u["hvb"], "4610", 202601).name == "Egen"
