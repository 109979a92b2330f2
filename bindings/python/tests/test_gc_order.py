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


# The second slice: forecast plans, key sets, keys, snapshots, reasons, deviations, adherence
# plans and the views of a model, each outliving the model that made them.

def forecast_children_of_a_dropped_model():
    from conftest import build_fixture
    m, u = build_fixture()
    plan = m.forecast_plan
    plan.add_adjustment(u["ht"], "KOST_PERS", 500_000 * 100, tertial.AdjustmentKind.KNOWN_FACTOR,
                        "Ökade vikariekostnader")
    keys = m.keys
    keys.add(tertial.Key.working_days("Arbetsdagar"))
    m.apply_forecast(4)
    import datetime
    snapshot = m.snapshots.take("T1", datetime.date(2026, 5, 12))
    plan_b = m.adherence_plan(u["hvb"])
    plan_b.add_moment("Sommaren")
    found = {
        "plan": plan, "keys": keys, "key": keys["Arbetsdagar"], "default_key": keys.default,
        "budget_key": m.budget_versions.key_for(u["hvb"], m.chart["4610"]), "snapshot": snapshot,
        "snapshot_again": m.snapshots["T1"], "snapshots": m.snapshots, "reasons": m.reasons(u["sn"], 4),
        "deviations": m.deviations(u["sn"], 4), "adherence": plan_b, "versions": m.budget_versions,
        "accruals": m.accruals, "measures": m.measures, "sn": u["sn"],
    }
    m.close()  # closed, and dropped when this function returns
    return found


def use_forecast_children(found):
    assert found["plan"].adjustments[0].reason == "Ökade vikariekostnader"
    assert found["keys"].names == ["Tolftedelar", "Arbetsdagar"]
    assert found["key"].weights(tertial.FiscalYear(2026))[3] == 20
    assert found["default_key"].name == "Tolftedelar" and found["budget_key"].name == "Tolftedelar"
    assert found["snapshot"].total(found["sn"]) == 24_110_000 * 100
    assert found["snapshot_again"] == found["snapshot"] and len(found["snapshots"]) == 1
    assert found["reasons"][0].reason == "Framskrivning av utfall"
    assert found["deviations"]["6420"].unit_code == "6420"
    assert found["adherence"].moments == ["Sommaren"] and found["adherence"].unit.code == "6410"
    assert len(found["versions"]) == 1 and len(found["accruals"]) == 0 and len(found["measures"]) == 0


def test_forecast_children_outlive_the_model():
    found = forecast_children_of_a_dropped_model()
    gc.collect()
    use_forecast_children(found)
    found["keys"].add(tertial.Key.equal("Ny"))  # still a working key set
    found["measures"].add(found["sn"], "KOST_PERS", "Åtgärd")
    assert len(found["measures"]) == 1


@pytest.mark.parametrize("seed", range(12))
def test_forecast_children_random_drop_orders(seed):
    rng = random.Random(seed)
    found = forecast_children_of_a_dropped_model()
    names = [n for n in found if n != "sn"]
    rng.shuffle(names)
    for name in names[:-3]:
        del found[name]
        if rng.random() < 0.5:
            gc.collect()
    gc.collect()
    for name, obj in found.items():
        repr(obj)
        if name == "snapshot":
            assert obj.point == "T1" and len(obj) > 0
        elif name == "deviations":
            assert len(obj) == 6
        elif name == "keys":
            assert len(obj) == 2


def test_a_closed_model_refuses_new_views():
    m = tertial.Model(2026)
    m.close()
    for view in ("snapshots", "budget_versions", "accruals", "measures", "forecast_plan", "keys"):
        with pytest.raises(ValueError, match="closed"):
            getattr(m, view)


def test_demo_model_children_outlive_it():
    def plan_of_a_demo():
        m = tertial.demo(outcome_months=4)
        m.apply_forecast(4)
        return m.forecast_plan, m.deviations(0, 4), m.reasons(0, 4)

    plan, deviations, reasons = plan_of_a_demo()
    gc.collect()
    assert len(deviations) == 301 and deviations[0].unit_code == "0"
    assert plan.adjustment_count == 0 and len(reasons) >= 1


