"""Auto-checked exercises of the Lambda chapter (chapters/04_lambda.ipynb)."""

from __future__ import annotations

from awsbook import cost, lambda_charges, lambda_concurrency, registration
from awsbook.exercises import Exercise, Option, Param, register

#: The running case's function in the chapter's worked bill: milliseconds per request and MB of memory.
REG_DURATION_MS = 120
REG_MEMORY_MB = 512
#: The worked example of the chapter's bill breakdown (requests a month, ms, MB), before its chart.
BREAKDOWN_EXAMPLE = (10_000_000, 100, 512)
#: The parts of a Lambda bill and the option of ``lambda-predict-largest-part`` that names each.
PART_OPTIONS = {"requests_usd": "가", "compute_usd": "나", "api_usd": "다"}


def _largest_part() -> str:
    """The option naming the largest part of the breakdown example's bill with an HTTP API."""
    bill = cost.lambda_bill(*BREAKDOWN_EXAMPLE, api="http")
    return PART_OPTIONS[max(PART_OPTIONS, key=lambda part: bill[part])]


register(Exercise(
    id="lambda-predict-largest-part",
    options=(
        Option("가", "Lambda 요청 요금", "요청 요금은 100만 건당 몇십 센트라, 함수가 짧아도 가장 큰 몫이 되기는 어렵습니다."),
        Option("나", "Lambda 컴퓨팅 요금(GB-초)",
               "GB-초 요금은 실행 시간과 메모리에 비례합니다. 100 ms, 512 MB짜리 짧은 함수에서는 생각보다 작습니다."),
        Option("다", "API Gateway(HTTP API) 요금",
               "맞습니다. 요청마다 붙는 API 요금이 짧은 함수의 GB-초 요금보다 커서, 앞단이 청구서의 가장 큰 몫이 됩니다."),
        Option("라", "프리 티어 덕분에 모두 0에 가깝다",
               "프리 티어는 월 100만 건과 40만 GB-초까지입니다. 1,000만 건이면 그 몇 배를 넘어 요금이 붙습니다."),
    ),
    expected=_largest_part,
    hint="요청 1건마다 붙는 요금 세 가지를 100만 건당 금액으로 바꿔 비교해 보세요.",
    points=0,
))


def _arm_bill(requests_man: float, duration_ms: float) -> dict:
    """The arm64 exercise's bill (256 MB, no free tier, no API): :func:`awsbook.cost.lambda_bill`'s parts (USD)."""
    return cost.lambda_bill(requests_man * 1e4, duration_ms, 256, arch="arm64")


register(Exercise(
    id="lambda-bill-arm",
    params={"requests_man": Param(2000, low=1000, high=4000, step=100, unit="만 건", fmt=",g"),
            "duration_ms": Param(120, low=60, high=200, step=10, unit=" ms")},
    # Hand check (book's numbers): 20,000,000 × $0.0000002 = $4.00; 20,000,000 × 0.12 s × 0.25 GB = 600,000 GB-s
    # × $0.0000133334 = $8.00; total $12.00.
    expected=lambda requests_man, duration_ms: _arm_bill(requests_man, duration_ms)["total_usd"],
    figures=lambda requests_man, duration_ms: {
        "gb_seconds": f"{_arm_bill(requests_man, duration_ms)['gb_seconds']:,.0f}",
        "requests_usd": f"{_arm_bill(requests_man, duration_ms)['requests_usd']:,.2f}",
        "compute_usd": f"{_arm_bill(requests_man, duration_ms)['compute_usd']:,.2f}",
    },
    hint="요청 요금(요청 수 × 요청당 요금)과 컴퓨팅 요금(요청 수 × 초 × 0.25 GB × arm64의 GB-초당 요금)을 더합니다.",
    unit=" USD", abs_tol=0.01, answer_format=",.2f",
))

def _free_tier_bill() -> dict:
    """The free-tier exercise's bill (3 million requests of 200 ms at 1,024 MB, x86_64, free tier): USD parts."""
    return cost.lambda_bill(3_000_000, 200, 1024, free_tier=True)


