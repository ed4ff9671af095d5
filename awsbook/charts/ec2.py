"""EC2 price charts and tables (static HTML: native plotly controls, no kernel)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from awsbook import cost, datasets
from awsbook.charts import currency, theme
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.currency import View, won_text
from awsbook.charts.sources import cite
from awsbook.charts.theme import PALETTE, SERVICES, new_figure, series_style, translucent
from awsbook.formats import usd


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
    """Horizontal bars of the monthly on-demand cost of each instance type, coloured by family.

    Controls: region (every region with prices in ``data/ec2_prices.csv``),
    architecture (all, x86_64, arm64), number of instances, currency and VAT.  Every
    type priced in any region keeps its row; a type without a sourced price in the
    chosen region is marked "요금 자료 없음" on its row, not silently dropped.  Each bar
    carries its amount.
    """
    prices = _prices()
    regions = list(REGION_NAMES)
    arches = [None, *_arches(prices)]
    families = _families(prices)
    everywhere = prices.drop_duplicates("instance_type")
    fig = new_figure("인스턴스 유형별 월 요금", "", "", barmode="relative", hovermode="closest",
                     margin={"l": 20, "r": 20, "t": 90, "b": 60})
    for i, family in enumerate(families):
        fig.add_trace(go.Bar(
            y=[], x=[], name=FAMILY_NAMES[family], orientation="h", textposition="outside", cliponaxis=False,
            marker={"color": PALETTE[i], "pattern": {"shape": PATTERNS[i % len(PATTERNS)]}},
        ))
    fig.add_trace(go.Scatter(y=[], x=[], mode="text", name="요금 자료 없음", textposition="middle right",
                             textfont={"color": "#555"}, showlegend=False, hoverinfo="skip"))

    def state(region_i: int, arch_i: int, count_i: int, currency_i: int, vat_i: int):
        region, arch, count = regions[region_i], arches[arch_i], counts[count_i]
        view = View.of(currency_i, vat_i)
        rows = everywhere if arch is None else everywhere[everywhere["arch"] == arch]
        here = set(cost.instance_types(region))
        xs, ys = [], []
        for family in families:
            types = [t for t in rows.loc[rows["family_group"] == family, "instance_type"] if t in here]
            ys.append(types)
            xs.append([cost.ec2_monthly_cost(t, count=count, region=region) for t in types])
        missing = [t for t in rows["instance_type"] if t not in here]
        order = list(rows["instance_type"])
        every = [u for family in xs for u in family]
        top = max(every, default=1.0)  # a region may price no type of the chosen architecture
        arch_text = "모든 아키텍처" if arch is None else ARCH_NAMES[arch]
        note = f" · {REGION_NAMES[region]} 요금 자료 없음 {len(missing)}개 유형" if missing else ""
        hover = "%{y}: %{text}/월<extra>%{fullData.name}</extra>"
        return {"data": {"x": xs + [[0] * len(missing)], "y": ys + [missing],
                         "text": [[view.text(u) for u in x] for x in xs] + [["\u2002요금 자료 없음"] * len(missing)],
                         "hovertemplate": [hover] * len(families) + [None]},
                "layout": {"title.text": (f"가장 비싼 유형은 가장 싼 유형의 {max(every) / min(every):.0f}배입니다"
                                          if every else f"{REGION_NAMES[region]}에는 이 아키텍처의 요금 자료가 없습니다")
                                         + "<br><sup>"
                                         f"{REGION_NAMES[region]} · {arch_text} · {count}대 · 온디맨드, Linux{note}</sup>",
                           "title.subtitle.text": view.note, "xaxis.title.text": view.title("월 요금"),
                           "yaxis.categoryarray": order[::-1],
                           # room right of the longest bar for its amount
                           "xaxis.range": [0, view.amount(top) / (1 - _label_room(view, top))]}}

    fig.update_yaxes(type="category", categoryorder="array")
    fig.update_xaxes(showticklabels=False, showgrid=False)
    return cite(add_controls(fig, [
        Control("dropdown", "리전", [REGION_NAMES[r] for r in regions]),
        Control("dropdown", "아키텍처", ["모두", *(ARCH_NAMES[a] for a in arches[1:])]),
        Control("slider", "인스턴스 수", [f"{c}대" for c in counts]),
        *currency.controls(),
    ], state, scale={"x": list(range(len(families)))}, plot_height=34 * len(everywhere) + 40), ("ec2_prices", prices))


def _label_room(view: View, largest_usd: float) -> float:
    """The share of a 390 px plot that the longest bar's amount label needs right of the bar (about
    3.5% a character), so the axis ends far enough out for it on a phone."""
    return 0.035 * len(view.text(largest_usd)) + 0.05


def _arches(prices: pd.DataFrame) -> list[str]:
    """Architectures present in ``prices``, in the book's order (x86_64 first)."""
    return [a for a in ARCH_NAMES if a in set(prices["arch"])]


