"""The elasticity model on a hand-made 24-hour curve, checked against hand calculations."""

from __future__ import annotations

import numpy as np
import pytest

from awsbook import cost, datasets, elasticity, money
from awsbook.charts import controls

# A hand-made day, requests per second (rps), one value per hour:
#   00–05 h: 10, 06–11 h: 30, 12–17 h: 50, 18–23 h: 20.
DAY = np.array([10] * 6 + [30] * 6 + [50] * 6 + [20] * 6, dtype=float)
PER = 20  # rps one instance serves (the assumption under test)


def test_fixed_capacity_is_sized_for_the_peak_all_day():
    # Peak 50 rps / 20 rps per instance = 2.5 -> 3 instances, capacity 60 rps every hour.
    day = elasticity.serve_day(DAY, rps_per_instance=PER, delay_hours=0, instance_type="m7g.large")
    fixed = day.plans["fixed"]
    assert list(fixed.instances) == [3] * 24
    # Idle = 60 − demand: (50 + 30 + 10 + 40) × 6 h = 780 rps·h; capacity 60 × 24 = 1,440 rps·h.
    assert fixed.idle_rps.sum() == pytest.approx(780)
    assert fixed.idle_share == pytest.approx(780 / 1440)
    assert fixed.unserved_requests == 0
    # 3 instances × 24 h = 72 instance-hours at the m7g.large us-east-1 price.
    assert fixed.cost_usd == pytest.approx(72 * cost.ec2_hourly_price("m7g.large", "us-east-1"))


def test_instant_autoscaling_follows_the_demand():
    # Instances per hour: ceil(10/20)=1, ceil(30/20)=2, ceil(50/20)=3, ceil(20/20)=1.
    day = elasticity.serve_day(DAY, rps_per_instance=PER, delay_hours=0, instance_type="m7g.large")
    auto = day.plans["autoscaling"]
    assert list(auto.instances) == [1] * 6 + [2] * 6 + [3] * 6 + [1] * 6
    # Idle: (20−10) + (40−30) + (60−50) + (20−20) = 30 rps per 6-hour block -> 30 × 6 = 180 rps·h.
    assert auto.idle_rps.sum() == pytest.approx(180)
    assert auto.unserved_rps.sum() == 0
    # (1 + 2 + 3 + 1) × 6 = 42 instance-hours.
    assert auto.instance_hours == 42
    assert auto.cost_usd == pytest.approx(42 * cost.ec2_hourly_price("m7g.large", "us-east-1"))


def test_one_hour_delay_leaves_demand_unserved_at_each_step_up():
    # Hour h runs what hour h−1 needed (hour 0 looks back to hour 23 = 20 rps -> 1 instance):
    #   h0–6: 1 instance, h7–12: 2, h13–18: 3, h19–23: 1.
    day = elasticity.serve_day(DAY, rps_per_instance=PER, delay_hours=1, instance_type="m7g.large")
    auto = day.plans["autoscaling"]
    assert list(auto.instances) == [1] * 7 + [2] * 6 + [3] * 6 + [1] * 5
    # Unserved: h6 demand 30 vs capacity 20 -> 10; h12 demand 50 vs 40 -> 10.
    # 20 rps·h × 3,600 s = 72,000 requests.
    assert auto.unserved_requests == pytest.approx(72_000)
    assert np.flatnonzero(auto.unserved_rps).tolist() == [6, 12]
    # Idle: h0–5 (20−10)×6 = 60, h7–11 (40−30)×5 = 50, h13–17 (60−50)×5 = 50, h18 60−20 = 40 -> 200.
    assert auto.idle_rps.sum() == pytest.approx(200)
    # The same 42 instance-hours, only later: the delay costs requests, not money.
    assert auto.cost_usd == pytest.approx(42 * cost.ec2_hourly_price("m7g.large", "us-east-1"))


def test_headroom_removes_the_unserved_demand_for_more_instance_hours():
    # Target 50% of 20 rps = plan for 10 rps per instance: the blocks need 1, 3, 5, 2 instances.
    # With a 1-hour delay: h0 runs what h23 (20 rps) needed = 2; h1–6: 1; h7–12: 3; h13–18: 5;
    # h19–23: 2.  Each instance still serves 20 rps.
    auto = elasticity.serve_day(DAY, rps_per_instance=PER, delay_hours=1, target_utilisation=0.5,
                                instance_type="m7g.large").plans["autoscaling"]
    assert list(auto.instances) == [2] + [1] * 6 + [3] * 6 + [5] * 6 + [2] * 5
    # Unserved: h6 has 1 × 20 = 20 rps for 30 -> 10; h12 has 3 × 20 = 60 for 50 -> 0.
    # Headroom covers the smaller step (30 -> 50) but not the tripling (10 -> 30).
    # 10 rps·h × 3,600 s = 36,000 requests.
    assert auto.unserved_requests == pytest.approx(36_000)
    # Instance-hours: 2 + 6 + 18 + 30 + 10 = 66.
    assert auto.instance_hours == 66


