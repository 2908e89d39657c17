"""Scale-out on Dask: evaluate a registry that does not fit one machine.

    import dask.dataframe as dd
    import ansinh.dask

    hh = dd.read_csv("registry/households-*.csv", dtype=str, keep_default_na=False)
    pp = dd.read_csv("registry/persons-*.csv", dtype=str, keep_default_na=False)
    benefits, households, persons = ansinh.dask.evaluate(hh, pp, "rules/vn", period="2026-11")
    households.groupby("status").total_monthly.sum().compute()

Households and persons are both hash-partitioned on the household id (the
same function, the same number of partitions), so partition k of each holds
the same households; each pair of partitions is evaluated by
:meth:`ansinh.RuleSet.evaluate_frame` on one worker. Every worker process loads
the rule package once (a per-process cache keyed by path and content hash),
from ``rules_path`` — a folder every worker can read at the same path (a
shared file system, or the same checkout on every machine). The client loads
it too, for the output schema and the hash that workers check against, so a
worker with other rule files fails instead of mixing results.

See docs/scale-out.md (multi-machine cluster, a national registry).
"""

import os
import threading

import pandas as pd

import ansinh

__all__ = ["evaluate", "load_cached"]

_cache = {}
_lock = threading.Lock()


def load_cached(rules_path, expected_hash=None, roots=None):
    """The rule set at ``rules_path``, loaded once per process (thread-safe).

    Raises :class:`ansinh.Error` if its hash differs from ``expected_hash``.
    """
    key = (os.path.abspath(os.fspath(rules_path)), tuple(roots or ()))
    with _lock:
        rules = _cache.get(key)
        if rules is None:
            rules = ansinh.load(rules_path, roots=roots)
            _cache[key] = rules
    if expected_hash is not None and rules.hash != expected_hash:
        raise ansinh.Error(f"rule package {rules_path} on this worker has hash {rules.hash}, "
                           f"the client loaded {expected_hash}: give every worker the same rule files")
    return rules


def _with_key(frame, column):
    """`frame` plus _ansinh_key: the household id as text, so that both frames hash it the same way."""
    return frame.assign(_ansinh_key=frame[column].astype(str).astype(object))


def _evaluate_partition(hh, pp, rules_path, roots, expected_hash, when, options):
    rules = load_cached(rules_path, expected_hash, roots)
    hh = hh.drop(columns="_ansinh_key")
    pp = pp.drop(columns="_ansinh_key")
    result = rules.evaluate_frame(hh, pp, **when, **options)
    return (result.benefits, result.households, result.persons, result.errors)


def _part(result, i):
    return result[i]


def evaluate(households, persons, rules_path, as_of=None, period=None, *, roots=None, npartitions=None,
             threads=1, reasons=True, lang=None, carry=None, unknown_columns="error",
             household_id_column="household_id", detail="full"):
    """Evaluates Dask DataFrames of households and persons on a Dask cluster.

    ``households`` / ``persons``: ``dask.dataframe.DataFrame`` (or pandas,
    converted) with the columns :meth:`ansinh.RuleSet.evaluate_frame` takes.
    ``rules_path``: the rule package folder, readable by every worker at that
    path. ``as_of`` / ``period``: as in ``evaluate_frame``. ``npartitions``:
    of the shuffled data (default: the households' partition count).
    ``threads``: per partition (default 1: Dask already runs one task per
    worker thread). ``carry``: household columns copied into the results
    (e.g. ``["province", "commune"]``, to aggregate without a join).
    ``detail``: ``'summary'``, ``'reasons'`` or ``'full'`` as in ``evaluate_frame``.

    Returns three lazy Dask DataFrames ``(benefits, households, persons)``
    with the columns of ``evaluate_frame``; rows of one household stay
    together, the order across partitions follows the hash partitioning.
    Compute them together (``dask.compute(benefits, households)``) so each
    partition is evaluated once.
    """
    import dask
    import dask.dataframe as dd

    if isinstance(households, pd.DataFrame):
        households = dd.from_pandas(households, npartitions=1)
    if isinstance(persons, pd.DataFrame):
        persons = dd.from_pandas(persons, npartitions=1)
    rules = load_cached(rules_path, roots=roots)
    kind, text = ansinh._when_args(as_of, period)
    when = {kind: text}
    join = household_id_column if household_id_column in persons.columns else "household"
    n = npartitions or households.npartitions

    # Same key function, same partition count: partition k of both frames holds the same households.
    hh = households.map_partitions(_with_key, "id", meta=_with_key(households._meta, "id"))
    pp = persons.map_partitions(_with_key, join, meta=_with_key(persons._meta, join))
    hh = hh.shuffle("_ansinh_key", npartitions=n)
    pp = pp.shuffle("_ansinh_key", npartitions=n)

    # The output schema: evaluate_frame on empty frames of the same columns.
    options = dict(threads=threads, reasons=reasons, lang=lang, carry=carry, unknown_columns=unknown_columns,
                   household_id_column=household_id_column, detail=detail)
    meta = rules.evaluate_frame(households._meta, persons._meta, **when, **options)

    evaluate_part = dask.delayed(_evaluate_partition, pure=True)
    parts = [evaluate_part(h, p, rules_path, roots, rules.hash, when, options)
             for h, p in zip(hh.to_delayed(), pp.to_delayed())]
    take = dask.delayed(_part, pure=True)
    metas = (meta.benefits, meta.households, meta.persons, meta.errors)
    frames = tuple(dd.from_delayed([take(part, i) for part in parts], meta=_unknown_categories(metas[i]),
                                   verify_meta=False)
                   for i in range(4))
    return ansinh.FrameResult(*frames)


def _unknown_categories(frame):
    """Meta whose data-dependent categoricals (ids, texts, carried columns) have
    categories known only per partition. The categoricals fixed by the rule set
    or the format (benefit, benefit_label, status, unit, frequency, group,
    reference, superseded_by, severity) keep their categories: every partition
    has the same."""
    from dask.dataframe.utils import UNKNOWN_CATEGORIES

    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype) and column not in _FIXED_CATEGORIES:
            frame[column] = pd.Categorical([], categories=[UNKNOWN_CATEGORIES])
    return frame


_FIXED_CATEGORIES = {"benefit", "benefit_label", "status", "unit", "frequency", "group", "reference",
                     "superseded_by", "severity"}
