"""The book's running case: a university course-registration system (수강신청) and its traffic.

Every chapter meets the same system.  Its traffic is SYNTHETIC (made by
``data/generators/registration_traffic.py``; the assumptions are listed there):
a quiet month with a wish-list week, then a registration week whose 10:00
openings send thousands of requests per second for a few minutes.

Two tables, read through the validating loader:

* :func:`month` — February 2027, one row per hour: ``requests`` (count in the hour)
  and ``peak_rps`` (the highest one-second rate inside the hour, requests per second);
* :func:`spike` — the first registration morning (2027-02-08, 09:30–11:29), one row
  per minute, same columns.

Units: requests are counts, rates are requests per second, durations are hours.
"""

from __future__ import annotations

import math

import pandas as pd

from awsbook import datasets, validate

COLUMNS = ("requests", "peak_rps")
#: The hour the first registration morning opens.
OPENING = pd.Timestamp("2027-02-08 10:00")
#: The SLO the book's registration team sets (%, share of requests answered without a 5xx error).
#: An assumption of the case, not an AWS number.
SLO_PCT = 99.9
#: The registration window the chapters' SLO looks at: this many minutes from the opening.
WINDOW_MINUTES = 30


def month() -> pd.DataFrame:
    """February 2027 hour by hour: ``requests`` and ``peak_rps``, indexed by the hour's start."""
    return datasets.load("registration_month").set_index("hour_start")[list(COLUMNS)]


def spike() -> pd.DataFrame:
    """2027-02-08 09:30–11:29 minute by minute: ``requests`` and ``peak_rps``, indexed by the minute's start."""
    return datasets.load("registration_spike").set_index("minute_start")[list(COLUMNS)]


def monthly_requests() -> float:
    """Requests in the whole month (count)."""
    return float(month()["requests"].sum())


def hours_in_month() -> float:
    """Length of the month the table covers (hours; 672 for February 2027)."""
    return float(len(month()))


def days_in_month() -> float:
    """Length of the month the table covers (days; 28 for February 2027)."""
    return hours_in_month() / 24


def average_rps() -> float:
    """The month's average rate: all requests over all seconds (requests per second)."""
    return monthly_requests() / (hours_in_month() * 3600)


def peak_rps() -> float:
    """The highest one-second rate of the month (requests per second)."""
    return float(month()["peak_rps"].max())


def peak_to_average() -> float:
    """Peak one-second rate over the month's average rate (a ratio, no unit)."""
    return peak_rps() / average_rps()


def hours_above(rps: float) -> float:
    """Hours of the month whose peak one-second rate exceeds ``rps`` (hours)."""
    rps = validate.number("rps", rps, low=0)
    return float((month()["peak_rps"] > rps).sum())


def instances_needed(rps: float, rps_per_instance: float, *, target_utilisation: float = 1.0) -> int:
    """Servers needed to serve ``rps`` when one serves ``rps_per_instance`` at ``target_utilisation`` (count, ≥ 1).

    ``target_utilisation`` is the share of one server's capacity a plan lets it use
    (0 < u ≤ 1); 0.7 leaves 30% headroom for a sudden rise.
    """
    rps = validate.number("rps", rps, low=0)
    per = validate.number("rps_per_instance", rps_per_instance, low=0, low_inclusive=False)
    use = validate.number("target_utilisation", target_utilisation, low=0, high=1, low_inclusive=False)
    return max(1, math.ceil(rps / (per * use) - 1e-9))


def window_requests(start, minutes: float) -> float:
    """Requests in the ``minutes`` starting at ``start`` on the registration morning (count)."""
    span = validate.number("minutes", minutes, low=1, high=120)
    data = spike()
    begin = pd.Timestamp(start)
    if begin not in data.index:
        raise validate.refuse("start", start, f"{data.index[0]:%H:%M}부터 {data.index[-1]:%H:%M} 사이의 분")
    return float(data.loc[begin: begin + pd.Timedelta(minutes=span) - pd.Timedelta(seconds=1), "requests"].sum())


# --------------------------------------------------------------------------- serving the month with servers
#
# Three ways to size a fleet of identical servers for the month, each counted in instance-hours
# (one server running for one hour); multiply by a USD-per-hour price for the bill.

def fixed_instance_hours(rps_per_instance: float, *, target_utilisation: float = 1.0) -> float:
    """Instance-hours of a fleet sized for the month's peak and left on every hour (instance-hours).

    ``instances_needed(peak_rps(), …) × hours_in_month()``: the servers that survive the 10:00
    opening, paid for all 672 hours of February.
    """
    return float(instances_needed(peak_rps(), rps_per_instance, target_utilisation=target_utilisation)
                 * hours_in_month())


def hourly_instance_hours(rps_per_instance: float, *, target_utilisation: float = 1.0) -> float:
    """Instance-hours when every hour runs just the servers its own peak one-second rate needs (instance-hours).

    ``Σ over the hours of instances_needed(peak_rps of that hour, …)``: a fleet resized every hour
    with perfect foresight (as a schedule written from last year's traffic would), at least one
    server in each hour.
    """
    peaks = month()["peak_rps"]
    return float(sum(instances_needed(p, rps_per_instance, target_utilisation=target_utilisation) for p in peaks))


def scheduled_instance_hours(rps_per_instance: float, base_instances: int, *,
                             target_utilisation: float = 1.0) -> float:
    """Instance-hours of a small base fleet all month plus the peak fleet only in the hours that need it.

    The base fleet of ``base_instances`` servers carries ``base_instances × rps_per_instance ×
    target_utilisation`` requests per second; in each hour whose peak exceeds that (there are
    ``h = hours_above(…)`` of them) the whole fleet sized for the month's peak runs instead:

        peak fleet × h + base_instances × (hours_in_month() − h)     (instance-hours)

    ``base_instances`` must be at least 1 and less than the peak fleet.
    """
    peak = instances_needed(peak_rps(), rps_per_instance, target_utilisation=target_utilisation)
    base = int(validate.number("base_instances", base_instances, low=1, high=peak - 1, integer=True))
    busy = hours_above(base * rps_per_instance * target_utilisation)
    return float(peak * busy + base * (hours_in_month() - busy))


def instances_by_hour(rps_per_instance: float, *, target_utilisation: float = 1.0) -> pd.Series:
    """Servers (or tasks, or pods) each hour of the month needs for its own peak one-second rate (count per hour).

    ``instances_needed(peak_rps of that hour, …)`` for every hour, at least one: the fleet a schedule
    resized every hour would run, indexed by the hour's start.  Its sum is :func:`hourly_instance_hours`;
    summed over a week (``.resample("7D").sum()``, the month starts on a Monday) it gives the weeks.
    """
    per = validate.number("rps_per_instance", rps_per_instance, low=0, low_inclusive=False)
    use = validate.number("target_utilisation", target_utilisation, low=0, high=1, low_inclusive=False)
    peaks = month()["peak_rps"]
    return peaks.map(lambda p: instances_needed(p, per, target_utilisation=use)).astype(int).rename("instances")


def average_days(start, minutes: float) -> float:
    """How many days of the month's average traffic the requests of ``minutes`` from ``start`` equal (days).

    :func:`window_requests` ÷ (:func:`monthly_requests` ÷ :func:`days_in_month`).  An error rate
    held over the window spends the error budget of a request-based monthly SLO as fast as the same
    rate held this many average days would: the ten minutes from the 10:00 opening weigh about 1.6 days.
    """
    return window_requests(start, minutes) / (monthly_requests() / days_in_month())
