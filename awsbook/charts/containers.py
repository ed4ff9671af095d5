"""Charts and small tables for the ECS, EKS and Fargate chapters.

Static charts (``*_chart()`` without arguments) carry native controls that work
in the HTML book; ``*_figure(...)`` builders draw one situation for the live
dashboards.  Everything is computed by :mod:`awsbook.containers` and
:mod:`awsbook.cost`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from awsbook import containers, cost, datasets, validate
from awsbook.charts import currency
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.currency import View, rate_text, won_text
from awsbook.charts.sources import cite
from awsbook.charts.theme import INK, PALETTE, SERVICES, new_figure, service_style, translucent
from awsbook.formats import usd

ARCH_NAMES = {"x86_64": "x86", "arm64": "Arm"}
NODE_NAMES = {"fargate": "Fargate", "ec2": "EC2 노드"}
#: The y axis of the three-ways chart: the whole bill or the bill divided by the task count.
VIEW_NAMES = {False: "월 요금 합계", True: "태스크 1개당 월 요금"}
LIMIT_NAMES = {"vcpu": "vCPU가 먼저 찹니다", "memory": "메모리가 먼저 찹니다", "both": "vCPU와 메모리가 함께 찹니다"}

#: Task sizes (vCPU, GB) offered by the static charts: small, balanced and memory-heavy.
FARGATE_CHART_SIZES = ((0.25, 0.5), (0.5, 1), (1, 2), (1, 4), (1, 8), (2, 4), (2, 16),
                       (4, 8), (4, 30), (8, 16), (16, 32))
PACKING_CHART_SIZES = ((0.25, 0.5), (0.25, 2), (0.5, 1), (0.5, 4), (1, 2), (1, 4), (2, 4), (2, 8))
THREE_WAYS_SIZES = ((0.25, 0.5), (0.5, 1), (1, 2), (2, 4))
THREE_WAYS_TYPES = ("m5.large", "c6i.large", "r6i.large")
#: Task counts on the x axis of the static three-ways chart: every count up to 20, then coarser.
THREE_WAYS_TASKS = np.concatenate([np.arange(1, 21), np.arange(22, 41, 2), np.arange(45, 101, 5)])


def size_label(vcpu: float, memory_gb: float) -> str:
    """'1 vCPU · 2 GB'."""
    return f"{vcpu:g} vCPU · {memory_gb:g} GB"


def _styled(frame: pd.DataFrame, formats: dict | None = None) -> Styler:
    """A page table: no index column, numbers formatted per column."""
    return frame.style.hide(axis="index").format(formats or {}).set_table_attributes('class="table"')


# --------------------------------------------------------------------------- tables

def fargate_size_table() -> Styler:
    """The valid Fargate task sizes, one row per vCPU, memory choices written compactly."""
    rows = []
    for vcpu, memory in cost.fargate_task_sizes().items():
        steps = set(np.round(np.diff(memory), 6))
        if len(memory) > 3 and len(steps) == 1:
            text = f"{memory[0]:g}–{memory[-1]:g} ({steps.pop():g} GB 단위)"
        else:
            text = ", ".join(f"{m:g}" for m in memory)
        rows.append({"vCPU": f"{vcpu:g}", "메모리(GB) 선택지": text})
    return cite(_styled(pd.DataFrame(rows)), "fargate_task_sizes")


def fargate_rate_table() -> Styler:
    """Fargate rates per region and architecture (USD per vCPU-hour and per GB-hour) and where each came from."""
    provenance = datasets.load("fargate_prices").set_index(["region", "arch"])
    rows = []
    for region in cost.fargate_regions():
        for arch in cost.fargate_arches(region):
            per_vcpu, per_gb = cost.fargate_rates(arch, region)
            row = provenance.loc[(region, arch)]
            rows.append({"리전": region, "아키텍처": ARCH_NAMES[arch],
                         "vCPU 1개·1시간(USD)": per_vcpu, "메모리 1 GB·1시간(USD)": per_gb,
                         "출처(기준일)": f"{datasets.GRADES[row['confidence']]} ({row['as_of'].isoformat()})"})
    return cite(_styled(pd.DataFrame(rows), {"vCPU 1개·1시간(USD)": "{:g}", "메모리 1 GB·1시간(USD)": "{:g}"}), "fargate_prices")


def eks_fee_table() -> Styler:
    """EKS control-plane fee per cluster: per hour and for a 730-hour month (USD)."""
    rows = []
    for extended, name in ((False, "표준 지원"), (True, "연장 지원")):
        rows.append({"지원 단계": name,
                     "클러스터 1개·1시간(USD)": cost.eks_monthly_fee(extended_support=extended, hours=1),
                     f"클러스터 1개·한 달 {cost.HOURS_PER_MONTH}시간(USD)":
                         cost.eks_monthly_fee(extended_support=extended)})
    frame = pd.DataFrame(rows)
    return cite(_styled(frame, {frame.columns[1]: "{:.2f}", frame.columns[2]: "{:,.2f}"}), "eks_prices")


def fargate_vs_lambda_table() -> Styler:
    """Fargate and Lambda side by side: longest run, billing unit, per-request charge (us-east-1)."""
    timeout_min = cost.lambda_limit("timeout_max") / 60
    per_request = datasets.load("lambda_prices").set_index(["region", "arch"]).loc[
        ("us-east-1", "x86_64"), "usd_per_request"]
    return cite(_styled(pd.DataFrame({
        "항목": ["한 번에 실행할 수 있는 시간", "요금을 매기는 기준", "요청 건수에 따른 요금"],
        "Fargate": ["제한 없음(태스크가 멈출 때까지)",
                    f"태스크의 vCPU·메모리 × 실행 시간(초 단위, 최소 {containers.fargate_minimum_seconds()}초)",
                    "없음"],
        "Lambda": [f"최대 {timeout_min:g}분", "메모리 × 실행 시간(GB-초)",
                   f"있음(100만 건당 ${per_request * 1e6:.2f})"],
    })), "fargate_billing", "lambda_limits", "lambda_prices")


# --------------------------------------------------------------------------- Fargate cost

#: Colours of a Fargate bill's parts: Fargate's green, the vCPU part solid, the memory part light and hatched.
FARGATE_PARTS = ({"color": SERVICES["fargate"]["color"]},
                 {"color": translucent(SERVICES["fargate"]["color"]), "line": {"color": SERVICES["fargate"]["color"],
                                                                                "width": 1.5},
                  "pattern": {"shape": "/", "fgcolor": SERVICES["fargate"]["color"]}})


def fargate_cost_chart(task_counts=(1, 5, 10, 15, 20), hours_per_day=(4, 8, 12, 16, 24)) -> go.Figure:
    """Stacked bars of the monthly Fargate cost of 1–20 tasks: vCPU part and memory part, total on top.

    The task counts sit on a numeric axis, so the bars stand as far apart as the counts are.
    Controls: task size (valid sizes only), architecture, on-demand or the largest Fargate
    Spot discount, hours a day, currency and VAT.  Prices are those of the only region in the
    data.  Arm with Spot draws no bars, and the plot says why: Fargate Spot runs x86 tasks only.
    """
    region = cost.fargate_regions()[0]
    arches = cost.fargate_arches(region)
    spot_pct = containers.fargate_spot_max_discount_pct()
    pricing = ((False, "온디맨드"), (True, f"Fargate Spot(최대 할인 {spot_pct:g}%)"))
    fig = new_figure("Fargate 월 요금", "실행하는 태스크 수", "월 요금 (USD)", barmode="stack", hovermode="closest")
    for i, name in enumerate(("vCPU 요금", "메모리 요금")):
        fig.add_trace(go.Bar(x=list(task_counts), y=[0] * len(task_counts), name=name, marker=FARGATE_PARTS[i],
                             width=2.5))
    # Each bar's total above it (an invisible point at the total, labelled in the view's currency).
    fig.add_trace(go.Scatter(x=list(task_counts), y=[0] * len(task_counts), mode="text", name="합계",
                             textposition="top center", showlegend=False, hoverinfo="skip", cliponaxis=False))
    fig.update_xaxes(tickvals=list(task_counts), ticktext=[f"{n}개" for n in task_counts],
                     range=[-1, task_counts[-1] + 2])
    fig.add_annotation(text="", xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 14})

    def state(size_i, arch_i, price_i, hours_i, currency_i, vat_i):
        (vcpu, memory), arch = FARGATE_CHART_SIZES[size_i], arches[arch_i]
        spot, price_name = pricing[price_i]
        view = View.of(currency_i, vat_i)
        hours = hours_per_day[hours_i]
        setting = f"{size_label(vcpu, memory)}, {ARCH_NAMES[arch]}, {price_name}, 하루 {hours}시간 ({region})"
        hover = [f"태스크 %{{x}}개 {name}: {view.hover()}<extra></extra>" for name in ("vCPU 요금", "메모리 요금")]
        if spot and arch not in containers.FARGATE_SPOT_ARCHES:
            empty = [None] * len(task_counts)
            return {"data": {"y": [empty, empty, empty], "text": [None, None, None],
                             "hovertemplate": hover + [None]},
                    "layout": {"title.text": f"{ARCH_NAMES[arch]} 태스크는 Fargate Spot을 쓸 수 없습니다<br><sup>{setting}</sup>",
                               "title.subtitle.text": view.note, "annotations[0].text":
                                   "Fargate Spot은 x86 태스크만<br>실행합니다: Arm + Spot에는<br>요금이 없습니다",
                               # no bars, so no amounts on the axis either (nothing for the note to cover)
                               "yaxis.title.text": view.title("월 요금"), "yaxis.range": [0, 1],
                               "yaxis.tickvals": [], "yaxis.ticktext": []}}
        parts = [containers.fargate_cost_breakdown(vcpu, memory, tasks=n, arch=arch, region=region,
                                                   hours_per_day=hours, spot=spot)
                 for n in task_counts]
        last = parts[-1]
        return {"data": {"y": [[p.vcpu_usd for p in parts], [p.memory_usd for p in parts], [p.total_usd for p in parts]],
                         "text": [None, None, [view.text(p.total_usd) for p in parts]], "hovertemplate": hover + [None]},
                "layout": {"title.text": f"태스크 수에 비례해 요금이 늘어납니다: 막대 위 숫자가 월 요금입니다"
                                         f"<br><sup>{setting} · vCPU 몫 {last.vcpu_usd / last.total_usd:.0%}</sup>",
                           "title.subtitle.text": view.note, "annotations[0].text": "",
                           **view.axis("yaxis", "월 요금", last.total_usd * 1.05)}}

    return cite(add_controls(fig, [
        Control("dropdown", "태스크 크기", [size_label(v, m) for v, m in FARGATE_CHART_SIZES],
                active=FARGATE_CHART_SIZES.index((1, 2))),
        Control("dropdown", "아키텍처", [ARCH_NAMES[a] for a in arches]),
        Control("dropdown", "요금", [name for _, name in pricing]),
        Control("slider", "하루 실행 시간", [f"{h}시간" for h in hours_per_day], active=len(hours_per_day) - 1),
        *currency.controls(),
    ], state, scale={"y": [0, 1, 2]}), "fargate_prices", "discounts")


def fargate_breakdown_figure(vcpu: float, memory_gb: float, *, tasks: int = 1, hours_per_day: float = 24,
                             arch: str = "x86_64", region: str = "us-east-1", spot: bool = False,
                             discount_pct: float = 0) -> go.Figure:
    """Bars of one Fargate bill: the vCPU part, the memory part and the total (USD per month)."""
    parts = containers.fargate_cost_breakdown(vcpu, memory_gb, tasks=tasks, arch=arch, region=region,
                                              hours_per_day=hours_per_day, spot=spot,
                                              discount_pct=discount_pct)
    fig = new_figure(
        f"월 {usd(parts.total_usd)} = vCPU {usd(parts.vcpu_usd)} + 메모리 {usd(parts.memory_usd)}"
        f" — {size_label(vcpu, memory_gb)} 태스크 {tasks:g}개, 하루 {hours_per_day:g}시간"
        f"<br><sup>원으로 {won_text(parts.total_usd)} · {rate_text()}</sup>",
        "", "월 요금 (USD)", showlegend=False, height=380)
    values = (parts.vcpu_usd, parts.memory_usd, parts.total_usd)
    fig.add_trace(go.Bar(x=["vCPU 요금", "메모리 요금", "합계"], y=list(values),
                         marker={"color": [FARGATE_PARTS[0]["color"], FARGATE_PARTS[1]["color"], INK],
                                 "line": {"color": SERVICES["fargate"]["color"], "width": 1.5},
                                 "pattern": {"shape": ["", "/", ""], "fgcolor": SERVICES["fargate"]["color"]}},
                         text=[usd(v) for v in values], textposition="outside",
                         hovertemplate="%{x}: $%{y:,.2f}<extra></extra>"))
    fig.update_yaxes(rangemode="tozero")
    return cite(fig, "fargate_prices", "discounts")


# --------------------------------------------------------------------------- three ways

#: The three ways to run the service, in trace order, with their service colour: ECS on EC2 is ECS,
#: ECS on Fargate is drawn as Fargate (what it bills), EKS is EKS.
THREE_WAYS = (("ecs_ec2", "ecs"), ("ecs_fargate", "fargate"), ("eks", "eks"))


def _three_ways_state(vcpu, memory_gb, tasks, *, instance_type, arch, eks_nodes, region="us-east-1",
                      share_pct=10, reserved_vcpu=0.0, reserved_memory_gib=0.0, extended_support=False,
                      per_task=False, view: View = View()) -> dict:
    options = {"instance_type": instance_type, "arch": arch, "eks_nodes": eks_nodes, "region": region,
               "reserved_vcpu": reserved_vcpu, "reserved_memory_gib": reserved_memory_gib,
               "extended_support": extended_support}
    table = containers.service_costs(vcpu, memory_gb, tasks, **options)
    threshold = containers.eks_fee_threshold(vcpu, memory_gb, share_pct=share_pct, **options)
    x_max = int(table["tasks"].max())
    note = f"EKS 요금 비중 {share_pct:g}% 미만:<br>태스크 {threshold}개부터"
    if threshold <= x_max:
        shapes = [{"type": "line", "x0": threshold, "x1": threshold, "yref": "paper", "y0": 0, "y1": 1,
                   "line": {"color": SERVICES["eks"]["color"], "dash": "dot", "width": 2}}]
        annotation = {"x": threshold, "xanchor": "left" if threshold < x_max / 2 else "right", "text": note}
    else:
        shapes = []
        annotation = {"x": x_max, "xanchor": "right", "text": note + " (그래프 밖)"}
    annotation.update({"y": 1, "yref": "paper", "yanchor": "top", "showarrow": False, "align": "left",
                       "bgcolor": "rgba(255,255,255,0.85)", "font": {"color": "#222"}})
    eks_name = f"EKS({NODE_NAMES[eks_nodes]}) + 컨트롤 플레인 요금"
    divisor = table["tasks"] if per_task else 1
    ys = [(table[c] / divisor).to_numpy() for c, _ in THREE_WAYS]
    what = VIEW_NAMES[per_task]
    return {"data": {"y": ys, "name": [f"ECS(EC2 {instance_type})", "ECS(Fargate)", eks_name],
                     "hovertemplate": [f"태스크 %{{x}}개: {view.hover()}<extra>%{{fullData.name}}</extra>"] * 3},
            "layout": {"title.text": f"{_three_ways_lesson(table, threshold, per_task, view)}<br><sup>"
                                     f"{size_label(vcpu, memory_gb)} 태스크, {ARCH_NAMES[arch]}, {region} · "
                                     f"{_three_ways_summary(table, per_task, instance_type, eks_nodes, view)}</sup>",
                       "title.subtitle.text": view.note,
                       **view.axis("yaxis", what, max(float(y.max()) for y in ys) * 1.1),
                       "shapes": shapes, "annotations": [annotation]}}


def _three_ways_lesson(table, threshold: int, per_task: bool, view: View) -> str:
    """The chart's lesson for one state, in its title."""
    if per_task:
        return f"태스크가 적으면 EKS 컨트롤 플레인 요금이 태스크 1개당 요금을 끌어올립니다(태스크 {threshold}개부터 10% 미만)"
    last = table.iloc[-1]
    cheapest = min((c for c, _ in THREE_WAYS), key=lambda c: last[c])
    names = {"ecs_ec2": "ECS(EC2)", "ecs_fargate": "ECS(Fargate)", "eks": "EKS"}
    return f"태스크 {int(last['tasks'])}개에서는 {names[cheapest]}가 가장 쌉니다(월 {view.text(last[cheapest])})"