#: The scatter's memory axis (log10 of GiB): room for labels left of 1 GiB and right of 16 GiB.
MEMORY_RANGE = (math.log10(0.7), math.log10(23))


def cost_vs_resources() -> go.Figure:
    """Scatter of monthly on-demand cost against memory (GiB), one marker style per family.

    Controls: region, what the y axis divides the monthly cost by (one instance, one vCPU
    or one GiB of memory), currency and VAT.  Burstable (T) instances are drawn hollow:
    they launch in unlimited mode and their vCPUs run at full speed only up to a baseline
    (surplus CPU credits are billed), so their cost per vCPU is not the cost of a
    full-time vCPU; the title names the cheapest type both with and without them.  Types
    without a price in the region are said in the title.
    """
    prices = _prices()
    regions = list(REGION_NAMES)
    bases = [("인스턴스 1대", None), ("vCPU 1개당", "vcpu"), ("메모리 1GiB당", "memory_gib")]
    families = _families(prices)
    every_type = list(prices.drop_duplicates("instance_type")["instance_type"])
    fig = new_figure("메모리와 vCPU에 따른 월 요금", "메모리 (GiB, 로그 눈금)", "월 요금 (USD)", hovermode="closest",
                     margin={"l": 70, "r": 20, "t": 90, "b": 80})
    for i, family in enumerate(families):
        style = series_style(i)
        marker = {**style["marker"], "size": 12}
        name = FAMILY_NAMES[family]
        if family == "burstable":
            marker |= {"symbol": f"{marker['symbol']}-open", "line": {"width": 2, "color": marker["color"]}}
            name += " · vCPU는 기준 성능까지만 상시 사용"
        fig.add_trace(go.Scatter(
            x=[], y=[], mode="markers+text", name=name, text=[], textposition="top center", marker=marker,
            customdata=[], cliponaxis=False,
        ))
    # Memory sizes double from 1 to 16 GiB: a log axis spaces them evenly, with room for labels at both ends.
    fig.update_xaxes(type="log", tickvals=[1, 2, 4, 8, 16], ticktext=["1", "2", "4", "8", "16"], range=MEMORY_RANGE)

    def state(region_i: int, base_i: int, currency_i: int, vat_i: int):
        region, view = regions[region_i], View.of(currency_i, vat_i)
        label, column = bases[base_i]
        here = prices[prices["region"] == region]
        xs, ys, texts, cds = [], [], [], []
        for family in families:
            rows = here[here["family_group"] == family]
            monthly = [cost.ec2_monthly_cost(t, region=region) for t in rows["instance_type"]]
            divisor = [1.0] * len(rows) if column is None else list(rows[column].astype(float))
            xs.append(list(rows["memory_gib"].astype(float)))
            ys.append([m / d for m, d in zip(monthly, divisor)])
            texts.append(list(rows["instance_type"]))
            cds.append(list(rows["vcpu"]))
        top = max(v for y in ys for v in y) * 1.12
        axis = view.axis("yaxis", f"월 요금, {label}", top)
        # Labels placed together across the families, so that none covers another on a phone.
        every = [(x, y) for fx, fy in zip(xs, ys) for x, y in zip(fx, fy)]
        names = [t for family in texts for t in family]
        # Types at the very same point share one label ("m5.large · m6i.large").
        first = {}
        for i, point in enumerate(every):
            first.setdefault(point, []).append(i)
        names = [" · ".join(names[j] for j in first[p]) if first[p][0] == i else "" for i, p in enumerate(every)]
        flat = _label_places(every, names, MEMORY_RANGE, [0, axis["yaxis.range"][1] / view.factor])
        positions, shown, k = [], [], 0
        for family in texts:
            places = flat[k:k + len(family)]
            positions.append([p or "top center" for p in places])
            shown.append([t if p else "" for t, p in zip(names[k:k + len(family)], places)])
            k += len(family)
        cheapest = cost.cheapest_instance_type(region, per=column)
        full_time = cost.cheapest_instance_type(region, per=column, full_time=True)
        result = f"{label} 월 요금이 가장 싼 유형은 {cheapest}입니다"
        if full_time not in (None, cheapest):
            result += f" (버스트 가능(T)을 빼면 {full_time})"
        missing = [t for t in every_type if t not in set(here["instance_type"])]
        note = f" · {REGION_NAMES[region]} 요금 자료 없음: {', '.join(missing)}" if missing else ""
        hover = f"%{{customdata[1]}}: vCPU %{{customdata[0]}}개, %{{x}} GiB → {view.hover()}<extra></extra>"
        return {"data": {"x": xs, "y": ys, "text": shown, "textposition": positions,
                         "customdata": [[[v, t] for v, t in zip(c, family)] for c, family in zip(cds, texts)],
                         "hovertemplate": [hover] * len(families)},
                "layout": {"title.text": f"{result}<br><sup>{REGION_NAMES[region]} · 온디맨드, Linux{note}</sup>",
                           "title.subtitle.text": view.note,
                           **axis}}

    return cite(add_controls(fig, [
        Control("dropdown", "리전", [REGION_NAMES[r] for r in regions]),
        Control("dropdown", "기준", [b[0] for b in bases]),
        *currency.controls(),
    ], state, scale={"y": list(range(len(families)))}), ("ec2_prices", prices))


