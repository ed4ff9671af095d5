"""Container models (ECS, EKS, Fargate), their charts, dashboards and exercises.

Hand calculations use the rates in data/ (us-east-1): Fargate x86 0.04048 USD per vCPU-hour and
0.004445 per GB-hour, Arm 0.03238 and 0.00356; m5.large 0.096 USD per hour (2 vCPU, 8 GiB),
c6i.large 0.085 (2, 4), r6i.large 0.126 (2, 16), t3.medium 0.0416 (2, 4), t3.small (2, 2),
t3.micro (2, 1); EKS 0.10 / 0.60 USD per cluster-hour; Fargate Spot up to 70% off.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pytest

from awsbook import containers, cost
from awsbook.book.render import chart_html
from awsbook.charts import containers as charts
from awsbook.charts import controls
from awsbook.exercises import expected_value, get, grade
from awsbook.exercises import containers as container_exercises
from awsbook.widgets import containers as dashboards

ROOT = Path(__file__).resolve().parent.parent


def _message(exc_info) -> str:
    return str(exc_info.value)


# --------------------------------------------------------------------------- hours and Fargate cost

def test_monthly_hours():
    assert containers.monthly_hours(24) == pytest.approx(730)
    assert containers.monthly_hours(8) == pytest.approx(8 * 730 / 24)  # 243.33 h
    assert containers.monthly_hours(0) == 0


@pytest.mark.parametrize("bad", [-1, 24.5, 25])
def test_hours_per_day_outside_0_24_is_refused(bad):
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, hours_per_day=bad)
    assert "'hours_per_day'" in _message(err) and "0 이상 24 이하" in _message(err)


def test_fargate_one_task_month_matches_hand_calculation():
    # 0.04048 × 730 = 29.5504 (vCPU) and 2 × 0.004445 × 730 = 6.4897 (memory): 36.0401 ≈ $36.04.
    parts = containers.fargate_cost_breakdown(1, 2)
    assert parts.vcpu_usd == pytest.approx(29.5504)
    assert parts.memory_usd == pytest.approx(6.4897)
    assert parts.total_usd == pytest.approx(36.0401)
    assert round(parts.total_usd, 2) == 36.04


def test_fargate_arm_hours_and_tasks():
    # Arm: 0.03238 × 730 = 23.6374 and 2 × 0.00356 × 730 = 5.1976.
    arm = containers.fargate_cost_breakdown(1, 2, arch="arm64")
    assert (arm.vcpu_usd, arm.memory_usd) == (pytest.approx(23.6374), pytest.approx(5.1976))
    # 3 tasks for 12 hours a day (365 h a month): 3 × 365 × (0.04048 + 0.00889) = 54.06015.
    assert containers.fargate_cost_breakdown(1, 2, tasks=3, hours_per_day=12).total_usd == pytest.approx(54.06015)


def test_fargate_spot_uses_the_largest_discount_and_refuses_arm():
    # 36.0401 × (1 − 0.70) = 10.81203.
    assert containers.fargate_spot_max_discount_pct() == 70
    assert containers.fargate_cost_breakdown(1, 2, spot=True).total_usd == pytest.approx(10.81203)
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, arch="arm64", spot=True)
    assert "'arch'" in _message(err) and "x86_64" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, spot=True, discount_pct=20)
    assert "'discount_pct'" in _message(err)
    with pytest.raises(TypeError) as err:
        containers.fargate_cost_breakdown(1, 2, spot="yes")
    assert "'spot'" in _message(err)


def test_invalid_fargate_size_names_the_valid_memory_values():
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(4, 2)
    assert "'memory_gb'" in _message(err)
    assert "8, 9, 10" in _message(err) and "29, 30 중 하나만" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(3, 6)
    assert "'vcpu'" in _message(err) and "0.25, 0.5, 1, 2, 4, 8, 16" in _message(err)


@pytest.mark.parametrize("bad", [0, -2, 1.5])
def test_task_count_must_be_a_positive_whole_number(bad):
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, tasks=bad)
    assert "'tasks'" in _message(err) and "1 이상의 정수" in _message(err)


def test_only_regions_with_fargate_data_are_offered():
    assert cost.fargate_regions() == ["us-east-1"]
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, region="ap-northeast-2")
    assert "'region'" in _message(err) and "'us-east-1'" in _message(err)


# --------------------------------------------------------------------------- per-second billing

@pytest.mark.parametrize("runtime, billed", [(1, 60), (20, 60), (60, 60), (60.5, 61), (90.2, 91), (3600, 3600)])
def test_billed_seconds_round_up_with_a_one_minute_minimum(runtime, billed):
    assert containers.fargate_billed_seconds(runtime) == billed


@pytest.mark.parametrize("bad", [0, -5])
def test_billed_seconds_refuses_non_positive_run_time(bad):
    with pytest.raises(ValueError) as err:
        containers.fargate_billed_seconds(bad)
    assert "'runtime_seconds'" in _message(err)


def test_short_job_cost():
    # 0.5 vCPU, 1 GB: 0.5 × 0.04048 + 0.004445 = 0.024685 USD/h; 30,000 runs × 60 s = 500 h → 12.3425.
    assert containers.fargate_job_cost(0.5, 1, runtime_seconds=20, runs=30_000) == pytest.approx(12.3425)
    with pytest.raises(ValueError) as err:
        containers.fargate_job_cost(0.5, 1, runtime_seconds=20, runs=0)
    assert "'runs'" in _message(err)


# --------------------------------------------------------------------------- the month, storage and Windows

def test_the_month_convention_is_a_parameter():
    # 8 h a day: 8 × 730 / 24 = 243.33 h in the book's month, 8 × 30 = 240 h in AWS's "30 days".
    assert containers.monthly_hours(8, hours_per_month=cost.HOURS_IN_30_DAYS) == pytest.approx(240)
    assert cost.HOURS_IN_30_DAYS == 720 and cost.HOURS_PER_MONTH == 730
    # 5 tasks of 1 vCPU / 2 GB, 10 minutes a day: 5 × (10/60 × 30) = 25 task-hours × (0.04048 + 2 × 0.004445)
    # = 25 × 0.04937 = $1.23425 in a 30-day month; the 730-hour month gives 25.347 h → $1.2514.
    thirty = containers.fargate_cost_breakdown(1, 2, tasks=5, hours_per_day=10 / 60, hours_per_month=720)
    assert thirty.total_usd == pytest.approx(1.23425)
    assert containers.fargate_cost_breakdown(1, 2, tasks=5, hours_per_day=10 / 60).total_usd == \
        pytest.approx(5 * 10 / 60 * 730 / 24 * 0.04937)
    with pytest.raises(ValueError) as err:
        containers.monthly_hours(8, hours_per_month=745)
    assert "'hours_per_month'" in _message(err) and "0 초과 744 이하의 수" in _message(err)


def test_ephemeral_storage_above_the_included_20_gb():
    # 2 tasks × 730 h × (50 − 20) GB × 0.0000000308 × 3,600 $/GB-h = 43,800 × 0.00011088 = $4.856544
    assert containers.fargate_included_storage_gb() == 20
    parts = containers.fargate_cost_breakdown(1, 2, tasks=2, ephemeral_gb=50)
    assert parts.storage_usd == pytest.approx(4.856544)
    assert parts.total_usd == pytest.approx(2 * 36.0401 + 4.856544)
    assert containers.fargate_cost_breakdown(1, 2, ephemeral_gb=20).storage_usd == 0
    # storage is not discounted by Spot: vCPU and memory drop 70 %, storage stays
    spot = containers.fargate_cost_breakdown(1, 2, tasks=2, ephemeral_gb=50, spot=True)
    assert spot.storage_usd == pytest.approx(4.856544)
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, ephemeral_gb=10)
    assert "'ephemeral_gb'" in _message(err) and "20 이상의 수" in _message(err)


def test_windows_tasks_pay_the_os_licence_and_a_five_minute_minimum():
    # 1 vCPU / 2 GB Windows for 730 h: vCPU 0.0000254167 × 3,600 = 0.09150012 $/h → $66.7950876;
    # licence 0.0000127778 × 3,600 = 0.04600008 → $33.5800584; memory 2 × 0.0000027778 × 3,600 = 0.02000016 × 730 = $14.6001168
    win = containers.fargate_cost_breakdown(1, 2, os="windows")
    assert win.vcpu_usd == pytest.approx(66.7950876)
    assert win.os_licence_usd == pytest.approx(33.5800584)
    assert win.memory_usd == pytest.approx(14.6001168)
    # the licence is per vCPU: 2 vCPU / 4 GB for 730 h pays 2 × 730 × 0.04600008 = $67.1601168
    assert containers.fargate_cost_breakdown(2, 4, os="windows").os_licence_usd == pytest.approx(67.1601168)
    assert containers.fargate_minimum_seconds("windows") == 300
    assert containers.fargate_billed_seconds(20, os="windows") == 300
    assert containers.fargate_billed_seconds(301.5, os="windows") == 302
    # one 20-second Windows run bills 300 s: (0.09150012 + 0.04600008 + 0.02000016) × 300 / 3,600
    assert containers.fargate_job_cost(1, 2, runtime_seconds=20, os="windows") == pytest.approx(
        (0.09150012 + 0.04600008 + 0.02000016) / 12)
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, os="windows", arch="arm64")
    assert "'arch'" in _message(err) and "Windows" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.fargate_cost_breakdown(1, 2, os="windows", spot=True)
    assert "'os'" in _message(err) and "'linux'" in _message(err)


def test_fargate_rates_can_be_given():
    # 1 vCPU / 2 GB at $0.05 and $0.005 for 730 h: 36.5 + 7.3 = $43.80
    parts = containers.fargate_cost_breakdown(1, 2, usd_per_vcpu_hour=0.05, usd_per_gb_hour=0.005)
    assert (parts.vcpu_usd, parts.memory_usd) == pytest.approx((36.5, 7.3))
    assert cost.fargate_monthly_cost(1, 2, usd_per_vcpu_hour=0.05, usd_per_gb_hour=0.005) == pytest.approx(43.8)


# --------------------------------------------------------------------------- packing

@pytest.mark.parametrize("instance, vcpu, memory, tasks, limited_by, idle_vcpu_pct, idle_memory_pct", [
    ("m5.large", 0.5, 1, 4, "vcpu", 0, 50),      # min(2/0.5=4, 8/1=8)
    ("m5.large", 1, 2, 2, "vcpu", 0, 50),        # min(2, 4)
    ("m5.large", 0.25, 0.5, 8, "vcpu", 0, 50),   # min(8, 16)
    ("c6i.large", 0.25, 0.5, 8, "both", 0, 0),   # min(8, 8): 2/0.25 must be exactly 8
    ("r6i.large", 1, 2, 2, "vcpu", 0, 75),       # min(2, 8): 12 of 16 GiB idle
    ("t3.medium", 1, 2, 2, "both", 0, 0),        # min(2, 2)
    ("t3.small", 1, 2, 1, "memory", 50, 0),      # min(2, 1): one vCPU idle
])
def test_tasks_per_instance(instance, vcpu, memory, tasks, limited_by, idle_vcpu_pct, idle_memory_pct):
    p = containers.pack(instance, vcpu, memory)
    assert (p.tasks, p.limited_by) == (tasks, limited_by)
    assert p.idle_vcpu_pct == pytest.approx(idle_vcpu_pct)
    assert p.idle_memory_pct == pytest.approx(idle_memory_pct)


def test_reserved_capacity_reduces_tasks():
    # t3.medium: (4 − 0.5) / 2 = 1.75 → 1 task; (2 − 0.5) / 1 = 1.5 → 1 task by vCPU.
    assert containers.pack("t3.medium", 1, 2, reserved_memory_gib=0.5).tasks == 1
    assert containers.pack("t3.medium", 1, 2, reserved_vcpu=0.5).tasks == 1
    p = containers.pack("m5.large", 0.5, 1, reserved_memory_gib=1)
    assert p.idle_memory_gib == pytest.approx(8 - 1 - 4 * 1)


def test_task_larger_than_instance_is_refused():
    with pytest.raises(ValueError) as err:
        containers.pack("t3.micro", 1, 2)  # 1 GiB of memory
    assert "'task_memory_gb'" in _message(err) and "t3.micro" in _message(err) and "1 이하" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.pack("m5.large", 4, 8)
    assert "'task_vcpu'" in _message(err) and "2 이하" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.pack("m5.large", 1, 2, reserved_memory_gib=7)  # 1 GiB left for a 2 GB task
    assert "'task_memory_gb'" in _message(err) and "1 이하" in _message(err)


def test_bad_packing_arguments():
    with pytest.raises(ValueError) as err:
        containers.pack("m5.large", 1, 2, reserved_memory_gib=8)
    assert "'reserved_memory_gib'" in _message(err) and "8 미만" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.pack("m5.large", -1, 2)
    assert "'task_vcpu'" in _message(err)
    with pytest.raises(ValueError) as err:
        containers.pack("m5.lrage", 1, 2)
    assert "'instance_type'" in _message(err) and "'m5.large'" in _message(err)


def test_instances_needed_and_packing_table():
    p = containers.pack("m5.large", 1, 2)
    assert [containers.instances_needed(n, p) for n in (1, 2, 3, 10, 11)] == [1, 1, 2, 5, 6]
    with pytest.raises(ValueError) as err:
        containers.instances_needed(0, p)
    assert "'tasks'" in _message(err)
    table = containers.packing_table(1, 2).set_index("instance_type")
    assert table.loc["t3.micro", "tasks"] == 0 and table.loc["t3.micro", "idle_memory_pct"] == 100
    assert table.loc["r6i.large", "tasks"] == 2 and table.loc["r6i.large", "idle_memory_pct"] == pytest.approx(75)


# --------------------------------------------------------------------------- three ways and the EKS fee

def test_eks_fee_and_sla_from_data():
    assert cost.eks_monthly_fee() == pytest.approx(73.00)  # 0.10 × 730
    assert cost.eks_monthly_fee(extended_support=True) == pytest.approx(438.00)  # 0.60 × 730
    assert containers.eks_api_sla_pct() == 99.95


def test_service_costs_three_ways():
    table = containers.service_costs(1, 2, [1, 3, 20]).set_index("tasks")
    # ECS on m5.large, 2 tasks each: 1 → 1 instance, 3 → 2, 20 → 10; 0.096 × 730 = 70.08 per instance.
    assert list(table["instances"]) == [1, 2, 10]
    assert list(table["ecs_ec2"]) == pytest.approx([70.08, 140.16, 700.80])
    assert list(table["ecs_fargate"]) == pytest.approx([36.0401, 108.1203, 720.802])
    assert list(table["eks"]) == pytest.approx([109.0401, 181.1203, 793.802])
    assert table.loc[1, "eks_fee_share_pct"] == pytest.approx(100 * 73 / 109.0401)
    ec2_nodes = containers.service_costs(1, 2, 3, eks_nodes="ec2").iloc[0]
    assert ec2_nodes["eks"] == pytest.approx(140.16 + 73)


def test_eks_on_fargate_refuses_arm_but_ec2_nodes_accept_it():
    with pytest.raises(ValueError) as err:
        containers.service_costs(1, 2, 5, arch="arm64", instance_type="m7g.large", eks_nodes="fargate")
    assert "'arch'" in _message(err) and "'x86_64'" in _message(err)
    arm = containers.service_costs(1, 2, 2, arch="arm64", instance_type="m7g.large", eks_nodes="ec2").iloc[0]
    # One m7g.large (0.0816 × 730 = 59.568) holds both tasks; Arm Fargate: 2 × 28.835.
    assert arm["ecs_ec2"] == pytest.approx(59.568)
    assert arm["ecs_fargate"] == pytest.approx(57.67)
    assert arm["eks"] == pytest.approx(59.568 + 73)


def test_instance_architecture_must_match():
    with pytest.raises(ValueError) as err:
        containers.service_costs(1, 2, 5, instance_type="m7g.large")
    assert "'instance_type'" in _message(err) and "'m5.large'" in _message(err)


@pytest.mark.parametrize("bad", [0, -3, 2.5, [1, 0]])
def test_service_task_counts_are_checked(bad):
    with pytest.raises(ValueError) as err:
        containers.service_costs(1, 2, bad)
    assert "'tasks'" in _message(err)


@pytest.mark.parametrize("kwargs, expected", [
    ({}, 19),                                                  # N × 36.0401 > 9 × 73 = 657 → N > 18.23
    ({"eks_nodes": "ec2"}, 19),                                # instances × 70.08 > 657 → 10 → 9 × 2 + 1
    ({"eks_nodes": "ec2", "instance_type": "r6i.large"}, 15),  # 91.98 per instance → 8 → 7 × 2 + 1
    ({"share_pct": 50}, 3),                                    # N × 36.0401 > 73 → N > 2.03
])
def test_fee_share_threshold(kwargs, expected):
    assert containers.eks_fee_threshold(1, 2, **kwargs) == expected


@pytest.mark.parametrize("size, options", [
    ((1, 2), {}), ((0.25, 0.5), {}), ((2, 4), {"eks_nodes": "ec2", "instance_type": "c6i.large"}),
    ((0.5, 1), {"eks_nodes": "ec2", "instance_type": "r6i.large", "reserved_memory_gib": 0.5}),
    ((1, 2), {"extended_support": True, "share_pct": 25}),
])
def test_fee_share_threshold_agrees_with_a_brute_force_search(size, options):
    share = options.pop("share_pct", 10)
    n = containers.eks_fee_threshold(*size, share_pct=share, **options)
    table = containers.service_costs(*size, np.arange(1, n + 1), **options)
    assert table["eks_fee_share_pct"].iloc[-1] < share
    assert (table["eks_fee_share_pct"].iloc[:-1] >= share).all()


@pytest.mark.parametrize("bad", [0, 100, -5])
def test_fee_share_must_be_a_percentage(bad):
    with pytest.raises(ValueError) as err:
        containers.eks_fee_threshold(1, 2, share_pct=bad)
    assert "'share_pct'" in _message(err)


# --------------------------------------------------------------------------- charts

def test_fargate_chart_controls_change_the_bars():
    fig = charts.fargate_cost_chart()
    assert [c["kind"] for c in controls.spec(fig)["controls"]] == ["dropdown"] * 3 + ["slider"] + ["scale"] * 2
    states = controls.states(fig)
    size = charts.FARGATE_CHART_SIZES.index((1, 2))
    default = states[f"{size},0,0,4,0,0"]  # 1 vCPU · 2 GB, x86, on-demand, 24 h a day, USD
    assert default["data"]["y"][0][0] == pytest.approx(29.5504)
    assert default["data"]["text"][2][0] == "$36.04"  # the total above the bar
    assert list(fig.data[0].x) == [1, 5, 10, 15, 20]  # task counts on a numeric axis, spaced as they are
    assert states[f"{size},0,0,0,0,0"]["data"]["y"][0][0] == pytest.approx(29.5504 * 4 / 24, rel=1e-5)
    # in won: $36.04 × 1,439 = 51,862 won → 5.19만 원
    assert states[f"{size},0,0,4,1,0"]["data"]["text"][2][0] == "5.19만 원"
    arm_spot = states[f"{size},1,1,4,0,0"]
    assert arm_spot["data"]["y"][0] == [None] * 5 and "Spot" in arm_spot["layout"]["title.text"]
    assert "x86 태스크만" in arm_spot["layout"]["annotations[0].text"]  # said inside the plot, not only above it
    assert controls.state_of(fig, size, 1, 1, 4, 0, 0)["data"]["showlegend"][:2] == [False, False]


def test_three_ways_chart_marks_the_threshold():
    fig = charts.three_ways_chart()
    assert [t.name for t in fig.data] == ["ECS(EC2 m5.large)", "ECS(Fargate)", "EKS(Fargate) + 컨트롤 플레인 요금"]
    # the default view is the bill per task, where the EKS fee's weight on a small service shows
    assert list(fig.data[1].y[:3]) == pytest.approx([36.0401] * 3, rel=1e-5)
    assert fig.layout.shapes[0].x0 == 19
    states = controls.states(fig)
    total = states["2,0,0,1,0,0"]["data"]["y"]
    assert total[1][:3] == pytest.approx([36.0401, 72.0802, 108.1203], rel=1e-5)
    # the legend follows the instance type
    assert states["2,1,0,0,0,0"]["data"]["name"][0] == "ECS(EC2 c6i.large)"
    # what the page carries for it: every state, in dollars or won, without or with VAT
    assert len(chart_html(fig.to_plotly_json()).encode()) < 90_000


def test_packing_chart_and_figures():
    fig = charts.packing_chart()
    table = containers.packing_table(1, 2)
    assert list(fig.data[0].x) == list(table["tasks"]) and fig.data[0].orientation == "h"
    # vCPU and memory of m7g.large and c7g.large are estimates in the data (spec_confidence ESTIMATE), r6i.large's seen.
    assert [y for y in fig.data[0].y if y.endswith("*")] == ["m7g.large*", "c7g.large*"]
    assert fig.data[0].y[-1] == "r6i.large"
    assert fig.layout.title.subtitle.text.startswith("*: vCPU·메모리 수치가 추정값")
    bars = charts.fargate_breakdown_figure(1, 2)
    assert list(bars.data[0].y) == pytest.approx([29.5504, 6.4897, 36.0401])
    with pytest.raises(ValueError) as err:
        charts.packing_figure("t3.micro", 1, 2)
    assert "'task_memory_gb'" in _message(err)
    with pytest.raises(ValueError) as err:
        charts.three_ways_figure(1, 2, max_tasks=1)
    assert "'max_tasks'" in _message(err)


def test_tables():
    sizes = charts.fargate_size_table().data.set_index("vCPU")["메모리(GB) 선택지"]
    assert sizes["0.25"] == "0.5, 1, 2" and sizes["4"] == "8–30 (1 GB 단위)" and sizes["16"] == "32–120 (8 GB 단위)"
    fees = charts.eks_fee_table().data
    assert list(fees.iloc[:, 2]) == pytest.approx([73.0, 438.0])
    versus = charts.fargate_vs_lambda_table().data.set_index("항목")
    assert versus.loc["한 번에 실행할 수 있는 시간", "Lambda"] == "최대 15분"
    assert "최소 60초" in versus.loc["요금을 매기는 기준", "Fargate"]


# --------------------------------------------------------------------------- dashboards

def _controls(dash) -> dict:
    """A dashboard's controls by description (its grid is the dashboard box's first child)."""
    return {w.description: w for w in dash.children[0].children}


def _error(shown) -> str | None:
    """Text of the error box if the last thing shown is one."""
    last = shown[-1]
    return html.unescape(last) if isinstance(last, str) and "awsbook-error" in last else None


def test_fargate_dashboard_offers_only_valid_memory_and_shows_errors(shown):
    controls = _controls(dashboards.fargate_cost_dashboard().children[1])
    assert _error(shown) is None
    controls["태스크 vCPU"].value = 4.0
    assert [v for _, v in controls["태스크 메모리(GB)"].options] == [float(m) for m in range(8, 31)]
    assert _error(shown) is None
    controls["태스크 수"].value = 0
    assert 'data-parameter="tasks"' in _error(shown)
    controls["태스크 수"].value = 2
    controls["하루 실행 시간(0–24)"].value = 30
    assert 'data-parameter="hours_per_day"' in _error(shown)
    controls["하루 실행 시간(0–24)"].value = 8
    controls["아키텍처"].value = "arm64"
    controls["요금"].value = True
    assert 'data-parameter="arch"' in _error(shown)


def test_three_ways_dashboard_refuses_arm_on_eks_fargate(shown):
    controls = _controls(dashboards.three_ways_dashboard())
    controls["EC2 인스턴스 유형"].value = "m7g.large"
    controls["아키텍처"].value = "arm64"
    assert 'data-parameter="arch"' in _error(shown)
    controls["EKS 노드"].value = "ec2"
    assert _error(shown) is None


def test_packing_dashboard_shows_a_task_too_large(shown):
    controls = _controls(dashboards.packing_dashboard())
    assert "5대가 필요합니다" in shown[-1]  # 10 tasks of 1 vCPU · 2 GB, 2 per m5.large
    controls["인스턴스 유형"].value = "t3.micro"
    assert 'data-parameter="task_memory_gb"' in _error(shown)
    controls["인스턴스 유형"].value = "m5.large"
    controls["ECS 서비스의 태스크 수"].value = -1
    assert 'data-parameter="tasks"' in _error(shown)


# --------------------------------------------------------------------------- exercises

@pytest.mark.parametrize("exercise_id, expected", [
    ("ecs-tasks-per-instance", 4),     # 0.5 vCPU · 1 GB on m5.large: min(2 / 0.5, 8 / 1) = 4
    ("ecs-fleet-cost", 350.40),       # 10 tasks, 2 per m5.large: 5 × 0.096 × 730
    ("ecs-reserved-memory", 1),
    ("ecs-registration-instances", 173),  # 10:02 starts at 6,034.9 rps: ⌈6,034.9 / 17.5⌉ = 345 tasks, ⌈345 / 2⌉ = 173
    ("ecs-what-if-utilisation", -54),     # at 80 %: ⌈15,079.3 / 20⌉ = 754 tasks → 377 c6i.large; 377 − 431
    ("eks-fee-two-clusters", 146.00),  # 2 × 0.10 × 730
    ("eks-extended-extra", 365.00),    # (0.60 − 0.10) × 730
    ("eks-fee-threshold", 9),          # 20 %: N × 36.0401 > 73 × 4 = 292 → N > 8.10 → 9
    ("eks-registration-month-share", 32.12),  # 67.20 / (67.20 + 14.28 × 3 + 1,167 × 0.085) = 67.2 / 209.235
    ("fargate-task-month", 78.57),     # 730 × (2 × 0.04048 + 6 × 0.004445) = 730 × 0.10763
    ("fargate-spot-office-hours", 14.42),  # 4 × 243.33 h × 0.04937 × 0.3
    ("fargate-batch-job", 12.34),          # see test_short_job_cost
    ("fargate-arm-saving", 43.23),         # (0.09874 − 0.07900) × 730 × 3
    ("fargate-ephemeral-storage", 16.19),  # (120 − 20) × 0.0000000308 × 3,600 × 730 × 2 = 16.188
    ("fargate-registration-hour", -15.95),  # 40 × 0.7 = 28 rps: ⌈15,079.3 / 28⌉ = 539; (539 − 862) × 0.04937
])
def test_exercise_answers(exercise_id, expected):
    assert expected_value(exercise_id) == pytest.approx(expected, abs=0.01)
    assert grade(exercise_id, expected)[0] > 0
    assert grade(exercise_id, expected * 1.1 + 1)[0] == 0


def test_packing_exercises_follow_each_students_task_size():
    # 0.125 vCPU · 2.5 GB on m5.large (2 vCPU, 8 GiB): min(⌊2 / 0.125⌋, ⌊8 / 2.5⌋) = min(16, 3) = 3
    assert get("ecs-tasks-per-instance").expected(task_vcpu=0.125, task_memory_gb=2.5) == 3
    # 0.25 vCPU · 1 GB on t3.medium (2 vCPU, 4 GiB) with 0.5 GiB kept: min(⌊2 / 0.25⌋, ⌊3.5 / 1⌋) = min(8, 3) = 3
    assert get("ecs-reserved-memory").expected(task_vcpu=0.25, task_memory_gb=1, reserved_memory_gib=0.5) == 3
    shown = get("ecs-reserved-memory").figures(task_vcpu=0.25, task_memory_gb=1, reserved_memory_gib=0.5)
    assert (shown["free_gib"], shown["by_memory"], shown["by_vcpu"], shown["unreserved"]) == ("3.5", "3", "8", "4")


def test_month_share_follows_the_students_registration_week():
    # 1,767 node-hours in the registration week: nodes 3 × 14.28 + 1,767 × 0.085 = 42.84 + 150.195 = 193.035;
    # 67.20 / (67.20 + 193.035) = 25.823 %
    ex = get("eks-registration-month-share")
    assert ex.params["week2_node_hours"].default == 1167
    assert ex.expected(week2_node_hours=1767) == pytest.approx(25.823, abs=1e-3)
    assert ex.figures(week2_node_hours=1767)["nodes_usd"] == "193.04"


def test_fargate_exercises_follow_each_students_numbers():
    # 6 tasks of 1 vCPU · 2 GB, 5 h a day: 5 × 730 / 24 = 152.083 h; 6 × 152.083 × 0.04937 = 45.0501 on demand;
    # × 0.3 (the largest Spot discount, 70 %) = 13.5150
    assert get("fargate-spot-office-hours").expected(tasks=6, hours_per_day=5) == pytest.approx(13.5150, abs=1e-4)
    # 2 tasks of 2 vCPU · 8 GB: x86 2 × 0.04048 + 8 × 0.004445 = 0.11652, Arm 2 × 0.03238 + 8 × 0.00356 = 0.09324
    # USD/h; (0.11652 − 0.09324) × 730 × 2 = 33.9888
    assert get("fargate-arm-saving").expected(memory_gb=8, tasks=2) == pytest.approx(33.9888, abs=1e-4)


@pytest.mark.parametrize("chapter", ["05_ecs", "06_eks", "07_fargate"])
def test_every_check_in_the_chapter_is_registered_and_labelled(chapter):
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    checked = re.findall(r'check\("([a-z0-9-]+)"', text)
    assert len(checked) >= 2
    for exercise_id in checked:
        get(exercise_id)
        assert f":label: {exercise_id}" in text
    assert len(re.findall(r"```\{exercise\}", text)) >= 4


def test_eks_share_threshold_is_strictly_below_the_share():
    # fee 0.10 × 730 = 73; one 1 vCPU · 2 GB Fargate task 730 × (0.04048 + 2 × 0.004445) = 36.0401.
    # With 2 tasks the fee's share is 73 / (73 + 72.0802) = 50.317 %.  At a threshold of exactly that
    # share, 2 tasks are not *below* it, so the answer is 3; a hair above it, 2 tasks already are.
    fee, two = 73.0, 2 * 730 * (0.04048 + 2 * 0.004445)
    share = fee / (fee + two)
    candidates = [100 * share]
    for _ in range(4):
        candidates += [np.nextafter(candidates[-1], 0), np.nextafter(candidates[0], 200)]
    exact = next(p for p in candidates if p / 100 == share)
    assert containers.eks_fee_threshold(1, 2, share_pct=exact) == 3
    assert containers.eks_fee_threshold(1, 2, share_pct=exact + 1e-9) == 2
    # the default 10 %: fee / (fee + N × 36.0401) < 0.1 ⇔ N > 657 / 36.0401 = 18.23 → 19 tasks
    assert containers.eks_fee_threshold(1, 2) == 19
    # EC2 nodes: m5.large 70.08 a month holds 2 such tasks; 10 % needs compute > 657 → 10 instances = 700.8
    # (9 = 630.72 is not enough), i.e. 9 × 2 + 1 = 19 tasks
    assert containers.eks_fee_threshold(1, 2, eks_nodes="ec2") == 19


def test_packing_table_marks_types_where_nothing_fits():
    table = containers.packing_table(2, 4).set_index("instance_type")
    # 2 vCPU · 4 GB: exactly one fits on t3.medium (2 vCPU, 4 GiB) with nothing idle; none on t3.micro (1 GiB)
    assert table.loc["t3.medium"].tolist() == [1, "both", 0.0, 0.0]
    row = table.loc["t3.micro"]
    assert row["tasks"] == 0 and row.isna()["limited_by"] and row["idle_vcpu_pct"] == row["idle_memory_pct"] == 100.0
    assert list(table.columns) == ["tasks", "limited_by", "idle_vcpu_pct", "idle_memory_pct"]


@pytest.mark.parametrize("exercise_id, expected", [
    # r6i.large (2 vCPU, 16 GiB) holds min(2 / 1, 16 / 2) = 2 tasks of 1 vCPU · 2 GB; 12 of 16 GiB idle
    ("ecs-predict-idle", "나"),
    # one pod: 73 / (73 + 36.0401) = 66.9 % → "3분의 2쯤"
    ("eks-predict-fee-share", "다"),
    # 1 vCPU · 2 GB: 0.04048 / (0.04048 + 2 × 0.004445) = 82.0 % → "5분의 4쯤"
    ("fargate-predict-vcpu-share", "다"),
    # 40 minutes = 2,400 s > Lambda's 900 s
    ("fargate-or-lambda", "가"),
])
def test_choice_answers_follow_the_models(exercise_id, expected):
    ex = get(exercise_id)
    assert ex.expected() == expected
    assert len({o.feedback for o in ex.options}) == len(ex.options)


def test_instances_by_hour_packs_each_hour():
    import pandas as pd
    tasks = pd.Series([1, 2, 3, 862], index=pd.date_range("2027-02-08 08:00", periods=4, freq="h"))
    # two 1 vCPU · 2 GB tasks per c6i.large: 1 → 1, 2 → 1, 3 → 2, 862 → 431
    nodes = containers.instances_by_hour(tasks, containers.pack("c6i.large", 1, 2))
    assert nodes.tolist() == [1, 1, 2, 431] and list(nodes.index) == list(tasks.index)
    with pytest.raises(Exception, match="tasks"):
        containers.instances_by_hour(pd.Series([0, 2]), containers.pack("c6i.large", 1, 2))


def test_registration_month_on_eks_week_by_week():
    weeks = container_exercises.registration_eks_weeks()
    assert list(weeks.index.day) == [1, 8, 15, 22]
    # each week is 168 h: fee 0.10 × 168 = 16.80; the quiet weeks run one c6i.large all week (168 h × 0.085)
    assert weeks["fee_usd"].tolist() == pytest.approx([16.8] * 4)
    assert weeks["node_hours"].iloc[[0, 2, 3]].tolist() == [168, 168, 168]
    assert weeks["nodes_usd"].iloc[3] == pytest.approx(14.28)
    assert weeks["fee_share_pct"].iloc[3] == pytest.approx(100 * 16.8 / (16.8 + 14.28))
    # registration week needs more: at 10:00 on Monday alone 862 pods on 431 nodes
    assert weeks["node_hours"].iloc[1] > 431


def test_registration_month_change_has_the_sign_of_the_throughput():
    assert expected_value("fargate-registration-month") < 0
    # a faster task never needs more task-hours: per-hour counts only shrink
    assert container_exercises._month_change(60) < container_exercises._month_change(30) < 0
