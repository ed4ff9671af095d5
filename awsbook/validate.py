"""Argument checks that fail with Korean messages a reader can act on.

Every error names the parameter, repeats the value that was given and says
what is allowed.  Models call these at their boundary; dashboards show the
message text as is.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from numbers import Real

import numpy as np


def _fmt(value: float) -> str:
    """Format a bound for a message: 10240 -> '10,240', 0.5 -> '0.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def _range_text(low, high, low_inclusive, high_inclusive) -> str:
    parts = []
    if low is not None:
        parts.append(f"{_fmt(low)} {'이상' if low_inclusive else '초과'}")
    if high is not None:
        parts.append(f"{_fmt(high)} {'이하' if high_inclusive else '미만'}")
    return " ".join(parts) + "의 수" if parts else "유한한 수"


def number(
    name: str,
    value,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    integer: bool = False,
) -> float:
    """Return ``value`` as a float after checking type, finiteness and range.

    Raises ``TypeError`` for non-numbers (booleans and strings included) and
    ``ValueError`` for NaN, infinities, out-of-range values and, with
    ``integer=True``, fractions.
    """
    if type(value) not in (int, float) and (isinstance(value, bool) or not isinstance(value, (Real, np.number))):
        raise TypeError(
            f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. {'정수' if integer else '수'}만 넣을 수 있습니다."
        )
    x = float(value)
    too_low = low is not None and (x < low or (x == low and not low_inclusive))
    too_high = high is not None and (x > high or (x == high and not high_inclusive))
    if not math.isfinite(x) or too_low or too_high or (integer and not x.is_integer()):
        allowed = _range_text(low, high, low_inclusive, high_inclusive)
        if integer:
            allowed = allowed.replace("의 수", "의 정수").replace("유한한 수", "정수")
        raise ValueError(
            f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. {allowed}만 허용됩니다."
        )
    return x


def array(
    name: str,
    value,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> np.ndarray:
    """Return ``value`` (a number or array-like) as a float ndarray, checked elementwise.

    The message quotes the first offending element.
    """
    if isinstance(value, (str, bytes)) or isinstance(value, bool):
        raise TypeError(
            f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. 수 또는 수의 배열만 넣을 수 있습니다."
        )
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - numpy raises many kinds
        raise TypeError(
            f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. 수 또는 수의 배열만 넣을 수 있습니다."
        ) from exc
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(
            f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. 수 또는 수의 배열만 넣을 수 있습니다."
        )
    arr = arr.astype(float)
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= (arr < low) if low_inclusive else (arr <= low)
    if high is not None:
        bad |= (arr > high) if high_inclusive else (arr >= high)
    if bad.any():
        first = float(arr.flat[int(np.flatnonzero(bad.ravel())[0])])
        allowed = _range_text(low, high, low_inclusive, high_inclusive)
        raise ValueError(
            f"매개변수 '{name}'에 {first!r}이(가) 들어 있습니다. {allowed}만 허용됩니다."
        )
    return arr


def choice(name: str, value, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``; otherwise suggest the closest names."""
    options = list(allowed)
    if not isinstance(value, str):
        raise TypeError(
            f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. "
            f"문자열 {', '.join(map(repr, options))} 중 하나만 허용됩니다."
        )
    if value in options:
        return value
    close = difflib.get_close_matches(value, options, n=3, cutoff=0.5)
    hint = f" 혹시 {', '.join(map(repr, close))}을(를) 찾으셨나요?" if close else ""
    raise ValueError(
        f"매개변수 '{name}'에 {value!r}이(가) 주어졌습니다. "
        f"{', '.join(map(repr, options))} 중 하나만 허용됩니다.{hint}"
    )
