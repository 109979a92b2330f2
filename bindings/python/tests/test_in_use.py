"""Closing an object while a call on it runs (from a progress callback, an iterator, an
argument's __index__ or another thread) raises StateError instead of freeing what the call works
on; after the call returns it closes as usual."""
import gc
import sys
import threading

import pytest

import tertial
from tertial import MEASURE_OUTCOME


@pytest.fixture
def sie_path(source_root):
    return source_root / "tests" / "fixtures" / "sie" / "load_type4.se"


def loaded(path):
    """What a load of path into a new model gives: (units, ledger lines)."""
    with tertial.Model(2024) as m:
        m.load_sie(path)
        return len(m.org), m.ledger.line_count


def attempt(action):
    """Run action, and return the exception it raised (None if none)."""
    try:
        action()
    except Exception as e:  # noqa: BLE001 - the test looks at what it is
        return e
    return None


def test_model_close_in_a_load_sie_progress_callback(sie_path):
    m = tertial.Model(2024)
    seen = []

    def progress(done, total):
        seen.append(done)
        m.close()

    with pytest.raises(tertial.StateError, match=r"the Model is in use by sie_load_file\(\); close it after") as e:
        m.load_sie(sie_path, block_size=256, progress=progress)
    assert e.value.code == tertial.ErrorCode.STATE and isinstance(e.value, RuntimeError)
    assert len(seen) == 1 and not m.closed
    assert len(m.org) == 0  # the stopped load left the model unchanged ...
    m.load_sie(sie_path, block_size=256)  # ... and usable
    assert (len(m.org), m.ledger.line_count) == loaded(sie_path) and len(m.org) > 0
    m.close()
    assert m.closed


def test_model_close_from_another_thread_during_load_sie(sie_path):
    m = tertial.Model(2024)
    closing = []

    def progress(done, total):
        if not closing:  # the other thread runs while this one waits for it (GIL released)
            t = threading.Thread(target=lambda: closing.append(attempt(m.close)))
            t.start()
            t.join()

    m.load_sie(sie_path, block_size=256, progress=progress)
    assert isinstance(closing[0], tertial.StateError) and "in use by sie_load_file()" in str(closing[0])
    assert not m.closed and (len(m.org), m.ledger.line_count) == loaded(sie_path)
    m.close()
    assert m.closed and isinstance(attempt(lambda: m.org), ValueError)


def test_reader_close_in_its_own_progress_callback(sie_path):
    reader = tertial.SieReader(sie_path, block_size=256, progress=lambda done, total: reader.close())
    with pytest.raises(tertial.StateError, match=r"the SieReader is in use by sie_reader_next\(\)"):
        next(reader)
    assert not reader.closed
    reader.close()
    assert reader.closed
    with pytest.raises(ValueError, match="closed"):
        next(reader)
    # A reader read to the end in a with block still closes there.
    with tertial.SieReader(sie_path) as again:
        assert sum(1 for _ in again) > 0
    assert again.closed


def test_model_close_through_an_object_taken_from_it():
    """load(rows) runs on the model's ledger: the rows' iterator closing the model is refused,
    and the load, all or nothing, adds nothing."""
    m = tertial.Model(2026)
    m.org.add_unit("1", "Nämnd", None, 1)
    m.chart.ensure("4610")

    def rows():
        yield ("1", "4610", 0, MEASURE_OUTCOME, 100)
        m.close()
        yield ("1", "4610", 1, MEASURE_OUTCOME, 200)

    with pytest.raises(tertial.StateError, match=r"in use by _ledger_load\(\) \(through its Ledger\)"):
        m.load(rows())
    assert not m.closed and m.ledger.total(m.org["1"]) == 0
    assert m.load([("1", "4610", 1, MEASURE_OUTCOME, 200)]) == 1
    m.close()


class ClosesOnIndex:
    """An argument whose conversion runs Python code (here: closing the model)."""

    def __init__(self, model, value):
        self.model, self.value = model, value

    def __index__(self):
        self.model.close()
        return self.value


def test_model_close_while_the_call_converts_its_arguments():
    m = tertial.Model(2026)
    unit = m.org.add_unit("1", "Nämnd", None, 1)
    with pytest.raises(tertial.StateError, match=r"in use by model_set_forecast\(\)"):
        m.set_forecast(ClosesOnIndex(m, unit.id), "KOST", 100)
    with pytest.raises(tertial.StateError, match=r"in use by org_depth\(\) \(through its Org\)"):
        m.org.depth(ClosesOnIndex(m, unit.id), 202601)
    assert not m.closed and m.org.depth(unit, 202601) == 0
    m.close()


def test_a_call_holds_its_handles_only_while_it_runs(sie_path):
    """The reference a call holds on its model goes with the call, also when it fails."""
    m = tertial.Model(2024)
    before = sys.getrefcount(m.this)
    inside = []
    m.load_sie(sie_path, block_size=256, progress=lambda done, total: inside.append(
        (sys.getrefcount(m.this), [call for _, _, call in tertial.core._calls_in_progress()])))
    assert inside[0] == (before + 1, ["sie_load_file"])
    cancelled = attempt(lambda: m.load_sie(sie_path, block_size=256, progress=lambda done, total: False))
    assert isinstance(cancelled, tertial.CancelledError)
    del cancelled  # its traceback
    gc.collect()
    after = sys.getrefcount(m.this)  # not in the assert: pytest's rewriting holds m.this there
    assert after == before and tertial.core._calls_in_progress() == []
    m.close()


def test_replacing_the_rowmap_while_a_call_uses_the_old_one():
    m = tertial.Model(2026)
    unit = m.org.add_unit("1", "Nämnd", None, 1)
    old = m.rowmap

    class Replaces:
        def __index__(self):
            m.set_rowmap(tertial.RowMap.kommunbas())
            return unit.id

    with pytest.raises(tertial.StateError, match=r"the RowMap is in use by ledger_row_total\(\); replace the mapping"):
        m.ledger.row_total(old, Replaces(), "KOST")
    assert len(old) > 0  # still the model's mapping
    m.set_rowmap(tertial.RowMap.kommunbas())
    with pytest.raises(ValueError, match="released"):
        len(old)
    m.close()
