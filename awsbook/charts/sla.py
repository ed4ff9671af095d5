"""Availability charts of the SLA chapter: SLA terms, credits, downtime budgets and composite systems.

Every chart prints the convention or assumption behind its numbers (calendar,
independence of failures, assumed component availabilities) on the figure.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from awsbook import availability as av
from awsbook import datasets, validate
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.sources import cite
from awsbook.charts.theme import INK, PALETTE, new_figure, series_style

#: Calendars offered by the downtime chart: the two averages and two real billing months.
DOWNTIME_CALENDARS = ("30d", "gregorian", "2026-02", "2026-03")
CALENDAR_LABELS = {"30d": "30일 규칙", "gregorian": "그레고리력 평균"}


def subtitle(fig: go.Figure, text: str = "") -> None:
    """Print a convention or assumption in small type under the chart's title."""
    fig.update_layout(title={"subtitle": {"text": text, "font": {"size": 12, "color": "#444"}}})


def _calendar_label(calendar: str) -> str:
    if calendar in CALENDAR_LABELS:
        return CALENDAR_LABELS[calendar]
    year, month = calendar.split("-")
    return f"{year}년 {int(month)}월 실제 달력"


def day_label(t) -> str:
    """Korean month and day without leading zeros: "3월 4일"."""
    return f"{t.month}월 {t.day}일"


def _minutes(td: np.ndarray) -> np.ndarray:
    return td / np.timedelta64(1, "m")


def _label(budget) -> str:
    """A bar's label: the two largest units of a downtime ("43분 12초", "3일 16시간")."""
    return av.format_duration(budget, units=2)


def downtime_budget_chart(presets=av.PRESETS, calendars=DOWNTIME_CALENDARS) -> go.Figure:
    """Allowed downtime of each availability preset: one labelled horizontal bar per target.

    A slider picks the period (hour ... year) and a dropdown the calendar convention; the
    convention in use is printed under the title.  The targets are categories (plotly would
    read "99.9%" as the number 99.9 and squeeze the bars against 100), and every bar carries
    its downtime, so the axis needs no ticks.
    """
    labels = [av.format_pct(p) for p in presets]
    fig = new_figure("가용성에 9를 하나 더하면 허용 다운타임은 10분의 1로 줄어듭니다", "허용 다운타임", "",
                     hovermode="closest", margin={"l": 70, "r": 20, "t": 90, "b": 50})
    subtitle(fig)
    # A bar at least 40% of the longest carries its label inside; the others right of the bar.
    shares = [(100 - p) / (100 - min(presets)) for p in presets]
    fig.add_trace(go.Bar(y=labels, x=[1] * len(labels), orientation="h", marker={"color": PALETTE[0]},
                         name="허용 다운타임", text=[""] * len(labels), cliponaxis=False, textangle=0,
                         textposition=["inside" if share >= 0.4 else "outside" for share in shares],
                         insidetextanchor="end",
                         hovertemplate="가용성 %{y}: %{text}<extra></extra>", showlegend=False))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1])  # 99% on top
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=True, rangemode="tozero")
    fig.update_layout(showlegend=False, bargap=0.3)

    def state(period_i: int, calendar_i: int):
        period, calendar = av.PERIODS[period_i], calendars[calendar_i]
        budget = av.allowed_downtime(np.asarray(presets, dtype=float), period, calendar=calendar)
        minutes = _minutes(budget)
        steps = " → ".join(f"{label} {_label(b)}" for label, b, p in zip(labels, budget, presets)
                           if p in (99.0, 99.9, 99.99))
        return {"data": {"x": [minutes], "text": [[_label(b) for b in budget]]},
                "layout": {"title.text": f"가용성에 9를 하나 더하면 허용 다운타임은 10분의 1로 줄어듭니다<br><sup>"
                                         f"{av.PERIOD_NAMES[period]}({_calendar_label(calendar)}): {steps}</sup>",
                           "title.subtitle.text": av.calendar_note(period, calendar=calendar),
                           # room right of the second bar for its label (the first carries it inside)
                           "xaxis.range": [0, float(minutes.max()) * 1.15]}}

    return cite(add_controls(fig, [
        Control("slider", "기간", [av.PERIOD_NAMES[p] for p in av.PERIODS], active=av.PERIODS.index("month")),
        Control("dropdown", "달력 기준", [_calendar_label(c) for c in calendars]),
    ], state))


def nines_title(what: str = "가용성") -> str:
    """The nines scale explained on its axis: each tick up is one more 9 (a tenth of the downtime)."""
    return f"{what} (나인 눈금: 한 칸 위마다 9 하나 더)"


