"""Lambda's other charges (Provisioned Concurrency, SnapStart, response streaming, Managed Instances,
durable functions) against hand arithmetic with the rates of data/ (AWS's own examples are in
test_aws_examples.py)."""

from __future__ import annotations

import pytest

from awsbook import lambda_charges as lc
from awsbook import validate

# data/lambda_provisioned_prices.csv (us-east-1, x86_64)
PC_RATE, PC_DURATION = 0.0000041667, 0.0000097222
# data/lambda_snapstart_prices.csv
CACHE, RESTORE = 0.0000015046, 0.0001397998


def test_provisioned_concurrency_is_billed_in_five_minute_steps_without_free_tier():
    # 2 environments × 2,048 MB (2 GB) for 1 h 1 min: 3,660 s rounds up to 3,900 s (13 × 300 s).
    bill = lc.provisioned_concurrency_bill(2, 2048, 61 / 60)
    assert bill["billed_seconds"] == 3900
    assert bill["concurrency_gb_seconds"] == pytest.approx(2 * 2 * 3900)  # 15,600 GB-s
    assert bill["concurrency_usd"] == pytest.approx(15_600 * PC_RATE)  # $0.0650
    assert bill["duration_usd"] == bill["requests_usd"] == 0
    # 1,000,000 requests of 100.2 ms (billed 101 ms) at 512 MB: 1e6 × 0.101 s × 0.5 GB = 50,500 GB-s
    # at the lower rate, and 1e6 × $0.0000002 = $0.20 of requests (no free tier).
    bill = lc.provisioned_concurrency_bill(1, 512, 730, requests=1_000_000, duration_ms=100.2)
    assert bill["billed_seconds"] == 730 * 3600
    assert bill["duration_gb_seconds"] == pytest.approx(50_500)
    assert bill["duration_usd"] == pytest.approx(50_500 * PC_DURATION)
    assert bill["requests_usd"] == pytest.approx(0.20)
    # 1 × 0.5 GB × 2,628,000 s = 1,314,000 GB-s of concurrency
    assert bill["total_usd"] == pytest.approx(1_314_000 * PC_RATE + 50_500 * PC_DURATION + 0.20)


def test_provisioned_concurrency_takes_its_rates_as_arguments():
    # 1 environment × 1 GB × 300 s at $0.00001 = $0.003; 10 requests × 1 s × 1 GB at $0.00002 = $0.0002;
    # 10 requests × $0.001 = $0.01
    bill = lc.provisioned_concurrency_bill(1, 1024, 5 / 60, requests=10, duration_ms=1000,
                                           usd_per_gb_second_concurrency=0.00001,
                                           usd_per_gb_second_duration=0.00002, usd_per_request=0.001)
    assert (bill["concurrency_usd"], bill["duration_usd"], bill["requests_usd"]) == pytest.approx((0.003, 0.0002, 0.01))


def test_provisioned_concurrency_pays_off_above_sixty_percent_busy():
    # c ÷ (o − d) = 0.0000041667 ÷ (0.0000166667 − 0.0000097222) = 0.0000041667 ÷ 0.0000069445 = 60.0 %
    assert lc.provisioned_concurrency_break_even_pct() == pytest.approx(60.0, abs=1e-6)


def test_provisioned_concurrency_refusals():
    with pytest.raises(validate.RefusedValue, match="매개변수 'duration_ms'에 None"):
        lc.provisioned_concurrency_bill(1, 512, 1, requests=5)
    with pytest.raises(validate.RefusedValue, match="'x86_64'만 허용됩니다"):
        lc.provisioned_concurrency_bill(1, 512, 1, arch="arm64")
    with pytest.raises(validate.RefusedValue, match="128 이상 10,240 이하의 정수"):
        lc.provisioned_concurrency_bill(1, 100, 1)


def test_snapstart_cache_has_a_three_hour_minimum_and_restores_are_per_gb():
    # Python, 512 MB (0.5 GB), active 1 h: billed the 3-hour minimum, 10,800 s × 0.5 GB = 5,400 GB-s;
    # 1,000 restores × 0.5 GB = 500 GB.
    bill = lc.snapstart_bill(512, 1, 1000)
    assert bill["cached_seconds"] == 10_800
    assert bill["cache_usd"] == pytest.approx(5_400 * CACHE)
    assert bill["restore_usd"] == pytest.approx(500 * RESTORE)
    # Two published versions active 10 h each: 2 × 0.5 GB × 36,000 s = 36,000 GB-s.
    assert lc.snapstart_bill(512, 10, 0, versions=2)["cache_usd"] == pytest.approx(36_000 * CACHE)
    # .NET pays too; Java pays nothing.
    assert lc.snapstart_bill(512, 1, 1000, runtime="dotnet")["total_usd"] == pytest.approx(bill["total_usd"])
    assert lc.snapstart_bill(512, 1, 1000, runtime="java")["total_usd"] == 0


