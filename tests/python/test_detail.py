"""Detail levels (docs/decision-format.md, "Detail levels") through the CLI and
Python: what each level lists, that the digest is the same at every level (on
the example registry and on a vn-core population), near misses in rules/vn,
and the brief behind `ansinh explain`."""

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import AS_OF, PERIOD, REGISTRY, RULES, SOURCE, run_cli

LEVELS = ("summary", "reasons", "full")


def digest(decisions):
    """Household id, (who, benefit, status, amount) of eligible and undetermined benefits, totals."""
    out = []
    for d in decisions:
        listed = []
        for who, benefits in [(None, d["benefits"])] + [(m["person_id"], m["benefits"]) for m in d["members"]]:
            for b in benefits:
                if b["status"] in ("eligible", "undetermined"):
                    listed.append((who, b["benefit"], b["status"], b["amount"]))
        totals = [d["total_monthly"]] + [m.get("total_monthly") for m in d["members"]]
        out.append((d["household_id"], d["status"], tuple(listed), tuple(totals)))
    return out


def eval_levels(rules, records, *when):
    out = {}
    for level in LEVELS:
        text = run_cli("eval", rules, *records, *when, "--format", "jsonl", "--threads", "1",
                       "--detail", level).stdout
        out[level] = [json.loads(line) for line in text.splitlines() if line.strip()]
    return out


def statuses(decisions):
    return {b["status"] for d in decisions for m in d["members"] for b in m["benefits"]}


def check_levels(levels):
    assert digest(levels["summary"]) == digest(levels["reasons"]) == digest(levels["full"])
    assert statuses(levels["summary"]) <= {"eligible", "undetermined"}
    assert statuses(levels["reasons"]) <= {"eligible", "undetermined", "not_eligible"}
    for d in levels["summary"]:
        for m in d["members"]:
            for b in m["benefits"]:
                assert set(b) == {"benefit", "status", "amount", "unit", "frequency", "group", "missing",
                                  "provisional"}
    for d in levels["reasons"]:
        for m in d["members"]:
            for b in m["benefits"]:
                assert "reason" in b and "reference" in b
    # Everything outside the benefits is the same at every level.
    for s, f in zip(levels["summary"], levels["full"]):
        assert {k: v for k, v in s.items() if k not in ("benefits", "members")} == \
               {k: v for k, v in f.items() if k not in ("benefits", "members")}
        assert [(m["person_id"], m["variables"], m["total_monthly"]) for m in s["members"]] == \
               [(m["person_id"], m["variables"], m["total_monthly"]) for m in f["members"]]


def test_example_registry_digest_is_the_same_at_every_level():
    levels = eval_levels(RULES, [REGISTRY], "--period", PERIOD)
    check_levels(levels)
    assert len(levels["full"]) == 424
    listed = {lvl: sum(len(m["benefits"]) for d in levels[lvl] for m in d["members"]) for lvl in LEVELS}
    assert listed["summary"] < listed["reasons"] < listed["full"]
    size = {lvl: len(json.dumps(levels[lvl])) for lvl in LEVELS}
    assert size["summary"] * 10 < size["full"]


@pytest.fixture(scope="module")
def vn_core_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("vn-core")
    subprocess.run([sys.executable, str(SOURCE / "bench" / "gen_vn_core.py"), "--out", str(out), "--sizes", "2000"],
                   check=True, capture_output=True)
    files = list(out.glob("*.jsonl"))
    assert len(files) == 1
    return files[0]


def test_vn_core_digest_is_the_same_at_every_level(vn_core_file):
    levels = eval_levels(SOURCE / "bench" / "vn-core", [vn_core_file], "--as-of", AS_OF)
    check_levels(levels)
    assert len(levels["full"]) == 2000


def test_csv_at_each_level():
    rows = {}
    for level in LEVELS:
        text = run_cli("eval", RULES, REGISTRY, "--period", PERIOD, "--format", "csv", "--detail", level).stdout
        rows[level] = list(csv.DictReader(io.StringIO(text)))
    assert "reason" not in rows["summary"][0] and "reason" in rows["reasons"][0]
    assert {r["status"] for r in rows["summary"]} == {"eligible", "undetermined", "error"}  # error: a bad record
    key = lambda r: (r["household_id"], r["person_id"], r["benefit"], r["status"], r["amount"])  # noqa: E731
    assert sorted(map(key, rows["summary"])) == sorted(key(r) for r in rows["full"]
                                                       if r["status"] in ("eligible", "undetermined", "error"))


