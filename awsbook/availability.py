"""Availability arithmetic: nines to downtime, composite systems, error budgets, service credits.

Units used throughout:

* availabilities, SLOs and uptimes are percentages (``99.95`` means 99.95 %);
* durations are :class:`datetime.timedelta` (numpy ``timedelta64[us]`` for array input);
* error-budget shares are fractions of the budget (``0.02`` is 2 % of it).

A period's length depends on the calendar convention, which is why online
calculators disagree by up to half a minute on "99.9 % per month":

* ``calendar="30d"``: month 30 days, quarter 90 days, year 365 days;
* ``calendar="gregorian"``: year 365.2425 days, month = year / 12, quarter = year / 4;
* ``calendar="YYYY-MM"`` (e.g. ``"2026-02"``): the real calendar -- that month's
  length, the length of the quarter containing it and of its year.  AWS SLAs
  measure uptime per billing month, so this is the convention for credits.

Hours, days and weeks have the same length under every convention.
:func:`calendar_note` describes the convention in Korean; every chart and
dashboard prints it under its result.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from awsbook import datasets, validate

PERIODS = ("hour", "day", "week", "month", "quarter", "year")
PERIOD_NAMES = {"hour": "1시간", "day": "하루", "week": "1주", "month": "한 달",
                "quarter": "한 분기", "year": "1년"}
CALENDARS = ("30d", "gregorian")
GREGORIAN_YEAR_DAYS = Decimal("365.2425")
PRESETS = (99.0, 99.5, 99.9, 99.95, 99.99, 99.999)

#: Assumed availabilities (%) of the load balancer and the database in the chapter's example
#: architecture.  Illustrative inputs for exercises and charts, not AWS commitments.
EXAMPLE_LOAD_BALANCER_PCT = 99.99
EXAMPLE_DATABASE_PCT = 99.95

_DAY = 86_400
_FIXED_SECONDS = {"hour": 3_600, "day": _DAY, "week": 7 * _DAY}
_THIRTY_DAY_SECONDS = {"month": 30 * _DAY, "quarter": 90 * _DAY, "year": 365 * _DAY}
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MICRO = dt.timedelta(microseconds=1)


# --------------------------------------------------------------------------- formatting

def format_duration(duration, *, digits: int = 1, units: int | None = None) -> str:
    """Korean text for a duration: ``timedelta(seconds=2592)`` -> ``"43분 12초"``.

    Seconds are rounded to ``digits`` decimals (``"52분 33.6초"``); durations under
    one second keep three significant digits (``"0.036초"``).  ``units=2`` keeps the
    two largest units, the last one rounded (``"3일 15시간"``, ``"26분 60초"`` never:
    ``"27분"``), for a label.  Accepts a ``timedelta`` or a numpy ``timedelta64``.
    """
    if isinstance(duration, np.timedelta64):
        duration = dt.timedelta(microseconds=int(duration / np.timedelta64(1, "us")))
    if not isinstance(duration, dt.timedelta):
        raise validate.refuse("duration", duration, "datetime.timedelta", type_error=True)
    total = duration.total_seconds()
    if total < 0:
        raise validate.refuse("duration", duration, "0 이상의 시간")
    if total == 0:
        return "0초"
    if total < 1:
        return f"{total:.3g}초"
    sizes = (86400, 3600, 60, 1)
    if units is not None:
        first = next(k for k, size in enumerate(sizes) if total >= size)
        last = min(first + int(validate.number("units", units, low=1, integer=True)) - 1, len(sizes) - 1)
        digits = 1 if sizes[last] == 1 and total < 10 else 0  # "3.6초", not "4초"
        total = round(total / sizes[last], digits) * sizes[last]
    rest = round(total, digits)
    days, rest = divmod(rest, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{int(v):,}{unit}" for v, unit in ((days, "일"), (hours, "시간"), (minutes, "분")) if v]
    seconds = round(seconds, digits)
    if seconds:
        parts.append(f"{seconds:.{digits}f}".rstrip("0").rstrip(".") + "초")
    return " ".join(parts)


def format_pct(value: float) -> str:
    """Korean-book text for an availability: enough decimals to show two digits of the shortfall.

    ``99.9975 -> "99.9975%"``, ``99.4409 -> "99.44%"``, ``100 -> "100%"``.
    """
    x = validate.number("value", value, low=0, high=100)
    shortfall = 100 - x
    decimals = 2 if shortfall <= 0 else min(6, max(2, math.ceil(-math.log10(shortfall)) + 1))
    return f"{x:.{decimals}f}".rstrip("0").rstrip(".") + "%"


# --------------------------------------------------------------------------- periods

def _year_month(text) -> tuple[int, int] | None:
    """``(year, month)`` for text like "2026-02", else None."""
    match = _YEAR_MONTH.match(text.strip()) if isinstance(text, str) else None
    if match and int(match[1]) >= 1 and 1 <= int(match[2]) <= 12:
        return int(match[1]), int(match[2])
    return None


def _calendar_kind(calendar) -> str | tuple[int, int]:
    """Return ``"30d"``, ``"gregorian"`` or ``(year, month)`` for a calendar argument."""
    allowed = "'30d', 'gregorian' 또는 '2026-02'처럼 'YYYY-MM' 형식의 연월"
    if not isinstance(calendar, str):
        raise validate.refuse("calendar", calendar, f"문자열 {allowed}", type_error=True)
    if calendar in CALENDARS:
        return calendar
    kind = _year_month(calendar)
    if kind:
        return kind
    raise validate.refuse("calendar", calendar, allowed)


def _period_seconds(period: str, kind) -> Decimal:
    """Exact length of a named period in seconds under a calendar kind."""
    if period in _FIXED_SECONDS:
        return Decimal(_FIXED_SECONDS[period])
    if kind == "30d":
        return Decimal(_THIRTY_DAY_SECONDS[period])
    if kind == "gregorian":
        return GREGORIAN_YEAR_DAYS * _DAY / {"month": 12, "quarter": 4, "year": 1}[period]
    year, month = kind
    if period == "month":
        days = _calendar.monthrange(year, month)[1]
    elif period == "quarter":
        first = 3 * ((month - 1) // 3) + 1
        days = sum(_calendar.monthrange(year, m)[1] for m in range(first, first + 3))
    else:
        days = 366 if _calendar.isleap(year) else 365
    return Decimal(days * _DAY)


def _check_period(period):
    if isinstance(period, dt.timedelta):
        if period <= dt.timedelta(0):
            raise validate.refuse("period", period, "0보다 긴 timedelta")
        return period
    if not isinstance(period, str):
        raise validate.refuse("period", period, f"{', '.join(map(repr, PERIODS))} 중 하나 또는 0보다 긴 "
                              "datetime.timedelta", type_error=True)
    return validate.choice("period", period, PERIODS)


def period_length(period="month", *, calendar: str = "30d") -> dt.timedelta:
    """Length of ``period`` ("hour" ... "year", or a positive ``timedelta``) under ``calendar``."""
    period = _check_period(period)
    kind = _calendar_kind(calendar)
    if isinstance(period, dt.timedelta):
        return period
    return dt.timedelta(microseconds=int(_period_seconds(period, kind) * 1_000_000))


def calendar_note(period="month", *, calendar: str = "30d") -> str:
    """Korean sentence naming the convention behind a period's length.

    ``calendar_note("month", calendar="2026-02")`` ->
    ``"기준: 한 달 = 28일 (2026년 2월의 실제 길이)"`` (words only: charts and dashboards print it).
    """
    period = _check_period(period)
    kind = _calendar_kind(calendar)
    if isinstance(period, dt.timedelta):
        return f"기준: 직접 지정한 기간 {format_duration(period)}"
    name = PERIOD_NAMES[period]
    seconds = _period_seconds(period, kind)
    length = f"{(seconds / _DAY).normalize():f}일" if seconds >= _DAY else f"{seconds:,}초"
    if period in _FIXED_SECONDS:
        return f"기준: {name} = {length} (달력 기준과 관계없이 같습니다)"
    if kind == "30d":
        rule = "30일 규칙: 한 달 30일, 분기 90일, 1년 365일"
    elif kind == "gregorian":
        rule = "그레고리력 평균: 1년 365.2425일" + {"month": ", 한 달은 그 12분의 1", "quarter": ", 분기는 그 4분의 1",
                                               "year": ""}[period]
    else:
        year, month = kind
        where = {"month": f"{year}년 {month}월", "quarter": f"{year}년 {(month - 1) // 3 + 1}분기",
                 "year": f"{year}년"}[period]
        rule = f"{where}의 실제 길이"
    return f"기준: {name} = {length} ({rule})"


# --------------------------------------------------------------------------- downtime budgets

def _is_scalar(value) -> bool:
    return np.ndim(value) == 0 and not isinstance(value, np.ndarray)


def allowed_downtime(availability_pct, period="month", *, calendar: str = "30d"):
    """Downtime allowed in ``period`` at ``availability_pct`` (%, in (0, 100]).

    Returns a ``timedelta`` (exact to the microsecond) for a number, or a numpy
    ``timedelta64[us]`` array for an array of availabilities.
    ``allowed_downtime(99.9)`` is 43 min 12 s (a 30-day month).
    """
    length = period_length(period, calendar=calendar)
    micros = length // _MICRO
    if _is_scalar(availability_pct):
        pct = validate.number("availability_pct", availability_pct, low=0, high=100, low_inclusive=False)
        shortfall = Decimal(100) - Decimal(repr(pct))
        return dt.timedelta(microseconds=int((shortfall * micros / 100).to_integral_value()))
    pct = validate.array("availability_pct", availability_pct, low=0, high=100, low_inclusive=False)
    return np.round((100 - pct) / 100 * micros).astype("timedelta64[us]")


_UNITS = (
    (("밀리초", "ms"), 0.001),
    (("시간", "hours", "hour", "hrs", "hr", "h"), 3600),
    (("일", "days", "day", "d"), 86400),
    (("분", "minutes", "minute", "mins", "min", "m"), 60),
    (("초", "seconds", "second", "secs", "sec", "s"), 1),
)
_UNIT_SECONDS = {word: secs for words, secs in _UNITS for word in words}
_TOKEN = re.compile(
    r"\s*(\d+(?:\.\d+)?)\s*(" + "|".join(sorted(_UNIT_SECONDS, key=len, reverse=True)) + r")(?![a-z])\s*,?",
    re.IGNORECASE,
)
DURATION_EXAMPLES = "'4m 23s', '1h 30m', '1시간 30분', '90분', '45초'"
_LONGEST_SECONDS = dt.timedelta.max.total_seconds() / 2


def parse_duration(text, *, name: str = "downtime") -> dt.timedelta:
    """Parse ``"4m 23s"``, ``"1h 30m"``, ``"1시간 30분"``, ``"90분"``, ``"45초"``, ``"2.5일"`` into a timedelta.

    Units: 일/d/day, 시간/h/hr/hour, 분/m/min/minute, 초/s/sec/second, 밀리초/ms
    (English units in any case).  ``name`` is the parameter named in errors.
    """
    if not isinstance(text, str):
        raise validate.refuse(name, text, f"datetime.timedelta 또는 {DURATION_EXAMPLES}처럼 적은 문자열",
                              type_error=True)
    body, pos, seconds = text.strip(), 0, 0.0
    while pos < len(body):
        match = _TOKEN.match(body, pos)
        if not match:
            break
        seconds += float(match[1]) * _UNIT_SECONDS[match[2].lower()]
        pos = match.end()
    if not body or pos < len(body) or seconds > _LONGEST_SECONDS:
        raise validate.refuse(name, text, f"{DURATION_EXAMPLES}처럼 수와 단위(일·시간·분·초 또는 d·h·m·s)로 적은 시간")
    return dt.timedelta(seconds=seconds)


def availability_from_downtime(downtime, period="month", *, calendar: str = "30d") -> float:
    """Availability (%) of a ``period`` that had ``downtime`` (a timedelta or text like "4m 23s")."""
    length = period_length(period, calendar=calendar)
    if not isinstance(downtime, dt.timedelta):
        downtime = parse_duration(downtime, name="downtime")
    if downtime < dt.timedelta(0) or downtime > length:
        shown = format_duration(abs(downtime)) + ("(음수)" if downtime < dt.timedelta(0) else "")
        raise validate.refuse("downtime", downtime, f"0 이상, 기간 길이({format_duration(length)}) 이하의 시간",
                              shown=shown)
    return 100 * (1 - downtime / length)


# --------------------------------------------------------------------------- business hours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = dict(zip(WEEKDAYS, "월화수목금토일"))


def _clock(name: str, value) -> dt.time:
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
        raise validate.refuse(name, value, "'09:00'처럼 'HH:MM' 형식의 시각")
    hours, minutes = map(int, value.strip().split(":"))
    if hours == 24 and minutes == 0:
        return dt.time.max
    if hours > 23 or minutes > 59:
        raise validate.refuse(name, value, "00:00부터 24:00 사이의 시각")
    return dt.time(hours, minutes)


def korean_holidays(month: str) -> list[dt.date]:
    """Korean public holidays in ``month`` ("YYYY-MM") from ``data/korean_holidays.csv``, in date order.

    ``korean_holidays("2026-02")`` gives 설날 (2026-02-16, 17, 18).  The file
    covers only the months the book's examples use; another month is refused
    (an empty list would wrongly say the month has no holiday).
    """
    kind = _year_month(month)
    if not kind:
        raise validate.refuse("month", month, "'2026-02'처럼 'YYYY-MM' 형식의 연월")
    table = datasets.load("korean_holidays")
    covered = sorted({f"{d.year}-{d.month:02d}" for d in table["date"]})
    if month.strip() not in covered:
        raise validate.refuse("month", month, covered, reason="공휴일 데이터(data/korean_holidays.csv)가 있는 달")
    return sorted(d for d in table["date"] if (d.year, d.month) == kind)


def business_hours(month: str, *, days: Iterable[str] = WEEKDAYS[:5], start: str = "09:00",
                   end: str = "18:00", holidays: Iterable = ()) -> dt.timedelta:
    """Total time in ``month`` ("YYYY-MM") that falls in business hours.

    Business hours are ``start``-``end`` ("HH:MM", end may be "24:00") on the
    weekdays in ``days`` ("mon" ... "sun"), except the dates in ``holidays``
    (``datetime.date`` or "YYYY-MM-DD", each inside ``month``).
    """
    kind = _year_month(month)
    if not kind:
        raise validate.refuse("month", month, "'2026-02'처럼 'YYYY-MM' 형식의 연월")
    year, mon = kind
    if isinstance(days, str):
        days = (days,)
    chosen = {validate.choice("days", d, WEEKDAYS) for d in days}
    if not chosen:
        raise validate.refuse("days", days, f"{', '.join(map(repr, WEEKDAYS))} 가운데 하나 이상을 고른 목록")
    t0, t1 = _clock("start", start), _clock("end", end)
    if t1 <= t0:
        raise validate.refuse("end", end, f"시작 시각 {start!r}보다 늦은 시각")
    off = set()
    for h in holidays:
        try:
            day = h if isinstance(h, dt.date) else dt.date.fromisoformat(h)
        except (TypeError, ValueError):
            raise validate.refuse("holidays", h, "'YYYY-MM-DD' 형식의 날짜", contained=True) from None
        if (day.year, day.month) != (year, mon):
            raise validate.refuse("holidays", h, f"{month} 안의 날짜", contained=True)
        off.add(day)
    count = sum(
        1 for d in range(1, _calendar.monthrange(year, mon)[1] + 1)
        if WEEKDAYS[dt.date(year, mon, d).weekday()] in chosen and dt.date(year, mon, d) not in off
    )
    day_end = dt.timedelta(days=1) if t1 == dt.time.max else dt.timedelta(hours=t1.hour, minutes=t1.minute)
    return count * (day_end - dt.timedelta(hours=t0.hour, minutes=t0.minute))


def business_hours_downtime(availability_pct, *, month: str, days: Iterable[str] = WEEKDAYS[:5],
                            start: str = "09:00", end: str = "18:00", holidays: Iterable = ()) -> dt.timedelta:
    """Downtime allowed in ``month`` when only business hours count (see :func:`business_hours`).

    ``business_hours_downtime(99.9, month="2026-02")``: 20 weekdays × 9 h = 180 h, so 10 min 48 s;
    with ``holidays=korean_holidays("2026-02")`` (설날, three weekdays) 17 × 9 = 153 h, so 9 min 10.8 s.
    """
    hours = business_hours(month, days=days, start=start, end=end, holidays=holidays)
    if hours == dt.timedelta(0):
        raise validate.refuse("holidays", holidays, "업무 시간을 한 시간이라도 남기는 휴일 목록",
                              reason="이 휴일을 빼면 업무 시간이 하나도 남지 않습니다.")
    return allowed_downtime(availability_pct, hours)


# --------------------------------------------------------------------------- composite systems

def _parts(parts) -> list:
    if not parts:
        raise validate.refuse("parts", parts, "가용성(%) 하나 이상")
    return [
        validate.number(f"parts[{i}]", p, low=0, high=100, low_inclusive=False) if _is_scalar(p)
        else validate.array(f"parts[{i}]", p, low=0, high=100, low_inclusive=False)
        for i, p in enumerate(parts)
    ]


def _result(value):
    return float(value) if np.ndim(value) == 0 else value


def serial(*parts):
    """Availability (%) of parts that must all work (a chain): the product of availabilities.

    ``serial(99.9, 99.9, 99.9)`` is about 99.7003.  Parts may be numbers or
    numpy arrays (broadcast) and may nest :func:`parallel` results.
    """
    product = np.prod(np.broadcast_arrays(*[np.asarray(p) / 100 for p in _parts(parts)]), axis=0)
    return _result(100 * product)


def serial_worst_case(*parts):
    """Lowest availability (%) a chain can have: 100 − the sum of the parts' unavailabilities, at least 0.

    When the parts never fail at the same time, every part's downtime adds up.
    :func:`serial` (the product) assumes independent failures and lies between
    this and the weakest part.  ``serial_worst_case(99.9, 99.9, 99.9)`` is 99.7;
    ``serial_worst_case(60, 50)`` is 10.
    """
    shortfall = np.sum(np.broadcast_arrays(*[100 - np.asarray(p) for p in _parts(parts)]), axis=0)
    return _result(np.maximum(100 - shortfall, 0))


def parallel(*parts):
    """Availability (%) of redundant parts of which one suffices: 100 − product of unavailabilities.

    ``parallel(99.5, 99.5)`` is 99.9975.  Assumes failures are independent.
    """
    shortfall = np.prod(np.broadcast_arrays(*[(100 - np.asarray(p)) / 100 for p in _parts(parts)]), axis=0)
    return _result(100 - 100 * shortfall)


def weakest_link(parts: Mapping[str, float]) -> str:
    """Name of the least available part of a chain ``{name: availability %}``."""
    if not isinstance(parts, Mapping) or not parts:
        raise validate.refuse("parts", parts, "{'이름': 가용성(%)} 형태의 비어 있지 않은 dict", type_error=True)
    values = {name: validate.number(f"parts[{name!r}]", v, low=0, high=100, low_inclusive=False)
              for name, v in parts.items()}
    return min(values, key=values.get)


_COMPONENT = re.compile(r"^(?P<name>.*?)\s*[:=]?\s*(?P<pct>\d+(?:\.\d+)?)\s*%?\s*(?:[x×*]\s*(?P<copies>\d+))?$",
                        re.IGNORECASE)
COMPONENT_EXAMPLE = "'ALB 99.99, EC2 99.5 x2, DB 99.95'"


def parse_components(text) -> list[tuple[str, float, int]]:
    """Parse a chain written as text into ``[(name, availability %, copies), ...]``.

    Parts are separated by commas, semicolons or new lines; each is
    ``name availability`` with an optional ``x N`` for N redundant copies, e.g.
    ``"ALB 99.99, EC2 99.5 x2, DB 99.95"``.
    """
    if not isinstance(text, str):
        raise validate.refuse("components", text, f"{COMPONENT_EXAMPLE}처럼 적은 문자열", type_error=True)
    found = []
    for item in filter(None, (s.strip() for s in re.split(r"[,;\n]", text))):
        match = _COMPONENT.match(item)
        if not match or not match["name"]:
            raise validate.refuse("components", item, f"{COMPONENT_EXAMPLE}처럼 '이름 가용성' 뒤에 필요하면 "
                                  "'x 개수'를 붙인 항목", contained=True)
        pct = validate.number(f"components[{match['name']!r}]", float(match["pct"]), low=0, high=100,
                              low_inclusive=False)
        copies = int(validate.number(f"components[{match['name']!r}] 개수", int(match["copies"] or 1),
                                     low=1, high=10, integer=True))
        found.append((match["name"], pct, copies))
    if not found:
        raise validate.refuse("components", text, "구성 요소를 하나 이상 적은 문자열")
    return found


def chain_table(components: Sequence[tuple[str, float, int]], *, calendar: str = "30d") -> pd.DataFrame:
    """One row per block of a chain, plus a ``"전체"`` row for the whole system.

    ``components`` is ``[(name, availability % per copy, copies), ...]`` (see
    :func:`parse_components`).  Columns: ``name``, ``part_pct`` (one copy, %),
    ``copies``, ``block_pct`` (the copies in parallel, %), ``monthly_downtime``
    (timedelta per month under ``calendar``), ``share_pct`` (the block's share of
    the chain's expected unavailability, %), ``weakest`` (the lowest block).
    """
    if isinstance(components, str) or not components:
        raise validate.refuse("components", components, "(이름, 가용성(%), 개수) 튜플을 하나 이상 담은 목록",
                              type_error=True)
    names = [name for name, _, _ in components]
    blocks = [parallel(*[pct] * copies) for _, pct, copies in components]
    total = serial(*blocks)
    shortfalls = [100 - b for b in blocks]
    weakest = weakest_link(dict(zip(names, blocks)))
    rows = [
        {"name": name, "part_pct": pct, "copies": copies, "block_pct": block,
         "share_pct": 100 * gap / sum(shortfalls) if sum(shortfalls) > 0 else 0.0, "weakest": name == weakest}
        for (name, pct, copies), block, gap in zip(components, blocks, shortfalls)
    ]
    rows.append({"name": "전체", "part_pct": total, "copies": 1, "block_pct": total,
                 "share_pct": 100.0, "weakest": False})
    table = pd.DataFrame(rows)
    table["monthly_downtime"] = [allowed_downtime(p, "month", calendar=calendar) for p in table["block_pct"]]
    return table[["name", "part_pct", "copies", "block_pct", "monthly_downtime", "share_pct", "weakest"]]


# --------------------------------------------------------------------------- error budgets

@dataclass(frozen=True)
class AlertRule:
    """One row of a burn-rate alerting policy.

    Alert when ``budget_share`` (a fraction, 0.02 = 2 %) of the SLO window's
    error budget is spent within ``long_window``, confirmed over ``short_window``.
    ``severity`` is "page" (wake someone) or "ticket".
    """

    budget_share: float
    long_window: dt.timedelta
    short_window: dt.timedelta
    severity: str


#: The SRE workbook's Table 5-8, "Recommended parameters for a 99.9% SLO alerting configuration"
#: (chapter "Alerting on SLOs", https://sre.google/workbook/alerting-on-slos/): three rules, which for
#: a 30-day SLO give burn rates 14.4, 6 and 1.
WORKBOOK_POLICY = (
    AlertRule(0.02, dt.timedelta(hours=1), dt.timedelta(minutes=5), "page"),
    AlertRule(0.05, dt.timedelta(hours=6), dt.timedelta(minutes=30), "page"),
    AlertRule(0.10, dt.timedelta(days=3), dt.timedelta(hours=6), "ticket"),
)
#: The chapter's example alerting expression just above Table 5-8: the table's three rules plus a
#: second ticket condition, 1 day long / 2 hours short window at burn rate 3 (10 % of a 30-day budget
#: in a day).  Not a row of the table.
WORKBOOK_EXAMPLE_POLICY = (
    WORKBOOK_POLICY[0], WORKBOOK_POLICY[1],
    AlertRule(0.10, dt.timedelta(days=1), dt.timedelta(hours=2), "ticket"),
    WORKBOOK_POLICY[2],
)
#: Where the workbook's rules were read: a book by Google, kept in this module rather than in data/
#: (a source line cites it as third-party material; no date is recorded).
WORKBOOK_SOURCE = datasets.Source("https://sre.google/workbook/alerting-on-slos/", None, "SEEN-3P")
#: Named alerting policies, for ``policy=`` of :func:`burn_rate_alerts`.
POLICIES = {"workbook": WORKBOOK_POLICY, "workbook-example": WORKBOOK_EXAMPLE_POLICY}
#: Korean labels of :data:`POLICIES`, saying where each comes from.
POLICY_NAMES = {
    "workbook": "SRE 워크북 표 5-8의 권장 설정(규칙 3개)",
    "workbook-example": "SRE 워크북 본문의 예시 알림식(표 5-8에 1일·2시간 티켓 조건을 더한 규칙 4개)",
}


def _slo(slo_pct) -> float:
    return validate.number("slo_pct", slo_pct, low=0, high=100, low_inclusive=False, high_inclusive=False)


def _window(window_days) -> dt.timedelta:
    return dt.timedelta(days=validate.number("window_days", window_days, low=0, low_inclusive=False))


def alert_policy(policy) -> tuple[AlertRule, ...]:
    """The rules of ``policy``: a name in :data:`POLICIES` (``"workbook"``: Table 5-8's three rules;
    ``"workbook-example"``: the four conditions of the workbook's example alerting expression) or a
    sequence of :class:`AlertRule`."""
    if isinstance(policy, str):
        return POLICIES[validate.choice("policy", policy, POLICIES)]
    if isinstance(policy, AlertRule) or not isinstance(policy, Sequence) or not policy:
        raise validate.refuse("policy", policy, f"{', '.join(map(repr, POLICIES))} 또는 AlertRule을 하나 이상 "
                              "담은 목록", type_error=True)
    return tuple(policy)


def burn_rate_alerts(slo_pct, window_days=30, policy="workbook") -> pd.DataFrame:
    """Burn-rate thresholds of a multiwindow alerting ``policy`` for an SLO (%) over ``window_days``.

    ``policy`` is a name in :data:`POLICIES` or a sequence of :class:`AlertRule`
    (see :func:`alert_policy`); the default is the SRE workbook's Table 5-8.
    Burn rate = budget share × SLO window ÷ long window; the alert fires when
    the error rate over both windows exceeds burn rate × (100 − SLO) %.
    Columns: ``severity``, ``budget_share_pct`` (%), ``long_window``,
    ``short_window`` (timedelta), ``burn_rate``, ``error_rate_threshold_pct``
    (% of requests; above 100 the rule can never fire), ``time_to_exhaustion``.
    """
    slo, window = _slo(slo_pct), _window(window_days)
    rows = []
    for i, rule in enumerate(alert_policy(policy)):
        if not isinstance(rule, AlertRule):
            raise validate.refuse("policy", rule, "AlertRule", type_error=True, contained=True)
        share = validate.number(f"policy[{i}].budget_share", rule.budget_share, low=0, high=1, low_inclusive=False)
        if not (dt.timedelta(0) < rule.short_window < rule.long_window <= window):
            raise validate.refuse(
                "policy", rule, f"0 < 짧은 창 < 긴 창 ≤ SLO 기간({format_duration(window)})인 규칙",
                contained=True, shown=f"{i}번째 규칙(긴 창 {format_duration(rule.long_window)}, "
                                      f"짧은 창 {format_duration(rule.short_window)})")
        burn = share * (window / rule.long_window)
        rows.append({
            "severity": rule.severity, "budget_share_pct": 100 * share,
            "long_window": rule.long_window, "short_window": rule.short_window,
            "burn_rate": burn, "error_rate_threshold_pct": burn * (100 - slo),
            "time_to_exhaustion": window / burn,
        })
    return pd.DataFrame(rows)


def time_to_exhaustion(burn_rate, window_days=30, *, budget_remaining_pct=100) -> dt.timedelta:
    """How long the remaining error budget lasts at a constant ``burn_rate`` (> 0).

    A burn rate of 1 spends the whole budget in exactly the SLO window
    (``window_days``); 14.4 spends a 30-day budget in 50 hours.
    """
    burn = validate.number("burn_rate", burn_rate, low=0, low_inclusive=False)
    window = _window(window_days)
    remaining = validate.number("budget_remaining_pct", budget_remaining_pct, low=0, high=100)
    return window * (remaining / 100) / burn


def budget_consumed_pct(burn_rate, elapsed_days, window_days=30):
    """Share of the error budget spent (%) after ``elapsed_days`` at a constant ``burn_rate``.

    100 × burn rate × elapsed days ÷ ``window_days``, not capped: a burn can
    overspend the budget, and a value above 100 says by how much (150 = the
    budget and half of it again; see :func:`budget_overspend_pct`).
    ``elapsed_days`` may be a number or an array.
    """
    burn = validate.number("burn_rate", burn_rate, low=0, low_inclusive=False)
    window = validate.number("window_days", window_days, low=0, low_inclusive=False)
    elapsed = validate.array("elapsed_days", elapsed_days, low=0)
    return _result(100 * burn * elapsed / window)


def budget_overspend_pct(burn_rate, elapsed_days, window_days=30):
    """How far past the whole error budget a burn went (% of the budget; 0 while within it).

    max(0, :func:`budget_consumed_pct` − 100): 14.4 × burn for 3 days of a
    30-day window spends 144 %, an overspend of 44 % of the budget.
    """
    return _result(np.maximum(budget_consumed_pct(burn_rate, elapsed_days, window_days) - 100, 0))


def budget_remaining_pct(burn_rate, elapsed_days, window_days=30):
    """Error budget left (%, never below 0) after ``elapsed_days`` at a constant ``burn_rate``.

    100 − :func:`budget_consumed_pct`, floored at 0 (the overspend is
    :func:`budget_overspend_pct`).  ``elapsed_days`` may be a number or an array.
    """
    return _result(np.clip(100 - budget_consumed_pct(burn_rate, elapsed_days, window_days), 0, 100))


def detection_time(slo_pct, error_rate_pct, window, *, burn_rate=1.0) -> dt.timedelta | None:
    """How long an alert over ``window`` takes to fire after errors start at ``error_rate_pct`` (%).

    The alert fires when the error rate averaged over the window reaches
    ``burn_rate`` × (100 − SLO) %.  Starting from a window without errors, a
    constant error rate e gets there after

        detection time = window × burn_rate × (100 − SLO) ÷ e

    (the SRE workbook's window × (1 − SLO) ÷ error ratio for an alert on the
    SLO's own error rate, burn rate 1).  ``None`` when e is below the
    threshold: the alert never fires.  ``window`` is a timedelta or duration
    text ("1h", "10분").
    """
    slo = _slo(slo_pct)
    error = validate.number("error_rate_pct", error_rate_pct, low=0, high=100, low_inclusive=False)
    burn = validate.number("burn_rate", burn_rate, low=0, low_inclusive=False)
    span = window if isinstance(window, dt.timedelta) else parse_duration(window, name="window")
    if span <= dt.timedelta(0):
        raise validate.refuse("window", window, "0보다 긴 시간")
    threshold = burn * (100 - slo)
    return None if error < threshold else span * (threshold / error)


# --------------------------------------------------------------------------- AWS SLAs and credits

def incident(name, phase) -> tuple[dt.datetime, dt.datetime]:
    """Start and end (naive datetimes in the summary's own time zone) of one ``phase`` of a real outage.

    Read from ``data/incidents.csv`` (AWS's post-event summaries): ``incident("seoul-2018-dns",
    "ec2-dns-resolution")`` is 2018-11-22 08:19 to 09:43 KST, 84 minutes.
    """
    table = datasets.load("incidents")
    name = validate.choice("name", name, list(dict.fromkeys(table["incident"])))
    rows = table[table["incident"] == name]
    phase = validate.choice("phase", phase, list(rows["phase"]))
    row = rows[rows["phase"] == phase].iloc[0]
    return row["start"].to_pydatetime(), row["end"].to_pydatetime()


def sla_terms() -> pd.DataFrame:
    """AWS service commitments from ``data/sla.csv`` (``target_pct`` in %, with sources)."""
    return datasets.load("sla")


def _scope(table: pd.DataFrame, service, scope) -> pd.DataFrame:
    service = validate.choice("service", service, list(dict.fromkeys(table["service"])))
    rows = table[table["service"] == service]
    scopes = list(dict.fromkeys(rows["scope"]))
    if scope is None:
        if len(scopes) > 1:
            raise validate.refuse("scope", scope, scopes, reason=f"서비스 {service!r}에는 약정이 여럿이므로")
        scope = scopes[0]
    scope = validate.choice("scope", scope, scopes)
    return rows[rows["scope"] == scope]


def sla_target(service, *, scope=None) -> float:
    """The SLA's uptime target (%) for ``service`` (and ``scope`` when it has several)."""
    return float(_scope(sla_terms(), service, scope)["target_pct"].iloc[0])


def sla_period(service, *, scope=None) -> str:
    """The period over which the SLA of ``service`` (and ``scope``) measures uptime: ``"month"`` or ``"hour"``.

    Read from ``data/sla.csv`` (``measured_per``).  Every AWS SLA in the book,
    the EC2 instance-level SLA included, is measured per monthly billing cycle.
    """
    return str(_scope(sla_terms(), service, scope)["measured_per"].iloc[0])


def sla_allowed_downtime(service, *, scope=None, calendar: str = "30d") -> dt.timedelta:
    """Downtime the SLA of ``service`` allows in its measuring period (:func:`sla_period`) under ``calendar``.

    ``sla_allowed_downtime("ec2", scope="instance")`` is 3 h 36 min: 0.5 % of a 30-day month.
    """
    return allowed_downtime(sla_target(service, scope=scope), sla_period(service, scope=scope),
                            calendar=calendar)


def credit_tiers(service, *, scope=None) -> pd.DataFrame:
    """Service-credit tiers of ``service`` from ``data/sla_credits.csv``, with their confidence.

    A tier applies when ``uptime_from_pct`` ≤ uptime < ``uptime_to_pct``.
    """
    return _scope(datasets.load("sla_credits"), service, scope).reset_index(drop=True)


def credit_tier(service, uptime_pct, *, scope=None) -> pd.Series | None:
    """The credit tier of ``service`` (a row of :func:`credit_tiers`) that ``uptime_pct`` (%, 0-100) falls in,
    or ``None`` when the target is met.

    ``credit_tier("ec2", 99.95, scope="region")`` is the tier from 99.0 % up to (not including) 99.99 %.
    """
    uptime = validate.number("uptime_pct", uptime_pct, low=0, high=100)
    tiers = credit_tiers(service, scope=scope)
    hit = tiers[(tiers["uptime_from_pct"] <= uptime) & (uptime < tiers["uptime_to_pct"])]
    return hit.iloc[0] if len(hit) else None


def service_credit(service, uptime_pct, *, scope=None) -> float:
    """Service credit (% of the affected bill) AWS owes at ``uptime_pct`` (%, 0-100).

    ``uptime_pct`` is measured over the SLA's period (:func:`sla_period`: a
    monthly billing cycle for every SLA in ``data/sla.csv``, the EC2
    instance-level SLA included).  0 when the target is met.
    ``service_credit("ec2", 99.95, scope="region")`` is 10.
    """
    tier = credit_tier(service, uptime_pct, scope=scope)
    return 0.0 if tier is None else float(tier["credit_pct"])
