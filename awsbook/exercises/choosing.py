"""Auto-checked exercises of the choosing-compute chapter (chapters/09_choosing_compute.ipynb).

"Target practice": each asks for the input value that makes two options cost
the same, or for a sizing result, computed here from the models.
"""

from __future__ import annotations

from awsbook import cost, crossover
from awsbook.exercises import Exercise, register

#: Sizing assumptions shared by the capacity exercises (as in the chapter's charts).
SIZING = {"rps_per_instance": crossover.RPS_PER_INSTANCE, **crossover.SIZING}

register(Exercise(
    id="choose-memory-5m",
    expected=lambda: crossover.break_even_memory_mb(cost.ec2_monthly_cost("t3.small"), 5_000_000, 100),
    hint="Lambda 요금 = 요청 요금 + 요청 수 × 0.1초 × (메모리 MB ÷ 1,024) × GB-초당 요금입니다. "
         "이 값이 t3.small 한 대의 월 요금과 같아지는 메모리를 찾습니다. crossover.break_even_memory_mb를 써도 됩니다.",
    unit=" MB", rel_tol=0.01,
))

register(Exercise(
    id="choose-seoul-rps",
    expected=lambda: crossover.requests_per_second(cost.break_even_requests(
        cost.ec2_monthly_cost("t3.small", region="ap-northeast-2"), 100, 512, region="ap-northeast-2")),
    hint="서울 리전 t3.small의 월 요금으로 cost.break_even_requests를 구한 다음 730 × 3,600으로 나눕니다.",
    unit=" rps", rel_tol=0.02,
))

register(Exercise(
    id="choose-peak-instances",
    expected=lambda: cost.ec2_instances_needed(cost.requests_to_avg_rps(100_000_000), peak_to_average=3,
                                               **SIZING),
    hint="평균 초당 요청 수(월 요청 수 ÷ (730 × 3,600))에 최대/평균 비를 곱하고, 한 대가 목표 사용률로 "
         "처리하는 양(50 × 0.7)으로 나눈 뒤 올림합니다. 최소 대수보다 작으면 최소 대수입니다.",
    unit="대", abs_tol=0, rel_tol=0,
))

register(Exercise(
    id="choose-busy-hours",
    expected=lambda: crossover.break_even_busy_hours(50, 100, 512, "t3.small", **SIZING),
    hint="먼저 바쁜 시간의 50 rps에 필요한 t3.small 대수와 그 월 요금을 구합니다. 그 요금에서의 손익분기 "
         "월 요청 수를, 하루 1시간 바쁠 때의 월 요청 수(50 × 3,600 × 730 ÷ 24)로 나눕니다.",
    unit="시간/일", rel_tol=0.02,
))