def test_near_misses_in_rules_vn_follow_the_target_group(registry):
    """Nobody is told about a merit benefit outside its merit category (a ten-year-old without one is never
    told why he gets no war-invalid allowance), nor a man about birth support."""
    levels = eval_levels(RULES, [REGISTRY], "--period", PERIOD)
    people = {(h["id"], p["id"]): p for h in registry for p in h["members"]}
    seen = set()
    for d in levels["reasons"]:
        for m in d["members"]:
            person = people[(d["household_id"], m["person_id"])]
            for b in m["benefits"]:
                if b["status"] != "not_eligible":
                    continue
                seen.add(b["benefit"])
                assert b["reason"]["vi"].startswith("Không đủ điều kiện: ")
                if b["benefit"].startswith("merit_"):
                    assert person.get("merit"), (d["household_id"], m["person_id"], b["benefit"])
                if b["benefit"] == "birth_support_poor_ethnic_minority":
                    assert person.get("sex") == "female"
    assert {"merit_invalid_extra", "sa_elderly_poor_no_supporter"} <= seen
    full_not_eligible = sum(1 for d in levels["full"] for m in d["members"] for b in m["benefits"]
                            if b["status"] == "not_eligible")
    near = sum(1 for d in levels["reasons"] for m in d["members"] for b in m["benefits"]
               if b["status"] == "not_eligible")
    assert near * 20 < full_not_eligible  # a few near misses, not every benefit a person lacks


def test_python_detail_matches_the_cli(rules, registry):
    for level in LEVELS:
        cli = run_cli("eval", RULES, REGISTRY, "--period", PERIOD, "--format", "jsonl", "--detail", level).stdout
        expected = [json.loads(line) for line in cli.splitlines()[:40]]
        many = rules.evaluate_many(registry[:40], period=PERIOD, detail=level)
        assert [d.to_dict() for d in many] == expected
        assert all(d.detail == level for d in many)
        one = rules.evaluate(registry[0], period=PERIOD, detail=level)
        assert one.to_dict() == expected[0]
        assert len(one.members[0].benefits) == len(expected[0]["members"][0]["benefits"])
    with pytest.raises(ValueError):
        rules.evaluate(registry[0], period=PERIOD, detail="short")


def test_evaluate_frame_detail(rules, csv_frames):
    hh, pp = csv_frames
    frames = {lvl: rules.evaluate_frame(hh, pp, period=PERIOD, detail=lvl) for lvl in LEVELS}
    summary, reasons, full = (frames[lvl].benefits for lvl in LEVELS)
    assert set(summary.status.astype(str)) <= {"eligible", "undetermined"}
    assert "reason_vi" not in summary.columns and "reason_vi" in reasons.columns
    assert len(summary) < len(reasons) < len(full)
    paid = lambda f: f[f.status.isin(["eligible", "undetermined"])][  # noqa: E731
        ["household_id", "person_id", "benefit", "status", "amount"]].astype(str).values.tolist()
    assert paid(summary) == paid(full) == paid(reasons)
    assert frames["summary"].households.equals(frames["full"].households)


def test_near_miss_and_brief_in_python(rules, registry):
    household = next(h for h in registry if h["id"] == "CL-0001")
    d = rules.evaluate(household, period=PERIOD, detail="reasons")
    listed = [b for m in d.members for b in m.benefits]
    assert all(b.status in ("eligible", "undetermined") or b.near_miss for b in listed)
    brief = d.brief()
    assert brief["total_monthly"] == d.total_monthly
    assert all(q["field"] is not None and not q["path"].startswith("param.") for q in brief["questions"])
    assert all(e["status"] == "not_eligible" for e in brief["near_misses"])
    assert {e["benefit"] for e in brief["receives"]} == {b.benefit for b in listed if b.status == "eligible"}
    assert brief["others"] == []
    assert len(d.brief("full")["others"]) > 0
    # Each amount with its benefit's unit (money or percent), as in the C API's and the service's brief.
    units = dict(zip(rules.benefits.id, rules.benefits.unit))
    entries = [e for key in ("receives", "undetermined", "awaiting_text", "near_misses") for e in brief[key]]
    assert entries and all(e["unit"] == units[e["benefit"]] for e in entries)
    assert {e["unit"] for e in brief["receives"]} == {"money", "percent"}  # allowances and insurance support
    assert d.explain() == run_cli("explain", RULES, REGISTRY, "--household", "CL-0001", "--period", PERIOD).stdout


def test_explain_is_short_and_all_shows_everything():
    short = run_cli("explain", RULES, REGISTRY, "--household", "CL-0001", "--period", PERIOD).stdout
    everything = run_cli("explain", RULES, REGISTRY, "--household", "CL-0001", "--period", PERIOD, "--all").stdout
    assert len(short.splitlines()) <= 45
    assert len(everything.splitlines()) > 100
    assert "param." not in short
    assert "Không áp dụng vào thời điểm này" not in short and "Không áp dụng vào thời điểm này" in everything
    assert "(tạm tính)" in short
