"""Argument checks that fail with Korean messages a reader can act on.

Every refusal is built by :func:`refuse` from one template::

    매개변수 'memory_mb'에 20000이(가) 주어졌습니다. 128 이상 10,240 이하의 정수만 허용됩니다.

It names the parameter, repeats the value that was given and says what is
allowed (with "혹시 …을(를) 찾으셨나요?" when a close name exists).  The
exception (:class:`RefusedValue`, a ``ValueError``, or :class:`RefusedType`,
a ``TypeError``) keeps the parts as attributes, so a dashboard can say the
same with the label the reader sees on screen (:meth:`Refusal.message`).
Models call these at their boundary.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from numbers import Real

import numpy as np


class Refusal(Exception):
    """A refused argument.

    Attributes: ``param`` (the parameter's name in code), ``value`` (what was
    given), ``allowed`` (what is allowed, as Korean text), ``options`` (the
    allowed values when they are a list, else ``None``), ``suggestions``
    (close options for a mistyped name), ``reason`` (an optional sentence
    on why) and ``contained`` (True when ``value`` is one element of the
    argument, e.g. of an array).
    """

    def __init__(self, param: str, value, allowed: str, *, options: tuple | None, suggestions: tuple,
                 reason: str, contained: bool, shown: str | None):
        self.param, self.value, self.allowed = param, value, allowed
        self.options, self.suggestions, self.reason, self.contained = options, tuple(suggestions), reason, contained
        self._shown = repr(value) if shown is None else shown
        super().__init__(self.message())

    def message(self, label: str | None = None) -> str:
        """The Korean message; with ``label`` it names the on-screen field instead of the parameter."""
        where = f"입력 칸 '{label}'" if label else f"매개변수 '{self.param}'"
        verb = "들어 있습니다" if self.contained else "주어졌습니다"
        reason = f"{self.reason} " if self.reason else ""
        hint = f" 혹시 {', '.join(map(repr, self.suggestions))}을(를) 찾으셨나요?" if self.suggestions else ""
        return f"{where}에 {self._shown}이(가) {verb}. {reason}{self.allowed}만 허용됩니다.{hint}"


class RefusedValue(Refusal, ValueError):
    """A value of the right kind but not allowed (out of range, unknown name, wrong format)."""


class RefusedType(Refusal, TypeError):
    """A value of the wrong kind (text where a number belongs, a bool where a list belongs, ...)."""


def refuse(param: str, value, allowed, *, type_error: bool = False, reason: str = "",
           contained: bool = False, shown: str | None = None, suggest: bool = False) -> Refusal:
    """Build the refusal of ``value`` for ``param`` (raise what it returns).

    ``allowed`` is Korean text ("0 이상의 수") or a sequence of allowed
    values, shown as "'a', 'b' 중 하나" (one value: just "'a'"); with
    ``suggest=True`` (a mistyped name) the close matches of a string
    ``value`` are suggested.  ``type_error`` makes a ``TypeError``;
    ``reason`` is a sentence put before what is allowed; ``contained`` says
    "들어 있습니다" (one element of the argument) instead of "주어졌습니다";
    ``shown`` replaces ``repr(value)`` in the message.
    """
    options = None
    suggestions: list = []
    if not isinstance(allowed, str):
        options = tuple(allowed)
        if suggest and isinstance(value, str):
            suggestions = difflib.get_close_matches(value, [o for o in options if isinstance(o, str)],
                                                    n=3, cutoff=0.5)
        allowed = repr(options[0]) if len(options) == 1 else f"{', '.join(map(repr, options))} 중 하나"
    kind = RefusedType if type_error else RefusedValue
    return kind(param, value, allowed, options=options, suggestions=tuple(suggestions), reason=reason,
                contained=contained, shown=shown)


def _fmt(value: float) -> str:
    """Format a bound for a message: 10240 -> '10,240', 0.5 -> '0.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def _range_text(low, high, low_inclusive, high_inclusive, integer: bool = False) -> str:
    noun = "정수" if integer else "수"
    parts = []
    if low is not None:
        parts.append(f"{_fmt(low)} {'이상' if low_inclusive else '초과'}")
    if high is not None:
        parts.append(f"{_fmt(high)} {'이하' if high_inclusive else '미만'}")
    return " ".join(parts) + f"의 {noun}" if parts else ("정수" if integer else "유한한 수")


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

    Refuses non-numbers (booleans and strings included) with a ``TypeError``
    and NaN, infinities, out-of-range values and, with ``integer=True``,
    fractions with a ``ValueError``.
    """
    allowed = _range_text(low, high, low_inclusive, high_inclusive, integer)
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        raise refuse(name, value, allowed, type_error=True)
    x = float(value)
    too_low = low is not None and (x < low or (x == low and not low_inclusive))
    too_high = high is not None and (x > high or (x == high and not high_inclusive))
    if not math.isfinite(x) or too_low or too_high or (integer and not x.is_integer()):
        raise refuse(name, value, allowed)
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
    allowed = _range_text(low, high, low_inclusive, high_inclusive)
    if isinstance(value, (str, bytes, bool)):
        raise refuse(name, value, "수 또는 수의 배열", type_error=True)
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged lists and objects numpy cannot turn into an array
        raise refuse(name, value, "수 또는 수의 배열", type_error=True) from exc
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise refuse(name, value, "수 또는 수의 배열", type_error=True)
    arr = arr.astype(float)
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= (arr < low) if low_inclusive else (arr <= low)
    if high is not None:
        bad |= (arr > high) if high_inclusive else (arr >= high)
    if bad.any():
        first = float(arr.flat[int(np.flatnonzero(bad.ravel())[0])])
        raise refuse(name, first, allowed, contained=True)
    return arr


def choice(name: str, value, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``; otherwise refuse it, suggesting the closest names."""
    options = list(allowed)
    if not isinstance(value, str):
        raise refuse(name, value, f"문자열 {', '.join(map(repr, options))} 중 하나", type_error=True)
    if value not in options:
        raise refuse(name, value, options, suggest=True)
    return value


def rate(name: str, value, default: float) -> float:
    """A price given by the caller (a number > 0), or ``default`` (the price in ``data/``) when ``value`` is None."""
    return default if value is None else number(name, value, low=0, low_inclusive=False)


def boolean(name: str, value) -> bool:
    """Return ``value`` if it is True or False (a numpy bool too); anything else is a ``TypeError``."""
    if not isinstance(value, (bool, np.bool_)):
        raise refuse(name, value, "True 또는 False", type_error=True)
    return bool(value)
