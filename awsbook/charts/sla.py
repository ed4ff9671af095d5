"""Availability charts: downtime budgets, composite systems, error-budget burndown and SLIs.

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
from awsbook import datasets, sli, validate
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.sources import cite
from awsbook.charts.theme import PALETTE, new_figure, series_style

#: Calendars offered by the downtime chart: the two averages and two real billing months.
DOWNTIME_CALENDARS = ("30d", "gregorian", "2026-02", "2026-03")
CALENDAR_LABELS = {"30d": "30일 규칙", "gregorian": "그레고리력 평균"}


def _subtitle(fig: go.Figure, text: str = "") -> None:
    """Print a convention or assumption in small type under the chart's title."""
    fig.update_layout(title={"subtitle": {"text": text, "font": {"size": 12, "color": "#444"}}})


def _calendar_label(calendar: str) -> str:
    if calendar in CALENDAR_LABELS:
        return CALENDAR_LABELS[calendar]
    year, month = calendar.split("-")
    return f"{year}년 {int(month)}월 실제 달력"


def _day(t) -> str:
    """Korean month and day without leading zeros: "3월 4일"."""
    return f"{t.month}월 {t.day}일"


def _minutes(td: np.ndarray) -> np.ndarray:
    return td / np.timedelta64(1, "m")


