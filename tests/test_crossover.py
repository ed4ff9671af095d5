"""The choosing-compute chapter: break-even model, crossover charts, live dashboard, exercises.

Hand calculations use the rates in data/ (us-east-1, x86_64): 0.20 USD per million
requests, 0.0000166667 USD per GB-second, t3.small 0.0208 USD/hour, t3.micro 0.0104,
Seoul t3.small 0.026; a month is 730 hours = 2,628,000 s.  Lambda 512 MB × 100 ms
costs per request 0.0000002 + 0.1 × 0.5 × 0.0000166667 = 1.033335e-6 USD.
"""

from __future__ import annotations

import base64
import io
import math

import numpy as np
import pandas as pd
import pytest

from awsbook import cost, crossover, formats, money
from awsbook.charts import choosing as charts
from awsbook.charts import controls
from awsbook.charts.controls import plain
from awsbook.exercises import expected_value, get
from awsbook.widgets import base
from awsbook.widgets import choosing as dash

PER_REQUEST = 0.0000002 + 0.1 * 0.5 * 0.0000166667  # 512 MB × 100 ms, USD
T3_SMALL = 0.0208 * 730  # 15.184 USD per month


def rounded(x: float) -> float:
    """What add_controls stores for a float: 6 significant digits."""
    return plain(float(x))


# --------------------------------------------------------------------------- model

def test_break_even_table_matches_the_hand_calculation():
    table = crossover.break_even_table([crossover.ec2_option("t3.small"), crossover.ec2_option("t3.micro")],
                                       100, 512)
    assert list(table.columns) == list(crossover.TABLE_COLUMNS)
    assert table["monthly_usd"].tolist() == pytest.approx([15.184, 7.592])
    # 15.184 / 1.033335e-6 = 14,694,170; 7.592 / 1.033335e-6 = 7,347,085 (issue: ≈ 7.35 M)
    assert table["requests_per_month"].tolist() == pytest.approx([T3_SMALL / PER_REQUEST, 7.592 / PER_REQUEST],
                                                                 rel=1e-9)
    assert table["requests_per_month"].iloc[0] == pytest.approx(14_694_170, abs=1)
    # 14,694,170 / 2,628,000 = 5.5914 rps
    assert table["requests_per_second"].iloc[0] == pytest.approx(5.59139, rel=1e-5)
    assert (table["note"] == "").all()


def test_break_even_table_marks_missing_prices_instead_of_guessing():
    options = [crossover.ec2_option("c7g.large", region="ap-northeast-2"),
               crossover.fargate_option(0.5, 1, region="ap-northeast-2"),
               crossover.ec2_option("t3.small", region="ap-northeast-2")]
    table = crossover.break_even_table(options, 100, 512, region="ap-northeast-2")
    assert table["requests_per_month"].isna().tolist() == [True, True, False]
    assert table["note"].iloc[0].startswith("요금 자료 없음") and "c7g.large" in table["note"].iloc[0]
    assert "Fargate" in table["note"].iloc[1]
    # Seoul t3.small: 0.026 × 730 = 18.98 USD -> 18.98 / 1.033335e-6 = 18,367,713 requests
    assert table["requests_per_month"].iloc[2] == pytest.approx(18.98 / PER_REQUEST, rel=1e-9)
    with_api = crossover.break_even_table(options[2:], 100, 512, region="ap-northeast-2", api="http")
    assert math.isnan(with_api["requests_per_month"].iloc[0]) and "API Gateway" in with_api["note"].iloc[0]


def test_api_gateway_lowers_the_break_even_point():
    # HTTP API adds 1.00 USD per million: 15.184 / (1.033335e-6 + 1e-6) = 7,467,535
    table = crossover.break_even_table([crossover.ec2_option("t3.small")], 100, 512, api="http")
    assert table["requests_per_month"].iloc[0] == pytest.approx(T3_SMALL / (PER_REQUEST + 1e-6), rel=1e-9)


@pytest.mark.parametrize("call, name", [
    (lambda: crossover.break_even_table([crossover.ec2_option("t3.small")], 100, 20000), "memory_mb"),
    (lambda: crossover.break_even_table([crossover.ec2_option("t3.small")], -5, 512), "duration_ms"),
    (lambda: crossover.break_even_table(["t3.small"], 100, 512), "options"),
    (lambda: crossover.break_even_table([crossover.ec2_option("t3.small")], 100, 20000,
                                        region="ap-northeast-2", api="http"), "memory_mb"),
    (lambda: crossover.break_even_table([crossover.ec2_option("t3.small")], 100, 512, api="soap"), "api"),
    (lambda: crossover.ec2_option("c7g.large", region="ap-northeast-2", discount_pct=120), "discount_pct"),
    (lambda: crossover.ec2_option("t3.smal"), "instance_type"),
    (lambda: crossover.ec2_option("t3.small", count=0), "count"),
    (lambda: crossover.ec2_option("t3.small", region="mars-1"), "region"),
    (lambda: crossover.fargate_option(0.3, 1), "vcpu"),
    (lambda: crossover.fargate_option(0.5, 1, region="ap-northeast-2", tasks=-1), "tasks"),
])
def test_bad_input_is_refused_in_korean(call, name):
    with pytest.raises((ValueError, TypeError), match=f"매개변수 '{name}'"):
        call()


