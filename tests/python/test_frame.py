"""rules.evaluate_frame: pandas in, pandas out, identical to the CLI."""

import datetime as dt
import signal
import threading
import time
import warnings

import numpy as np
import pandas as pd
import pytest

from conftest import AS_OF, HOUSEHOLDS_CSV, PERIOD, PERSONS_CSV, REGISTRY, cli_decisions
from frame_util import assert_frames_equal, assert_same_values, check_against_cli, registry_frames


@pytest.mark.parametrize("read", ["default", "text"])
@pytest.mark.parametrize("flag,value,kwargs", [("--as-of", AS_OF, {"as_of": AS_OF}),
                                               ("--period", PERIOD, {"period": PERIOD})])
def test_csv_pair_equals_cli(rules, read, flag, value, kwargs):
    opts = {} if read == "default" else {"dtype": str, "keep_default_na": False}
    hh, pp = pd.read_csv(HOUSEHOLDS_CSV, **opts), pd.read_csv(PERSONS_CSV, **opts)
    result = rules.evaluate_frame(hh, pp, **kwargs)
    check_against_cli(result, cli_decisions([HOUSEHOLDS_CSV, PERSONS_CSV], flag, value), rules)


def test_jsonl_registry_as_frames_equals_cli(rules, registry):
    hh, pp = registry_frames(registry)
    result = rules.evaluate_frame(hh, pp, as_of=AS_OF)
    check_against_cli(result, cli_decisions([REGISTRY], "--as-of", AS_OF), rules)


def test_dtypes_of_the_result(rules, csv_frames):
    benefits, households, persons = rules.evaluate_frame(*csv_frames, as_of=AS_OF)
    for frame, columns in [(benefits, ["household_id", "person_id", "benefit", "status", "unit", "group",
                                       "reference", "superseded_by", "missing", "reason_vi", "reason_en"]),
                           (households, ["household_id", "status", "errors", "warnings", "poverty_status"]),
                           (persons, ["household_id", "person_id"])]:
        for c in columns:
            assert isinstance(frame[c].dtype, pd.CategoricalDtype), c
    assert list(benefits.status.cat.categories) == ["eligible", "not_eligible", "undetermined", "superseded",
                                                    "not_in_force"]
    assert str(benefits.amount.dtype) == "Int64"
    assert str(households.in_poor_household.dtype) == "boolean"
    assert str(persons.age_months.dtype) == "Int64"
    assert households.total_monthly.dtype == np.int64
    assert (households.household_id.astype(str) == csv_frames[0].id).all()  # input order
    paid = benefits[(benefits.status == "eligible") & (benefits.unit == "money") & (benefits.frequency == "monthly")]
    assert paid.amount.sum() == households.total_monthly.sum()


def _baseline(rules, csv_frames):
    return rules.evaluate_frame(*csv_frames, as_of=AS_OF)


def assert_same(a, b):
    for x, y in zip(a, b):
        assert_same_values(x, y)


def test_every_input_dtype(rules, csv_frames):
    # CL-0401 has the impossible birth date 2022-02-30, which datetime64 cannot hold.
    hh = csv_frames[0][csv_frames[0].id != "CL-0401"].reset_index(drop=True)
    pp = csv_frames[1][csv_frames[1].household_id != "CL-0401"].reset_index(drop=True)
    expected = _baseline(rules, (hh, pp))
    hh, pp = hh.copy(), pp.copy()
    hh["area"] = hh["area"].astype("category")                      # categorical enum
    hh["commune"] = hh["commune"].astype("string")                  # pandas string dtype
    hh["income_per_capita"] = hh["income_per_capita"].astype("Int64")  # nullable int
    hh["extremely_difficult_area"] = hh["extremely_difficult_area"].astype("boolean")
    pp["birth_date"] = pd.to_datetime(pp["birth_date"])             # datetime64[ns]
    pp["sex"] = pp["sex"].astype("category")
    pp["pension_amount"] = pp["pension_amount"].astype("Float64")   # nullable float
    pp["martyrs_count"] = pp["martyrs_count"].astype("Int32")
    pp["merit"] = pp["merit"].map(lambda v: v if not isinstance(v, str) else [] if v == "[]" else v.split(";"))
    assert_same(rules.evaluate_frame(hh, pp, as_of=AS_OF), expected)
    pp["birth_date"] = pp["birth_date"].dt.tz_localize("Asia/Ho_Chi_Minh")
    pp["household_id"] = pp["household_id"].astype("category")
    assert_same(rules.evaluate_frame(hh, pp, as_of=AS_OF), expected)
    pp["birth_date"] = pp["birth_date"].map(lambda t: t.date() if not pd.isna(t) else None)  # object of dates
    assert_same(rules.evaluate_frame(hh, pp, as_of=AS_OF), expected)
    assert_same(rules.evaluate_frame(hh.set_index("id"), pp, as_of=AS_OF), expected)  # the id as the index


