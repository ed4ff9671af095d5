"""Auto-checked exercises of the opening chapter (chapters/01_compute_overview.ipynb)."""

from __future__ import annotations

import math

import numpy as np

from awsbook import cost, elasticity, latency, registration
from awsbook.exercises import Exercise, Option, Param, register

#: The small day of the hand-calculation exercise: night, morning, midday and evening loads (rps), six hours
#: each; the morning and midday loads are per-student params (the book's: 30 and 50 rps).
HAND_NIGHT_RPS, HAND_EVENING_RPS = 10, 20
HAND_RPS_PER_INSTANCE = 20
#: Seconds in the 30-day month of ``overview-peak-to-average``: 30 × 24 × 3,600.
THIRTY_DAYS_S = 30 * 24 * 3600
#: The instance type and region of the chapter's registration-month example.
MONTH_TYPE, MONTH_REGION = "m7g.large", "us-east-1"

register(Exercise(
    id="overview-predict-peak",
    options=(
        Option("가", "약 두 배가 된다",
               "맞습니다. 고정 용량은 가장 바쁜 시간에 맞춘 대수를 하루 내내 켜 두므로, 최대 부하가 두 배면 비용도 "
               "약 두 배입니다."),
        Option("나", "그대로다. 하루에 처리하는 요청 수가 같기 때문이다",
               "요청 수로 요금이 정해지는 것은 요청당 과금입니다. 고정 용량은 최대 부하에 맞춘 대수만큼 냅니다."),
        Option("다", "줄어든다. 정점 밖의 시간이 더 한가해지기 때문이다",
               "한가한 시간에도 같은 대수를 켜 둡니다. 유휴 용량이 늘 뿐 비용은 줄지 않습니다."),
        Option("라", "네 배가 된다",
               "4배는 평균에 대한 비율입니다. 비율이 2배에서 4배가 되면 평균이 같을 때 최대 부하는 두 배입니다."),
    ),
    expected=lambda: "가",
    hint="고정 용량의 대수는 하루 중 어느 시간의 부하로 정해지는지 생각해 보세요.",
    points=0,
))

register(Exercise(
    id="overview-least-management",
    options=(
        Option("가", "ECS·EKS + EC2 노드",
               "컨테이너 배치는 AWS와 함께 하지만, 직접 붙인 EC2 노드의 운영 체제 패치는 여전히 팀의 몫입니다."),
        Option("나", "ECS 관리형 인스턴스",
               "조건은 만족하지만 인스턴스 조건과 관리 요금을 챙겨야 합니다. 더 오른쪽에도 조건에 맞는 열이 있습니다."),
        Option("다", "Fargate",
               "맞습니다. 이미지를 그대로, 시간 제한 없이 실행하고 운영 체제도 AWS가 관리합니다."),
        Option("라", "Lambda",
               "컨테이너 이미지만 보고 실행 제한 시간을 놓쳤습니다. 나눌 수 없는 2시간짜리 일은 한 번에 못 돌립니다."),
    ),
    expected=lambda: "다" if 2 * 3600 > cost.lambda_limit("timeout_max") else "라",
    hint="오른쪽 열(Lambda)부터 세 조건을 하나씩 확인하세요. 실행 제한 시간은 4장에 있습니다.",
))

register(Exercise(
    id="overview-autoscaling-spike",
    options=(
        Option("가", "새 인스턴스가 준비되는 몇 분 사이에 큰 물결이 지나가, 10시 직후의 요청을 많이 놓친다",
               "맞습니다. 반응형 스케일링은 몇 분 걸리므로, 시각을 아는 정점은 미리 늘려 둡니다."),
        Option("나", "사용률이 오르는 즉시 인스턴스가 늘어나므로 놓치는 요청은 없다",
               "지표를 모으고 판단하고 인스턴스가 부팅하기까지 몇 분이 걸리며, 그동안은 용량이 모자랍니다."),
        Option("다", "클라우드에는 용량 한계가 없으므로, 필요한 수백 대가 한꺼번에 생긴다",
               "계정마다 vCPU 할당량이 있고 새 계정은 작게 시작합니다. 띄우는 데도 시간이 걸립니다."),
        Option("라", "늘어난 인스턴스 때문에 한 달 요금이 정점에 맞춘 고정 용량보다 비싸진다",
               "늘어난 인스턴스는 잠깐만 켜지므로 고정 용량보다 쌉니다. 문제는 요금이 아니라 속도입니다."),
    ),
    expected=lambda: "가",
    hint="새 인스턴스가 요청을 받기까지 걸리는 시간과 물결이 줄어드는 속도를 견주어 보세요.",
))