def test_unknown_instance_type_suggests_close_names():
    with pytest.raises(ValueError, match="혹시 't3.small'"):
        crossover.ec2_option("t3.smal")


def test_break_even_memory_for_five_million_requests():
    # 5e6 × 0.0000002 = 1.00 USD; compute = 5e6 × 0.1 s × M/1024 × 0.0000166667 = 0.00813804 × M
    # 15.184 = 1.00 + 0.00813804 M  ->  M = 1,742.9 MB -> the first whole MB at or above: 1,743
    mb = crossover.break_even_memory_mb(T3_SMALL, 5_000_000, 100)
    assert mb == 1743
    assert cost.lambda_monthly_cost(5e6, 100, mb - 1) < T3_SMALL <= cost.lambda_monthly_cost(5e6, 100, mb)


@pytest.mark.parametrize("fixed", [1e6, 0.5])
def test_break_even_memory_out_of_reach_is_refused(fixed):
    with pytest.raises(ValueError, match="매개변수 'fixed_monthly_usd'"):
        crossover.break_even_memory_mb(fixed, 5_000_000, 100)


def test_busy_hours_model():
    # 20 rps × 3,600 s × 2 h × 730/24 days = 4,380,000 requests a month
    assert crossover.busy_month_requests(2, 20) == pytest.approx(4_380_000)
    costs = crossover.busy_hours_costs([0, 12, 24], 20, 100, 512, "t3.small", rps_per_instance=50,
                                       target_utilisation=0.7, min_instances=2)
    # ceil(20 / 35) = 1 < 2 -> 2 instances; always on: 2 × 15.184 = 30.368
    assert costs["ec2_instances"].tolist() == [2, 2, 2]
    assert costs["ec2_always_on_usd"].tolist() == pytest.approx([30.368] * 3)
    # scheduled 12 h/day = 365 h a month: 2 × 0.0208 × 365 = 15.184; 24 h/day = always on
    assert costs["ec2_scheduled_usd"].tolist() == pytest.approx([0, 15.184, 30.368])
    assert costs["lambda_usd"].iloc[1] == pytest.approx(cost.lambda_monthly_cost(26_280_000, 100, 512))


def test_break_even_busy_hours():
    # 30.368 / 1.033335e-6 = 29,388,340 requests; one busy hour a day = 20 × 3,600 × 30.4167 = 2,190,000
    hours = crossover.break_even_busy_hours(20, 100, 512, "t3.small", rps_per_instance=50,
                                            target_utilisation=0.7, min_instances=2)
    assert hours == pytest.approx(30.368 / PER_REQUEST / 2_190_000, rel=1e-9)
    assert hours == pytest.approx(13.4193, rel=1e-4)
    # at 1 rps the same fleet would need 268 busy hours a day: Lambda always wins
    assert crossover.break_even_busy_hours(1, 100, 512, "t3.small", rps_per_instance=50,
                                           target_utilisation=0.7, min_instances=2) == math.inf


def test_fleet_steps_follow_the_sizing_rule():
    # one instance carries 20 rps × 0.7 × 2,628,000 s / 2 = 18,396,000 requests a month
    steps = cost.ec2_fleet_staircase(1e8, "t3.small", rps_per_instance=20, peak_to_average=2,
                                     target_utilisation=0.7, min_instances=2)
    assert steps["instances"].tolist() == [2, 3, 4, 5, 6]
    assert steps["from_requests"].tolist() == pytest.approx([0, 36_792_000, 55_188_000, 73_584_000, 91_980_000])
    assert steps["to_requests"].iloc[-1] == 1e8
    assert steps["monthly_usd"].tolist() == pytest.approx([k * T3_SMALL for k in range(2, 7)])
    mids = (steps["from_requests"] + steps["to_requests"]) / 2
    fleet = cost.ec2_fleet_monthly_cost(mids.to_numpy(), "t3.small", rps_per_instance=20, peak_to_average=2,
                                        target_utilisation=0.7, min_instances=2)
    assert fleet.tolist() == pytest.approx(steps["monthly_usd"].tolist())


# --------------------------------------------------------------------------- crossover explorer