def test_pay_per_request_bills_each_request_and_gb_second():
    day = elasticity.serve_day(DAY, rps_per_instance=PER, duration_ms=100, memory_mb=512)
    lam = day.plans["per_request"]
    assert lam.idle_rps.sum() == 0 and lam.unserved_rps.sum() == 0
    rates = datasets.load("lambda_prices").set_index(["region", "arch"]).loc[("us-east-1", "x86_64")]
    # Requests in the day: (10 + 30 + 50 + 20) × 6 h × 3,600 s = 2,376,000.
    # GB-seconds: 2,376,000 × 0.1 s × 0.5 GB = 118,800 (far below the first tier's end).
    # USD: 2,376,000 × USD/request + 118,800 × USD/GB-s  (0.4752 + 1.98 = 2.4552 at the 2026 rates).
    expected = 2_376_000 * rates["usd_per_request"] + 118_800 * rates["usd_per_gb_second"]
    assert lam.cost_usd == pytest.approx(expected, rel=1e-9)
    assert lam.cost_usd == pytest.approx(2.4552, abs=1e-3)


def test_concurrency_quota_caps_pay_per_request():
    # 1,000 concurrent executions (the default quota) of 10 s each carry at most
    # 1,000 / 10 s = 100 rps.  150 rps for 6 hours leaves (150 − 100) × 6 = 300 rps·h unserved.
    heavy = np.array([150] * 6 + [10] * 18, dtype=float)
    lam = elasticity.serve_day(heavy, duration_ms=10_000).plans["per_request"]
    assert cost.lambda_limit("concurrency_default") == 1000
    assert lam.unserved_rps.sum() == pytest.approx(300)


def test_shape_demand_hits_the_ratio_and_keeps_the_mean():
    # Profile [1, 1, 1, 3]: k = 1 gives max/mean = 3 / 1.5 = 2, so ratio 2 at mean 100 is
    # 100 × [1, 1, 1, 3] / 1.5; ratio 3 needs k = 2: 100 × [1, 1, 1, 9] / 3.
    assert elasticity.shape_demand([1, 1, 1, 3], 2, 100) == pytest.approx([200 / 3] * 3 + [200])
    assert elasticity.shape_demand([1, 1, 1, 3], 3, 100) == pytest.approx([100 / 3] * 3 + [300])
    assert elasticity.shape_demand([1, 1, 1, 3], 1, 100) == pytest.approx([100] * 4)
    demand = elasticity.shape_demand(elasticity.traffic_profile(), 2.5, 80)
    assert demand.mean() == pytest.approx(80, rel=1e-6)
    assert demand.max() / demand.mean() == pytest.approx(2.5, rel=1e-6)


def test_the_synthetic_day_has_a_morning_ramp_and_an_evening_peak():
    profile = elasticity.traffic_profile()
    assert profile.shape == (24,)
    assert profile.mean() == pytest.approx(1, abs=1e-3)
    assert 19 <= int(np.argmax(profile)) <= 22
    assert np.all(np.diff(profile[5:12]) > 0)  # rising through the morning


def test_scenario_cost_of_fixed_capacity_grows_with_the_peak():
    flat = elasticity.day_scenario(1.5, 0, "m7g.large").plans["fixed"].cost_usd
    spiky = elasticity.day_scenario(4, 0, "m7g.large").plans["fixed"].cost_usd
    # Mean 100 rps, 50 rps per instance: peak 150 -> 3 instances, peak 400 -> 8 instances.
    price = cost.ec2_hourly_price("m7g.large")
    assert flat == pytest.approx(3 * 24 * price)
    assert spiky == pytest.approx(8 * 24 * price)


@pytest.mark.parametrize("call, name", [
    (lambda: elasticity.day_scenario(peak_to_average=0.5), "peak_to_average"),
    (lambda: elasticity.day_scenario(peak_to_average=24), "peak_to_average"),
    (lambda: elasticity.day_scenario(delay_hours=-1), "delay_hours"),
    (lambda: elasticity.day_scenario(delay_hours=1.5), "delay_hours"),
    (lambda: elasticity.day_scenario(instance_type="m99.huge"), "instance_type"),
    (lambda: elasticity.day_scenario(region="mars-1"), "region"),
    (lambda: elasticity.day_scenario(rps_per_instance=0), "rps_per_instance"),
    (lambda: elasticity.day_scenario(mean_rps=-5), "mean_rps"),
    (lambda: elasticity.day_scenario(target_utilisation=1.2), "target_utilisation"),
    (lambda: elasticity.serve_day([1, 2, 3]), "demand_rps"),
    (lambda: elasticity.serve_day([-1] * 24), "demand_rps"),
])
def test_bad_inputs_name_the_parameter_in_korean(call, name):
    with pytest.raises((ValueError, TypeError)) as err:
        call()
    message = str(err.value)
    assert f"'{name}'" in message
    assert "허용" in message


