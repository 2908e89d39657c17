"""The C API (include/ansinh/ansinh.h) from Python through ctypes: libansinh.so
called directly, with no glue code of ours. The decisions it gives for the
example registry are byte for byte those of `ansinh eval`."""

import ctypes
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import CLI, REGISTRY, RULES, SOURCE, run_cli

LIBRARY = os.environ.get("ANSINH_SHARED_LIBRARY", "")

ANSINH_OK = 0
ANSINH_ERROR_RULES = 1
ANSINH_ERROR_USAGE = 3
ANSINH_JSON_LINES = 0x02
ANSINH_JSON_ARRAY = 0x04
ANSINH_EXPLAIN = 0x08

pytestmark = pytest.mark.skipif(not LIBRARY or not Path(LIBRARY).exists(), reason="libansinh.so not built")


@pytest.fixture(scope="module")
def lib():
    lib = ctypes.CDLL(LIBRARY)
    c_char_pp = ctypes.POINTER(ctypes.c_char_p)
    vp, sz, cp, u = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_uint
    out = ctypes.POINTER(ctypes.c_void_p)
    lib.ansinh_version.restype = cp
    lib.ansinh_rules_load.argtypes = [cp, c_char_pp, sz, u, out, out]
    lib.ansinh_rules_free.argtypes = [vp]
    lib.ansinh_rules_id.argtypes = [vp]
    lib.ansinh_rules_id.restype = cp
    lib.ansinh_evaluate.argtypes = [vp, cp, sz, cp, cp, cp, u, out, ctypes.POINTER(sz), out]
    lib.ansinh_explain.argtypes = [vp, cp, sz, cp, cp, cp, cp, cp, u, out, out, out]
    lib.ansinh_string_free.argtypes = [vp]
    lib.ansinh_error_free.argtypes = [vp]
    lib.ansinh_error_status.argtypes = [vp]
    lib.ansinh_error_message.argtypes = [vp]
    lib.ansinh_error_message.restype = cp
    lib.ansinh_error_diagnostic_count.argtypes = [vp]
    lib.ansinh_error_diagnostic_count.restype = sz
    lib.ansinh_error_diagnostic.argtypes = [vp, sz]
    lib.ansinh_error_diagnostic.restype = vp
    for name in ("code", "severity", "message", "file", "text"):
        f = getattr(lib, f"ansinh_diagnostic_{name}")
        f.argtypes = [vp]
        f.restype = cp
    for name in ("line", "column"):
        f = getattr(lib, f"ansinh_diagnostic_{name}")
        f.argtypes = [vp]
        f.restype = ctypes.c_uint32
    return lib


class CallError(Exception):
    def __init__(self, status, message, diagnostics):
        super().__init__(message)
        self.status, self.message, self.diagnostics = status, message, diagnostics


def take_error(lib, error):
    """The error object as a CallError (and frees it)."""
    diagnostics = []
    for i in range(lib.ansinh_error_diagnostic_count(error)):
        d = lib.ansinh_error_diagnostic(error, i)
        diagnostics.append({k: getattr(lib, f"ansinh_diagnostic_{k}")(d)
                            for k in ("code", "severity", "message", "file", "line", "column", "text")})
    e = CallError(lib.ansinh_error_status(error), lib.ansinh_error_message(error).decode(), diagnostics)
    lib.ansinh_error_free(error)
    return e


def load(lib, path):
    rules, error = ctypes.c_void_p(), ctypes.c_void_p()
    status = lib.ansinh_rules_load(str(path).encode(), None, 0, 0, ctypes.byref(rules), ctypes.byref(error))
    if status != ANSINH_OK:
        assert not rules.value
        raise take_error(lib, error)
    assert not error.value
    return rules


def take_string(lib, pointer, length=None):
    text = ctypes.string_at(pointer, length) if length is not None else ctypes.string_at(pointer)
    lib.ansinh_string_free(pointer)
    return text


def evaluate(lib, rules, records, period=None, as_of=None, detail=None, flags=0):
    out, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
    status = lib.ansinh_evaluate(rules, records, len(records), period and period.encode(),
                                 as_of and as_of.encode(), detail and detail.encode(), flags,
                                 ctypes.byref(out), ctypes.byref(length), ctypes.byref(error))
    if status != ANSINH_OK:
        assert not out.value
        raise take_error(lib, error)
    return take_string(lib, out, length.value)


@pytest.fixture(scope="module")
def crules(lib):
    r = load(lib, RULES)
    yield r
    lib.ansinh_rules_free(r)


def test_version_is_the_project_version(lib):
    version = lib.ansinh_version().decode()
    header = (SOURCE / "include" / "ansinh" / "version.hpp").read_text()
    parts = [line.split()[-1] for line in header.splitlines()
             if line.startswith("#define ANSINH_VERSION_") and line.split()[1].split("_")[-1] in
             ("MAJOR", "MINOR", "PATCH")]
    assert version == ".".join(parts)


