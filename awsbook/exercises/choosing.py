"""Auto-checked exercises of the choosing-compute chapter (chapters/09_choosing_compute.ipynb).

"Target practice": most ask for the input value that makes two options cost the same, for a sizing
result, or for how far a break-even point moves, computed here from the models.  The chapter's
diagnostic choices carry the misconceptions of the decision.
"""

from __future__ import annotations

import math

from awsbook import cost, crossover, registration
from awsbook.exercises import Exercise, Option, Param, register

#: Sizing assumptions shared by the capacity exercises (as in the chapter's charts).
SIZING = {"rps_per_instance": crossover.RPS_PER_INSTANCE, **crossover.SIZING}
#: The chapter's reference Lambda function and instance (100 ms, 512 MB against one t3.small in us-east-1).
REF = crossover.REFERENCE
REF_LAMBDA = {"duration_ms": REF["duration_ms"], "region": REF["region"]}


def reference_break_even(memory_mb: float) -> float:
    """Break-even requests a month of the reference function at ``memory_mb`` against one t3.small (requests)."""
    fixed = cost.ec2_monthly_cost(REF["instance_type"], region=REF["region"])
    return cost.break_even_requests(fixed, memory_mb=memory_mb, **REF_LAMBDA)


def _predicted_direction() -> str:
    """The option that says where the break-even point goes when the reference memory doubles."""
    before, after = reference_break_even(REF["memory_mb"]), reference_break_even(2 * REF["memory_mb"])
    if after >= before:
        return "나" if after > before else "다"
    return "라" if after == before / 2 else "가"


register(Exercise(
    id="choose-predict-memory",
    options=(
        Option("가", "왼쪽(더 적은 요청 수)으로 옮겨 가지만, 절반까지는 가지 않는다",
               "맞습니다. 요청 1건의 GB-초 요금은 두 배가 되지만 요청 요금은 그대로라, 1건의 값은 두 배보다 조금 덜 오릅니다."),
        Option("나", "오른쪽(더 많은 요청 수)으로 옮겨 간다",
               "메모리를 늘리면 요청 1건의 값이 오르므로, EC2 요금만큼 쓰는 데 필요한 요청 수는 줄어듭니다."),
        Option("다", "그대로다. 메모리는 요청 요금에 들어가지 않는다",
               "요청 요금은 그대로지만 GB-초 요금은 메모리에 비례합니다. 실행 시간이 같다면 1건의 값이 오릅니다."),
        Option("라", "정확히 절반이 된다",
               "두 배가 되는 것은 GB-초 몫뿐입니다. 요청 요금 몫은 그대로라 손익분기점은 절반보다 조금 큽니다."),
    ),
    expected=_predicted_direction,
    hint="요청 1건의 Lambda 요금이 요청 요금과 GB-초 요금 두 부분이라는 점을 떠올려 보세요.",
    points=0,
))

def _memory_shift_man(memory_mb: float) -> float:
    """How far the reference break-even moves (in 10,000 requests) when memory goes from 512 MB to ``memory_mb``."""
    return (reference_break_even(memory_mb) - reference_break_even(REF["memory_mb"])) / 1e4


register(Exercise(
    id="choose-memory-what-if",
    # 512 MB (the reference) is outside the range: the change would be 0.
    params={"memory_mb": Param(1024, low=640, high=2048, step=128, unit=" MB", fmt=",g")},
    # Hand check at 1,024 MB: one request costs 0.0000002 + 0.1 s × 1 GB × 0.0000166667 = 0.00000186667 USD;
    # 15.184 ÷ 0.00000186667 = 8,134,271 requests (813.4만) against 14,694,170 (1,469.4만) at 512 MB: −656.0만.
    expected=_memory_shift_man,
    figures=lambda memory_mb: {
        "per_million_usd": f"{cost.lambda_monthly_cost(1e6, memory_mb=memory_mb, **REF_LAMBDA):.4f}",
        "new_man": f"{reference_break_even(memory_mb) / 1e4:,.1f}",
    },
    hint="새 메모리에서 요청 1건의 요금(요청당 요금 + 0.1초 × 메모리 GB × GB-초당 요금)을 구하고, t3.small의 월 "
         "요금을 그 값으로 나눠 새 손익분기점을 구하세요. 512 MB일 때의 손익분기점을 빼면 됩니다(줄면 음수).",
    unit="만 건", rel_tol=0.01, answer_format=",.1f",
))


