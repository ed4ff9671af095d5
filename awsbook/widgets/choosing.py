"""Live crossover dashboard: every input free, the calculation shown, the table downloadable as CSV."""

from __future__ import annotations

import base64
import html
import math

import ipywidgets as widgets
import pandas as pd

from awsbook import cost, crossover, datasets
from awsbook.charts.choosing import break_even_table_view, crossover_figure
from awsbook.charts.ec2 import REGION_NAMES
from awsbook.formats import rps_text, usd
from awsbook.widgets.base import NONE_CHOICE, chosen, dashboard, no_math

CSV_NAME = "crossover_table.csv"
API_CHOICES = (("API Gateway 없음", NONE_CHOICE), ("HTTP API", "http"), ("REST API", "rest"))
#: The download link, drawn as a button (the browser saves the file; nothing is written by the kernel).
LINK_STYLE = ("display:inline-block;padding:4px 12px;border:1px solid #888;border-radius:3px;"
              "background:#f4f4f4;color:#222;text-decoration:none")
#: On-screen labels of model parameters whose names differ from the control keys.
LABELS = {"vcpu": "Fargate vCPU", "memory_gb": "Fargate 메모리 (GB)"}


def scenario(*, duration_ms, memory_mb, arch, free_tier, api, ephemeral_mb, region, instance_type, count,
             discount_pct, public_ipv4=False, fargate_vcpu, fargate_memory_gb, tasks):
    """The dashboard's inputs as model objects: (always-on options, Lambda options).

    ``api`` may be the dropdown's "none" value (:data:`~awsbook.widgets.base.NONE_CHOICE`) or None.
    """
    options = [
        crossover.ec2_option(instance_type, count=count, region=region, discount_pct=discount_pct,
                             public_ipv4=public_ipv4),
        crossover.fargate_option(fargate_vcpu, fargate_memory_gb, tasks=tasks, region=region),
    ]
    return options, {"arch": arch, "region": region, "free_tier": free_tier, "api": chosen(api),
                     "ephemeral_mb": ephemeral_mb}


def calculation_html(table: pd.DataFrame, options, duration_ms, memory_mb, lambda_options) -> str:
    """The "show the calculation" panel: each option's monthly cost, then Lambda's bill at each
    break-even point (it equals that cost), then the conversion to requests per second."""
    parts = ["<details><summary><b>계산 과정 보기</b></summary>"]
    for option, row in zip(options, table.itertuples()):
        parts.append(f"<h4>{html.escape(option.name)}</h4>")
        if option.monthly_usd is None or math.isnan(row.requests_per_month):
            parts.append(f"<p>{html.escape(row.note)}</p>")
            continue
        parts.append(f"<p>월 고정 비용: {html.escape(option.formula)}</p>")
        bill = cost.lambda_bill(row.requests_per_month, duration_ms, memory_mb, **lambda_options)
        lines = "".join(f"<li>{html.escape(step.part)}: {html.escape(step.formula)} = {usd(step.usd, cents=True)}</li>"
                        for step in bill["steps"].itertuples())
        parts.append(f"<p>손익분기점 월 {row.requests_per_month:,.0f}건에서 Lambda 청구서:</p><ul>{lines}</ul>")
        parts.append(f"<p>평균 초당 요청 수: {row.requests_per_month:,.0f} ÷ ({cost.HOURS_PER_MONTH} × 3,600) "
                     f"= {rps_text(row.requests_per_second)} rps</p>")
    parts.append("</details>")
    return "".join(parts)


def _outputs(**values) -> tuple[pd.DataFrame, tuple]:
    """The break-even table and what the dashboard shows (figure, table, calculation), computed once."""
    options, lam = scenario(**values)
    table = crossover.break_even_table(options, values["duration_ms"], values["memory_mb"], **lam)
    fig = crossover_figure(values["duration_ms"], values["memory_mb"], options, **lam)
    return table, (fig, break_even_table_view(table).to_html(),
                   calculation_html(table, options, values["duration_ms"], values["memory_mb"], lam))


def render(**values):
    """Figure, table and calculation for the dashboard's inputs (Korean errors come from the models)."""
    return _outputs(**values)[1]


def csv_link(table: pd.DataFrame, name: str = CSV_NAME) -> str:
    """An HTML download link carrying ``table`` as a UTF-8 CSV ``data:`` URI (with BOM, so spreadsheet
    programs read Korean): the browser saves the file; no server, no network, nothing written by the kernel."""
    payload = base64.b64encode(table.to_csv(index=False).encode("utf-8-sig")).decode("ascii")
    return (f'<a download="{html.escape(name)}" href="data:text/csv;charset=utf-8;base64,{payload}" '
            f'style="{LINK_STYLE}" title="{html.escape(name)}">⬇ 표를 CSV로 저장</a>')


def _controls() -> dict[str, widgets.Widget]:
    style = {"description_width": "150px"}
    wide = widgets.Layout(width="330px")

    def box(kind, value, label, **kw):
        return kind(value=value, description=label, style=style, layout=wide, **kw)

    r = crossover.REFERENCE
    return {
        "duration_ms": box(widgets.FloatText, float(r["duration_ms"]), "실행 시간 (ms)"),
        "memory_mb": box(widgets.IntText, r["memory_mb"], "메모리 (MB)"),
        "arch": box(widgets.Dropdown, "x86_64", "아키텍처", options=list(datasets.ARCHES)),
        "free_tier": widgets.Checkbox(value=False, description="프리 티어 적용", indent=False),
        "api": box(widgets.Dropdown, NONE_CHOICE, "API Gateway", options=list(API_CHOICES)),
        "ephemeral_mb": box(widgets.IntText, 512, "임시 스토리지 (MB)"),
        "region": box(widgets.Dropdown, r["region"], "리전",
                      options=[(name, code) for code, name in REGION_NAMES.items()]),
        "instance_type": box(widgets.Dropdown, r["instance_type"], "EC2 인스턴스 유형",
                             options=sorted(cost.instance_types())),
        "count": box(widgets.IntText, 1, "EC2 대수"),
        "discount_pct": box(widgets.FloatText, 0.0, "EC2 할인율 (%)"),
        "public_ipv4": widgets.Checkbox(value=False, description="EC2 공인 IPv4 주소 요금 포함 (대당 1개)",
                                        indent=False),
        "fargate_vcpu": box(widgets.FloatText, r["fargate_vcpu"], "Fargate vCPU"),
        "fargate_memory_gb": box(widgets.FloatText, r["fargate_memory_gb"], "Fargate 메모리 (GB)"),
        "tasks": box(widgets.IntText, 1, "Fargate 태스크 수"),
    }


def crossover_dashboard() -> widgets.VBox:
    """Live dashboard: Lambda, EC2 and Fargate inputs all free; chart, break-even table, a
    "계산 과정 보기" panel and a "표를 CSV로 저장" link that the browser downloads (:func:`csv_link`).

    The link always carries the table on screen; while an input is refused it is hidden.
    """
    download = widgets.HTML()

    def show(**values):
        download.value = ""
        table, shown = _outputs(**values)
        download.value = no_math(csv_link(table))
        return shown

    return widgets.VBox([dashboard(_controls(), show, labels=LABELS), download])
