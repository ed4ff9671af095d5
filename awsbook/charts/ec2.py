"""EC2 price charts and tables (static HTML: native plotly controls, no kernel)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from awsbook import cost, datasets
from awsbook.charts import theme
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.sources import cite
from awsbook.charts.theme import PALETTE, fill_color, new_figure, series_style


def _priced_region_names() -> dict[str, str]:
    priced = set(datasets.load("ec2_prices")["region"])
    return {r: name for r, name in theme.REGION_NAMES.items() if r in priced}


#: Regions with EC2 prices in data/ec2_prices.csv, with their Korean names (data/regions.csv order).
REGION_NAMES = _priced_region_names()
#: Region whose prices the one-type charts use for a type priced there (else the type's first region).
HOME_REGION = "us-east-1"
FAMILY_NAMES = {
    "burstable": "버스트 가능(T)", "general": "범용(M)", "compute": "컴퓨팅 최적화(C)", "memory": "메모리 최적화(R)",
}
ARCH_NAMES = {"x86_64": "x86_64(인텔·AMD)", "arm64": "arm64(Graviton)"}
PATTERNS = ("", "/", "x", ".")
OFFER_NAMES = {
    "compute_savings_plans": "Compute Savings Plans",
    "ec2_instance_savings_plans": "EC2 Instance Savings Plans",
    "reserved_instances": "예약 인스턴스(RI)",
    "spot_instances": "스팟 인스턴스",
}


def _prices() -> pd.DataFrame:
    prices = datasets.load("ec2_prices")
    return prices[prices["region"].isin(REGION_NAMES)]


def _rows(instance_types, regions=None) -> pd.DataFrame:
    """The rows of ``data/ec2_prices.csv`` for ``instance_types`` (a name or names) in ``regions`` (default: all)."""
    prices = _prices()
    types = [instance_types] if isinstance(instance_types, str) else list(instance_types)
    chosen = prices["instance_type"].isin(types)
    if regions is not None:
        chosen &= prices["region"].isin([regions] if isinstance(regions, str) else list(regions))
    return prices[chosen]


def _families(prices: pd.DataFrame) -> list[str]:
    return [f for f in FAMILY_NAMES if f in set(prices["family_group"])]


def monthly_price_by_type(counts=(1, 2, 3, 5, 10)) -> go.Figure:
    """Bar chart of the monthly on-demand cost (USD) of each instance type, coloured by family.

    Controls: region (every region with prices in ``data/ec2_prices.csv``),
    architecture (all, x86_64, arm64) and number of instances.  Only types
    with a sourced price in the chosen region are drawn.
    """
    prices = _prices()
    regions = list(REGION_NAMES)
    arches = [None, *_arches(prices)]
    families = _families(prices)
    # No x-axis title: the rotated type names need the room above the legend.
    fig = new_figure("인스턴스 유형별 월 요금 (온디맨드, Linux)", "", "월 요금 (USD)",
                     barmode="relative", hovermode="closest")
    for i, family in enumerate(families):
        fig.add_trace(go.Bar(
            x=[], y=[], name=FAMILY_NAMES[family],
            marker={"color": PALETTE[i], "pattern": {"shape": PATTERNS[i % len(PATTERNS)]}},
            hovertemplate="%{x}: $%{y:,.2f}/월<extra>" + FAMILY_NAMES[family] + "</extra>",
        ))

    def state(region_i: int, arch_i: int, count_i: int):
        region, arch, count = regions[region_i], arches[arch_i], counts[count_i]
        here = prices[prices["region"] == region]
        if arch is not None:
            here = here[here["arch"] == arch]
        xs, ys = [], []
        for family in families:
            rows = here[here["family_group"] == family]
            xs.append(list(rows["instance_type"]))
            ys.append([cost.ec2_monthly_cost(t, count=count, region=region) for t in rows["instance_type"]])
        arch_text = "모든 아키텍처" if arch is None else ARCH_NAMES[arch]
        return {"data": {"x": xs, "y": ys},
                "layout": {"title.text": f"인스턴스 유형별 월 요금<br><sup>{REGION_NAMES[region]} · {arch_text} · "
                                         f"{count}대 · 온디맨드, Linux</sup>"}}

    return cite(add_controls(fig, [
        Control("dropdown", "리전", [REGION_NAMES[r] for r in regions]),
        Control("dropdown", "아키텍처", ["모두", *(ARCH_NAMES[a] for a in arches[1:])]),
        Control("slider", "인스턴스 수", [f"{c}대" for c in counts]),
    ], state), ("ec2_prices", prices))


def _arches(prices: pd.DataFrame) -> list[str]:
    """Architectures present in ``prices``, in the book's order (x86_64 first)."""
    return [a for a in ARCH_NAMES if a in set(prices["arch"])]