def test_registry_byte_for_byte_as_the_cli(lib, crules):
    registry = REGISTRY.read_bytes()
    cases = [
        ([], ["--period", "2026-11", "--format", "jsonl"], dict(period="2026-11", flags=ANSINH_JSON_LINES)),
        ([], ["--as-of", "2026-01-01", "--format", "json", "--detail", "summary"],
         dict(as_of="2026-01-01", detail="summary", flags=ANSINH_JSON_LINES | ANSINH_JSON_ARRAY)),
        ([], ["--period", "2026-11", "--format", "jsonl", "--detail", "reasons"],
         dict(period="2026-11", detail="reasons", flags=ANSINH_JSON_LINES)),
    ]
    for _, cli_args, api_args in cases:
        cli = subprocess.run([CLI, "eval", str(RULES), str(REGISTRY), *cli_args], capture_output=True, check=True)
        assert cli.stdout.count(b'"household_id"') == 424
        assert evaluate(lib, crules, registry, **api_args) == cli.stdout, cli_args
    # The same records as one JSON array (not JSON Lines) give the same decisions.
    array = b"[" + b",".join(line for line in registry.splitlines() if line.strip()) + b"]"
    cli = subprocess.run([CLI, "eval", str(RULES), str(REGISTRY), "--period", "2026-11"], capture_output=True, check=True)
    assert evaluate(lib, crules, array, period="2026-11") == cli.stdout


def test_trace_as_the_cli(lib, crules):
    first = REGISTRY.read_bytes().splitlines()[0] + b"\n"
    cli = subprocess.run([CLI, "eval", str(RULES), str(REGISTRY), "--period", "2026-11", "--explain"],
                         capture_output=True, check=True)
    assert evaluate(lib, crules, first, period="2026-11", flags=ANSINH_EXPLAIN) == cli.stdout.splitlines(True)[0]


def test_explain_as_the_cli(lib, crules, rules, registry):
    text_in = REGISTRY.read_bytes()
    for lang in ("vi", "en"):
        text, brief, error = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        status = lib.ansinh_explain(crules, text_in, len(text_in), b"CL-0007", b"2026-11", None, None,
                                    lang.encode(), ANSINH_JSON_LINES, ctypes.byref(text), ctypes.byref(brief),
                                    ctypes.byref(error))
        assert status == ANSINH_OK
        cli = run_cli("explain", RULES, REGISTRY, "--household", "CL-0007", "--period", "2026-11", "--lang", lang)
        assert take_string(lib, text).decode() == cli.stdout
        b = json.loads(take_string(lib, brief))
        assert (b.pop("household_id"), b.pop("status"), b.pop("errors")) == ("CL-0007", "ok", [])
        # The same brief as the Python binding's (the selection of MakeBrief).
        household = next(h for h in registry if h["id"] == "CL-0007")
        assert b == rules.evaluate(household, period="2026-11", detail="reasons").brief("reasons", lang)
        assert b["receives"] and all(e["unit"] in ("money", "percent") for e in b["receives"] + b["near_misses"])


def test_errors_are_returned_not_thrown(lib, crules):
    # A package with errors: every diagnostic with its code and place.
    with pytest.raises(CallError) as e:
        load(lib, SOURCE / "tests" / "data" / "bad" / "bad_date")
    assert e.value.status == ANSINH_ERROR_RULES
    d = e.value.diagnostics
    assert [x["code"] for x in d] == [b"E_BAD_DATE", b"E_BAD_DATE"]
    assert (d[0]["line"], d[0]["column"], d[0]["severity"]) == (5, 7, b"error")
    assert d[0]["file"].endswith(b"parameters.yaml")
    assert d[0]["text"].decode() in e.value.message
    # Bad arguments.
    for kwargs, words in [(dict(period="2026-11", detail="most"), "most"),
                          (dict(period="2026-13"), "2026-13"),
                          (dict(period="2026-11", as_of="2026-01-01"), "exactly one"),
                          (dict(period="2026-11", flags=0x1000), "unknown flags")]:
        with pytest.raises(CallError) as e:
            evaluate(lib, crules, b'{"id": "H"}', **kwargs)
        assert e.value.status == ANSINH_ERROR_USAGE and words in e.value.message
    # A broken record is a decision, the others go on.
    out = evaluate(lib, crules, b'{"id": "A", "area": "rural"}\n{"id": "B", "area":\n{"id": "C"}\n',
                   period="2026-11", flags=ANSINH_JSON_LINES)
    lines = out.decode().splitlines()
    assert len(lines) == 3 and '"status":"error"' in lines[1] and "R_SYNTAX" in lines[1]
    # Explain without a household id when there are several.
    text, error = ctypes.c_void_p(), ctypes.c_void_p()
    status = lib.ansinh_explain(crules, b'{"id":"A"}{"id":"B"}', 20, None, b"2026-11", None, None, None, 0,
                                ctypes.byref(text), None, ctypes.byref(error))
    assert status == ANSINH_ERROR_USAGE and not text.value
    assert "several households" in take_error(lib, error).message


def test_threads_share_one_rule_set(lib, crules):
    registry = REGISTRY.read_bytes()
    expected = evaluate(lib, crules, registry, period="2026-11", flags=ANSINH_JSON_LINES)
    results = [None] * 4

    def work(i):  # ctypes releases the GIL during the call: the evaluations overlap
        results[i] = evaluate(lib, crules, registry, period="2026-11", flags=ANSINH_JSON_LINES)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
