"""Cost models against hand-computed bills, and their Korean errors on bad input."""

from __future__ import annotations

import numpy as np
import pytest

from awsbook import cost, datasets

RATE = 0.0000166667  # x86 Lambda USD per GB-second, data/lambda_prices.csv (us-east-1)
ARM_RATE = 0.0000133334
PER_REQUEST = 0.0000002


# ----------------------------------------------------------------------------- Lambda bills

def test_lambda_bill_of_issue_example():
    # 10 M requests × 0.1 s × 0.5 GB = 500,000 GB-s × 0.0000166667 = 8.33335
    # requests: 10 M × 0.0000002 = 2.00 → total 10.33
    bill = cost.lambda_bill(10_000_000, 100, 512)
    assert bill["requests_usd"] == pytest.approx(2.00)
    assert bill["compute_usd"] == pytest.approx(500_000 * RATE)
    assert round(bill["total_usd"], 2) == 10.33
    assert cost.lambda_monthly_cost(10_000_000, 100, 512) == pytest.approx(10.33335)


def test_lambda_free_tier_example():
    # (10 M − 1 M) × 0.0000002 = 1.80; (500,000 − 400,000) GB-s × 0.0000166667 = 1.66667 → 3.47
    total = cost.lambda_monthly_cost(10_000_000, 100, 512, free_tier=True)
    assert total == pytest.approx(1.80 + 100_000 * RATE)
    assert round(total, 2) == 3.47


def test_free_tier_covers_small_workloads_entirely():
    # 500,000 requests × 0.1 s × 0.5 GB = 25,000 GB-s: both under the free allowance
    assert cost.lambda_monthly_cost(500_000, 100, 512, free_tier=True) == 0.0


def test_duration_is_rounded_up_to_whole_milliseconds():
    # 100.2 ms bills as 101 ms: 1 M × 0.101 s × 1 GB = 101,000 GB-s × RATE + 1 M × 0.0000002
    got = cost.lambda_monthly_cost(1_000_000, 100.2, 1024)
    assert got == pytest.approx(101_000 * RATE + 0.2)
    assert cost.lambda_bill(1_000_000, 100.2, 1024)["billed_duration_ms"] == 101


def test_memory_is_billed_in_gb_of_1024_mb():
    # 1 M × 1 s × (1,536 / 1,024 = 1.5 GB) = 1.5 M GB-s
    assert cost.lambda_bill(1_000_000, 1000, 1536)["gb_seconds"] == pytest.approx(1_500_000)


def test_tiered_duration_discount_x86():
    # 7 G requests × 1 s × 1 GB = 7 G GB-s: 6 G at full rate + 1 G at 90 %
    # compute = 6e9 × RATE + 1e9 × 0.9 × RATE
    bill = cost.lambda_bill(7e9, 1000, 1024)
    assert bill["compute_usd"] == pytest.approx(6e9 * RATE + 1e9 * 0.9 * RATE)
    # 20 G GB-s: 6 G full + 9 G at 90 % + 5 G at 80 %
    bill = cost.lambda_bill(20e9, 1000, 1024)
    assert bill["compute_usd"] == pytest.approx(6e9 * RATE + 9e9 * 0.9 * RATE + 5e9 * 0.8 * RATE)


def test_tiered_duration_discount_arm_uses_its_own_bands():
    # Arm: 7.5 G GB-s at full Arm rate, then 10 % off up to 18.75 G
    bill = cost.lambda_bill(8e9, 1000, 1024, arch="arm64")
    assert bill["compute_usd"] == pytest.approx(7.5e9 * ARM_RATE + 0.5e9 * 0.9 * ARM_RATE)


def test_http_api_adds_tiered_request_charge():
    # 400 M requests: 300 M × $1.00/M + 100 M × $0.90/M = 390
    assert cost.lambda_bill(400e6, 10, 128, api="http")["api_usd"] == pytest.approx(390.0)
    # REST: 10 M × $3.50/M = 35
    assert cost.lambda_bill(10e6, 10, 128, api="rest")["api_usd"] == pytest.approx(35.0)


@pytest.mark.parametrize("requests, usd", [
    # AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs", Table 4:
    # REST $3.50/M first 333 M, $2.80/M next 667 M, $2.38/M next 19 B, $1.51/M over 20 B.
    (333e6, 333 * 3.50),                                            # 1,165.50: the whole first band
    (400e6, 333 * 3.50 + 67 * 2.80),                                # 1,165.50 + 187.60 = 1,353.10
    (1e9, 333 * 3.50 + 667 * 2.80),                                 # 1,165.50 + 1,867.60 = 3,033.10
    (2e9, 333 * 3.50 + 667 * 2.80 + 1000 * 2.38),                   # 3,033.10 + 2,380 = 5,413.10
    (25e9, 333 * 3.50 + 667 * 2.80 + 19000 * 2.38 + 5000 * 1.51),   # 3,033.10 + 45,220 + 7,550 = 55,803.10
])
def test_rest_api_every_band_is_billed_from_its_start(requests, usd):
    assert cost.lambda_bill(requests, 10, 128, api="rest")["api_usd"] == pytest.approx(usd, rel=1e-12)


@pytest.mark.parametrize("requests, usd", [
    (300e6, 300.0),                  # 300 M × $1.00/M
    (1e9, 300 + 700 * 0.90),         # 300 + 630 = 930
])
def test_http_api_bands(requests, usd):
    assert cost.lambda_bill(requests, 10, 128, api="http")["api_usd"] == pytest.approx(usd, rel=1e-12)


