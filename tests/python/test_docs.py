"""Every ```python block of docs/python.md runs, in order, in one namespace
(from a scratch folder that sees the repository's rules/, examples/ and tests/)."""

import os
import re

from conftest import SOURCE


def python_blocks(path):
    text = path.read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_walkthrough_runs(tmp_path, monkeypatch, capsys):
    for name in ("rules", "examples", "tests"):
        (tmp_path / name).symlink_to(SOURCE / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    blocks = python_blocks(SOURCE / "docs" / "python.md")
    assert len(blocks) >= 8
    namespace = {"__name__": "__docs__"}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"docs/python.md block {i + 1}", "exec"), namespace)
        except Exception as e:  # pragma: no cover - the message names the block
            raise AssertionError(f"docs/python.md block {i + 1} fails: {e!r}\n{block}") from e
    out = capsys.readouterr().out
    assert "vn " in out and "E_BAD_DATE" in out and "Decision HH-001" in out
    assert "58 58" in out  # section 9: the Dask group-by has pandas' rows
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    assert os.path.getsize(tmp_path / "cost_by_commune.png") > 1000