register(Exercise(
    id="lambda-free-tier-bill",
    # Hand check: (3,000,000 − 1,000,000) × $0.0000002 = $0.40; 3,000,000 × 0.2 s × 1 GB = 600,000 GB-s,
    # minus 400,000 free = 200,000 × $0.0000166667 = $3.33; $3.73.
    expected=lambda: _free_tier_bill()["total_usd"],
    figures=lambda: {
        "billable_requests": f"{_free_tier_bill()['requests'] - cost.lambda_free_tier()[0]:,.0f}",
        "requests_usd": f"{_free_tier_bill()['requests_usd']:,.2f}",
        "gb_seconds": f"{_free_tier_bill()['gb_seconds']:,.0f}",
        "billable_gb_seconds": f"{_free_tier_bill()['billable_gb_seconds']:,.0f}",
        "compute_usd": f"{_free_tier_bill()['compute_usd']:,.2f}",
    },
    hint="요청 수와 GB-초에서 각각 월 프리 티어(본문 '프리 티어' 절)를 먼저 빼고 요금을 곱합니다.",
    unit=" USD", abs_tol=0.01, answer_format=",.2f",
))

def _t4g_request_usd() -> tuple[float, float]:
    """The break-even exercise's Lambda: (request fee, duration charge) of one request, USD (arm64, 50 ms, 128 MB)."""
    per_request, per_gb_second = cost.lambda_rates("arm64")
    return per_request, 0.05 * 128 / cost.MB_PER_GB * per_gb_second


register(Exercise(
    id="lambda-break-even-t4g",
    expected=lambda: cost.break_even_requests(cost.ec2_monthly_cost("t4g.micro"), 50, 128, arch="arm64") / 1e4,
    figures=lambda: {
        "per_request_fee": f"{_t4g_request_usd()[0]:.10f}",
        "compute_per_request": f"{_t4g_request_usd()[1]:.10f}",
        "per_request": f"{sum(_t4g_request_usd()):.10f}",
        "ec2_month": f"{cost.ec2_monthly_cost('t4g.micro'):,.2f}",
    },
    hint="t4g.micro의 월 요금을 요청 1건의 Lambda 요금(요청당 요금 + 0.05초 × 0.125GB × arm64 GB-초당 요금)으로 "
         "나눕니다. 답은 '만 건' 단위로 적습니다.",
    unit="만 건", rel_tol=0.01, answer_format=",.0f",
))


def _rest_parts(requests_eok: float) -> list[tuple[float, float]]:
    """(requests, USD) of each REST API band that ``requests_eok`` × 100 million requests reach."""
    requests = requests_eok * 1e8
    parts = []
    for band in cost.api_gateway_bands("rest").itertuples():
        inside = min(max(requests - band.from_requests, 0.0), band.to_requests - band.from_requests)
        if inside > 0:
            parts.append((inside, inside / 1e6 * band.usd_per_million_requests))
    return parts


register(Exercise(
    id="lambda-rest-api-bill",
    # Every value of the range reaches the third band (from 1 billion) and stays in it (below 20 billion).
    params={"requests_eok": Param(12, low=11, high=19, step=0.5, unit="억 건")},
    # Hand check with the AWS whitepaper's REST bands: 333 M × 3.50 + 667 M × 2.80 + 200 M × 2.38
    # = 1,165.50 + 1,867.60 + 476.00 = 3,509.10 USD (API Gateway only, no free tier).
    expected=lambda requests_eok: cost.api_gateway_monthly_cost(requests_eok * 1e8, api="rest"),
    figures=lambda requests_eok: {
        "first_band_man": f"{_rest_parts(requests_eok)[0][0] / 1e4:,.0f}",
        "first_band_usd": f"{_rest_parts(requests_eok)[0][1]:,.2f}",
        "second_band_man": f"{_rest_parts(requests_eok)[1][0] / 1e4:,.0f}",
        "second_band_usd": f"{_rest_parts(requests_eok)[1][1]:,.2f}",
        "third_band_man": f"{_rest_parts(requests_eok)[2][0] / 1e4:,.0f}",
        "third_band_usd": f"{_rest_parts(requests_eok)[2][1]:,.2f}",
        "flat_usd": f"{requests_eok * 100 * float(cost.api_gateway_bands('rest')['usd_per_million_requests'].iloc[0]):,.2f}",
    },
    hint="요청을 구간마다 나누세요. 첫 구간에 3억 3,300만 건, 두 번째 구간에 6억 6,700만 건, 세 번째 구간에 "
         "나머지가 들어가고, 각 구간에는 그 구간의 100만 건당 요금만 곱합니다.",
    unit=" USD", abs_tol=0.01, rel_tol=0, answer_format=",.2f",
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
    unit="%p", abs_tol=0.1, rel_tol=0, answer_format=".1f",
))


