"""ansinh.load, errors with their diagnostics, package metadata."""

import pickle
import re

import pytest

from conftest import REGISTRY, RULES, SOURCE, run_cli

BAD = SOURCE / "tests" / "data" / "bad" / "bad_date"


def test_version(ansinh):
    text = (SOURCE / "include" / "ansinh" / "version.hpp").read_text()
    parts = [line.split()[-1] for line in text.splitlines()
             if line.startswith(("#define ANSINH_VERSION_MAJOR", "#define ANSINH_VERSION_MINOR",
                                 "#define ANSINH_VERSION_PATCH"))]
    assert ansinh.__version__ == ".".join(parts)


def test_metadata(ansinh, rules):
    assert rules.id == "vn"
    assert rules.hash.startswith("sha256:") and len(rules.hash) == 7 + 64
    assert rules.version
    assert rules.path == str(RULES)
    assert rules.language in ("vi", "en")
    assert set(rules.name) == {"vi", "en"}
    assert rules.test_count > 0
    assert "RuleSet vn" in repr(rules)
    assert isinstance(rules.warnings, list)
    # The same identity as the CLI stamps on its decisions.
    first = run_cli("eval", RULES, SOURCE / "examples" / "registry.jsonl", "--as-of", "2026-01-01").stdout
    assert f'"hash":"{rules.hash}"' in first.splitlines()[0]
    assert f'"version":"{rules.version}"' in first.splitlines()[0]


def test_tables(rules):
    b = rules.benefits
    assert list(b.columns) == ["id", "label_vi", "label_en", "applies_to", "reference", "group", "adds_to_group",
                               "unit", "frequency", "from", "to"]
    assert b.id.is_unique and len(b) > 10
    assert "sa_child_under_3" in set(b.id)
    row = b.set_index("id").loc["sa_child_under_3"]
    assert row.applies_to == "person" and row.reference and row.label_en
    f = rules.fields
    assert {"household", "person"} == set(f.entity)
    area = f[(f.entity == "household") & (f.name == "area")].iloc[0]
    assert area.type == "enum" and "rural" in area["values"]
    assert {"poverty_status", "age_months"} <= set(rules.variables.name)
    assert len(rules.groups) >= 1 and len(rules.parameters) >= 1


def test_rule_error_prints_like_check(ansinh):
    with pytest.raises(ansinh.RuleError) as info:
        ansinh.load(BAD)
    e = info.value
    assert isinstance(e, ansinh.Error)
    cli = run_cli("check", BAD, check=False)
    assert cli.returncode == 1
    assert str(e).rstrip("\n") == cli.stderr.rstrip("\n")
    errors = [d for d in e.diagnostics if d.severity == "error"]
    assert len(errors) == 2
    d = errors[0]
    assert (d.file, d.line, d.column, d.code) == (str(BAD / "parameters.yaml"), 5, 7, "E_BAD_DATE")
    assert "2024-02-30" in d.message
    assert str(d).startswith(f"{BAD}/parameters.yaml:5:7: lỗi:")
    assert d.format("en").startswith(f"{BAD}/parameters.yaml:5:7: error:")
    assert "2024-02-30" in d.message_vi and "ngày" in d.message_vi
    assert "E_BAD_DATE" in repr(d)
    with pytest.raises(ansinh.RuleError) as english:
        ansinh.load(BAD, lang="en")
    assert str(english.value).rstrip("\n") == run_cli("check", "--lang", "en", BAD, check=False).stderr.rstrip("\n")


def test_check_and_format(ansinh):
    diagnostics = ansinh.check(BAD)
    assert [d.code for d in diagnostics].count("E_BAD_DATE") == 2
    assert ansinh.format_diagnostics(diagnostics) in run_cli("check", BAD, check=False).stderr
    assert ansinh.format_diagnostics(diagnostics, lang="en") in run_cli("check", "--lang", "en", BAD, check=False).stderr
    with pytest.raises(ansinh.UsageError):
        ansinh.format_diagnostics(diagnostics, lang="fr")
    assert not [d for d in ansinh.check(RULES) if d.severity == "error"]


def test_missing_package_is_a_rule_error(ansinh, tmp_path):
    with pytest.raises(ansinh.RuleError) as info:
        ansinh.load(tmp_path / "nothing-here")
    assert info.value.diagnostics
    assert info.value.diagnostics[0].code in ("E_PACKAGE_MISSING", "E_FILE_READ")


