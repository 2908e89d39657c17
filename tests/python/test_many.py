"""rules.evaluate_many: the example registry gives the CLI's JSON, in input
order, on any number of threads; per-record errors are values."""

import json

import pytest

from conftest import AS_OF, PERIOD, REGISTRY, cli_decisions


@pytest.mark.parametrize("flag,value,kwargs", [("--as-of", AS_OF, {"as_of": AS_OF}),
                                               ("--period", PERIOD, {"period": PERIOD})])
def test_registry_equals_cli_json(rules, registry, flag, value, kwargs):
    cli = cli_decisions([REGISTRY], flag, value)
    decisions = rules.evaluate_many(registry, **kwargs)
    assert len(decisions) == len(registry) == len(cli)
    for d, expected in zip(decisions, cli):
        assert d.to_dict() == expected


def test_json_lines_are_byte_identical(rules, registry):
    from ansinh import _ansinh

    from conftest import RULES, run_cli

    records = _ansinh._records_from_dicts(rules, registry)
    batch = _ansinh._run(rules, records, "as_of", AS_OF, 2)
    assert batch.to_jsonl() == run_cli("eval", RULES, REGISTRY, "--as-of", AS_OF).stdout
    assert len(batch) == len(registry) and batch[-1].household_id == registry[-1]["id"]
    with pytest.raises(IndexError):
        batch[len(registry)]


def test_thread_count_does_not_change_results(rules, registry):
    many = registry * 8  # > 1 chunk per thread
    one = [d.to_json() for d in rules.evaluate_many(many, as_of=AS_OF, threads=1)]
    for threads in (2, 3, None):
        assert [d.to_json() for d in rules.evaluate_many(many, as_of=AS_OF, threads=threads)] == one


def test_generators_and_bad_items(rules, registry):
    items = (x for x in [registry[0], "junk", None, registry[1], {"id": "H", "members": []}])
    decisions = rules.evaluate_many(items, as_of=AS_OF)
    assert [d.ok for d in decisions] == [True, False, False, True, False]
    assert decisions[0].household_id == registry[0]["id"]
    assert decisions[3].household_id == registry[1]["id"]
    assert decisions[4].errors[0].code == "R_NO_MEMBERS"


def test_record_errors_in_a_batch(rules, registry):
    decisions = {d.household_id: d for d in rules.evaluate_many(registry, as_of=AS_OF)}
    assert not decisions["CL-0400"].ok and decisions["CL-0400"].errors[0].code == "R_UNKNOWN_ENUM_VALUE"
    assert decisions["CL-0407"].ok and {w.code for w in decisions["CL-0407"].warnings} >= {"R_PREGNANT_MALE"}
    assert decisions["CL-0001"].ok


def test_progress_callback(rules, registry):
    seen = []
    rules.evaluate_many(registry * 20, as_of=AS_OF, threads=1, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (len(registry) * 20, len(registry) * 20)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_progress_bar(rules, registry, capsys):
    rules.evaluate_many(registry, as_of=AS_OF, progress=True)
    assert "household" in capsys.readouterr().err


def test_explain_and_lang(rules, registry):
    d = rules.evaluate_many(registry[:3], as_of=AS_OF, explain=True, lang="en")[0]
    assert "explanation" in json.dumps(d.to_dict())
    assert d.explain() != d.explain(lang="vi")


def test_repeated_household_id_is_flagged_as_by_the_cli(rules, registry, tmp_path):
    # Issue 11: evaluate_many counted a repeated household twice (the CLI and
    # evaluate_frame give R_DUPLICATE_HOUSEHOLD_ID).
    three = [registry[0], registry[1], registry[0]]
    decisions = rules.evaluate_many(three, as_of=AS_OF)
    assert [d.ok for d in decisions] == [True, True, False]
    assert [e.code for e in decisions[2].errors] == ["R_DUPLICATE_HOUSEHOLD_ID"]
    assert "record 1" in decisions[2].errors[0].message
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in three), encoding="utf-8")
    cli = cli_decisions([str(path)], "--as-of", AS_OF)
    assert [[e["code"] for e in d["errors"]] for d in cli] == [[e.code for e in d.errors] for d in decisions]
    assert sum(d.total_monthly for d in decisions) == sum(d["total_monthly"] for d in cli)