@pytest.fixture(scope="module")
def explorer():
    return charts.crossover_explorer()


def _state(fig, *idx):
    """The state at ``idx``, in dollars without VAT (the currency and VAT controls at their first position)."""
    return controls.state_of(fig, *idx, *[0] * (len(controls.spec(fig)["controls"]) - len(idx)))


@pytest.mark.parametrize("idx", [(1, 1, 0, 0), (0, 0, 0, 0), (3, 4, 2, 0), (2, 2, 1, 1), (1, 3, 3, 0)])
def test_explorer_markers_sit_exactly_on_break_even_requests(explorer, idx):
    d, m, t, r = idx
    duration, memory = charts.EXPLORER_DURATIONS_MS[d], charts.EXPLORER_MEMORIES_MB[m]
    region, itype = charts.EXPLORER_REGIONS[r], charts.EXPLORER_TYPES[t]
    state = _state(explorer, *idx)["data"]
    f = charts.EXPLORER_FARGATE
    fixed = [cost.ec2_monthly_cost(itype, region=region),
             cost.fargate_monthly_cost(f["vcpu"], f["memory_gb"], tasks=f["tasks"], region=region)
             if region == "us-east-1" else None]  # data/ has Fargate prices for us-east-1 only
    api_priced = region == "us-east-1"  # and API Gateway prices
    expected = [cost.break_even_requests(usd, duration, memory, region=region, **api)
                if usd is not None and (not api or api_priced) else None
                for api in ({}, {"api": charts.EXPLORER_API}) for usd in fixed]
    assert any(e is not None for e in expected)
    assert state["x"][4] == [None if e is None else rounded(e) for e in expected]
    assert state["y"][4] == [None if e is None else rounded(u) for e, u in zip(expected, fixed * 2)]
    title = _state(explorer, *idx)["layout"]["title.text"]  # the exact values are stated in words
    for e in expected:
        if e is not None:
            assert f"{formats.korean_count(e)}({formats.rps_text(crossover.requests_per_second(e))} rps)" in title
    # the fixed lines are flat at the same costs
    assert state["y"][2] == [rounded(fixed[0])] * 2
    assert state["y"][3] == ([None] * 2 if fixed[1] is None else [rounded(fixed[1])] * 2)


def test_explorer_labels_name_requests_and_rps():
    # 14,694,170 requests = 1,469만; 14,694,170 / 2,628,000 = 5.59 rps
    assert charts.break_even_label(14_694_170) == "월 1,469만 건<br>5.59 rps"
    assert formats.korean_count(8_500) == "8,500" and formats.korean_count(123_456) == "12.3만"
    assert formats.korean_count(2.5e9) == "25억"


def test_explorer_states_its_break_even_points_in_words(explorer):
    # The live text under the title: t3.small $15.18 → 14,694,170 requests (1,469만, 5.59 rps);
    # with an HTTP API in front 7,467,535 (747만, 2.84 rps).
    title = _state(explorer, 1, 1, 0, 0)["layout"]["title.text"]
    assert "EC2 t3.small 1대: Lambda 1,469만(5.59 rps), Lambda+API 747만(2.84 rps)" in title
    # the lesson first: the smallest volume from which an always-on option beats a Lambda
    assert title.startswith("월 747만 건을 넘으면 EC2 t3.small 1대가 Lambda+API보다 쌉니다<br><sup>손익분기점(월 요청 수) — ")
    labels = _state(explorer, 1, 1, 0, 0)["data"]["text"][4]
    assert labels == ["1,469만", "1,744만", "747만", "886만"]  # every break-even point labelled on the chart


def test_explorer_zooms_onto_its_break_even_points(explorer):
    # 747만 … 1,744만 requests: the x axis runs from 0.35 powers of ten below to 0.35 above (not 1만 … 100억),
    # so the four points spread over most of the plot instead of sitting on one spot
    layout = _state(explorer, 1, 1, 0, 0)["layout"]
    low, high = layout["xaxis.range"]
    assert low == pytest.approx(math.log10(7_467_535) - 0.35, abs=1e-3)
    assert high == pytest.approx(math.log10(17_437_744) + 0.35, abs=2e-3)
    assert "만" in layout["xaxis.ticktext"][0] and not any(c in "".join(layout["xaxis.ticktext"]) for c in "kMB")
    # in won with VAT the cost axis moves by log10(1,439 × 1.1) and its ticks are in 원
    won = _state(explorer, 1, 1, 0, 0, 1, 1)["layout"]
    shift = math.log10(money.exchange_rate().krw_per_usd * 1.1)
    assert won["yaxis.range"][0] == pytest.approx(layout["yaxis.range"][0] + shift)
    assert all(t.endswith("원") for t in won["yaxis.ticktext"])


