"""What an analyst gets from evaluate_frame, report and diff (issue 14, point 3;
docs/python.md): benefit labels, the period and day, record issues as their
own frame, legal figures apart from the facts to ask, the same dtypes across
frames; and the strict option (issue 13) from Python."""

import json

import numpy as np
import pandas as pd
import pytest

from conftest import AS_OF, PERIOD, REGISTRY, RULES, SOURCE


@pytest.fixture(scope="module")
def result(rules, csv_frames):
    return rules.evaluate_frame(*csv_frames, period=PERIOD, lang="en")


def test_benefit_label_in_the_chosen_language(rules, csv_frames, result):
    labels = rules.benefits.set_index("id")
    b = result.benefits
    assert list(b.columns[:4]) == ["household_id", "person_id", "benefit", "benefit_label"]
    assert isinstance(b.benefit_label.dtype, pd.CategoricalDtype)
    assert list(b.benefit_label.astype(str)) == list(labels.loc[b.benefit.astype(str), "label_en"])
    vi = rules.evaluate_frame(*csv_frames, period=PERIOD, reasons=False).benefits  # the package's language
    assert rules.language == "vi"
    assert list(vi.benefit_label.astype(str)) == list(labels.loc[vi.benefit.astype(str), "label_vi"])


def test_period_and_as_of_columns(rules, csv_frames, result):
    b = result.benefits
    assert str(b.period.dtype) == "period[M]"
    assert set(b.period) == {pd.Period("2026-11", "M")}
    assert set(b.as_of) == {pd.Timestamp("2026-11-01")}
    day = rules.evaluate_frame(*csv_frames, as_of="2026-01-15", reasons=False).benefits
    assert set(day.period) == {pd.Period("2026-01", "M")}
    assert set(day.as_of) == {pd.Timestamp("2026-01-15")}


def test_record_issues_are_a_frame(rules, registry, result):
    errors = result.errors
    assert list(errors.columns) == ["household_id", "person_id", "severity", "code", "field", "message"]
    for c in errors.columns:
        assert isinstance(errors[c].dtype, pd.CategoricalDtype), c
    # The same issues as the decisions of the same records, one row each, the member split from the field.
    decisions = rules.evaluate_many(registry, period=PERIOD)
    want = []
    for d in decisions:
        for severity, issues in (("error", d.errors), ("warning", d.warnings)):
            for i in issues:
                person, field = None, i.field or None
                if field and field.startswith("members["):
                    person, _, rest = field[len("members["):].partition("]")
                    field = rest.lstrip(".") or None
                want.append((d.household_id, person, severity, i.code, field, i.message))
    got = [tuple(None if pd.isna(v) else v for v in row)
           for row in errors.astype(object).itertuples(index=False, name=None)]
    assert sorted(got, key=str) == sorted(want, key=str)
    assert any(row[1] is not None for row in got)  # some issues are about a member
    assert (errors.severity == "error").sum() == sum(len(d.errors) for d in decisions) > 0
    # Every household with an error has rows here; the joined text column stays.
    bad = set(result.households.loc[result.households.status == "error", "household_id"].astype(str))
    assert bad == set(errors.loc[errors.severity == "error", "household_id"].astype(str))


def test_unconfirmed_figures_apart_from_facts(rules, registry, result):
    b = result.benefits
    facts = b.missing.dropna().astype(str).str.split(";").explode()
    figures = b.missing_figures.dropna().astype(str).str.split(";").explode()
    assert not facts.str.startswith("param.").any()
    assert figures.str.startswith("param.").all()
    # Together they are what the decision says is missing.
    decisions = {d.household_id: d for d in rules.evaluate_many(registry, period=PERIOD)}
    undetermined = b[b.status == "undetermined"]
    assert len(undetermined) > 0
    for row in undetermined.head(200).itertuples():
        d = decisions[row.household_id]
        group = d.benefits if pd.isna(row.person_id) else next(
            m.benefits for m in d.members if m.person_id == row.person_id)
        want = next(x.missing for x in group if x.benefit == row.benefit)
        got = [] if pd.isna(row.missing) else row.missing.split(";")
        got += [] if pd.isna(row.missing_figures) else row.missing_figures.split(";")
        assert sorted(got) == sorted(want)