def test_seoul_premium_is_the_price_ratio_less_one():
    # m5.large: 0.118 USD/h in Seoul (third-party table) and 0.096 in us-east-1: 0.118 / 0.096 − 1 = 22.916…%.
    assert cost.ec2_region_premium_pct("m5.large", "ap-northeast-2") == pytest.approx(22.91667, abs=1e-4)
    # t4g.micro: 0.0104 / 0.0084 − 1 = 23.809…%; the other way round it is cheaper: 0.0084 / 0.0104 − 1 = −19.23…%.
    assert cost.ec2_region_premium_pct("t4g.micro", "ap-northeast-2") == pytest.approx(23.80952, abs=1e-4)
    assert cost.ec2_region_premium_pct("t4g.micro", "us-east-1", base_region="ap-northeast-2") == \
        pytest.approx(-19.23077, abs=1e-4)
    assert cost.ec2_region_premium_pct("m5.large", "us-east-1") == 0


def test_api_gateway_integration_timeouts():
    # HTTP API quotas page: maximum integration timeout 30 seconds; REST APIs keep the prior 29-second limit by default.
    assert (cost.api_gateway_limit("http"), cost.api_gateway_limit("rest")) == (30, 29)
    with pytest.raises(ValueError):
        cost.api_gateway_limit("websocket")


def test_api_gateway_rows_cite_the_aws_whitepaper():
    rows = datasets.load("api_gateway_prices")
    assert set(rows["source_url"]) == {"https://docs.aws.amazon.com/whitepapers/latest/"
                                       "best-practices-api-gateway-private-apis-integration/cost-optimization.html"}
    assert set(rows["confidence"]) == {"SEEN-AWS"}
    assert "512 KB" in " ".join(rows["note"].dropna())


def test_ephemeral_storage_above_512_mb():
    # 1 M × 1 s × (1,024 − 512) MB = 0.5 GB → 500,000 GB-s × 0.0000000309 = 0.01545
    assert cost.lambda_bill(1_000_000, 1000, 128, ephemeral_mb=1024)["ephemeral_usd"] == pytest.approx(0.01545)
    assert cost.lambda_bill(1_000_000, 1000, 128)["ephemeral_usd"] == 0.0


def test_ephemeral_and_api_outside_the_data_regions_are_refused():
    with pytest.raises(ValueError, match="ephemeral_mb"):
        cost.lambda_monthly_cost(1, 100, 128, region="ap-northeast-2", ephemeral_mb=1024)
    with pytest.raises(ValueError, match="region"):
        cost.lambda_monthly_cost(1, 100, 128, region="ap-northeast-2", api="http")


def test_requests_array_is_vectorised():
    grid = np.array([0, 1e6, 1e7, 5e8])
    got = cost.lambda_monthly_cost(grid, 100, 512, free_tier=True, api="http")
    assert isinstance(got, np.ndarray) and got.shape == (4,)
    expected = [cost.lambda_monthly_cost(float(n), 100, 512, free_tier=True, api="http") for n in grid]
    np.testing.assert_allclose(got, expected)


def test_bill_steps_show_the_readers_numbers():
    steps = cost.lambda_bill(10_000_000, 100, 512, free_tier=True, api="http")["steps"]
    assert list(steps["part"])[-1] == "합계"
    assert "10,000,000" in steps["formula"].iloc[0] and "1,000,000" in steps["formula"].iloc[0]
    assert "500,000.0 GB-초" in steps["formula"].iloc[1]
    assert steps["usd"].iloc[-1] == pytest.approx(steps["usd"].iloc[:-1].sum())


# ----------------------------------------------------------------------------- break-even

def test_break_even_against_one_t3_micro():
    # t3.micro: 0.0104 × 730 = 7.592; Lambda per request: 0.0000002 + 0.05 GB-s × RATE = 1.0333335e-6
    # → 7.592 / 1.0333335e-6 ≈ 7.347 M requests a month
    fixed = cost.ec2_monthly_cost("t3.micro")
    assert fixed == pytest.approx(7.592)
    n = cost.break_even_requests(fixed, 100, 512)
    assert n == pytest.approx(7.592 / (PER_REQUEST + 0.05 * RATE))
    assert round(n / 1e6, 2) == 7.35


def test_break_even_with_free_tier_is_exact():
    # (N − 1 M) × 0.0000002 + (0.05 N − 400,000) × RATE = 7.592
    # → N = (7.592 + 0.2 + 400,000 × RATE) / (0.0000002 + 0.05 × RATE)
    n = cost.break_even_requests(7.592, 100, 512, free_tier=True)
    assert n == pytest.approx((7.592 + 0.2 + 400_000 * RATE) / (PER_REQUEST + 0.05 * RATE), rel=1e-12)
    assert cost.lambda_monthly_cost(n, 100, 512, free_tier=True) == pytest.approx(7.592, rel=1e-12)


@pytest.mark.parametrize("fixed, options", [
    (0.5, {"free_tier": True}),                    # inside the free request allowance for GB-s
    (390.0, {"api": "http"}),                      # crosses the HTTP API band at 300 M
    (150_000.0, {}),                               # beyond the first duration tier
    (3_000.0, {"arch": "arm64", "free_tier": True, "ephemeral_mb": 4096}),
])
def test_break_even_hits_the_fixed_amount_on_every_piece(fixed, options):
    n = cost.break_even_requests(fixed, 1000, 2048, **options)
    assert cost.lambda_monthly_cost(n, 1000, 2048, **options) == pytest.approx(fixed, rel=1e-9)