def downtime_budget_chart(presets=av.PRESETS, calendars=DOWNTIME_CALENDARS) -> go.Figure:
    """Allowed downtime (minutes, log scale) of each availability preset.

    A slider picks the period (hour ... year) and a dropdown the calendar
    convention; the convention in use is printed under the title.
    """
    labels = [av.format_pct(p) for p in presets]
    fig = new_figure("가용성 목표별 허용 다운타임", "가용성 목표", "허용 다운타임 (분, 로그 눈금)",
                     hovermode="closest")
    _subtitle(fig)
    fig.add_trace(go.Bar(x=labels, y=[1] * len(labels), marker={"color": PALETTE[0]}, name="허용 다운타임",
                         textposition="outside", cliponaxis=False,
                         hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_yaxes(type="log", dtick=1)

    def state(period_i: int, calendar_i: int):
        period, calendar = av.PERIODS[period_i], calendars[calendar_i]
        budget = av.allowed_downtime(np.asarray(presets, dtype=float), period, calendar=calendar)
        minutes = _minutes(budget)
        low, high = math.log10(minutes.min()), math.log10(minutes.max())
        return {"data": {"y": [minutes], "text": [[av.format_duration(b) for b in budget]]},
                "layout": {"title.text": f"가용성 목표별 {av.PERIOD_NAMES[period]} 허용 다운타임 "
                                         f"({_calendar_label(calendar)})",
                           "title.subtitle.text": av.calendar_note(period, calendar=calendar),
                           "yaxis.range": [low - 0.5, high + 0.6]}}

    return cite(add_controls(fig, [
        Control("slider", "기간", [av.PERIOD_NAMES[p] for p in av.PERIODS], active=av.PERIODS.index("month")),
        Control("dropdown", "달력 기준", [_calendar_label(c) for c in calendars]),
    ], state))


def _nines_axis(lowest_pct: float, highest_pct: float, *, pad: float = 0.15) -> dict:
    """A log axis of unavailability (100 − %), reversed and labelled as availability ("nines" scale).

    Pass the plotted traces' lowest and highest availability (highest < 100);
    ``pad`` is the room (in powers of ten) left beyond them.  Ticks sit at 1 and
    5 times each power of ten inside the range.
    """
    bottom = math.log10(100 - lowest_pct) + pad
    top = math.log10(100 - highest_pct) - pad
    ticks = [m * 10.0 ** k for k in range(math.floor(top), math.ceil(bottom) + 1) for m in (1, 5)
             if top <= math.log10(m * 10.0 ** k) <= bottom and m * 10.0 ** k <= 100]
    return {"type": "log", "autorange": False, "range": [bottom, top],
            "tickvals": ticks, "ticktext": [av.format_pct(100 - t) for t in ticks]}


def composite_chart(instance_options=(99.0, 99.5, 99.9, 99.95), targets=(99.9, 99.95, 99.99), *,
                    load_balancer_pct=av.EXAMPLE_LOAD_BALANCER_PCT, database_pct=av.EXAMPLE_DATABASE_PCT) -> go.Figure:
    """Availability of load balancer → EC2 in 1, 2 or 3 AZs → database, against a target.

    The y axis is a "nines" scale (log of unavailability).  A slider picks one
    instance's availability (default: the EC2 instance-level SLA from
    ``data/sla.csv``), a dropdown the target.  A second line shows the ceiling
    set by the parts that are not redundant.  Failures are assumed independent.
    """
    instance_sla = av.sla_target("ec2", scope="instance")
    options = sorted(set(instance_options) | {instance_sla})
    azs = np.array([1, 2, 3])
    fig = new_figure("예시 웹 구성의 가용성", "EC2 인스턴스를 둔 가용 영역 수", "가용성 (나인 눈금)",
                     hovermode="closest")
    _subtitle(fig, f"가정: 로드 밸런서 {av.format_pct(load_balancer_pct)}, 데이터베이스 "
                   f"{av.format_pct(database_pct)}(예시 값), 가용 영역마다 인스턴스 1대, 장애는 서로 독립")
    ceiling = av.serial(load_balancer_pct, database_pct)
    names = ("전체 시스템 (로드 밸런서 → EC2 → 데이터베이스)", "상한: 로드 밸런서 × 데이터베이스", "목표")
    for i, name in enumerate(names):
        fig.add_trace(go.Scatter(x=[1], y=[1], name=name, mode="lines+markers+text" if i == 0 else "lines",
                                 textposition="bottom center", hoverinfo="text", **series_style(i)))
    fig.update_xaxes(tickvals=azs, ticktext=[f"{n}개 가용 영역" for n in azs], range=[0.6, 3.4])
    edges = [0.6, 3.4]

    def state(instance_i: int, target_i: int):
        pct, target = options[instance_i], targets[target_i]
        tier = [av.parallel(*[pct] * n) for n in azs]
        system = av.serial(load_balancer_pct, np.array(tier), database_pct)
        text = [f"{av.format_pct(s)}<br>월 {av.format_duration(av.allowed_downtime(s))}" for s in system]
        hover = [f"{n}개 가용 영역: 전체 {av.format_pct(s)}, EC2 계층 {av.format_pct(t)}"
                 for n, s, t in zip(azs, system, tier)]
        every = np.concatenate([system, [ceiling, target]])
        return {"data": {"x": [azs, edges, edges],
                         "y": [100 - system, [100 - ceiling] * 2, [100 - target] * 2],
                         "text": [text, [f"상한 {av.format_pct(ceiling)}"] * 2, [f"목표 {av.format_pct(target)}"] * 2],
                         "hovertext": [hover, [f"상한 {av.format_pct(ceiling)}"] * 2,
                                       [f"목표 {av.format_pct(target)}"] * 2]},
                "layout": {"title.text": f"예시 웹 구성의 가용성 — 인스턴스 한 대 {av.format_pct(pct)}, "
                                         f"목표 {av.format_pct(target)}",
                           "yaxis": _nines_axis(every.min(), every.max(), pad=0.3)}}

    return cite(add_controls(fig, [
        Control("slider", "인스턴스 한 대의 가용성", [av.format_pct(p) for p in options],
                active=options.index(instance_sla)),
        Control("dropdown", "목표", [av.format_pct(t) for t in targets], active=min(1, len(targets) - 1)),
    ], state), "sla")


def burndown_chart(burn_rates=(0.5, 1, 2, 3, 6, 10, 14.4, 36), windows_days=(30, 28, 7), *,
                   slo_pct=99.9, policy="workbook") -> go.Figure:
    """Error budget left (%) over an SLO window at constant burn rates.

    Thin lines: the burn rates of ``policy`` (a name in
    :data:`~awsbook.availability.POLICIES`, default the SRE workbook's Table 5-8)
    for that window, named in the subtitle; thick line: the burn rate picked
    on the slider.  A dropdown picks the SLO window.
    """
    fig = new_figure("오류 예산 소진 곡선", "경과 일수", "남은 오류 예산 (%)", hovermode="closest")
    _subtitle(fig)
    label = av.POLICY_NAMES[validate.choice("policy", policy, av.POLICIES)]
    rules = av.burn_rate_alerts(slo_pct, windows_days[0], policy)
    for i in range(len(rules)):
        style = series_style(i + 1)
        style["line"]["width"] = 1.5
        fig.add_trace(go.Scatter(x=[0], y=[100], mode="lines", name="", opacity=0.7, **style))
    fig.add_trace(go.Scatter(x=[0], y=[100], mode="lines", name="선택한 번 레이트",
                             line={"color": PALETTE[0], "width": 4}))
    fig.update_yaxes(range=[-3, 103])

    def curve(burn: float, window: float):
        end = min(window, window / burn)
        x = np.array([0, end, window] if end < window else [0, window])
        return x, av.budget_remaining_pct(burn, x, window)

    def state(burn_i: int, window_i: int):
        burn, window = burn_rates[burn_i], windows_days[window_i]
        table = av.burn_rate_alerts(slo_pct, window, policy)
        xs, ys, names = [], [], []
        for row in table.itertuples():
            x, y = curve(row.burn_rate, window)
            xs.append(x)
            ys.append(y)
            names.append(f"정책: {row.budget_share_pct:g}% / {av.format_duration(row.long_window)} → "
                         f"번 레이트 {row.burn_rate:.3g}")
        x, y = curve(burn, window)
        left = av.time_to_exhaustion(burn, window)
        rate = burn * (100 - slo_pct)
        verdict = (f"{av.format_duration(left)} 만에 모두 씁니다" if burn >= 1
                   else f"{window}일이 끝날 때 {100 - 100 * burn:.3g}%가 남습니다")
        return {"data": {"x": xs + [x], "y": ys + [y], "name": names + [f"선택한 번 레이트 {burn:g}"]},
                "layout": {"title.text": f"오류 예산 소진 곡선 — {window}일 SLO, 번 레이트 {burn:g}",
                           "xaxis.range": [0, window],
                           "title.subtitle.text": f"번 레이트 {burn:g}: 예산을 {verdict}. "
                                                  f"SLO {av.format_pct(slo_pct)}라면 오류율 {rate:.3g}%에 해당합니다. "
                                                  f"가는 선: {label}"}}

    return cite(add_controls(fig, [
        Control("slider", "번 레이트", [f"{b:g}" for b in burn_rates],
                active=burn_rates.index(6) if 6 in burn_rates else 0),
        Control("dropdown", "SLO 기간", [f"{w}일" for w in windows_days]),
    ], state), av.WORKBOOK_SOURCE)


SLI_BUCKETS = ("1시간", "1일")
#: Buckets at 100 % are drawn at this unavailability (%) so that the log axis can show them.
SLI_FLOOR = 1e-3


def sli_chart(*, availability_slo=99.9, latency_threshold_ms=300, latency_slo=99.0,
              buckets=SLI_BUCKETS) -> go.Figure:
    """The request log's SLI per time bucket with its SLO line, on a "nines" axis.

    A dropdown switches between the availability SLI (requests without 5xx)
    and the latency SLI (minutes with p99 ≤ ``latency_threshold_ms``); a slider
    picks the bucket size.  The lowest bucket is marked.
    """
    log = sli.request_log()
    fig = new_figure("요청 로그로 계산한 SLI", "시각", "SLI (나인 눈금)", hovermode="closest")
    _subtitle(fig, f"100%인 구간은 맨 위 눈금({av.format_pct(100 - SLI_FLOOR)})에 그립니다.")
    hover = "%{x|%-m월 %-d일 %H:%M}부터<br>%{customdata:.3f}%"
    fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="SLI", hovertemplate=hover, **series_style(0)))
    fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="SLO", hovertemplate=hover, **series_style(3)))
    fig.update_xaxes(tickformat="%-m월 %-d일", type="date")
    span = [log.index[0].strftime("%Y-%m-%d %H:%M"), log.index[-1].strftime("%Y-%m-%d %H:%M")]
    metrics = (
        ("가용성 SLI", availability_slo,
         lambda freq: sli.availability_sli(freq=freq, log=log), "5xx가 아닌 요청의 비율"),
        ("지연 시간 SLI", latency_slo,
         lambda freq: sli.latency_sli(latency_threshold_ms, freq=freq, log=log),
         f"p99 지연 시간이 {latency_threshold_ms:g} ms 이하인 분의 비율"),
    )

    def state(metric_i: int, bucket_i: int):
        label, slo, compute, meaning = metrics[metric_i]
        series = compute(buckets[bucket_i])  # evenly spaced buckets: drawn from x0 and dx, not an x list
        worst = series.idxmin()
        gap = np.maximum(100 - series.to_numpy(), SLI_FLOOR)
        step_ms = (series.index[1] - series.index[0]) / pd.Timedelta(milliseconds=1)
        return {"data": {"x": [None, span], "x0": [series.index[0].strftime("%Y-%m-%d %H:%M"), None],
                         "dx": [step_ms, None],
                         "y": [gap, [100 - slo] * 2], "customdata": [series.to_numpy(), [slo, slo]],
                         "name": [f"{label} ({buckets[bucket_i]} 단위)", f"SLO {av.format_pct(slo)}"]},
                "layout": {"title.text": f"요청 로그로 계산한 {label} — {meaning}<br><sup>{buckets[bucket_i]} 단위: "
                                         f"가장 낮은 구간 {series.min():.3f}%({_day(worst)} {worst:%H:%M}부터), "
                                         f"SLO {av.format_pct(slo)}에 못 미친 구간 {int((series < slo).sum())}개</sup>",
                           "yaxis": _nines_axis(min(series.min(), slo), 100 - SLI_FLOOR),
                           "annotations": [{"x": worst.strftime("%Y-%m-%d %H:%M"), "y": math.log10(max(100 - series.min(), SLI_FLOOR)),
                                            "text": f"최저 {series.min():.2f}%<br>{_day(worst)} {worst:%H:%M}부터",
                                            "showarrow": True, "arrowhead": 2, "ax": 70, "ay": -10}]}}

    return cite(add_controls(fig, [
        Control("dropdown", "지표", [m[0] for m in metrics]),
        Control("dropdown", "집계 단위", list(buckets)),
    ], state), "request_log")