def test_explorer_handles_missing_seoul_prices(explorer):
    seoul_c7g = _state(explorer, 1, 1, charts.EXPLORER_TYPES.index("c7g.large"), 1)
    assert seoul_c7g["data"]["y"][1] == [None] * len(charts.REQUEST_GRID)  # no HTTP API price in Seoul
    assert seoul_c7g["data"]["y"][2] == [None, None] and seoul_c7g["data"]["y"][3] == [None, None]
    assert seoul_c7g["data"]["x"][4] == [None] * 4
    # what is missing is said once, of the option it belongs to, and inside the plot
    title = seoul_c7g["layout"]["title.text"]
    assert "EC2 c7g.large 1대: 요금 자료 없음 · Fargate 1개: 요금 자료 없음" in title and "Lambda 요금 자료 없음" not in title
    assert seoul_c7g["layout"]["annotations[0].text"].startswith("아시아 태평양(서울):<br>Lambda+API·EC2·Fargate")
    # an option that is priced keeps its Lambda point; only the unpriced Lambda+API is said missing
    seoul_t3 = _state(explorer, 1, 1, 0, 1)["layout"]["title.text"]
    assert "EC2 t3.small 1대: Lambda 1,837만(6.99 rps), Lambda+API 요금 자료 없음" in seoul_t3


@pytest.mark.parametrize("control", range(4))
def test_every_explorer_control_moves_the_break_even_points(explorer, control):
    default = [1, 1, 0, 0]
    other = list(default)
    other[control] = 0 if default[control] else 1
    a, b = _state(explorer, *default), _state(explorer, *other)
    assert a["data"]["x"][4][0] != b["data"]["x"][4][0]
    assert a["layout"]["title.text"] != b["layout"]["title.text"]


def test_explorer_grid_and_size(explorer):
    from awsbook.book.render import chart_html
    # every duration, memory, type and region, in dollars or won, without or with VAT
    assert len(controls.states(explorer)) == 4 * 5 * len(charts.explorer_types()) * 2 * 2 * 2
    assert len(chart_html(explorer.to_plotly_json()).encode()) < 150_000  # in the page's chart-data script


def test_dashboard_figure_leaves_free_months_blank():
    fig = charts.crossover_figure(100, 512, [crossover.ec2_option("t3.small")], free_tier=True)
    x, y = np.array(fig.data[0].x), fig.data[0].y
    assert all(v is None for v, req in zip(y, x) if req <= 1e6) and y[-1] is not None
    assert fig.data[-1].x[0] == pytest.approx(cost.break_even_requests(T3_SMALL, 100, 512, free_tier=True))


# --------------------------------------------------------------------------- capacity and busy-hours views

def test_capacity_chart_shades_every_cheaper_interval():
    fig = charts.capacity_chart()
    state = _state(fig, charts.CAPACITY_PEAK_RATIOS.index(2), charts.CAPACITY_RPS_PER_INSTANCE.index(20))["data"]
    intervals = cost.cheaper_intervals(100, 512, "t3.small", max_requests=charts.CAPACITY_MAX_REQUESTS,
                                       rps_per_instance=20, peak_to_average=2, **crossover.SIZING)
    for trace, option in ((0, "lambda"), (1, "ec2")):
        rows = intervals[intervals["option"] == option]
        edges = [v for v in state["x"][trace] if v is not None]
        assert sorted(set(edges)) == sorted({rounded(v) for v in [*rows["from_requests"], *rows["to_requests"]]})
    assert state["x"][4] == [rounded(v) for v in intervals["from_requests"].iloc[1:]]
    assert len(intervals) == 6 and list(intervals["option"][:2]) == ["lambda", "ec2"]


def test_busy_hours_chart_marks_the_break_even_hour():
    fig = charts.busy_hours_chart()
    for i, rps in enumerate(charts.BUSY_RPS):
        data = _state(fig, i)["data"]
        hours = crossover.break_even_busy_hours(rps, 100, 512, "t3.small", rps_per_instance=50,
                                                target_utilisation=0.7, min_instances=2)
        assert data["x"][3] == ([] if math.isinf(hours) else [rounded(hours)])
    assert charts.crossover.BUSY_RPS == charts.BUSY_RPS[controls.active(fig)[0]]


# --------------------------------------------------------------------------- live dashboard

GOOD = dict(duration_ms=100.0, memory_mb=512, arch="x86_64", free_tier=False, api=None, ephemeral_mb=512,
            region="us-east-1", instance_type="t3.small", count=1, discount_pct=0.0, fargate_vcpu=0.5,
            fargate_memory_gb=1.0, tasks=1)


