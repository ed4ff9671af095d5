"""Lambda cost charts and tables (static HTML: native plotly controls, no kernel)."""

from __future__ import annotations

import html
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from awsbook import cost, crossover, datasets
from awsbook.formats import korean_count
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.theme import PALETTE, new_figure, series_style

PART_NAMES = {"requests_usd": "요청 요금", "compute_usd": "컴퓨팅 요금(GB-초)", "api_usd": "API Gateway",
              "ephemeral_usd": "임시 스토리지"}
API_NAMES = {None: "API Gateway 없음", "http": "HTTP API", "rest": "REST API"}

LIMIT_NAMES = {
    "memory_min": "최소 메모리", "memory_max": "최대 메모리", "memory_step": "메모리 설정 단위",
    "vcpu_max": "최대 vCPU", "memory_per_vcpu": "vCPU 1개에 해당하는 메모리", "timeout_max": "최대 실행 시간(제한 시간)",
    "payload_sync": "동기 호출 페이로드(요청·응답 각각)", "payload_async": "비동기 호출 페이로드",
    "response_stream": "스트리밍 응답", "ephemeral_default": "/tmp 임시 스토리지 기본값",
    "ephemeral_max": "/tmp 임시 스토리지 최대", "package_zip": "배포 패키지(zip, 직접 업로드)",
    "package_unzipped": "배포 패키지(압축 해제, 레이어 포함)", "container_image": "컨테이너 이미지",
    "layers_max": "레이어 수", "concurrency_default": "리전별 기본 동시 실행 수",
}
UNIT_NAMES = {"MB": " MB", "s": "초", "vCPU": " vCPU", "count": "개"}


def limits_table() -> Styler:
    """Lambda quotas from ``data/lambda_limits.csv`` with Korean names; dated rows say since/until when."""
    limits = datasets.load("lambda_limits")
    rows = []
    for r in limits.itertuples():
        if r.valid_until is not None and not pd.isna(r.valid_until):
            period = f"{r.valid_until.isoformat()}까지 (지금은 아님)"
        elif r.valid_from is not None and not pd.isna(r.valid_from):
            period = f"{r.valid_from.isoformat()}부터"
        else:
            period = "현재"
        link = f'<a href="{html.escape(r.source_url)}">{html.escape(urlparse(r.source_url).hostname)}</a>'
        rows.append((LIMIT_NAMES.get(r.quantity, r.quantity), f"{r.value:,.0f}{UNIT_NAMES[r.unit]}", period, link))
    table = pd.DataFrame(rows, columns=["항목", "값", "적용 기간", "출처"])
    return table.style.hide(axis="index").set_table_attributes('class="dataframe"')


def bill_table(requests, duration_ms, memory_mb, **lambda_options) -> Styler:
    """The worked bill of :func:`awsbook.cost.lambda_bill` as a Korean table (part, formula, USD), text not cut."""
    steps = cost.lambda_bill(requests, duration_ms, memory_mb, **lambda_options)["steps"]
    table = pd.DataFrame({"항목": steps["part"], "계산": steps["formula"], "금액(USD)": steps["usd"]})
    return table.style.hide(axis="index").set_table_attributes('class="dataframe"').format({"금액(USD)": "{:,.4f}"})


def _positive_or_none(values) -> list:
    return [float(v) if v > 0 else None for v in values]


