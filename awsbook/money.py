"""Money in won: the models' USD amounts as a Korean AWS bill shows them.

Units: ``usd`` amounts in US dollars; results in Korean won (KRW, 원); exchange
rates in KRW per USD; VAT in percent.

* The exchange rate comes from ``data/exchange_rates.csv``, one dated rate per
  row; the book converts with the row whose ``as_of`` is the latest, so a
  teacher updates it by adding a row.
* AWS's prices exclude tax.  Since 2020-12-01 Amazon Web Services Korea LLC
  sells AWS to accounts located in Korea and charges Korean VAT
  (부가가치세) at the rate of ``data/vat_rates.csv`` (10%).

Results are not rounded: a bill in won shows whole won, so format with
``f"{krw:,.0f}원"``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from awsbook import datasets, validate

#: The country whose VAT the book adds (AWS Korea LLC's accounts located in Korea).
VAT_COUNTRY = "KR"


@dataclass(frozen=True)
class ExchangeRate:
    """One dated exchange rate: ``krw_per_usd`` (KRW per USD), ``as_of`` (the date the rate
    stands for) and ``source_url`` (the page it was read from)."""

    krw_per_usd: float
    as_of: dt.date
    source_url: str


@lru_cache(maxsize=None)
def exchange_rate() -> ExchangeRate:
    """The latest KRW-per-USD rate of ``data/exchange_rates.csv`` (the row with the latest ``as_of``)."""
    row = datasets.load("exchange_rates").sort_values("as_of").iloc[-1]
    return ExchangeRate(krw_per_usd=float(row["krw_per_usd"]), as_of=row["as_of"],
                        source_url=row["source_url"])


@lru_cache(maxsize=None)
def vat_pct() -> float:
    """Korean VAT on AWS bills, in percent (``data/vat_rates.csv``: 10)."""
    rates = datasets.load("vat_rates").set_index("country")["vat_pct"]
    if VAT_COUNTRY not in rates.index:
        raise datasets.DataError(f"data/vat_rates.csv: country가 '{VAT_COUNTRY}'인 행(한국 부가가치세율)이 없습니다. "
                                 "출처와 함께 한 줄 더하세요.")
    return float(rates[VAT_COUNTRY])


def _result(x):
    return float(x) if x.ndim == 0 else x


def with_vat(amount):
    """``amount`` with Korean VAT added: amount × (1 + VAT/100), in the amount's own currency.

    ``amount`` is a number or a numpy array (array in, array out); a negative
    amount (a difference between two bills) is allowed.
    """
    value = validate.array("amount", amount)
    return _result(value * (1 + vat_pct() / 100))


def to_krw(usd, *, vat: bool = False, krw_per_usd: float | None = None):
    """``usd`` (US dollars) in Korean won: usd × KRW per USD, × (1 + VAT/100) with ``vat=True``.

    ``krw_per_usd`` (KRW per USD, > 0) defaults to :func:`exchange_rate`'s
    rate.  ``usd`` is a number or a numpy array (array in, array out); a
    negative amount (a difference between two bills) is allowed.  Not
    rounded.
    """
    value = validate.array("usd", usd)
    add_vat = validate.boolean("vat", vat)
    rate = (exchange_rate().krw_per_usd if krw_per_usd is None
            else validate.number("krw_per_usd", krw_per_usd, low=0, low_inclusive=False))
    krw = value * rate
    return with_vat(krw) if add_vat else _result(krw)