def test_unknown_and_mistyped_columns_raise(ansinh, rules, csv_frames):
    hh, pp = (f.copy() for f in csv_frames)
    hh["areaa"] = "rural"
    hh["notes"] = "x"
    pp["birth_date"] = 20200101
    pp["sex"] = True
    with pytest.raises(ansinh.ColumnError) as info:
        rules.evaluate_frame(hh, pp, as_of=AS_OF)
    e = info.value
    assert isinstance(e, ansinh.UsageError) and isinstance(e, ValueError)
    text = str(e)
    assert "households: column 'areaa' is not a field of the schema (did you mean 'area'?)" in text
    assert "'notes'" in text
    assert "persons: column 'birth_date' has dtype int64, but field birth_date is date" in text
    assert "persons: column 'sex' has dtype bool, but field sex is enum" in text
    assert {(f, c) for f, c, _ in e.problems} == {("households", "areaa"), ("households", "notes"),
                                                  ("persons", "birth_date"), ("persons", "sex")}


def test_unknown_columns_ignore_or_warn(rules, csv_frames):
    expected = _baseline(rules, csv_frames)
    hh = csv_frames[0].assign(notes="x")
    assert_same(rules.evaluate_frame(hh, csv_frames[1], as_of=AS_OF, unknown_columns="ignore"), expected)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert_same(rules.evaluate_frame(hh, csv_frames[1], as_of=AS_OF, unknown_columns="warn"), expected)
    assert any("notes" in str(w.message) for w in caught)


def test_missing_key_columns(ansinh, rules, csv_frames):
    hh, pp = csv_frames
    with pytest.raises(ansinh.ColumnError, match="no 'id' column"):
        rules.evaluate_frame(hh.drop(columns="id"), pp, as_of=AS_OF)
    with pytest.raises(ansinh.ColumnError, match="household_id"):
        rules.evaluate_frame(hh, pp.drop(columns="household_id"), as_of=AS_OF)
    renamed = pp.rename(columns={"household_id": "hh"})
    assert_same(rules.evaluate_frame(hh, renamed, as_of=AS_OF, household_id_column="hh"), _baseline(rules, csv_frames))
    with pytest.raises(ansinh.UsageError):
        rules.evaluate_frame([1, 2], pp, as_of=AS_OF)


def test_bad_values_are_errors_of_their_household(rules, csv_frames):
    hh, pp = (f.copy() for f in csv_frames)
    hh["income_per_capita"] = hh["income_per_capita"].astype(float)
    hh.loc[1, "income_per_capita"] = 1_100_000.5
    pp["birth_date"] = pp["birth_date"].astype(object)
    pp.loc[0, "birth_date"] = "2020-02-30"
    _, households, _ = rules.evaluate_frame(hh, pp, as_of=AS_OF)
    errors = households.set_index(households.household_id.astype(str)).errors.astype(object)
    first, second = hh.id[0], hh.id[1]
    assert "R_BAD_DATE members[" in errors[first]
    assert "R_BAD_NUMBER income_per_capita" in errors[second]
    assert households.status.astype(str).tolist().count("error") == 2 + 7  # the 7 invalid examples


