"""Lambda cost charts and tables (static HTML: native plotly controls, no kernel)."""

from __future__ import annotations

import html
import math
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from awsbook import cost, crossover, datasets
from awsbook.formats import korean_count, usd
from awsbook.charts import currency
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.currency import View, won_text
from awsbook.charts.sources import cite
from awsbook.charts.theme import INK, PALETTE, SERVICES, narrow_layout, new_figure, service_style, translucent

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
    "timeout_max_managed_async": "최대 실행 시간(관리형 인스턴스, 비동기·이벤트 소스 매핑 호출)",
    "durable_execution_max": "내구성 함수 실행 전체의 최대 시간(366일)",
    "scaling_rate_per_10s": "함수별 동시성 확장 속도(10초마다 늘릴 수 있는 실행 환경)",
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
    return cite(table.style.hide(axis="index").set_table_attributes('class="dataframe"'), "lambda_limits")


def bill_table(requests, duration_ms, memory_mb, **lambda_options) -> Styler:
    """The worked bill of :func:`awsbook.cost.lambda_bill` as a Korean table (part, formula, USD), text not cut."""
    steps = cost.lambda_bill(requests, duration_ms, memory_mb, **lambda_options)["steps"]
    table = pd.DataFrame({"항목": steps["part"], "계산": steps["formula"], "금액(USD)": steps["usd"]})
    return cite(table.style.hide(axis="index").set_table_attributes('class="dataframe"').format({"금액(USD)": "{:,.4f}"}), "lambda_prices", "lambda_duration_tiers", "lambda_free_tier", "api_gateway_prices", "lambda_ephemeral_prices")


def _positive_or_none(values) -> list:
    return [float(v) if v > 0 else None for v in values]


def _request_ticks(fig: go.Figure, low_exp: int, high_exp: int) -> None:
    """Give ``fig`` a log x axis of monthly requests ticked at each power of ten in Korean units
    (1만 … 10억), every other power on a phone, where "100만 1,000만" would touch."""
    ticks = [10.0 ** k for k in range(low_exp, high_exp + 1)]
    fig.update_xaxes(type="log", tickvals=ticks, ticktext=[korean_count(t) for t in ticks],
                     range=[low_exp - 0.05, high_exp + 0.05])
    narrow_layout(fig, {"xaxis.tickvals": ticks[::2], "xaxis.ticktext": [korean_count(t) for t in ticks[::2]]})