def cost_vs_requests_chart(memories=(128, 256, 512, 1024, 2048, 4096, 10240),
                           durations=(10, 50, 100, 250, 500, 1000, 3000),
                           instance_types=("t3.micro", "m5.large")) -> go.Figure:
    """Monthly Lambda bill against monthly requests (log–log), next to always-on EC2 instances.

    Controls: memory (MB), average duration (ms), free tier on/off.  A
    dotted vertical line marks the break-even point against the first instance type.
    """
    grid = np.logspace(4, 9, 31)
    ec2 = [cost.ec2_monthly_cost(t) for t in instance_types]
    fig = new_figure("월 요청 수에 따른 Lambda 월 요금", "월 요청 수 (건, 로그 눈금)", "월 요금 (USD, 로그 눈금)")
    fig.add_trace(go.Scatter(x=list(grid), y=[], name="Lambda", mode="lines", **series_style(0),
                             hovertemplate="Lambda $%{y:,.2f}<extra></extra>"))
    for i, (t, usd) in enumerate(zip(instance_types, ec2), start=1):
        fig.add_trace(go.Scatter(x=[grid[0], grid[-1]], y=[usd, usd], name=f"EC2 {t} 1대 (상시 실행)",
                                 mode="lines", **series_style(i), hovertemplate=f"{t} $%{{y:,.2f}}<extra></extra>"))
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", range=[-2, 4])

    def state(mem_i: int, dur_i: int, free_i: int):
        memory, duration, free = memories[mem_i], durations[dur_i], bool(free_i)
        lam = cost.lambda_monthly_cost(grid, duration, memory, free_tier=free)
        be = cost.break_even_requests(ec2[0], duration, memory, free_tier=free)
        free_text = "프리 티어 적용" if free else "프리 티어 없음"
        marker = {"type": "line", "x0": be, "x1": be, "y0": 0, "y1": 1, "yref": "paper",
                  "line": {"color": PALETTE[3], "dash": "dot", "width": 2}}
        return {"data": {"y": [_positive_or_none(lam), [ec2[0]] * 2, [ec2[1]] * 2]},
                "layout": {"title.text": f"월 요청 수에 따른 Lambda 월 요금<br><sup>{memory:,} MB × {duration:,} ms · "
                                         f"{free_text} · {instance_types[0]}와의 손익분기점(점선) 월 {korean_count(be, '건')}</sup>",
                           "shapes": [marker]}}

    return add_controls(fig, [
        Control("slider", "메모리", [f"{m:,} MB" for m in memories], active=memories.index(512)),
        Control("slider", "평균 실행 시간", [f"{d:,} ms" for d in durations], active=durations.index(100)),
        Control("dropdown", "프리 티어", ["없음", "적용"]),
    ], state)


def bill_breakdown_chart(duration_ms: float = 100, memory_mb: int = 512,
                         request_options=(1e6, 5e6, 10e6, 50e6, 100e6)) -> go.Figure:
    """Stacked bars of one month's Lambda bill by part, without and with the free tier.

    Controls: monthly requests and the API Gateway in front (none, HTTP, REST).
    """
    apis = list(API_NAMES)
    rows = ["프리 티어 없음", "프리 티어 적용"]
    parts = ["requests_usd", "compute_usd", "api_usd"]
    fig = new_figure("Lambda 월 청구서 나누어 보기", "월 요금 (USD)", "", barmode="stack", hovermode="closest")
    for i, part in enumerate(parts):
        fig.add_trace(go.Bar(x=[0, 0], y=rows, orientation="h", name=PART_NAMES[part],
                             marker={"color": PALETTE[i], "pattern": {"shape": ("", "/", "x")[i]}},
                             hovertemplate="%{y}: $%{x:,.2f}<extra>" + PART_NAMES[part] + "</extra>"))
    fig.update_yaxes(autorange="reversed")

    def state(req_i: int, api_i: int):
        n, api = request_options[req_i], apis[api_i]
        bills = [cost.lambda_bill(n, duration_ms, memory_mb, free_tier=f, api=api) for f in (False, True)]
        totals = f"${bills[0]['total_usd']:,.2f}(프리 티어 없음), ${bills[1]['total_usd']:,.2f}(적용)"
        return {"data": {"x": [[b[p] for b in bills] for p in parts], "y": [rows] * len(parts)},
                "layout": {"title.text": f"Lambda 월 청구서 나누어 보기<br><sup>월 {korean_count(n, '건')} · {memory_mb:,} MB × "
                                         f"{duration_ms:g} ms · {API_NAMES[api]} · 합계 {totals}</sup>"}}

    return add_controls(fig, [
        Control("slider", "월 요청 수", [korean_count(n, "건") for n in request_options], active=2),
        Control("dropdown", "앞단 API", [API_NAMES[a] for a in apis]),
    ], state)


