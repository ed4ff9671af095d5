"""Live EC2 dashboard: build a small fleet and see its monthly bill (needs a kernel)."""

from __future__ import annotations

import ipywidgets as widgets

from awsbook import cost, datasets
from awsbook.charts.currency import rate_text, won_text
from awsbook.charts.ec2 import REGION_NAMES, fleet_bill_chart
from awsbook.formats import usd
from awsbook.widgets.base import dashboard

FLEET_ROWS = 3
START = (("t3.micro", 2), ("m5.large", 1), ("c7g.large", 0))


def _fleet_bill(region, hours, discount_pct, **rows):
    fleet = [(rows[f"type_{i}"], rows[f"count_{i}"]) for i in range(1, FLEET_ROWS + 1)]
    bill = cost.ec2_fleet_bill(fleet, region=region, hours=hours, discount_pct=discount_pct)
    if bill.empty:
        return "<p>인스턴스 수를 한 대 이상 넣으면 월 요금이 나타납니다.</p>"
    table = bill.rename(columns={"instance_type": "유형", "count": "대수", "usd_per_hour": "시간당(USD)",
                                 "monthly_usd": "월 요금(USD)"}).round({"시간당(USD)": 4, "월 요금(USD)": 2})
    total = float(bill["monthly_usd"].sum())
    note = (f"<p>{hours:g}시간 × 대수 × 시간당 요금 × (1 − {discount_pct:g}%) — 합계 <b>{usd(total, cents=True)}</b>/월, "
            f"{won_text(total)} ({rate_text()})</p>")
    return fleet_bill_chart(bill), note + table.to_html(index=False, border=0)


def fleet_dashboard() -> widgets.VBox:
    """Dashboard: region, hours, discount and up to three (instance type, count) rows → monthly bill.

    Instance types are typed freely (with suggestions), so an unknown name
    shows the Korean error with the closest names.
    """
    types = list(dict.fromkeys(datasets.load("ec2_prices")["instance_type"]))
    controls = {
        "region": widgets.Dropdown(options=[(v, k) for k, v in REGION_NAMES.items()], description="리전"),
        "hours": widgets.FloatText(value=cost.HOURS_PER_MONTH, description="월 가동 시간"),
        "discount_pct": widgets.FloatText(value=0, description="할인율(%)"),
    }
    for i, (t, n) in enumerate(START, start=1):
        controls[f"type_{i}"] = widgets.Combobox(value=t, options=types, ensure_option=False,
                                                 description=f"유형 {i}")
        controls[f"count_{i}"] = widgets.IntText(value=n, description=f"대수 {i}")
    return dashboard(controls, _fleet_bill, labels={"instance_type": "유형", "count": "대수"})
