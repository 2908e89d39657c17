"""pandas in, pandas out: the DataFrame side of :meth:`ansinh.RuleSet.evaluate_frame`.

Input: each column is matched to a schema field by name, checked against the
field's type once per column (a :class:`ColumnError` names every unknown or
mistyped column), and handed to the native module as one numpy buffer — ints,
floats and bools as they are, ``datetime64`` as day numbers, categoricals as
codes plus categories, object/string columns as object arrays read element by
element in C++. No Python object is made per row.

Output: the native module reads the decisions into numpy arrays with the GIL
released; this module wraps them into DataFrames with categorical ids,
statuses, references and reasons, and nullable ``Int64``/``boolean`` columns
where a value may be unknown.
"""

import difflib

import numpy as np
import pandas as pd

from . import _ansinh
from ._ansinh import UsageError

__all__ = ["ColumnError", "FrameResult", "STATUSES", "assemble", "carried_columns", "frame_columns",
           "normalize_inputs", "prepare_records"]

STATUSES = ["eligible", "not_eligible", "undetermined", "superseded", "not_in_force"]

# Which column kinds (see _column_spec) each field type accepts. A float column
# that is entirely NaN (how pandas reads an empty CSV column) fits any field.
_ACCEPTS = {
    "bool": {"bool", "int", "uint", "float", "object", "category"},
    "int": {"int", "uint", "float", "object", "category"},
    "money": {"int", "uint", "float", "object", "category"},
    "decimal": {"int", "uint", "float", "object", "category"},
    "date": {"days", "object", "category"},
    "enum": {"object", "category"},
    "set": {"object", "category"},
    "string": {"object", "category", "int", "uint", "float"},
}
_HINT = {
    "bool": "True/False (bool, 0/1, or 'true'/'false' text)",
    "int": "whole numbers",
    "money": "whole VND (int, or floats without a fraction)",
    "decimal": "numbers",
    "date": "dates (datetime64, datetime.date objects or 'YYYY-MM-DD' text)",
    "enum": "text values",
    "set": "lists of text, or text 'a;b'",
    "string": "text",
}