def memory_tradeoff_chart(cpu_options=(20, 100, 500, 2000), thread_options=(1, 2, 6),
                          wait_ms: float = 50) -> go.Figure:
    """ILLUSTRATIVE model: duration and cost per million requests against memory.

    Uses :func:`awsbook.cost.illustrative_duration_ms` (CPU share proportional
    to memory); not a measurement.  Controls: CPU work per request at one
    vCPU (ms) and the number of threads the code can use.
    """
    per_vcpu = cost.lambda_limit("memory_per_vcpu")
    knees = [t * per_vcpu for t in thread_options if t * per_vcpu <= 10240]
    memories = np.unique(np.r_[np.round(np.geomspace(128, 10240, 36)), knees].astype(int))
    fig = new_figure("[설명용 모델] 메모리를 늘리면 실행 시간과 요금은?", "메모리 (MB, 로그 눈금)",
                     "실행 시간 (ms)", hovermode="x unified")
    fig.add_trace(go.Scatter(x=list(memories), y=[], name="실행 시간 (ms, 왼쪽 축)", mode="lines+markers",
                             **series_style(0), hovertemplate="%{y:,.0f} ms<extra></extra>"))
    fig.add_trace(go.Scatter(x=list(memories), y=[], name="요청 100만 건당 요금 (USD, 오른쪽 축)",
                             mode="lines+markers", yaxis="y2", **series_style(1),
                             hovertemplate="$%{y:,.2f}/100만 건<extra></extra>"))
    fig.update_layout(xaxis={"type": "log"},
                      yaxis2={"title": {"text": "요청 100만 건당 요금 (USD)"}, "overlaying": "y", "side": "right",
                              "rangemode": "tozero", "showgrid": False},
                      yaxis={"rangemode": "tozero"}, margin={"r": 80})
    fig.add_annotation(text="설명용 모델이며 측정값이 아닙니다", xref="paper", yref="paper", x=1, y=1,
                       xanchor="right", yanchor="bottom", showarrow=False,
                       font={"color": PALETTE[3], "size": 13}, bgcolor="rgba(255,255,255,0.8)")

    def state(cpu_i: int, thr_i: int):
        cpu, threads = cpu_options[cpu_i], thread_options[thr_i]
        duration = cost.illustrative_duration_ms(memories, cpu_ms_at_one_vcpu=cpu, wait_ms=wait_ms, threads=threads)
        per_million = [cost.lambda_monthly_cost(1e6, float(d), int(m)) for d, m in zip(duration, memories)]
        knee = min(threads * per_vcpu, memories[-1])
        k = int(np.searchsorted(memories, knee))
        return {"data": {"x": [list(memories)] * 2, "y": [list(duration), per_million]},
                "layout": {"title.text": f"[설명용 모델] 메모리를 늘리면 실행 시간과 요금은?<br><sup>"
                                         f"{memories[0]:,} MB: {duration[0]:,.0f} ms, ${per_million[0]:,.2f} → "
                                         f"{memories[k]:,} MB: {duration[k]:,.0f} ms, ${per_million[k]:,.2f} "
                                         f"(요금은 100만 건당)</sup>"}}

    return add_controls(fig, [
        Control("slider", "CPU 작업(vCPU 1개 기준)", [f"{c:,} ms" for c in cpu_options], active=1),
        Control("dropdown", "스레드", [f"{t}개" for t in thread_options]),
    ], state)


