"""Coverage and cost reports, and what a change of the rules changes.

Both share the C++ implementation (``ansinh report`` / ``ansinh diff``): the
native module builds the report and renders its tables; this module reads
them into pandas DataFrames with the same column names as the CLI's CSV.

    >>> rules = ansinh.load("rules/vn/tra-vinh/cang-long")
    >>> r = rules.report("examples/registry.jsonl", period="2026-11")
    >>> r.indicators[["id", "numerator", "denominator", "share", "met", "gap"]]
    >>> open("report.html", "w").write(r.html())
    >>> d = ansinh.diff("rules/vn", "rules/scenarios/nq42-2030", "examples/registry.jsonl", period="2026-11")
    >>> d.monthly_change, d.changes.head()
"""

import io as _io
import json as _json
import os as _os

from . import _ansinh
from ._dates import when_args as _when_args

# Columns read as text whatever they look like (ids such as "001" keep their zeros).
_TEXT = {"id", "key", "label", "household_id", "person_id", "members", "benefit", "indicator", "area", "commune",
         "code", "field", "message", "file", "reference", "recognized", "computed", "value", "benefits", "missing",
         "target_op", "status_a", "status_b", "change", "possible_error", "reason", "kind", "status"}


def _threads(threads):
    if threads is None:
        return 0
    if int(threads) < 1:
        raise _ansinh.UsageError("threads must be >= 1 (or None for all cores)")
    return int(threads)


def _is_paths(records):
    return isinstance(records, (str, bytes, _os.PathLike)) or (
        isinstance(records, (list, tuple)) and all(isinstance(p, (str, bytes, _os.PathLike)) for p in records))


def _path_list(records):
    if isinstance(records, (str, bytes, _os.PathLike)):
        records = [records]
    return [_os.fsdecode(p) for p in records]


# Fractions (0.96 = 96%): the only float64 columns. Every other number is a
# count or integer VND.
_FRACTIONS = {"share", "target_share", "share_a", "share_b"}
# Days (YYYY-MM-DD): datetime64, as date variables in evaluate_frame.
_DAYS = {"target_by", "missing_from", "priced_on"}


def _typed(frame):
    """The dtypes of evaluate_frame: texts as categoricals (empty cell: <NA>),
    counts and money as int64 (nullable Int64 where a cell may be empty),
    fractions as float64, days as datetime64, flags as bool."""
    import numpy as np
    import pandas as pd

    for c in frame.columns:
        s = frame[c]
        if c in _DAYS:
            frame[c] = pd.to_datetime(s.astype("string"), format="%Y-%m-%d", errors="coerce")
        elif c in _FRACTIONS:
            frame[c] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_integer_dtype(s.dtype):
            continue
        elif pd.api.types.is_float_dtype(s.dtype):
            whole = s.dropna()
            if bool((whole == np.floor(whole)).all()):
                frame[c] = s.astype("Int64")  # money or a count with empty cells
        else:
            frame[c] = s.astype("category")
    return frame


def _table(native, name, lang, by):
    import pandas as pd

    text = native.render("csv", lang, by, name)
    header = text.split("\n", 1)[0].split(",")
    dtypes = {c: "string" for c in header if c in _TEXT}
    frame = pd.read_csv(_io.StringIO(text), dtype=dtypes, keep_default_na=False, na_values=[""])
    return _typed(frame)


class _Tables:
    """DataFrames read from the native renderer's CSV tables (cached per language and breakdown)."""

    _tables = ()

    def __init__(self, native, lang, by):
        self._native = native
        self._lang = lang
        self._by = by
        self._cache = {}

    def table(self, name, *, lang=None, by=None):
        """Table ``name`` (one of ``tables``) as a DataFrame; labels in ``lang``."""
        if name not in self._tables:
            raise _ansinh.UsageError(f"unknown table {name!r}: one of {', '.join(self._tables)}")
        key = (name, lang or self._lang, by or self._by)
        if key not in self._cache:
            self._cache[key] = _table(self._native, name, key[1], key[2])
        return self._cache[key]

    @property
    def tables(self):
        """Names of the tables."""
        return list(self._tables)

    @property
    def summary(self):
        """The summary table as a dict (counts and VND as int)."""
        out = {}
        for k, v in zip(self.table("summary")["key"], self.table("summary")["value"]):
            if not isinstance(v, str):  # an empty cell
                out[k] = None
                continue
            try:
                out[k] = int(v)
            except ValueError:
                out[k] = {"true": True, "false": False}.get(v, v)
        return out

    def text(self, *, lang=None, by=None):
        """The report as the CLI prints it."""
        return self._native.render("text", lang or self._lang, by or self._by, "")

    def html(self, *, lang=None, by=None):
        """One self-contained HTML page with its SVG charts (Vietnamese by default)."""
        return self._native.render("html", lang or self._lang, by or self._by, "")

    def to_json(self):
        """The whole document as JSON text (``json.loads`` it for a dict)."""
        return self._native.render("json", self._lang, self._by, "")

    def to_dict(self):
        return _json.loads(self.to_json())

    def _repr_html_(self):  # Jupyter shows the page
        return self.html()


