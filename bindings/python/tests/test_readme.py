"""The example at the top of bindings/python/README.md runs and its assertions hold."""
import pathlib
import re


def test_readme_example(capsys):
    readme = pathlib.Path(__file__).resolve().parents[1] / "README.md"
    code = re.search(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S).group(1)
    exec(compile(code, str(readme), "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("Socialnämnden: utfall t.o.m. april 2026, tkr")
    assert "-2 000" in out and "41,67" in out
