"""Charts and tables for the opening chapter: elasticity and cost, and the latency floor.

``*_chart()`` builds a static chart with native controls for the HTML book;
``*_figure(...)`` draws one situation for the live dashboards.  Numbers come
from :mod:`awsbook.elasticity` and :mod:`awsbook.latency`.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from awsbook import cost, elasticity, latency
from awsbook.formats import korean_count, usd
from awsbook.charts import currency
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.currency import View
from awsbook.charts.sources import cite
from awsbook.charts.theme import (INK, PALETTE, REGION_NAMES, fill_color, narrow_layout, new_figure, service_style,
                                  translucent)

#: The city of each region in data/region_locations.csv, in Korean.
CITY_NAMES = {
    "ap-northeast-2": "서울", "ap-northeast-1": "도쿄", "us-west-2": "오리건주 보드먼",
    "us-east-1": "버지니아주 애시번", "eu-central-1": "프랑크푸르트",
}
PLAN_NAMES = {"fixed": "① 고정 용량", "autoscaling": "② 오토 스케일링", "per_request": "③ 요청당 과금(Lambda)"}
#: Look of each plan: ① and ② are both EC2 fleets (EC2's colour, two dashes and hatches), ③ is Lambda.
PLAN_STYLE = {"fixed": service_style("ec2"), "autoscaling": service_style("ec2", second=True),
              "per_request": service_style("lambda")}
PLAN_HATCH = {"fixed": "/", "autoscaling": "\\", "per_request": ""}
#: Demand is black; unserved demand the palette's vermillion, cross-hatched.
DEMAND_STYLE = {"line": {"color": INK, "dash": "solid", "width": 2.5}}
UNSERVED = 3

#: Options of the static elasticity chart (kept small: every combination is stored in the page).
RATIOS = (1.5, 2.0, 3.0, 4.0)
DELAYS = (0, 1, 2, 3)
INSTANCE_TYPES = ("m7g.large", "c7g.large", "m6i.large")
ELASTICITY_REGION = "us-east-1"
HOURS = list(range(elasticity.HOURS_PER_DAY + 1))


def _steps(values) -> list[float]:
    """Hourly values as a step line over 0–24 h (the last hour's value repeated at 24 h)."""
    v = np.round(np.asarray(values, dtype=float), 2)
    return [*v.tolist(), float(v[-1])]


# --------------------------------------------------------------------------- elasticity

def _elasticity_ys(day: elasticity.Day) -> list:
    """y of every trace, in the order :func:`_elasticity_base` adds them."""
    d = day.demand_rps
    fixed, auto, lam = (day.plans[p] for p in elasticity.PLANS)
    costs = [round(day.plans[p].cost_usd, 2) for p in elasticity.PLANS]
    return [
        _steps(d), _steps(fixed.capacity_rps),                                     # ① demand, capacity
        _steps(np.minimum(d, auto.capacity_rps)), _steps(auto.capacity_rps),        # ② base, capacity
        _steps(np.maximum(d, auto.capacity_rps)), _steps(d),                        # ② unserved top, demand
        _steps(lam.capacity_rps), _steps(d),                                        # ③ served, demand
        costs,                                                                      # cost bars
    ]


def _elasticity_titles(day: elasticity.Day, delay_hours: int) -> dict:
    fixed, auto, lam = (day.plans[p] for p in elasticity.PLANS)
    n = int(fixed.instances[0])
    return {
        "annotations[0].text": f"① 고정 용량: {n}대 × 24시간<br>유휴 용량 {fixed.idle_share:.0%}",
        "annotations[1].text": (f"② 오토 스케일링: 지연 {delay_hours}시간<br>"
                                f"처리하지 못한 요청 하루 {korean_count(auto.unserved_requests, '건')}"),
        "annotations[2].text": f"③ 요청당 과금(Lambda)<br>하루 {korean_count(lam.served_requests, '건')} 처리",
    }


def _cost_panel(day: elasticity.Day, view: View, cost_max: float) -> tuple[dict, dict]:
    """The cost panel's bar labels and hover (trace data) and its axis and title (layout) in ``view``."""
    costs = [day.plans[p].cost_usd for p in elasticity.PLANS]
    data = {"text": [view.text(c) for c in costs], "hovertemplate": "%{customdata}: %{text}/일<extra></extra>"}
    axis = view.linear_axis(cost_max, most=4)
    layout = {"yaxis4.range": axis["range"], "yaxis4.tickvals": axis["tickvals"], "yaxis4.ticktext": axis["ticktext"],
              "annotations[3].text": f"하루 비용 ({view.unit})"}
    return data, layout


def _elasticity_base(day: elasticity.Day, delay_hours: int, cost_max: float | None = None,
                     view: View = View()) -> go.Figure:
    """The 2 × 2 elasticity figure drawn for ``day`` (three capacity panels and a cost panel in ``view``)."""
    fig = new_figure("하루 트래픽을 세 가지 방식으로 처리하기 (합성 트래픽)", "", "")
    fig.set_subplots(2, 2, subplot_titles=(" ", " ", " ", " "), vertical_spacing=0.2, horizontal_spacing=0.1)
    ys = _elasticity_ys(day)
    hover = "초당 %{y:,.1f}건"

    def line(y, name, spec, *, row, col, fill=None, fillcolor=None, pattern=None, show=True,
             width=None, skip=False, opacity=None, dash=None):
        line_spec = {**spec["line"], "shape": "hv"}
        if width is not None:
            line_spec["width"] = width
        if dash is not None:
            line_spec["dash"] = dash
        fig.add_trace(go.Scatter(
            x=HOURS, y=y, name=name, mode="lines", line=line_spec, fill=fill, fillcolor=fillcolor,
            fillpattern=pattern, showlegend=show, legendgroup=name, opacity=opacity,
            hoverinfo="skip" if skip else None, hovertemplate=None if skip else f"{name}: {hover}<extra></extra>",
        ), row=row, col=col)

    def hatch(color, shape):
        return {"shape": shape, "fgcolor": color, "bgcolor": translucent(color), "solidity": 0.25}

    fixed, auto = PLAN_STYLE["fixed"], PLAN_STYLE["autoscaling"]
    unserved = {"fillcolor": fill_color(UNSERVED), "pattern": hatch(PALETTE[UNSERVED], "x")}
    line(ys[0], "수요", DEMAND_STYLE, row=1, col=1)
    line(ys[1], "고정 용량 (빗금: 유휴 용량)", fixed, row=1, col=1, fill="tonexty",
         fillcolor=translucent(fixed["line"]["color"]), pattern=hatch(fixed["line"]["color"], PLAN_HATCH["fixed"]))
    line(ys[2], "", DEMAND_STYLE, row=1, col=2, show=False, width=0, skip=True)
    line(ys[3], "오토 스케일링 용량 (빗금: 유휴 용량)", auto, row=1, col=2, fill="tonexty",
         fillcolor=translucent(auto["line"]["color"]), pattern=hatch(auto["line"]["color"], PLAN_HATCH["autoscaling"]))
    line(ys[4], "처리하지 못한 수요", {"line": {"color": PALETTE[UNSERVED]}}, row=1, col=2, fill="tonexty", width=0,
         skip=True, **unserved)
    line(ys[5], "수요", DEMAND_STYLE, row=1, col=2, show=False)
    line(ys[6], "Lambda가 처리한 요청", PLAN_STYLE["per_request"], row=2, col=1, width=7, opacity=0.55,
         dash="solid")
    line(ys[7], "수요", DEMAND_STYLE, row=2, col=1, show=False, fill="tonexty", **unserved)
    cost_max = cost_max or max(ys[8]) * 1.25
    bar_data, cost_layout = _cost_panel(day, view, cost_max)
    fig.add_trace(go.Bar(
        x=["①", "②", "③"], y=ys[8], showlegend=False, name="하루 비용",
        customdata=[PLAN_NAMES[p] for p in elasticity.PLANS],
        marker={"color": [PLAN_STYLE[p]["line"]["color"] for p in elasticity.PLANS],
                "pattern": {"shape": [PLAN_HATCH[p] for p in elasticity.PLANS]}},
        textposition="outside", cliponaxis=False, **bar_data,
    ), row=2, col=2)

    ymax = _rps_range(day)
    ticks = list(range(0, 25, 6))
    hours = {"tickvals": ticks, "ticktext": [f"{h}시" for h in ticks], "range": [0, 24]}
    fig.update_layout(
        hovermode="x",
        xaxis=hours, xaxis2=hours, xaxis3={**hours, "title": {"text": "시각"}},
        yaxis={"title": {"text": "초당 요청 수"}, "range": [0, ymax]}, yaxis2={"range": [0, ymax]},
        yaxis3={"title": {"text": "초당 요청 수"}, "range": [0, ymax]},
        xaxis4={"title": {"text": "① 고정 · ② 오토 스케일링 · ③ Lambda"}},
        **_elasticity_titles(day, delay_hours), **cost_layout,
    )
    fig.update_annotations(font_size=13)
    # Room above the top row for its two-line panel titles.
    fig.update_layout(margin={"t": fig.layout.margin.t + 40})
    return _stacked_on_phones(fig)


#: Vertical extent of the four panels, top to bottom, when they are stacked on a phone.
NARROW_ROWS = ((0.81, 1.0), (0.54, 0.73), (0.27, 0.46), (0.0, 0.19))


def _stacked_on_phones(fig: go.Figure) -> go.Figure:
    """On a phone the 2 × 2 panels become one column of four, each under its title."""
    layout = {"height": 1500}
    for k, (low, high) in enumerate(NARROW_ROWS, start=1):
        axis = "" if k == 1 else str(k)
        layout |= {f"xaxis{axis}.domain": [0, 1], f"yaxis{axis}.domain": [low, high],
                   f"annotations[{k - 1}].x": 0.5, f"annotations[{k - 1}].y": high}
    return narrow_layout(fig, layout)


def _rps_range(day: elasticity.Day) -> float:
    top = max(float(day.demand_rps.max()), *(float(p.capacity_rps.max()) for p in day.plans.values()))
    return round(top * 1.1, 1)


def elasticity_figure(day: elasticity.Day, delay_hours: int) -> go.Figure:
    """One day served three ways (``day`` from :func:`awsbook.elasticity.serve_day`), no controls."""
    fig = _elasticity_base(day, delay_hours)
    fig.update_layout(height=820, legend={"y": -0.12})
    return cite(fig, "traffic_day", "ec2_prices", "lambda_prices", "lambda_duration_tiers", "lambda_limits")


def elasticity_chart() -> go.Figure:
    """The synthetic day served three ways, with the peak-to-average ratio, the scale-out
    delay and the instance type as controls (us-east-1 prices, scenario defaults of
    :mod:`awsbook.elasticity`)."""
    days = {
        (i, j, k): elasticity.day_scenario(RATIOS[i], DELAYS[j], INSTANCE_TYPES[k], region=ELASTICITY_REGION)
        for i, j, k in itertools.product(range(len(RATIOS)), range(len(DELAYS)), range(len(INSTANCE_TYPES)))
    }
    cost_max = max(p.cost_usd for d in days.values() for p in d.plans.values()) * 1.2
    active = (RATIOS.index(2.0), DELAYS.index(1), 0)
    fig = _elasticity_base(days[active], DELAYS[active[1]], cost_max)
    title = fig.layout.title.text

    lines = [t.hovertemplate for t in fig.data[:-1]]

    def state(i, j, k, currency_i, vat_i):
        day, view = days[(i, j, k)], View.of(currency_i, vat_i)
        rng = _rps_range(day)
        plans = [day.plans[p] for p in elasticity.PLANS]
        summary = (f"최대/평균 {RATIOS[i]:g}배 · 확장 지연 {DELAYS[j]}시간 · {INSTANCE_TYPES[k]}: 하루 비용 "
                   f"① 고정 용량 {view.text(plans[0].cost_usd)}, ② 오토 스케일링 {view.text(plans[1].cost_usd)}"
                   f"(처리하지 못한 요청 {korean_count(plans[1].unserved_requests, '건')}), "
                   f"③ Lambda {view.text(plans[2].cost_usd)}")
        bar, cost_layout = _cost_panel(day, view, cost_max)
        return {"data": {"y": _elasticity_ys(day), "text": [None] * len(lines) + [bar["text"]],
                         "hovertemplate": lines + [bar["hovertemplate"]]},
                "layout": {"title.text": f"{title}<br><sup>{summary}</sup>", **_elasticity_titles(day, DELAYS[j]),
                           "title.subtitle.text": view.note, **cost_layout,
                           "yaxis.range": [0, rng], "yaxis2.range": [0, rng], "yaxis3.range": [0, rng]}}

    prices = {t: cost.ec2_hourly_price(t, ELASTICITY_REGION) for t in INSTANCE_TYPES}
    return cite(add_controls(fig, [
        Control("slider", "최대/평균 비", [f"{r:g}배" for r in RATIOS], active[0]),
        Control("slider", "확장 지연", [f"{d}시간" for d in DELAYS], active[1]),
        Control("dropdown", "인스턴스", [f"{t} (${prices[t]:g}/시간)" for t in INSTANCE_TYPES], active[2]),
        *currency.controls(),
    ], state, scale={"y": [len(lines)]}, plot_height=620),
        "traffic_day", "ec2_prices", "lambda_prices", "lambda_duration_tiers", "lambda_limits")


def day_table(day: elasticity.Day) -> pd.DataFrame:
    """One row per plan: instance-hours, idle share, unserved requests and the day's cost."""
    rows = []
    for plan in elasticity.PLANS:
        s = day.plans[plan]
        rows.append({
            "방식": PLAN_NAMES[plan],
            "인스턴스·시간": f"{s.instance_hours:,.0f}" if s.instances is not None else "–",
            "유휴 용량 비율": f"{s.idle_share:.0%}",
            "처리하지 못한 요청(건/일)": f"{s.unserved_requests:,.0f}",
            "비용(USD/일)": usd(s.cost_usd),
        })
    return cite(pd.DataFrame(rows).set_index("방식").rename_axis(None), "traffic_day", "ec2_prices", "lambda_prices", "lambda_duration_tiers", "lambda_limits")


def scenario_table() -> pd.DataFrame:
    """The scenario's assumptions (not facts) and the prices it uses, for the chapter."""
    rows = [
        ("하루 평균 부하", f"초당 {elasticity.DEFAULT_MEAN_RPS:g}건", "가정"),
        ("인스턴스 한 대가 처리하는 부하", f"초당 {elasticity.DEFAULT_RPS_PER_INSTANCE:g}건", "가정"),
        ("Lambda 요청 1건의 실행 시간", f"{elasticity.DEFAULT_DURATION_MS:g} ms", "가정"),
        ("Lambda 메모리", f"{elasticity.DEFAULT_MEMORY_MB} MB", "가정"),
        ("Lambda 기본 동시 실행 할당량", f"{cost.lambda_limit('concurrency_default'):,.0f}", "data/lambda_limits.csv"),
    ]
    rows += [(f"{t} 온디맨드 요금 ({ELASTICITY_REGION})", f"${cost.ec2_hourly_price(t, ELASTICITY_REGION):g}/시간",
              "data/ec2_prices.csv") for t in INSTANCE_TYPES]
    return cite(pd.DataFrame(rows, columns=["항목", "값", "근거"]).set_index("항목").rename_axis(None), "lambda_limits", "ec2_prices")


# --------------------------------------------------------------------------- latency

def _region_label(region: str) -> str:
    """A bar's label: the city on the first line, the region code under it (short enough for a phone)."""
    return f"{CITY_NAMES.get(region, REGION_NAMES.get(region, region))}<br>{region}"


def _ms(x: float) -> str:
    """A latency label: one decimal below 10 ms, whole milliseconds above (``"8.2 ms"``, ``"111 ms"``)."""
    return f"{x:.1f} ms" if x < 10 else f"{x:,.0f} ms"


def _latency_state(user_region: str, order: list[str], round_trips: int, speed_km_per_s: float,
                   top: float | None = None) -> dict:
    """Bars, colours and labels for users near ``user_region``; a bar longer than half of ``top``
    (the axis' end, ms) carries its label inside, so that no label leaves the plot on a phone."""
    table = latency.rtt_floor_table(user_region, round_trips=round_trips,
                                    speed_km_per_s=speed_km_per_s).set_index("region")
    x = [round(float(table.loc[r, "wait_floor_ms"]), 1) for r in order]
    nearest, farthest = table.index[0], table.index[-1]
    colors = [PALETTE[2] if r == nearest else PALETTE[0] for r in order]
    what = "왕복" if round_trips == 1 else f"왕복 {round_trips}번"
    city = CITY_NAMES.get(user_region, user_region)
    title = (f"{city} 근처 사용자: 먼 리전일수록 {what}에 걸리는 시간의 물리적 하한이 깁니다<br><sup>가장 가까운 "
             f"{CITY_NAMES.get(nearest, nearest)} {_ms(table.loc[nearest, 'wait_floor_ms'])} · 가장 먼 "
             f"{CITY_NAMES.get(farthest, farthest)} {_ms(table.loc[farthest, 'wait_floor_ms'])} "
             f"(광섬유 속 빛의 속도, 직선 거리 기준)</sup>")
    top = top or max(x) * 1.25 or 1
    return {"data": {"x": [x], "marker.color": [colors], "text": [[_ms(v) for v in x]],
                     "textposition": [["inside" if v > top / 2 else "outside" for v in x]]},
            "layout": {"title.text": title}}


def _latency_base(order: list[str], state: dict) -> go.Figure:
    fig = new_figure("", "시간의 하한 (ms)", "")
    fig.add_trace(go.Bar(
        y=[_region_label(r) for r in order], x=state["data"]["x"][0], orientation="h",
        marker={"color": state["data"]["marker.color"][0]}, name="왕복 시간 하한", text=state["data"]["text"][0],
        textposition=state["data"]["textposition"][0], insidetextanchor="end", textangle=0, cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f} ms<extra></extra>", showlegend=False,
    ))
    labels = [_region_label(r) for r in order]
    fig.update_layout(state["layout"], hovermode="closest", margin={"l": 20, "r": 20})
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1])  # nearest on top
    return fig