def _registration_fleet(peak_to_average: float) -> int:
    """t3.small instances for the registration month's average rate × ``peak_to_average`` (count, the book's sizing)."""
    return cost.ec2_instances_needed(registration.average_rps(), peak_to_average=peak_to_average, **SIZING)


def registration_fleet_usd(peak_to_average: float) -> float:
    """February (672 h) of that t3.small fleet, on demand in us-east-1 (USD)."""
    return cost.ec2_monthly_cost(REF["instance_type"], count=_registration_fleet(peak_to_average),
                                 hours=registration.hours_in_month())


register(Exercise(
    id="choose-registration-fleet-month",
    # The registration system's own ratio (about 1,068) is far outside the range: the chapter works that case.
    params={"peak_to_average": Param(100, low=20, high=200, step=10, unit="배")},
    # Hand check at 100: 14.1179 rps × 100 = 1,411.79 rps ÷ (50 × 0.7 = 35) = 40.34 → 41 instances;
    # 41 × 672 h × $0.0208 = $573.08.
    expected=registration_fleet_usd,
    figures=lambda peak_to_average: {
        "peak_rps": f"{registration.average_rps() * peak_to_average:,.1f}",
        "instances": f"{_registration_fleet(peak_to_average):,d}",
    },
    hint="평균 초당 요청 수에 최대/평균 비를 곱해 정점을 구하고, 35(50 × 0.7)로 나눠 올림하면 대수입니다. "
         "대수 × 672시간 × t3.small의 시간당 요금이 2월 요금입니다.",
    unit=" USD", abs_tol=0.01, rel_tol=0, answer_format=",.2f",
))


def _busy_fleet(busy_rps: float) -> int:
    """t3.small instances the busy rate ``busy_rps`` needs (count, the chapter's sizing with its minimum of 2)."""
    return cost.ec2_instances_needed(busy_rps, **SIZING)


register(Exercise(
    id="choose-busy-hours",
    # Busy at 30–70 rps by 5: always the minimum 2 t3.small, so the break-even hours are 268.4 ÷ rps (3.83–8.95 h,
    # 9 % or more from the book's 5.37).  The range leaves out the chapter's own example (20 rps, 13.4 h printed
    # above), the chart's other slider states (1, 5, 100, 200 rps) and 75 rps, whose 3 instances repeat 5.37 h.
    # Hand check at 50 rps: ⌈50 / 35⌉ = 2 t3.small = 2 × 0.0208 × 730 = 30.368 USD; one request
    # 0.0000002 + 0.1 s × 0.5 GB × 0.0000166667 = 0.00000103333 USD → 29,388,380 requests;
    # ÷ (50 × 3,600 × 730 / 24 = 5,475,000) = 5.368 h a day.
    params={"busy_rps": Param(50, low=30, high=70, step=5, unit="건")},
    expected=lambda busy_rps: crossover.break_even_busy_hours(busy_rps, REF["duration_ms"], REF["memory_mb"],
                                                              REF["instance_type"], **SIZING),
    figures=lambda busy_rps: {
        "per_instance": f"{SIZING['rps_per_instance'] * SIZING['target_utilisation']:g}",
        "by_rate": f"{math.ceil(busy_rps / (SIZING['rps_per_instance'] * SIZING['target_utilisation'])):d}",
        "instances": f"{_busy_fleet(busy_rps):d}",
        "fleet_usd": f"{cost.ec2_monthly_cost(REF['instance_type'], count=_busy_fleet(busy_rps)):,.2f}",
        "hour_requests": f"{crossover.busy_month_requests(1, busy_rps):,.0f}",
    },
    hint="먼저 바쁜 시간의 초당 요청 수에 필요한 t3.small 대수와 그 월 요금을 구합니다. 그 요금에서의 손익분기 "
         "월 요청 수를, 하루 1시간 바쁠 때의 월 요청 수(초당 요청 수 × 3,600 × 730 ÷ 24)로 나눕니다.",
    unit="시간/일", rel_tol=0.02, answer_format=".2f",
))