def cost_vs_resources() -> go.Figure:
    """Scatter of monthly on-demand cost against memory (GiB), one marker style per family.

    Controls: region, and what the y axis divides the monthly cost by (one
    instance, one vCPU or one GiB of memory).  Burstable (T) instances are drawn
    hollow: they launch in unlimited mode and their vCPUs run at full speed only
    up to a baseline (surplus CPU credits are billed), so their cost per vCPU is
    not the cost of a full-time vCPU; the subtitle names the cheapest type both
    with and without them.
    """
    prices = _prices()
    regions = list(REGION_NAMES)
    bases = [("인스턴스 1대", None), ("vCPU 1개당", "vcpu"), ("메모리 1GiB당", "memory_gib")]
    families = _families(prices)
    fig = new_figure("메모리와 vCPU에 따른 월 요금", "메모리 (GiB)", "월 요금 (USD)", hovermode="closest")
    for i, family in enumerate(families):
        style = series_style(i)
        marker = {**style["marker"], "size": 12}
        name = FAMILY_NAMES[family]
        if family == "burstable":
            marker |= {"symbol": f"{marker['symbol']}-open", "line": {"width": 2, "color": marker["color"]}}
            name += " · vCPU는 기준 성능까지만 상시 사용"
        fig.add_trace(go.Scatter(
            x=[], y=[], mode="markers+text", name=name, text=[],
            textposition="top center", marker=marker,
            customdata=[], hovertemplate="%{text}: vCPU %{customdata}개, %{x} GiB → $%{y:,.2f}<extra></extra>",
        ))
    fig.update_xaxes(type="log", tickvals=[1, 2, 4, 8, 16])

    def state(region_i: int, base_i: int):
        region = regions[region_i]
        label, column = bases[base_i]
        here = prices[prices["region"] == region]
        xs, ys, texts, cds, positions = [], [], [], [], []
        for family in families:
            rows = here[here["family_group"] == family]
            monthly = [cost.ec2_monthly_cost(t, region=region) for t in rows["instance_type"]]
            divisor = [1.0] * len(rows) if column is None else list(rows[column].astype(float))
            x = list(rows["memory_gib"].astype(float))
            y = [m / d for m, d in zip(monthly, divisor)]
            xs.append(x)
            ys.append(y)
            texts.append(list(rows["instance_type"]))
            cds.append(list(rows["vcpu"]))
            positions.append(_label_positions(x, y))
        cheapest = cost.cheapest_instance_type(region, per=column)
        full_time = cost.cheapest_instance_type(region, per=column, full_time=True)
        result = f"가장 싼 유형 {cheapest}"
        if full_time not in (None, cheapest):
            result += f", 버스트 가능(T)을 빼면 {full_time}"
        return {"data": {"x": xs, "y": ys, "text": texts, "customdata": cds, "textposition": positions},
                "layout": {"title.text": f"메모리와 vCPU에 따른 월 요금<br><sup>{label} · {REGION_NAMES[region]}: "
                                         f"{result}</sup>",
                           "yaxis.title.text": f"월 요금, {label} (USD)"}}

    return cite(add_controls(fig, [
        Control("dropdown", "리전", [REGION_NAMES[r] for r in regions]),
        Control("dropdown", "기준", [b[0] for b in bases]),
    ], state), ("ec2_prices", prices))


def _label_positions(x: list[float], y: list[float]) -> list[str]:
    """Text positions that keep labels of points sharing an x apart: top, bottom, then right."""
    out = ["top center"] * len(x)
    for value in set(x):
        same = sorted((i for i in range(len(x)) if x[i] == value), key=lambda i: -y[i])
        if len(same) > 1:
            out[same[-1]] = "bottom center"
            for i in same[1:-1]:
                out[i] = "middle right"
    return out


