"""pip installs the package from pyproject.toml (meson-python) into a fresh venv, offline.

Run by the suite 'pip' (bindings/python/meson.build) with the Python the bindings are built for;
TERTIAL_SOURCE_ROOT is the source tree. The tree is copied first, so that the build leaves nothing
in it (meson-python writes a native file into the source directory). Needs python3-mesonpy,
python3-venv and python3-pip (scripts/setup.sh --test).
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import pytest

SOURCE = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
# Build trees, VCS data and caches are not part of the source.
IGNORE = shutil.ignore_patterns("build*", ".git", ".mesonpy*", "__pycache__", "*.pyc", "bench/out")

# What the installed package must compute: the demo municipality's root at the October cut-off,
# the same figures as the meson-built module gives (checked against it below).
PROBE = """
import sys, tertial
m = tertial.demo()
total = m.followup(m.org["0"], 10).rows()[-1]
print(tertial.__version__, tertial.core._tertial.__file__, total.outcome_acc, total.budget_year, len(m.org))
"""


@pytest.fixture(scope="module")
def venv():
    pytest.importorskip("mesonpy", reason="python3-mesonpy is not installed")
    with tempfile.TemporaryDirectory(prefix="tertial-pip-") as tmp:
        tmp = pathlib.Path(tmp)
        src = tmp / "src"
        shutil.copytree(SOURCE, src, ignore=IGNORE, symlinks=True)
        v = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(v)], check=True)
        python = v / "bin" / "python"
        env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
        for var in ("PYTHONPATH", "PYTHONMALLOC"):  # the test's own settings, not the venv's
            env.pop(var, None)
        subprocess.run([str(python), "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
                        "-w", str(tmp / "dist"), str(src)], check=True, env=env)
        wheels = list((tmp / "dist").glob("tertial-*.whl"))
        assert len(wheels) == 1, wheels
        subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-deps", str(wheels[0])],
                       check=True, env=env)
        yield python, env, wheels[0], src


def test_wheel_holds_the_package(venv):
    python, env, wheel, _ = venv
    # pure Python files sit under tertial-VERSION.data/purelib/, installed beside the module
    names = [re.sub(r"^tertial-[^/]*\.data/(pure|plat)lib/", "", n) for n in zipfile.ZipFile(wheel).namelist()]
    assert {"tertial/__init__.py", "tertial/core.py", "tertial/__main__.py"} <= set(names)
    modules = [n for n in names if n.startswith("tertial/_tertial.") and n.endswith(".so")]
    assert len(modules) == 1, names
    # libtertial is linked into the module: nothing else native, no headers, no CLI
    assert not [n for n in names if n.endswith((".so", ".a", ".h")) and n not in modules], names


def test_version(venv):
    python, env, _, _ = venv
    out = subprocess.run([str(python), "-m", "tertial", "--version"], check=True, env=env,
                         capture_output=True, text=True, cwd="/").stdout
    import tertial
    assert out == f"tertial {tertial.__version__}\n" and tertial.__version__ == "0.1.0"


def test_imports_and_computes(venv):
    python, env, _, _ = venv
    out = subprocess.run([str(python), "-c", PROBE], check=True, env=env, capture_output=True, text=True,
                         cwd="/").stdout.split()
    version, module, outcome, budget, units = out
    assert pathlib.Path(module).is_relative_to(python.parent.parent), module  # the venv's, not the build tree's
    import tertial
    m = tertial.demo()
    total = m.followup(m.org["0"], 10).rows()[-1]
    assert (version, int(outcome), int(budget), int(units)) == (
        tertial.__version__, total.outcome_acc, total.budget_year, 301)
    assert total.outcome_acc > 0 and total.budget_year > 0
