"""Lambda concurrency (rps × duration), the rate a quota lets through, throttled requests and the scaling rate,
against hand arithmetic (AWS's formula: concurrency = requests per second × average duration in seconds)."""

from __future__ import annotations

import numpy as np
import pytest

from awsbook import lambda_concurrency as lcc
from awsbook.validate import Refusal


def test_concurrency_is_rate_times_duration():
    # AWS's own example (Lambda Developer Guide, "Understanding Lambda function scaling"):
    # 100 requests per second × 0.5 s = 50 concurrent requests.
    assert lcc.concurrency(100, 500) == pytest.approx(50)
    # The registration opening: 15,079.3 rps × 0.12 s = 1,809.516 environments.
    assert lcc.concurrency(15_079.3, 120) == pytest.approx(1_809.516)
    np.testing.assert_allclose(lcc.concurrency(np.array([0.0, 10.0, 2_500.0]), 200), [0.0, 2.0, 500.0])


def test_max_rps_is_the_limit_over_the_duration():
    assert lcc.max_rps(1_000, 120) == pytest.approx(8_333.333, rel=1e-6)  # 1,000 ÷ 0.12 s
    assert lcc.max_rps(1_000, 200) == pytest.approx(5_000)
    assert lcc.max_rps(50, 500) == pytest.approx(100)


def test_throttled_requests_are_what_a_minute_cannot_hold():
    # 1,000 environments × 60 s ÷ 0.12 s = 500,000 requests a minute at most.
    assert lcc.throttled_at_least(724_365, 1_000, 120) == pytest.approx(224_365)
    assert lcc.throttled_at_least(457_697, 1_000, 120) == 0.0
    # At 200 ms the minute holds 300,000: 724,365 − 300,000 and 457,697 − 300,000; 289,801 fits.
    np.testing.assert_allclose(lcc.throttled_at_least([724_365, 457_697, 289_801], 1_000, 200),
                               [424_365, 157_697, 0])


def test_scaling_takes_ten_seconds_per_thousand_environments():
    # From 180 to 1,810 environments: 1,630 more at 1,000 per 10 s = 16.3 s.
    assert lcc.scaling_seconds(180, 1_810) == pytest.approx(16.3)
    assert lcc.scaling_seconds(2_000, 500) == 0.0
    assert lcc.scaling_seconds(0, 250, rate_per_10s=500) == pytest.approx(5.0)


@pytest.mark.parametrize("call", [
    lambda: lcc.concurrency(-1, 100),
    lambda: lcc.concurrency(10, 0),
    lambda: lcc.max_rps(0, 100),
    lambda: lcc.throttled_at_least([1, -5], 1_000, 100),
    lambda: lcc.scaling_seconds(0, 10, rate_per_10s=0),
    lambda: lcc.concurrency("many", 100),
])
def test_bad_inputs_get_a_korean_refusal(call):
    with pytest.raises(Refusal):
        call()
