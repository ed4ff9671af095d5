"""Service level indicators (SLIs) computed from a request log.

A log is a DataFrame indexed by minute (a ``DatetimeIndex``) with the columns
``requests`` (requests served), ``errors_5xx`` (of those, 5xx responses) and
``latency_p99_ms`` (the minute's 99th-percentile latency, milliseconds).
:func:`request_log` returns the book's synthetic week from
``data/request_log.csv``; every function takes ``log=`` to use another one.

SLIs and SLOs are percentages.  Windows and bucket sizes are ``timedelta`` or
duration text such as ``"1h"``, ``"10분"`` or ``"3일"``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from awsbook import datasets, validate
from awsbook.availability import burn_rate_alerts, parse_duration

COLUMNS = ("requests", "errors_5xx", "latency_p99_ms")


def request_log() -> pd.DataFrame:
    """The book's synthetic week of traffic (one row per minute, see ``data/generators/request_log.py``)."""
    log = datasets.load("request_log").set_index("timestamp")[list(COLUMNS)]
    log.attrs[datasets.SOURCES_KEY] = datasets.records(datasets.sources("request_log"))
    return log


def _log(log) -> pd.DataFrame:
    if log is None:
        return request_log()
    if not isinstance(log, pd.DataFrame) or not isinstance(log.index, pd.DatetimeIndex) \
            or not set(COLUMNS) <= set(log.columns):
        raise validate.refuse("log", log, f"시각(DatetimeIndex)을 인덱스로, {', '.join(COLUMNS)} 열을 가진 DataFrame",
                              type_error=True, shown=f"{type(log).__name__} 값")
    return log


def _span(name: str, value) -> pd.Timedelta:
    span = value if isinstance(value, dt.timedelta) else parse_duration(value, name=name)
    if span <= dt.timedelta(0):
        raise validate.refuse(name, value, "0보다 긴 시간")
    return pd.Timedelta(span)


def _trailing_sums(log: pd.DataFrame, span: pd.Timedelta) -> pd.DataFrame:
    """Request and error counts over the trailing ``span`` at each row; NaN until a full span is logged."""
    step = log.index[1] - log.index[0] if len(log) > 1 else pd.Timedelta(0)
    sums = log[["requests", "errors_5xx"]].rolling(span).sum()
    return sums[log.index >= log.index[0] + span - step].reindex(log.index)


def _ratio(good: pd.Series | float, valid: pd.Series | float):
    if isinstance(valid, pd.Series):
        return 100 * good / valid.where(valid > 0)
    return float(100 * good / valid) if valid > 0 else float("nan")


def availability_sli(*, freq=None, log=None):
    """Availability SLI (%): requests without a 5xx ÷ all requests (good ÷ valid).

    With ``freq`` (e.g. ``"1h"``) returns a Series per bucket (NaN where a
    bucket had no requests); without it, one number for the whole log.
    """
    log = _log(log)
    counts = log[["requests", "errors_5xx"]]
    if freq is not None:
        counts = counts.resample(_span("freq", freq)).sum()
    else:
        counts = counts.sum()
    return _ratio(counts["requests"] - counts["errors_5xx"], counts["requests"])


def latency_sli(threshold_ms, *, freq=None, log=None):
    """Latency SLI (%): share of minutes with traffic whose p99 latency is at most ``threshold_ms`` (ms).

    A minute-based ("good minutes") indicator; with ``freq`` a Series per bucket.
    """
    threshold = validate.number("threshold_ms", threshold_ms, low=0, low_inclusive=False)
    log = _log(log)
    served = log["requests"] > 0
    flags = pd.DataFrame({"good": served & (log["latency_p99_ms"] <= threshold), "valid": served})
    counts = flags.resample(_span("freq", freq)).sum() if freq is not None else flags.sum()
    return _ratio(counts["good"], counts["valid"])


def rolling_compliance(slo_pct, *, window="1d", log=None) -> pd.DataFrame:
    """Availability SLI over a trailing ``window`` at every minute, and whether it meets ``slo_pct``.

    Columns: ``sli_pct`` (%) and ``compliant`` (nullable bool); both are NA
    until the log covers one full window.
    """
    slo = validate.number("slo_pct", slo_pct, low=0, high=100, low_inclusive=False)
    log = _log(log)
    sums = _trailing_sums(log, _span("window", window))
    sli = _ratio(sums["requests"] - sums["errors_5xx"], sums["requests"])
    return pd.DataFrame({"sli_pct": sli, "compliant": (sli >= slo).astype("boolean").mask(sli.isna())})


def budget_remaining(slo_pct, *, log=None) -> pd.Series:
    """Share (%) of the log period's error budget still unspent after each minute.

    The budget is (100 − SLO) % of all requests in the log; the value falls
    below 0 once more requests have failed than the SLO allows.
    """
    slo = validate.number("slo_pct", slo_pct, low=0, high=100, low_inclusive=False, high_inclusive=False)
    log = _log(log)
    allowed = (100 - slo) / 100 * log["requests"].sum()
    return (100 * (1 - log["errors_5xx"].cumsum() / allowed)).rename("budget_remaining_pct")


def burn_rate(slo_pct, *, window="1h", log=None) -> pd.Series:
    """Burn rate over a trailing ``window``: the window's error rate ÷ (100 − SLO) %.

    NaN until the log covers one full window.
    """
    slo = validate.number("slo_pct", slo_pct, low=0, high=100, low_inclusive=False, high_inclusive=False)
    log = _log(log)
    sums = _trailing_sums(log, _span("window", window))
    rate = 100 * sums["errors_5xx"] / sums["requests"].where(sums["requests"] > 0)
    return (rate / (100 - slo)).rename("burn_rate")


def alert_firings(slo_pct, *, window_days=30, policy="workbook", log=None) -> pd.DataFrame:
    """When each multiwindow burn-rate rule of ``policy`` would have fired on the log.

    ``policy`` is a name in :data:`~awsbook.availability.POLICIES` (default: the
    SRE workbook's Table 5-8) or a sequence of :class:`~awsbook.availability.AlertRule`.

    A rule fires in a minute when the burn rate over both its long and its short
    window exceeds the rule's burn rate.  Columns: the columns of
    :func:`~awsbook.availability.burn_rate_alerts` plus ``first_fired``
    (Timestamp, NaT if never) and ``minutes_firing``.
    """
    table = burn_rate_alerts(slo_pct, window_days, policy)
    log = _log(log)
    first, minutes = [], []
    for row in table.itertuples():
        firing = (burn_rate(slo_pct, window=row.long_window, log=log) > row.burn_rate) \
            & (burn_rate(slo_pct, window=row.short_window, log=log) > row.burn_rate)
        first.append(firing.idxmax() if firing.any() else pd.NaT)
        minutes.append(int(firing.sum()))
    return table.assign(first_fired=first, minutes_firing=minutes)
