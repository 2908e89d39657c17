"""rules.report(...) and ansinh.diff(...): DataFrames from the same C++
implementation as `ansinh report` / `ansinh diff` (numbers checked against the
CLI and against the hand-made registry of tests/report/)."""

import io
import sys

import pandas as pd
import pytest

from conftest import PERIOD, REGISTRY, RULES, SOURCE, run_cli

CANG_LONG = SOURCE / "rules" / "vn" / "tra-vinh" / "cang-long"
NQ42 = SOURCE / "rules" / "scenarios" / "nq42-2030"
MINI = SOURCE / "tests" / "data" / "report" / "mini"
MINI_BASE = SOURCE / "tests" / "data" / "report" / "mini-base"
MINI_REGISTRY = SOURCE / "tests" / "data" / "report" / "registry.jsonl"

sys.path.insert(0, str(SOURCE / "tests" / "report"))
import check_html  # noqa: E402


@pytest.fixture(scope="module")
def cang_long(ansinh):
    return ansinh.load(CANG_LONG)


@pytest.fixture(scope="module")
def report(cang_long):
    return cang_long.report(REGISTRY, period=PERIOD)


def cli_table(*args):
    out = run_cli(*args, "--format", "csv").stdout
    return pd.read_csv(io.StringIO(out), keep_default_na=False, na_values=[""], dtype={"id": "string"})


def test_report_tables_match_the_cli(report, cang_long):
    assert report.tables == ["summary", "costs", "groups", "indicators", "follow_up", "breakdown", "status",
                             "errors", "missing", "undetermined"]
    cli = cli_table("report", CANG_LONG, REGISTRY, "--period", PERIOD, "--table", "indicators")
    ind = report.indicators
    assert list(ind["id"]) == list(cli["id"])
    assert len(ind) == 7
    for column in ["numerator", "denominator", "gap", "unknown", "against_households"]:
        assert list(ind[column]) == list(cli[column]), column
    summary = cli_table("report", CANG_LONG, REGISTRY, "--period", PERIOD, "--table", "summary")
    monthly = int(summary.set_index("key").loc["monthly", "value"])
    assert report.monthly == monthly == report.summary["monthly"]
    assert report.annual == 12 * monthly
    assert report.costs["monthly"].sum() == monthly
    assert report.summary["households"] == 424


def test_report_from_dataframes_equals_report_from_files(cang_long, report, csv_frames):
    households, persons = csv_frames
    from_frames = cang_long.report(households, persons, period=PERIOD)
    assert from_frames.monthly == report.monthly
    cols = ["id", "numerator", "denominator", "share", "met", "gap"]
    pd.testing.assert_frame_equal(from_frames.indicators[cols], report.indicators[cols])
    pd.testing.assert_frame_equal(from_frames.costs, report.costs)


def test_indicator_arithmetic_on_the_hand_made_registry(ansinh):
    r = ansinh.load(MINI).report(MINI_REGISTRY, as_of="2026-01-01", lang="en")
    row = r.indicators.set_index("id").loc["elderly_covered"]
    assert (row.numerator, row.denominator, row.share, row.gap, row.population_unknown) == (3, 4, 0.75, 1, 1)
    assert not row.met
    follow = r.follow_up
    assert list(follow[follow.indicator == "insured"].household_id) == ["H1", "H4", "H2"]
    assert list(follow[follow.indicator == "insured"].reason) == ["against", "against", "unknown"]
    assert r.monthly == 400_000
    assert r.summary["once"] == 2_000_000
    assert list(r.status.household_id) == ["H3"]
    assert list(r.errors.household_id) == ["H5<b>&"]
    assert r.table("breakdown", by="commune")["commune"].tolist() == ["Phường B", "Xã A", "Xã C"]


def test_diff_of_a_package_with_itself_is_empty(ansinh, rules):
    d = ansinh.diff(rules, rules, REGISTRY, period=PERIOD)
    assert d.monthly_change == 0
    assert d.changed_households == 0
    assert d.changes.empty
    assert (d.benefits.gained + d.benefits.lost + d.benefits.up + d.benefits.down).sum() == 0


def test_diff_after_a_parameter_change_by_hand(ansinh):
    d = ansinh.diff(MINI, MINI_BASE, MINI_REGISTRY, as_of="2026-01-01")
    assert d.monthly_change == 80_000
    assert d.summary["annual_change"] == 960_000
    assert d.changes[["household_id", "person_id", "benefit", "change", "amount_a", "amount_b"]].values.tolist() == [
        ["H1", "P1", "elder", "up", 200_000, 240_000],
        ["H1", "P2", "elder_poor", "up", 100_000, 120_000],
        ["H3", "R1", "elder_poor", "up", 100_000, 120_000],
    ]
    areas = d.areas.set_index("area")
    assert areas.loc["rural", "gaining_households"] == 2
    assert areas.loc["rural", "monthly_change"] == 80_000


def test_nq42_diff_adds_up_and_matches_the_cli(ansinh, rules, csv_frames):
    d = ansinh.diff(rules, NQ42, REGISTRY, period=PERIOD, max_list=0)
    money = d.changes[(d.changes.unit == "money") & (d.changes.frequency == "monthly")]
    assert (money.amount_b.fillna(0) - money.amount_a.fillna(0)).sum() == d.monthly_change > 0
    gained = d.benefits.set_index("id").loc["sa_child_under_3", "gained"]
    assert gained == ((d.changes.benefit == "sa_child_under_3") & (d.changes.change == "gained")).sum()
    cli = cli_table("diff", RULES, NQ42, REGISTRY, "--period", PERIOD, "--table", "summary").set_index("key")
    assert int(cli.loc["monthly_change", "value"]) == d.monthly_change
    households, persons = csv_frames
    from_frames = ansinh.diff(rules, NQ42, households, persons, period=PERIOD)
    assert from_frames.monthly_change == d.monthly_change
    assert from_frames.changed_households == d.changed_households


def test_html_pages_are_valid_and_have_their_charts(report, ansinh, rules, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(report.html(), encoding="utf-8")
    sys.argv = ["check_html.py", str(page), "chart-cost", "chart-coverage", "chart-area"]
    assert check_html.main() == 0
    assert '<html lang="vi">' in report.html()
    assert '<html lang="en">' in report.html(lang="en")
    d = ansinh.diff(rules, NQ42, REGISTRY, period=PERIOD)
    page = tmp_path / "diff.html"
    page.write_text(d.html(), encoding="utf-8")
    sys.argv = ["check_html.py", str(page), "chart-cost-change", "chart-area-change", "chart-coverage-change"]
    assert check_html.main() == 0
    assert "Monthly cost" in report.text(lang="en")
    assert report.to_dict()["households"] == 424


def test_bad_arguments_raise_usage_errors(ansinh, cang_long, report):
    with pytest.raises(ansinh.UsageError):
        report.table("nonsense")
    with pytest.raises(ansinh.UsageError):
        report.text(by="village")
    with pytest.raises(ansinh.UsageError):
        report.html(lang="fr")
    with pytest.raises(ansinh.UsageError):
        cang_long.report(REGISTRY)  # no as_of / period
    with pytest.raises(ansinh.InputError):
        cang_long.report(SOURCE / "no-such-file.jsonl", period=PERIOD)