# --------------------------------------------------------------------------- the running case (수강신청)

def registration_bill(duration_ms: float = REG_DURATION_MS) -> dict:
    """February's Lambda bill of the registration system with an HTTP API in front (USD parts of
    :func:`awsbook.cost.lambda_bill`), at ``duration_ms`` and the chapter's memory, no free tier."""
    return cost.lambda_bill(registration.monthly_requests(), duration_ms, REG_MEMORY_MB, api="http")


register(Exercise(
    id="lambda-registration-faster",
    # 120 ms (the chapter's worked bill) is outside the range: the change would be 0.
    params={"duration_ms": Param(80, low=60, high=115, step=5, unit=" ms")},
    # Hand check at 80 ms: only the GB-seconds change, 34,154,130 × (0.08 − 0.12) s × 0.5 GB = −683,082.6 GB-s
    # × $0.0000166667 = −$11.38.
    expected=lambda duration_ms: registration_bill(duration_ms)["total_usd"] - registration_bill()["total_usd"],
    figures=lambda duration_ms: {
        "gb_seconds_change": f"{registration_bill(duration_ms)['gb_seconds'] - registration_bill()['gb_seconds']:,.0f}",
    },
    hint="요청 요금과 API Gateway 요금은 요청 수에만 달려 있어 그대로입니다. 바뀌는 것은 GB-초뿐이니, "
         "요청 수 × (새 실행 시간 − 120 ms)초 × 0.5 GB × GB-초당 요금을 구하세요. 줄면 음수입니다.",
    unit=" USD", abs_tol=0.01, rel_tol=0, answer_format=",.2f",
))

#: The minutes of the registration morning the throttling exercise covers (10:00 to 10:05).
SPIKE_MINUTES = 6


def spike_minutes():
    """Requests of the first :data:`SPIKE_MINUTES` minutes from 10:00 on the registration morning (a Series)."""
    data = registration.spike()
    start = data.index.get_loc(registration.OPENING)
    return data["requests"].iloc[start:start + SPIKE_MINUTES]


def _throttled(duration_ms: float) -> float:
    """Requests from 10:00 to 10:05 that the default concurrency quota must throttle, at least (count)."""
    limit = cost.lambda_limit("concurrency_default")
    return float(lambda_concurrency.throttled_at_least(spike_minutes().to_numpy(), limit, duration_ms).sum())


register(Exercise(
    id="lambda-spike-throttled",
    # 120 ms (the chapter's worked example) is outside the range.
    params={"duration_ms": Param(200, low=150, high=300, step=10, unit=" ms")},
    # Hand check at 200 ms: 1,000 ÷ 0.2 s = 5,000 rps, 300,000 requests a minute; 10:00 724,365 − 300,000 = 424,365,
    # 10:01 457,697 − 300,000 = 157,697, later minutes fit; 582,062 requests.
    expected=_throttled,
    figures=lambda duration_ms: {
        "max_rps": f"{lambda_concurrency.max_rps(cost.lambda_limit('concurrency_default'), duration_ms):,.0f}",
        "per_minute": f"{60 * lambda_concurrency.max_rps(cost.lambda_limit('concurrency_default'), duration_ms):,.0f}",
    },
    hint="동시성 1,000개가 1초에 처리하는 요청은 1,000 ÷ 실행 시간(초)건이고, 1분이면 그 60배입니다. "
         "분마다 요청 수에서 이 값을 빼고, 남는 분만 더하세요.",
    unit="건", rel_tol=0.001, answer_format=",.0f",
))