def nines_axis(lowest_pct: float, highest_pct: float, *, pad: float = 0.15, what: str = "가용성") -> dict:
    """A log axis of unavailability (100 − %), reversed and labelled as availability ("nines" scale).

    Pass the plotted traces' lowest and highest availability (highest < 100);
    ``pad`` is the room (in powers of ten) left beyond them.  Ticks sit at the
    nines (99%, 99.9%, …: each a tenth of the one below); only when fewer than
    three nines fit are the halves (99.5%, 99.95%) added, so no two ticks crowd.
    """
    bottom = math.log10(100 - lowest_pct) + pad
    top = math.log10(100 - highest_pct) - pad

    def inside(multiples):
        return [m * 10.0 ** k for k in range(math.floor(top), math.ceil(bottom) + 1) for m in multiples
                if top <= math.log10(m * 10.0 ** k) <= bottom and m * 10.0 ** k <= 100]

    ticks = inside((1,))
    if len(ticks) < 3:
        ticks = inside((1, 5))
    return {"type": "log", "autorange": False, "range": [bottom, top], "title": {"text": nines_title(what)},
            "tickvals": ticks, "ticktext": [av.format_pct(100 - t) for t in ticks]}


def _first_meeting(system, target: float) -> int | None:
    """The smallest number of AZs (1-based) whose system availability meets ``target``, or None."""
    hits = [n for n, s in enumerate(system, start=1) if s >= target]
    return hits[0] if hits else None


def composite_chart(instance_options=(99.0, 99.5, 99.9, 99.95), targets=(99.9, 99.95, 99.99), *,
                    load_balancer_pct=av.EXAMPLE_LOAD_BALANCER_PCT, database_pct=av.EXAMPLE_DATABASE_PCT) -> go.Figure:
    """Availability of load balancer → EC2 in 1, 2 or 3 AZs → database, against a target.

    The y axis is a "nines" scale (log of unavailability), explained on the axis.  A
    slider picks one instance's availability (default: the EC2 instance-level SLA from
    ``data/sla.csv``), a dropdown the target.  A second line shows the ceiling set by the
    parts that are not redundant; both lines are labelled where they start.  The title
    says from how many AZs the target is met, if ever.  Failures are assumed independent.
    """
    instance_sla = av.sla_target("ec2", scope="instance")
    options = sorted(set(instance_options) | {instance_sla})
    azs = np.array([1, 2, 3])
    fig = new_figure("예시 웹 구성의 가용성", "EC2 인스턴스를 둔 가용 영역 수", nines_title(),
                     hovermode="closest", margin={"l": 70, "r": 20, "t": 90, "b": 80})
    subtitle(fig, f"가정: 로드 밸런서 {av.format_pct(load_balancer_pct)}, 데이터베이스 "
                   f"{av.format_pct(database_pct)}(예시 값), 가용 영역마다 인스턴스 1대, 장애는 서로 독립")
    ceiling = av.serial(load_balancer_pct, database_pct)
    names = ("전체 시스템 (로드 밸런서 → EC2 → 데이터베이스)", "상한: 로드 밸런서 × 데이터베이스", "목표")
    styles = (series_style(0), series_style(1), {"line": {"color": INK, "dash": "dot", "width": 2}})
    # Each point is labelled with its availability, under it (half a step of room at each end keeps the
    # labels inside on a phone); the two lines carry their values in the legend.
    for i, (name, style) in enumerate(zip(names, styles)):
        fig.add_trace(go.Scatter(x=[1], y=[1], name=name, mode="lines+markers+text" if i == 0 else "lines",
                                 textposition="bottom center", cliponaxis=False, hoverinfo="text", **style))
    edges = [0.5, 3.5]
    fig.update_xaxes(tickvals=azs, ticktext=[f"{n}곳" for n in azs], range=edges)

    def state(instance_i: int, target_i: int):
        pct, target = options[instance_i], targets[target_i]
        tier = [av.parallel(*[pct] * n) for n in azs]
        system = av.serial(load_balancer_pct, np.array(tier), database_pct)
        text = [av.format_pct(s) for s in system]
        hover = [f"{n}개 가용 영역: 전체 {av.format_pct(s)}(월 다운타임 {av.format_duration(av.allowed_downtime(s), units=2)}), "
                 f"EC2 계층 {av.format_pct(t)}" for n, s, t in zip(azs, system, tier)]
        every = np.concatenate([system, [ceiling, target]])
        meets = _first_meeting(system, target)
        if meets is not None:
            verdict = f"가용 영역 {meets}곳부터 목표 {av.format_pct(target)}를 넘습니다"
        elif ceiling < target:
            verdict = (f"가용 영역을 늘려도 목표 {av.format_pct(target)}에 못 미칩니다: "
                       f"로드 밸런서와 데이터베이스가 정한 상한이 {av.format_pct(ceiling)}입니다")
        else:
            verdict = f"가용 영역 3곳으로도 목표 {av.format_pct(target)}에 못 미칩니다"
        return {"data": {"x": [azs, edges, edges],
                         "y": [100 - system, [100 - ceiling] * 2, [100 - target] * 2],
                         "name": [names[0], f"{names[1]} = {av.format_pct(ceiling)}", f"목표 {av.format_pct(target)}"],
                         "text": [text, None, None],
                         "hovertext": [hover, [f"상한 {av.format_pct(ceiling)}"] * 2,
                                       [f"목표 {av.format_pct(target)}"] * 2]},
                "layout": {"title.text": f"{verdict}<br><sup>인스턴스 한 대 {av.format_pct(pct)}, "
                                         f"목표 {av.format_pct(target)}</sup>",
                           "yaxis": nines_axis(every.min(), every.max(), pad=0.3)}}

    return cite(add_controls(fig, [
        Control("slider", "인스턴스 한 대의 가용성", [av.format_pct(p) for p in options],
                active=options.index(instance_sla)),
        Control("dropdown", "목표", [av.format_pct(t) for t in targets], active=min(1, len(targets) - 1)),
    ], state), "sla")