def test_break_even_of_zero_is_zero_and_reaches_the_last_rest_band():
    assert cost.break_even_requests(0, 100, 512) == 0.0
    # $1 M a month is past 20 B REST requests (55,803.10 at 25 B in the band test), so every band counts
    n = cost.break_even_requests(1e6, 100, 512, api="rest")
    assert n > 20e9 and cost.lambda_monthly_cost(n, 100, 512, api="rest") == pytest.approx(1e6, rel=1e-9)
    with pytest.raises(TypeError, match="memory"):
        cost.break_even_requests(10, 100, 512, memory=3)


# ----------------------------------------------------------------------------- capacity-aware comparison

def test_instances_needed_follows_the_peak():
    # 10 rps average × 2 peak = 20 rps; one instance serves 5 × 0.8 = 4 rps → ceil(20 / 4) = 5
    assert cost.ec2_instances_needed(10, peak_to_average=2, rps_per_instance=5,
                                     target_utilisation=0.8, min_instances=2) == 5
    # idle: the minimum
    got = cost.ec2_instances_needed(np.array([0.0, 4.0, 4.1]), rps_per_instance=4, min_instances=1)
    assert list(got) == [1, 1, 2]


def test_requests_per_month_to_rps_uses_730_hours():
    # 2,628,000 requests in 730 × 3,600 s = 1 rps
    assert cost.requests_to_avg_rps(2_628_000) == pytest.approx(1.0)


def test_fleet_cost_is_a_staircase():
    # one instance carries 1 rps × 2,628,000 s = 2,628,000 requests a month
    got = cost.ec2_fleet_monthly_cost(np.array([0, 2_628_000, 2_628_001]), "t3.micro", rps_per_instance=1)
    np.testing.assert_allclose(got, [7.592, 7.592, 2 * 7.592])


def test_cheaper_intervals_find_every_separate_lambda_interval():
    kw = dict(max_requests=200e6, rps_per_instance=8.78, peak_to_average=2, target_utilisation=0.7)
    table = cost.cheaper_intervals(100, 512, "t3.micro", **kw)
    # contiguous cover of [0, max_requests], alternating options
    assert table["from_requests"].iloc[0] == 0 and table["to_requests"].iloc[-1] == 200e6
    np.testing.assert_allclose(table["from_requests"].iloc[1:], table["to_requests"].iloc[:-1])
    assert all(a != b for a, b in zip(table["option"], table["option"].iloc[1:]))
    assert (table["option"] == "lambda").sum() >= 3  # the staircase gives Lambda several windows
    # first crossing is the plain break-even against one t3.micro
    assert table["to_requests"].iloc[0] == pytest.approx(cost.break_even_requests(7.592, 100, 512))
    # inside each interval the named option really is cheaper
    mid = (table["from_requests"] + table["to_requests"]) / 2
    lam = cost.lambda_monthly_cost(mid.to_numpy(), 100, 512)
    ec2 = cost.ec2_fleet_monthly_cost(mid.to_numpy(), "t3.micro", rps_per_instance=8.78,
                                      peak_to_average=2, target_utilisation=0.7)
    assert list(np.where(lam < ec2, "lambda", "ec2")) == list(table["option"])


def test_cheaper_intervals_refuses_bad_capacity_inputs():
    with pytest.raises(ValueError, match="target_utilisation"):
        cost.cheaper_intervals(100, 512, "t3.micro", max_requests=1e6, rps_per_instance=1, target_utilisation=1.5)
    with pytest.raises(ValueError, match="peak_to_average"):
        cost.ec2_instances_needed(1, rps_per_instance=1, peak_to_average=0.5)
    with pytest.raises(ValueError, match="min_instances"):
        cost.ec2_instances_needed(1, rps_per_instance=1, min_instances=0)


# ----------------------------------------------------------------------------- EC2, Fargate, EKS

def test_ec2_monthly_cost_with_count_hours_and_discount():
    # 3 × m5.large × 0.096 × 730 × (1 − 0.4) = 126.144
    assert cost.ec2_monthly_cost("m5.large", count=3, discount_pct=40) == pytest.approx(126.144)
    # Seoul t3.micro 0.0130 × 100 h = 1.30
    assert cost.ec2_monthly_cost("t3.micro", region="ap-northeast-2", hours=100) == pytest.approx(1.30)


def test_fargate_monthly_cost():
    # 2 tasks × 730 h × (1 × 0.04048 + 2 × 0.004445) = 72.0788
    assert cost.fargate_monthly_cost(1, 2, tasks=2) == pytest.approx(2 * 730 * (0.04048 + 2 * 0.004445))


def test_eks_fee():
    # 0.10 × 730 = 73; extended 0.60 × 730 = 438
    assert cost.eks_monthly_fee() == pytest.approx(73.0)
    assert cost.eks_monthly_fee(extended_support=True) == pytest.approx(438.0)


