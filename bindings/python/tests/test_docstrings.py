"""Docstrings are written for Python users: no out-parameters, NULL or C error codes (issue 15)."""
import re

import tertial
import tertial.core as core

C_NOTATION = re.compile(r"::TERTIAL|\bNULL\b|:param out(_\w+)?:|:type out(_\w+)?:|:return: 0\b|\bTERTIAL_ERR_")


def public_docs():
    """(name, docstring) of every public function, method and property of the package."""
    for name in dir(tertial):
        if name.startswith("_"):
            continue
        value = getattr(tertial, name)
        if isinstance(value, type):
            for member_name, member in vars(value).items():
                if member_name.startswith("__"):
                    continue
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if isinstance(member, property) or callable(member):
                    yield f"{name}.{member_name}", member.__doc__
        elif callable(value):
            yield name, value.__doc__


def test_no_c_notation_in_any_docstring():
    docs = list(public_docs())
    assert len(docs) > 900
    bad = {name: C_NOTATION.search(doc).group(0) for name, doc in docs if doc and C_NOTATION.search(doc)}
    assert not bad, f"C notation in {len(bad)} docstrings: {sorted(bad.items())[:10]}"


def test_out_parameter_is_the_return_and_codes_are_exceptions():
    doc = tertial.Org.add_unit.__doc__
    assert doc.startswith("Add a unit.\n")
    assert ":param code: unique, non-empty responsibility code (copied).\n:type code: str\n" in doc
    assert ":param parent: the parent unit, or None for a root." in doc
    assert ":return: the new unit's id. Ids are dense: 0, 1, 2, ..." in doc
    assert ":raises ExistsError:\n:raises NotFoundError: parent\n:raises RangeError: level\n" in doc
    assert "out_id" not in doc and "rtype" not in doc


def test_conversion_rules():
    c_doc = """
    Do a thing to a unit.
    :type out_value: int
    :param out_value: receives the value (may be NULL).
    :type name: string
    :param name: a name, or NULL for none; see ::tertial_x() and ::TERTIAL_MEASURE_OUTCOME.
    :rtype: int
    :return: 0, ::TERTIAL_ERR_NOT_FOUND (no such unit (or account)), ::TERTIAL_ERR_INVALID.
    """
    assert core._python_doc(c_doc) == (
        "Do a thing to a unit.\n\n"
        ":param name: a name, or None for none; see tertial_x() and MEASURE_OUTCOME.\n"
        ":type name: str\n"
        ":return: the value.\n"
        ":raises NotFoundError: no such unit (or account)\n"
        ":raises InvalidArgumentError:\n")
    # a value return stays a return; a docstring without C notation is left as it is
    assert core._python_doc("The count.\n:rtype: int\n:return: how many there are.") == (
        "The count.\n\n:return: how many there are.\n")
    plain = "Written for Python already."
    assert core._python_doc(plain) is plain