#: Where a point's label may go, in order of preference, as plotly positions.
LABEL_PLACES = ("top center", "bottom center", "middle right", "middle left",
                "top right", "bottom right", "top left", "bottom left")
#: The scatter's plot area on a 390 px phone (px) and a label's size there: about 7.2 px a
#: character at the book's 13 px font, 16 px high.
PHONE_PLOT = (250, 330)
CHAR_PX, LINE_PX, GAP_PX = 7.2, 16, 7


def _label_box(place: str, px: float, py: float, text: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in px of ``text`` placed at ``place`` around the point (px, py)."""
    width = CHAR_PX * len(text)
    vertical, horizontal = place.split()
    if horizontal == "center":
        left = px - width / 2
    else:
        left = px + GAP_PX if horizontal == "right" else px - GAP_PX - width
    if vertical == "middle":
        top = py - LINE_PX / 2
    else:
        top = py - GAP_PX - LINE_PX if vertical == "top" else py + GAP_PX
    return left, top, left + width, top + LINE_PX


def _label_places(points: list[tuple[float, float]], texts: list[str], x_log_range, y_range) -> list[str | None]:
    """A plotly text position for each point's label (None: no free place, leave the label out).

    ``points`` are (x, y) in data units on a log x axis.  Each label takes a place of
    :data:`LABEL_PLACES` around its point; places are improved label by label (each takes the
    least crowded place given the others) until nothing changes, and a label that still covers
    something or leaves the plot is left out (its name stays in the hover and the table).
    """
    width, height = PHONE_PLOT
    (x0, x1), (y0, y1) = x_log_range, y_range
    px = [((math.log10(x) - x0) / (x1 - x0) * width, height - (y - y0) / (y1 - y0) * height) for x, y in points]
    markers = [(a - 6, b - 6, a + 6, b + 6) for a, b in px]

    def hits(a, b):
        return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0

    def cost(i, place, chosen):
        box = _label_box(place, *px[i], texts[i])
        others = [_label_box(chosen[j], *px[j], texts[j]) for j in range(len(points)) if j != i and chosen[j]]
        outside = box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height
        return sum(hits(box, o) for o in others + markers) + 10 * outside

    chosen = [LABEL_PLACES[0]] * len(points)
    for _ in range(10):
        changed = False
        for i in range(len(points)):
            best = min(LABEL_PLACES, key=lambda place: (cost(i, place, chosen), LABEL_PLACES.index(place)))
            if best != chosen[i] and cost(i, best, chosen) < cost(i, chosen[i], chosen):
                chosen[i], changed = best, True
        if not changed:
            break
    # Leave out labels that still clash, the most crowded first, until none does.
    while True:
        clashing = [(cost(i, chosen[i], chosen), i) for i in range(len(points)) if chosen[i]]
        worst = max(clashing, default=(0, None))
        if worst[0] == 0:
            return chosen
        chosen[worst[1]] = None


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


def _wrapped(label: str, width: int = 12) -> str:
    """``label`` on two lines, broken at the space nearest its middle, when longer than ``width``
    characters (a bar label that leaves the plot room on a phone)."""
    spaces = [i for i, c in enumerate(label) if c == " "]
    if len(label) <= width or not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return f"{label[:cut]}<br>{label[cut + 1:]}"


def purchase_options_chart(instance_types=None) -> go.Figure:
    """Horizontal bars: the monthly cost of one instance on demand and at each offer's largest discount.

    The dropdown offers every priced instance type (see :func:`type_choices`); currency and
    VAT controls follow.  Each bar carries its amount; the title says how much the best
    offer saves.
    """
    choices = type_choices(instance_types)
    fig = new_figure("구매 방식별 월 요금 (최대 할인 기준)", "", "", hovermode="closest",
                     margin={"l": 20, "r": 20, "t": 90, "b": 60})
    fig.add_trace(go.Bar(y=[], x=[], orientation="h", name="월 요금", marker={"color": SERVICES["ec2"]["color"]},
                         textposition="outside", insidetextanchor="end", textangle=0, cliponaxis=False,
                         showlegend=False))
    fig.update_yaxes(type="category", categoryorder="array")
    fig.update_xaxes(showticklabels=False, showgrid=False)

    def state(type_i: int, currency_i: int, vat_i: int):
        instance_type, region = choices[type_i]
        view = View.of(currency_i, vat_i)
        table = purchase_options_table(instance_type, region)
        labels = [_wrapped(f"{n} (−{p:g}%)" if p else n) for n, p in zip(table["구매 방식"], table["최대 할인(%)"])]
        usd = list(table["월 요금(USD, 최대 할인 시)"])
        best = min(range(1, len(usd)), key=lambda i: usd[i])
        inside = [u > max(usd) / 2 for u in usd]  # a long bar carries its amount inside, so nothing leaves the plot
        return {"data": {"y": [labels], "x": [usd], "text": [[view.text(u) for u in usd]],
                         "textposition": [["inside" if i else "outside" for i in inside]],
                         "hovertemplate": ["%{y}: %{text}/월<extra></extra>"]},
                "layout": {"title.text": f"{table['구매 방식'][best]}로 사면 월 {view.text(usd[0] - usd[best])} "
                                         f"덜 냅니다<br><sup>{instance_type} 1대 · {REGION_NAMES[region]} · 최대 할인 기준"
                                         f"(실제 할인은 약정 기간·결제 방식·여유 용량에 따라 다릅니다)</sup>",
                           "title.subtitle.text": view.note, "xaxis.title.text": view.title("월 요금"),
                           "yaxis.categoryarray": labels[::-1],
                           "xaxis.range": [0, view.amount(max(usd)) * 1.05]}}

    return cite(add_controls(fig, [Control("dropdown", "인스턴스 유형", [_choice_label(*c) for c in choices]),
                                   *currency.controls()], state, scale={"x": [0]}, plot_height=300),
                ("ec2_prices", _rows(*zip(*choices))), "discounts")


def idle_cost_chart(instance_types=None, utilisation_pct=(5, 10, 25, 50, 75, 100)) -> go.Figure:
    """Stacked bars: how much of a fixed monthly bill pays for busy time and how much for idle time.

    An instance bills every hour it runs; at an average utilisation of u %,
    u % of the bill buys work and the rest buys idle capacity.  The dropdown
    offers every priced instance type (see :func:`type_choices`); currency and VAT
    controls follow.  The utilisations are categories (plotly would read "5%" as
    the number 5 and draw hairlines on a 0–100 axis); each bar is labelled with the
    part of the bill paid for idle time.
    """
    choices = type_choices(instance_types)
    fig = new_figure("사용률에 따른 월 요금의 쓰임", "평균 사용률", "", barmode="stack", hovermode="x unified")
    labels = [f"{u}%" for u in utilisation_pct]
    ec2 = SERVICES["ec2"]["color"]
    for i, name in enumerate(("일한 시간에 낸 돈", "놀고 있던 시간에 낸 돈")):
        fig.add_trace(go.Bar(x=labels, y=[0] * len(labels), name=name,
                             marker={"color": ec2 if i == 0 else translucent(ec2),
                                     "line": {"color": ec2, "width": 1.5}, "pattern": {"shape": PATTERNS[i]}},
                             text=None, textposition="inside" if i else "none", textangle=0,
                             insidetextanchor="middle", cliponaxis=False))
    fig.update_xaxes(type="category")

    def state(type_i: int, currency_i: int, vat_i: int):
        instance_type, region = choices[type_i]
        view = View.of(currency_i, vat_i)
        bill = cost.ec2_monthly_cost(instance_type, region=region)
        busy = [bill * u / 100 for u in utilisation_pct]
        idle = [bill - b for b in busy]
        hover = [f"{view.hover()}<extra>{name}</extra>" for name in ("일한 시간에 낸 돈", "놀고 있던 시간에 낸 돈")]
        return {"data": {"x": [labels, labels], "y": [busy, idle], "hovertemplate": hover,
                         "text": [None, [f"{100 - u}%" if u < 100 else "" for u in utilisation_pct]]},
                "layout": {"title.text": f"사용률이 낮으면 요금 대부분이 놀고 있던 시간에 나갑니다<br><sup>{instance_type} 1대 · "
                                         f"{REGION_NAMES[region]} · 월 {view.text(bill)} · 사용률 {utilisation_pct[0]}%면 "
                                         f"놀던 시간 값이 {view.text(idle[0])} (빗금 막대의 숫자: 놀던 시간의 비율)</sup>",
                           "title.subtitle.text": view.note,
                           **view.axis("yaxis", "월 요금", bill * 1.15)}}

    return cite(add_controls(fig, [Control("dropdown", "인스턴스 유형", [_choice_label(*c) for c in choices]),
                                   *currency.controls()], state, scale={"y": [0, 1]}),
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
    fig = new_figure(title or f"인스턴스 묶음의 월 요금<br><sup>합계 {usd(total)}, {won_text(total)}</sup>", "월 요금 (USD)", "",
                     hovermode="closest", height=160 + 45 * max(len(bill), 1))
    labels = [f"{t} × {n}" for t, n in zip(bill["instance_type"], bill["count"])]
    fig.add_trace(go.Bar(x=list(bill["monthly_usd"]), y=labels, orientation="h", name="월 요금",
                         marker={"color": SERVICES["ec2"]["color"]}, text=[usd(u) for u in bill["monthly_usd"]],
                         textposition="auto", hovertemplate="%{y}: $%{x:,.2f}/월<extra></extra>"))
    fig.update_layout(showlegend=False, margin={"l": 140})
    fig.update_yaxes(autorange="reversed")
    return cite(fig, ("ec2_prices", _rows(list(bill["instance_type"]))))
