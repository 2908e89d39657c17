"""Dates and months as the API accepts them, normalised to ISO text.

A day (``as_of``) may be a ``datetime.date`` or ``datetime.datetime`` (the day
is taken, time and time zone ignored), a ``'YYYY-MM-DD'`` string, a pandas
``Timestamp`` or a numpy ``datetime64``. A month (``period``) may be a
``'YYYY-MM'`` string, a pandas ``Period``, or any of the day forms (its month).
"""

import datetime as _dt

from ._ansinh import UsageError

__all__ = ["when_args"]

_DAY_FORMS = "datetime.date, 'YYYY-MM-DD', pandas Timestamp or numpy datetime64"


def _is_missing(value):
    try:
        return value != value  # NaN, NaT
    except Exception:  # pragma: no cover - exotic objects
        return False


def _numpy_day(value):
    import numpy as np

    if np.isnat(value):
        raise UsageError("as_of/period is NaT (not a time)")
    return str(value.astype("datetime64[D]"))


def _day_text(value, what):
    if isinstance(value, str):
        return value.strip()
    if _is_missing(value):
        raise UsageError(f"{what} is missing (NaN/NaT); give {_DAY_FORMS}")
    if isinstance(value, _dt.datetime):  # also pandas Timestamp
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if type(value).__name__ == "datetime64":
        return _numpy_day(value)
    if type(value).__name__ == "Period":  # pandas Period: its first day
        return value.start_time.date().isoformat()
    raise UsageError(f"{what} must be {_DAY_FORMS}, not {type(value).__name__}")


def _month_text(value):
    if isinstance(value, str):
        return value.strip()
    if type(value).__name__ == "Period":
        return f"{value.year:04d}-{value.month:02d}"
    day = _day_text(value, "period")
    return day[:7]


def when_args(as_of, period):
    """('as_of', 'YYYY-MM-DD') or ('period', 'YYYY-MM'); UsageError unless exactly one is given."""
    if (as_of is None) == (period is None):
        raise UsageError("give exactly one of as_of=... (a day) or period=... (a month, e.g. '2026-11')")
    if as_of is not None:
        return "as_of", _day_text(as_of, "as_of")
    return "period", _month_text(period)
