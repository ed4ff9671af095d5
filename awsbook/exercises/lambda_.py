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
    hint="요청 수와 GB-초에서 각각 월 프리 티어(본문 '프리 티어' 절)를 먼저 빼고 요금을 곱합니다.",
    unit=" USD", abs_tol=0.01,
))

register(Exercise(
    id="lambda-break-even-t4g",
    expected=lambda: cost.break_even_requests(cost.ec2_monthly_cost("t4g.micro"), 50, 128, arch="arm64") / 1e4,
    hint="t4g.micro의 월 요금을 요청 1건의 Lambda 요금(요청당 요금 + 0.05초 × 0.125GB × arm64 GB-초당 요금)으로 "
         "나눕니다. 답은 '만 건' 단위로 적습니다.",
    unit="만 건", rel_tol=0.01,
))

register(Exercise(
    id="lambda-rest-api-bill",
    # Hand check with the AWS whitepaper's REST bands: 333 M × 3.50 + 667 M × 2.80 + 200 M × 2.38
    # = 1,165.50 + 1,867.60 + 476.00 = 3,509.10 USD (API Gateway only, no free tier).
    expected=lambda: cost.lambda_bill(1_200_000_000, 100, 128, api="rest")["api_usd"],
    hint="요청을 구간마다 나누세요. 첫 구간에 3억 3,300만 건, 두 번째 구간에 6억 6,700만 건, 세 번째 구간에 "
         "나머지가 들어가고, 각 구간에는 그 구간의 100만 건당 요금만 곱합니다.",
    unit=" USD", abs_tol=0.01, rel_tol=0,
))


def memory_doubling() -> dict[str, tuple[float, float]]:
    """The exercise's function at one vCPU's worth of memory and at twice that (illustrative model).

    ``memory_mb``, ``duration_ms`` (ms) and ``usd`` (USD per million requests), each as (before, after).
    """
    memory = (int(cost.lambda_limit("memory_per_vcpu")), 2 * int(cost.lambda_limit("memory_per_vcpu")))
    ms = tuple(cost.illustrative_duration_ms(m, cpu_ms_at_one_vcpu=2000, wait_ms=50, threads=2) for m in memory)
    usd = tuple(cost.lambda_monthly_cost(1e6, d, m) for d, m in zip(ms, memory))
    return {"memory_mb": memory, "duration_ms": ms, "usd": usd}


def _memory_doubling_ratio_pct() -> float:
    """Cost per million requests after doubling memory, as % of before."""
    usd = memory_doubling()["usd"]
    return 100 * usd[1] / usd[0]


register(Exercise(
    id="lambda-memory-doubling",
    # Hand check: 1,769 MB -> 50 + 2,000 = 2,050 ms, 2.05 s × 1,769/1,024 GB = 3.54150 GB-s,
    # 0.20 + 3.54150 × 16.6667 = 59.224 USD per million; 3,538 MB -> 50 + 1,000 = 1,050 ms,
    # 1.05 × 3,538/1,024 = 3.62783 GB-s, 0.20 + 60.464 = 60.664 USD; 60.664 / 59.224 = 102.43 %.
    expected=_memory_doubling_ratio_pct,
    hint="메모리가 두 배가 되면 vCPU 몫도 두 배가 되고, 스레드 2개가 함께 일해 CPU 작업 시간이 절반이 됩니다. "
         "두 메모리에서 실행 시간과 100만 건당 요금(요청 요금 + GB-초 요금)을 각각 구해 나누세요.",
    unit="%p", abs_tol=0.1, rel_tol=0,
))