def _three_ways_summary(table, per_task: bool, instance_type: str, eks_nodes: str, view: View) -> str:
    """The three bills at the largest task count, in words."""
    last = table.iloc[-1]
    names = {"ecs_ec2": f"ECS(EC2 {instance_type})", "ecs_fargate": "ECS(Fargate)", "eks": f"EKS({NODE_NAMES[eks_nodes]})"}
    divisor = last["tasks"] if per_task else 1
    bills = ", ".join(f"{name} {view.text(last[c] / divisor)}" for c, name in names.items())
    unit = "1개당 월 요금" if per_task else "월 요금 합계"
    return f"태스크 {int(last['tasks'])}개일 때 {unit}: {bills}"


def _three_ways_base(tasks) -> go.Figure:
    fig = new_figure("같은 서비스, 세 가지 실행 방법", "항상 켜 둔 태스크 수", "월 요금 (USD)", hovermode="closest")
    for (_, service), name in zip(THREE_WAYS, ("ECS(EC2)", "ECS(Fargate)", "EKS")):
        fig.add_trace(go.Scatter(x=[int(n) for n in tasks], y=[0] * len(tasks), mode="lines", name=name,
                                 **service_style(service)))
    return fig


def three_ways_chart() -> go.Figure:
    """Monthly cost of one always-on x86 service of 1–100 tasks run as ECS on EC2, ECS on
    Fargate and EKS (Fargate or EC2 nodes, plus the control-plane fee).

    Controls: task size, instance type, EKS nodes, whether to show the bill per task (the
    default: the totals of the three ways lie almost on one line, while per task the EKS
    fee's weight on a small service stands out) or the whole bill, currency and VAT.  A
    dotted line marks the task count from which the EKS fee is below 10% of the EKS total.
    """
    fig = _three_ways_base(THREE_WAYS_TASKS)

    def state(size_i, type_i, nodes_i, view_i, currency_i, vat_i):
        vcpu, memory = THREE_WAYS_SIZES[size_i]
        return _three_ways_state(vcpu, memory, THREE_WAYS_TASKS, instance_type=THREE_WAYS_TYPES[type_i],
                                 arch="x86_64", eks_nodes=containers.EKS_NODES[nodes_i],
                                 per_task=not view_i, view=View.of(currency_i, vat_i))

    return cite(add_controls(fig, [
        Control("dropdown", "태스크 크기", [size_label(v, m) for v, m in THREE_WAYS_SIZES],
                active=THREE_WAYS_SIZES.index((1, 2))),
        Control("dropdown", "인스턴스", list(THREE_WAYS_TYPES)),
        Control("dropdown", "EKS 노드", [NODE_NAMES[n] for n in containers.EKS_NODES]),
        Control("dropdown", "보기", [VIEW_NAMES[True], VIEW_NAMES[False]]),
        *currency.controls(),
    ], state, scale={"y": [0, 1, 2]}), "ec2_prices", "fargate_prices", "eks_prices")


