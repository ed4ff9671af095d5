"""Live dashboards for the opening chapter (JupyterLab, running kernel)."""

from __future__ import annotations

import ipywidgets as widgets

from awsbook import containers, elasticity, latency
from awsbook.charts.overview import (CITY_NAMES, day_table, elasticity_figure, latency_figure,
                                     latency_table)
from awsbook.widgets.base import STYLE, dashboard


def _elasticity_view(peak_to_average, delay_hours, instance_type, region, mean_rps, rps_per_instance,
                     target_utilisation, duration_ms, memory_mb):
    day = elasticity.day_scenario(
        peak_to_average, delay_hours, instance_type, mean_rps=mean_rps, region=region,
        rps_per_instance=rps_per_instance, target_utilisation=target_utilisation,
        duration_ms=duration_ms, memory_mb=memory_mb,
    )
    return elasticity_figure(day, int(delay_hours)), day_table(day)


def elasticity_dashboard() -> widgets.VBox:
    """The synthetic day served three ways, with every assumption open to change."""
    controls = {
        "peak_to_average": widgets.FloatText(value=2.0, description="최대/평균 비(1 이상)", style=STYLE),
        "delay_hours": widgets.IntText(value=1, description="확장 지연(시간)", style=STYLE),
        "instance_type": widgets.Dropdown(options=containers.instance_types("us-east-1"), value="m7g.large",
                                          description="인스턴스 유형", style=STYLE),
        "region": widgets.Dropdown(options=["us-east-1", "ap-northeast-2"], description="리전", style=STYLE),
        "mean_rps": widgets.FloatText(value=elasticity.DEFAULT_MEAN_RPS, description="하루 평균 부하(초당 건수)",
                                      style=STYLE),
        "rps_per_instance": widgets.FloatText(value=elasticity.DEFAULT_RPS_PER_INSTANCE,
                                              description="인스턴스 1대 처리량(초당 건수, 가정)", style=STYLE),
        "target_utilisation": widgets.FloatText(value=1.0, description="오토 스케일링 목표 사용률(0–1)",
                                                style=STYLE),
        "duration_ms": widgets.FloatText(value=elasticity.DEFAULT_DURATION_MS,
                                         description="Lambda 실행 시간(ms, 가정)", style=STYLE),
        "memory_mb": widgets.IntText(value=elasticity.DEFAULT_MEMORY_MB, description="Lambda 메모리(MB)",
                                     style=STYLE),
    }
    note = widgets.HTML("트래픽 곡선은 합성 데이터입니다. '가정'이라고 적힌 값은 사실이 아니라 "
                        "시나리오의 가정이니 내 서비스에 맞게 바꿔 보세요. 리전을 서울로 바꾸면 "
                        "요금 데이터가 있는 인스턴스 유형만 계산됩니다.")
    return widgets.VBox([note, dashboard(controls, _elasticity_view)])


def _latency_view(user_region, round_trips, speed_km_per_s):
    return (latency_figure(user_region, round_trips=round_trips, speed_km_per_s=speed_km_per_s),
            latency_table(user_region, round_trips=round_trips, speed_km_per_s=speed_km_per_s))


def latency_dashboard() -> widgets.VBox:
    """The RTT floor from users near one region's city to every region, for several round trips."""
    regions = list(latency.region_locations()["region"])
    controls = {
        "user_region": widgets.Dropdown(options=[(f"{CITY_NAMES.get(r, r)} 근처", r) for r in regions],
                                        description="사용자 위치", style=STYLE),
        "round_trips": widgets.IntText(value=1, description="요청 한 번에 필요한 왕복 수", style=STYLE),
        "speed_km_per_s": widgets.FloatText(value=latency.FIBRE_SPEED_KM_PER_S,
                                            description="신호 속도(km/s)", style=STYLE),
    }
    note = widgets.HTML("거리는 리전과 연결한 도시의 좌표로 계산한 값이라 실제 데이터 센터 위치와 다르며, "
                        "결과는 실제 지연 시간이 아니라 그보다 작을 수 없는 하한입니다.")
    return widgets.VBox([note, dashboard(controls, _latency_view)])
