"""Live Lambda dashboard with free inputs and a "show the calculation" panel (needs a kernel)."""

from __future__ import annotations

import ipywidgets as widgets

from awsbook import cost, datasets
from awsbook.charts.lambda_ import API_NAMES, bill_parts_chart, bill_table
from awsbook.charts.currency import rate_text, won_text
from awsbook.formats import korean_count, usd
from awsbook.widgets.base import NONE_CHOICE, chosen, dashboard

FORMULA = ("월 요금 = 요청 수 × 요청당 요금 + GB-초 × GB-초당 요금 (+ API Gateway 요청 요금 + 임시 스토리지 요금), "
           "GB-초 = 요청 수 × ⌈실행 시간(ms)⌉ ÷ 1,000 × 메모리(MB) ÷ 1,024")


def _lambda_view(requests, duration_ms, memory_mb, arch, region, api, free_tier, ephemeral_mb,
                 compare_with, show_calculation):
    options = dict(arch=arch, region=region, free_tier=free_tier, api=chosen(api), ephemeral_mb=ephemeral_mb)
    bill = cost.lambda_bill(requests, duration_ms, memory_mb, **options)
    ec2 = cost.ec2_monthly_cost(compare_with, region=region)
    be = cost.break_even_requests(ec2, duration_ms, memory_mb, **options)
    cheaper = "Lambda" if bill["total_usd"] < ec2 else f"EC2 {compare_with}"
    summary = (f"<p>Lambda 월 요금 <b>{usd(bill['total_usd'])}</b>({won_text(bill['total_usd'])}) · "
               f"EC2 {compare_with} 1대(상시 실행) {usd(ec2)}({won_text(ec2)}) → 이 요청 수에서는 "
               f"<b>{cheaper}</b>가 더 쌉니다. 손익분기점은 월 {korean_count(be, '건')}입니다. ({rate_text()})</p>")
    if not show_calculation:
        return bill_parts_chart(bill), summary
    table = bill_table(requests, duration_ms, memory_mb, **options)
    calc = f"<p><b>계산 과정</b><br>{FORMULA}</p>" + table.to_html()
    return bill_parts_chart(bill), summary, calc


def lambda_dashboard() -> widgets.VBox:
    """Dashboard: monthly Lambda bill from free inputs, compared with one always-on EC2 instance."""
    regions = sorted(datasets.load("lambda_prices")["region"].unique())
    types = list(dict.fromkeys(datasets.load("ec2_prices")["instance_type"]))
    controls = {
        "requests": widgets.FloatText(value=10_000_000, description="월 요청 수"),
        "duration_ms": widgets.FloatText(value=100, description="실행 시간(ms)"),
        "memory_mb": widgets.IntText(value=512, description="메모리(MB)"),
        "ephemeral_mb": widgets.IntText(value=512, description="/tmp(MB)"),
        "arch": widgets.Dropdown(options=["x86_64", "arm64"], description="아키텍처"),
        "region": widgets.Dropdown(options=regions, value="us-east-1", description="리전"),
        "api": widgets.Dropdown(options=[(name, api or NONE_CHOICE) for api, name in API_NAMES.items()],
                                value=NONE_CHOICE, description="앞단 API"),
        "compare_with": widgets.Combobox(value="t3.micro", options=types, ensure_option=False,
                                         description="비교할 EC2"),
        "free_tier": widgets.Checkbox(value=False, description="프리 티어 적용"),
        "show_calculation": widgets.Checkbox(value=True, description="계산 과정 보기"),
    }
    return dashboard(controls, _lambda_view, labels={"instance_type": "비교할 EC2"})
