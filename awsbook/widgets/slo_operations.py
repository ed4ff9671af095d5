"""Live dashboard for the SLO operations chapter (JupyterLab, running kernel): burn-rate alerts for any SLO.

Every input is free text and every mistake shows as a Korean message in the widget.
"""

from __future__ import annotations

import ipywidgets as widgets

from awsbook import availability as av
from awsbook.charts.slo_operations import alert_policy_table
from awsbook.widgets.base import STYLE, dashboard, parse_number, result_html, table_html


def error_budget_dashboard() -> widgets.VBox:
    """Burn-rate alert thresholds for any SLO, and how long a given burn rate lasts."""
    controls = {
        "slo": widgets.Text(value="99.9", description="SLO(%)", style=STYLE),
        "window_days": widgets.Text(value="30", description="SLO 기간(일)", style=STYLE),
        "burn_rate": widgets.Text(value="6", description="지금 번 레이트", style=STYLE),
        "policy": widgets.Dropdown(options=[(label, key) for key, label in av.POLICY_NAMES.items()],
                                   value="workbook", description="알림 정책", style=STYLE),
    }
    return dashboard(controls, render_error_budget, columns=3, labels={"slo_pct": "SLO(%)"})


def render_error_budget(slo: str, window_days: str, burn_rate: str, policy: str = "workbook"):
    """What :func:`error_budget_dashboard` shows for one set of inputs."""
    slo_pct = parse_number(slo, "slo_pct", "99.9")
    days = parse_number(window_days, "window_days", "30")
    burn = parse_number(burn_rate, "burn_rate", "6")
    left = av.time_to_exhaustion(burn, days)
    shown = alert_policy_table(slo_pct, days, policy)
    budget = av.allowed_downtime(slo_pct, av.period_length("day") * days)
    return (
        result_html(f"번 레이트 {burn:g}이면 {days:g}일 치 오류 예산을 {av.format_duration(left)} 만에 다 씁니다.",
                f"오류 예산: {days:g}일 동안 요청의 {100 - slo_pct:.3g}% (전부 멈춤으로 치면 "
                f"{av.format_duration(budget)}). 오류율 임계값 = 번 레이트 × (100 − SLO)%. "
                f"아래 표: {av.POLICY_NAMES[policy]}."),
        table_html(shown),
    )