def test_dashboard_renders_chart_table_and_calculation(shown):
    board = dash.crossover_dashboard()
    assert len(shown) == 3
    assert "14,694,170" in shown[1]
    calc = shown[2]
    assert "계산 과정 보기" in calc and "$0.0208/시간 × 730시간 × 1대" in calc
    # the Lambda bill at the break-even point adds up to the EC2 cost
    assert "= $15.18</li></ul>" in calc
    assert 'download="crossover_table.csv"' in board.children[1].value and "표를 CSV로 저장" in board.children[1].value


@pytest.mark.parametrize("change, name", [
    ({"memory_mb": 20000}, "memory_mb"), ({"duration_ms": -1.0}, "duration_ms"),
    ({"fargate_vcpu": 0.3}, "vcpu"), ({"count": 0}, "count"), ({"discount_pct": 100.0}, "discount_pct"),
    ({"ephemeral_mb": 100}, "ephemeral_mb"), ({"api": "rest", "memory_mb": 64, "region": "ap-northeast-2"}, "memory_mb"),
])
def test_dashboard_shows_korean_messages_for_bad_input(shown, change, name):
    assert not base.show_result(dash.render, GOOD | change)
    assert "awsbook-error" in shown[-1] and f"매개변수 &#x27;{name}&#x27;" in shown[-1]
    assert "Traceback" not in shown[-1]


def test_dashboard_controls_reach_the_models(shown):
    board = dash.crossover_dashboard()
    controls = board.children[0].children[0].children
    memory = next(w for w in controls if w.description == "메모리 (MB)")
    memory.value = 20000
    assert "awsbook-error" in shown[-1]
    assert "입력 칸 &#x27;메모리 (MB)&#x27;에 20000이(가) 주어졌습니다" in shown[-1]
    fargate = next(w for w in controls if w.description == "Fargate vCPU")
    memory.value, fargate.value = 512, 0.3
    assert "입력 칸 &#x27;Fargate vCPU&#x27;에 0.3이(가) 주어졌습니다" in shown[-1]


def test_csv_download_carries_the_model_table(tmp_path, monkeypatch, shown):
    monkeypatch.chdir(tmp_path)
    board = dash.crossover_dashboard()
    link = board.children[1].value
    payload = link.split("base64,")[1].split('"')[0]
    written = pd.read_csv(io.BytesIO(base64.b64decode(payload)), encoding="utf-8-sig", keep_default_na=False)
    options, lam = dash.scenario(**GOOD)
    expected = crossover.break_even_table(options, GOOD["duration_ms"], GOOD["memory_mb"], **lam)
    assert list(written.columns) == list(crossover.TABLE_COLUMNS)
    assert written["requests_per_month"].tolist() == pytest.approx(expected["requests_per_month"].tolist())
    assert base64.b64decode(payload).decode("utf-8-sig") == expected.to_csv(index=False)
    assert 'class="tex2jax_ignore mathjax_ignore"' in link
    assert list(tmp_path.iterdir()) == []  # a browser download: nothing written next to the notebook


def test_csv_link_is_hidden_while_an_input_is_refused(shown):
    board = dash.crossover_dashboard()
    controls = {w.description: w for w in board.children[0].children[0].children}
    controls["메모리 (MB)"].value = 64
    assert board.children[1].value == ""
    assert "awsbook-error" in shown[-1] and 'data-parameter="memory_mb"' in shown[-1]
    controls["메모리 (MB)"].value = 512
    assert "base64," in board.children[1].value


def test_no_api_gateway_has_a_korean_label_in_both_dashboards(shown):
    from awsbook.widgets.lambda_ import lambda_dashboard
    for board, label in ((dash.crossover_dashboard(), "API Gateway"), (lambda_dashboard(), "앞단 API")):
        grid = board.children[0].children if label == "앞단 API" else board.children[0].children[0].children
        api = next(w for w in grid if w.description == label)
        assert api.label == "API Gateway 없음" and api.value == "none"  # not a blank box
        api.value = "http"
        assert "awsbook-error" not in str(shown[-1])


# --------------------------------------------------------------------------- exercises

