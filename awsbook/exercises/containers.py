"""Auto-checked exercises of the ECS, EKS and Fargate chapters (ids start with the chapter)."""

from __future__ import annotations

from awsbook import containers, cost
from awsbook.exercises import Exercise, register


def _fleet_cost() -> float:
    packing = containers.pack("m5.large", 1, 2)
    return cost.ec2_monthly_cost("m5.large", count=containers.instances_needed(10, packing))


# --------------------------------------------------------------------------- ECS (chapter 5)
register(Exercise(
    "ecs-tasks-per-instance",
    expected=lambda: containers.pack("m5.large", 0.5, 1).tasks,
    hint="vCPU로 몇 개, 메모리로 몇 개가 들어가는지 따로 세고 작은 쪽을 고르세요.",
    unit="개", abs_tol=0, rel_tol=0,
))
register(Exercise(
    "ecs-fleet-cost",
    expected=_fleet_cost,
    hint="인스턴스 한 대에 들어가는 작업 수로 필요한 인스턴스 대수를 올림해서 구한 뒤, 대수 × 시간당 요금 × 730을 계산하세요.",
    unit="USD", abs_tol=0.01,
))
register(Exercise(
    "ecs-reserved-memory",
    expected=lambda: containers.pack("t3.medium", 1, 2, reserved_memory_gib=0.5).tasks,
    hint="예약한 메모리를 뺀 나머지 메모리에 2 GB 작업이 몇 개 들어가는지 세고, vCPU 쪽과 비교하세요.",
    unit="개", abs_tol=0, rel_tol=0,
))

# --------------------------------------------------------------------------- EKS (chapter 6)
register(Exercise(
    "eks-fee-two-clusters",
    expected=lambda: cost.eks_monthly_fee(clusters=2),
    hint="클러스터 하나의 시간당 요금 × 730시간 × 클러스터 수입니다. 노드 요금은 넣지 않습니다.",
    unit="USD", abs_tol=0.01,
))
register(Exercise(
    "eks-extended-extra",
    expected=lambda: cost.eks_monthly_fee(extended_support=True) - cost.eks_monthly_fee(),
    hint="연장 지원 요금은 시간당 요금 전체입니다. 두 요금의 차이에 730시간을 곱하세요.",
    unit="USD", abs_tol=0.01,
))
register(Exercise(
    "eks-fee-threshold",
    expected=lambda: containers.eks_fee_threshold(1, 2, share_pct=10, eks_nodes="fargate"),
    hint="요금 비중 = 컨트롤 플레인 요금 ÷ (컨트롤 플레인 요금 + 작업 N개의 Fargate 요금)입니다. "
         "이 값이 처음으로 0.1보다 작아지는 N을 찾으세요.",
    unit="개", abs_tol=0, rel_tol=0,
))

# --------------------------------------------------------------------------- Fargate (chapter 7)
register(Exercise(
    "fargate-task-month",
    expected=lambda: cost.fargate_monthly_cost(1, 2),
    hint="730 × (vCPU 1개의 시간당 요금 + 메모리 2 GB의 시간당 요금)입니다.",
    unit="USD", abs_tol=0.01,
))
register(Exercise(
    "fargate-spot-office-hours",
    expected=lambda: containers.fargate_cost_breakdown(1, 2, tasks=4, hours_per_day=8, spot=True).total_usd,
    hint="한 달 실행 시간은 8 × 730 ÷ 24시간입니다. 작업 4개의 온디맨드 요금을 구한 뒤 Spot 최대 할인율만큼 깎으세요.",
    unit="USD", abs_tol=0.01,
))
register(Exercise(
    "fargate-batch-job",
    expected=lambda: containers.fargate_job_cost(0.5, 1, runtime_seconds=20, runs=30_000),
    hint="20초짜리 실행도 최소 과금 시간만큼 요금이 붙습니다. 과금 초 ÷ 3,600 × 시간당 요금 × 실행 횟수를 계산하세요.",
    unit="USD", abs_tol=0.01,
))

register(Exercise(
    id="fargate-arm-saving",
    # Hand check with data/fargate_prices.csv (us-east-1): x86 2 × 0.04048 + 4 × 0.004445 = 0.09874 USD/h,
    # Arm 2 × 0.03238 + 4 × 0.00356 = 0.07900 USD/h; (0.09874 − 0.07900) × 730 h × 3 tasks = 43.2306 USD.
    expected=lambda: (cost.fargate_monthly_cost(2, 4, tasks=3, arch="x86_64")
                      - cost.fargate_monthly_cost(2, 4, tasks=3, arch="arm64")),
    hint="x86과 Arm 각각 (vCPU 2개 × vCPU 요금 + 4 GB × 메모리 요금) × 730시간 × 작업 3개를 구한 뒤 빼세요.",
    unit=" USD", abs_tol=0.01, rel_tol=0,
))