def test_lambda_limits_and_illustrative_duration():
    assert cost.lambda_limit("memory_max") == 10240  # the current row, not the pre-2020 3,008 MB
    assert cost.lambda_limit("timeout_max") == 900
    # at 1,769 MB one vCPU: 100 ms of CPU + 20 ms waiting; at half the memory the CPU part doubles
    assert cost.illustrative_duration_ms(1769, cpu_ms_at_one_vcpu=100, wait_ms=20) == pytest.approx(120)
    assert cost.illustrative_duration_ms(884.5, cpu_ms_at_one_vcpu=100, wait_ms=20) == pytest.approx(220)
    # one thread cannot use more than one vCPU
    assert cost.illustrative_duration_ms(10240, cpu_ms_at_one_vcpu=100) == pytest.approx(100)


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("call, exc, name", [
    (lambda: cost.lambda_monthly_cost(-1, 100, 512), ValueError, "requests"),
    (lambda: cost.lambda_monthly_cost(np.array([1, np.nan]), 100, 512), ValueError, "requests"),
    (lambda: cost.lambda_monthly_cost("many", 100, 512), TypeError, "requests"),
    (lambda: cost.lambda_monthly_cost(1, 0, 512), ValueError, "duration_ms"),
    (lambda: cost.lambda_monthly_cost(1, 900_001, 512), ValueError, "duration_ms"),
    (lambda: cost.lambda_monthly_cost(1, 100, 127), ValueError, "memory_mb"),
    (lambda: cost.lambda_monthly_cost(1, 100, 10_241), ValueError, "memory_mb"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, arch="arm"), ValueError, "arch"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, region="mars-1"), ValueError, "region"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, free_tier="yes"), TypeError, "free_tier"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, api="grpc"), ValueError, "api"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, ephemeral_mb=100), ValueError, "ephemeral_mb"),
    (lambda: cost.ec2_monthly_cost("t3.mcro"), ValueError, "instance_type"),
    (lambda: cost.ec2_monthly_cost("m6i.large", region="ap-northeast-2"), ValueError, "instance_type"),
    (lambda: cost.ec2_monthly_cost("t3.micro", region="seoul"), ValueError, "region"),
    (lambda: cost.ec2_monthly_cost("t3.micro", discount_pct=100), ValueError, "discount_pct"),
    (lambda: cost.ec2_monthly_cost("t3.micro", discount_pct=-5), ValueError, "discount_pct"),
    (lambda: cost.fargate_monthly_cost(1, 9), ValueError, "memory_gb"),
    (lambda: cost.fargate_monthly_cost(3, 8), ValueError, "vcpu"),
    (lambda: cost.fargate_monthly_cost(1, 2, arch="ppc"), ValueError, "arch"),
    (lambda: cost.fargate_monthly_cost(1, 2, discount_pct=120), ValueError, "discount_pct"),
    (lambda: cost.break_even_requests(-1, 100, 512), ValueError, "fixed_monthly_usd"),
])
def test_bad_input_gives_a_korean_error_naming_the_parameter(call, exc, name):
    with pytest.raises(exc) as info:
        call()
    message = str(info.value)
    assert f"'{name}'" in message
    assert "허용" in message or "넣을 수 있습니다" in message


def test_unknown_instance_type_suggests_close_names():
    with pytest.raises(ValueError, match="t3.micro"):
        cost.ec2_monthly_cost("t3.mcro")


def test_fargate_error_lists_valid_memory_for_that_vcpu():
    with pytest.raises(ValueError) as info:
        cost.fargate_monthly_cost(1, 9)
    assert "2, 3, 4, 5, 6, 7, 8" in str(info.value)


def test_duration_error_states_the_timeout():
    with pytest.raises(ValueError) as info:
        cost.lambda_monthly_cost(1, 1e6, 512)
    assert "900,000" in str(info.value)


def test_api_gateway_bands_are_the_whitepaper_table():
    rest = cost.api_gateway_bands("rest")
    assert rest["from_requests"].tolist() == [0, 333e6, 1e9, 20e9]
    assert rest["to_requests"].tolist() == [333e6, 1e9, 20e9, np.inf]
    assert rest["usd_per_million_requests"].tolist() == pytest.approx([3.50, 2.80, 2.38, 1.51])
    assert cost.api_gateway_bands("http")["usd_per_million_requests"].tolist() == pytest.approx([1.00, 0.90])
    with pytest.raises(ValueError, match="'region'"):
        cost.api_gateway_bands("http", "ap-northeast-2")


def test_an_api_price_table_with_a_gap_is_refused(monkeypatch):
    rows = datasets.load("api_gateway_prices")
    gap = rows[~((rows["api"] == "rest") & (rows["from_requests"] == 333e6))]
    monkeypatch.setattr(datasets, "load", lambda name: gap.copy())
    cost._api_tiers.cache_clear()
    try:
        with pytest.raises(datasets.DataError, match="rest us-east-1"):
            cost._api_tiers()
    finally:
        monkeypatch.undo()
        cost._api_tiers.cache_clear()


# ----------------------------------------------------------------------------- public IPv4

def test_public_ipv4_is_an_undiscounted_hourly_charge_per_instance():
    # $0.005 per address-hour since 2024-02-01 (data/public_ipv4_prices.csv)
    assert cost.public_ipv4_hourly_price() == 0.005
    assert cost.public_ipv4_hourly_price("ap-northeast-2") == 0.005
    # 3 × 100 h × (0.096 × 0.6 + 0.005) = 300 × 0.0626 = 18.78
    assert cost.ec2_monthly_cost("m5.large", count=3, hours=100, discount_pct=40,
                                 public_ipv4=True) == pytest.approx(18.78)
    # off by default: 0.0104 × 730 = 7.592
    assert cost.ec2_monthly_cost("t3.micro") == pytest.approx(7.592)
    with pytest.raises(TypeError, match="'public_ipv4'"):
        cost.ec2_monthly_cost("t3.micro", public_ipv4="yes")


