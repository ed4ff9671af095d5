"""Money in won: the dated exchange rate, Korean VAT and the conversion, against hand arithmetic."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from awsbook import datasets, money


def test_the_exchange_rate_is_the_sourced_close():
    # Kuki News (data/exchange_rates.csv source_url): the 2025-12-30 day-session close was 1,439 won per dollar.
    rate = money.exchange_rate()
    assert rate == money.ExchangeRate(1439.0, dt.date(2025, 12, 30),
                                      "https://kuk.kode.co.kr/article/list/kuk002001000")


def test_korean_vat_is_ten_percent():
    # AWS's VAT Rate Summary Table (APAC): SOUTH KOREA 10%.
    assert money.vat_pct() == 10.0


def test_dollars_to_won_by_hand():
    # $100 × 1,439 = 143,900원; with 10% VAT 143,900 × 1.1 = 158,290원.
    assert money.to_krw(100) == pytest.approx(143_900)
    assert money.to_krw(100, vat=True) == pytest.approx(158_290)
    # $7.30 at 1,400원/$: 7.30 × 1,400 = 10,220원; with VAT 11,242원.
    assert money.to_krw(7.30, krw_per_usd=1400) == pytest.approx(10_220)
    assert money.to_krw(7.30, vat=True, krw_per_usd=1400) == pytest.approx(11_242)


def test_arrays_convert_elementwise_and_differences_may_be_negative():
    # [0, $1, −$2] × 1,000 = [0, 1,000, −2,000]원; with VAT [0, 1,100, −2,200]원.
    out = money.to_krw(np.array([0.0, 1.0, -2.0]), vat=True, krw_per_usd=1000)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, [0, 1_100, -2_200])
    assert isinstance(money.to_krw(1.0), float)


def test_with_vat_keeps_the_currency():
    # 73 USD + 10% = 80.30 USD; 143,900원 + 10% = 158,290원.
    assert money.with_vat(73) == pytest.approx(80.30)
    assert money.with_vat(143_900) == pytest.approx(158_290)
    np.testing.assert_allclose(money.with_vat([10, 20]), [11, 22])


def _replace_table(monkeypatch, name: str, table: pd.DataFrame):
    real = datasets.load
    monkeypatch.setattr(datasets, "load", lambda n: table.copy() if n == name else real(n))
    money.exchange_rate.cache_clear()
    money.vat_pct.cache_clear()


@pytest.fixture
def fresh_caches():
    yield
    money.exchange_rate.cache_clear()
    money.vat_pct.cache_clear()


def test_the_latest_dated_row_wins_whatever_the_row_order(monkeypatch, fresh_caches):
    # A teacher adds a newer rate between two older ones: the latest as_of (2026-03-02, 1,380.5) is used,
    # neither the first nor the last row.
    rows = pd.DataFrame({
        "krw_per_usd": [1439.0, 1380.5, 1300.0],
        "confidence": ["SEEN-3P"] * 3,
        "source_url": ["https://example.org/close", "https://example.org/new", "https://example.org/old"],
        "as_of": [dt.date(2025, 12, 30), dt.date(2026, 3, 2), dt.date(2024, 6, 1)],
        "note": [None] * 3,
    })
    _replace_table(monkeypatch, "exchange_rates", rows)
    assert money.exchange_rate() == money.ExchangeRate(1380.5, dt.date(2026, 3, 2), "https://example.org/new")
    # $10 × 1,380.5 = 13,805원
    assert money.to_krw(10) == pytest.approx(13_805)


def test_a_vat_table_without_korea_stops_in_korean(monkeypatch, fresh_caches):
    rows = pd.DataFrame({"country": ["JP"], "vat_pct": [10.0], "confidence": ["SEEN-AWS"],
                         "source_url": ["https://example.org"], "as_of": [dt.date(2026, 1, 1)], "note": [None]})
    _replace_table(monkeypatch, "vat_rates", rows)
    with pytest.raises(datasets.DataError) as err:
        money.vat_pct()
    assert str(err.value) == ("data/vat_rates.csv: country가 'KR'인 행(한국 부가가치세율)이 없습니다. "
                              "출처와 함께 한 줄 더하세요.")