def cost_vs_requests_chart(memories=(128, 256, 512, 1024, 2048, 4096, 10240),
                           durations=(10, 50, 100, 250, 500, 1000, 3000),
                           instance_types=("t3.micro", "m5.large")) -> go.Figure:
    """Monthly Lambda bill against monthly requests (log–log), next to always-on EC2 instances.

    Controls: memory (MB), average duration (ms), free tier on/off, currency and VAT.  The
    break-even point against each instance type is marked and labelled on the chart, and
    the title says below how many requests Lambda is the cheaper one.  Both axes are
    logarithmic because the point is orders of magnitude (said on each axis).
    """
    grid = np.logspace(4, 9, 31)
    ec2 = [cost.ec2_monthly_cost(t) for t in instance_types]
    fig = new_figure("월 요청 수에 따른 Lambda 월 요금", "월 요청 수 (건, 로그 눈금)", "월 요금 (USD, 로그 눈금)",
                     hovermode="closest")
    fig.add_trace(go.Scatter(x=list(grid), y=[], name="Lambda", mode="lines", **service_style("lambda")))
    for i, t in enumerate(instance_types):
        fig.add_trace(go.Scatter(x=[grid[0], grid[-1]], y=[], name=f"EC2 {t} 1대 (상시 실행)", mode="lines",
                                 **service_style("ec2", second=i > 0)))
    fig.add_trace(go.Scatter(x=[], y=[], name="손익분기점", mode="markers+text", textposition="top left",
                             marker={"color": INK, "size": 10, "line": {"color": "white", "width": 2}},
                             cliponaxis=False, textfont={"size": 12}))
    _request_ticks(fig, 4, 9)

    def state(mem_i: int, dur_i: int, free_i: int, currency_i: int, vat_i: int):
        memory, duration, free = memories[mem_i], durations[dur_i], bool(free_i)
        view = View.of(currency_i, vat_i)
        lam = cost.lambda_monthly_cost(grid, duration, memory, free_tier=free)
        points = [(cost.break_even_requests(usd, duration, memory, free_tier=free), usd) for usd in ec2]
        inside = [(r, u) for r, u in points if grid[0] <= r <= grid[-1]]
        free_text = "프리 티어 적용" if free else "프리 티어 없음"
        hover = f"%{{fullData.name}}: {view.hover()}/월<extra></extra>"
        return {"data": {"y": [_positive_or_none(lam), [ec2[0]] * 2, [ec2[1]] * 2, [u for _, u in inside]],
                         "x": [list(grid), [grid[0], grid[-1]], [grid[0], grid[-1]], [r for r, _ in inside]],
                         "text": [None, None, None, [f"월 {korean_count(r, '건')}" for r, _ in inside]],
                         # a label within its own width (about 1.8 powers of ten on a phone) of the left
                         # edge goes right of its point, away from the y axis labels
                         "textposition": [None, None, None, ["top right" if r < grid[0] * 10 ** 1.8 else "top left"
                                                             for r, _ in inside]],
                         "hovertemplate": [hover] * 3 + ["손익분기점 월 %{x:,.0f}건<extra></extra>"]},
                "layout": {"title.text": f"월 {korean_count(points[0][0], '건')}보다 적으면 Lambda가 EC2 {instance_types[0]} "
                                         f"1대보다 쌉니다<br><sup>{memory:,} MB × {duration:,} ms · {free_text} · "
                                         f"{instance_types[1]}와는 월 {korean_count(points[1][0], '건')}에서 같아집니다</sup>",
                           "title.subtitle.text": view.note,
                           "yaxis.title.text": view.title("월 요금", "로그 눈금"),
                           **{f"yaxis.{k}": v for k, v in view.log_axis(0.01, 10_000).items()}}}

    return cite(add_controls(fig, [
        Control("slider", "메모리", [f"{m:,} MB" for m in memories], active=memories.index(512)),
        Control("slider", "평균 실행 시간", [f"{d:,} ms" for d in durations], active=durations.index(100)),
        Control("dropdown", "프리 티어", ["없음", "적용"]),
        *currency.controls(),
    ], state, scale={"y": [0, 1, 2, 3]}), "lambda_prices", "lambda_duration_tiers", "lambda_free_tier", "ec2_prices")


#: Colours of a Lambda bill's parts: all Lambda's blue (requests solid, compute light and hatched),
#: API Gateway in the Lambda + API Gateway blue.
PART_STYLES = {"requests_usd": {"color": SERVICES["lambda"]["color"], "pattern": {"shape": ""}},
               "compute_usd": {"color": translucent(SERVICES["lambda"]["color"]),
                               "line": {"color": SERVICES["lambda"]["color"], "width": 1.5},
                               "pattern": {"shape": "/", "fgcolor": SERVICES["lambda"]["color"]}},
               "api_usd": {"color": SERVICES["lambda_api"]["color"], "pattern": {"shape": "x"}}}


