#!/usr/bin/python3
"""Write tertial/__init__.pyi, the type stub editors complete the API from, by introspecting the
built package: every name of tertial.__all__ — classes with their methods (signatures, with the
types the docstrings name), properties and enum members, functions, constants.

    PYTHONPATH=build/bindings/python python3 bindings/python/make_stub.py \\
        bindings/python/tertial/__init__.pyi

tests/test_stub.py checks that the committed stub is what this script writes now.
"""
import enum
import inspect
import re
import sys

import tertial

HEADER = '''"""Type stub of the tertial package (written by bindings/python/make_stub.py from the built
package; do not edit by hand). Money is int öre; see the docstrings for each call."""
from typing import Any

'''

TYPES = {"int": "int", "str": "str", "string": "str", "float": "float", "bool": "bool"}


def doc_types(doc):
    """The parameter types (:type x: T) and the return type a docstring names."""
    params, ret = {}, None
    for m in re.finditer(r"^:type (\w+): (\w+)\s*$", doc or "", re.M):
        if m.group(2) in TYPES:
            params[m.group(1)] = TYPES[m.group(2)]
    m = re.search(r"^:rtype: (\w+)\s*$", doc or "", re.M)
    if m and m.group(1) in TYPES:
        ret = TYPES[m.group(1)]
    return params, ret


def signature(func, method):
    """'(self, a: int, b: str = ...) -> Any' for a function, from its signature and docstring."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return "(self, *args: Any, **kwargs: Any) -> Any" if method else "(*args: Any, **kwargs: Any) -> Any"
    types, ret = doc_types(func.__doc__)
    parts, star = [], False
    params = list(sig.parameters.values())
    if method and params and params[0].name != "self" and params[0].kind is params[0].POSITIONAL_OR_KEYWORD:
        params[0] = params[0].replace(name="self")  # a function bound as a method: its first argument is self
    for p in params:
        text = p.name
        if p.kind is p.VAR_POSITIONAL:
            text, star = "*" + p.name, True
        elif p.kind is p.VAR_KEYWORD:
            text = "**" + p.name
        elif p.kind is p.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        if p.name != "self":
            text += ": " + types.get(p.name, "Any")
        if p.default is not p.empty:
            text += " = ..."
        parts.append(text)
    if method and (not parts or parts[0] != "self"):
        parts.insert(0, "self")
    return f"({', '.join(parts)}) -> {ret or 'Any'}"


def first_line(doc):
    line = (doc or "").strip().split("\n")[0].strip().replace('"""', "'''")
    return line[:100]


def write_class(out, name, cls):
    bases = "enum.IntEnum" if issubclass(cls, enum.IntEnum) else (
        "tuple" if issubclass(cls, tuple) else "Exception" if issubclass(cls, BaseException) else "")
    out.append(f"class {name}({bases}):" if bases else f"class {name}:")
    doc = first_line(cls.__doc__)
    body = [f'    """{doc}"""'] if doc else []
    if issubclass(cls, enum.Enum):
        body += [f"    {m.name} = {int(m.value)}" for m in cls]
    members = {}
    for klass in reversed(cls.__mro__[:-1]):  # the class's own members last
        if klass.__module__.startswith("tertial") or klass is cls:
            members.update(vars(klass))
    for attr in sorted(members):
        if (attr.startswith("_") and attr != "__init__") or attr == "thisown":
            continue
        member = members[attr]
        if issubclass(cls, enum.Enum) and attr in cls.__members__:
            continue
        if isinstance(member, property):
            body.append(f"    {attr}: Any")
        elif isinstance(member, staticmethod):
            body += ["    @staticmethod", f"    def {attr}{signature(member.__func__, False)}: ..."]
        elif isinstance(member, classmethod):
            body += ["    @classmethod", f"    def {attr}{signature(member.__func__, True).replace('(self', '(cls', 1)}: ..."]
        elif callable(member) and not isinstance(member, type):
            sig = signature(member, True)
            body.append(f"    def {attr}{sig.rsplit(' -> ', 1)[0] + ' -> None' if attr == '__init__' else sig}: ...")
    fields = getattr(cls, "_fields", None) or getattr(cls, "__match_args__", None) or ()
    if issubclass(cls, tuple):
        body += [f"    {f}: Any" for f in fields if f"    {f}: Any" not in body]
    out += body or ["    ..."]
    out.append("")


def stub():
    out = [HEADER.rstrip("\n"), "import enum", ""]
    for name in sorted(tertial.__all__):
        value = getattr(tertial, name)
        if isinstance(value, type):
            write_class(out, name, value)
        elif callable(value):
            out.append(f"def {name}{signature(value, False)}: ...")
        elif isinstance(value, (int, str, float)) and not isinstance(value, bool):
            out.append(f"{name}: {type(value).__name__}")
        else:
            out.append(f"{name}: Any")
    out.append("__version__: str")
    return "\n".join(out) + "\n"


def main():
    text = stub()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
