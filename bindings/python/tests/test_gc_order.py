"""Objects taken from others keep them alive: no order of garbage collection crashes.

Run under meson's MALLOC_PERTURB_ and, once more, under PYTHONMALLOC=debug: a use after
free shows up as wrong values or a crash here.
"""
import gc
import random

import pytest

import tertial
from conftest import build_municipality, set_forecasts


def children_of_a_dropped_model():
    m, u = build_municipality()
    set_forecasts(m, u)
    found = {
        "org": m.org, "chart": m.chart, "rowmap": m.rowmap, "calendar": m.calendar, "ledger": m.ledger,
        "unit": u["angs"], "account": m.chart["5011"], "walk": m.org.walk(202604),
        "table": m.followup(u["gr"], 4), "findings": m.check(u["bun"], 4),
        "table_findings": m.followup(u["bun"], 4).check(),
        "fiscal_year": m.fiscal_year,
    }
    return found  # the model goes out of scope here


def use(found):
    assert found["org"]["3110"].name == "Ängsskolan"
    assert found["unit"].parent(202604).code == "310"
    assert found["account"].number == "5011"
    assert found["rowmap"]["KOST_PERS"].label
    assert found["calendar"]["T1"].cutoff == 4
    assert found["ledger"].total(found["unit"]) == 4 * 1_580_000 * 100
    assert [un.code for un, _ in found["walk"]][:2] == ["0", "3"]
    assert found["table"][0].outcome_acc == 6_320_000 * 100
    assert found["table"].unit.code == "310"
    assert len(found["findings"]) == 0 and found["table_findings"].error_count == 0
    assert str(found["fiscal_year"]) == "2026"


def test_children_outlive_the_model():
    found = children_of_a_dropped_model()
    gc.collect()
    use(found)


def test_children_outlive_a_closed_model():
    with tertial.Model(2026) as m:
        org, ledger, rowmap = m.org, m.ledger, m.rowmap
        unit = org.add_unit("1", "Kommun", None, 0)
        acc = m.chart.ensure("4610")
        ledger.add(unit, acc, 0, tertial.MEASURE_OUTCOME, 100)
        table = m.followup(unit, 1)
        walk = org.walk(202601)
    assert m.closed
    gc.collect()
    assert unit.name == "Kommun" and ledger.total(unit) == 100 and table[-1].outcome_acc == 100
    assert rowmap.result_row is not None and next(walk)[0] == unit
    org.add_unit("2", "Nämnd", unit, 1)  # still a working organisation
    assert len(org) == 2


def test_a_closed_model_without_children_is_freed():
    m = tertial.Model(2026)
    this = m.this
    m.close()
    assert this.own()  # the SWIG object owns the model until it goes
    del this
    gc.collect()


def test_iterator_outlives_organisation_and_model():
    def walk():
        m = tertial.Model(2026)
        top = m.org.add_unit("1", "K", None, 0)
        m.org.add_unit("2", "N", top, 1)
        return m.org.walk(202601)

    it = walk()
    gc.collect()
    assert [(u.code, d) for u, d in it] == [("1", 0), ("2", 1)]


def test_standalone_ledger_keeps_org_and_chart():
    def ledger():
        org, chart = tertial.Org(), tertial.Chart()
        u = org.add_unit("1", "K", None, 0)
        a = chart.ensure("4610")
        led = tertial.Ledger(org, chart, tertial.FiscalYear(2026))
        led.add(u, a, 0, tertial.MEASURE_OUTCOME, 5)
        return led

    led = ledger()
    gc.collect()
    assert led.total(0) == 5
    led.add_by_code("1", "4610", 1, tertial.MEASURE_OUTCOME, 5)
    assert led.total(0) == 10


def test_replaced_rowmap_objects_are_retired_not_dangling(model):
    old = model.rowmap
    new = tertial.RowMap.kommunbas()
    model.set_rowmap(new)
    gc.collect()
    with pytest.raises(ValueError, match="released"):
        len(old)  # the model freed that mapping: the object refuses, it does not crash
    assert len(new) == len(model.rowmap)
    rejected = tertial.RowMap.parse("row;X;X;sum;\n")
    u = model.org.add_unit("1", "K", None, 0)
    model.set_forecast(u, "KOST_PERS", 1)
    with pytest.raises(tertial.NotFoundError):
        model.set_rowmap(rejected)  # the model freed the rejected mapping
    with pytest.raises(ValueError):
        len(rejected)
    assert len(new) == len(model.rowmap)  # the model kept its mapping, and the objects of it


def test_rowmap_given_to_a_model_outlives_it():
    m = tertial.Model(2026)
    rm = tertial.RowMap.kommunbas()
    m.set_rowmap(rm)
    del m
    gc.collect()
    assert rm["NETTO"].kind == tertial.RowKind.SUM


@pytest.mark.parametrize("seed", range(20))
def test_random_drop_orders(seed):
    rng = random.Random(seed)
    found = children_of_a_dropped_model()
    names = list(found)
    rng.shuffle(names)
    for name in names[:-3]:
        del found[name]
        if rng.random() < 0.5:
            gc.collect()
    gc.collect()
    for name, obj in found.items():  # the survivors still work
        repr(obj)
        if name == "table":
            assert obj.rows()[0].code == "3110"
        elif name == "unit":
            assert obj.code == "3110"
        elif name == "org":
            assert len(obj) == 7