def purchase_options_table(instance_type: str = "m5.large", region: str = "us-east-1") -> pd.DataFrame:
    """Monthly cost of one instance under each purchase option at its largest discount (USD).

    The discounts are the "up to" figures of ``data/discounts.csv``; real
    discounts depend on term, payment and (for Spot) spare capacity.
    """
    offers = datasets.load("discounts").set_index("offer")
    rows = [("온디맨드", 0.0, cost.ec2_monthly_cost(instance_type, region=region))]
    for offer, name in OFFER_NAMES.items():
        pct = float(offers.loc[offer, "max_discount_pct"])
        rows.append((name, pct, cost.ec2_monthly_cost(instance_type, region=region, discount_pct=pct)))
    table = pd.DataFrame(rows, columns=["구매 방식", "최대 할인(%)", "월 요금(USD, 최대 할인 시)"]).round(2)
    return cite(table, ("ec2_prices", _rows(instance_type, region)), "discounts")


def type_choices(instance_types=None) -> list[tuple[str, str]]:
    """``(instance type, region)`` pairs the one-type charts offer.

    ``None``: every type in ``data/ec2_prices.csv``, each with its
    :data:`HOME_REGION` price when it has one, else with its first region's
    (so a row a teacher adds appears with no code change).  A list of types
    uses :data:`HOME_REGION` for each.
    """
    if instance_types is not None:
        return [(t, HOME_REGION) for t in instance_types]
    choices, seen = [], set()
    for region in sorted(REGION_NAMES, key=lambda r: r != HOME_REGION):
        for t in cost.instance_types(region):
            if t not in seen:
                seen.add(t)
                choices.append((t, region))
    return choices


def _choice_label(instance_type: str, region: str) -> str:
    return instance_type if region == HOME_REGION else f"{instance_type} ({REGION_NAMES[region]})"


def purchase_options_chart(instance_types=None) -> go.Figure:
    """Bars: the monthly cost of one instance on demand and at each offer's largest discount (USD).

    The dropdown offers every priced instance type (see :func:`type_choices`).
    """
    choices = type_choices(instance_types)
    fig = new_figure("구매 방식별 월 요금 (최대 할인 기준)", "구매 방식", "월 요금 (USD)", hovermode="closest")
    fig.add_trace(go.Bar(x=[], y=[], name="월 요금", marker={"color": PALETTE[0]},
                         text=[], textposition="outside",
                         hovertemplate="%{x}: $%{y:,.2f}/월<extra></extra>"))

    def state(type_i: int):
        instance_type, region = choices[type_i]
        table = purchase_options_table(instance_type, region)
        labels = [f"{n} (−{p:g}%)" if p else n for n, p in zip(table["구매 방식"], table["최대 할인(%)"])]
        usd = list(table["월 요금(USD, 최대 할인 시)"])
        return {"data": {"x": [labels], "y": [usd], "text": [[f"${u:,.2f}" for u in usd]]},
                "layout": {"title.text": f"구매 방식별 월 요금<br><sup>{instance_type} 1대 · {REGION_NAMES[region]} · "
                                         "최대 할인 기준</sup>"}}

    return cite(add_controls(fig, [Control("dropdown", "인스턴스 유형", [_choice_label(*c) for c in choices])], state),
                ("ec2_prices", _rows(*zip(*choices))), "discounts")


def idle_cost_chart(instance_types=None, utilisation_pct=(5, 10, 25, 50, 75, 100)) -> go.Figure:
    """Stacked bars: how much of a fixed monthly bill pays for busy time and how much for idle time.

    An instance bills every hour it runs; at an average utilisation of u %,
    u % of the bill buys work and the rest buys idle capacity.  The dropdown
    offers every priced instance type (see :func:`type_choices`).
    """
    choices = type_choices(instance_types)
    fig = new_figure("사용률에 따른 월 요금의 쓰임", "평균 사용률 (%)", "월 요금 (USD)",
                     barmode="stack", hovermode="x unified")
    labels = [f"{u}%" for u in utilisation_pct]
    for i, name in enumerate(("일한 시간에 낸 돈", "놀고 있던 시간에 낸 돈")):
        fig.add_trace(go.Bar(x=labels, y=[0] * len(labels), name=name,
                             marker={"color": PALETTE[0] if i == 0 else fill_color(1),
                                     "line": {"color": PALETTE[i], "width": 1.5},
                                     "pattern": {"shape": PATTERNS[i]}},
                             hovertemplate="$%{y:,.2f}<extra>" + name + "</extra>"))

    def state(type_i: int):
        instance_type, region = choices[type_i]
        bill = cost.ec2_monthly_cost(instance_type, region=region)
        busy = [bill * u / 100 for u in utilisation_pct]
        idle = [bill - b for b in busy]
        return {"data": {"x": [labels, labels], "y": [busy, idle]},
                "layout": {"title.text": f"사용률에 따른 월 요금의 쓰임<br><sup>{instance_type} 1대 · "
                                         f"{REGION_NAMES[region]} · 월 ${bill:,.2f}</sup>"}}

    return cite(add_controls(fig, [Control("dropdown", "인스턴스 유형", [_choice_label(*c) for c in choices])], state),
                ("ec2_prices", _rows(*zip(*choices))))


