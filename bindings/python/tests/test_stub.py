"""The type stub (tertial/__init__.pyi) is current: what make_stub.py writes from the built package."""
import ast
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STUB = os.path.join(HERE, "..", "tertial", "__init__.pyi")
MAKER = os.path.join(HERE, "..", "make_stub.py")


def test_stub_is_current():
    written = subprocess.run([sys.executable, MAKER], capture_output=True, text=True, check=True).stdout
    with open(STUB, encoding="utf-8") as f:
        committed = f.read()
    assert written == committed, ("bindings/python/tertial/__init__.pyi is out of date: run "
                                  "PYTHONPATH=build/bindings/python python3 bindings/python/make_stub.py "
                                  "bindings/python/tertial/__init__.pyi")


def test_stub_parses_and_names_the_api():
    with open(STUB, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    assert {"Model", "Ledger", "Org", "Report", "Round", "Audit", "MeasureKind"} <= set(classes)
    ledger = {n.name: n for n in classes["Ledger"].body if isinstance(n, ast.FunctionDef)}
    args = [a.arg for a in ledger["load_csv"].args.args]
    assert args == ["self", "path", "delimiter", "measure"]
    add = [a.arg for a in ledger["add"].args.args]
    assert add == ["self", "unit", "account", "month", "measure", "amount"]
    kinds = {t.targets[0].id: t.value.value for t in classes["MeasureKind"].body if isinstance(t, ast.Assign)}
    assert kinds == {"FOR_DEVIATION": 0, "EFFICIENCY": 1}
