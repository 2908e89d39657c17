"""Helpers of the DataFrame tests: the CLI's JSON decisions flattened into the
rows evaluate_frame returns, and frames turned into comparable rows."""

import numpy as np
import pandas as pd

BENEFIT_COLUMNS = ["household_id", "person_id", "benefit", "status", "amount", "unit", "frequency", "group",
                   "reference", "superseded_by", "missing", "missing_figures", "provisional", "reason_vi",
                   "reason_en"]


def split_missing(paths):
    """(facts to ask the family, legal figures not yet confirmed): the CLI's
    `missing` list split as evaluate_frame's `missing` / `missing_figures`."""
    facts = ";".join(p for p in paths if not p.startswith("param.")) or None
    figures = ";".join(p for p in paths if p.startswith("param.")) or None
    return facts, figures


def plain(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def rows(frame, columns):
    data = [frame[c].astype(object).tolist() for c in columns]
    return [tuple(plain(v) for v in row) for row in zip(*data)]


def issue_text(issues, lang="vi"):
    if not issues:
        return None
    return "; ".join(i["code"] + (" " + i["field"] if i["field"] else "") + ": " +
                     (i["message_vi"] if lang == "vi" else i["message"]) for i in issues)


def expected_benefits(decisions):
    out = []
    for d in decisions:
        if d["status"] != "ok":
            continue
        groups = [(None, d["benefits"])] + [(m["person_id"], m["benefits"]) for m in d["members"]]
        for person, benefits in groups:
            for b in benefits:
                out.append((d["household_id"], person, b["benefit"], b["status"], b["amount"], b["unit"],
                            b["frequency"], b["group"], b["reference"], b["superseded_by"],
                            *split_missing(b["missing"]), b["provisional"], b["reason"]["vi"], b["reason"]["en"]))
    return out


def expected_households(decisions, variables):
    out = []
    for d in decisions:
        values = [d["variables"].get(v) for v in variables]
        out.append((d["household_id"], d["status"], *values, len(d["members"]), d["total_monthly"],
                    issue_text(d["errors"]), issue_text(d["warnings"])))
    return out


def expected_persons(decisions, variables):
    return [(d["household_id"], m["person_id"], *[m["variables"].get(v) for v in variables], m["total_monthly"])
            for d in decisions for m in d["members"]]


def check_against_cli(result, decisions, rules):
    """Asserts the three frames hold exactly what the CLI's JSON decisions say."""
    benefits, households, persons = result
    hv = list(rules.variables.query("entity == 'household'").name)
    pv = list(rules.variables.query("entity == 'person'").name)
    assert rows(benefits, BENEFIT_COLUMNS) == expected_benefits(decisions)
    h_columns = ["household_id", "status", *hv, "member_count", "total_monthly", "errors", "warnings"]
    assert list(households.columns) == h_columns
    assert rows(households, h_columns) == expected_households(decisions, hv)
    p_columns = ["household_id", "person_id", *pv, "total_monthly"]
    assert list(persons.columns) == p_columns
    assert rows(persons, p_columns) == expected_persons(decisions, pv)


def registry_frames(registry):
    """The JSON Lines registry as a households and a persons DataFrame."""
    hh = pd.DataFrame([{k: v for k, v in h.items() if k != "members"} for h in registry])
    pp = pd.DataFrame([{"household_id": h["id"], **m} for h in registry for m in h.get("members") or []])
    return hh, pp


def assert_frames_equal(a, b):
    """Same columns, dtypes and values (fast: categoricals by categories and codes)."""
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    for c in a.columns:
        x, y = a[c], b[c]
        assert str(x.dtype) == str(y.dtype), c
        if isinstance(x.dtype, pd.CategoricalDtype):
            assert x.cat.categories.equals(y.cat.categories), c
            assert np.array_equal(x.cat.codes.to_numpy(), y.cat.codes.to_numpy()), c
        else:
            assert x.reset_index(drop=True).equals(y.reset_index(drop=True)), c


def assert_same_values(a, b):
    """Same columns and values; categoricals compared by value (their categories may differ)."""
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    for c in a.columns:
        x, y = a[c], b[c]
        if isinstance(x.dtype, pd.CategoricalDtype) or isinstance(y.dtype, pd.CategoricalDtype):
            xs = x.astype(object).where(x.notna(), None).tolist()
            ys = y.astype(object).where(y.notna(), None).tolist()
            assert xs == ys, c
        else:
            assert x.reset_index(drop=True).equals(y.reset_index(drop=True)), c
