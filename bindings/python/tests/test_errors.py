"""Error codes raise a small exception hierarchy carrying tertial_error_last()."""
import pytest

import tertial
from tertial import ErrorCode

CLASSES = {
    ErrorCode.INVALID: (tertial.InvalidArgumentError, ValueError),
    ErrorCode.NOMEM: (tertial.NoMemoryError, MemoryError),
    ErrorCode.OVERFLOW: (tertial.MoneyOverflowError, OverflowError),
    ErrorCode.PARSE: (tertial.ParseError, ValueError),
    ErrorCode.NOT_FOUND: (tertial.NotFoundError, LookupError),
    ErrorCode.EXISTS: (tertial.ExistsError, ValueError),
    ErrorCode.RANGE: (tertial.RangeError, ValueError),
    ErrorCode.IO: (tertial.TertialIOError, OSError),
    ErrorCode.STATE: (tertial.StateError, RuntimeError),
    ErrorCode.BUFFER: (tertial.BufferTooSmallError, tertial.TertialError),
    ErrorCode.CANCELLED: (tertial.CancelledError, tertial.TertialError),
    ErrorCode.CONFLICT: (tertial.ConflictError, tertial.TertialError),
    ErrorCode.NOT_PERMITTED: (tertial.NotPermittedError, PermissionError),
}


def test_every_error_code_has_a_class():
    assert set(CLASSES) == {c for c in ErrorCode if c != ErrorCode.OK}


@pytest.mark.parametrize("code", sorted(CLASSES))
def test_mapping(code):
    cls, builtin = CLASSES[code]
    assert issubclass(cls, tertial.TertialError) and issubclass(cls, builtin)
    assert cls.__module__ == "tertial"
    tertial.error_clear()
    with pytest.raises(cls) as info:
        tertial.core._raise(code)
    e = info.value
    assert e.code == code and isinstance(e.code, ErrorCode)
    # No message was recorded for this code: the fixed description stands in.
    assert str(e) == e.message == tertial.strerror(code)


def test_unknown_code_raises_the_base_class():
    with pytest.raises(tertial.TertialError) as info:
        tertial.core._raise(-1000)
    assert type(info.value) is tertial.TertialError and info.value.code == -1000
    assert str(info.value) == "unknown error"


def test_message_is_the_last_error():
    with pytest.raises(tertial.ParseError) as info:
        tertial.money_parse("12,5x", tertial.MoneyStyle.SWEDISH)
    assert str(info.value) == tertial.error_last() != ""
    assert tertial.error_last_code() == ErrorCode.PARSE
    tertial.error_clear()
    assert tertial.error_last() == "" and tertial.error_last_code() == ErrorCode.OK


def test_strerror():
    assert tertial.strerror(ErrorCode.NOT_FOUND) == "not found"
    assert tertial.strerror(0) == "success"
    assert tertial.strerror(12345) == "unknown error"


def test_errors_from_real_calls(model):
    org, chart = model.org, model.chart
    kommun = org.add_unit("1", "Kommun", None, 0)
    sn = org.add_unit("6", "Socialnämnden", kommun, 1)
    with pytest.raises(tertial.ExistsError, match='"6"'):
        org.add_unit("6", "Igen", kommun, 1)
    with pytest.raises(tertial.NotFoundError):
        org.add_unit("7", "Utan förälder", 99, 1)
    with pytest.raises(tertial.RangeError):
        org.add_unit("8", "Fel nivå", kommun, 42)
    with pytest.raises(tertial.StateError):
        org.move(kommun, sn, 202603)  # kommun under its own child
    with pytest.raises(tertial.InvalidArgumentError):
        chart.add("45x0", "Inte siffror", tertial.AccountType.COST)
    with pytest.raises(tertial.RangeError):
        tertial.FiscalYear(2026, 13)
    with pytest.raises(tertial.ParseError) as info:
        model.calendar.parse("T9;Tertial 9;4;1\n", "punkter.txt")
    assert "punkter.txt:1" in str(info.value)
    acc = chart.ensure("4610")
    model.ledger.add(sn, acc, 0, tertial.MEASURE_OUTCOME, 2**63 - 1)
    with pytest.raises(tertial.MoneyOverflowError):
        model.ledger.add(sn, acc, 0, tertial.MEASURE_OUTCOME, 1)
    with pytest.raises(tertial.NotFoundError):
        model.forecast(sn, "KOST_PERS")


def test_catching_by_builtin_class(model):
    # Code that knows nothing of Tertial still catches the natural Python class.
    with pytest.raises(LookupError):
        model.org.find("nope")
    with pytest.raises(ValueError):
        tertial.money_parse("abc", tertial.MoneyStyle.ANY)
    with pytest.raises(OverflowError):
        tertial.money_mul(2**62, 4)
