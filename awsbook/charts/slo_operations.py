"""SLO operations charts: error-budget burndown, burn-rate alert policies and SLIs from a request log.

Every chart prints the convention or assumption behind its numbers on the figure.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from awsbook import availability as av
from awsbook import sli, validate
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.sla import day_label, nines_axis, nines_title, subtitle
from awsbook.charts.sources import cite
from awsbook.charts.theme import PALETTE, new_figure, series_style

SEVERITY_NAMES = {"page": "호출(page)", "ticket": "티켓(ticket)"}


def burndown_chart(burn_rates=(0.5, 1, 2, 3, 6, 10, 14.4, 36), windows_days=(30, 28, 7), *,
                   slo_pct=99.9, policy="workbook", active_burn=3) -> go.Figure:
    """Error budget left (%) over an SLO window at constant burn rates.

    Thin lines: the burn rates of ``policy`` (a name in
    :data:`~awsbook.availability.POLICIES`, default the SRE workbook's Table 5-8)
    for that window, named in the subtitle; thick line: the burn rate picked
    on the slider (by default ``active_burn``, which lies on none of the policy's lines, so
    the thick line is seen apart from them).  A dropdown picks the SLO window.  The title
    says when the picked burn rate spends the budget.
    """
    fig = new_figure("오류 예산 소진 곡선", "경과 일수", "남은 오류 예산 (%)", hovermode="closest")
    subtitle(fig)
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
        verdict = (f"{av.format_duration(left, units=2)} 만에 모두 씁니다" if burn >= 1
                   else f"다 쓰지 않습니다({window}일이 끝날 때 {100 - 100 * burn:.3g}%가 남습니다)")
        return {"data": {"x": xs + [x], "y": ys + [y], "name": names + [f"선택한 번 레이트 {burn:g}"]},
                "layout": {"title.text": f"번 레이트 {burn:g}이면 {window}일 SLO의 오류 예산을 {verdict}<br><sup>"
                                         f"SLO {av.format_pct(slo_pct)}라면 오류율 {rate:.3g}%에 해당합니다</sup>",
                           "xaxis.range": [0, window],
                           "title.subtitle.text": f"가는 선: {label}"}}

    return cite(add_controls(fig, [
        Control("slider", "번 레이트", [f"{b:g}" for b in burn_rates],
                active=burn_rates.index(active_burn) if active_burn in burn_rates else 0),
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
    fig = new_figure("요청 로그로 계산한 SLI", "시각", nines_title("SLI"), hovermode="closest")
    subtitle(fig, f"100%인 구간은 맨 위 눈금({av.format_pct(100 - SLI_FLOOR)})에 그립니다.")
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
                "layout": {"title.text": f"{label}가 SLO {av.format_pct(slo)}에 못 미친 {buckets[bucket_i]} 구간은 "
                                         f"{int((series < slo).sum())}개입니다<br><sup>{label}: {meaning} · 가장 낮은 구간 "
                                         f"{series.min():.3f}%({day_label(worst)} {worst:%H:%M}부터)</sup>",
                           "yaxis": nines_axis(min(series.min(), slo), 100 - SLI_FLOOR, what="SLI"),
                           # the note points at the lowest bucket from the side with room, on a phone too
                           "annotations": [{"x": worst.strftime("%Y-%m-%d %H:%M"), "y": math.log10(max(100 - series.min(), SLI_FLOOR)),
                                            "text": f"최저 {series.min():.2f}%<br>{day_label(worst)} {worst:%H:%M}부터",
                                            "showarrow": True, "arrowhead": 2, "ay": -40,
                                            "ax": 60 if (worst - log.index[0]) < (log.index[-1] - worst) else -60,
                                            "bgcolor": "rgba(255,255,255,0.85)"}]}}

    return cite(add_controls(fig, [
        Control("dropdown", "지표", [m[0] for m in metrics]),
        Control("dropdown", "집계 단위", list(buckets)),
    ], state), "request_log")


# --------------------------------------------------------------------------- tables (Korean columns)

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
        "날짜": [f"{day_label(d)}({av.WEEKDAY_NAMES[av.WEEKDAYS[d.weekday()]]})" for d in days.index],
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
        "처음 울린 시각": [f"{day_label(t)} {t:%H:%M}" if pd.notna(t) else "울리지 않음" for t in table["first_fired"]],
        "울린 시간": [av.format_duration(dt.timedelta(minutes=m)) if m else "–" for m in table["minutes_firing"]],
    }), "request_log", av.WORKBOOK_SOURCE)