# --------------------------------------------------------------------------- tables (Korean columns)

SERVICE_NAMES = {"ec2": "EC2", "lambda": "Lambda", "eks": "EKS", "api-gateway": "API Gateway"}
SCOPE_NAMES = {"region": "리전", "instance": "인스턴스 한 대", "api-endpoint": "쿠버네티스 API 엔드포인트"}
MEASURE_NAMES = {"month": "월", "hour": "시간"}
SEVERITY_NAMES = {"page": "호출(page)", "ticket": "티켓(ticket)"}


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


def alert_policy_table(slo_pct=99.9, window_days=30, policy="workbook") -> pd.DataFrame:
    """A burn-rate alert policy for an SLO, with Korean columns.

    ``policy``: a name in :data:`~awsbook.availability.POLICIES` (default: the
    SRE workbook's Table 5-8, three rules; ``"workbook-example"``: the four
    conditions of the workbook's example alerting expression).
    """
    table = av.burn_rate_alerts(slo_pct, window_days, policy)
    return cite(pd.DataFrame({
        "알림": table["severity"].map(SEVERITY_NAMES),
        "예산 소비": [f"{s:g}%" for s in table["budget_share_pct"]],
        "긴 창": [av.format_duration(w) for w in table["long_window"]],
        "짧은 창": [av.format_duration(w) for w in table["short_window"]],
        "번 레이트": [float(f"{b:.4g}") for b in table["burn_rate"]],
        "오류율 임계값": [f"{r:.3g}%" for r in table["error_rate_threshold_pct"]],
        "이 속도면 예산 소진까지": [av.format_duration(t) for t in table["time_to_exhaustion"]],
    }), av.WORKBOOK_SOURCE)