def latency_figure(user_region: str = "ap-northeast-2", *, round_trips: int = 1,
                   speed_km_per_s: float = latency.FIBRE_SPEED_KM_PER_S) -> go.Figure:
    """RTT floor from users near ``user_region``'s city to every region (bars, nearest highlighted)."""
    order = list(latency.rtt_floor_table(user_region)["region"])
    state = _latency_state(user_region, order, round_trips, speed_km_per_s)
    fig = _latency_base(order, state)
    fig.update_xaxes(range=[0, max(state["data"]["x"][0]) * 1.25 or 1])
    return cite(fig, "region_locations", "regions")


def latency_chart() -> go.Figure:
    """RTT floor to every region; a dropdown moves the users (Seoul by default)."""
    users = list(latency.rtt_floor_table("ap-northeast-2")["region"])  # bars in this order throughout
    top = 1.15 * max(float(latency.rtt_floor_table(u)["wait_floor_ms"].max()) for u in users)
    states = [_latency_state(u, users, 1, latency.FIBRE_SPEED_KM_PER_S, top) for u in users]
    fig = _latency_base(users, states[0])
    fig.update_xaxes(range=[0, top])
    fig.update_layout(margin_b=70)
    return cite(add_controls(fig, [
        Control("dropdown", "사용자 위치", [f"{CITY_NAMES[u]} 근처" for u in users]),
    ], lambda i: states[i]), "region_locations", "regions")


def latency_table(user_region: str, *, round_trips: int = 1,
                  speed_km_per_s: float = latency.FIBRE_SPEED_KM_PER_S) -> pd.DataFrame:
    """The RTT floor table of :func:`awsbook.latency.rtt_floor_table` with Korean headers."""
    table = latency.rtt_floor_table(user_region, round_trips=round_trips, speed_km_per_s=speed_km_per_s)
    out = pd.DataFrame({
        "리전": [REGION_NAMES.get(r, r) for r in table["region"]],
        "코드": table["region"],
        "기준 도시": [CITY_NAMES.get(r, c) for r, c in zip(table["region"], table["city"])],
        "거리(km)": table["distance_km"].map(lambda v: f"{v:,.0f}"),
        "왕복 1번 하한(ms)": table["rtt_floor_ms"].map(lambda v: f"{v:.1f}"),
    })
    if round_trips != 1:
        out[f"왕복 {round_trips}번 하한(ms)"] = table["wait_floor_ms"].map(lambda v: f"{v:.1f}")
    return cite(out.set_index("리전").rename_axis(None), "region_locations", "regions")
