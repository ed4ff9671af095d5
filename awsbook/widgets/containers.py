"""Live dashboards for the ECS, EKS and Fargate chapters (JupyterLab, running kernel)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from awsbook import containers, cost
from awsbook.charts.containers import (ARCH_NAMES, NODE_NAMES, VIEW_NAMES, fargate_breakdown_figure,
                                       packing_figure, three_ways_figure)
from awsbook.widgets.base import STYLE, dashboard


def _size_controls(vcpu: float = 1.0, memory_gb: float = 2.0) -> tuple[widgets.Dropdown, widgets.Dropdown]:
    """vCPU and memory dropdowns; the memory list always shows only the sizes Fargate allows
    for the chosen vCPU (the previous memory stays chosen when it is still allowed)."""
    sizes = cost.fargate_task_sizes()
    vcpu_box = widgets.Dropdown(options=[(f"{v:g}", v) for v in sizes], value=vcpu,
                                description="태스크 vCPU", style=STYLE)
    memory_box = widgets.Dropdown(options=[(f"{m:g}", m) for m in sizes[vcpu]], value=memory_gb,
                                  description="태스크 메모리(GB)", style=STYLE)

    def follow(change):
        previous = memory_box.value
        allowed = sizes[change["new"]]
        memory_box.options = [(f"{m:g}", m) for m in allowed]
        memory_box.value = previous if previous in allowed else allowed[0]

    # Registered before the dashboard's own observer, so the chart is redrawn with a valid pair.
    vcpu_box.observe(follow, names="value")
    return vcpu_box, memory_box


def _arch_box() -> widgets.Dropdown:
    return widgets.Dropdown(options=[(name, arch) for arch, name in ARCH_NAMES.items()], value="x86_64",
                            description="아키텍처", style=STYLE)


def fargate_cost_dashboard() -> widgets.VBox:
    """Monthly Fargate cost of one task size, split into the vCPU and memory parts."""
    vcpu, memory = _size_controls()
    spot = containers.fargate_spot_max_discount_pct()
    controls = {
        "vcpu": vcpu, "memory_gb": memory,
        "tasks": widgets.IntText(value=1, description="태스크 수", style=STYLE),
        "hours_per_day": widgets.FloatText(value=24, description="하루 실행 시간(0–24)", style=STYLE),
        "arch": _arch_box(),
        "region": widgets.Dropdown(options=cost.fargate_regions(), description="리전", style=STYLE),
        "spot": widgets.Dropdown(options=[("온디맨드", False), (f"Fargate Spot(최대 할인 {spot:g}%)", True)],
                                 description="요금", style=STYLE),
        "discount_pct": widgets.FloatText(value=0, description="그 밖의 할인율(%)", style=STYLE),
    }
    note = widgets.HTML("리전 목록에는 요금 데이터가 있는 리전만 나옵니다. '그 밖의 할인율'은 "
                        "Savings Plans 같은 할인을 흉내 낼 때 씁니다(온디맨드에만 적용).")
    return widgets.VBox([note, dashboard(controls, fargate_breakdown_figure)])


def three_ways_dashboard() -> widgets.VBox:
    """One always-on service as ECS on EC2, ECS on Fargate and EKS, as the task count grows."""
    vcpu, memory = _size_controls()
    controls = {
        "vcpu": vcpu, "memory_gb": memory,
        "max_tasks": widgets.IntText(value=60, description="태스크 수 최대(그래프 끝)", style=STYLE),
        "instance_type": widgets.Dropdown(options=containers.instance_types(), value="m5.large",
                                          description="EC2 인스턴스 유형", style=STYLE),
        "arch": _arch_box(),
        "eks_nodes": widgets.Dropdown(options=[(name, n) for n, name in NODE_NAMES.items()],
                                      description="EKS 노드", style=STYLE),
        "share_pct": widgets.FloatText(value=10, description="EKS 요금 비중 기준(%)", style=STYLE),
        "extended_support": widgets.Checkbox(value=False, description="EKS 연장 지원", style=STYLE),
        "per_task": widgets.Dropdown(options=[(name, flag) for flag, name in VIEW_NAMES.items()],
                                     description="보기", style=STYLE),
        "reserved_vcpu": widgets.FloatText(value=0, description="인스턴스당 예약 vCPU", style=STYLE),
        "reserved_memory_gib": widgets.FloatText(value=0, description="인스턴스당 예약 메모리(GiB)",
                                                 style=STYLE),
    }
    return dashboard(controls, three_ways_figure,
                     labels={"task_vcpu": "태스크 vCPU", "task_memory_gb": "태스크 메모리(GB)",
                             "tasks": "태스크 수 최대(그래프 끝)"})


def _packing_view(instance_type, task_vcpu, task_memory_gb, reserved_vcpu, reserved_memory_gib, tasks):
    figure = packing_figure(instance_type, task_vcpu, task_memory_gb, reserved_vcpu=reserved_vcpu,
                            reserved_memory_gib=reserved_memory_gib)
    packing = containers.pack(instance_type, task_vcpu, task_memory_gb, reserved_vcpu=reserved_vcpu,
                              reserved_memory_gib=reserved_memory_gib)
    count = containers.instances_needed(tasks, packing)
    monthly = cost.ec2_monthly_cost(instance_type, count=count)
    summary = (f"<p>태스크 {tasks:,}개를 실행하려면 {html.escape(instance_type)} {count:,}대가 필요합니다"
               f"(한 대에 {packing.tasks}개). 온디맨드 월 요금은 ${monthly:,.2f}입니다. "
               f"한 대마다 vCPU {packing.idle_vcpu:g}개와 메모리 {packing.idle_memory_gib:g} GiB가 남습니다.</p>")
    return figure, summary


def packing_dashboard() -> widgets.VBox:
    """How tasks of a chosen size fill an EC2 instance, and how many instances a service needs."""
    controls = {
        "instance_type": widgets.Dropdown(options=containers.instance_types(), value="m5.large",
                                          description="인스턴스 유형", style=STYLE),
        "task_vcpu": widgets.FloatText(value=1, description="태스크 vCPU", style=STYLE),
        "task_memory_gb": widgets.FloatText(value=2, description="태스크 메모리(GB)", style=STYLE),
        "reserved_vcpu": widgets.FloatText(value=0, description="인스턴스당 예약 vCPU", style=STYLE),
        "reserved_memory_gib": widgets.FloatText(value=0, description="인스턴스당 예약 메모리(GiB)",
                                                 style=STYLE),
        "tasks": widgets.IntText(value=10, description="ECS 서비스의 태스크 수", style=STYLE),
    }
    return dashboard(controls, _packing_view)
