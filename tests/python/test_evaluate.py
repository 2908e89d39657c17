"""rules.evaluate on one household dict: dates in every form, unknowns,
per-record errors, the Decision object and its JSON form."""

import copy
import datetime as dt
import decimal
import json
import math

import numpy as np
import pandas as pd
import pytest

from conftest import AS_OF, PERIOD, REGISTRY, cli_decisions


def household(registry, hid):
    return copy.deepcopy(next(h for h in registry if h["id"] == hid))


@pytest.mark.parametrize("as_of", [
    AS_OF, " 2026-01-01 ", dt.date(2026, 1, 1), dt.datetime(2026, 1, 1, 23, 59), pd.Timestamp("2026-01-01"),
    pd.Timestamp("2026-01-01 08:00", tz="Asia/Ho_Chi_Minh"), np.datetime64("2026-01-01"),
    np.datetime64("2026-01-01T12:00:00"),
])
def test_as_of_forms(rules, registry, as_of):
    cli = {d["household_id"]: d for d in cli_decisions([REGISTRY], "--as-of", AS_OF)}
    assert rules.evaluate(household(registry, "CL-0001"), as_of=as_of).to_dict() == cli["CL-0001"]


@pytest.mark.parametrize("period", [PERIOD, pd.Period("2026-11", "M"), dt.date(2026, 11, 20),
                                    pd.Timestamp("2026-11-30"), np.datetime64("2026-11")])
def test_period_forms(rules, registry, period):
    cli = {d["household_id"]: d for d in cli_decisions([REGISTRY], "--period", PERIOD)}
    d = rules.evaluate(household(registry, "CL-0001"), period=period)
    assert d.period == PERIOD and d.as_of is None
    assert d.to_dict() == cli["CL-0001"]


def test_bad_when(ansinh, rules, registry):
    h = household(registry, "CL-0001")
    for bad in [dt.timedelta(1), 20260101, pd.NaT, np.datetime64("NaT"), "01/01/2026"]:
        with pytest.raises(ansinh.UsageError):
            rules.evaluate(h, as_of=bad)


@pytest.mark.parametrize("form", [str, dt.date.fromisoformat, pd.Timestamp, np.datetime64,
                                  lambda s: dt.datetime.fromisoformat(s + "T10:30:00")])
def test_field_date_forms(rules, registry, form):
    expected = rules.evaluate(household(registry, "CL-0001"), as_of=AS_OF).to_dict()
    h = household(registry, "CL-0001")
    for m in h["members"]:
        m["birth_date"] = form(m["birth_date"])
    assert rules.evaluate(h, as_of=AS_OF).to_dict() == expected


def test_numbers_in_every_form(rules, registry):
    expected = rules.evaluate(household(registry, "CL-0001"), as_of=AS_OF).to_dict()
    for form in [float, np.int64, np.float32, decimal.Decimal, str, lambda v: f"{v}.0"]:
        h = household(registry, "CL-0001")
        h["income_per_capita"] = form(h["income_per_capita"])
        assert rules.evaluate(h, as_of=AS_OF).to_dict() == expected, form
    h = household(registry, "CL-0001")
    h["deprivations"] = tuple(h["deprivations"])
    h["extremely_difficult_area"] = np.bool_(True)
    assert rules.evaluate(h, as_of=AS_OF).to_dict() == expected
    h["deprivations"] = ";".join(h["deprivations"])
    assert rules.evaluate(h, as_of=AS_OF).to_dict() == expected


def undetermined(decision):
    return {(m["person_id"], b["benefit"]): b["missing"] for m in decision["members"] for b in m["benefits"]
            if b["status"] == "undetermined"}


@pytest.mark.parametrize("unknown", [None, math.nan, np.nan, pd.NA, pd.NaT, np.datetime64("NaT"),
                                     decimal.Decimal("NaN")])
def test_unknowns_are_not_false(rules, registry, unknown):
    h = household(registry, "CL-0001")
    elder = h["members"][0]
    del elder["has_supporter"]
    omitted = rules.evaluate(h, as_of=AS_OF)
    elder["has_supporter"] = unknown
    given = rules.evaluate(h, as_of=AS_OF)
    assert given.to_dict() == omitted.to_dict()
    missing = undetermined(given.to_dict())
    assert missing, "a missing has_supporter must leave some benefit undetermined"
    path = f"members[{elder['id']}].has_supporter"
    assert any(path in paths for paths in missing.values())
    b = next(b for m in given.members for b in m.benefits if b.status == "undetermined")
    assert b.amount is None and path in b.missing
    assert "missing" in repr(b)


def test_unknown_date_of_birth(rules, registry):
    h = household(registry, "CL-0001")
    h["members"][3]["birth_date"] = None
    d = rules.evaluate(h, as_of=AS_OF)
    assert d.ok
    assert d.members[3].variables["age_months"] is None


@pytest.mark.parametrize("hid,code", [("CL-0400", "R_UNKNOWN_ENUM_VALUE"), ("CL-0401", "R_BAD_DATE"),
                                      ("CL-0402", "R_DUPLICATE_PERSON_ID"), ("CL-0403", "R_NO_MEMBERS"),
                                      ("CL-0406", "R_UNKNOWN_ENUM_VALUE")])