def test_static_chart_states_show_the_model_values():
    from awsbook.charts import overview

    fig = overview.elasticity_chart()
    states = controls.states(fig)
    # every ratio, delay and instance type, in dollars or won, without or with VAT
    assert len(states) == len(overview.RATIOS) * len(overview.DELAYS) * len(overview.INSTANCE_TYPES) * 2 * 2
    # Ratio 4, delay 3 h, c7g.large: the cost bars are the model's three daily costs.
    i, j, k = overview.RATIOS.index(4.0), overview.DELAYS.index(3), overview.INSTANCE_TYPES.index("c7g.large")
    day = elasticity.day_scenario(4.0, 3, "c7g.large", region=overview.ELASTICITY_REGION)
    costs = [day.plans[p].cost_usd for p in elasticity.PLANS]
    bars = states[f"{i},{j},{k},0,0"]["data"]["y"][-1]
    assert bars == pytest.approx(costs, abs=0.005)
    # In won with VAT the same bars are drawn × KRW per USD × 1.1 (1,439 × 1.1 = 1,582.9 won per dollar)
    won = controls.state_of(fig, i, j, k, 1, 1)
    assert won["data"]["y"][-1] == pytest.approx([c * money.exchange_rate().krw_per_usd * 1.1 for c in costs], rel=1e-3)
    assert won["layout"]["annotations[3].text"] == "하루 비용 (원, 부가세 포함)"
    # Changing only the delay changes the auto-scaling capacity trace (index 3).
    other = states[f"{i},0,{k},0,0"]["data"]["y"]
    assert other[3] != states[f"{i},{j},{k},0,0"]["data"]["y"][3]


def test_dashboard_turns_bad_input_into_a_korean_message():
    from awsbook.widgets import overview as dashboards
    from awsbook.widgets.base import show_result

    values = dict(peak_to_average=0.5, delay_hours=1, instance_type="m7g.large", region="us-east-1",
                  mean_rps=100, rps_per_instance=50, target_utilisation=1.0, duration_ms=100, memory_mb=512)
    with pytest.raises(ValueError, match="'peak_to_average'"):
        dashboards._elasticity_view(**values)
    assert show_result(dashboards._elasticity_view, values) is False
    assert show_result(dashboards._elasticity_view, {**values, "peak_to_average": 2.0}) is True


def test_served_plus_unserved_is_the_whole_demand():
    day = elasticity.serve_day(DAY, rps_per_instance=PER, delay_hours=2)
    total = DAY.sum() * 3600  # 110 rps × 6 h × 3,600 s = 2,376,000 requests
    assert total == 2_376_000
    for plan in day.plans.values():
        assert plan.served_requests + plan.unserved_requests == pytest.approx(total)


def test_plans_are_named_and_counted_in_whole_instances():
    day = elasticity.serve_day(np.full(24, 100.0), rps_per_instance=30, delay_hours=0)
    assert [s.plan for s in day.plans.values()] == list(elasticity.PLANS)
    # 100 rps / 30 per instance → 4 instances every hour, as whole numbers
    for name in ("fixed", "autoscaling"):
        assert day.plans[name].instances.dtype.kind == "i" and day.plans[name].instances.tolist() == [4] * 24
    assert elasticity.fixed_instances(np.full(24, 100.0), 30).dtype.kind == "i"
    assert day.plans["per_request"].idle_rps.tolist() == [0.0] * 24 and day.plans["per_request"].instances is None


def test_serve_day_prices_in_its_region_and_architecture():
    flat = np.full(24, 10.0)
    # Seoul t3.micro: 0.013 × 24 h × 1 instance (10 rps / 50 per instance) = 0.312 USD a day
    day = elasticity.serve_day(flat, instance_type="t3.micro", region="ap-northeast-2", arch="arm64",
                               duration_ms=100, memory_mb=1024)
    assert day.plans["fixed"].cost_usd == pytest.approx(0.013 * 24)
    # Lambda: 10 rps × 86,400 s = 864,000 requests a day × (0.0000002 + 0.1 × 1 GB × ARM rate 0.0000133334)
    assert day.plans["per_request"].cost_usd == pytest.approx(864_000 * (0.0000002 + 0.1 * 0.0000133334), rel=1e-9)


def test_autoscaling_default_utilisation_is_full_use():
    # 100 rps at 50 per instance and u = 1 → 2 instances; at u = 0.5 → 4
    assert elasticity.autoscaled_instances(np.full(24, 100.0), 50, 0).tolist() == [2] * 24
    assert elasticity.autoscaled_instances(np.full(24, 100.0), 50, 0, target_utilisation=0.5).tolist() == [4] * 24