def three_ways_figure(vcpu: float, memory_gb: float, *, max_tasks: int = 60, instance_type: str = "m5.large",
                      arch: str = "x86_64", eks_nodes: str = "fargate", region: str = "us-east-1",
                      share_pct: float = 10, reserved_vcpu: float = 0.0, reserved_memory_gib: float = 0.0,
                      extended_support: bool = False, per_task: bool = False) -> go.Figure:
    """The three-ways comparison for one situation, for 1 … ``max_tasks`` tasks (USD per month,
    or USD per month per task with ``per_task=True``)."""
    tasks = np.arange(1, int(validate.number("max_tasks", max_tasks, low=2, high=1000, integer=True)) + 1)
    state = _three_ways_state(vcpu, memory_gb, tasks, instance_type=instance_type, arch=arch,
                              eks_nodes=eks_nodes, region=region, share_pct=share_pct,
                              reserved_vcpu=reserved_vcpu, reserved_memory_gib=reserved_memory_gib,
                              extended_support=extended_support, per_task=per_task)
    fig = _three_ways_base(tasks)
    for trace, y, name, hover in zip(fig.data, state["data"]["y"], state["data"]["name"],
                                     state["data"]["hovertemplate"]):
        trace.y, trace.name, trace.hovertemplate = list(y), name, hover
    fig.update_layout(state["layout"])
    # The totals in won as well, for a Korean bill: ECS(EC2), ECS(Fargate), EKS at the largest task count.
    last = [float(y[-1]) for y in state["data"]["y"]]
    what = "1개당 월 요금" if per_task else "월 요금 합계"
    fig.update_layout(title={"subtitle": {"text": f"태스크 {int(tasks[-1])}개일 때 {what}(원): "
                                                  + ", ".join(f"{n.split(' +')[0]} {won_text(v)}"
                                                              for n, v in zip(state["data"]["name"], last))
                                                  + f" · {rate_text()}"}})
    return cite(fig, "ec2_prices", "fargate_prices", "eks_prices")


