"""Crossover charts: where Lambda's bill crosses always-on EC2 and Fargate.

* :func:`crossover_explorer` — monthly cost vs monthly requests (log–log) with
  duration, memory, instance-type and region controls; every break-even point
  is marked and labelled, and a break-even table sits under the plot;
* :func:`crossover_figure` — the same chart for one free set of inputs (the
  live dashboard draws it);
* :func:`capacity_chart` — EC2 sized for peak traffic (a staircase) against
  Lambda, with the intervals where each is cheaper shaded;
* :func:`busy_hours_chart` — cost vs hours per day the service is busy;
* table views with Korean headers for the prose.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from awsbook import cost, crossover, money
from awsbook.formats import korean_count, rps_text, usd, won
from awsbook.charts import currency
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.currency import View
from awsbook.charts.ec2 import REGION_NAMES
from awsbook.charts.sources import cite
from awsbook.charts.theme import INK, log_ticks, narrow_layout, new_figure, service_fill, service_style

#: Requests per month on the explorer's x axis: 10^4 … 10^10, one point a decade (Lambda's
#: bill is nearly proportional to requests, a straight line on log–log axes; the live
#: dashboard draws a finer grid).
REQUEST_GRID = [10 ** k for k in range(4, 11)]
FINE_GRID = np.logspace(4, 10, 49)
#: Explorer y axis: $0.01 … $100,000 a month (log).
COST_TICKS = [10.0 ** k for k in range(-2, 6)]

EXPLORER_DURATIONS_MS = (25, 100, 300, 1000)
EXPLORER_MEMORIES_MB = (128, 512, 1769, 4096, 10240)
#: Instance types the explorer's EC2 dropdown lists first; every other priced type follows
#: (see :func:`explorer_types`).
EXPLORER_TYPES = ("t3.small", "t4g.small", "m5.large", "c7g.large")
EXPLORER_REGIONS = ("us-east-1", "ap-northeast-2")
#: The static explorer's fixed choices (the live dashboard frees them).
EXPLORER_FARGATE = {"vcpu": crossover.REFERENCE["fargate_vcpu"],
                    "memory_gb": crossover.REFERENCE["fargate_memory_gb"], "tasks": 1}
EXPLORER_API = "http"

#: Capacity view: slider options (the fleet assumptions are crossover.SIZING).
CAPACITY_PEAK_RATIOS = (1, 2, 3, 4, 6)
CAPACITY_RPS_PER_INSTANCE = (10, 20, 50, 100, 200)
CAPACITY_MAX_REQUESTS = 2e8

BUSY_RPS = (1, 5, 20, 50, 100, 200)



# --------------------------------------------------------------------------- labels

def break_even_label(requests: float) -> str:
    """Marker label: monthly requests and the average requests per second."""
    return f"월 {korean_count(requests, '건')}<br>{rps_text(crossover.requests_per_second(requests))} rps"


#: The explorer's plot width on a 390 px phone (px) and a tick label's width there (px a character):
#: ticks closer than their labels' half widths are dropped.
PHONE_PLOT_PX, TICK_CHAR_PX = 230, 8


def _spaced(ticks: list[float], low: float, high: float) -> list[float]:
    """``ticks`` of a log axis over [``low``, ``high``] thinned so that, on a phone, no two of their
    Korean labels touch (the first label of each pair that would is kept)."""
    span = math.log10(high / low)
    kept = []
    for t in ticks:
        if kept:
            gap = math.log10(t / kept[-1]) / span * PHONE_PLOT_PX
            if gap < (len(korean_count(t)) + len(korean_count(kept[-1]))) / 2 * TICK_CHAR_PX + 8:
                continue
        kept.append(t)
    return kept


def _request_axis(low: float = REQUEST_GRID[0], high: float = REQUEST_GRID[-1]) -> dict:
    """A log axis of monthly requests over [``low``, ``high``], ticked in Korean units with the average
    requests per second under each (a phone keeps the first line), never so close that labels touch."""
    ticks = _spaced(log_ticks(low, high), low, high)
    return {
        "type": "log", "range": [math.log10(low), math.log10(high)], "tickvals": ticks,
        "ticktext": [f"{korean_count(t)}<br>({rps_text(crossover.requests_per_second(t))} rps)" for t in ticks],
    }


def _cost_axis() -> dict:
    return View().log_axis(COST_TICKS[0], COST_TICKS[-1])


# --------------------------------------------------------------------------- the crossover state

def _lambda_curve(grid, settings: cost.LambdaSettings, note: str) -> list:
    """Lambda's bill on ``grid`` (4 significant digits: drawing only); gaps where it is $0
    (free tier) or not priced (``note`` from :func:`crossover.priced_lambda`)."""
    if note:
        return [None] * len(grid)
    y = settings.monthly_cost(np.asarray(grid, float))
    return [float(f"{v:.4g}") if v > 0 else None for v in y]


def crossover_scenario(lambdas, options, duration_ms, memory_mb, grid=REQUEST_GRID, *,
                       labels: bool = True) -> tuple[dict, pd.DataFrame]:
    """Figure state and break-even table for Lambda variants against always-on options.

    ``lambdas``: ``[(name, lambda_options), ...]``; ``options``: FixedOptions.
    The state follows the trace order of :func:`_add_traces`: one line per
    Lambda variant, one per option, then the break-even markers (Lambda
    variant by variant, option by option), labelled with requests and rps
    unless ``labels`` is False.  The table is :func:`crossover.break_even_rows`
    per variant with a ``lambda`` column; each variant's settings are checked
    once (:func:`crossover.priced_lambda`).
    """
    priced = [crossover.priced_lambda(duration_ms, memory_mb, **opts) for _, opts in lambdas]
    tables = [crossover.break_even_rows(options, settings, note) for settings, note in priced]
    columns = {c: [v for t in tables for v in t[c]] for c in crossover.TABLE_COLUMNS}
    table = pd.DataFrame({"lambda": [name for name, _ in lambdas for _ in options], **columns})
    x = [list(grid)] * len(lambdas)
    y = [_lambda_curve(grid, settings, note) for settings, note in priced]
    for option in options:
        x.append([grid[0], grid[-1]])
        y.append([option.monthly_usd] * 2 if option.monthly_usd is not None else [None, None])
    # Labels go above the most expensive line and below the others; left/right alternate by variant.
    costs = [o.monthly_usd for o in options if o.monthly_usd is not None]
    top = max(costs) if costs else None
    ok = table["requests_per_month"].notna()
    mx = [float(r) if good else None for r, good in zip(table["requests_per_month"], ok)]
    my = [float(u) if good else None for u, good in zip(table["monthly_usd"], ok)]
    text = [break_even_label(r) if r is not None else "" for r in mx]
    where = []
    for i in range(len(lambdas)):
        side = "right" if i % 2 == 0 else "left"
        where += [("top " if o.monthly_usd == top else "bottom ") + side for o in options]
    x.append(mx)
    y.append(my)
    blank = [None] * (len(x) - 1)
    state = {"data": {"x": x, "y": y}}
    if labels:
        state["data"] |= {"text": blank + [text], "textposition": blank + [where]}
    return state, table


def _service(name: str) -> str:
    """The service (a key of :data:`theme.SERVICES`) a crossover line stands for, from its name."""
    if name.startswith("Lambda"):
        return "lambda_api" if "API" in name else "lambda"
    return "fargate" if name.startswith("Fargate") else "ec2"


def _add_traces(fig: go.Figure, lambda_names, option_names, *, labels: bool = True) -> None:
    """Lines for the Lambda variants and the always-on options (each in its service's look), then
    the break-even markers, labelled on the chart."""
    for name in list(lambda_names) + list(option_names):
        fig.add_trace(go.Scatter(x=[], y=[], name=name, mode="lines", line=service_style(_service(name))["line"],
                                 hovertemplate="%{y:$,.2f}/월<extra>" + name + "</extra>"))
    marker = {"color": INK, "symbol": "circle", "size": 11, "line": {"width": 2, "color": "white"}}
    fig.add_trace(go.Scatter(x=[], y=[], name="손익분기점", mode="markers+text", marker=marker,
                             textfont={"size": 11 if labels else 12}, cliponaxis=False,
                             hovertemplate=("%{text}" if labels else "월 %{x:,.0f}건, %{y:$,.2f}/월")
                             + "<extra>손익분기점</extra>"))


def _summary(table: pd.DataFrame, option_names, lambda_names, missing: set[str]) -> str:
    """The break-even points of a state in words, option by option (the chart's live text).

    ``missing`` holds the names (of ``option_names`` and ``lambda_names``) that have no price in
    the region: each is said once, as missing, instead of a break-even point it cannot have."""
    parts = []
    for k, option in enumerate(option_names):
        if option in missing:
            parts.append(f"{option}: {crossover.NO_PRICE}")
            continue
        rows = table.iloc[k::len(option_names)]
        points = [f"{lam} {crossover.NO_PRICE if lam in missing else f'{korean_count(r)}({rps_text(q)} rps)'}"
                  for lam, r, q in zip(lambda_names, rows["requests_per_month"], rows["requests_per_second"])]
        parts.append(f"{option}: " + ", ".join(points))
    return "손익분기점(월 요청 수) — " + " · ".join(parts)


def explorer_types() -> list[str]:
    """The explorer's EC2 choices: :data:`EXPLORER_TYPES` first, then every other type in ``data/``.

    A type priced in only one region shows "요금 자료 없음" in the others, so a
    row a teacher adds to ``data/ec2_prices.csv`` appears with no code change.
    """
    priced = cost.instance_types()
    return [t for t in EXPLORER_TYPES if t in priced] + [t for t in priced if t not in EXPLORER_TYPES]


def _explorer_inputs(region: str, instance_type: str):
    lambdas = [("Lambda", {"region": region}),
               (f"Lambda + API Gateway({EXPLORER_API.upper()} API)", {"region": region, "api": EXPLORER_API})]
    f = EXPLORER_FARGATE
    options = [crossover.ec2_option(instance_type, region=region),
               crossover.fargate_option(f["vcpu"], f["memory_gb"], tasks=f["tasks"], region=region)]
    return lambdas, options


def _zoom(points_x, points_y, pad: float = 0.35) -> tuple[tuple[float, float], tuple[float, float]]:
    """Log-axis extents (requests, USD) that frame the break-even points with ``pad`` powers of ten
    around them, so that they stand apart; the whole explorer range when there is none."""
    xs = [x for x in points_x if x is not None]
    ys = [y for y in points_y if y is not None]
    if not xs:
        return (REQUEST_GRID[0], REQUEST_GRID[-1]), (COST_TICKS[0], COST_TICKS[-1])
    low_x = max(REQUEST_GRID[0], min(xs) / 10 ** pad)
    high_x = min(REQUEST_GRID[-1], max(xs) * 10 ** pad)
    return (low_x, high_x), (min(ys) / 10 ** pad, max(ys) * 10 ** pad)


def crossover_explorer() -> go.Figure:
    """Monthly cost vs monthly requests for Lambda, Lambda + API Gateway, EC2 and Fargate.

    Sliders pick Lambda's duration and memory, dropdowns the EC2 instance
    type and the region, radio buttons the currency and VAT; every combination is
    precomputed.  Break-even points come from :func:`crossover.break_even_table` (so
    from :func:`cost.break_even_requests`), are marked and labelled on the chart, and
    stated in words, with requests per second, as the chart's subtitle.  Each state is
    zoomed onto its break-even points (log axes, said on them), so they do not sit on
    one spot.  Options without a price for the region are left out of the plot and
    said missing inside it and in the subtitle.
    """
    types = explorer_types()
    lambdas, options = _explorer_inputs(EXPLORER_REGIONS[0], types[0])
    lambda_names = [n for n, _ in lambdas]
    f = EXPLORER_FARGATE
    option_names = ["EC2 인스턴스 1대 (온디맨드)", f"Fargate 태스크 {f['tasks']}개 ({f['vcpu']:g} vCPU·{f['memory_gb']:g} GB)"]
    fig = new_figure("월 비용과 월 요청 수: 손익분기점 찾기", "월 요청 수 (로그 눈금, 괄호: 평균 초당 요청 수)",
                     "월 비용 (USD, 로그 눈금)")
    fig.update_layout(xaxis=_request_axis(), yaxis=_cost_axis(), hovermode="closest")
    # A phone shows the first line of each tick (the requests), so the title names only them.
    narrow_layout(fig, {"xaxis.title.text": "월 요청 수 (로그 눈금)"})
    _add_traces(fig, lambda_names, option_names, labels=True)
    # Missing prices are said in the plot's empty top-left corner (the lines rise from bottom left to top right).
    fig.add_annotation(text="", xref="paper", yref="paper", x=0.01, y=0.99, xanchor="left", yanchor="top",
                       showarrow=False, align="left", bgcolor="rgba(255,255,255,0.85)", font={"size": 12})

    @functools.lru_cache(maxsize=None)
    def scenario(d_i: int, m_i: int, t_i: int, r_i: int):
        region = EXPLORER_REGIONS[r_i]
        lams, opts = _explorer_inputs(region, types[t_i])
        s, table = crossover_scenario(lams, opts, EXPLORER_DURATIONS_MS[d_i], EXPLORER_MEMORIES_MB[m_i], labels=False)
        short = {n: n.split("(")[0].split(" + ")[0] + ("+API" if "API" in n else "") for n in lambda_names}
        missing = {option_names[k] for k, o in enumerate(opts) if o.monthly_usd is None}
        missing |= {name for name, (_, opts_l) in zip(lambda_names, lams)
                    if crossover.priced_lambda(EXPLORER_DURATIONS_MS[d_i], EXPLORER_MEMORIES_MB[m_i], **opts_l)[1]}
        names = [f"EC2 {types[t_i]} 1대", f"Fargate {f['tasks']}개"]
        summary = _summary(table, names, [short[n] for n in lambda_names],
                           {names[option_names.index(m)] for m in missing if m in option_names}
                           | {short[m] for m in missing if m in lambda_names})
        shown = [short.get(n) or n.split(" ")[0] for n in lambda_names + option_names if n in missing]
        note = f"{REGION_NAMES[region]}:<br>{'·'.join(shown)}<br>{crossover.NO_PRICE}(선 없음)" if missing else ""
        # The lesson: the smallest monthly volume from which an always-on option is cheaper than a Lambda.
        rows = [(r, names[k % len(names)], short[lambda_names[k // len(names)]])
                for k, r in enumerate(table["requests_per_month"]) if not math.isnan(r)]
        if rows:
            r, option, lam = min(rows)
            lesson = f"월 {korean_count(r, '건')}을 넘으면 {option}가 {lam}보다 쌉니다"
        else:
            lesson = "이 리전에는 손익분기점을 그릴 요금 자료가 없습니다"
        return s, summary, note, lesson

    def state(d_i: int, m_i: int, t_i: int, r_i: int, currency_i: int, vat_i: int) -> dict:
        s, summary, note, lesson = scenario(d_i, m_i, t_i, r_i)
        view = View.of(currency_i, vat_i)
        mx, my = s["data"]["x"][-1], s["data"]["y"][-1]
        (x_low, x_high), (y_low, y_high) = _zoom(mx, my)
        hover = [f"{view.hover()}/월<extra>{name}</extra>" for name in lambda_names + option_names]
        labels = [korean_count(x) if x is not None else "" for x in mx]
        return {"data": s["data"] | {"text": [None] * (len(hover)) + [labels],
                                     "textposition": [None] * len(hover) + [_label_sides(my, len(option_names))],
                                     "hovertemplate": hover + [f"월 %{{x:,.0f}}건, {view.hover()}/월<extra>손익분기점</extra>"]},
                "layout": {"title.text": f"{lesson}<br><sup>{summary}</sup>", "title.subtitle.text": view.note,
                           "annotations[0].text": note,
                           **{f"xaxis.{k}": v for k, v in _request_axis(x_low, x_high).items()},
                           "yaxis.title.text": view.title("월 비용", "로그 눈금"),
                           **{f"yaxis.{k}": v for k, v in view.log_axis(y_low, y_high).items()}}}

    add_controls(fig, [
        Control("slider", "Lambda 실행 시간", [f"{d:,} ms" for d in EXPLORER_DURATIONS_MS], active=1),
        Control("slider", "Lambda 메모리", [f"{m:,} MB" for m in EXPLORER_MEMORIES_MB], active=1),
        Control("dropdown", "EC2", types),
        Control("dropdown", "리전", [REGION_NAMES[r] for r in EXPLORER_REGIONS]),
        *currency.controls(),
    ], state, scale={"y": list(range(len(lambda_names) + len(option_names) + 1))})
    _legend_inside(fig, corner="bottom right")  # in JupyterLab; the top left holds the missing-price note
    return cite(fig, "ec2_prices", "lambda_prices", "lambda_duration_tiers", "lambda_free_tier", "api_gateway_prices", "lambda_ephemeral_prices", "fargate_prices", "public_ipv4_prices")


def _label_sides(costs, options: int) -> list[str]:
    """Label positions of break-even markers (Lambda variant by variant, ``options`` markers each):
    above the most expensive option's line and below the others, so that labels on two nearby lines
    face away from each other; the first variant's (plain Lambda, the later crossing) to the right of
    its marker and the others' to the left, so two crossings of one line never share a spot."""
    known = [c for c in costs if c is not None]
    top = max(known) if known else None
    return [("top " if c is not None and c == top else "bottom ") + ("right" if k < options else "left")
            for k, c in enumerate(costs)]


def _legend_inside(fig: go.Figure, corner: str = "top left") -> None:
    """Legend in an empty corner of the plot, above the Lambda lines (top left) or below them (bottom right)."""
    top = corner.startswith("top")
    fig.update_layout(legend={"x": 0.01 if top else 0.99, "y": 0.99 if top else 0.01,
                              "xanchor": "left" if top else "right", "yanchor": "top" if top else "bottom",
                              "orientation": "v", "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 12}})


def crossover_figure(duration_ms, memory_mb, options, **lambda_options) -> go.Figure:
    """The crossover chart for one free set of inputs (no controls; the live dashboard draws it).

    ``options``: :class:`crossover.FixedOption` s; ``lambda_options``: the
    keyword options of :func:`cost.lambda_monthly_cost`.  Lambda is drawn on a
    fine request grid; months where its bill is $0 (free tier) are left
    blank on the log axis.
    """
    api = lambda_options.get("api")
    name = "Lambda" + (f" + API Gateway({api.upper()} API)" if api else "")
    fig = new_figure(f"월 비용과 월 요청 수: Lambda {memory_mb:,} MB·{duration_ms:,g} ms",
                     "월 요청 수 (괄호: 평균 초당 요청 수)", "월 비용 (USD, 로그 눈금)")
    fig.update_layout(xaxis=_request_axis(), yaxis=_cost_axis(), hovermode="closest")
    _add_traces(fig, [name], [o.name for o in options])
    state, _ = crossover_scenario([(name, lambda_options)], options, duration_ms, memory_mb, grid=list(FINE_GRID))
    fig.plotly_update(restyle_data=state["data"])
    _legend_inside(fig)
    return cite(fig, "ec2_prices", "lambda_prices", "lambda_duration_tiers", "lambda_free_tier", "api_gateway_prices", "lambda_ephemeral_prices", "fargate_prices", "public_ipv4_prices")


# --------------------------------------------------------------------------- capacity-aware view

def _rectangles(intervals: pd.DataFrame, top: float) -> tuple[list, list]:
    """x and y of filled rectangles [from, to] × [0, top], separated by gaps."""
    x, y = [], []
    for row in intervals.itertuples():
        x += [row.from_requests, row.from_requests, row.to_requests, row.to_requests, row.from_requests, None]
        y += [0, top, top, 0, 0, None]
    return x, y


def capacity_scenario(duration_ms, memory_mb, instance_type, *, peak_to_average, rps_per_instance,
                      max_requests=CAPACITY_MAX_REQUESTS, region="us-east-1", **lambda_options):
    """State (trace order of :func:`capacity_chart`) and the intervals table for one setting."""
    sizing = {"rps_per_instance": rps_per_instance, "peak_to_average": peak_to_average, **crossover.SIZING}
    settings = cost.lambda_settings(duration_ms, memory_mb, region=region, **lambda_options)
    steps = cost.ec2_fleet_staircase(max_requests, instance_type, region=region, **sizing)
    intervals = cost.intervals_against_fleet(settings, steps)
    lam_x = np.linspace(0, max_requests, 11)
    lam_y = settings.monthly_cost(lam_x)
    stair_x = list(steps["from_requests"]) + [max_requests]
    stair_y = list(steps["monthly_usd"]) + [steps["monthly_usd"].iloc[-1]]
    top = 1.08 * max(stair_y[-1], float(lam_y[-1]))
    cuts = intervals["from_requests"].iloc[1:].to_numpy()
    cut_y = settings.monthly_cost(cuts)
    # The shading runs past the axis' top (the plot clips it), so it fills the plot whatever the axis' end.
    shade = [_rectangles(intervals[intervals["option"] == o], 3 * top) for o in ("lambda", "ec2")]
    state = {
        "data": {
            "x": [shade[0][0], shade[1][0], list(lam_x), stair_x, list(cuts)],
            "y": [shade[0][1], shade[1][1], list(lam_y), stair_y, list(cut_y)],
            "text": [None] * 4 + [[break_even_label(c) for c in cuts]],
        },
        "layout": {"yaxis.range": [0, top]},
    }
    return state, intervals


def capacity_chart() -> go.Figure:
    """Lambda against an EC2 fleet sized for peak traffic, over monthly requests.

    The fleet has ``max(2, ceil(peak rps / (rps per instance × 0.7)))``
    instances (:func:`cost.ec2_instances_needed`), so its cost is a
    staircase; the background shows every interval where Lambda or EC2 is
    cheaper (:func:`cost.intervals_against_fleet`).  Sliders: peak-to-average ratio
    and the requests per second one instance serves.
    """
    r = crossover.REFERENCE
    fig = new_figure(f"최대 트래픽에 맞춘 EC2({r['instance_type']}) 대수와 Lambda의 월 비용",
                     "월 요청 수", "월 비용 (USD)", hovermode="closest")
    ticks = list(np.linspace(0, CAPACITY_MAX_REQUESTS, 5))
    fig.update_xaxes(range=[0, CAPACITY_MAX_REQUESTS], tickvals=ticks, ticktext=[korean_count(t) for t in ticks])
    narrow_layout(fig, {"xaxis.tickvals": ticks[::2], "xaxis.ticktext": [korean_count(t) for t in ticks[::2]]})
    for service, name in (("lambda", "Lambda가 더 싼 구간"), ("ec2", "EC2가 더 싼 구간")):
        fig.add_trace(go.Scatter(x=[], y=[], name=name, mode="lines", fill="toself", fillcolor=service_fill(service),
                                 line={"width": 0}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[], y=[], name=f"Lambda ({r['memory_mb']:,} MB, {r['duration_ms']} ms)",
                             mode="lines", line=service_style("lambda")["line"]))
    fig.add_trace(go.Scatter(x=[], y=[], name=f"EC2 {r['instance_type']} (필요한 대수만큼)", mode="lines",
                             line=service_style("ec2")["line"] | {"shape": "hv"}))
    fig.add_trace(go.Scatter(x=[], y=[], name="손익분기점", mode="markers",
                             marker={"color": INK, "symbol": "circle", "size": 8},
                             hovertemplate="%{text}<extra>손익분기점</extra>"))

    @functools.lru_cache(maxsize=None)
    def scenario(p_i: int, q_i: int):
        return capacity_scenario(r["duration_ms"], r["memory_mb"], r["instance_type"],
                                 peak_to_average=CAPACITY_PEAK_RATIOS[p_i], rps_per_instance=CAPACITY_RPS_PER_INSTANCE[q_i])

    def state(p_i: int, q_i: int, currency_i: int, vat_i: int) -> dict:
        peak, rps = CAPACITY_PEAK_RATIOS[p_i], CAPACITY_RPS_PER_INSTANCE[q_i]
        view = View.of(currency_i, vat_i)
        s, intervals = scenario(p_i, q_i)
        wins = int((intervals["option"] == "lambda").sum())
        first_ec2 = intervals.loc[intervals["option"] == "ec2", "from_requests"]
        if len(first_ec2):
            lesson = f"월 {korean_count(first_ec2.iloc[0], '건')}에서 EC2 묶음이 처음 Lambda보다 싸집니다"
        else:
            lesson = f"월 {korean_count(CAPACITY_MAX_REQUESTS, '건')}까지는 Lambda가 늘 더 쌉니다"
        summary = f"최대/평균 {peak}배 · 1대당 {rps} rps · Lambda가 더 싼 구간 {wins}개(파란 바탕)"
        top = s["layout"]["yaxis.range"][1]
        hover = [None, None, f"{view.hover()}<extra>Lambda</extra>", f"{view.hover()}<extra>EC2</extra>",
                 "%{text}<extra>손익분기점</extra>"]
        return {"data": s["data"] | {"hovertemplate": hover},
                "layout": {"title.text": f"{lesson}<br><sup>{summary}</sup>", "title.subtitle.text": view.note,
                           **view.axis("yaxis", "월 비용", top)}}

    default = crossover.CAPACITY_DEFAULT
    return cite(add_controls(fig, [
        Control("slider", "최대/평균 비", [f"{p}배" for p in CAPACITY_PEAK_RATIOS],
                active=CAPACITY_PEAK_RATIOS.index(default["peak_to_average"])),
        Control("slider", "인스턴스 1대가 처리하는 초당 요청 수", [f"{q} rps" for q in CAPACITY_RPS_PER_INSTANCE],
                active=CAPACITY_RPS_PER_INSTANCE.index(default["rps_per_instance"])),
        *currency.controls(),
    ], state, scale={"y": [0, 1, 2, 3, 4]}), "ec2_prices", "lambda_prices", "lambda_duration_tiers")


def capacity_default_table():
    """The intervals of the capacity chart's default setting as a Korean table (a Styler)."""
    r = crossover.REFERENCE
    _, intervals = capacity_scenario(r["duration_ms"], r["memory_mb"], r["instance_type"],
                                     **crossover.CAPACITY_DEFAULT)
    return cite(intervals_table_view(intervals), "ec2_prices", "lambda_prices", "lambda_duration_tiers")


# --------------------------------------------------------------------------- busy hours per day

HOURS = list(range(25))


def busy_hours_chart() -> go.Figure:
    """Monthly cost vs hours per day the service is busy, for a fixed busy-time load.

    Lambda pays per request; the always-on EC2 fleet pays 730 hours; the
    scheduled fleet (EC2 too, another dash) runs only in the busy hours.  Sliders
    and radios pick the requests per second while busy, the currency and VAT; the
    marker is :func:`crossover.break_even_busy_hours`, labelled on the chart.
    """
    r = crossover.REFERENCE
    sizing = {"rps_per_instance": crossover.RPS_PER_INSTANCE, **crossover.SIZING}
    fig = new_figure("하루 중 바쁜 시간과 월 비용", "하루 중 바쁜 시간 (시간/일)", "월 비용 (USD)",
                     hovermode="x unified")
    fig.update_xaxes(range=[0, 24], dtick=4)
    names = [f"Lambda ({r['memory_mb']:,} MB, {r['duration_ms']} ms)", f"EC2 {r['instance_type']} 상시 가동",
             f"EC2 {r['instance_type']} 바쁜 시간에만 켜기"]
    looks = (service_style("lambda"), service_style("ec2"), service_style("ec2", second=True))
    for name, look in zip(names, looks):
        fig.add_trace(go.Scatter(x=[], y=[], name=name, mode="lines", line=look["line"]))
    fig.add_trace(go.Scatter(x=[], y=[], name="손익분기점(상시 가동 EC2)", mode="markers+text",
                             marker={"color": INK, "symbol": "circle", "size": 9}, textposition="top left",
                             cliponaxis=False, hoverinfo="skip"))

    def state(i: int, currency_i: int, vat_i: int) -> dict:
        rps = BUSY_RPS[i]
        view = View.of(currency_i, vat_i)
        costs = crossover.busy_hours_costs(HOURS, rps, r["duration_ms"], r["memory_mb"], r["instance_type"],
                                           **sizing)
        hours = crossover.break_even_busy_hours(rps, r["duration_ms"], r["memory_mb"], r["instance_type"],
                                                **sizing)
        fleet = float(costs["ec2_always_on_usd"].iloc[0])
        n = int(costs["ec2_instances"].iloc[0])
        if math.isinf(hours):
            mx, my, label = [], [], []
            title = f"바쁠 때 {rps} rps: 24시간 내내 바빠도 Lambda가 더 쌉니다 (EC2 {n}대)"
        else:
            mx, my, label = [hours], [fleet], [f"{hours:.1f}시간/일"]
            title = f"바쁠 때 {rps} rps: 하루 {hours:.1f}시간보다 오래 바쁘면 상시 가동 EC2 {n}대가 더 쌉니다"
        x = [HOURS] * 3 + [mx]
        y = [list(costs["lambda_usd"]), list(costs["ec2_always_on_usd"]), list(costs["ec2_scheduled_usd"]), my]
        top = max(max(v for v in series) for series in y[:3]) * 1.1
        return {"data": {"x": x, "y": y, "text": [None] * 3 + [label],
                         # the label leans away from the y axis labels when the point is near them
                         "textposition": [None] * 3 + ["top right" if mx and mx[0] < 8 else "top left"],
                         "hovertemplate": [view.hover()] * 3 + [None]},
                "layout": {"title.text": title, "title.subtitle.text": view.note, **view.axis("yaxis", "월 비용", top)}}

    return cite(add_controls(fig, [Control("slider", "바쁜 시간의 초당 요청 수", [f"{v} rps" for v in BUSY_RPS],
                                           active=BUSY_RPS.index(crossover.BUSY_RPS)),
                                   *currency.controls()], state, scale={"y": [0, 1, 2, 3]}),
                "ec2_prices", "lambda_prices", "lambda_duration_tiers")


# --------------------------------------------------------------------------- tables for the prose

def break_even_table_view(table: pd.DataFrame):
    """:func:`crossover.break_even_table` with Korean headers and formatted numbers (a Styler)."""
    rate = money.exchange_rate()
    view = pd.DataFrame({
        "비교 대상": table["option"],
        "월 고정 비용": [("—" if math.isnan(v) else usd(v, cents=True)) for v in table["monthly_usd"]],
        # as a Korean bill shows it: in won with VAT, at the book's dated exchange rate
        f"원으로(부가세 포함, 1달러 {rate.krw_per_usd:,.0f}원)":
            [("—" if math.isnan(v) else won(float(money.to_krw(v, vat=True)))) for v in table["monthly_usd"]],
        "손익분기 월 요청 수": [("—" if math.isnan(v) else f"{v:,.0f} ({korean_count(v)})")
                          for v in table["requests_per_month"]],
        "평균 초당 요청 수": [("—" if math.isnan(v) else f"{rps_text(v)} rps") for v in table["requests_per_second"]],
        "비고": table["note"],
    })
    if "lambda" in table:
        view.insert(0, "Lambda 설정", table["lambda"])
    if not view["비고"].astype(bool).any():
        view = view.drop(columns="비고")
    return view.style.hide(axis="index")


def intervals_table_view(intervals: pd.DataFrame):
    """:func:`cost.cheaper_intervals` with Korean headers (a Styler)."""
    names = {"lambda": "Lambda", "ec2": "EC2"}
    view = pd.DataFrame({
        "더 싼 쪽": [names[o] for o in intervals["option"]],
        "월 요청 수 (부터)": [korean_count(v) for v in intervals["from_requests"]],
        "월 요청 수 (까지)": [korean_count(v) for v in intervals["to_requests"]],
        "EC2 대수": [f"{a}대" if a == b else f"{a}–{b}대"
                   for a, b in zip(intervals["ec2_instances_from"], intervals["ec2_instances_to"])],
    })
    return view.style.hide(axis="index")


def reference_break_even_table():
    """Break-even points of the chapter's reference Lambda (with and without API Gateway) against
    one EC2 instance and one Fargate task (:data:`crossover.REFERENCE`), as a Korean table."""
    r = crossover.REFERENCE
    lambdas, options = _explorer_inputs(r["region"], r["instance_type"])
    _, table = crossover_scenario(lambdas, options, r["duration_ms"], r["memory_mb"])
    return cite(break_even_table_view(table), "ec2_prices", "fargate_prices", "lambda_prices", "lambda_duration_tiers")
