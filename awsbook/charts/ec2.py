"""EC2 price charts."""

from __future__ import annotations

import plotly.graph_objects as go

from awsbook import cost, datasets
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.theme import PALETTE, new_figure

REGION_NAMES = {"us-east-1": "미국 동부(버지니아 북부)", "ap-northeast-2": "아시아 태평양(서울)"}


def monthly_price_by_type(counts=(1, 2, 3, 4, 5, 10)) -> go.Figure:
    """Bar chart of the monthly on-demand cost (USD) of each instance type.

    A dropdown picks the region and a slider the number of instances; types
    with no sourced price in a region get no bar there.
    """
    prices = datasets.load("ec2_prices")
    regions = [r for r in REGION_NAMES if r in set(prices["region"])]
    types = list(dict.fromkeys(prices["instance_type"]))
    fig = new_figure("인스턴스 유형별 월 요금 (온디맨드, Linux)", "인스턴스 유형", "월 요금 (USD)")
    fig.add_trace(go.Bar(x=types, y=[0] * len(types), marker={"color": PALETTE[0]},
                         name="월 요금", hovertemplate="%{x}: $%{y:,.2f}/월<extra></extra>"))

    def state(region_i: int, count_i: int):
        region, count = regions[region_i], counts[count_i]
        here = set(prices.loc[prices["region"] == region, "instance_type"])
        y = [cost.ec2_monthly_cost(t, count=count, region=region) if t in here else None for t in types]
        return {"data": {"y": [y]},
                "layout": {"title.text": f"인스턴스 유형별 월 요금 — {REGION_NAMES[regions[region_i]]}, {count}대"}}

    return add_controls(fig, [
        Control("dropdown", "리전", [REGION_NAMES[r] for r in regions]),
        Control("slider", "인스턴스 수", [f"{c}대" for c in counts]),
    ], state)