def test_exercise_answers_match_hand_calculations():
    # ceil(50 / 35) = 2 instances = 30.368 USD -> 29,388,340 requests / (50 × 3,600 × 30.4167) = 5.368 h
    assert expected_value("choose-busy-hours") == pytest.approx(30.368 / PER_REQUEST / 5_475_000, rel=1e-9)
    # busy at 40 rps: still ceil(40 / 35) = 2 instances; 40 × 3,600 × 730 / 24 = 4,380,000 requests an hour a day
    assert get("choose-busy-hours").expected(busy_rps=40) == pytest.approx(30.368 / PER_REQUEST / 4_380_000, rel=1e-9)
    # 1,024 MB: one request 0.0000002 + 0.1 × 1 × 0.0000166667 = 0.00000186667 USD; t3.small 0.0208 × 730 = 15.184;
    # 15.184 / 0.00000186667 − 15.184 / 0.000001033335, in units of 10,000 requests = −655.99
    shift = (15.184 / 0.00000186667 - 15.184 / PER_REQUEST) / 1e4
    assert expected_value("choose-memory-what-if") == pytest.approx(shift, rel=1e-6)
    # Registration average 34,154,130 / (672 × 3,600) = 14.11794 rps × 100 = 1,411.79 / 35 = 40.34 → 41 t3.small,
    # 41 × 672 h × 0.0208 = 573.0816 USD
    assert expected_value("choose-registration-fleet-month") == pytest.approx(41 * 672 * 0.0208, rel=1e-9)
    assert get("choose-registration-fleet-month").expected(peak_to_average=20) == pytest.approx(9 * 672 * 0.0208)
    assert expected_value("choose-predict-memory") == "가"   # 813.4만 < 1,469.4만 but > half of it


# --------------------------------------------------------------------------- in the built book

PAGE = "chapters/09_choosing_compute"

# The explorer in the page: its controls' positions, its markers and its live caption.
EXPLORER_JS = """() => {
  const fig = [...document.querySelectorAll('figure.awsbook-chart')]
      .find(f => f.querySelectorAll('[data-control]').length && f.querySelector('select'));
  const gd = fig.querySelector('.awsbook-plot');
  const positions = [...new Set([...fig.querySelectorAll('[data-control]')].map(e => e.dataset.control))].map(k => {
    const el = fig.querySelector(`input[type="radio"][data-control="${k}"]:checked`) ||
               fig.querySelector(`[data-control="${k}"]:not([type="radio"])`);
    return Number(el.value);
  });
  return {id: gd.id, positions, x: Array.from(gd._fullData[4].x),
          summary: fig.querySelector('.awsbook-chart-summary').textContent};
}"""


@pytest.mark.browser
def test_explorer_follows_every_control_in_the_browser(browser, server, explorer):
    from conftest import draw_every_chart, toc_files
    if PAGE not in toc_files():
        pytest.skip("이 장이 목차에 없습니다")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{PAGE}.html", wait_until="load")
    draw_every_chart(page)
    seen = [page.evaluate(EXPLORER_JS)]
    chart = f'[data-chart="{seen[0]["id"]}"]'
    for k in range(2):  # the two range inputs: one step right from the keyboard
        page.locator(f'{chart}[data-control="{k}"]').focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(250)
        seen.append(page.evaluate(EXPLORER_JS))
    page.locator(f'{chart}[data-control="2"]').select_option(index=2)  # another instance type
    page.wait_for_timeout(250)
    seen.append(page.evaluate(EXPLORER_JS))
    page.locator(f'{chart}[data-control="3"][value="1"]').check()  # Seoul
    page.wait_for_timeout(250)
    seen.append(page.evaluate(EXPLORER_JS))
    page.close()
    assert len({tuple(s["positions"]) for s in seen}) == 5  # every control moved
    for before, after in zip(seen, seen[1:]):
        assert after["x"] != before["x"] and after["summary"] != before["summary"]
    for s in seen:  # what is drawn and said is the precomputed state of the controls' positions
        want = _state(explorer, *s["positions"])
        assert s["x"] == want["data"]["x"][4]
        assert want["layout"]["title.text"].endswith(f"<sup>{s['summary']}</sup>")


# --------------------------------------------------------------------------- public IPv4

def test_public_ipv4_moves_the_t3micro_break_even():
    # t3.micro 0.0104 × 730 = 7.592; one public IPv4 address 0.005 × 730 = 3.65 → 11.242 USD a month.
    # Lambda 100 ms × 512 MB: 1.033335e-6 USD per request → 7,347,085 and 10,879,337 requests;
    # the shift is 3.65 / 7.592 = 48.08 % (the Lambda bill is linear here).
    shift = crossover.public_ipv4_break_even_shift()
    assert shift["ec2_usd"] == pytest.approx(7.592) and shift["ec2_ipv4_usd"] == pytest.approx(11.242)
    assert shift["requests"] == pytest.approx(7.592 / PER_REQUEST, rel=1e-9)
    assert shift["requests_ipv4"] == pytest.approx(11.242 / PER_REQUEST, rel=1e-9)
    assert shift["shift_pct"] == pytest.approx(100 * 3.65 / 7.592, rel=1e-9)


