"""Costs in dollars or in won: the currency and VAT controls every cost chart carries.

A cost chart's builder computes its numbers in USD, as the models do.  It adds
:func:`controls` (통화: USD / 원, and 부가가치세 10%: 제외 / 포함) after its own
controls and gives ``scale=`` to :func:`awsbook.charts.controls.add_controls`:
the page and the JupyterLab calculator multiply the USD arrays by the chosen
factor (:func:`awsbook.money.to_krw`, :func:`awsbook.money.with_vat`), so the
data are stored once.  What a factor cannot change — the axis title and ticks,
hover templates, labels and sentences with amounts — the builder writes per
:class:`View` (``View.of(currency_i, vat_i)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from awsbook import formats, money
from awsbook.charts.controls import Control
from awsbook.charts.theme import log_ticks

CURRENCIES = ("USD", "원")
VAT_CHOICES = ("제외", "포함")


def controls() -> list[Control]:
    """The currency control (USD / 원) and the VAT switch, as scale controls (last in a chart)."""
    return [Control("scale", "통화", list(CURRENCIES), factors=[1.0, float(money.to_krw(1.0))]),
            Control("scale", f"부가가치세 {money.vat_pct():g}%", list(VAT_CHOICES),
                    factors=[1.0, float(money.with_vat(1.0))])]


def won_text(usd: float) -> str:
    """``usd`` (USD) as a Korean bill shows it, for a dashboard's total: ``"약 1.49만 원(부가세 포함 1.63만 원)"``."""
    return (f"약 {formats.won(float(money.to_krw(usd)))}"
            f"(부가세 포함 {formats.won(float(money.to_krw(usd, vat=True)))})")


def rate_text() -> str:
    """The exchange rate behind :func:`won_text`: ``"1달러 = 1,439원(2025-12-30 기준 환율)"``."""
    rate = money.exchange_rate()
    return f"1달러 = {rate.krw_per_usd:,.0f}원({rate.as_of.isoformat()} 기준 환율)"


def _nice_step(span: float, most: int) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k that cuts ``span`` into at most ``most`` steps."""
    raw = span / most
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


@dataclass(frozen=True)
class View:
    """One position of the currency and VAT controls: how amounts (given in USD) are written."""

    krw: bool = False
    vat: bool = False

    @classmethod
    def of(cls, currency_i: int, vat_i: int) -> View:
        return cls(krw=bool(currency_i), vat=bool(vat_i))

    @property
    def factor(self) -> float:
        """Amount shown per USD: 1, 1.1, KRW per USD or KRW per USD × 1.1."""
        if self.krw:
            return float(money.to_krw(1.0, vat=self.vat))
        return float(money.with_vat(1.0)) if self.vat else 1.0

    def amount(self, usd: float) -> float:
        """``usd`` in this view's currency (VAT added when the view includes it)."""
        return usd * self.factor

    def text(self, usd: float) -> str:
        """``usd`` written in this view: ``"$7.59"`` or ``"1.09만 원"``."""
        return formats.won(self.amount(usd)) if self.krw else formats.usd(self.amount(usd))

    @property
    def unit(self) -> str:
        """The unit for an axis title: ``"USD"``, ``"원, 부가세 포함"`` … (부가세: the usual short word)"""
        return ("원" if self.krw else "USD") + (", 부가세 포함" if self.vat else "")

    def title(self, what: str, scale: str = "") -> str:
        """An axis title: ``title("월 요금") -> "월 요금 (원, 부가세 포함)"``; ``scale`` adds a word about
        the scale (``"로그 눈금"``)."""
        return f"{what} ({self.unit}{', ' + scale if scale else ''})"

    def hover(self, var: str = "y", *, cents: bool = True) -> str:
        """A plotly hover format for an amount: ``%{y:$,.2f}`` (``cents=False``: whole dollars) or ``%{y:,.0f}원``."""
        if self.krw:
            return f"%{{{var}:,.0f}}원"
        return f"%{{{var}:$,.{2 if cents else 0}f}}"

    @property
    def note(self) -> str:
        """The conversion behind a won or VAT view, for the chart's note ("" for plain dollars)."""
        parts = []
        if self.krw:
            parts.append(rate_text())
        if self.vat:
            parts.append(f"부가가치세 {money.vat_pct():g}% 포함(AWS 요금표의 가격은 세금 별도)")
        return ", ".join(parts)

    def tick(self, value: float, step: float) -> str:
        """A tick label for ``value`` (already in this view's currency) on an axis of ``step``."""
        if self.krw:
            return formats.won(value)
        decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
        return f"${value:,.{decimals}f}"

    def linear_axis(self, top_usd: float, *, most: int = 5, snap: bool = False) -> dict:
        """A money axis from 0 to ``top_usd`` (USD) in this view: range and ticks in the view's currency.

        ``snap=True`` ends the axis at its last tick (the next one up from ``top_usd``), so that
        the states of a chart share a few axes, each stored once in the page."""
        top = max(self.amount(top_usd), 1e-9)
        step = _nice_step(top, most)
        if snap:
            top = math.ceil(top / step - 1e-9) * step
        ticks = [k * step for k in range(int(top / step + 1e-9) + 1)]
        return {"range": [0, top], "tickvals": ticks, "ticktext": [self.tick(v, step) for v in ticks]}

    def axis(self, name: str, what: str, top_usd: float, *, most: int = 5, scale: str = "",
             snap: bool = True) -> dict:
        """Layout paths for a linear money axis ``name`` ("yaxis2") from 0 to about ``top_usd`` titled
        ``what`` in this view: its title, range and ticks, each its own path, so that the axis keeps the
        rest of its settings (a subplot's domain).  The axis ends at a tick (see :meth:`linear_axis`)."""
        spec = self.linear_axis(top_usd, most=most, snap=snap)
        return {f"{name}.title.text": self.title(what, scale), **{f"{name}.{k}": v for k, v in spec.items()}}

    def log_axis(self, low_usd: float, high_usd: float) -> dict:
        """A log money axis over [``low_usd``, ``high_usd``] (USD) in this view (:func:`log_ticks`)."""
        low, high = self.amount(low_usd), self.amount(high_usd)
        ticks = log_ticks(low, high)
        return {"type": "log", "range": [math.log10(low), math.log10(high)], "tickvals": ticks,
                "ticktext": [self.tick(v, 10.0 ** math.floor(math.log10(v))) for v in ticks]}