class ColumnError(UsageError):
    """Input columns that do not fit the rule package's schema.

    ``problems`` lists one ``(frame, column, message)`` per unknown or
    mistyped column; ``str(error)`` gives them all, one per line.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        lines = [f"{frame}: {message}" for frame, _, message in self.problems]
        super().__init__("columns do not fit the schema:\n  " + "\n  ".join(lines))


class FrameResult(tuple):
    """The result of :meth:`ansinh.RuleSet.evaluate_frame`: unpacks as
    ``benefits, households, persons``; ``errors`` is a fourth frame, one row
    per record issue (household_id, person_id, severity, code, field,
    message), kept out of the unpacking so that three names still take it."""

    __slots__ = ()
    _fields = ("benefits", "households", "persons")

    def __new__(cls, benefits, households, persons, errors=None):
        self = tuple.__new__(cls, (benefits, households, persons, errors))
        return self

    def __iter__(self):
        return iter(tuple.__getitem__(self, slice(0, 3)))

    def __len__(self):
        return 3

    def __getitem__(self, i):
        return tuple.__getitem__(self, slice(0, 3))[i]

    def __getnewargs__(self):
        return tuple(tuple.__iter__(self))

    def __repr__(self):
        return f"FrameResult(benefits={len(self.benefits)} rows, households={len(self.households)} rows, " \
               f"persons={len(self.persons)} rows)"

    benefits = property(lambda self: tuple.__getitem__(self, 0), doc="One row per (household, person, benefit).")
    households = property(lambda self: tuple.__getitem__(self, 1), doc="One row per input household.")
    persons = property(lambda self: tuple.__getitem__(self, 2), doc="One row per member.")
    errors = property(lambda self: tuple.__getitem__(self, 3),
                      doc="One row per record issue: household_id, person_id, severity, code, field, message.")


# --- the schema, cached per rule set -----------------------------------------

def _schema(rules):
    cached = getattr(rules, "_frames_schema", None)
    if cached is not None:
        return cached
    cols = rules._field_columns()
    fields = {"household": {}, "person": {}}
    for entity, name, ftype, values in zip(cols["entity"], cols["name"], cols["type"], cols["values"]):
        table = fields[entity]
        table[name] = (len(table), ftype, values)
    b = rules._benefit_columns()
    ref_codes, refs = pd.factorize(pd.Series(b["reference"], dtype=object))
    group_codes, groups = pd.factorize(pd.Series(b["group"], dtype=object))
    labels = {}
    for lang in ("vi", "en"):  # labels may repeat: categories are the distinct ones
        codes, values = pd.factorize(pd.Series(b[f"label_{lang}"], dtype=object))
        labels[lang] = (codes.tolist(), _dtype(list(values)))
    cached = {
        "fields": fields,
        "benefit_ids": list(b["id"]),
        "benefit_dtype": _dtype(b["id"]),
        "status_dtype": _dtype(STATUSES),
        "unit_dtype": _dtype(["money", "percent"]),
        "frequency_dtype": _dtype(["monthly", "once"]),
        "reference_dtype": _dtype(list(refs)),
        "group_dtype": _dtype(list(groups)),
        "labels": labels,
        "language": rules.language,
        # Columns that depend on the benefit only, written by _frame_columns
        # with each row: (column, code of each benefit, number of categories).
        "by_benefit": [
            ("unit", [0 if u == "money" else 1 for u in b["unit"]], 2),
            ("frequency", [0 if f == "monthly" else 1 for f in b["frequency"]], 2),
            ("group", group_codes.tolist(), len(groups)),
            ("reference", ref_codes.tolist(), len(refs)),
        ],
    }
    rules._frames_schema = cached
    return cached


# --- input -------------------------------------------------------------------

def _as_frame(df, what):
    if isinstance(df, pd.DataFrame):
        return df
    if isinstance(df, dict):
        return pd.DataFrame(df)
    raise UsageError(f"{what} must be a pandas DataFrame (or a dict of columns), not {type(df).__name__}")


def _column_spec(s):
    """(kind, data, mask, categories) of a Series; see frame_input.hpp."""
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.ascontiguousarray(s.cat.codes.to_numpy(), dtype=np.int64)
        cats = np.empty(len(dtype.categories), dtype=object)
        cats[:] = list(dtype.categories)
        return "category", codes, None, cats
    if isinstance(dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)  # the wall-clock day where it was recorded
        dtype = s.dtype
    if pd.api.types.is_extension_array_dtype(dtype):
        mask = np.ascontiguousarray(s.isna().to_numpy(), dtype=bool)
        if pd.api.types.is_bool_dtype(dtype):
            return "bool", np.ascontiguousarray(s.to_numpy(dtype=bool, na_value=False)), mask, None
        if pd.api.types.is_unsigned_integer_dtype(dtype):
            return "uint", np.ascontiguousarray(s.to_numpy(dtype=np.uint64, na_value=0)), mask, None
        if pd.api.types.is_integer_dtype(dtype):
            return "int", np.ascontiguousarray(s.to_numpy(dtype=np.int64, na_value=0)), mask, None
        if pd.api.types.is_float_dtype(dtype):
            return "float", np.ascontiguousarray(s.to_numpy(dtype=np.float64, na_value=np.nan)), None, None
        return "object", np.ascontiguousarray(s.to_numpy(dtype=object)), None, None
    kind = dtype.kind
    values = s.to_numpy()
    if kind == "b":
        return "bool", np.ascontiguousarray(values, dtype=bool), None, None
    if kind == "i":
        return "int", np.ascontiguousarray(values, dtype=np.int64), None, None
    if kind == "u":
        return "uint", np.ascontiguousarray(values, dtype=np.uint64), None, None
    if kind == "f":
        return "float", np.ascontiguousarray(values, dtype=np.float64), None, None
    if kind == "M":
        days = values.astype("datetime64[D]").view(np.int64)  # floors; NaT stays INT64_MIN
        return "days", np.ascontiguousarray(days), None, None
    if kind == "m":
        return "timedelta", None, None, None
    return "object", np.ascontiguousarray(values, dtype=object), None, None


def _suggest(name, known):
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _match_columns(df, frame, fields, skip, unknown_columns, problems):
    """Column specs for the fields present in `df` (the id first)."""
    specs, unknown = [], []
    if df.columns.duplicated().any():
        dups = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
        problems.append((frame, dups[0], f"duplicate column names: {', '.join(dups)}"))
        return specs
    for column in df.columns:
        if column in skip:
            continue
        field = fields.get(column) if isinstance(column, str) else None
        if field is None:
            unknown.append(column)
            continue
        index, ftype, _ = field
        kind, data, mask, cats = _column_spec(df[column])
        all_missing = kind == "float" and bool(np.isnan(data).all())
        if kind not in _ACCEPTS[ftype] and not all_missing:
            problems.append((frame, column, f"column '{column}' has dtype {df[column].dtype}, but field "
                             f"{column} is {ftype}: give {_HINT[ftype]}"))
            continue
        spec = (index, kind, data, mask, cats)
        specs.insert(0, spec) if index == 0 else specs.append(spec)
    if unknown and unknown_columns != "ignore":
        known = list(fields)
        for column in unknown:
            message = f"column '{column}' is not a field of the schema{_suggest(column, known)}"
            if unknown_columns == "error":
                problems.append((frame, column, message))
            else:
                import warnings

                warnings.warn(f"{frame}: {message}; ignored", stacklevel=4)
    return specs


def _keys(s):
    """Join keys: the values, with missing and empty ids as None."""
    if isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_extension_array_dtype(s.dtype):
        s = s.astype(object)
    missing = s.isna().to_numpy()
    if s.dtype == object:
        missing |= (s == "").to_numpy()
    return s, missing


def _align_key_types(h, p):
    if h.dtype != p.dtype and (h.dtype == object or p.dtype == object):
        to_text = lambda v: None if pd.isna(v) else str(v)  # noqa: E731
        return h.map(to_text), p.map(to_text)
    return h, p


def _layout(households, persons, join):
    """Groups persons under their household rows (vectorised with pandas)."""
    n = len(households)
    h_keys, h_missing = _keys(households["id"])
    p_keys, p_missing = _keys(persons[join])
    h_keys, p_keys = _align_key_types(h_keys.reset_index(drop=True), p_keys.reset_index(drop=True))
    valid = np.flatnonzero(~h_missing)
    h_index = pd.Index(h_keys.to_numpy()[valid])
    duplicate_of = np.full(n, -1, dtype=np.int64)
    if not h_index.is_unique:
        codes, _ = pd.factorize(h_index)
        first = np.full(codes.max() + 1, -1, dtype=np.int64)
        first[codes[::-1]] = valid[::-1]  # the first row of each id
        rows_first = first[codes]
        dup = rows_first != valid
        duplicate_of[valid[dup]] = rows_first[dup]
        keep = ~dup
        valid, h_index = valid[keep], h_index[keep]
    found = h_index.get_indexer(p_keys.to_numpy()) if len(p_keys) else np.empty(0, dtype=np.int64)
    found = np.where(p_missing, -1, found)
    group = np.where(found >= 0, valid[np.maximum(found, 0)] if len(valid) else 0, -1).astype(np.int64)
    orphan = group < 0
    orphan_ids = []
    if orphan.any():
        o_keys = p_keys.to_numpy(dtype=object)[orphan]
        o_keys[p_missing[orphan]] = None  # persons without a household id form one group
        codes, uniques = pd.factorize(o_keys, use_na_sentinel=False)
        group[orphan] = n + codes
        orphan_ids = [None if pd.isna(u) else u for u in uniques]
    groups = n + len(orphan_ids)
    order = np.argsort(group, kind="stable").astype(np.int64)
    counts = np.bincount(group, minlength=groups) if len(group) else np.zeros(groups, dtype=np.int64)
    member_begin = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return order, member_begin, duplicate_of, orphan_ids


def normalize_inputs(households, persons):
    """DataFrames (from DataFrames or dicts of columns); an index named 'id' becomes the id column."""
    households = _as_frame(households, "households")
    persons = _as_frame(persons, "persons")
    if "id" not in households.columns and households.index.name == "id":
        households = households.reset_index()
    return households, persons


def prepare_records(rules, households, persons, *, household_id_column="household_id",
                    unknown_columns="error", max_members=200, carry=(), strict=False):
    """Converts a households and a persons DataFrame into native records.

    ``carry``: household columns that are only copied to the output (not
    reported as unknown; used as input too if they are schema fields).
    ``strict``: an unknown column is an error (ColumnError), whatever
    ``unknown_columns`` says otherwise."""
    if unknown_columns not in ("error", "warn", "ignore"):
        raise UsageError("unknown_columns must be 'error', 'warn' or 'ignore'")
    if strict and unknown_columns != "error":
        raise UsageError(f"strict=True makes an unknown column an error: it cannot go with "
                         f"unknown_columns={unknown_columns!r}")
    households, persons = normalize_inputs(households, persons)
    fields = _schema(rules)["fields"]
    problems = []
    if "id" not in households.columns:
        problems.append(("households", "id", "no 'id' column (the household id)"))
    join = household_id_column if household_id_column in persons.columns else (
        "household" if "household" in persons.columns else None)
    if join is None:
        problems.append(("persons", household_id_column,
                         f"no '{household_id_column}' column naming each person's household"))
    if "id" not in persons.columns:
        problems.append(("persons", "id", "no 'id' column (the person id)"))
    missing = [c for c in carry if c not in households.columns]
    if missing:
        problems.append(("households", missing[0], f"no column {missing[0]!r} to carry"))
    skip = {c for c in carry if c not in fields["household"]}
    h_specs = _match_columns(households, "households", fields["household"], skip, unknown_columns, problems)
    p_specs = _match_columns(persons, "persons", fields["person"], {join}, unknown_columns, problems)
    if problems:
        raise ColumnError(problems)
    order, member_begin, duplicate_of, orphan_ids = _layout(households, persons, join)
    return _ansinh._records_from_frame(rules, h_specs, p_specs, len(households), order, member_begin,
                                       duplicate_of, orphan_ids, "households", "persons", max_members)


# --- output ------------------------------------------------------------------

def _dtype(categories):
    """A categorical dtype (its categories are checked once, here)."""
    return pd.CategoricalDtype(pd.Index(categories, dtype=object))


# pandas >= 2.1 can skip from_codes' check of the codes (a pass over each
# column); the codes made by _frame_columns are valid by construction.
try:
    import inspect

    _FROM_CODES = {"validate": False} if "validate" in inspect.signature(pd.Categorical.from_codes).parameters else {}
except (TypeError, ValueError):  # pragma: no cover - a signature that cannot be read
    _FROM_CODES = {}


def _cat(codes, categories):
    """A Categorical from codes (-1 = missing) and a list of categories or a dtype."""
    dtype = categories if isinstance(categories, pd.CategoricalDtype) else _dtype(categories)
    return pd.Categorical.from_codes(codes, dtype=dtype, **_FROM_CODES)


def _variable(kind, data, known, cats):
    if kind == "bool":
        return pd.arrays.BooleanArray(data.astype(bool), ~known)
    if kind == "int":
        return pd.arrays.IntegerArray(data, ~known)
    if kind == "float":
        return data
    if kind == "days":
        days = np.where(known, data, np.iinfo(np.int64).min)
        inside = (days >= -106_751) & (days <= 106_750)  # datetime64[ns] range
        days = np.where(inside, days, np.iinfo(np.int64).min)
        return pd.Series(days.astype("datetime64[D]").astype("datetime64[ns]"))
    return _cat(data, cats)


def _add_variables(frame, variables, reserved):
    for name, kind, data, known, cats in variables:
        column = name if name not in reserved else f"{name}_variable"
        frame[column] = _variable(kind, data, known, cats)


def _carry(frame, carried, rows, at):
    """Inserts the carried household columns, taken at `rows`, after column `at`."""
    if carried is None:
        return
    position = list(frame.columns).index(at) + 1
    for i, column in enumerate(carried.columns):
        frame.insert(position + i, column, carried[column].take(rows).reset_index(drop=True))


def carried_columns(households, carry, total):
    """The carried columns of `households` for `total` decisions (orphans after the rows: NA)."""
    if not carry:
        return None
    reserved = {"household_id", "person_id", "benefit", "status", "amount", "unit", "frequency", "group",
                "reference", "superseded_by", "missing", "provisional", "reason_vi", "reason_en",
                "member_count", "total_monthly", "errors", "warnings", "benefit_label", "missing_figures",
                "period", "as_of"}
    clash = [c for c in carry if c in reserved]
    if clash:
        raise UsageError(f"cannot carry column {clash[0]!r}: the output has a column of that name")
    carried = households[list(carry)].reset_index(drop=True)
    if total > len(carried):
        carried = carried.reindex(range(total))
    return carried


def _when_columns(when, rows):
    """The `period` (period[M]) and `as_of` (datetime64) columns of `rows` rows
    for when = ('as_of', 'YYYY-MM-DD') or ('period', 'YYYY-MM'): as_of is the
    day, or the first day of the month; period the month (containing it)."""
    kind, text = when
    day = pd.Timestamp(text if kind == "as_of" else text + "-01")
    period = pd.Period(year=day.year, month=day.month, freq="M")
    # One value repeated: read-only views of a single element (no array of
    # `rows` values made here); setting a column copies them into the frame
    # (DataFrame.__setitem__ always copies), which then owns ordinary arrays.
    ordinal = np.broadcast_to(np.int64(period.ordinal), (rows,))
    return (pd.arrays.PeriodArray(ordinal, dtype=pd.PeriodDtype("M")),
            np.broadcast_to(day.to_datetime64().astype("datetime64[ns]"), (rows,)))


def _label_lang(meta, lang):
    lang = lang or meta["language"]
    if lang not in meta["labels"]:
        raise UsageError(f"lang must be 'vi' or 'en', not {lang!r}")
    return lang


def frame_columns(rules, decisions, reasons=True, lang=None, threads=0, rows=True):
    """The native frame columns of `decisions` (frame_output.hpp) for :func:`assemble`
    with the same `lang`; `rows`: benefits["row"], each row's household (needed to carry columns)."""
    meta = _schema(rules)
    label_codes, label_dtype = meta["labels"][_label_lang(meta, lang)]
    by_benefit = [("benefit_label", label_codes, len(label_dtype.categories)), *meta["by_benefit"]]
    return decisions._frame_columns(reasons, lang, threads, by_benefit, rows)