class Report(_Tables):
    """A coverage and cost report. Tables (DataFrames): ``costs``, ``groups``,
    ``indicators``, ``follow_up`` (households counting against a target or
    unknown), ``breakdown`` (by ``by``), ``status`` (class on the commune's list
    differs from the computed one), ``errors``, ``missing``, ``undetermined``;
    ``summary`` (dict); ``html()``, ``text()``, ``to_json()``."""

    _tables = tuple(_ansinh._report_tables)

    costs = property(lambda self: self.table("costs"), doc="Cost and beneficiaries per benefit.")
    groups = property(lambda self: self.table("groups"), doc="Cost and beneficiaries per group.")
    indicators = property(lambda self: self.table("indicators"), doc="Each indicator against its target.")
    follow_up = property(lambda self: self.table("follow_up"), doc="Households to follow up, per indicator.")
    breakdown = property(lambda self: self.table("breakdown"), doc="Households, beneficiaries and cost by `by`.")
    status = property(lambda self: self.table("status"), doc="List class differs from the computed class.")
    errors = property(lambda self: self.table("errors"), doc="Records with errors (not evaluated).")
    missing = property(lambda self: self.table("missing"), doc="Facts (and legal values) left missing.")
    undetermined = property(lambda self: self.table("undetermined"), doc="Households with undetermined benefits.")
    monthly = property(lambda self: self._native.monthly, doc="Monthly cost, VND.")
    annual = property(lambda self: self._native.annual, doc="12 × the monthly cost, VND.")

    def __repr__(self):
        return f"<ansinh.Report: {self._native.households} households, monthly cost {self.monthly:,} VND>"


class Diff(_Tables):
    """What package B changes against A. Tables (DataFrames): ``benefits``
    (gained, lost, up, down, cost under A and B), ``areas`` (gainers and losers
    by area, or commune with ``by='commune'``), ``indicators`` (under A and B),
    ``changes`` (one row per benefit that changes for a household or member);
    ``summary`` (dict); ``monthly_change``; ``html()``, ``text()``."""

    _tables = tuple(_ansinh._diff_tables)

    benefits = property(lambda self: self.table("benefits"), doc="Per benefit: gained, lost, up, down, cost.")
    areas = property(lambda self: self.table("areas"), doc="Gainers and losers by area (or commune).")
    indicators = property(lambda self: self.table("indicators"), doc="Indicators declared by both, under A and B.")
    changes = property(lambda self: self.table("changes"), doc="One row per changed benefit of a household/member.")
    monthly_change = property(lambda self: self._native.monthly_change, doc="Monthly cost under B − under A, VND.")
    changed_households = property(lambda self: self._native.changed_households)

    def __repr__(self):
        return (f"<ansinh.Diff: {self.changed_households} households change, "
                f"monthly cost {self.monthly_change:+,} VND>")


def _records(rules, records, persons, household_id_column, unknown_columns, strict):
    from . import frames

    if persons is None:
        raise _ansinh.UsageError("records: give file paths, or a households DataFrame with a persons DataFrame")
    return frames.prepare_records(rules, records, persons, household_id_column=household_id_column,
                                  unknown_columns=unknown_columns, strict=strict)


def report(rules, records, persons=None, *, as_of=None, period=None, by="benefit", lang=None, max_list=1000,
           threads=None, household_id_column="household_id", unknown_columns="error", strict=False):
    """Coverage and cost report of ``records`` under ``rules`` (``rules.report(...)``).

    ``records``: a file path or a list of paths (JSON, JSON Lines, YAML, or the
    CSV pair households.csv persons.csv) — read streaming, memory stays bounded
    — or a households DataFrame with ``persons`` (as ``rules.evaluate_frame``).
    Exactly one of ``as_of`` (a day) or ``period`` (a month). ``by``: the
    breakdown table ('benefit' (= area), 'area', 'commune', 'status'). ``lang``:
    labels ('vi' or 'en', default: the package's). ``max_list``: household ids
    kept per list (0 = all; counts always cover every record). ``strict=True``:
    a field the schema does not know is an error of its record (files) or a
    ColumnError (DataFrames), not a warning.
    Returns a :class:`Report`.
    """
    kind, text = _when_args(as_of, period)
    if _is_paths(records):
        native = _ansinh._report_paths(rules, _path_list(records), kind, text, int(max_list), _threads(threads),
                                       bool(strict))
    else:
        converted = _records(rules, records, persons, household_id_column, unknown_columns, bool(strict))
        native = _ansinh._report_records(rules, converted, kind, text, int(max_list), _threads(threads))
    return Report(native, lang, by)


def diff(rules_a, rules_b, records, persons=None, *, as_of=None, period=None, by="area", lang=None, max_list=1000,
         threads=None, household_id_column="household_id", unknown_columns="error", strict=False):
    """What changes when the rules go from ``rules_a`` to ``rules_b`` (each a
    :class:`RuleSet` or a package folder), on the same ``records`` (paths, or
    a households DataFrame with ``persons``): per household and member the
    benefits gained, lost, up or down; gainers and losers by benefit and area;
    the change in monthly and annual cost. Arguments as :func:`report`
    (``by``: 'area' or 'commune'). Returns a :class:`Diff`.
    """
    from . import load

    a = load(rules_a) if isinstance(rules_a, (str, _os.PathLike)) else rules_a
    b = load(rules_b) if isinstance(rules_b, (str, _os.PathLike)) else rules_b
    kind, text = _when_args(as_of, period)
    if _is_paths(records):
        native = _ansinh._diff_paths(a, b, _path_list(records), kind, text, int(max_list), _threads(threads),
                                     bool(strict))
    else:
        ra = _records(a, records, persons, household_id_column, unknown_columns, bool(strict))
        rb = _records(b, records, persons, household_id_column, unknown_columns, bool(strict))
        native = _ansinh._diff_records(a, b, ra, rb, kind, text, int(max_list), _threads(threads))
    return Diff(native, lang, by)
