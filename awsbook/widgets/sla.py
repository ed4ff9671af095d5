"""Live dashboards for the SLA·SLI·SLO chapter (JupyterLab, running kernel).

Every input is free text (any percentage, any downtime such as "4m 23s" or
"1시간 30분", any component list) and every mistake shows as a Korean message
in the widget.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from awsbook import availability as av
from awsbook import validate
from awsbook.charts.sla import alert_policy_table, chain_summary
from awsbook.widgets.base import dashboard

_STYLE = {"description_width": "initial"}
_NOTE = "color:#444;font-size:13px;margin:2px 0 8px"


def parse_number(text, name: str, example: str) -> float:
    """Read a number typed into a text box ("99.95", "99.95%", " 30 ").

    ``name`` is the model parameter the box feeds; range checks stay with the model.
    """
    cleaned = str(text).strip().rstrip("%").strip()
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(
            f"매개변수 '{name}'에 {text!r}이(가) 주어졌습니다. {example}처럼 수만 허용됩니다."
        ) from None


def _result(headline: str, note: str) -> str:
    return f"<p style='font-size:16px;margin:6px 0'><b>{html.escape(headline)}</b></p>" \
           f"<p style='{_NOTE}'>{html.escape(note)}</p>"


def _table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, border=0, classes="awsbook-table")


# --------------------------------------------------------------------------- downtime

def downtime_dashboard() -> widgets.VBox:
    """Availability ↔ downtime calculator with a period and calendar choice.

    Forward mode turns a percentage into the allowed downtime per period;
    reverse mode turns a downtime text ("4m 23s", "1시간 30분") into availability.
    """
    controls = {
        "mode": widgets.ToggleButtons(options=[("가용성 → 허용 다운타임", "forward"),
                                               ("다운타임 → 가용성", "reverse")], description="계산"),
        "availability": widgets.Text(value="99.95", description="가용성(%)", style=_STYLE),
        "downtime": widgets.Text(value="4m 23s", description="다운타임", style=_STYLE,
                                 placeholder=av.DURATION_EXAMPLES),
        "period": widgets.Dropdown(options=[(av.PERIOD_NAMES[p], p) for p in av.PERIODS], value="month",
                                   description="기간", style=_STYLE),
        "calendar": widgets.Combobox(value="30d", options=["30d", "gregorian", "2026-02", "2026-03"],
                                     description="달력 기준", style=_STYLE, ensure_option=False,
                                     placeholder="30d, gregorian 또는 YYYY-MM"),
    }
    return dashboard(controls, render_downtime)


def render_downtime(mode: str, availability: str, downtime: str, period: str, calendar: str):
    """What :func:`downtime_dashboard` shows for one set of inputs."""
    note = av.calendar_note(period, calendar=calendar)
    name = av.PERIOD_NAMES[period]
    if mode == "reverse":
        pct = av.availability_from_downtime(downtime, period, calendar=calendar)
        spent = av.parse_duration(downtime)
        return _result(f"{name}에 {av.format_duration(spent)} 멈췄다면 가용성은 {av.format_pct(pct)}입니다.", note)
    pct = parse_number(availability, "availability_pct", "99.95")
    budget = av.allowed_downtime(pct, period, calendar=calendar)
    every = pd.DataFrame({
        "기간": [av.PERIOD_NAMES[p] for p in av.PERIODS],
        "허용 다운타임": [av.format_duration(av.allowed_downtime(pct, p, calendar=calendar)) for p in av.PERIODS],
    })
    return (_result(f"가용성 {av.format_pct(pct)}이면 {name}에 {av.format_duration(budget)}까지 멈출 수 있습니다.",
                    note), _table(every))


def business_hours_dashboard() -> widgets.VBox:
    """Downtime budget when only business hours count (e.g. weekdays 09:00–18:00)."""
    controls = {
        "availability": widgets.Text(value="99.9", description="가용성(%)", style=_STYLE),
        "month": widgets.Text(value="2026-02", description="월(YYYY-MM)", style=_STYLE),
        "days": widgets.SelectMultiple(options=[(av.WEEKDAY_NAMES[d], d) for d in av.WEEKDAYS],
                                       value=av.WEEKDAYS[:5], description="요일", rows=7, style=_STYLE),
        "start": widgets.Text(value="09:00", description="시작", style=_STYLE),
        "end": widgets.Text(value="18:00", description="끝", style=_STYLE),
        "holidays": widgets.Text(value=", ".join(d.isoformat() for d in av.korean_holidays("2026-02")),
                                 description="휴일(한국 공휴일: 설날)", placeholder="YYYY-MM-DD, 쉼표로 구분",
                                 style=_STYLE),
    }
    note = widgets.HTML(f"<p style='{_NOTE}'>휴일 칸의 기본값은 2026년 2월의 한국 공휴일(설날 연휴, "
                        "data/korean_holidays.csv)입니다. 결과에는 휴일을 뺄 때와 빼지 않을 때가 함께 나옵니다.</p>")
    return widgets.VBox([note, dashboard(controls, render_business_hours)])


def render_business_hours(availability: str, month: str, days, start: str, end: str, holidays: str):
    """What :func:`business_hours_dashboard` shows for one set of inputs: the business-hours budget
    with the holidays taken out, and without taking them out (the difference holidays make)."""
    pct = parse_number(availability, "availability_pct", "99.9")
    off = [h.strip() for h in holidays.split(",") if h.strip()]
    counted = av.business_hours(month, days=days, start=start, end=end, holidays=off)
    budget = av.business_hours_downtime(pct, month=month, days=days, start=start, end=end, holidays=off)
    no_holidays = av.business_hours_downtime(pct, month=month, days=days, start=start, end=end)
    whole = av.allowed_downtime(pct, "month", calendar=month)
    picked = "·".join(av.WEEKDAY_NAMES[d] for d in av.WEEKDAYS if d in days)
    difference = (f"휴일 {len(off)}일을 빼지 않으면 {av.format_duration(no_holidays)}, 차이 "
                  f"{av.format_duration(no_holidays - budget)}" if off else "뺀 휴일 없음")
    return _result(
        f"업무 시간만 세면 허용 다운타임은 {av.format_duration(budget)}입니다 "
        f"({difference}; 하루 종일 세면 {av.format_duration(whole)}).",
        f"기준: {month}의 {picked}요일 {start}–{end}, 휴일 {len(off)}일 제외 → 업무 시간 {av.format_duration(counted)}",
    )


# --------------------------------------------------------------------------- composite systems

def composite_dashboard() -> widgets.VBox:
    """Availability of any chain of parts, each optionally redundant ("EC2 99.5 x2")."""
    controls = {
        "components": widgets.Textarea(value=f"ALB {av.EXAMPLE_LOAD_BALANCER_PCT:g}\n"
                                             f"EC2 {av.sla_target('ec2', scope='instance'):g} x2\n"
                                             f"DB {av.EXAMPLE_DATABASE_PCT:g}", description="구성 요소",
                                       rows=5, style=_STYLE,
                                       placeholder="한 줄에 하나씩: 이름 가용성 [x 개수]"),
        "target": widgets.Text(value="99.95", description="목표(%)", style=_STYLE),
    }
    return dashboard(controls, render_composite, columns=2)


def render_composite(components: str, target: str):
    """What :func:`composite_dashboard` shows for one set of inputs."""
    goal = validate.number("target", parse_number(target, "target", "99.95"), low=0, high=100,
                           low_inclusive=False)
    parts = av.parse_components(components)
    table = av.chain_table(parts)
    total = table.iloc[-1]
    weakest = table[table["weakest"]].iloc[0]
    verdict = "달성" if total["block_pct"] >= goal else "미달"
    return (
        _result(f"전체 가용성 {av.format_pct(total['block_pct'])}: 목표 {av.format_pct(goal)} {verdict}",
                f"가장 약한 고리: {weakest['name']} (예상 다운타임의 {weakest['share_pct']:.0f}%). "
                f"목표의 월 허용 다운타임은 {av.format_duration(av.allowed_downtime(goal))}입니다. "
                f"기준: 한 달 = 30일, 장애는 서로 독립이라고 가정합니다."),
        _table(chain_summary(parts)),
    )


# --------------------------------------------------------------------------- error budgets

def error_budget_dashboard() -> widgets.VBox:
    """Burn-rate alert thresholds for any SLO, and how long a given burn rate lasts."""
    controls = {
        "slo": widgets.Text(value="99.9", description="SLO(%)", style=_STYLE),
        "window_days": widgets.Text(value="30", description="SLO 기간(일)", style=_STYLE),
        "burn_rate": widgets.Text(value="6", description="지금 번 레이트", style=_STYLE),
        "policy": widgets.Dropdown(options=[(label, key) for key, label in av.POLICY_NAMES.items()],
                                   value="workbook", description="알림 정책", style=_STYLE),
    }
    return dashboard(controls, render_error_budget, columns=3)


def render_error_budget(slo: str, window_days: str, burn_rate: str, policy: str = "workbook"):
    """What :func:`error_budget_dashboard` shows for one set of inputs."""
    slo_pct = parse_number(slo, "slo_pct", "99.9")
    days = parse_number(window_days, "window_days", "30")
    burn = parse_number(burn_rate, "burn_rate", "6")
    left = av.time_to_exhaustion(burn, days)
    shown = alert_policy_table(slo_pct, days, policy)
    budget = av.allowed_downtime(slo_pct, av.period_length("day") * days)
    return (
        _result(f"번 레이트 {burn:g}이면 {days:g}일 치 오류 예산을 {av.format_duration(left)} 만에 다 씁니다.",
                f"오류 예산: {days:g}일 동안 요청의 {100 - slo_pct:.3g}% (전부 멈춤으로 치면 "
                f"{av.format_duration(budget)}). 오류율 임계값 = 번 레이트 × (100 − SLO)%. "
                f"아래 표: {av.POLICY_NAMES[policy]}."),
        _table(shown),
    )
