"""ansinh — which Vietnamese social subsidies a household and its members qualify for.

The Python binding of the ansinh rules engine: the same rules, semantics and
results as the ``ansinh`` command line, from Python.

    >>> import ansinh
    >>> rules = ansinh.load("rules/vn")
    >>> d = rules.evaluate({"id": "H1", "area": "rural", "members": [{"id": "P1", "birth_date": "2024-01-05"}]},
    ...                    as_of="2026-01-01")
    >>> d.status, d.total_monthly
    >>> benefits, households, persons = rules.evaluate_frame(hh_df, persons_df, period="2026-11")

Errors: :class:`Error` is the base; :class:`RuleError` (a rule package has
errors, with ``.diagnostics``), :class:`UsageError` (a bad argument, also a
``ValueError``; :class:`ColumnError` for DataFrame columns), :class:`InputError`.
Problems of single household records are never raised: they are values in
the decisions (``decision.errors``, the ``errors`` column).

See docs/python.md for a walkthrough and docs/scale-out.md for Dask.
"""

import os as _os

from . import _ansinh
from ._ansinh import (  # noqa: F401  (re-exported)
    Benefit,
    Decision,
    Diagnostic,
    Error,
    InputError,
    Member,
    RecordIssue,
    RuleError,
    RuleSet,
    UsageError,
    WhatIf,
    __version__,
)
from ._dates import when_args as _when_args
from ._progress import Progress as _Progress

__all__ = [
    "Benefit", "ColumnError", "Decision", "Diagnostic", "Diff", "Error", "FrameResult", "InputError", "Member",
    "RecordIssue", "Report", "RuleError", "RuleSet", "UsageError", "WhatIf", "__version__", "check", "diff",
    "format_diagnostics", "load",
]


def _paths(path, roots):
    return _os.fspath(path), [_os.fspath(r) for r in (roots or [])]


def load(path, *, roots=None, lang="vi"):
    """Loads, checks and compiles the rule package in folder ``path``.

    ``roots``: folders that ``extends:`` may resolve into (default: the nearest
    ancestor holding ``ansinh-workspace.yaml``, else the package folder).

    Returns a :class:`RuleSet` (immutable, shareable between threads);
    ``rules.warnings`` lists the package's warnings. Raises :class:`RuleError`
    when the package has errors: ``str(e)`` prints like ``ansinh check`` (in
    ``lang``: 'vi', the default, or 'en') and
    ``e.diagnostics`` lists them (``file``, ``line``, ``column``, ``code``,
    ``severity``, ``message``).
    """
    p, r = _paths(path, roots)
    rules, warnings = _ansinh._load(p, r, "vi" if lang is None else str(lang))
    rules.warnings = warnings
    rules._roots = r
    return rules


def check(path, *, roots=None):
    """Every diagnostic (errors and warnings) of a rule package, without raising."""
    p, r = _paths(path, roots)
    return _ansinh._check(p, r)


def format_diagnostics(diagnostics, lang="vi"):
    """Formats diagnostics the way ``ansinh check`` prints them, in ``lang``
    ('vi', the default, or 'en': as ``ansinh check --lang en``)."""
    return _ansinh._format_diagnostics(list(diagnostics), "vi" if lang is None else str(lang))


def _threads(threads):
    if threads is None:
        return 0
    if int(threads) < 0:
        raise UsageError("threads must be >= 1 (or None for all cores)")
    return int(threads)


# --- RuleSet methods (added to the native class) ------------------------------

def _evaluate(self, household, as_of=None, period=None, explain=False, lang=None, detail="full", *, strict=False):
    """Evaluates one household given as a dict.

    ``household``: ``{"id": ..., <household fields>..., "members": [{"id": ..., <person fields>...}]}``,
    field names as in the package's schema (``rules.fields``). Values may be
    Python or numpy/pandas scalars; ``None``, NaN, ``pd.NA`` and ``NaT`` mean
    *unknown* (benefits that need the fact come out ``undetermined``, naming
    it in ``missing``). Dates: ``datetime.date``, ``'YYYY-MM-DD'``, pandas
    ``Timestamp`` or numpy ``datetime64``. Sets: a list of values or ``'a;b'``.

    Give exactly one of ``as_of`` (a day, same forms as dates) or ``period``
    (a month: ``'YYYY-MM'``, a pandas ``Period`` or a day in it).
    ``explain=True`` keeps the trace (``benefit.explanation``,
    ``decision.explain()``); ``lang`` ('vi' or 'en', default: the package's)
    is the language of ``explain()``, ``repr`` and ``benefit.reason``.
    ``detail``: what ``benefits``, ``to_dict()`` and ``to_json()`` list —
    ``'summary'`` (eligible and undetermined benefits, no reasons), ``'reasons'``
    (plus the near misses: not eligible, in the benefit's target group) or
    ``'full'`` (every benefit, the default); docs/decision-format.md.
    ``strict=True``: a key that is no field of the schema is an error of the
    record (R_UNKNOWN_FIELD, ``decision.ok`` False) instead of a warning.

    Returns a :class:`Decision`. Problems in the record (an unknown enum
    value, an impossible date, ...) are in ``decision.errors`` (then
    ``decision.ok`` is False), never raised.
    """
    kind, text = _when_args(as_of, period)
    return _ansinh._evaluate_one(self, household, kind, text, bool(explain), lang, detail, bool(strict))