def test_usage_errors_are_value_errors(ansinh, rules):
    with pytest.raises(ansinh.UsageError):
        rules.evaluate({"id": "h"}, as_of="2026-02-30")
    with pytest.raises(ValueError):
        rules.evaluate({"id": "h"})  # neither as_of nor period
    with pytest.raises(ansinh.UsageError):
        rules.evaluate({"id": "h"}, as_of="2026-01-01", period="2026-01")
    with pytest.raises(ansinh.UsageError):
        rules.evaluate({"id": "h"}, period="2026-13")
    with pytest.raises(ansinh.UsageError):
        rules.evaluate({"id": "h"}, as_of="2026-01-01", lang="fr")
    assert issubclass(ansinh.InputError, ansinh.Error)


def test_errors_carry_both_languages(ansinh, rules):
    # str(e) English; e.message_vi the Vietnamese text the library gives, e.message_en the English one.
    with pytest.raises(ansinh.UsageError) as info:
        rules.evaluate({"id": "h"}, period="2026-13")
    e = info.value
    assert str(e) == e.message_en == "period 2026-13 is not a month: write YYYY-MM, e.g. 2024-07"
    assert e.message_vi == "period 2026-13 không phải một tháng: viết YYYY-MM, ví dụ 2024-07"
    with pytest.raises(ansinh.UsageError) as info:
        rules.evaluate({"id": "h"}, as_of="2026-01-01", lang="fr")
    assert info.value.message_vi == "lang phải là 'vi' hoặc 'en', không phải 'fr'"
    # A what-if change the schema does not know: the core library's Vietnamese text.
    with pytest.raises(ansinh.UsageError) as info:
        rules.what_if({"id": "h", "members": [{"id": "p"}]}, ["members[p].disabilty=severe"], period="2026-11")
    assert "Did you mean 'disability'?" in str(info.value) and "Ý bạn là" in info.value.message_vi
    # RuleError: the diagnostics as `ansinh check` prints them, in each language, whatever load's lang.
    with pytest.raises(ansinh.RuleError) as info:
        ansinh.load(BAD, lang="en")
    e = info.value
    assert e.message_vi.rstrip("\n") == run_cli("check", BAD, check=False).stderr.rstrip("\n")
    assert e.message_en.rstrip("\n") == run_cli("check", "--lang", "en", BAD, check=False).stderr.rstrip("\n")
    assert str(e) == e.message_en
    # An exception raised in Python without the texts: both are str(e).
    plain = ansinh.Error("x")
    assert plain.message_vi == plain.message_en == "x"
    with pytest.raises(ansinh.UsageError) as info:
        rules.evaluate({"id": "h"}, period="2026-13")
    assert pickle.loads(pickle.dumps(info.value)).message_vi == info.value.message_vi


def test_pickle_reloads_by_path(ansinh, rules):
    again = pickle.loads(pickle.dumps(rules))
    assert again.hash == rules.hash and again.path == rules.path


def test_labels_do_not_repeat_their_unit(rules):
    # The unit is written after the number ("41%", "723 tháng"): a label that names it
    # again prints "Tỷ lệ tổn thương (%) 41%".
    words = {"percent": ["%", "phần trăm", "percent"], "months": ["tháng", "months", "month"], "count": [],
             "years": ["năm", "years", "year"], "days": ["ngày", "days", "day"]}

    def repeats(label, unit):
        said = words.get(unit, ["đ", "đồng", "VND"] if unit.startswith("VND") else [unit])
        return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", b, re.I)
                   for b in re.findall(r"\(([^)]*)\)", label) for w in said)

    fields = rules.fields.dropna(subset=["unit"])
    params = rules.parameters.drop_duplicates("name")
    bad = [(r.name, lab) for t in (fields, params) for r in t.itertuples() if r.unit
           for lab in (r.label_vi, r.label_en) if repeats(lab, r.unit)]
    assert bad == []
    # And in what an officer reads: a war invalid's household, everything shown.
    for lang in ("vi", "en"):
        text = run_cli("explain", RULES, REGISTRY, "--household", "CL-0053", "--period", "2026-11", "--all",
                       "--lang", lang).stdout
        assert "(%)" not in text and ("Tỷ lệ tổn thương" in text or "Injury rate" in text)