def daily_sli_table(*, latency_threshold_ms=300) -> pd.DataFrame:
    """Requests, 5xx responses and both SLIs of each day in the request log."""
    log = sli.request_log()
    days = log[["requests", "errors_5xx"]].resample("1D").sum()
    avail = sli.availability_sli(freq="1d", log=log)
    latency = sli.latency_sli(latency_threshold_ms, freq="1d", log=log)
    return cite(pd.DataFrame({
        "날짜": [f"{_day(d)}({av.WEEKDAY_NAMES[av.WEEKDAYS[d.weekday()]]})" for d in days.index],
        "요청 수": [f"{n:,}" for n in days["requests"]], "5xx 응답 수": [f"{n:,}" for n in days["errors_5xx"]],
        "가용성 SLI": [f"{v:.3f}%" for v in avail],
        f"지연 시간 SLI(p99 ≤ {latency_threshold_ms:g} ms)": [f"{v:.2f}%" for v in latency],
    }), "request_log")


def firing_table(slo_pct=99.9, window_days=30, policy="workbook") -> pd.DataFrame:
    """When each rule of ``policy`` (default: the SRE workbook's Table 5-8) would have fired on the request log."""
    table = sli.alert_firings(slo_pct, window_days=window_days, policy=policy)
    return cite(pd.DataFrame({
        "알림": table["severity"].map(SEVERITY_NAMES),
        "창(긴/짧은)": [f"{av.format_duration(a)} / {av.format_duration(b)}"
                     for a, b in zip(table["long_window"], table["short_window"])],
        "번 레이트": [float(f"{b:.4g}") for b in table["burn_rate"]],
        "처음 울린 시각": [f"{_day(t)} {t:%H:%M}" if pd.notna(t) else "울리지 않음" for t in table["first_fired"]],
        "울린 시간": [av.format_duration(dt.timedelta(minutes=m)) if m else "–" for m in table["minutes_firing"]],
    }), "request_log", av.WORKBOOK_SOURCE)