register(Exercise(
    id="overview-cost-myth",
    options=(
        Option("가", "클라우드는 쓴 만큼만 내므로 언제나 자체 서버보다 싸다",
               "많이 쓰면 많이 냅니다. 부하가 늘 높고 고르면 오래 쓰는 서버가 더 쌀 수 있습니다."),
        Option("나", "켜 둔 인스턴스라도 요청을 처리하지 않는 동안에는 요금이 나가지 않는다",
               "인스턴스는 일을 하든 말든 켜 둔 시간만큼 요금이 나갑니다. 유휴 용량이 곧 낭비입니다."),
        Option("다", "부하가 하루 종일 높고 고르면, 켜 둔 서버가 요청당 과금보다 쌀 수 있다",
               "맞습니다. 어느 쪽이 싼지는 트래픽의 크기와 모양이 정합니다."),
        Option("라", "요청당 과금은 한 건마다 돈을 내므로, 트래픽이 적을 때 가장 비싸다",
               "반대입니다. 트래픽이 적으면 요청당 과금이 가장 쌉니다. 평균 부하를 10분의 1로 줄인 표를 보세요."),
    ),
    expected=lambda: "다",
    hint="하루 트래픽 표 두 개에서 평균 부하가 높을 때와 낮을 때 어느 방식이 싼지 비교해 보세요.",
))

register(Exercise(
    id="overview-peak-to-average",
    params={"requests": Param(25_920_000, low=12_960_000, high=51_840_000, step=2_592_000, unit="건", fmt=",.0f"),
            "peak": Param(7_500, low=3_000, high=15_000, step=500, unit="건", fmt=",.0f")},
    expected=lambda requests, peak: peak / (requests / THIRTY_DAYS_S),
    figures=lambda requests, peak: {"average": f"{requests / THIRTY_DAYS_S:,.0f}"},
    hint="평균(초당 건수) = 한 달 요청 수 ÷ 30일의 초(30 × 24 × 3,600)입니다. 최대/평균 비 = 가장 바쁜 1초의 건수 ÷ "
         "평균입니다.",
    unit="배", rel_tol=0.01, answer_format=",.0f",
))

def _fixed_plan(ratio: float, rps_per_instance: float) -> elasticity.Serving:
    """The fixed-capacity plan of the chapter's day (mean 100 rps) at ``ratio`` on m7g.large in us-east-1."""
    return elasticity.day_scenario(ratio, 0, "m7g.large", mean_rps=elasticity.DEFAULT_MEAN_RPS,
                                   rps_per_instance=rps_per_instance, region="us-east-1").plans["fixed"]


register(Exercise(
    id="overview-fixed-cost",
    # Every variant needs 7 or more instances (ratio ≥ 3 and at most 50 rps an instance; ratio 3 at 50 rps is
    # the book's 6), never the 4 of the chapter's table at ratio 2, so no variant's cost is the book's or the
    # table's.
    params={"ratio": Param(3, low=3, high=6, step=0.5, unit="배"),
            "rps_per_instance": Param(50, low=30, high=50, step=5, unit="건")},
    # Hand check at ratio 3, 50 rps: peak 300 rps, ⌈300 / 50⌉ = 6 instances × 24 h × $0.0816 = $11.7504.
    expected=lambda ratio, rps_per_instance: _fixed_plan(ratio, rps_per_instance).cost_usd,
    figures=lambda ratio, rps_per_instance: {
        "peak": f"{elasticity.DEFAULT_MEAN_RPS * ratio:,.0f}",
        "instances": f"{_fixed_plan(ratio, rps_per_instance).instances[0]:,d}",
        "instance_hours": f"{_fixed_plan(ratio, rps_per_instance).instances.sum():,d}",
    },
    hint="최대 부하 = 평균 × 최대/평균 비입니다. 필요한 인스턴스 수는 최대 부하 ÷ 한 대 처리량을 "
         "올림한 값이고, 고정 용량은 그 수를 24시간 내내 켜 둡니다.",
    unit=" USD", rel_tol=0.01, answer_format=",.2f",
))


def _hand_day(morning: float, midday: float) -> np.ndarray:
    """The hand-calculation day (rps per hour): night, ``morning``, ``midday`` and evening, six hours each."""
    return np.array([HAND_NIGHT_RPS] * 6 + [morning] * 6 + [midday] * 6 + [HAND_EVENING_RPS] * 6, dtype=float)