def capacity_chart(rps_options=(5, 10, 20, 50), peak_options=(1, 2, 4), *, instance_type: str = "t3.micro",
                   duration_ms: float = 100, memory_mb: int = 512,
                   target_utilisation: float = crossover.FIRST_LOOK_SIZING["target_utilisation"],
                   min_instances: int = crossover.FIRST_LOOK_SIZING["min_instances"],
                   max_requests: float = 100e6) -> go.Figure:
    """Lambda against a capacity-aware EC2 fleet (a staircase), with every interval where Lambda is cheaper.

    Controls: requests per second one instance can serve, and the
    peak-to-average ratio the fleet is sized for.
    """
    grid = np.linspace(0, max_requests, 81)
    fig = new_figure("요청 수가 늘면 EC2는 계단처럼, Lambda는 비스듬히", "월 요청 수 (건)", "월 요금 (USD)")
    fig.add_trace(go.Scatter(x=list(grid), y=[], name=f"Lambda {memory_mb:,} MB × {duration_ms:g} ms", mode="lines",
                             **series_style(0), hovertemplate="Lambda $%{y:,.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[], y=[], name=f"EC2 {instance_type} 묶음", mode="lines", line_shape="hv",
                             line=series_style(1)["line"], hovertemplate="EC2 $%{y:,.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[], y=[], name="Lambda가 더 싼 구간", mode="lines",
                             line={"color": PALETTE[2], "width": 10}, hoverinfo="skip"))

    settings = cost.lambda_settings(duration_ms, memory_mb)
    lam = settings.monthly_cost(grid)

    def state(rps_i: int, peak_i: int):
        rps, peak = rps_options[rps_i], peak_options[peak_i]
        stairs = cost.ec2_fleet_staircase(max_requests, instance_type, rps_per_instance=rps, peak_to_average=peak,
                                          target_utilisation=target_utilisation, min_instances=min_instances)
        edges = list(stairs["from_requests"]) + [max_requests]
        fleet = list(stairs["monthly_usd"]) + [stairs["monthly_usd"].iloc[-1]]
        table = cost.intervals_against_fleet(settings, stairs)
        wins = table[table["option"] == "lambda"]
        xs, ys = [], []
        for a, b in zip(wins["from_requests"], wins["to_requests"]):
            xs += [a, b, None]
            ys += [0, 0, None]
        return {"data": {"x": [list(grid), edges, xs], "y": [list(lam), fleet, ys]},
                "layout": {"title.text": f"요청이 늘면 EC2는 계단처럼, Lambda는 비탈처럼<br><sup>1대당 초당 {rps}건 · "
                                         f"최대/평균 {peak}배 · 목표 사용률 {target_utilisation:.0%} · "
                                         f"Lambda가 더 싼 구간 {len(wins)}개</sup>"}}

    return add_controls(fig, [
        Control("slider", "인스턴스 1대의 처리량", [f"초당 {r}건" for r in rps_options], active=1),
        Control("dropdown", "최대/평균 비", [f"{p}배" for p in peak_options], active=1),
    ], state)


def bill_parts_chart(bill: dict) -> go.Figure:
    """Horizontal bars of the parts of one bill from :func:`awsbook.cost.lambda_bill` (USD per month)."""
    parts = [p for p in PART_NAMES if p in ("requests_usd", "compute_usd") or bill[p] > 0]
    labels = [PART_NAMES[p] for p in parts]
    values = [bill[p] for p in parts]
    fig = new_figure(f"Lambda 월 청구서<br><sup>합계 ${bill['total_usd']:,.2f}</sup>", "월 요금 (USD)", "",
                     hovermode="closest", height=160 + 45 * len(parts))
    fig.add_trace(go.Bar(x=values, y=labels, orientation="h", name="월 요금", marker={"color": PALETTE[0]},
                         text=[f"${v:,.2f}" for v in values], textposition="auto",
                         hovertemplate="%{y}: $%{x:,.4f}<extra></extra>"))
    fig.update_layout(showlegend=False, margin={"l": 160})
    fig.update_yaxes(autorange="reversed")
    return fig


def _gb_seconds_bound(x) -> str:
    if x is None or pd.isna(x):
        return "상한 없음"
    return korean_count(x)


def tiers_table() -> pd.DataFrame:
    """The monthly GB-second bands of the tiered duration discount, per architecture (Korean columns)."""
    tiers = datasets.load("lambda_duration_tiers")
    return pd.DataFrame({
        "아키텍처": tiers["arch"],
        "월 GB-초 (부터)": [_gb_seconds_bound(f) for f in tiers["from_gb_seconds"]],
        "월 GB-초 (까지)": [_gb_seconds_bound(t) for t in tiers["to_gb_seconds"]],
        "GB-초 요금 할인(%)": tiers["discount_pct"].astype(int),
    }).set_index("아키텍처")
