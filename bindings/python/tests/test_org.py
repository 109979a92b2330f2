"""Organisations and units: iteration, lookup, walks and reorganisations."""
import pytest

import tertial
from tertial import Org, Unit

APRIL, JULY = 202604, 202607


@pytest.fixture
def org():
    o = Org()
    kommun = o.add_unit("1", "Exempelkommun", None, 0)
    sn = o.add_unit("6", "Socialnämnden", kommun, 1, "Eva Ek")
    o.add_unit("6410", "HVB barn och unga", sn, 5, "Per Berg")
    o.add_unit("6420", "Familjehem", sn, 5)
    o.add_unit("3", "Barn- och utbildningsnämnden", kommun, 1)
    return o


def test_levels():
    o = Org()
    assert o.levels == ["kommun", "nämnd", "förvaltning", "sektor/avdelning", "verksamhet", "enhet"]
    assert o.level_count == 6 and o.level_name(1) == "nämnd" and o.level_name(6) is None
    o.clear_levels()
    assert o.add_level("kommun") == 0 and o.add_level("område") == 1
    assert o.levels == ["kommun", "område"]
    with pytest.raises(tertial.ExistsError):
        o.add_level("område")
    o.add_unit("1", "K", None, 0)
    with pytest.raises(tertial.StateError):
        o.clear_levels()


def test_units_and_lookup(org):
    assert len(org) == 5
    hvb = org["6410"]
    assert isinstance(hvb, Unit) and hvb.id == 2 and int(hvb) == 2
    assert (hvb.code, hvb.name, hvb.manager, hvb.level) == ("6410", "HVB barn och unga", "Per Berg", 5)
    assert hvb.level_name == "enhet"
    assert org[2] == hvb == org.unit(2) == org.find("6410") and org[-1].code == "3"
    assert hash(org[2]) == hash(hvb) and org[1] != hvb and hvb != 2
    assert "6410" in org and "9999" not in org and hvb in org and 2 not in org
    assert [u.code for u in org] == ["1", "6", "6410", "6420", "3"]
    assert org["6420"].manager == ""
    with pytest.raises(IndexError):
        org[5]
    with pytest.raises(tertial.NotFoundError):
        org["9999"]
    assert "HVB barn och unga" in repr(hvb)


def test_manager_is_live(org):
    hvb = org["6410"]
    again = org[2]
    hvb.manager = "Anna Lund"
    assert again.manager == "Anna Lund"
    org.set_manager(again, "Bo Ek")
    assert hvb.manager == "Bo Ek"


def test_parent_depth_and_within(org):
    hvb = org["6410"]
    assert hvb.parent(APRIL) == org["6"] and org["1"].parent(APRIL) is None
    assert org.parent(hvb, APRIL) == org["6"]
    assert hvb.depth(APRIL) == 2 and org.depth(org["1"], APRIL) == 0
    assert hvb.is_within(org["1"], APRIL) is True and hvb.is_within(hvb, APRIL) is True
    assert org["6"].is_within(hvb, APRIL) is False
    with pytest.raises(tertial.NotFoundError):
        org.depth(42, APRIL)


def test_walks(org):
    walk = [(u.code, depth) for u, depth in org.walk(APRIL)]
    assert walk == [("1", 0), ("6", 1), ("6410", 2), ("6420", 2), ("3", 1)]
    assert [(u.code, d) for u, d in org.walk(APRIL, root=org["6"])] == [("6", 0), ("6410", 1), ("6420", 1)]
    assert [u.code for u, _ in org["6"].walk(APRIL)] == ["6", "6410", "6420"]
    it = org.walk(APRIL)
    assert iter(it) is it
    assert next(it)[0].code == "1"
    assert len(list(it)) == 4
    with pytest.raises(StopIteration):
        next(it)


def test_walk_is_a_snapshot(org):
    it = org.walk(APRIL)
    org.add_unit("7", "Ny nämnd", org["1"], 1)
    assert len(list(it)) == 5


def test_reorganisation(org):
    hvb, bun = org["6410"], org["3"]
    hvb.move(bun, JULY)
    assert hvb.parent(APRIL) == org["6"] and hvb.parent(JULY) == bun
    assert [u.code for u, _ in org["3"].walk(JULY)] == ["3", "6410"]
    assert [u.code for u, _ in org["3"].walk(APRIL)] == ["3"]
    org.move(hvb, org["6"], 202610)
    assert hvb.parent(202611) == org["6"]
    with pytest.raises(tertial.StateError):
        org["1"].move(hvb, JULY)  # a root cannot move under its descendant
    with pytest.raises(tertial.RangeError):
        hvb.move(bun, 202613)


def test_ids_accept_units_ints_and_none(org):
    assert org.is_within(2, 0, APRIL) is True
    with pytest.raises(TypeError):
        org.parent(2.0, APRIL)
    with pytest.raises(OverflowError):
        org.parent(-1, APRIL)
    with pytest.raises(tertial.NotFoundError):
        org.parent(None, APRIL)  # None is TERTIAL_NO_UNIT
