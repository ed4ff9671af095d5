"""SLIs from a request log: hand-made logs with known answers, the book's log, and bad input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import time

import pandas as pd
import pytest

from awsbook import datasets, sli
from awsbook.datasets import DATA_DIR


def _log(requests, errors, p99, start="2026-01-01 00:00"):
    index = pd.date_range(start, periods=len(requests), freq="min")
    return pd.DataFrame({"requests": requests, "errors_5xx": errors, "latency_p99_ms": p99}, index=index)


TINY = _log([100, 100, 0, 200], [1, 0, 0, 3], [100, 400, 900, 200])


def test_availability_sli_is_good_over_valid():
    # (400 − 4) / 400 = 99 %
    assert sli.availability_sli(log=TINY) == pytest.approx(99.0)
    per_two = sli.availability_sli(freq="2min", log=TINY)
    assert per_two.tolist() == pytest.approx([99.5, 98.5])   # 199/200; 197/200


def test_availability_sli_is_nan_without_requests():
    per_minute = sli.availability_sli(freq="1분", log=TINY)
    assert per_minute.isna().tolist() == [False, False, True, False]


def test_latency_sli_counts_good_minutes_with_traffic():
    # minutes with traffic: 1, 2, 4; p99 ≤ 300 ms in 1 and 4 → 2 / 3
    assert sli.latency_sli(300, log=TINY) == pytest.approx(200 / 3)
    assert sli.latency_sli(1000, log=TINY) == pytest.approx(100.0)


def test_rolling_compliance_waits_for_a_full_window():
    table = sli.rolling_compliance(99.0, window="2m", log=TINY)
    assert table["sli_pct"].isna().tolist() == [True, False, False, False]
    # windows: minutes 1–2: 199/200; 2–3: 100/100; 3–4: 197/200
    assert table["sli_pct"].iloc[1:].tolist() == pytest.approx([99.5, 100.0, 98.5])
    assert table["compliant"].iloc[1:].tolist() == [True, True, False]


def test_budget_remaining_and_burn_rate():
    # SLO 99 % of 400 requests allows 4 failures; cumulative failures 1, 1, 1, 4
    assert sli.budget_remaining(99.0, log=TINY).tolist() == pytest.approx([75, 75, 75, 0])
    # one-minute windows: error rates 1 %, 0 %, n/a, 1.5 % against a 1 % budget
    rates = sli.burn_rate(99.0, window="1분", log=TINY)
    assert rates.iloc[[0, 1, 3]].tolist() == pytest.approx([1.0, 0.0, 1.5]) and pd.isna(rates.iloc[2])


def test_the_book_log_has_one_week_and_a_visible_incident():
    log = sli.request_log()
    assert len(log) == 7 * 24 * 60 and list(log.columns) == list(sli.COLUMNS)
    assert log.index[0] == pd.Timestamp("2026-03-02 00:00") and log.index.is_monotonic_increasing
    hourly = sli.availability_sli(freq="1h", log=log)
    assert hourly.idxmin() == pd.Timestamp("2026-03-04 14:00") and hourly.min() < 95
    assert (hourly.drop(hourly.idxmin()) > 99.9).all()
    slow = sli.latency_sli(300, freq="1h", log=log)
    assert slow.idxmin() == pd.Timestamp("2026-03-06 20:00")


def test_alert_firings_default_to_the_workbook_table():
    table = sli.alert_firings(99.9, log=sli.request_log())
    assert table["burn_rate"].tolist() == pytest.approx([14.4, 6, 1])
    assert table["first_fired"].iloc[0] == pd.Timestamp("2026-03-04 14:24")


def test_alert_firings_on_the_book_log():
    table = sli.alert_firings(99.9, log=sli.request_log(), policy="workbook-example")
    # the outage starts at 14:20; the 1 h / 5 m page fires within minutes
    assert table["first_fired"].iloc[0] == pd.Timestamp("2026-03-04 14:24")
    assert table["burn_rate"].tolist() == pytest.approx([14.4, 6, 3, 1])
    assert pd.isna(table["first_fired"].iloc[3]) and table["minutes_firing"].iloc[3] == 0


def test_request_log_is_reproduced_by_its_generator():
    path = DATA_DIR / "generators" / "request_log.py"
    spec = importlib.util.spec_from_file_location("request_log_generator", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    csv = module.generate().to_csv(index=False, lineterminator="\n")
    assert csv == (DATA_DIR / "request_log.csv").read_text(encoding="utf-8")


def test_request_log_loads_fast():
    start = time.perf_counter()
    datasets.read("request_log")
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("call, name, kind", [
    (lambda: sli.availability_sli(log=[1, 2]), "log", TypeError),
    (lambda: sli.availability_sli(log=TINY.reset_index()), "log", TypeError),
    (lambda: sli.availability_sli(freq="abc", log=TINY), "freq", ValueError),
    (lambda: sli.availability_sli(freq="0분", log=TINY), "freq", ValueError),
    (lambda: sli.latency_sli(0, log=TINY), "threshold_ms", ValueError),
    (lambda: sli.latency_sli("300", log=TINY), "threshold_ms", TypeError),
    (lambda: sli.rolling_compliance(101, log=TINY), "slo_pct", ValueError),
    (lambda: sli.rolling_compliance(99, window=dt.timedelta(0), log=TINY), "window", ValueError),
    (lambda: sli.budget_remaining(100, log=TINY), "slo_pct", ValueError),
    (lambda: sli.burn_rate(99.9, window="soon", log=TINY), "window", ValueError),
])
def test_bad_input_is_refused_in_korean(call, name, kind):
    with pytest.raises(kind) as err:
        call()
    assert f"'{name}'" in str(err.value) and "주어졌습니다" in str(err.value)


# --------------------------------------------------------------------------- boundaries the prose states

def test_a_minute_exactly_at_the_latency_threshold_is_good():
    # "p99 ≤ threshold" counts as good: minutes at 100, 400 and 200 ms against 400 ms → all 3 good
    assert sli.latency_sli(400, log=TINY) == pytest.approx(100.0)
    # 399 ms: the 400 ms minute is slow → 2 of 3
    assert sli.latency_sli(399, log=TINY) == pytest.approx(200 / 3)


def test_an_alert_fires_only_above_its_burn_rate():
    from awsbook.availability import AlertRule
    rule = [AlertRule(0.02, dt.timedelta(hours=1), dt.timedelta(minutes=5), "page")]
    # SLO 99.5 %: budget 0.5 % of requests; burn rate 14.4 (2 % × 720 h / 1 h) ↔ error rate 14.4 × 0.5 % = 7.2 %.
    at = _log([1000] * 120, [72] * 120, [100] * 120)      # exactly 7.2 % errors: burn rate exactly 14.4
    above = _log([1000] * 120, [73] * 120, [100] * 120)   # 7.3 %: burn rate 14.6
    assert sli.alert_firings(99.5, policy=rule, log=at)["minutes_firing"].iloc[0] == 0
    fired = sli.alert_firings(99.5, policy=rule, log=above)
    # both windows are full from the 60th minute (00:59) on: 61 minutes of the two hours fire
    assert fired["first_fired"].iloc[0] == pd.Timestamp("2026-01-01 00:59")
    assert fired["minutes_firing"].iloc[0] == 61


def test_rolling_compliance_and_budget_boundaries():
    # SLO 99 %: a day at exactly 99 % complies (≥), just under does not
    log = _log([100] * 1440, [1] * 1440, [100] * 1440)
    table = sli.rolling_compliance(99, window="1d", log=log)
    assert table["sli_pct"].dropna().tolist() == pytest.approx([99.0])
    assert table["compliant"].dropna().tolist() == [True]
    assert not sli.rolling_compliance(99.5, window="1d", log=log)["compliant"].dropna().any()
    # budget: 1 % of 144,000 requests = 1,440 errors allowed; after one minute 1 of them is spent
    left = sli.budget_remaining(99, log=log)
    assert left.iloc[0] == pytest.approx(100 * (1 - 1 / 1440)) and left.iloc[-1] == pytest.approx(0.0, abs=1e-9)


def test_burn_rate_over_a_window():
    # 2 % errors against a 99 % SLO: burn rate 2; NaN until one full 10-minute window is logged
    log = _log([100] * 20, [2] * 20, [100] * 20)
    rate = sli.burn_rate(99, window="10분", log=log)
    assert rate.iloc[:9].isna().all() and rate.iloc[9:].tolist() == pytest.approx([2.0] * 11)


def test_a_bucket_of_one_request_counts_and_no_requests_give_nan():
    one = _log([1, 0], [0, 0], [100, 100])
    assert sli.availability_sli(freq="1min", log=one).tolist()[0] == 100.0
    assert sli.latency_sli(300, freq="1min", log=one).tolist()[0] == 100.0
    assert sli.burn_rate(99, window="1min", log=one).tolist()[0] == 0.0
    empty = _log([0, 0], [0, 0], [100, 100])
    assert pd.isna(sli.availability_sli(log=empty)) and pd.isna(sli.latency_sli(300, log=empty))
    assert sli.burn_rate(99, window="2min", log=one).name == "burn_rate"
    assert sli.budget_remaining(99, log=one).name == "budget_remaining_pct"


def test_one_minute_logs_and_a_single_request():
    single = _log([1], [0], [100])
    assert sli.availability_sli(log=single) == 100.0 and sli.latency_sli(300, log=single) == 100.0
