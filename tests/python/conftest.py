"""Shared fixtures of the Python binding tests (run through CTest, see
python_tests.cmake: PYTHONPATH has the build's `ansinh` package first;
ANSINH_SOURCE_DIR and ANSINH_CLI locate the sources and the CLI)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("ANSINH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = os.environ.get("ANSINH_CLI", str(SOURCE / "build" / "bin" / "ansinh"))
RULES = SOURCE / "rules" / "vn"
EXAMPLES = SOURCE / "examples"
REGISTRY = EXAMPLES / "registry.jsonl"
HOUSEHOLDS_CSV = EXAMPLES / "households.csv"
PERSONS_CSV = EXAMPLES / "persons.csv"
AS_OF = "2026-01-01"
PERIOD = "2026-11"


def run_cli(*args, check=True):
    """Runs the ansinh CLI; returns the CompletedProcess (text)."""
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, check=check)


_cli_cache = {}


def cli_decisions(records, when_flag, when_value):
    """The CLI's JSON Lines decisions for `records` (a list of paths), parsed, cached."""
    key = (tuple(map(str, records)), when_flag, when_value)
    if key not in _cli_cache:
        out = run_cli("eval", RULES, *records, when_flag, when_value, "--format", "jsonl").stdout
        _cli_cache[key] = [json.loads(line) for line in out.splitlines() if line.strip()]
    return _cli_cache[key]


@pytest.fixture(scope="session")
def ansinh():
    import ansinh as module

    return module


@pytest.fixture(scope="session")
def rules(ansinh):
    return ansinh.load(RULES)


@pytest.fixture(scope="session")
def registry():
    with open(REGISTRY, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def csv_frames():
    import pandas as pd

    return pd.read_csv(HOUSEHOLDS_CSV), pd.read_csv(PERSONS_CSV)
