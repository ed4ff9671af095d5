"""Auto-checked exercises of the Lambda chapter (chapters/04_lambda.ipynb)."""

from __future__ import annotations

from awsbook import cost
from awsbook.exercises import Exercise, register

register(Exercise(
    id="lambda-bill-arm",
    expected=lambda: cost.lambda_monthly_cost(20_000_000, 120, 256, arch="arm64"),
    hint="요청 요금(2,000만 건 × 요청당 요금)과 컴퓨팅 요금(2,000만 × 0.12초 × 0.25GB × arm64의 GB-초당 요금)을 "
         "더합니다.",
    unit=" USD", abs_tol=0.01,
))

register(Exercise(
    id="lambda-free-tier-bill",
    expected=lambda: cost.lambda_monthly_cost(3_000_000, 200, 1024, free_tier=True),
    hint="요청 수와 GB-초에서 각각 월 프리 티어 한도(본문 '프리 티어' 절)를 먼저 빼고 요금을 곱합니다.",
    unit=" USD", abs_tol=0.01,
))

register(Exercise(
    id="lambda-break-even-t4g",
    expected=lambda: cost.break_even_requests(cost.ec2_monthly_cost("t4g.micro"), 50, 128, arch="arm64") / 1e4,
    hint="t4g.micro의 월 요금을 요청 1건의 Lambda 요금(요청당 요금 + 0.05초 × 0.125GB × arm64 GB-초당 요금)으로 "
         "나눕니다. 답은 '만 건' 단위로 적습니다.",
    unit="만 건", rel_tol=0.01,
))