def test_report_and_diff_frames_have_evaluate_frame_dtypes(ansinh, rules):
    cang_long = ansinh.load(SOURCE / "rules" / "vn" / "tra-vinh" / "cang-long")
    report = cang_long.report(REGISTRY, period=PERIOD)
    diff = ansinh.diff(rules, SOURCE / "rules" / "scenarios" / "nq42-2030", REGISTRY, period=PERIOD, max_list=0)
    fractions = {"share", "target_share", "share_a", "share_b"}
    tables = [(f"report.{n}", report.table(n)) for n in report.tables] + \
             [(f"diff.{n}", diff.table(n)) for n in diff.tables]
    for name, frame in tables:
        for c in frame.columns:
            dtype = frame[c].dtype
            if c in fractions:
                assert dtype == np.float64, (name, c)
            else:
                assert dtype != np.float64 and dtype != object and str(dtype) != "string", (name, c, dtype)
    changes = diff.changes
    assert str(changes.amount_a.dtype) == "Int64" and str(changes.amount_b.dtype) == "Int64"
    assert changes.amount_a.isna().any()  # a benefit gained: no amount under A (<NA>, not NaN)
    assert isinstance(changes.benefit.dtype, pd.CategoricalDtype)
    assert str(report.costs.monthly.dtype) == "int64"
    assert str(report.indicators.share.dtype) == "float64"
    assert str(report.missing.monthly_waiting.dtype) == "Int64"
    assert report.summary["households"] == 424


# --- strict: a field the schema does not know is an error ---------------------

HOUSEHOLD = {"id": "HH-S", "area": "rural", "income_per_capita": 900_000, "colour": "blue",
             "members": [{"id": "P1", "birth_date": "2025-03-01", "sex": "male", "relationship": "head"}]}


def test_strict_evaluate_and_evaluate_many(rules):
    relaxed = rules.evaluate(HOUSEHOLD, as_of=AS_OF)
    assert relaxed.ok and "R_UNKNOWN_FIELD" in [w.code for w in relaxed.warnings]
    strict = rules.evaluate(HOUSEHOLD, as_of=AS_OF, strict=True)
    assert not strict.ok
    assert [(e.code, e.field) for e in strict.errors] == [("R_UNKNOWN_FIELD", "colour")]
    many = rules.evaluate_many([HOUSEHOLD, {**HOUSEHOLD, "id": "HH-T", "colour": None}], as_of=AS_OF,
                               strict=True)
    assert [d.ok for d in many] == [False, False]
    ok = {k: v for k, v in HOUSEHOLD.items() if k != "colour"}
    assert rules.evaluate_many([ok], as_of=AS_OF, strict=True)[0].ok


def test_strict_frames_reports_and_diffs(ansinh, rules, csv_frames, tmp_path):
    households, persons = csv_frames
    extra = households.assign(colour="blue")
    with pytest.raises(ansinh.UsageError, match="strict"):
        rules.evaluate_frame(extra, persons, as_of=AS_OF, unknown_columns="ignore", strict=True)
    with pytest.raises(ansinh.ColumnError, match="colour"):
        rules.evaluate_frame(extra, persons, as_of=AS_OF, strict=True)
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(HOUSEHOLD) + "\n", encoding="utf-8")
    relaxed = rules.report(str(path), as_of=AS_OF)
    strict = rules.report(str(path), as_of=AS_OF, strict=True)
    assert relaxed.summary["error_households"] == 0
    assert strict.summary["error_households"] == 1
    assert "R_UNKNOWN_FIELD" in set(strict.errors.code.astype(str))
    d = ansinh.diff(rules, RULES, str(path), as_of=AS_OF, strict=True)
    assert d.changed_households == 0