def test_ec2_option_with_public_ipv4_is_labelled_and_not_discounted():
    # 2 × 730 × (0.0208 × 0.9 + 0.005) = 1,460 × 0.02372 = 34.6312
    option = crossover.ec2_option("t3.small", count=2, discount_pct=10, public_ipv4=True)
    assert option.monthly_usd == pytest.approx(34.6312)
    assert "공인 IPv4" in option.name and "$0.005/시간" in option.formula
    assert crossover.ec2_option("t3.small").monthly_usd == pytest.approx(15.184)


def test_dashboard_offers_the_public_ipv4_option(shown):
    board = dash.crossover_dashboard()
    controls = {w.description: w for w in board.children[0].children[0].children}
    box = next(w for d, w in controls.items() if "공인 IPv4" in d)
    assert box.value is False
    box.value = True
    # 15.184 + 3.65 = 18.834 / 1.033335e-6 = 18,226,422 requests
    assert "18,226,422" in shown[-2]


def test_break_even_table_checks_the_lambda_settings_once(monkeypatch):
    calls = []
    real = cost.lambda_settings
    monkeypatch.setattr(cost, "lambda_settings", lambda *a, **k: calls.append(1) or real(*a, **k))
    options = [crossover.ec2_option(t) for t in ("t3.micro", "t3.small", "m5.large")]
    table = crossover.break_even_table(options, 100, 512)
    assert len(calls) == 1
    # 7.592, 15.184, 70.08 USD at 1.033335e-6 USD per request
    assert table["requests_per_month"].tolist() == pytest.approx(
        [7.592 / PER_REQUEST, 15.184 / PER_REQUEST, 70.08 / PER_REQUEST], rel=1e-9)


def test_priced_lambda_blanks_rows_when_api_gateway_has_no_price():
    settings, note = crossover.priced_lambda(100, 512, region="ap-northeast-2", api="http")
    assert settings.api is None and note == "요금 자료 없음: API Gateway HTTP API의 ap-northeast-2 요금"
    with pytest.raises(ValueError, match="'memory_mb'"):
        crossover.priced_lambda(100, 64, region="ap-northeast-2", api="http")


# --------------------------------------------------------------------------- wrong-number guards (issue 19)

def test_busy_hours_costs_every_column():
    # busy 20 rps: 20 × 3,600 × 730 / 24 = 2,190,000 requests a month per busy hour a day
    assert crossover.busy_month_requests(1, 20) == pytest.approx(2_190_000)
    np.testing.assert_allclose(crossover.busy_month_requests(np.array([0, 12, 24]), 20), [0, 26_280_000, 52_560_000])
    table = crossover.busy_hours_costs([0, 12, 24], 20, 100, 512, "t3.small", rps_per_instance=50,
                                       target_utilisation=0.7, min_instances=2)
    # fleet: max(2, ceil(20 / 35)) = 2 instances; always on 2 × 15.184 = 30.368; scheduled 2 × 0.0208 × 12 × 30.4167
    assert table["ec2_instances"].tolist() == [2, 2, 2]
    assert table["ec2_always_on_usd"].tolist() == pytest.approx([30.368] * 3)
    assert table["ec2_scheduled_usd"].tolist() == pytest.approx([0, 2 * 0.0208 * 365, 2 * 0.0208 * 730])
    assert table["requests_per_month"].tolist() == pytest.approx([0, 26_280_000, 52_560_000])
    assert table["lambda_usd"].tolist() == pytest.approx([0, 26_280_000 * PER_REQUEST, 52_560_000 * PER_REQUEST])
    # with three times the load per instance: max(2, ceil(20 / (50 × 0.2))) = 2 → ceil(20 / 10) = 2; at 0.1 → 4
    assert crossover.busy_hours_costs(1, 20, 100, 512, "t3.small", rps_per_instance=50,
                                      target_utilisation=0.1)["ec2_instances"].iloc[0] == 4


def test_break_even_memory_between_its_bounds():
    # 5 M requests × 100 ms: bill(m) = 1.00 + 5e5 × m / 1,024 × RATE; one t3.small 15.184 → m just above
    # (15.184 − 1.00) × 1,024 / (5e5 × 0.0000166667) = 1,742.6 MB → 1,743 MB
    assert crossover.break_even_memory_mb(15.184, 5_000_000, 100) == 1743
    # below the 128 MB bill (1.00 + 62,500 × RATE = 2.0417) there is none; above the 10,240 MB bill either
    with pytest.raises(ValueError, match="'fixed_monthly_usd'"):
        crossover.break_even_memory_mb(2.0, 5_000_000, 100)
    with pytest.raises(ValueError, match="'fixed_monthly_usd'"):
        crossover.break_even_memory_mb(1000.0, 5_000_000, 100)
    # exactly the 10,240 MB bill is reached at 10,240 MB
    top = cost.lambda_monthly_cost(5_000_000, 100, 10_240)
    assert crossover.break_even_memory_mb(top, 5_000_000, 100) == 10_240