def test_fleet_functions_take_public_ipv4():
    # 2 × t3.micro × 730 h × (0.0104 + 0.005) = 22.484
    bill = cost.ec2_fleet_bill([("t3.micro", 2)], public_ipv4=True)
    assert bill["monthly_usd"].iloc[0] == pytest.approx(22.484)
    assert bill["usd_per_hour"].iloc[0] == 0.0104
    # one instance serves 1 rps: 2,628,001 requests a month need 2 → 22.484
    got = cost.ec2_fleet_monthly_cost(2_628_001, "t3.micro", rps_per_instance=1, public_ipv4=True)
    assert got == pytest.approx(22.484)


# ----------------------------------------------------------------------------- the seam crossover uses

def test_lambda_settings_are_checked_once_and_price_arrays():
    s = cost.lambda_settings(100, 512)
    assert (s.billed_ms, s.memory_gb, s.gb_seconds_per_request) == (100, 0.5, 0.05)
    # 1 M requests: 0.2 + 50,000 GB-s × RATE = 0.2 + 0.833335 = 1.033335
    assert s.monthly_cost(1e6) == pytest.approx(1.033335)
    # break-even of several fixed amounts in one pass: 7.592 and 15.184 USD at 1.033335e-6 USD per request
    got = s.break_even(np.array([0, 7.592, 15.184]))
    np.testing.assert_allclose(got, [0, 7.592 / 1.033335e-6, 15.184 / 1.033335e-6], rtol=1e-9)
    with pytest.raises(TypeError, match="'memory'"):
        cost.lambda_settings(100, 512, memory=3)
    with pytest.raises(ValueError, match="'fixed_monthly_usd'"):
        s.break_even(-1)


def test_price_availability_comes_from_the_cost_tables():
    assert cost.has_price("ec2", "ap-northeast-2", "t3.micro")
    assert not cost.has_price("ec2", "ap-northeast-2", "m6i.large")
    assert cost.has_price("fargate", "us-east-1", "arm64")
    assert cost.has_price("api", "us-east-1", "rest") and not cost.has_price("api", "ap-northeast-2", "http")
    assert sorted(cost.instance_types())[:3] == ["c6i.large", "c7g.large", "m5.large"]
    with pytest.raises(ValueError, match="'service'"):
        cost.has_price("s3", "us-east-1", "x")


def test_fleet_staircase_is_laid_out_analytically():
    # one instance carries 10 rps × 0.5 × 2,628,000 s / 2 = 6,570,000 requests a month; at least 3 instances
    stairs = cost.ec2_fleet_staircase(30e6, "t3.micro", rps_per_instance=10, peak_to_average=2,
                                      target_utilisation=0.5, min_instances=3)
    assert stairs["instances"].tolist() == [3, 4, 5]
    assert stairs["from_requests"].tolist() == pytest.approx([0, 19_710_000, 26_280_000])
    assert stairs["to_requests"].tolist() == pytest.approx([19_710_000, 26_280_000, 30e6])
    assert stairs["monthly_usd"].tolist() == pytest.approx([3 * 7.592, 4 * 7.592, 5 * 7.592])
    with pytest.raises(ValueError, match="'max_requests'"):
        cost.ec2_fleet_staircase(1e15, "t3.micro", rps_per_instance=1)


# ----------------------------------------------------------------------------- wrong-number guards (issue 19)

def test_fleet_bill_applies_its_hours_and_discount_to_every_row():
    bill = cost.ec2_fleet_bill([("t3.micro", 2), ("m5.large", 1), ("c7g.large", 0)], hours=100, discount_pct=40)
    assert bill["instance_type"].tolist() == ["t3.micro", "m5.large"]   # a count of 0 leaves the row out
    assert bill["count"].tolist() == [2, 1]
    assert bill["usd_per_hour"].tolist() == [0.0104, 0.096]
    # 0.0104 × 2 × 100 h × 0.6 = 1.248; 0.096 × 1 × 100 × 0.6 = 5.76
    assert bill["monthly_usd"].tolist() == pytest.approx([1.248, 5.76], rel=1e-12)
    # Seoul: 0.0130 × 2 × 730 = 18.98
    assert cost.ec2_fleet_bill([("t3.micro", 2)], region="ap-northeast-2")["monthly_usd"].iloc[0] == pytest.approx(18.98)
    assert cost.ec2_fleet_bill([]).empty and cost.ec2_fleet_bill([("m5.large", 0)]).empty
    for bad in ({"hours": 745}, {"discount_pct": 100}):
        with pytest.raises(ValueError, match=f"'{next(iter(bad))}'"):
            cost.ec2_fleet_bill([], **bad)
    with pytest.raises(ValueError, match="'count'"):
        cost.ec2_fleet_bill([("t3.micro", -1)])


