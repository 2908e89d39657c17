"""The package's surface: docstrings that help() shows, and type stubs that
cover the public names and methods."""

import ast
import inspect
import pydoc
from pathlib import Path


def stub_names(path):
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    names, methods = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.ClassDef):
            methods[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)} | {
                n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
    return names, methods


def test_help_of_evaluate_frame_is_useful(ansinh):
    text = pydoc.render_doc(ansinh.RuleSet.evaluate_frame, renderer=pydoc.plaintext)
    for word in ["households", "persons", "as_of", "period", "threads", "progress", "reasons", "carry",
                 "ColumnError", "FrameResult", "benefits", "total_monthly", "categorical", "Ctrl-C", "Example"]:
        assert word in text, word
    for f in [ansinh.load, ansinh.RuleSet.evaluate, ansinh.RuleSet.evaluate_many]:
        assert len(inspect.getdoc(f)) > 200
    assert "ansinh check" in inspect.getdoc(ansinh.RuleError)


def test_stubs_cover_the_public_api(ansinh):
    path = Path(ansinh.__file__).with_name("__init__.pyi")
    names, methods = stub_names(path)
    missing = [n for n in ansinh.__all__ if n not in names]
    assert not missing, missing
    public = {n for n in dir(ansinh.RuleSet) if not n.startswith("_")}
    assert public <= methods["RuleSet"], public - methods["RuleSet"]
    for cls in ["Decision", "Benefit", "Member", "Diagnostic", "RecordIssue"]:
        public = {n for n in dir(getattr(ansinh, cls)) if not n.startswith("_")}
        assert public <= methods[cls], (cls, public - methods[cls])
    dask_names, _ = stub_names(Path(ansinh.__file__).with_name("dask.pyi"))
    assert {"evaluate", "load_cached"} <= dask_names
    assert Path(ansinh.__file__).with_name("py.typed").exists()