def test_orphans_and_duplicates_like_the_csv_reader(rules, tmp_path):
    hh = pd.read_csv(HOUSEHOLDS_CSV, dtype=str, keep_default_na=False)
    pp = pd.read_csv(PERSONS_CSV, dtype=str, keep_default_na=False)
    hh = pd.concat([hh, hh.iloc[[3]]], ignore_index=True)          # a duplicate household id
    orphan = pp.iloc[[0, 1]].assign(household_id="CL-9999")
    orphan["id"] = ["X1", "X2"]
    pp = pd.concat([pp, orphan], ignore_index=True)                 # persons of a household not listed
    h_path, p_path = tmp_path / "households.csv", tmp_path / "persons.csv"
    hh.to_csv(h_path, index=False)
    pp.to_csv(p_path, index=False)
    _, households, _ = rules.evaluate_frame(hh, pp, as_of=AS_OF)
    cli = cli_decisions([h_path, p_path], "--as-of", AS_OF)
    # Households in input order, then the persons' households that are not in it (the CLI, which
    # streams, puts those where their persons run appears; here that is just before the last row).
    n = len(hh) - 1                                                 # the registry's households
    cli = cli[:n] + cli[n + 1:] + cli[n:n + 1]
    assert households.household_id.astype(str).tolist() == [d["household_id"] for d in cli]
    assert households.status.astype(str).tolist() == [d["status"] for d in cli]
    ours = households.errors.astype(object).tolist()
    for text, d in zip(ours, cli):
        for e in d["errors"]:
            assert f"{e['code']} {e['field']}".strip() in text
    assert [e["code"] for e in cli[-1]["errors"]] == ["R_HOUSEHOLD_MISSING"]
    assert ours[-1] == ("R_HOUSEHOLD_MISSING: Tệp persons có thành viên của hộ 'CL-9999' nhưng hộ này không có "
                        "trong households.")
    assert "R_DUPLICATE_HOUSEHOLD_ID id" in ours[-2] and "R_NO_MEMBERS" in ours[-2]


def test_threads_do_not_change_results(rules, csv_frames):
    hh, pp = csv_frames
    many_h = pd.concat([hh.assign(id=hh.id + f"-{k}") for k in range(6)], ignore_index=True)
    many_p = pd.concat([pp.assign(household_id=pp.household_id + f"-{k}") for k in range(6)], ignore_index=True)
    one = rules.evaluate_frame(many_h, many_p, as_of=AS_OF, threads=1)
    for threads in (2, 4, None):
        other = rules.evaluate_frame(many_h, many_p, as_of=AS_OF, threads=threads)
        for x, y in zip(one, other):
            assert_frames_equal(x, y)


def test_reasons_off_and_lang(rules, csv_frames):
    full = rules.evaluate_frame(*csv_frames, as_of=AS_OF)
    lean = rules.evaluate_frame(*csv_frames, as_of=AS_OF, reasons=False, lang="en")
    assert "reason_vi" not in lean.benefits and "reason_en" not in lean.benefits
    # The same rows; only the labels follow lang.
    assert_frames_equal(lean.benefits.drop(columns=["benefit_label"]),
                        full.benefits.drop(columns=["reason_vi", "reason_en", "benefit_label"]))
    labels = rules.benefits.set_index("id")
    assert list(lean.benefits.benefit_label.astype(str)) == list(labels.loc[lean.benefits.benefit.astype(str),
                                                                            "label_en"])
    en = lean.households.errors.dropna().astype(str)
    vi = full.households.errors.dropna().astype(str)
    assert len(en) == len(vi) == 7 and (en != vi).all()


def test_empty_frames_keep_the_columns(rules, csv_frames):
    hh, pp = csv_frames
    benefits, households, persons = rules.evaluate_frame(hh.iloc[:0], pp.iloc[:0], as_of=AS_OF)
    full = rules.evaluate_frame(hh.iloc[:3], pp, as_of=AS_OF, unknown_columns="error")
    assert len(benefits) == len(households) == len(persons) == 0
    assert list(benefits.columns) == list(full.benefits.columns)
    assert list(households.columns) == list(full.households.columns)
    assert list(benefits.dtypes.astype(str)) == list(full.benefits.dtypes.astype(str))