def test_fargate_option_formula_and_missing_price():
    # 0.5 vCPU · 1 GB: 0.5 × 0.04048 + 0.004445 = 0.024685 an hour; × 730 × 2 tasks × 0.9 = 32.43609
    option = crossover.fargate_option(0.5, 1, tasks=2, discount_pct=10)
    assert option.monthly_usd == pytest.approx(32.43609)
    assert option.name == "Fargate 0.5 vCPU·1 GB × 2개"
    assert option.formula == "태스크 1개 $0.02469/시간 × 730시간 × 2개 × (1 − 10%) = $32.44"
    seoul = crossover.fargate_option(0.5, 1, region="ap-northeast-2")
    assert seoul.monthly_usd is None and seoul.note == "요금 자료 없음: Fargate의 ap-northeast-2 요금"
    missing = crossover.ec2_option("m6i.large", region="ap-northeast-2")
    assert missing.monthly_usd is None and missing.note == "요금 자료 없음: m6i.large의 ap-northeast-2 요금"
    table = crossover.break_even_table([missing, crossover.ec2_option("t3.micro", region="ap-northeast-2")], 100, 512,
                                       region="ap-northeast-2")
    assert table["note"].tolist() == ["요금 자료 없음: m6i.large의 ap-northeast-2 요금", ""]
    # Seoul t3.micro 0.013 × 730 = 9.49 USD → 9.49 / 1.033335e-6 requests
    assert table["requests_per_month"].iloc[1] == pytest.approx(9.49 / PER_REQUEST, rel=1e-9)
    assert math.isnan(table["requests_per_month"].iloc[0]) and math.isnan(table["monthly_usd"].iloc[0])


def test_public_ipv4_shift_takes_lambda_options():
    # with the free tier the t3.micro break-even (7.592) is 8 M + 6.192 / 1.033335e-6; with IPv4 (11.242)
    # 8 M + 9.842 / 1.033335e-6
    shift = crossover.public_ipv4_break_even_shift(free_tier=True)
    assert shift["requests"] == pytest.approx(8e6 + 6.192 / PER_REQUEST, rel=1e-9)
    assert shift["requests_ipv4"] == pytest.approx(8e6 + 9.842 / PER_REQUEST, rel=1e-9)


def test_busy_hours_break_even_defaults_and_region():
    # defaults: utilisation 1, at least 1 instance → 20 rps at 50 per instance = 1 t3.small (15.184 USD);
    # 15.184 / 1.033335e-6 = 14,694,170 requests ÷ 2,190,000 per busy hour a day = 6.7097 h
    assert crossover.break_even_busy_hours(20, 100, 512, "t3.small", rps_per_instance=50) == \
        pytest.approx(15.184 / PER_REQUEST / 2_190_000, rel=1e-9)
    # Seoul t3.small 0.026 × 730 = 18.98 USD
    assert crossover.break_even_busy_hours(20, 100, 512, "t3.small", rps_per_instance=50,
                                           region="ap-northeast-2") == pytest.approx(18.98 / PER_REQUEST / 2_190_000,
                                                                                    rel=1e-9)
    # the free tier moves it: (15.184 − 1.40) / 1.033335e-6 + 8 M requests
    assert crossover.break_even_busy_hours(20, 100, 512, "t3.small", rps_per_instance=50, free_tier=True) == \
        pytest.approx((8e6 + 13.784 / PER_REQUEST) / 2_190_000, rel=1e-9)


def test_options_check_their_inputs_even_without_a_price():
    # no Seoul price for m6i.large or Fargate, yet a bad discount or task count is still the reader's error
    with pytest.raises(ValueError, match="'discount_pct'"):
        crossover.ec2_option("m6i.large", region="ap-northeast-2", discount_pct=100)
    with pytest.raises(ValueError, match="'tasks'"):
        crossover.fargate_option(0.5, 1, tasks=0, region="ap-northeast-2")
    with pytest.raises(ValueError, match="'vcpu'"):
        crossover.fargate_option(0.3, 1, region="ap-northeast-2")
    # Arm Fargate: 730 × (0.5 × 0.03238 + 0.00356) × 0.9 = 13.007...
    arm = crossover.fargate_option(0.5, 1, arch="arm64", discount_pct=10)
    assert arm.monthly_usd == pytest.approx(730 * (0.5 * 0.03238 + 0.00356) * 0.9)
    # Seoul EC2: the formula names the Seoul rate
    assert crossover.ec2_option("t3.micro", region="ap-northeast-2").formula.startswith("$0.013/시간 × 730시간")