def bill_breakdown_chart(duration_ms: float = 100, memory_mb: int = 512,
                         request_options=(1e6, 5e6, 10e6, 50e6, 100e6)) -> go.Figure:
    """Stacked bars of one month's Lambda bill by part, without and with the free tier; the total
    at the end of each bar.

    Controls: monthly requests, the API Gateway in front (none, HTTP, REST), currency and VAT.
    """
    apis = list(API_NAMES)
    rows = ["프리 티어 없음", "프리 티어 적용"]
    parts = ["requests_usd", "compute_usd", "api_usd"]
    fig = new_figure("Lambda 월 청구서 나누어 보기", "월 요금 (USD)", "", barmode="stack", hovermode="closest",
                     margin={"l": 20, "r": 20, "t": 90, "b": 80})
    for part in parts:
        fig.add_trace(go.Bar(x=[0, 0], y=rows, orientation="h", name=PART_NAMES[part], marker=PART_STYLES[part]))
    fig.update_yaxes(type="category", categoryorder="array")

    def state(req_i: int, api_i: int, currency_i: int, vat_i: int):
        n, api = request_options[req_i], apis[api_i]
        view = View.of(currency_i, vat_i)
        bills = [cost.lambda_bill(n, duration_ms, memory_mb, free_tier=f, api=api) for f in (False, True)]
        totals = [b["total_usd"] for b in bills]
        largest = max(parts, key=lambda p: bills[0][p])
        share = bills[0][largest] / totals[0]
        # Each row names its total, left of its bar, where a label never runs off a phone's screen.
        labels = [f"{row}<br>합계 {view.text(t)}" for row, t in zip(rows, totals)]
        hover = [f"%{{y}}: {view.hover('x')}<extra>{PART_NAMES[p]}</extra>" for p in parts]
        x = [[b[p] for b in bills] if p != "api_usd" or api else [None, None] for p in parts]
        return {"data": {"x": x, "y": [labels] * len(parts), "hovertemplate": hover},
                "layout": {"title.text": f"월 {korean_count(n, '건')}: 청구서의 {share:.0%}가 {PART_NAMES[largest]}입니다"
                                         f"<br><sup>{memory_mb:,} MB × {duration_ms:g} ms · {API_NAMES[api]} · "
                                         f"프리 티어로 월 {view.text(totals[0] - totals[1])} 덜 냅니다</sup>",
                           "title.subtitle.text": view.note, "yaxis.categoryarray": labels[::-1],
                           **view.axis("xaxis", "월 요금", max(totals) * 1.05, most=3)}}

    return cite(add_controls(fig, [
        Control("slider", "월 요청 수", [korean_count(n, "건") for n in request_options], active=2),
        Control("dropdown", "앞단 API", [API_NAMES[a] for a in apis]),
        *currency.controls(),
    ], state, scale={"x": [0, 1, 2]}, plot_height=280),
        "lambda_prices", "lambda_duration_tiers", "lambda_free_tier", "api_gateway_prices")