register(Exercise(
    id="lambda-provisioned-break-even",
    # Hand check with data/lambda_provisioned_prices.csv and the on-demand x86 rate:
    # 0.0000041667 ÷ (0.0000166667 − 0.0000097222) = 0.0000041667 ÷ 0.0000069445 = 0.600 → 60.0 %.
    expected=lambda: lambda_charges.provisioned_concurrency_break_even_pct(),
    hint="켜 둔 환경의 1 GB-초는 동시성 요금 c와, 그 가운데 요청을 처리한 몫 u에 붙는 낮은 실행 요금 d를 냅니다. "
         "온디맨드라면 같은 일에 u × o를 냅니다. c + u × d = u × o를 u에 대해 푸세요.",
    unit="%", abs_tol=0.5, rel_tol=0, answer_format=".1f",
))


# --------------------------------------------------------------------------- diagnostic choices

register(Exercise(
    id="lambda-serverless-meaning",
    options=(
        Option("가", "서버를 고르고 켜 두고 패치하고 대수를 맞추는 일을 AWS가 맡는다",
               "맞습니다. 코드, 권한, 런타임 버전, 비용 관리는 여전히 사용자 몫입니다."),
        Option("나", "서버 없이 실행되므로 장애가 날 서버도 없다",
               "함수는 AWS 데이터 센터의 서버에서 돌아갑니다. 보이지 않을 뿐 서버는 있습니다."),
        Option("다", "쓰지 않을 때 요금이 없으니 언제나 EC2보다 싸다",
               "요청이 손익분기점을 넘으면 EC2가 더 쌉니다. 유휴 요금이 없다는 것과 언제나 싸다는 것은 다릅니다."),
        Option("라", "요청이 아무리 몰려도 모두 처리해 준다",
               "동시성이 할당량에 닿으면 넘는 요청은 스로틀링되어 오류를 받습니다."),
    ),
    expected=lambda: "가",
    hint="'서버리스'에서 사라지는 것이 서버 자체인지, 서버를 다루는 일인지 생각해 보세요.",
))

register(Exercise(
    id="lambda-memory-exceeded",
    options=(
        Option("가", "그 실행이 중단되고 호출은 오류로 끝난다",
               "맞습니다. 메모리는 실행 중에 늘어나지 않으니, 최대 사용량을 보고 여유 있게 정합니다."),
        Option("나", "Lambda가 필요한 만큼 메모리를 자동으로 늘려 준다",
               "메모리는 설정한 값으로 고정됩니다. 늘리려면 설정을 바꿔 다시 배포해야 합니다."),
        Option("다", "넘친 부분을 /tmp에 옮겨 느리게라도 끝까지 실행한다",
               "/tmp는 코드가 직접 쓰는 임시 저장소일 뿐, 넘친 메모리를 받아 주지 않습니다."),
        Option("라", "3 GB까지는 자동으로 늘어나고 그 위에서만 멈춘다",
               "3 GB는 2020년 12월까지의 최대 설정값이었을 뿐, 자동으로 늘어나는 구간은 없습니다."),
    ),
    expected=lambda: "가",
    hint="메모리는 함수의 설정값입니다. 실행 중에 그 값을 넘으면 어떻게 될지 생각해 보세요.",
))

register(Exercise(
    id="lambda-long-job",
    options=(
        Option("가", "표준 함수 한 번으로는 안 되지만, 일을 나누거나 내구성 함수로 이어 가면 Lambda로도 할 수 있다",
               "맞습니다. 관리형 인스턴스에서 비동기로 호출하는 방법도 있지만 그 상한도 90분입니다."),
        Option("나", "메모리를 최대로 늘리면 실행 제한 시간도 늘어난다",
               "메모리는 CPU를 늘려 일을 빨리 끝내게 할 뿐, 실행 제한 시간은 메모리와 상관없습니다."),
        Option("다", "Lambda는 어떤 방법으로도 15분을 넘길 수 없다",
               "15분은 표준 함수 한 번의 상한입니다. 내구성 함수의 실행 전체는 최대 1년까지 이어집니다."),
        Option("라", "할당량 증가를 요청하면 실행 제한 시간을 늘려 준다",
               "900초는 늘릴 수 없는 상한입니다. 늘릴 수 있는 것은 동시성 같은 다른 할당량입니다."),
    ),
    expected=lambda: "가",
    hint="15분이 무엇의 상한인지(함수 한 번의 실행) 생각해 보고, 그 틀을 벗어나는 방법을 떠올려 보세요.",
))
