"""Live dashboards for the SLA·SLI·SLO chapter (JupyterLab, running kernel).

Every input is free text (any percentage, any downtime such as "4m 23s" or
"1시간 30분", any component list) and every mistake shows as a Korean message
in the widget.
"""

from __future__ import annotations


import ipywidgets as widgets
import pandas as pd

from awsbook import availability as av
from awsbook import validate
from awsbook.charts.sla import chain_summary
from awsbook.widgets.base import NOTE_STYLE, STYLE, dashboard, parse_number, result_html, table_html

# --------------------------------------------------------------------------- downtime

def downtime_dashboard() -> widgets.VBox:
    """Availability ↔ downtime calculator with a period and calendar choice.

    Forward mode turns a percentage into the allowed downtime per period;
    reverse mode turns a downtime text ("4m 23s", "1시간 30분") into availability.
    """
    controls = {
        "mode": widgets.ToggleButtons(options=[("가용성 → 허용 다운타임", "forward"),
                                               ("다운타임 → 가용성", "reverse")], description="계산"),
        "availability": widgets.Text(value="99.95", description="가용성(%)", style=STYLE),
        "downtime": widgets.Text(value="4m 23s", description="다운타임", style=STYLE,
                                 placeholder=av.DURATION_EXAMPLES),
        "period": widgets.Dropdown(options=[(av.PERIOD_NAMES[p], p) for p in av.PERIODS], value="month",
                                   description="기간", style=STYLE),
        "calendar": widgets.Combobox(value="30d", options=["30d", "gregorian", "2026-02", "2026-03"],
                                     description="달력 기준", style=STYLE, ensure_option=False,
                                     placeholder="30d, gregorian 또는 YYYY-MM"),
    }
    return dashboard(controls, render_downtime, labels={"availability_pct": "가용성(%)"})


def render_downtime(mode: str, availability: str, downtime: str, period: str, calendar: str):
    """What :func:`downtime_dashboard` shows for one set of inputs."""
    note = av.calendar_note(period, calendar=calendar)
    name = av.PERIOD_NAMES[period]
    if mode == "reverse":
        pct = av.availability_from_downtime(downtime, period, calendar=calendar)
        spent = av.parse_duration(downtime)
        return result_html(f"{name}에 {av.format_duration(spent)} 멈췄다면 가용성은 {av.format_pct(pct)}입니다.", note)
    pct = parse_number(availability, "availability_pct", "99.95")
    budget = av.allowed_downtime(pct, period, calendar=calendar)
    every = pd.DataFrame({
        "기간": [av.PERIOD_NAMES[p] for p in av.PERIODS],
        "허용 다운타임": [av.format_duration(av.allowed_downtime(pct, p, calendar=calendar)) for p in av.PERIODS],
    })
    return (result_html(f"가용성 {av.format_pct(pct)}이면 {name}에 {av.format_duration(budget)}까지 멈출 수 있습니다.",
                    note), table_html(every))


def business_hours_dashboard() -> widgets.VBox:
    """Downtime budget when only business hours count (e.g. weekdays 09:00–18:00)."""
    controls = {
        "availability": widgets.Text(value="99.9", description="가용성(%)", style=STYLE),
        "month": widgets.Text(value="2026-02", description="월(YYYY-MM)", style=STYLE),
        "days": widgets.SelectMultiple(options=[(av.WEEKDAY_NAMES[d], d) for d in av.WEEKDAYS],
                                       value=av.WEEKDAYS[:5], description="요일", rows=7, style=STYLE),
        "start": widgets.Text(value="09:00", description="시작", style=STYLE),
        "end": widgets.Text(value="18:00", description="끝", style=STYLE),
        "holidays": widgets.Text(value=", ".join(d.isoformat() for d in av.korean_holidays("2026-02")),
                                 description="휴일(한국 공휴일: 설날)", placeholder="YYYY-MM-DD, 쉼표로 구분",
                                 style=STYLE),
    }
    note = widgets.HTML(f"<p style='{NOTE_STYLE}'>휴일 칸의 기본값은 2026년 2월의 한국 공휴일(설날 연휴, "
                        "data/korean_holidays.csv)입니다. 결과에는 휴일을 뺄 때와 빼지 않을 때가 함께 나옵니다.</p>")
    return widgets.VBox([note, dashboard(controls, render_business_hours, labels={"availability_pct": "가용성(%)"})])


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
    return result_html(
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
                                       rows=5, style=STYLE,
                                       placeholder="한 줄에 하나씩: 이름 가용성 [x 개수]"),
        "target": widgets.Text(value="99.95", description="목표(%)", style=STYLE),
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
        result_html(f"전체 가용성 {av.format_pct(total['block_pct'])}: 목표 {av.format_pct(goal)} {verdict}",
                f"가장 약한 고리: {weakest['name']} (예상 다운타임의 {weakest['share_pct']:.0f}%). "
                f"목표의 월 허용 다운타임은 {av.format_duration(av.allowed_downtime(goal))}입니다. "
                f"기준: 한 달 = 30일, 장애는 서로 독립이라고 가정합니다."),
        table_html(chain_summary(parts)),
    )