def test_break_even_with_the_free_tier_on_each_piece():
    # Free tier: the first 1,000,000 requests and 400,000 GB-s cost nothing; 100 ms × 512 MB = 0.05 GB-s a request,
    # so GB-seconds are free up to 8,000,000 requests.  From 1 M to 8 M the bill is (N − 1 M) × 0.0000002:
    # 1.00 USD at 6,000,000 requests exactly.
    assert cost.break_even_requests(1.0, 100, 512, free_tier=True) == pytest.approx(6_000_000, rel=1e-12)
    # At 8 M the bill is 1.40 USD; beyond it every request costs 1.033335e-6, so 7.592 USD (one t3.micro)
    # is reached at 8,000,000 + 6.192 / 1.033335e-6 = 13,992,248.4 requests.
    assert cost.break_even_requests(7.592, 100, 512, free_tier=True) == pytest.approx(8e6 + 6.192 / 1.033335e-6,
                                                                                     rel=1e-12)
    # a fixed cost of 0 is matched at 0 requests; anything above 0 only after the free requests
    assert cost.break_even_requests(0, 100, 512, free_tier=True) == 0.0
    assert cost.break_even_requests(1e-9, 100, 512, free_tier=True) == pytest.approx(1_000_000.005, rel=1e-12)


def test_free_tier_bill_on_each_piece():
    # 5 M requests: (5 M − 1 M) × 0.0000002 = 0.80; GB-s 250,000 < 400,000 free
    assert cost.lambda_monthly_cost(5e6, 100, 512, free_tier=True) == pytest.approx(0.80, rel=1e-12)
    # 0.5 M requests: nothing to pay
    assert cost.lambda_monthly_cost(5e5, 100, 512, free_tier=True) == 0.0


def test_duration_is_billed_in_whole_milliseconds_rounded_up():
    # 100.2 ms is billed as 101 ms: 1 M × 0.101 s × 0.5 GB = 50,500 GB-s × RATE = 0.841668...
    bill = cost.lambda_bill(1e6, 100.2, 512)
    assert bill["billed_duration_ms"] == 101
    assert bill["compute_usd"] == pytest.approx(50_500 * RATE, rel=1e-12)
    assert cost.lambda_monthly_cost(1e6, 100.0, 512) == pytest.approx(0.2 + 50_000 * RATE, rel=1e-12)


def test_memory_is_billed_in_gb_of_1024_mb_not_1000():
    # 1 M × 1 s × 1,024 MB = 1,000,000 GB-s; 1,000 MB would be 976,562.5 GB-s
    assert cost.lambda_bill(1e6, 1000, 1024)["gb_seconds"] == pytest.approx(1e6)
    assert cost.lambda_bill(1e6, 1000, 1000)["gb_seconds"] == pytest.approx(976_562.5)
    assert cost.lambda_bill(1e6, 1000, 1000)["memory_gb"] == pytest.approx(1000 / 1024)


@pytest.mark.parametrize("call, name", [
    (lambda: cost.lambda_monthly_cost(1, 0, 128), "duration_ms"),            # more than 0 ms
    (lambda: cost.lambda_monthly_cost(1, 900_001, 128), "duration_ms"),      # at most 900 s
    (lambda: cost.lambda_monthly_cost(1, 100, 127), "memory_mb"),
    (lambda: cost.lambda_monthly_cost(1, 100, 10_241), "memory_mb"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512.5), "memory_mb"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, ephemeral_mb=511), "ephemeral_mb"),
    (lambda: cost.lambda_monthly_cost(1, 100, 512, ephemeral_mb=10_241), "ephemeral_mb"),
    (lambda: cost.lambda_monthly_cost(-1, 100, 512), "requests"),
    (lambda: cost.lambda_bill(-1, 100, 512), "requests"),
])
def test_lambda_boundaries_are_refused(call, name):
    with pytest.raises(ValueError, match=f"'{name}'"):
        call()


def test_lambda_boundaries_that_are_allowed():
    # exactly 900 s, 128 MB, 10,240 MB and 10,240 MB of /tmp are allowed
    assert cost.lambda_monthly_cost(1, 900_000, 128) > 0
    assert cost.lambda_monthly_cost(1, 1, 10_240, ephemeral_mb=10_240) > 0
    # (10,240 − 512) MB = 9.5 GB of /tmp × 1 s × 1 M = 9,500,000 GB-s × 0.0000000309 = 0.29355
    assert cost.lambda_bill(1e6, 1000, 128, ephemeral_mb=10_240)["ephemeral_usd"] == pytest.approx(0.29355)


def test_ec2_monthly_cost_every_parameter():
    # 3 × 0.0104 × 10 h = 0.312 (count and hours multiply; no discount)
    assert cost.ec2_monthly_cost("t3.micro", count=3, hours=10) == pytest.approx(0.312, rel=1e-12)
    # 0 h costs nothing; 744 h (a 31-day month) is allowed: 0.0104 × 744 = 7.7376
    assert cost.ec2_monthly_cost("t3.micro", hours=0) == 0.0
    assert cost.ec2_monthly_cost("t3.micro", hours=744) == pytest.approx(7.7376, rel=1e-12)
    # a discount just under 100 % leaves almost nothing: 0.0104 × 730 × 0.001 = 0.007592
    assert cost.ec2_monthly_cost("t3.micro", discount_pct=99.9) == pytest.approx(0.007592, rel=1e-9)
    with pytest.raises(ValueError, match="'count'"):
        cost.ec2_monthly_cost("t3.micro", count=0)
    with pytest.raises(ValueError, match="'hours'"):
        cost.ec2_monthly_cost("t3.micro", hours=744.5)


