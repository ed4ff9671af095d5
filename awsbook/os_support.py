"""How long AWS supports each Amazon Linux release (dates from ``data/amazon_linux_support.csv``).

A release's end of support can be announced and then postponed; the file keeps
every announced date, and a row whose ``superseded_by`` is empty is the one in
force.  Dates are ``datetime.date``; a release is supported on every day up to
and including its end of support.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from awsbook import datasets, validate


@lru_cache(maxsize=None)
def _ends() -> dict[str, list[tuple[dt.date, dt.date | None]]]:
    """release → [(announced end of support, the date that replaced it or None)], in file order."""
    rows = datasets.load("amazon_linux_support")
    rows = rows[rows["milestone"] == "end_of_support"]
    table: dict[str, list] = {}
    for row in rows.itertuples():
        table.setdefault(row.release, []).append((row.ends, row.superseded_by))
    return table


def releases() -> list[str]:
    """The Amazon Linux releases in the data, in file order (``"AL2"``, ``"AL2023"``)."""
    return list(_ends())


def support_end(release: str) -> dt.date:
    """The end of AWS's support for ``release`` now in force (the last day it is supported)."""
    ends = _ends()
    validate.choice("release", release, list(ends))
    current = [end for end, replaced in ends[release] if replaced is None]
    return current[0]


def announced_ends(release: str) -> list[dt.date]:
    """Every end of support AWS announced for ``release``, earliest first (the last is in force)."""
    ends = _ends()
    validate.choice("release", release, list(ends))
    return sorted(end for end, _ in ends[release])


def postponements(release: str) -> int:
    """How many times the end of support of ``release`` was moved later."""
    return len(announced_ends(release)) - 1


def supported_release(launch: dt.date) -> str:
    """The release still supported on ``launch`` (a date) with the most support left.

    Refused (in Korean) when no release is supported on that day.
    """
    if not isinstance(launch, dt.date):
        raise validate.refuse("launch", launch, "datetime.date 값(예: dt.date(2026, 9, 1))", type_error=True)
    supported = {r: support_end(r) for r in releases() if support_end(r) >= launch}
    if not supported:
        raise validate.refuse("launch", launch, "지원이 끝나기 전의 날짜",
                              reason="그날에는 지원되는 Amazon Linux 배포판이 없습니다.")
    return max(supported, key=supported.get)
