"""Auto-checked exercises of the opening chapter (chapters/01_compute_overview.ipynb)."""

from __future__ import annotations

import numpy as np

from awsbook import cost, elasticity, latency
from awsbook.exercises import Exercise, register

#: The small day of the hand-calculation exercise: 10, 30, 50, 20 rps, six hours each.
HAND_DAY = np.array([10] * 6 + [30] * 6 + [50] * 6 + [20] * 6, dtype=float)
HAND_RPS_PER_INSTANCE = 20

register(Exercise(
    id="overview-rtt-seoul-virginia",
    expected=lambda: latency.region_rtt_floor_ms("ap-northeast-2", "us-east-1"),
    hint="두 도시 사이 대권 거리(km)를 구하고, 왕복이므로 2를 곱한 뒤 광섬유 속 빛의 속도 "
         "200,000 km/s로 나누세요. 초를 밀리초로 바꾸는 것도 잊지 마세요.",
    unit=" ms", rel_tol=0.01,
))

register(Exercise(
    id="overview-fixed-cost",
    # The exercise text fixes the scenario: mean 100 rps, 50 rps per instance, ratio 3, us-east-1.
    expected=lambda: elasticity.day_scenario(3.0, 0, "m7g.large", mean_rps=100, rps_per_instance=50,
                                             region="us-east-1").plans["fixed"].cost_usd,
    hint="최대 부하 = 평균 × 최대/평균 비입니다. 필요한 인스턴스 수는 최대 부하 ÷ 한 대 처리량을 "
         "올림한 값이고, 고정 용량은 그 수를 24시간 내내 켜 둡니다.",
    unit=" USD", rel_tol=0.01,
))

register(Exercise(
    id="overview-unserved-requests",
    expected=lambda: elasticity.serve_day(
        HAND_DAY, rps_per_instance=HAND_RPS_PER_INSTANCE, delay_hours=1,
    ).plans["autoscaling"].unserved_requests,
    hint="수요가 올라가는 시각마다 한 시간 전 수요에 맞춘 용량만 있습니다. 그 시간의 "
         "(수요 − 용량) 요청/초에 3,600초를 곱해 더하세요.",
    unit="건", rel_tol=0.001,
))


def _least_management_service() -> str:
    """The figure's rightmost column that runs a one-hour container job without OS patching by the team.

    Columns from least to most management: Lambda, Fargate, ECS·EKS (EC2 nodes), EC2.  Lambda runs
    container images but one invocation is capped by its timeout; EC2 and EC2 nodes leave OS patches
    to the team.  Hand check: 3,600 s > 900 s (data/lambda_limits.csv timeout_max), so "Fargate".
    """
    one_run_seconds = 3600
    return "Lambda" if one_run_seconds <= cost.lambda_limit("timeout_max") else "Fargate"


register(Exercise(
    id="overview-least-management",
    expected=_least_management_service,
    hint="관리할 것이 가장 적은 오른쪽 열(Lambda)부터 조건을 하나씩 확인하세요. Lambda 함수 한 번의 실행 제한 "
         "시간은 4장의 할당량 표에 있습니다. 답은 그림의 열 이름 그대로 씁니다.",
))