def test_fargate_and_eks_every_parameter():
    # 2 tasks × 10 h × (0.5 × 0.04048 + 1 × 0.004445) × 0.8 = 20 × 0.024685 × 0.8 = 0.39496
    assert cost.fargate_monthly_cost(0.5, 1, tasks=2, hours=10, discount_pct=20) == pytest.approx(0.39496)
    # Arm: 1 vCPU 2 GB × 730 h = 730 × (0.03238 + 2 × 0.00356) = 28.835
    assert cost.fargate_monthly_cost(1, 2, arch="arm64") == pytest.approx(28.835)
    # EKS: 3 clusters × 100 h × 0.10 = 30; extended 0.60 × 730 = 438
    assert cost.eks_monthly_fee(clusters=3, hours=100) == pytest.approx(30.0)
    assert cost.eks_monthly_fee(extended_support=True) == pytest.approx(438.0)
    with pytest.raises(TypeError, match="'extended_support'"):
        cost.eks_monthly_fee(extended_support=1)


def test_bill_steps_spell_out_every_part():
    # 400 M requests × 1 s × 2 GB = 800 M GB-s, less 400,000 free = 799.6 M GB-s (all in the first tier);
    # requests (400 M − 1 M) × 0.0000002 = 79.80; REST 333 M × 3.50 + 67 M × 2.80 = 1,353.10;
    # /tmp (1,024 − 512) MB = 0.5 GB × 400 M s × 0.0000000309 = 6.18
    steps = cost.lambda_bill(400e6, 1000, 2048, free_tier=True, api="rest", ephemeral_mb=1024)["steps"]
    assert steps["part"].tolist() == ["요청 요금", "컴퓨팅 요금(GB-초)", "API Gateway(REST API)",
                                      "임시 스토리지(512 MB 초과분)", "합계"]
    assert steps["formula"].tolist() == [
        "(400,000,000 − 무료 1,000,000)건 = 399,000,000건 × $0.0000002/건",
        "400,000,000건 × 1,000 ms ÷ 1,000 × 2,048 MB ÷ 1,024 = 800,000,000.0 GB-초 − 무료 400,000 "
        "= 799,600,000.0 GB-초; 799,600,000.0 × $0.0000166667",
        "333,000,000건 × $3.50/100만 건 + 67,000,000건 × $2.80/100만 건",
        "400,000,000건 × 1,000 ms ÷ 1,000 × 0.500 GB × $0.0000000309/GB-초",
        "$79.80 + $13,326.69 + $1,353.10 + $6.18",
    ]
    assert steps["usd"].tolist() == pytest.approx([79.8, 799.6e6 * RATE, 1353.1, 6.18,
                                                   79.8 + 799.6e6 * RATE + 1353.1 + 6.18])
    # 1 G requests × 7 s × 1 GB = 7 G GB-s: 6 G at the full rate, 1 G at 10 % off (0.000015)
    tiers = cost.lambda_bill(1e9, 7000, 1024)["steps"]
    assert tiers["formula"].iloc[1].endswith("; 6,000,000,000.0 × $0.0000166667 + 1,000,000,000.0 × $0.000015")
    assert tiers["part"].tolist() == ["요청 요금", "컴퓨팅 요금(GB-초)", "합계"]
    # nothing used: the first API band is still named, and no tier term is added
    empty = cost.lambda_bill(0, 100, 128, api="http")["steps"]
    assert empty["formula"].tolist() == ["0건 × $0.0000002/건", "0건 × 100 ms ÷ 1,000 × 128 MB ÷ 1,024 = 0.0 GB-초",
                                         "0건 × $1.00/100만 건", "$0.00 + $0.00 + $0.00"]


def test_lambda_settings_keep_the_checked_inputs():
    s = cost.lambda_settings(100.4, 1024, arch="arm64", region="us-east-1", free_tier=True, api="http",
                             ephemeral_mb=2048)
    assert (s.duration_ms, s.memory_mb, s.arch, s.region, s.free_tier, s.api, s.ephemeral_mb) == \
        (100.4, 1024, "arm64", "us-east-1", True, "http", 2048)
    # billed 101 ms; (2,048 − 512) MB = 1.5 GB of /tmp → 0.101 × 1.5 GB-s a request
    assert s.billed_ms == 101 and s.extra_ephemeral_gb == 1.5
    assert s.ephemeral_gb_seconds_per_request == pytest.approx(0.1515)
    assert s.usd_per_gb_second == ARM_RATE and s.free == (1_000_000, 400_000)
    plain = cost.lambda_settings(100, 512)
    assert (plain.extra_ephemeral_gb, plain.ephemeral_gb_seconds_per_request, plain.usd_per_ephemeral_gb_second,
            plain.free, plain.api_tiers, plain.free_tier) == (0.0, 0.0, 0.0, (0.0, 0.0), None, False)
    assert cost.lambda_bill(1e6, 100, 512)["steps"]["part"].tolist() == ["요청 요금", "컴퓨팅 요금(GB-초)", "합계"]


