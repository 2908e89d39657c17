"""What-if from Python (rules.what_if, ansinh/whatif.hpp): the same changes,
differences, counterfactuals and text as `ansinh explain --set`."""

import pytest

from conftest import PERIOD, REGISTRY, RULES, run_cli


def household(registry, hid):
    return next(h for h in registry if h["id"] == hid)


def test_a_change_that_ends_eligibility(rules, registry):
    w = rules.what_if(household(registry, "CL-0001"), ["members[CL-0001-02].disability=none"], period=PERIOD)
    assert w.changes == [{"path": "members[CL-0001-02].disability", "field": "disability", "before": "severe",
                          "value": "none"}]
    diff = {(d["member"], d["benefit"]): d for d in w.differences}
    d = diff[("CL-0001-02", "sa_disability")]
    assert d["before"] == {"status": "eligible", "amount": 810000}
    assert d["after"] == {"status": "not_eligible", "amount": None}
    assert (w.before.total_monthly, w.after.total_monthly) == (5982000, 4362000)
    assert w.after.ok
    # The text is what `ansinh explain --set` prints, in both languages.
    args = ["explain", RULES, REGISTRY, "--household", "CL-0001", "--period", PERIOD,
            "--set", "members[CL-0001-02].disability=none"]
    assert w.text() == run_cli(*args).stdout
    assert w.text(lang="en") == run_cli(*args, "--lang", "en").stdout
    assert "5.982.000 đ → 4.362.000 đ" in str(w)


def test_income_counterfactual_is_verified(rules, registry):
    h = household(registry, "CL-0050")
    w = rules.what_if(h, period=PERIOD)
    money = [c for c in w.counterfactuals if c["kind"] == "money"]
    assert len(money) == 1
    c = money[0]
    assert (c["member"], c["benefit"], c["path"], c["value"]) == (
        "CL-0050-01", "sa_single_poor_parent", "income_per_capita", 1500000)
    assert c["text"] == "đủ điều kiện nếu Thu nhập bình quân đầu người/tháng ≤ 1.500.000 đ"
    # Applying it makes the benefit eligible with the amount the line gives.
    applied = rules.what_if(h, "income_per_capita=1500000", period=PERIOD)
    after = {(d["member"], d["benefit"]): d["after"] for d in applied.differences}
    assert after[("CL-0050-01", "sa_single_poor_parent")] == {"status": "eligible", "amount": c["amount"]}
    en = rules.what_if(h, period=PERIOD, lang="en").counterfactuals
    assert [x["text"] for x in en if x["kind"] == "money"] == [
        "eligible if Income per capita per month ≤ 1,500,000 VND"]


def test_bad_changes_raise_usage_error(ansinh, rules, registry):
    h = household(registry, "CL-0001")
    with pytest.raises(ansinh.UsageError, match=r"Did you mean 'disability'\?"):
        rules.what_if(h, ["members[CL-0001-02].disabilty=severe"], period=PERIOD)
    with pytest.raises(ansinh.UsageError, match=r"no member 'CL-0001-9'"):
        rules.what_if(h, ["members[CL-0001-9].disability=severe"], period=PERIOD)
    with pytest.raises(ansinh.UsageError, match=r"Did you mean 'severe'\?"):
        rules.what_if(h, ["members[CL-0001-02].disability=sever"], period=PERIOD)
    with pytest.raises(ansinh.UsageError, match=r"not an amount in whole đồng"):
        rules.what_if(h, ["income_per_capita=nhiều"], period=PERIOD)
    assert "<WhatIf CL-0001" in repr(rules.what_if(h, period=PERIOD))