def _capacity_before(rps: float) -> float:
    """Capacity (rps) of the instances sized for ``rps`` the hour before: ⌈rps ÷ 20⌉ × 20."""
    return math.ceil(rps / HAND_RPS_PER_INSTANCE) * HAND_RPS_PER_INSTANCE


register(Exercise(
    id="overview-unserved-requests",
    # Morning 25–40 rps and midday 50–80 rps by 10: the midday load always exceeds the 40 rps the morning's
    # two instances serve, so both rising hours fall short, and the shortfall (morning − 20) + (midday − 40)
    # is 20 rps (the book's 72,000) only for the book's 30 and 50.
    params={"morning": Param(30, low=25, high=40, step=5, unit="건"),
            "midday": Param(50, low=50, high=80, step=10, unit="건")},
    expected=lambda morning, midday: elasticity.serve_day(
        _hand_day(morning, midday), rps_per_instance=HAND_RPS_PER_INSTANCE, delay_hours=1,
    ).plans["autoscaling"].unserved_requests,
    figures=lambda morning, midday: {
        "morning_capacity": f"{_capacity_before(HAND_NIGHT_RPS):g}",
        "morning_short": f"{morning - _capacity_before(HAND_NIGHT_RPS):g}",
        "midday_instances": f"{_capacity_before(morning) // HAND_RPS_PER_INSTANCE:g}",
        "midday_capacity": f"{_capacity_before(morning):g}",
        "midday_short": f"{midday - _capacity_before(morning):g}",
    },
    hint="수요가 올라가는 시각마다 한 시간 전 수요에 맞춘 용량만 있습니다. 그 시간의 "
         "(수요 − 용량)에 3,600초를 곱해 더하세요.",
    unit="건", rel_tol=0.001, answer_format=",.0f",
))


def _peak_growth(growth_pct: float) -> dict[str, float]:
    """Servers for this year's and next year's first-day peak (``growth_pct`` % higher) at 50 rps a server.

    Hand check at 20%: 15,079.3 / 50 → 302; 15,079.3 × 1.2 = 18,095.16, / 50 → 362; 60 more servers,
    60 × 672 h × $0.0816 = $3,290.11 more for February.
    """
    per = elasticity.DEFAULT_RPS_PER_INSTANCE
    peak = registration.peak_rps() * (1 + growth_pct / 100)
    now = registration.instances_needed(registration.peak_rps(), per)
    then = registration.instances_needed(peak, per)
    extra_usd = (then - now) * registration.hours_in_month() * cost.ec2_hourly_price(MONTH_TYPE, MONTH_REGION)
    return {"peak": peak, "servers": then, "extra": then - now, "extra_usd": extra_usd}


register(Exercise(
    id="overview-what-if-peak",
    params={"growth_pct": Param(20, low=10, high=50, step=5, unit="%")},
    expected=lambda growth_pct: _peak_growth(growth_pct)["extra_usd"],
    figures=lambda growth_pct: {
        "factor": f"{1 + growth_pct / 100:g}",
        "new_peak": f"{_peak_growth(growth_pct)['peak']:,.1f}",
        "new_servers": f"{_peak_growth(growth_pct)['servers']:,d}",
        "extra_servers": f"{_peak_growth(growth_pct)['extra']:,d}",
    },
    hint="올해와 내년의 정점을 각각 50으로 나눠 올림하면 서버 수가 나옵니다. 늘어난 서버 수 × 672시간 × 시간당 "
         "요금이 늘어나는 요금입니다.",
    unit=" USD", rel_tol=0.01, answer_format=",.2f",
))


def _seoul_frankfurt_rtt_ms() -> float:
    """RTT floor between Seoul and Frankfurt (ms); hand check: about 8,550 km, 2 × 8,550 / 200,000 s = 85.5 ms."""
    return latency.region_rtt_floor_ms("ap-northeast-2", "eu-central-1")


register(Exercise(
    id="overview-rtt-exchange-student",
    params={"round_trips": Param(4, low=2, high=9, step=1, unit="번")},
    expected=lambda round_trips: round_trips * _seoul_frankfurt_rtt_ms(),
    hint="왕복 한 번의 하한은 2 × 거리 ÷ 200,000 km/s입니다(차트의 프랑크푸르트 막대). 여기에 왕복 횟수를 곱하고, "
         "초를 밀리초로 바꾸세요.",
    unit=" ms", rel_tol=0.01, answer_format=",.1f",
))