def test_standalone_objects():
    def made():
        s = tertial.KeySet()
        k = tertial.Key.custom("Egen", [1] * 12)
        s.add(k)
        r = tertial.Reasons("6410")
        r.add("Fler placeringar", -100)
        bt = tertial.Backtest([([100] * 12, [100] * 12, [100] * 12)])
        return k, r, bt

    k, r, bt = made()
    gc.collect()
    assert k.distribute(tertial.FiscalYear(2026), 12) == [1] * 12
    assert r.check(-100) == tertial.ReasonsVerdict.OK and len(bt) == 1


# The third slice: reports with their sections and child reports, SIE loads and readers, and
# models read from a store, each outliving what made it.

def edge_children_of_dropped_models(tmp_path):
    import os
    import pathlib
    from conftest import build_report_fixture
    from test_sie import HIERARCHY
    root = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
    m, u = build_report_fixture()
    report = m.report(u["sn"], 4, previous_point="JANFEB", child_depth=1)
    loaded_into = tertial.Model(2024)
    load = loaded_into.load_sie(root / "tests" / "fixtures" / "sie" / "load_type4.se", hierarchy=HIERARCHY)
    with tertial.Store(tmp_path / "gc.db") as store:
        store.save(m)
        stored = store.load()
    found = {
        "report": report, "units": report["units"], "child": report.children[0],
        "child_monthly": report.children[1]["monthly"], "load": load, "catch_all": load.catch_all,
        "reader": tertial.SieReader.from_bytes(bytearray(b'#FLAGGA 0\n#KONTO 1930 "Bank"\n')),
        "stored": stored, "stored_report": stored.report(u["ifo"], 4),
    }
    assert u["sn"].id == SN_ID
    m.close()
    loaded_into.close()  # both closed, and dropped when this function returns
    return found


SN_ID = 1  # Socialnämnden's unit id in conftest.build_fixture()


def use_edge(name, obj):
    repr(obj)
    if name == "report":
        assert obj["units"][3][1] == 6_810_000 * 100 and obj.unit.code == "SN" and len(obj.children) == 2
    elif name == "units":
        assert obj.rows()[1][0] == "Individ- och familjeomsorg" and obj.report.title == "Socialnämnden"
    elif name == "child":
        assert obj.unit.code == "IFO" and obj["key_figures"][0][1] == 2_610_000 * 100
    elif name == "child_monthly":
        assert len(obj) == 12 and obj.report.unit_code == "AO"
    elif name == "load":
        assert obj.summary.catch_all_outcome == -260_000 and len(obj.notes) == 6 and obj.catch_all.code == "SIE"
    elif name == "catch_all":
        assert obj.name == "Ej placerat (SIE)" and len(obj.org) == 8
    elif name == "reader":
        assert obj.closed or [r.text for r in obj][1:] == ["Bank"]
    elif name == "stored":
        assert obj.snapshots["T1"].total(SN_ID) == 24_110_000 * 100 and len(obj.org) == 7
    elif name == "stored_report":
        assert obj["units"][-1][1] == 2_610_000 * 100


def test_edge_children_outlive_their_models(tmp_path):
    found = edge_children_of_dropped_models(tmp_path)
    gc.collect()
    for name, obj in found.items():
        use_edge(name, obj)


@pytest.mark.parametrize("seed", range(12))
def test_edge_children_random_drop_orders(seed, tmp_path):
    rng = random.Random(seed)
    found = edge_children_of_dropped_models(tmp_path)
    names = list(found)
    rng.shuffle(names)
    for name in names[:-3]:
        del found[name]
        if rng.random() < 0.5:
            gc.collect()
    gc.collect()
    for name, obj in found.items():
        use_edge(name, obj)