def test_dict_of_columns(rules):
    hh = {"id": ["H1"], "area": ["rural"], "income_per_capita": [900_000]}
    pp = {"household_id": ["H1", "H1"], "id": ["P1", "P2"],
          "birth_date": [dt.date(1950, 3, 1), np.datetime64("2024-06-30")], "sex": ["female", None]}
    benefits, households, persons = rules.evaluate_frame(hh, pp, as_of=AS_OF)
    assert households.status.tolist() == ["ok"] and persons.person_id.tolist() == ["P1", "P2"]
    assert persons.age_years.tolist() == [75, 1]


def test_progress_bar(rules, csv_frames, capsys):
    rules.evaluate_frame(*csv_frames, as_of=AS_OF, progress=True)
    assert "household" in capsys.readouterr().err


class _Stop(Exception):
    pass


def test_ctrl_c_interrupts_a_long_batch(ansinh, rules, csv_frames):
    from ansinh import _ansinh, frames

    hh, pp = csv_frames
    k = 150
    many_h = pd.concat([hh.assign(id=hh.id + f"-{i}") for i in range(k)], ignore_index=True)
    many_p = pd.concat([pp.assign(household_id=pp.household_id + f"-{i}") for i in range(k)], ignore_index=True)
    records = frames.prepare_records(rules, many_h, many_p)

    def handler(signum, frame):
        raise _Stop()

    start = time.monotonic()
    _ansinh._run(rules, records, "as_of", AS_OF, 1)
    full = time.monotonic() - start
    assert full > 0.6, "the batch is too short to interrupt: make it longer"

    previous = signal.signal(signal.SIGINT, handler)
    timer = threading.Timer(0.2, lambda: signal.pthread_kill(threading.main_thread().ident, signal.SIGINT))
    returned = False
    try:
        start = time.monotonic()
        timer.start()
        try:
            _ansinh._run(rules, records, "as_of", AS_OF, 1)
            returned = True
            time.sleep(5)  # a signal that was not seen by the batch arrives here
        except _Stop:
            pass
        interrupted = time.monotonic() - start
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert not returned, "the batch ran to its end despite Ctrl-C"
    assert interrupted < 0.6 * full, (interrupted, full)
    print(f"full batch {full:.2f} s, interrupted after {interrupted:.2f} s")


def test_carry_copies_household_columns(ansinh, rules, csv_frames):
    hh, pp = csv_frames
    hh = hh.assign(province="Trà Vinh", code=np.arange(len(hh)))
    orphan = pp.iloc[[0]].assign(household_id="NOWHERE", id="X1")
    pp = pd.concat([pp, orphan], ignore_index=True)
    benefits, households, persons = rules.evaluate_frame(hh, pp, as_of=AS_OF, carry=["commune", "province", "code"])
    assert list(households.columns[:4]) == ["household_id", "commune", "province", "code"]
    assert list(benefits.columns[:5]) == ["household_id", "person_id", "commune", "province", "code"]
    assert list(persons.columns[:5]) == ["household_id", "person_id", "commune", "province", "code"]
    n = len(hh)
    assert households.commune[:n].tolist() == hh.commune.tolist()
    assert households.household_id.iloc[-1] == "NOWHERE" and pd.isna(households.province.iloc[-1])
    merged = benefits.drop(columns=["commune"]).merge(hh[["id", "commune"]], left_on="household_id", right_on="id")
    assert merged.commune.tolist() == benefits.commune[benefits.household_id != "NOWHERE"].tolist()
    codes = dict(zip(hh.id, hh.code))
    sample = persons[persons.household_id != "NOWHERE"]
    assert (sample.code.astype(int) == sample.household_id.astype(str).map(codes)).all()
    with pytest.raises(ansinh.UsageError, match="status"):
        rules.evaluate_frame(csv_frames[0].assign(status=1), pp, as_of=AS_OF, carry=["status"])
    with pytest.raises(ansinh.ColumnError, match="no column 'nope' to carry"):
        rules.evaluate_frame(csv_frames[0], pp, as_of=AS_OF, carry=["nope"])
