"""API Gateway beyond the request bands: HTTP metering of large requests, data transfer out,
WebSocket APIs and the REST cache, against hand arithmetic (AWS's own examples are in
test_aws_examples.py)."""

from __future__ import annotations

import numpy as np
import pytest

from awsbook import api_gateway as ag
from awsbook import cost, validate


@pytest.mark.parametrize("kb, units", [(0, 1), (1, 1), (512, 1), (512.5, 2), (1024, 2), (1025, 3), (4608, 9)])
def test_http_requests_are_metered_in_512_kb_steps(kb, units):
    # ceil(KB ÷ 512), at least 1: 4.5 MB = 4,608 KB is 9 requests
    assert ag.metered_requests(1000, kb) == 1000 * units


def test_http_metering_feeds_the_request_bands():
    # 200 M uploads of 600 KB count as 400 M: 300 M × $1.00/M + 100 M × $0.90/M = $390
    assert cost.api_gateway_monthly_cost(ag.metered_requests(200e6, 600)) == pytest.approx(390.0)
    np.testing.assert_allclose(cost.api_gateway_monthly_cost(np.array([0, 1e6]), "rest"), [0, 3.50])


def test_data_transfer_out():
    # 1,048,576 responses of 2 KB = 2 GB (1 GB = 1,024 × 1,024 KB) × $0.09 = $0.18
    assert ag.transfer_gb(1_048_576, 2) == pytest.approx(2.0)
    assert ag.data_transfer_out_cost(2) == pytest.approx(0.18)
    assert ag.data_transfer_out_cost(2, usd_per_gb=0.05) == pytest.approx(0.10)


def test_websocket_messages_are_metered_in_32_kb_steps_up_to_128_kb():
    # 2 M messages of 40 KB count as 4 M × $1.00/M = $4; 3 M connection minutes × $0.25/M = $0.75
    bill = ag.websocket_bill(2e6, 3e6, message_kb=40)
    assert bill["metered_messages"] == 4e6
    assert (bill["messages_usd"], bill["connection_usd"], bill["total_usd"]) == pytest.approx((4.0, 0.75, 4.75))
    assert ag.websocket_bill(2e6, 0)["metered_messages"] == 2e6  # no size given: one each
    assert ag.websocket_bill(1e6, 0, message_kb=128)["metered_messages"] == 4e6
    with pytest.raises(validate.RefusedValue, match="0 이상 128 이하의 수"):
        ag.websocket_bill(1, 0, message_kb=129)


def test_rest_cache_is_priced_per_hour_for_the_sizes_in_data():
    # 1.6 GB at $0.038/h for 730 h = $27.74
    assert ag.rest_cache_sizes() == [1.6]
    assert ag.rest_cache_cost(1.6, 730) == pytest.approx(27.74)
    with pytest.raises(validate.RefusedValue, match="매개변수 'cache_gb'에 0.5"):
        ag.rest_cache_cost(0.5, 1)