def test_break_even_inside_a_short_first_piece_and_its_types():
    # free tier, 100 ms × 1,024 MB = 0.1 GB-s a request: GB-seconds are free up to 4,000,000 requests, so the
    # first paid piece (1 M to 4 M requests) costs at most 0.60 USD; 0.30 USD is reached at 1 M + 0.3 / 0.0000002
    s = cost.lambda_settings(100, 1024, free_tier=True)
    assert s.break_even(0.3) == pytest.approx(2_500_000, rel=1e-12)
    assert isinstance(s.break_even(0.3), float) and isinstance(s.monthly_cost(1e6), float)
    assert isinstance(cost.break_even_requests(0.3, 100, 1024, free_tier=True), float)
    assert s.break_even([0.3, 0.6]).tolist() == pytest.approx([2_500_000, 4_000_000], rel=1e-12)


def test_fleet_staircase_defaults_prices_and_size_limit():
    # defaults: peak-to-average 1, utilisation 1, at least 1 instance → one instance per 2,628,000 requests
    stairs = cost.ec2_fleet_staircase(5e6, "t3.micro", rps_per_instance=1)
    assert stairs["instances"].tolist() == [1, 2] and stairs["to_requests"].tolist() == [2_628_000, 5e6]
    # Seoul, 50 % off, public IPv4: 730 × (0.013 × 0.5 + 0.005) = 8.395 per instance
    seoul = cost.ec2_fleet_staircase(1e6, "t3.micro", rps_per_instance=1, region="ap-northeast-2",
                                     discount_pct=50, public_ipv4=True)
    assert seoul["monthly_usd"].tolist() == pytest.approx([8.395])
    # exactly 200,000 stairs above the first are laid out; one more is refused
    top = (1 + 200_000) * 2_628_000
    assert len(cost.ec2_fleet_staircase(top, "t3.micro", rps_per_instance=1)) == 200_001
    with pytest.raises(ValueError, match="'max_requests'"):
        cost.ec2_fleet_staircase(top + 1, "t3.micro", rps_per_instance=1)


def test_cheapest_instance_type_by_hand():
    # us-east-1, data/ec2_prices.csv: per vCPU t4g.micro 0.0084/2 = 0.0042 is lowest; without T types
    # c7g.large 0.0725/2 = 0.03625 beats m7g.large 0.0408; per GiB r6i.large 0.126/16 = 0.007875 beats
    # t4g.micro and t4g.small (0.0084); per instance t4g.micro 0.0084.
    assert cost.cheapest_instance_type() == "t4g.micro"
    assert cost.cheapest_instance_type(per="vcpu") == "t4g.micro"
    assert cost.cheapest_instance_type(per="vcpu", full_time=True) == "c7g.large"
    assert cost.cheapest_instance_type(per="memory_gib") == "r6i.large"
    # Seoul: per GiB t4g.micro 0.0104/1 ties t4g.small 0.0208/2 (m5.large 0.118/8 = 0.01475): the first name wins.
    assert cost.cheapest_instance_type("ap-northeast-2", per="memory_gib") == "t4g.micro"
    assert cost.cheapest_instance_type("ap-northeast-2", per="vcpu", full_time=True) == "m5.large"
    with pytest.raises(ValueError, match="'per'.*'gpu'"):
        cost.cheapest_instance_type(per="gpu")
    with pytest.raises(ValueError, match="'region'"):
        cost.cheapest_instance_type("mars-north-1")


# --------------------------------------------------------------------------- EC2 per-second billing

@pytest.mark.parametrize("runtime, billed", [(0.5, 60), (20, 60), (60, 60), (60.01, 61), (90.2, 91), (3600, 3600)])
def test_ec2_bills_whole_seconds_with_a_60_second_minimum_per_start(runtime, billed):
    assert cost.ec2_billed_seconds(runtime) == billed


def test_ec2_run_cost_pays_the_minimum_again_at_every_start():
    # t3.micro $0.0104/h: one 20-second run bills 60 s = 0.0104 × 60 / 3,600 = $0.000173333 (not 20 s);
    # ten starts of 20 s bill 600 s = $0.00173333; 3 instances × 2 starts × 91 s = 546 s = $0.00157733
    assert cost.ec2_run_cost("t3.micro", 20) == pytest.approx(0.0104 / 60)
    assert cost.ec2_run_cost("t3.micro", 20) != pytest.approx(0.0104 * 20 / 3600)
    assert cost.ec2_run_cost("t3.micro", 20, starts=10) == pytest.approx(0.0104 / 6)
    assert cost.ec2_run_cost("t3.micro", 90.2, starts=2, count=3) == pytest.approx(0.0104 * 546 / 3600)
    assert cost.ec2_run_cost("t3.micro", 3600, usd_per_hour=0.02) == pytest.approx(0.02)
    with pytest.raises(ValueError, match="'runtime_seconds'.*0 초과 2,678,400 이하의 수"):
        cost.ec2_billed_seconds(0)
    with pytest.raises(ValueError, match="'starts'.*1 이상의 정수"):
        cost.ec2_run_cost("t3.micro", 20, starts=0)


def test_billed_seconds_follows_its_step_and_minimum():
    # 10 s steps, 30 s minimum: 5 → 30, 31 → 40, 0.3 s in 0.1 s steps is 3 steps (no binary-rounding extra step)
    assert cost.billed_seconds(5, granularity_seconds=10, minimum_seconds=30) == 30
    assert cost.billed_seconds(31, granularity_seconds=10, minimum_seconds=30) == 40
    assert cost.billed_seconds(0.3, granularity_seconds=0.1, minimum_seconds=0) == pytest.approx(0.3)