# --------------------------------------------------------------------------- packing

def _type_labels(region: str = "us-east-1") -> list[str]:
    specs = datasets.load("ec2_prices")
    estimated = set(specs.loc[(specs["region"] == region) & (specs["spec_confidence"] == "ESTIMATE"),
                              "instance_type"])
    return [f"{t}*" if t in estimated else t for t in containers.instance_types(region)]


def packing_chart(reserved_memory=(0, 0.25, 0.5)) -> go.Figure:
    """Tasks per instance (left) and idle vCPU and memory in % (right) for every instance type.

    Two panels side by side on one list of instance types, as horizontal bars, so the type names
    read without turning the head.  Controls: task size and memory reserved per instance (GiB).
    Types marked * have vCPU and memory figures that are estimates in the data.
    """
    labels = _type_labels()
    fig = new_figure("인스턴스 한 대에 들어가는 태스크 수", "", "", margin={"l": 20, "r": 20, "t": 90, "b": 70})
    subtitle = "*: vCPU·메모리 수치가 추정값인 유형" if any(t.endswith("*") for t in labels) else ""
    fig.update_layout(title={"subtitle": {"text": subtitle, "font": {"size": 12, "color": "#444"}}})
    fig.set_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06, column_widths=[0.45, 0.55])
    # Tasks in ECS's colour; the instances' idle capacity in EC2's, hatched like idle capacity elsewhere.
    fig.add_trace(go.Bar(y=labels, x=[0] * len(labels), orientation="h", name="태스크 수",
                         marker={"color": SERVICES["ecs"]["color"]}, textposition="outside", cliponaxis=False,
                         hovertemplate="%{y}: 태스크 %{x}개<extra></extra>"), row=1, col=1)
    ec2 = SERVICES["ec2"]["color"]
    idle = ({"color": ec2}, {"color": translucent(ec2), "line": {"color": ec2, "width": 1.5},
                             "pattern": {"shape": "/", "fgcolor": ec2}})
    for name, marker in zip(("남는 vCPU", "남는 메모리"), idle):
        fig.add_trace(go.Bar(y=labels, x=[0] * len(labels), orientation="h", name=name, marker=marker,
                             hovertemplate=f"%{{y}}: {name} %{{x:.0f}}%<extra></extra>"), row=1, col=2)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1])
    fig.update_xaxes(title_text="한 대당 태스크 수", rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text="남는 용량 (%)", range=[0, 105], dtick=50, row=1, col=2)
    fig.update_layout(barmode="group", hovermode="closest")

    def state(size_i, reserved_i):
        vcpu, memory = PACKING_CHART_SIZES[size_i]
        table = containers.packing_table(vcpu, memory, reserved_memory_gib=reserved_memory[reserved_i])
        most, none = int(table["tasks"].max()), int((table["tasks"] == 0).sum())
        lesson = f"{size_label(vcpu, memory)} 태스크는 한 대에 최대 {most}개 들어갑니다"
        if none:
            lesson += f"({none}개 유형에는 하나도 들어가지 않습니다)"
        return {"data": {"x": [table[c].to_numpy() for c in ("tasks", "idle_vcpu_pct", "idle_memory_pct")],
                         "text": [[str(n) for n in table["tasks"]], None, None]},
                "layout": {"title.text": f"{lesson}<br><sup>인스턴스당 예약 메모리 {reserved_memory[reserved_i]:g} GiB · "
                                         "막대 끝 숫자: 한 대에 들어가는 태스크 수</sup>",
                           # whole tasks: ticks at whole numbers only, room for the counts
                           "xaxis.dtick": 1 if most <= 4 else 2 if most <= 8 else 5,
                           "xaxis.range": [0, max(most, 1) * 1.3]}}

    return cite(add_controls(fig, [
        Control("dropdown", "태스크 크기", [size_label(v, m) for v, m in PACKING_CHART_SIZES],
                active=PACKING_CHART_SIZES.index((1, 2))),
        Control("slider", "인스턴스당 예약 메모리", [f"{r:g} GiB" for r in reserved_memory]),
    ], state, plot_height=34 * len(labels) + 40), "ec2_prices")


