"""EC2 and Lambda charts, dashboards and answer keys show the cost model's numbers."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from awsbook import cost, formats
from awsbook.charts import controls
from awsbook.charts import ec2 as ec2_charts
from awsbook.charts import lambda_ as lambda_charts
from awsbook.exercises import expected_value, get
from awsbook.widgets.ec2 import fleet_dashboard
from awsbook.widgets.lambda_ import lambda_dashboard


def _control(dashboard, description):
    return next(w for w in dashboard.children[0].children if w.description == description)


# ----------------------------------------------------------------------------- dashboards

def test_lambda_dashboard_shows_the_bill_and_the_calculation(shown):
    lambda_dashboard()
    figure, summary, calc = shown
    assert isinstance(figure, go.Figure)
    # default inputs: 10 M × 100 ms × 512 MB, no free tier → $10.33 against t3.micro ($7.59)
    assert "$10.33" in summary and "t3.micro" in summary
    assert "10,000,000건 × 100 ms ÷ 1,000 × 512 MB ÷ 1,024" in calc


@pytest.mark.parametrize("description, value, name", [
    ("월 요청 수", -1, "requests"),
    ("메모리(MB)", 20_000, "memory_mb"),
    ("실행 시간(ms)", 1_000_000, "duration_ms"),
    ("비교할 EC2", "t3.mcro", "instance_type"),
])
def test_lambda_dashboard_shows_korean_errors_not_tracebacks(shown, description, value, name):
    dash = lambda_dashboard()
    _control(dash, description).value = value
    assert "awsbook-error" in shown[-1] and f'data-parameter="{name}"' in shown[-1]
    assert f"입력 칸 &#x27;{description}&#x27;" in shown[-1]  # named as on screen
    assert "Traceback" not in shown[-1]


def test_fleet_dashboard_sums_the_fleet(shown):
    fleet_dashboard()
    figure, table = shown
    # defaults: 2 × t3.micro + 1 × m5.large = 2 × 7.592 + 70.08 = 85.264
    assert "$85.26" in table and isinstance(figure, go.Figure)


def test_fleet_dashboard_suggests_close_instance_names(shown):
    dash = fleet_dashboard()
    _control(dash, "유형 1").value = "t3.mcro"
    assert "awsbook-error" in shown[-1] and "t3.micro" in shown[-1]
    _control(dash, "유형 1").value = "t3.micro"
    _control(dash, "할인율(%)").value = 100
    assert 'data-parameter="discount_pct"' in shown[-1] and "&#x27;할인율(%)&#x27;" in shown[-1]


# ----------------------------------------------------------------------------- charts and tables

def test_cost_vs_requests_states_carry_the_break_even():
    fig = lambda_charts.cost_vs_requests_chart()
    # default state: 512 MB (index 2), 100 ms (index 2), no free tier
    state = controls.state_of(fig, 2, 2, 0, 0, 0)
    points = [cost.break_even_requests(cost.ec2_monthly_cost(t), 100, 512) for t in ("t3.micro", "m5.large")]
    # both break-even points are marked and labelled on the chart, the first one in the title too
    assert state["data"]["x"][3] == pytest.approx(points, rel=1e-5)
    assert state["data"]["text"][3] == [f"월 {formats.korean_count(p, '건')}" for p in points]
    assert state["layout"]["title.text"].startswith(f"월 {formats.korean_count(points[0], '건')}보다 적으면 Lambda가")
    assert not any(c in "".join(state["layout"]["yaxis.ticktext"]) for c in "kMB")


def test_capacity_chart_marks_every_lambda_interval():
    fig = lambda_charts.capacity_chart()
    band = list(fig.data[2].x)  # segments [from, to, None, from, to, None, ...]
    table = cost.cheaper_intervals(100, 512, "t3.micro", max_requests=100e6, rps_per_instance=10,
                                   peak_to_average=2, target_utilisation=0.7)
    wins = table[table["option"] == "lambda"]
    assert band.count(None) == len(wins) >= 2
    assert band[0::3] == pytest.approx(list(wins["from_requests"]), rel=1e-5)


def test_memory_chart_is_labelled_illustrative():
    fig = lambda_charts.memory_tradeoff_chart()
    assert "설명용 모델" in fig.layout.title.text
    assert any("측정값이 아닙니다" in a.text for a in fig.layout.annotations)
    # small multiples on one memory axis, not two y axes over one plot
    assert fig.layout.yaxis2.overlaying is None and fig.data[1].yaxis == "y2"
    assert fig.layout.yaxis.domain[0] > fig.layout.yaxis2.domain[1]
    # 1 thread: every thread has a vCPU at 1,769 MB; beyond it only the price rises
    assert fig.layout.title.text.startswith("[설명용 모델] 1,769 MB를 넘기면 더 빨라지지 않고 요금만 오릅니다")


def test_limits_table_keeps_the_old_3008_mb_limit_marked_as_past():
    table = lambda_charts.limits_table().data
    old = table[table["값"] == "3,008 MB"]
    assert len(old) == 1 and "2020-12-01까지" in old["적용 기간"].iloc[0]
    assert "10,240 MB" in set(table["값"])


def test_bill_table_rows_add_up():
    table = lambda_charts.bill_table(10_000_000, 100, 512, free_tier=True).data
    # 1.80 + 1.66667 = 3.46667
    assert table["금액(USD)"].iloc[-1] == pytest.approx(3.46667)


def test_ec2_tables_and_numbers_come_from_the_model():
    table = ec2_charts.region_comparison_table()
    # Seoul t3.micro 0.0130 vs 0.0104 → 25 % more
    assert table.loc["t3.micro", "서울이 더 비싼 정도(%)"] == pytest.approx(25.0)
    # m5.large 0.118 vs 0.096 → 22.916… %, rounded to one decimal by the table
    assert table.loc["m5.large", "서울이 더 비싼 정도(%)"] == pytest.approx(22.9)
    assert "m6i.large" not in table.index  # no sourced Seoul price
    options = ec2_charts.purchase_options_table("m5.large")
    # Spot at up to 90 % off: 70.08 × 0.1 = 7.008
    assert options["월 요금(USD, 최대 할인 시)"].iloc[-1] == pytest.approx(7.01)


# ----------------------------------------------------------------------------- answer keys

@pytest.mark.parametrize("exercise_id, expected", [
    ("ec2-office-hours", 0.0168 * 220 * 3),                           # 11.088
    ("ec2-fleet-discount", (2 * 0.096 + 4 * 0.0104) * 730 * 0.7),     # 119.3696
    ("lambda-bill-arm", 20e6 * 0.0000002 + 20e6 * 0.12 * 0.25 * 0.0000133334),  # 12.00
])
def test_answer_keys_match_hand_calculations(exercise_id, expected):
    assert expected_value(exercise_id) == pytest.approx(expected, rel=1e-9)


# The registration month (data/registration_month.csv): 34,154,130 requests; the 10:00 opening minutes
# (data/registration_spike.csv): 724,365, 457,697 and 289,801 requests.
REG_REQUESTS = 34_154_130


@pytest.mark.parametrize("exercise_id, expected", [
    # 80 ms instead of 120 ms at 512 MB: only GB-seconds change, 34,154,130 × (0.08 − 0.12) × 0.5 × 0.0000166667
    ("lambda-registration-faster", REG_REQUESTS * (0.08 - 0.12) * 0.5 * 0.0000166667),          # −11.38
    # 200 ms: 1,000 ÷ 0.2 = 5,000 rps, 300,000 a minute; (724,365 − 300,000) + (457,697 − 300,000)
    ("lambda-spike-throttled", 424_365 + 157_697),                                             # 582,062
])
def test_registration_and_pricing_keys_match_hand_calculations(exercise_id, expected):
    assert expected_value(exercise_id) == pytest.approx(expected, rel=1e-6)


def test_a_students_lambda_numbers_change_the_answer():
    # lambda-bill-arm for 1,500만 requests of 90 ms: 15e6 × 0.0000002 + 15e6 × 0.09 × 0.25 × 0.0000133334
    ex = get("lambda-bill-arm")
    assert ex.expected(requests_man=1500, duration_ms=90) == pytest.approx(3.0 + 4.5000225, rel=1e-9)
    # lambda-spike-throttled at 150 ms: 400,000 a minute; 724,365 − 400,000 + 457,697 − 400,000 = 382,062
    assert get("lambda-spike-throttled").expected(duration_ms=150) == pytest.approx(382_062)
    # the predicted largest part: 10 M requests at 100 ms and 512 MB with an HTTP API:
    # requests $2.00, GB-seconds 500,000 × 0.0000166667 = $8.33, HTTP API 10 × $1.00 = $10.00 → "다"
    assert expected_value("lambda-predict-largest-part") == "다"