# --------------------------------------------------------------------------- diagnostic choices

register(Exercise(
    id="choose-single-break-even",
    options=(
        Option("가", "아니다. t3.small 한 대로는 정점을 받을 수 없어, 정점에 맞춘 대수로 비교해야 한다",
               "맞습니다. 최대/평균 비가 1,000배를 넘으면 계단이 수백 칸이라 Lambda가 훨씬 쌉니다."),
        Option("나", "맞다. 월 요청 수가 손익분기점보다 많으면 언제나 EC2가 싸다",
               "손익분기점은 인스턴스 한 대가 모든 요청을 감당한다고 가정한 값입니다. 대수가 늘면 경계도 옮겨 갑니다."),
        Option("다", "맞다. 평균 초당 14건이면 한 대로 충분하다",
               "사용자는 평균이 아니라 10시 정각을 겪습니다. 용량은 최대 부하로 정합니다."),
        Option("라", "아니다. 요청이 많으면 Lambda에 구간별 할인이 붙기 때문이다",
               "구간 할인은 한 달 수십억 GB-초부터라 이 시스템과는 무관합니다. 차이는 정점에서 옵니다."),
    ),
    expected=lambda: "가",
    hint="손익분기점을 구할 때 EC2 쪽을 몇 대로 놓았는지, 10시 정각에는 몇 대가 필요한지 생각해 보세요.",
))

register(Exercise(
    id="choose-scheduled-hours",
    options=(
        Option("가", "그 시간에만 EC2를 켜는 예약이 Lambda보다도 쌀 수 있다",
               "맞습니다. 시각을 아는 바쁜 시간에는 켜 둘 시간만큼만 냅니다. Lambda는 언제 올지 모르는 요청에서 빛납니다."),
        Option("나", "바쁜 시간이 하루의 절반보다 짧으면 언제나 Lambda가 가장 싸다",
               "그것은 EC2를 하루 종일 켜 둘 때의 비교입니다. 바쁜 시간에만 켜면 EC2 쪽 요금도 줄어듭니다."),
        Option("다", "EC2는 한 번 켜면 한 달 요금을 내므로 상시 가동과 같다",
               "리눅스 온디맨드는 켜 둔 시간만큼 초 단위로 냅니다. 꺼 둔 시간에는 인스턴스 요금이 없습니다."),
        Option("라", "Lambda도 바쁜 시간에만 요금이 나오니 두 방식의 요금은 같다",
               "Lambda는 요청마다, EC2는 켜 둔 시간마다 냅니다. 요금을 정하는 양이 달라 같아질 까닭이 없습니다."),
    ),
    expected=lambda: "가",
    hint="바쁜 시간이 언제인지 미리 안다면 EC2를 하루 종일 켜 둘 필요가 있는지 생각해 보세요.",
))

register(Exercise(
    id="choose-managed-capacity",
    options=(
        Option("가", "AWS가 EC2 인스턴스를 준비·패치·교체하고, 인스턴스 요금에 관리 요금이 더해진다",
               "맞습니다. 인스턴스 유형과 대수의 틀은 남고, 운영 체제 관리가 AWS로 넘어갑니다."),
        Option("나", "EC2 인스턴스 요금이 없어지고 태스크 수만큼만 낸다",
               "인스턴스는 그대로 내 계정에서 돌고 요금도 납니다. 태스크 단위로 내는 것은 Fargate입니다."),
        Option("다", "Fargate와 같다. 노드가 전혀 보이지 않는다",
               "관리형 인스턴스의 노드는 내 계정의 EC2 인스턴스로 보입니다. AWS가 맡는 것은 관리입니다."),
        Option("라", "Lambda처럼 한 번 실행이 15분으로 제한된다",
               "ECS 태스크에는 실행 제한 시간이 없습니다. 15분은 Lambda 표준 함수 한 번의 상한입니다."),
    ),
    expected=lambda: "가",
    hint="관리형 인스턴스에서 '관리형'이 가리키는 것이 인스턴스인지, 인스턴스를 돌보는 일인지 생각해 보세요.",
))