def packing_figure(instance_type: str, task_vcpu: float, task_memory_gb: float, *, region: str = "us-east-1",
                   reserved_vcpu: float = 0.0, reserved_memory_gib: float = 0.0) -> go.Figure:
    """One instance's vCPU and memory split into tasks, reservation and idle capacity (% of the instance)."""
    p = containers.pack(instance_type, task_vcpu, task_memory_gb, region=region,
                        reserved_vcpu=reserved_vcpu, reserved_memory_gib=reserved_memory_gib)
    fig = new_figure(f"{instance_type} 한 대에 {size_label(task_vcpu, task_memory_gb)} 태스크 {p.tasks}개 "
                     f"— {LIMIT_NAMES[p.limited_by]}", "인스턴스 용량 대비 %", "",
                     barmode="stack", hovermode="closest", height=360)
    rows = ["vCPU", "메모리"]
    parts = (("태스크가 쓰는 용량", [p.used_vcpu / p.instance_vcpu, p.used_memory_gib / p.instance_memory_gib]),
             ("예약", [p.reserved_vcpu / p.instance_vcpu, p.reserved_memory_gib / p.instance_memory_gib]),
             ("남는 용량", [p.idle_vcpu_pct / 100, p.idle_memory_pct / 100]))
    for i, (name, shares) in enumerate(parts):
        fig.add_trace(go.Bar(y=rows, x=[100 * s for s in shares], orientation="h", name=name,
                             marker={"color": [PALETTE[2], PALETTE[7], PALETTE[3]][i]},
                             hovertemplate=f"%{{y}} {name}: %{{x:.0f}}%<extra></extra>"))
    fig.update_xaxes(range=[0, 100])
    return cite(fig, "ec2_prices")
