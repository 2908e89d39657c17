"""The documented offline install: a fresh venv that sees Debian's packages,
`pip install --no-build-isolation ./bindings/python` (setuptools drives CMake),
then `import ansinh` there evaluates the example registry like the CLI.

To stay within a few minutes the build reuses this CTest build tree
(ANSINH_CMAKE_BUILD_DIR, already configured for /usr/bin/python3); everything
else is the documented command. The from-scratch build is the same command
without that variable (docs/python.md)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import AS_OF, REGISTRY, RULES, SOURCE, cli_decisions


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    root = tmp_path_factory.mktemp("venv")
    env_dir = root / "env"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the venv must find its own installed copy
    env["PIP_NO_INDEX"] = "1"     # offline: never ask PyPI
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    build_dir = os.environ.get("ANSINH_BINARY_DIR")
    if build_dir:
        env["ANSINH_CMAKE_BUILD_DIR"] = build_dir
    work = root / "pip-build"
    subprocess.run([str(python), "-m", "pip", "install", "--no-build-isolation", "--no-index",
                    str(SOURCE / "bindings" / "python")], check=True, env=env, cwd=root,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return python, env, work


def test_import_and_evaluate_in_fresh_venv(venv, tmp_path):
    python, env, _ = venv
    script = textwrap.dedent(f"""
        import json, ansinh, pandas as pd
        assert "site-packages" in ansinh.__file__, ansinh.__file__
        rules = ansinh.load({str(RULES)!r})
        lines = [json.loads(l) for l in open({str(REGISTRY)!r}, encoding="utf-8")]
        out = [d.to_dict() for d in rules.evaluate_many(lines, as_of={AS_OF!r})]
        benefits, households, persons = rules.evaluate_frame(
            pd.read_csv({str(SOURCE / 'examples' / 'households.csv')!r}),
            pd.read_csv({str(SOURCE / 'examples' / 'persons.csv')!r}), as_of={AS_OF!r})
        print(json.dumps({{"file": ansinh.__file__, "decisions": out,
                          "total": int(households.total_monthly.sum()), "rows": len(benefits)}}))
    """)
    run = subprocess.run([str(python), "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert str(python.parent.parent) in result["file"]
    cli = cli_decisions([REGISTRY], "--as-of", AS_OF)
    assert result["decisions"] == cli
    assert result["total"] == sum(d["total_monthly"] for d in cli)
    assert result["rows"] > 0


def test_typed_package(venv):
    python, env, _ = venv
    run = subprocess.run([str(python), "-c", "import ansinh, os; d = os.path.dirname(ansinh.__file__); "
                          "print(sorted(f for f in os.listdir(d) if not f.startswith('__pycache__')))"],
                         env=env, capture_output=True, text=True, check=True)
    files = eval(run.stdout)
    assert "py.typed" in files and "__init__.pyi" in files and "dask.py" in files
    assert any(f.startswith("_ansinh") and f.endswith(".so") for f in files)