def memory_tradeoff_chart(cpu_options=(20, 100, 500, 2000), thread_options=(1, 2, 6),
                          wait_ms: float = 50) -> go.Figure:
    """ILLUSTRATIVE model: duration (top) and cost per million requests (bottom) against memory.

    Two panels on one shared memory axis (small multiples, not two y axes over one
    another: the curves' crossing would mean nothing).  Uses
    :func:`awsbook.cost.illustrative_duration_ms` (CPU share proportional to memory); not a
    measurement.  Controls: CPU work per request at one vCPU (ms), the number of threads the
    code can use, currency and VAT.  A dotted line marks the memory where every thread has a
    vCPU; the title says what happens beyond it.
    """
    per_vcpu = cost.lambda_limit("memory_per_vcpu")
    knees = [t * per_vcpu for t in thread_options if t * per_vcpu <= 10240]
    memories = np.unique(np.r_[np.round(np.geomspace(128, 10240, 36)), knees].astype(int))
    fig = new_figure("[설명용 모델] 메모리를 늘리면 실행 시간과 요금은?", "", "", hovermode="x unified",
                     margin={"l": 70, "r": 20, "t": 90, "b": 80})
    fig.set_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1)
    fig.add_trace(go.Scatter(x=list(memories), y=[], name="실행 시간", mode="lines+markers",
                             **service_style("lambda"), hovertemplate="%{y:,.0f} ms<extra>실행 시간</extra>"),
                  row=1, col=1)
    fig.add_trace(go.Scatter(x=list(memories), y=[], name="요청 100만 건당 요금", mode="lines+markers",
                             line={**service_style("lambda")["line"], "dash": "dash"},
                             marker={**service_style("lambda")["marker"], "symbol": "square"}), row=2, col=1)
    ticks = [128, 256, 512, 1024, 2048, 4096, 10240]
    fig.update_xaxes(type="log", tickvals=ticks, ticktext=[f"{t:,}" for t in ticks])
    fig.update_xaxes(title={"text": "메모리 (MB, 로그 눈금)"}, row=2, col=1)
    narrow_layout(fig, {"xaxis2.tickvals": ticks[::2], "xaxis2.ticktext": [f"{t:,}" for t in ticks[::2]]})
    fig.update_yaxes(title={"text": "실행 시간 (ms)"}, rangemode="tozero", row=1, col=1)
    fig.add_annotation(text="설명용 모델이며 측정값이 아닙니다", xref="paper", yref="paper", x=1, y=1,
                       xanchor="right", yanchor="bottom", showarrow=False,
                       font={"color": PALETTE[3], "size": 13}, bgcolor="rgba(255,255,255,0.8)")
    fig.add_annotation(text="", xref="x", yref="paper", x=0, y=0.5, showarrow=False, xanchor="left",
                       font={"size": 12}, bgcolor="rgba(255,255,255,0.8)")

    def state(cpu_i: int, thr_i: int, currency_i: int, vat_i: int):
        cpu, threads = cpu_options[cpu_i], thread_options[thr_i]
        view = View.of(currency_i, vat_i)
        duration = cost.illustrative_duration_ms(memories, cpu_ms_at_one_vcpu=cpu, wait_ms=wait_ms, threads=threads)
        per_million = [cost.lambda_monthly_cost(1e6, float(d), int(m)) for d, m in zip(duration, memories)]
        knee = min(threads * per_vcpu, memories[-1])
        k = int(np.searchsorted(memories, knee))
        if threads * per_vcpu < memories[-1]:
            title = f"{memories[k]:,} MB를 넘기면 더 빨라지지 않고 요금만 오릅니다"
        else:
            title = f"최대 {memories[-1]:,} MB까지 메모리를 늘릴수록 빨라집니다"
        shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": float(memories[k]), "x1": float(memories[k]),
                   "y0": 0, "y1": 1, "line": {"color": INK, "dash": "dot", "width": 1.5}}]
        return {"data": {"x": [list(memories)] * 2, "y": [list(duration), per_million],
                         "hovertemplate": [None, f"{view.hover()}<extra>100만 건당 요금</extra>"]},
                "layout": {"title.text": f"[설명용 모델] {title}<br><sup>"
                                         f"{memories[0]:,} MB: {duration[0]:,.0f} ms, {view.text(per_million[0])} → "
                                         f"{memories[k]:,} MB: {duration[k]:,.0f} ms, {view.text(per_million[k])} "
                                         f"(요금은 요청 100만 건당)</sup>",
                           "title.subtitle.text": view.note, "shapes": shapes,
                           "annotations[1].x": math.log10(memories[k]),
                           "annotations[1].xanchor": "right" if k > len(memories) / 2 else "left",
                           "annotations[1].text": f"스레드 {threads}개가<br>vCPU를 다 쓰는 곳",
                           **view.axis("yaxis2", "100만 건당 요금", max(per_million) * 1.1, most=4)}}

    return cite(add_controls(fig, [
        Control("slider", "CPU 작업(vCPU 1개 기준)", [f"{c:,} ms" for c in cpu_options], active=1),
        Control("dropdown", "스레드", [f"{t}개" for t in thread_options]),
        *currency.controls(),
    ], state, scale={"y": [1]}, plot_height=460), "lambda_prices", "lambda_duration_tiers", "lambda_limits")