# --------------------------------------------------------------------------- tables (Korean columns)

SERVICE_NAMES = {"ec2": "EC2", "lambda": "Lambda", "eks": "EKS", "api-gateway": "API Gateway"}
SCOPE_NAMES = {"region": "리전", "instance": "인스턴스 한 대", "api-endpoint": "쿠버네티스 API 엔드포인트"}
MEASURE_NAMES = {"month": "월", "hour": "시간"}


def sla_table() -> pd.DataFrame:
    """The AWS commitments of ``data/sla.csv`` with Korean labels, source grade (출처 등급) and source date."""
    terms = av.sla_terms()
    return cite(pd.DataFrame({
        "서비스": terms["service"].map(SERVICE_NAMES).fillna(terms["service"]), "약속 범위": terms["scope"].map(SCOPE_NAMES).fillna(terms["scope"]),
        "목표 가동률": [av.format_pct(t) for t in terms["target_pct"]],
        "측정 단위": terms["measured_per"].map(MEASURE_NAMES),
        "출처 등급": terms["confidence"].map(datasets.GRADES), "출처 기준일": terms["as_of"],
    }), "sla")


def credit_table() -> pd.DataFrame:
    """Every service-credit tier of ``data/sla_credits.csv`` with its source grade (출처 등급) in words."""
    tiers = datasets.load("sla_credits")
    return cite(pd.DataFrame({
        "서비스": tiers["service"].map(SERVICE_NAMES).fillna(tiers["service"]), "약속 범위": tiers["scope"].map(SCOPE_NAMES).fillna(tiers["scope"]),
        "가동률 구간": [f"{lo:g}% 이상 {hi:g}% 미만" if lo > 0 else f"{hi:g}% 미만"
                    for lo, hi in zip(tiers["uptime_from_pct"], tiers["uptime_to_pct"])],
        "크레딧(월 요금의 %)": tiers["credit_pct"],
        "출처 등급": tiers["confidence"].map(datasets.GRADES),
    }).reset_index(drop=True), "sla_credits")


def convention_table(availability_pct=99.9, calendars=DOWNTIME_CALENDARS + ("2024-02",)) -> pd.DataFrame:
    """One month's allowed downtime at ``availability_pct`` under each calendar convention."""
    return cite(pd.DataFrame({
        "달력 기준": [f"{_calendar_label(c)} ({c})" for c in calendars],
        "한 달 길이": [f"{av.period_length('month', calendar=c) / dt.timedelta(days=1):g}일" for c in calendars],
        "허용 다운타임": [av.format_duration(av.allowed_downtime(availability_pct, calendar=c)) for c in calendars],
    }))


def chain_summary(components, calendar: str = "30d") -> pd.DataFrame:
    """:func:`~awsbook.availability.chain_table` of ``components`` (text or tuples) with Korean columns."""
    parts = av.parse_components(components) if isinstance(components, str) else components
    table = av.chain_table(parts, calendar=calendar)
    return cite(pd.DataFrame({
        "구성 요소": table["name"],
        "한 개의 가용성": [av.format_pct(p) for p in table["part_pct"]],
        "개수(병렬)": table["copies"],
        "묶음 가용성": [av.format_pct(p) for p in table["block_pct"]],
        "월 예상 다운타임": [av.format_duration(d) for d in table["monthly_downtime"]],
        "다운타임 비중": [f"{s:.0f}%" for s in table["share_pct"]],
        "가장 약한 고리": np.where(table["weakest"], "◀", ""),
    }), "sla")


def example_chain_table(azs: int = 2) -> pd.DataFrame:
    """:func:`chain_summary` of the chapter's example: load balancer → EC2 in ``azs`` AZs → database.

    The instances have the EC2 instance-level SLA of ``data/sla.csv``; the load
    balancer and database use the assumed example values.
    """
    azs = int(validate.number("azs", azs, low=1, high=10, integer=True))
    return chain_summary([("로드 밸런서", av.EXAMPLE_LOAD_BALANCER_PCT, 1),
                          (f"EC2 (가용 영역 {azs}곳)", av.sla_target("ec2", scope="instance"), azs),
                          ("데이터베이스", av.EXAMPLE_DATABASE_PCT, 1)])