def instance_table(region: str = "us-east-1") -> pd.DataFrame:
    """The instance types of ``data/ec2_prices.csv`` in ``region`` with their specs and prices and the
    source grade (출처 등급) of each price and spec, in words (Korean columns)."""
    prices = _prices()
    here = prices[prices["region"] == region]
    return cite(pd.DataFrame({
        "유형": here["instance_type"],
        "계열": here["family_group"].map(FAMILY_NAMES),
        "아키텍처": here["arch"],
        "vCPU": here["vcpu"],
        "메모리(GiB)": here["memory_gib"],
        "시간당(USD)": here["usd_per_hour"],
        "월(USD, 730시간)": [round(cost.ec2_monthly_cost(t, region=region), 2) for t in here["instance_type"]],
        "요금 출처 등급": here["price_confidence"].map(datasets.GRADES),
        "사양 출처 등급": here["spec_confidence"].map(datasets.GRADES),
    }).set_index("유형"), ("ec2_prices", here))


def region_comparison_table() -> pd.DataFrame:
    """Types priced in both regions: monthly cost in us-east-1 and Seoul, how much more Seoul costs
    (:func:`awsbook.cost.ec2_region_premium_pct`, %) and the source grade of the Seoul price (AWS's price
    file, a third-party table or an estimate) with its date (index: type)."""
    prices = _prices()
    seoul = prices[prices["region"] == "ap-northeast-2"]
    home = set(cost.instance_types("us-east-1"))
    rows = []
    for t, confidence, as_of in zip(seoul["instance_type"], seoul["price_confidence"], seoul["as_of"]):
        if t not in home:
            continue
        rows.append((t, round(cost.ec2_monthly_cost(t), 2), round(cost.ec2_monthly_cost(t, region="ap-northeast-2"), 2),
                     round(cost.ec2_region_premium_pct(t, "ap-northeast-2"), 1),
                     f"{datasets.GRADES[confidence]} ({as_of.isoformat()})"))
    table = pd.DataFrame(rows, columns=["유형", "us-east-1(USD/월)", "서울(USD/월)", "서울이 더 비싼 정도(%)",
                                        "서울 요금 출처(기준일)"]).set_index("유형")
    return cite(table, ("ec2_prices", prices[prices["instance_type"].isin(table.index)]))


def fleet_bill_chart(bill: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Horizontal bars of a fleet bill from :func:`awsbook.cost.ec2_fleet_bill` (USD per month)."""
    total = float(bill["monthly_usd"].sum()) if len(bill) else 0.0
    fig = new_figure(title or f"인스턴스 묶음의 월 요금<br><sup>합계 ${total:,.2f}</sup>", "월 요금 (USD)", "",
                     hovermode="closest", height=160 + 45 * max(len(bill), 1))
    labels = [f"{t} × {n}" for t, n in zip(bill["instance_type"], bill["count"])]
    fig.add_trace(go.Bar(x=list(bill["monthly_usd"]), y=labels, orientation="h", name="월 요금",
                         marker={"color": PALETTE[0]}, text=[f"${u:,.2f}" for u in bill["monthly_usd"]],
                         textposition="auto", hovertemplate="%{y}: $%{x:,.2f}/월<extra></extra>"))
    fig.update_layout(showlegend=False, margin={"l": 140})
    fig.update_yaxes(autorange="reversed")
    return cite(fig, ("ec2_prices", _rows(list(bill["instance_type"]))))