def assemble(rules, cols, reasons=True, carried=None, when=None, lang=None):
    """DataFrames from the native frame columns (see frame_columns); `carried`:
    household columns (one row per decision) to copy into all three frames;
    `when`: ('as_of'|'period', text) for the period/as_of columns; `lang`:
    of benefit_label (None: the package's)."""
    meta = _schema(rules)
    _, label_dtype = meta["labels"][_label_lang(meta, lang)]
    hh_ids = _dtype(cols["household_ids"])  # one dtype for the three frames: joins need no recoding
    person_ids = _dtype(cols["person_ids"])
    benefit_ids = meta["benefit_dtype"]
    issue_texts = _dtype(cols["issue_texts"])
    b = cols["benefits"]
    benefits = pd.DataFrame({
        "household_id": _cat(b["household"], hh_ids),
        "person_id": _cat(b["person"], person_ids),
        "benefit": _cat(b["benefit"], benefit_ids),
        "benefit_label": _cat(b["benefit_label"], label_dtype),
        "status": _cat(b["status"], meta["status_dtype"]),
        "amount": pd.arrays.IntegerArray(b["amount"], b["amount_missing"]),
        "unit": _cat(b["unit"], meta["unit_dtype"]),
        "frequency": _cat(b["frequency"], meta["frequency_dtype"]),
        "group": _cat(b["group"], meta["group_dtype"]),
        "reference": _cat(b["reference"], meta["reference_dtype"]),
        "superseded_by": _cat(b["superseded_by"], benefit_ids),
        "missing": _cat(b["missing"], cols["missing_values"]),
        "missing_figures": _cat(b["missing_figures"], cols["figure_values"]),
        "provisional": b["provisional"],
    }, copy=False)
    if reasons:
        benefits["reason_vi"] = _cat(b["reason_vi"], cols["reason_vi_values"])
        benefits["reason_en"] = _cat(b["reason_en"], cols["reason_en_values"])
    if when is not None:
        benefits["period"], benefits["as_of"] = _when_columns(when, len(benefits))
    _carry(benefits, carried, b.get("row"), "person_id")
    h = cols["households"]
    households = pd.DataFrame({
        "household_id": _cat(h["household"], hh_ids),
        "status": _cat(h["status"], ["ok", "error"]),
    }, copy=False)
    fixed = {"household_id", "person_id", "status", "member_count", "total_monthly", "errors", "warnings"}
    if carried is not None:
        fixed |= set(carried.columns)
        _carry(households, carried, np.arange(len(households)), "household_id")
    _add_variables(households, h["variables"], fixed)
    households["member_count"] = h["member_count"]
    households["total_monthly"] = h["total_monthly"]
    households["errors"] = _cat(h["errors"], issue_texts)
    households["warnings"] = _cat(h["warnings"], issue_texts)
    p = cols["persons"]
    persons = pd.DataFrame({
        "household_id": _cat(p["household"], hh_ids),
        "person_id": _cat(p["person"], person_ids),
    }, copy=False)
    _carry(persons, carried, p["row"], "person_id")
    _add_variables(persons, p["variables"], fixed)
    persons["total_monthly"] = p["total_monthly"]
    e = cols["issues"]
    errors = pd.DataFrame({
        "household_id": _cat(e["household"], hh_ids),
        "person_id": _cat(e["person"], person_ids),
        "severity": _cat(e["severity"], ["error", "warning"]),
        "code": _cat(e["code"], cols["issue_code_values"]),
        "field": _cat(e["field"], cols["issue_field_values"]),
        "message": _cat(e["message"], cols["issue_message_values"]),
    }, copy=False)
    if carried is not None:  # a carried column named like a column of this frame ("code") stays out of it
        _carry(errors, carried[[c for c in carried.columns if c not in errors.columns]], e["row"], "person_id")
    return FrameResult(benefits, households, persons, errors)
