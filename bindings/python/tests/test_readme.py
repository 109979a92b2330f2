"""The examples of bindings/python/README.md run and their assertions hold."""
import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def examples():
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_example(capsys):
    exec(compile(examples()[0], str(README), "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("Socialnämnden: utfall t.o.m. april 2026, tkr")
    assert "-2 000" in out and "41,67" in out


def test_readme_forecast_example():
    namespace = {}
    exec(compile(examples()[1], str(README), "exec"), namespace)
    assert namespace["t1"].point == "T1" and namespace["deviation"] < 0


def test_readme_files_example():
    assert len(examples()) == 5
    ns = {}
    exec(compile(examples()[2], str(README), "exec"), ns)
    written, total = ns["written"], ns["total"]
    assert ns["psaldo"] == written.outcome + written.prior  # the unit records of the file
    assert ns["load"].summary.budget == written.budget > 0
    key = ns["report"]["key_figures"].to_dicts()[0]  # the report outlives the closed model
    assert total["label"] == "Summa" and total["outcome_acc"] == key["outcome_acc"] > 0
    assert total["forecast"] == key["forecast"] and key["label"] == "Socialnämnden"
    assert ns["doc"]["unit"]["code"] == "3" and ns["csv_text"].startswith("Socialnämnden;")


def test_readme_round_example(capsys):
    exec(compile(examples()[3], str(README), "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("mona (Mona Månsson) may not change the texts of 3121 (Enhet 1.2.1) at follow-up point T1: "
                      "follow-up point T1 is locked since 2026-05-12 09:00 by eva (Eva Ekonom)")
    assert out[1:] == ["2026-05-12 09:00:00+00:00 mona text summary Vikarierna kostar mer än budgeterat.",
                       "2026-05-12 09:00:00+00:00 mona status in progress",
                       "2026-05-12 09:00:00+00:00 mona status submitted: Klart"]


def test_readme_dataframe_example(capsys):
    pytest.importorskip("pandas")
    ns = {}
    exec(compile(examples()[4], str(README), "exec"), ns)
    out = capsys.readouterr().out
    assert "HVB barn och unga" in out and "9999999.75" in out
    assert ns["table"]["Ack budget"].tolist() == [8_000_000.0, 8_000_000.0]