def _what_if(self, household, changes=(), as_of=None, period=None, *, counterfactuals=True, lang=None):
    """What if some facts of one household were different (ansinh/whatif.hpp).

    ``household``: a dict as for :meth:`evaluate`. ``changes``: ``'path=value'``
    texts, as ``ansinh explain --set`` takes them — ``'income_per_capita=1400000'``,
    ``'members[CL-0001-02].disability=severe'``, ``'merit=[martyr_relative]'``,
    ``'pregnant=null'``; a single text is one change. A change naming an unknown
    field or member, a value of the wrong type or an enum value the schema does
    not list raises :class:`UsageError` (with "Did you mean …?").

    Returns a ``WhatIf``: ``before`` and ``after`` (explained :class:`Decision`),
    ``changes``, ``differences`` (each benefit whose status or amount changed,
    before and after), ``counterfactuals`` (for each near miss of ``after``,
    each change of one fact that makes it eligible, verified by evaluating the
    changed household; ``counterfactuals=False`` skips them) and ``text()``
    (Vietnamese by default, ``lang='en'``).
    """
    if isinstance(changes, str):
        changes = [changes]
    kind, text = _when_args(as_of, period)
    return _ansinh._what_if(self, household, list(changes), kind, text, bool(counterfactuals), lang)


def _evaluate_many(self, households, as_of=None, period=None, *, explain=False, lang=None, threads=None,
                   progress=False, detail="full", strict=False):
    """Evaluates many household dicts (any iterable) on all cores.

    Returns a list of :class:`Decision` in input order, one per input item:
    a record with problems gets a decision with ``ok == False`` and its
    ``errors`` — the batch never stops on a bad record; a household id used
    by an earlier item is the error R_DUPLICATE_HOUSEHOLD_ID on the later one
    (as ``ansinh eval`` and :meth:`evaluate_frame`), so that no total counts
    a household twice. ``threads``: worker
    threads (None: all cores; results do not depend on it). ``progress=True``
    shows a progress bar (tqdm if installed). The GIL is released while the
    batch runs; Ctrl-C stops it (KeyboardInterrupt). Other arguments
    (``strict``...) as :meth:`evaluate`.
    """
    kind, text = _when_args(as_of, period)
    records = _ansinh._records_from_dicts(self, households, "", bool(strict))
    with _Progress(progress, len(records), "ansinh evaluate_many") as bar:
        decisions = _ansinh._run(self, records, kind, text, _threads(threads), detail != "summary",
                                 bool(explain), lang, bar.callback, detail)
    return decisions.to_list()