def test_response_streaming_charges_only_beyond_six_mb_per_response():
    # 1,000 responses of 16 MB: (16 − 6) MB each = 10,000 MB = 9.765625 GB × $0.008 = $0.078125
    assert lc.response_streaming_cost(1000, 16) == pytest.approx(0.078125)
    assert lc.response_streaming_cost(1_000_000, 6) == 0  # exactly the free 6 MB
    # 1,000,000 responses of 7 MB: 1,000,000 MB = 976.5625 GB; with the 100 GB free tier 876.5625 GB × $0.008
    assert lc.response_streaming_cost(1_000_000, 7, free_tier=True) == pytest.approx(876.5625 * 0.008)
    assert lc.response_streaming_cost(1000, 16, free_tier=True) == 0  # 9.8 GB < 100 GB free
    assert lc.response_streaming_cost(1000, 16, usd_per_gb=0.01) == pytest.approx(0.09765625)


def test_managed_instances_fee_follows_the_on_demand_price():
    # m7g.large $0.0816/h on demand (data/ec2_prices.csv), 730 h with a 50 % Savings Plan:
    # instances 730 × 0.0408 = $29.784; fee 730 × 0.0816 × 15 % = $8.9352; 10 M requests × $0.20/M = $2.
    bill = lc.managed_instances_bill(10_000_000, 730, instance_type="m7g.large", discount_pct=50)
    assert bill["instances_usd"] == pytest.approx(29.784)
    assert bill["management_usd"] == pytest.approx(8.9352)
    assert bill["requests_usd"] == pytest.approx(2.0)
    assert bill["total_usd"] == pytest.approx(29.784 + 8.9352 + 2.0)


def test_managed_instances_refusals():
    with pytest.raises(validate.RefusedValue, match="매개변수 'instance_type'에 None"):
        lc.managed_instances_bill(1, 1)
    with pytest.raises(validate.RefusedValue, match="매개변수 'discount_pct'에 10"):
        lc.managed_instances_bill(1, 1, on_demand_usd_per_hour=1, usd_per_instance_hour=0.5, discount_pct=10)


def test_durable_functions_charges():
    # 100,000 executions × 3 operations = 300,000 × $8/M = $2.40; 10 KB each written, counted as
    # 0.00001 GB: 1 GB × $0.25; kept 2 days running + 14 retained = 16 days of a 730-hour month:
    # 1 GB × 384 h / 730 h = 0.526027 GB-months × $0.15.
    bill = lc.durable_functions_charges(100_000, operations_per_execution=3, gb_written_per_execution=0.00001,
                                        running_days=2)
    assert bill["operations_usd"] == pytest.approx(2.40)
    assert bill["written_usd"] == pytest.approx(0.25)
    assert bill["gb_months_retained"] == pytest.approx(384 / 730)
    assert bill["retained_usd"] == pytest.approx(384 / 730 * 0.15)
    # a 30-day month and 1 day of retention: (2 + 1) days = 72 h of 720 h = 0.1 GB-month
    short = lc.durable_functions_charges(100_000, operations_per_execution=3, gb_written_per_execution=0.00001,
                                         running_days=2, retention_days=1, hours_per_month=720)
    assert short["gb_months_retained"] == pytest.approx(0.1)
    with pytest.raises(validate.RefusedValue, match="1 이상 90 이하의 수"):
        lc.durable_functions_charges(1, operations_per_execution=1, gb_written_per_execution=0, running_days=0,
                                     retention_days=91)


def test_rates_are_the_data_rows_of_each_charge():
    assert lc.rates("provisioned")["usd_per_gb_second_concurrency"] == pytest.approx(PC_RATE)
    assert lc.rates("snapstart")["usd_per_gb_restored"] == pytest.approx(RESTORE)
    assert lc.rates("managed")["management_fee_pct"] == 15
    assert lc.rates("durable")["usd_per_million_operations"] == pytest.approx(8.00)
    with pytest.raises(validate.Refusal):
        lc.rates("spot")
