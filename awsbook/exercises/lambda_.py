"""Auto-checked exercises of the Lambda chapter (chapters/04_lambda.ipynb)."""

from __future__ import annotations

from awsbook import cost, lambda_concurrency, registration
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

#: The minutes of the registration morning the throttling exercise covers (10:00 to 10:02): at the exercise's
#: durations (150–300 ms) the default quota holds every later minute (10:03 brings 183,839 requests).
SPIKE_MINUTES = 3


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