def capacity_chart(rps_options=(5, 10, 20, 50), peak_options=(1, 2, 4), *, instance_type: str = "t3.micro",
                   duration_ms: float = 100, memory_mb: int = 512,
                   target_utilisation: float = crossover.FIRST_LOOK_SIZING["target_utilisation"],
                   min_instances: int = crossover.FIRST_LOOK_SIZING["min_instances"],
                   max_requests: float = 100e6) -> go.Figure:
    """Lambda against a capacity-aware EC2 fleet (a staircase), with every interval where Lambda is cheaper.

    Controls: requests per second one instance can serve, the peak-to-average ratio the
    fleet is sized for, currency and VAT.  Requests are ticked in Korean units.
    """
    grid = np.linspace(0, max_requests, 81)
    fig = new_figure("요청 수가 늘면 EC2는 계단처럼, Lambda는 비스듬히", "월 요청 수 (건)", "월 요금 (USD)")
    fig.add_trace(go.Scatter(x=list(grid), y=[], name=f"Lambda {memory_mb:,} MB × {duration_ms:g} ms", mode="lines",
                             **service_style("lambda")))
    fig.add_trace(go.Scatter(x=[], y=[], name=f"EC2 {instance_type} 묶음", mode="lines", line_shape="hv",
                             line=service_style("ec2")["line"]))
    fig.add_trace(go.Scatter(x=[], y=[], name="Lambda가 더 싼 구간", mode="lines",
                             line={"color": SERVICES["lambda"]["color"], "width": 10}, opacity=0.45, hoverinfo="skip"))
    ticks = list(np.linspace(0, max_requests, 5))
    fig.update_xaxes(tickvals=ticks, ticktext=[korean_count(t) for t in ticks], range=[0, max_requests])
    narrow_layout(fig, {"xaxis.tickvals": ticks[::2], "xaxis.ticktext": [korean_count(t) for t in ticks[::2]]})

    settings = cost.lambda_settings(duration_ms, memory_mb)
    lam = settings.monthly_cost(grid)

    def state(rps_i: int, peak_i: int, currency_i: int, vat_i: int):
        rps, peak = rps_options[rps_i], peak_options[peak_i]
        view = View.of(currency_i, vat_i)
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
        hover = [f"Lambda {view.hover()}<extra></extra>", f"EC2 {view.hover()}<extra></extra>", None]
        top = max(max(fleet), float(lam[-1])) * 1.08
        return {"data": {"x": [list(grid), edges, xs], "y": [list(lam), fleet, ys], "hovertemplate": hover},
                "layout": {"title.text": f"요청이 늘면 EC2는 계단처럼, Lambda는 비탈처럼<br><sup>1대당 초당 {rps}건 · "
                                         f"최대/평균 {peak}배 · 목표 사용률 {target_utilisation:.0%} · "
                                         f"Lambda가 더 싼 구간 {len(wins)}개</sup>",
                           "title.subtitle.text": view.note,
                           **view.axis("yaxis", "월 요금", top)}}

    return cite(add_controls(fig, [
        Control("slider", "인스턴스 1대의 처리량", [f"초당 {r}건" for r in rps_options], active=1),
        Control("dropdown", "최대/평균 비", [f"{p}배" for p in peak_options], active=1),
        *currency.controls(),
    ], state, scale={"y": [0, 1]}), "lambda_prices", "lambda_duration_tiers", "ec2_prices")


def bill_parts_chart(bill: dict) -> go.Figure:
    """Horizontal bars of the parts of one bill from :func:`awsbook.cost.lambda_bill` (USD per month)."""
    parts = [p for p in PART_NAMES if p in ("requests_usd", "compute_usd") or bill[p] > 0]
    labels = [PART_NAMES[p] for p in parts]
    values = [bill[p] for p in parts]
    fig = new_figure(f"Lambda 월 청구서<br><sup>합계 {usd(bill['total_usd'])}, {won_text(bill['total_usd'])}</sup>",
                     "월 요금 (USD)", "",
                     hovermode="closest", height=160 + 45 * len(parts))
    fig.add_trace(go.Bar(x=values, y=labels, orientation="h", name="월 요금", marker={"color": SERVICES["lambda"]["color"]},
                         text=[usd(v) for v in values], textposition="auto",
                         hovertemplate="%{y}: $%{x:,.4f}<extra></extra>"))
    fig.update_layout(showlegend=False, margin={"l": 160})
    fig.update_yaxes(autorange="reversed")
    return cite(fig, "lambda_prices", "lambda_duration_tiers", "lambda_free_tier", "api_gateway_prices", "lambda_ephemeral_prices")


def _gb_seconds_bound(x) -> str:
    if x is None or pd.isna(x):
        return "상한 없음"
    return korean_count(x)


def tiers_table() -> pd.DataFrame:
    """The monthly GB-second bands of the tiered duration discount, per architecture (Korean columns)."""
    tiers = datasets.load("lambda_duration_tiers")
    return cite(pd.DataFrame({
        "아키텍처": tiers["arch"],
        "월 GB-초 (부터)": [_gb_seconds_bound(f) for f in tiers["from_gb_seconds"]],
        "월 GB-초 (까지)": [_gb_seconds_bound(t) for t in tiers["to_gb_seconds"]],
        "GB-초 요금 할인(%)": tiers["discount_pct"].astype(int),
    }).set_index("아키텍처"), "lambda_duration_tiers")
