"""Numbers as the book writes them, in one place: counts in Korean units, dollars, won, rates.

Pure string functions (no plotting, widget or data import), shared by the models' worked
formulas, the prose values, the charts, their tables and the dashboards, so a number looks the
same wherever a reader meets it:

* counts use the Korean large-number units 만 (10⁴) and 억 (10⁸), never k/M/B:
  ``korean_count(123_456) -> "12.3만"``, ``korean_count(2.5e9, "건") -> "25억 건"``;
* dollars get cents only where cents matter: ``usd(3504) -> "$3,504"``, ``usd(7.5) -> "$7.50"``,
  ``usd(0.0042) -> "$0.0042"`` (``cents=True`` for a worked bill whose parts add up to the cent);
* won are counted like everything else: ``won(14_700_000) -> "1,470만 원"``.
"""

from __future__ import annotations

import math

#: Korean large-number units, largest first: (value, name).
_UNITS = ((1e8, "억"), (1e4, "만"))


def _significant(x: float) -> str:
    """``x`` (0 < x < 10,000) with three significant digits, or whole with a comma from 100 up."""
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def korean_count(n: float, unit: str = "") -> str:
    """A count in Korean units with ``unit`` after it (a space after 만/억, none after digits).

    ``8_500 -> "8,500"``, ``123_456 -> "12.3만"``, ``14_700_000 -> "1,470만"``,
    ``2.5e8 -> "2.5억"``, ``2.5e10 -> "250억"``, ``(7e6, "건") -> "700만 건"``,
    ``(3.5, "원") -> "3.5원"``.  Three significant digits below 100 of a unit, whole units above.
    """
    x = float(n)
    if math.isnan(x):
        return "–"
    if x < 0:
        return "−" + korean_count(-x, unit)
    for size, name in _UNITS:
        text = _significant(x / size)  # rounded first: 99,996,000 reads "1억", not "10,000만"
        if float(text.replace(",", "")) >= 1:
            return f"{text}{name}" + (f" {unit}" if unit else "")
    if x < 10 and x != int(x):
        text = f"{x:.2g}"
    else:
        text = f"{x:,.0f}"
    return text + unit


def rps_text(rps: float) -> str:
    """Requests per second with sensible digits: ``0.0038`` · ``2.80`` · ``381``."""
    if rps >= 100:
        return f"{rps:,.0f}"
    if rps >= 1:
        return f"{rps:.2f}"
    return f"{rps:.2g}"


def usd(x: float, *, cents: bool = False) -> str:
    """US dollars: ``3504 -> "$3,504"``, ``12.3 -> "$12.30"``, ``0.0042 -> "$0.0042"``, ``0 -> "$0"``.

    Whole dollars from $1,000, cents from $1 (and down to $0.01), two significant digits below
    a cent.  ``cents=True`` always writes cents (``"$3,504.00"``), for a worked bill whose parts
    must add up to its total.
    """
    value = float(x)
    if value < 0:
        return "−" + usd(-value, cents=cents)
    if cents:
        return f"${value:,.2f}"
    if value == 0:
        return "$0"
    if value >= 999.995:
        return f"${value:,.0f}"
    if value >= 0.01:
        return f"${value:,.2f}"
    decimals = 1 - math.floor(math.log10(value))
    return f"${value:.{decimals}f}"


def won_spoken(krw: float) -> str:
    """Korean won as a sentence says it: ``23_830_000 -> "2,383만 원"``, ``155_912 -> "15만 5,900원"``,
    ``5_246 -> "5,250원"``.  Rounded as a reader would say it: to 10,000 won from 1,000,000 won up,
    to 100 won from 10,000 won, to 10 won below that.  Charts use the shorter :func:`won`."""
    sign, krw = ("-" if krw < 0 else ""), abs(krw)
    if krw >= 1_000_000:
        return f"{sign}{round(krw / 10_000):,}만 원"
    if krw >= 10_000:
        man, rest = divmod(int(round(krw, -2)), 10_000)
        return f"{sign}{man:,}만 {rest:,}원" if rest else f"{sign}{man:,}만 원"
    return f"{sign}{round(krw, -1):,.0f}원"


def won(krw: float) -> str:
    """Korean won in Korean units: ``8_543 -> "8,543원"``, ``123_456 -> "12.3만 원"``,
    ``14_700_000 -> "1,470만 원"``, ``2.5e8 -> "2.5억 원"``."""
    return korean_count(krw, "원")