def test_record_errors_are_values(rules, registry, hid, code):
    d = rules.evaluate(household(registry, hid), as_of=AS_OF)
    assert not d.ok and d.status == "error"
    assert code in [e.code for e in d.errors]
    e = d.errors[0]
    assert e.severity == "error" and e.message and e.message_vi
    assert d.benefits == [] and d.total_monthly == 0
    assert hid in repr(d) and "error" in repr(d)


def test_wrong_python_types_are_record_errors(rules, registry):
    h = household(registry, "CL-0001")
    h["income_per_capita"] = 1_100_000.5        # money must be whole VND
    h["area"] = 3                               # an enum given a number
    h["members"][0]["birth_date"] = {"y": 1948}  # a date given a dict
    h["farming"] = object()
    h["no_such_field"] = 1
    d = rules.evaluate(h, as_of=AS_OF)
    codes = {(e.code, e.field) for e in d.errors}
    assert ("R_BAD_NUMBER", "income_per_capita") in codes
    assert ("R_WRONG_TYPE", "farming") in codes
    assert any(c == "R_WRONG_TYPE" and f.endswith(".birth_date") for c, f in codes)
    assert "R_UNKNOWN_FIELD" in [w.code for w in d.warnings]
    assert not d.ok
    for bad, code in [("not a dict", "R_SYNTAX"), (42, "R_SYNTAX"), ({"id": "H", "members": "P1"}, "R_WRONG_TYPE"),
                      ({"id": "H", "members": [1]}, "R_WRONG_TYPE")]:
        d = rules.evaluate(bad, as_of=AS_OF)
        assert not d.ok and d.errors[0].code == code


def test_decision_attributes_mirror_json(rules, registry):
    d = rules.evaluate(household(registry, "CL-0001"), as_of=AS_OF)
    j = d.to_dict()
    assert j == json.loads(d.to_json()) == json.loads(d.to_json(pretty=True))
    assert d.household_id == j["household_id"] and d.as_of == j["as_of"] and d.period is None
    assert d.status == j["status"] and d.ok and d.total_monthly == j["total_monthly"]
    assert d.rules_hash == j["rules"]["hash"]
    assert d.variables == j["variables"]
    assert [b.benefit for b in d.benefits] == [b["benefit"] for b in j["benefits"]]
    for m, mj in zip(d.members, j["members"]):
        assert m.person_id == mj["person_id"] and m.total_monthly == mj["total_monthly"]
        assert m.variables == mj["variables"]
        for b, bj in zip(m.benefits, mj["benefits"]):
            assert (b.benefit, b.status, b.amount, b.unit, b.frequency, b.group, b.reference, b.superseded_by,
                    b.missing, b.provisional) == (bj["benefit"], bj["status"], bj["amount"], bj["unit"],
                                                  bj["frequency"], bj["group"], bj["reference"],
                                                  bj["superseded_by"], bj["missing"], bj["provisional"])
            assert b.reason_vi == bj["reason"]["vi"] and b.reason_en == bj["reason"]["en"]
            assert b.explanation is None
    text = repr(d)
    assert text.startswith("<Decision CL-0001 2026-01-01: ok") and "total_monthly" in text
    assert "members" in repr(d.members[0]) or "Member" in repr(d.members[0])


def test_exclusive_benefit_names_the_member_paid(rules, registry):
    # CL-0411: husband (head) and wife both severely disabled, raising a child under 36 months: the care
    # support is paid once (Decree 20/2021 Art. 20.2), to the head on a tie; the wife's names him.
    d = rules.evaluate(household(registry, "CL-0411"), as_of=AS_OF)
    head, wife = d.members[0], d.members[1]
    care = {m.person_id: next(b for b in m.benefits if b.benefit == "care_support_disabled_parent")
            for m in (head, wife)}
    assert care[head.person_id].status == "eligible" and care[head.person_id].superseded_by_member is None
    lost = care[wife.person_id]
    assert (lost.status, lost.amount, lost.superseded_by, lost.superseded_by_member) == (
        "superseded", 750000, "care_support_disabled_parent", head.person_id)
    bj = next(b for b in d.to_dict()["members"][1]["benefits"] if b["benefit"] == "care_support_disabled_parent")
    assert bj["superseded_by_member"] == head.person_id
    assert head.person_id in lost.reason_vi and head.person_id in lost.reason_en


def test_explain(rules, registry):
    d = rules.evaluate(household(registry, "CL-0001"), as_of=AS_OF, explain=True, lang="en")
    b = next(b for m in d.members for b in m.benefits if b.status == "eligible" and b.unit == "money")
    e = b.explanation
    assert e["conditions"] and all({"name", "source", "value", "reads", "location"} <= set(c) for c in e["conditions"])
    assert e["amount"] is not None and e["amount"]["reads"]
    # A figure read with the unit its field or parameter declares (the base level: VND/month).
    reads = [r for m in d.members for x in m.benefits if x.explanation and x.explanation["amount"]
             for c in x.explanation["conditions"] + [x.explanation["amount"]] for r in c["reads"]]
    base = [r for r in reads if r["name"] == "param.social_assistance_base"]
    assert base and all(r["unit"] == "VND/month" for r in base)
    assert all("unit" not in r or r["unit"] for r in reads)
    assert b.reason == b.reason_en
    en, vi = d.explain(), d.explain(lang="vi")
    assert "CL-0001" in en and "CL-0001" in vi and en != vi
    cli = {x["household_id"]: x for x in cli_decisions([REGISTRY, "--explain"], "--as-of", AS_OF)}
    assert d.to_dict() == cli["CL-0001"]