def _evaluate_frame(self, households, persons, as_of=None, period=None, *, threads=None, progress=False,
                    reasons=True, lang=None, carry=None, unknown_columns="error",
                    household_id_column="household_id", max_members=200, detail="full", strict=False):
    """Evaluates a registry given as two pandas DataFrames; returns tidy DataFrames.

    Input
      ``households``: one row per household; column ``id`` plus household
      fields of the schema (``rules.fields``). ``persons``: one row per person;
      ``id``, the household's id in ``household_id`` (or ``household``, or
      ``household_id_column=``), plus person fields. ``carry=["commune", ...]``
      names household columns (schema fields or not) to copy into all three
      output frames, for grouping. Persons are grouped under
      their household in their row order; persons whose household is not in
      ``households`` become a household with the error R_HOUSEHOLD_MISSING.
      Column dtypes: bool, ints, floats (money must be whole VND), nullable
      Int64/boolean/Float64, datetime64 (the day), categorical, object or
      string (parsed like CSV cells: 'true', '2021-02-28', 'a;b' for sets).
      Missing values (NaN, None, NaT, pd.NA, '') are *unknown*. A column that
      is no schema field, or whose dtype cannot hold its field, raises
      :class:`ColumnError` naming every such column (``unknown_columns='ignore'``
      or ``'warn'`` to drop unknown ones; ``strict=True`` insists on the
      error); a bad value in one row is an error of that household only
      (the ``errors`` column), never raised.

    When
      exactly one of ``as_of`` (a day: ``datetime.date``, ``'YYYY-MM-DD'``,
      pandas ``Timestamp``, numpy ``datetime64``) or ``period`` (a month:
      ``'YYYY-MM'``, pandas ``Period``).

    Output: ``FrameResult(benefits, households, persons)``
      ``benefits``: one row per (household, person, benefit): household_id,
      person_id (NaN for household-level benefits), benefit, status
      (eligible / not_eligible / undetermined / superseded / not_in_force),
      amount (Int64; VND when ``unit == 'money'``, percent when 'percent';
      <NA> when none), unit, frequency (monthly / once), group, reference,
      superseded_by, missing (the fields to ask for, ';'-separated), provisional,
      reason_vi, reason_en (``reasons=False`` leaves them out and runs faster).
      Households with errors have no rows here. ``detail='summary'`` keeps
      only the eligible and undetermined rows, without reasons (the batch
      format); ``'reasons'`` adds the near misses; ``'full'`` (default) every
      benefit. Households and persons frames are the same at every level.
      ``households``: one row per input household in input order:
      household_id, status ('ok' / 'error'), the household variables,
      member_count, total_monthly (VND: eligible monthly money benefits of
      the household and its members), errors, warnings (texts in ``lang``).
      ``persons``: household_id, person_id, the person variables, total_monthly.
      Ids, statuses, references and reasons are categoricals; unknown values
      are <NA>/NaN.

    Performance: the conversion reads numpy buffers in C++ (no Python object
    per row except in object columns); the evaluation releases the GIL and
    uses ``threads`` threads (None: all cores; results do not depend on it);
    Ctrl-C interrupts it; ``progress=True`` shows a progress bar (tqdm).

    Example::

        hh = pd.read_csv("examples/households.csv")
        pp = pd.read_csv("examples/persons.csv")
        benefits, households, persons = rules.evaluate_frame(hh, pp, period="2026-11")
        paid = benefits[(benefits.status == "eligible") & (benefits.unit == "money")]
        paid.groupby("benefit", observed=True).amount.sum()

        # Copy input columns to the results for grouping:
        benefits, households, persons = rules.evaluate_frame(hh, pp, period="2026-11", carry=["commune"])
    """
    from . import frames

    kind, text = _when_args(as_of, period)
    carry = [carry] if isinstance(carry, str) else list(carry or [])
    households, persons = frames.normalize_inputs(households, persons)
    records = frames.prepare_records(self, households, persons, household_id_column=household_id_column,
                                     unknown_columns=unknown_columns, max_members=max_members, carry=carry,
                                     strict=bool(strict))
    carried = frames.carried_columns(households, carry, len(records))
    reasons = bool(reasons) and detail != "summary"  # a summary has no reasons
    with _Progress(progress, len(records), "ansinh evaluate_frame") as bar:
        decisions = _ansinh._run(self, records, kind, text, _threads(threads), reasons, False, lang,
                                 bar.callback, detail)
    del records  # free each stage's memory as soon as the next one has what it needs
    columns = frames.frame_columns(self, decisions, reasons, lang, _threads(threads), rows=carried is not None)
    del decisions
    result = frames.assemble(self, columns, reasons, carried, when=(kind, text), lang=lang)
    del columns
    _ansinh._release_memory()
    return result


def _table(columns):
    import pandas as pd

    return pd.DataFrame(columns)


def _benefits(self):
    """The package's benefits as a DataFrame: id, label_vi, label_en, applies_to,
    reference, group, adds_to_group, unit, frequency, from, to."""
    return _table(self._benefit_columns())


def _fields(self):
    """The schema as a DataFrame, one row per field: entity (household/person),
    name, type, values (enum/set values), label_vi, label_en, default, unit."""
    return _table(self._field_columns())


def _variables(self):
    """The derived variables: entity, name, type, label_vi, label_en."""
    return _table(self._variable_columns())


def _groups(self):
    """Groups of benefits that do not stack: id, label_vi, label_en, policy, benefits, reference."""
    return _table(self._group_columns())


def _parameters(self):
    """Parameter values by date, one row per step: name, label_vi, label_en, unit,
    from, value, reference, provisional."""
    return _table(self._parameter_columns())


def _reduce(self):
    # Pickling sends the path (and checks the content hash on arrival), so a
    # RuleSet can travel to Dask workers that see the same rule files.
    return (_load_checked, (_os.path.abspath(self.path), list(getattr(self, "_roots", [])), self.hash))


def _load_checked(path, roots, expected_hash):
    rules = load(path, roots=roots)
    if rules.hash != expected_hash:
        raise Error(f"the rule package at {path} changed: hash {rules.hash}, expected {expected_hash}")
    return rules


RuleSet.evaluate = _evaluate
RuleSet.evaluate_many = _evaluate_many
RuleSet.what_if = _what_if
RuleSet.evaluate_frame = _evaluate_frame
RuleSet.benefits = property(_benefits)
RuleSet.fields = property(_fields)
RuleSet.variables = property(_variables)
RuleSet.groups = property(_groups)
RuleSet.parameters = property(_parameters)
RuleSet.__reduce__ = _reduce

# Reports and diffs (ansinh/report.py; the C++ implementation of `ansinh report` / `ansinh diff`).
from .report import Diff, Report, diff  # noqa: E402
from .report import report as _report  # noqa: E402

RuleSet.report = _report


def __getattr__(name):  # ColumnError and FrameResult need pandas: import it when asked for
    if name in ("ColumnError", "FrameResult"):
        from . import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'ansinh' has no attribute {name!r}")
