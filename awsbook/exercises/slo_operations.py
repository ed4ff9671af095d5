"""Auto-checked exercises of the SLO operations chapter (chapters/08_slo_operations.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import availability as av
from awsbook import registration as reg
from awsbook import sli
from awsbook.exercises import Exercise, Option, Param, register

#: The SLO (%) every exercise of the chapter uses, the registration team's (chapter 3).
SLO = reg.SLO_PCT


def _burn_rate(error_rate: float) -> float:
    """Burn rate of an error rate (%) against the chapter's SLO (no unit)."""
    return error_rate / (100 - SLO)


register(Exercise(
    id="slo-predict-burn",
    options=(
        Option("가", "30일 동안 예산의 0.3%만 쓴다", "예산 자체가 요청의 0.1%이므로, 오류율 0.3%는 예산의 세 배 속도입니다."),
        Option("나", "10일 만에 예산을 다 쓴다", "맞습니다. 번 레이트 3이면 30일 치 예산을 10일 만에 씁니다."),
        Option("다", "다 쓰지 않는다", "성공률 99.7%는 SLO 아래여서 예산이 계속 줄어듭니다."),
    ),
    expected=lambda: "나",
    hint="오류 예산은 요청의 0.1%입니다. 0.3%는 그 몇 배일까요?",
    points=0,
))

register(Exercise(
    id="slo-burn-days",
    params={"error_rate": Param(0.5, low=0.2, high=1.5, step=0.1, unit="%")},
    expected=lambda error_rate: round(av.time_to_exhaustion(_burn_rate(error_rate), 30) / dt.timedelta(days=1), 6),
    figures=lambda error_rate: {"burn": f"{_burn_rate(error_rate):.3g}"},
    hint="30일 ÷ (오류율 ÷ 0.1%)입니다.",
    unit="일", abs_tol=0.05, rel_tol=0,
))


#: How long the overspend exercise's failure lasts from the 10:00 opening (minutes).
OVERSPEND_MINUTES = 5


def _opening_overspend(error_rate: float) -> float:
    """How far (% of the budget) a constant ``error_rate`` % for :data:`OVERSPEND_MINUTES` from the 10:00
    opening overspends February's request-based error budget."""
    days = reg.average_days(reg.OPENING, OVERSPEND_MINUTES)
    return round(av.budget_overspend_pct(_burn_rate(error_rate), days, reg.days_in_month()), 4)


register(Exercise(
    id="slo-registration-overspend",
    # From 2.5 % the five minutes already spend more than the whole budget (129.8 %).
    params={"error_rate": Param(3, low=2.5, high=4, step=0.25, unit="%")},
    expected=_opening_overspend,
    hint="번 레이트 × (5분이 평균적인 하루 며칠 치인지) ÷ 28 × 100 − 100입니다.",
    unit="%p", abs_tol=0.1, rel_tol=0, answer_format=".1f",
))


def _page_detection_minutes(error_rate: float) -> tuple[float, float]:
    """Minutes until Table 5-8's two page rules (1-hour and 6-hour long windows) fire at a constant
    ``error_rate`` % (:func:`~awsbook.availability.detection_time`, traffic assumed steady)."""
    rules = av.burn_rate_alerts(SLO, 30).iloc[:2]
    return tuple(av.detection_time(SLO, error_rate, row.long_window, burn_rate=row.burn_rate) / dt.timedelta(minutes=1)
                 for row in rules.itertuples())


#: The error rate (%) of the detection what-if exercise.
DETECTION_ERROR_RATE = 4

register(Exercise(
    id="slo-detection-what-if",
    expected=lambda: round(_page_detection_minutes(DETECTION_ERROR_RATE)[1]
                           - _page_detection_minutes(DETECTION_ERROR_RATE)[0], 4),
    figures=lambda: dict(zip(("fast", "slow"), (f"{m:g}" for m in _page_detection_minutes(DETECTION_ERROR_RATE))),
                         error_rate=f"{DETECTION_ERROR_RATE:g}"),
    hint="탐지 시간 = 긴 창 × 번 레이트 × (100 − SLO) ÷ 오류율입니다. 6시간 규칙의 값에서 1시간 규칙의 값을 빼세요.",
    unit="분", abs_tol=0.1, rel_tol=0, answer_format=".1f",
))

register(Exercise(
    id="slo-two-windows",
    options=(
        Option("가", "긴 창은 예산이 충분히 탔는지, 짧은 창은 지금도 타는지 본다", "맞습니다. 장애가 끝나면 알림도 곧 꺼집니다."),
        Option("나", "짧은 창만 있으면 된다", "잠깐 튀는 오류에도 호출되어 알림을 믿지 않게 됩니다."),
        Option("다", "긴 창만 있으면 된다", "장애가 끝난 뒤에도 한참 동안 알림이 꺼지지 않습니다."),
    ),
    expected=lambda: "가",
    hint="장애가 튈 때와 끝난 뒤의 두 창을 떠올려 보세요.",
))

register(Exercise(
    id="slo-day-sli-method",
    options=(
        Option("가", "하루 동안 좋은 요청의 합 ÷ 요청의 합", "맞습니다. 요청마다 같은 무게를 줍니다."),
        Option("나", "1분마다 성공률을 구해 1,440개를 평균", "한가한 1분과 붐비는 1분이 같은 무게를 가져 값이 달라집니다."),
        Option("다", "오류가 한 건이라도 난 분의 비율을 1에서 뺀 값", "시간 기준 지표여서 요청 기준 SLO와 견줄 수 없습니다."),
    ),
    expected=lambda: "가",
    hint="SLO가 '요청의 99.9%'라면 무엇을 세어야 할까요?",
))

#: The spans of the request log the two log exercises look at: business hours of the outage day
#: (the notebook's, by pandas) and five days from it (the page's, by hand from the daily table).
BUSINESS_HOURS = ("2026-03-04 09:00", "2026-03-04 17:59")
FIVE_DAYS = ("2026-03-04", "2026-03-08")


def _span_counts(first: str, last: str) -> tuple[int, int]:
    """Requests and 5xx responses (counts) of the request log from ``first`` to ``last`` (both included)."""
    span = sli.request_log().loc[first:last]
    return int(span["requests"].sum()), int(span["errors_5xx"].sum())


def _span_sli(first: str, last: str) -> float:
    """Availability SLI (%) of the request log from ``first`` to ``last`` (both included)."""
    return sli.availability_sli(log=sli.request_log().loc[first:last])


def _count_figures(first: str, last: str) -> dict[str, str]:
    requests, errors = _span_counts(first, last)
    return {"requests": f"{requests:,}", "errors": f"{errors:,}", "good": f"{requests - errors:,}"}


register(Exercise(
    id="slo-log-day-sli",
    # Hand check from data/request_log.csv, rows 2026-03-04 09:00–17:59 (540 minutes): 248,942 requests,
    # 3,442 of them 5xx, so (248,942 − 3,442) / 248,942 = 98.61735 %.
    expected=lambda: round(_span_sli(*BUSINESS_HOURS), 6),
    figures=lambda: _count_figures(*BUSINESS_HOURS),
    hint="그 시간의 행을 고른 뒤 (requests 합 − errors_5xx 합) ÷ requests 합 × 100입니다.",
    unit="%p", abs_tol=0.001, rel_tol=0, answer_format=".4f",
))

register(Exercise(
    id="slo-log-days-by-hand",
    expected=lambda: round(_span_sli(*FIVE_DAYS), 6),
    figures=lambda: _count_figures(*FIVE_DAYS),
    hint="닷새의 요청 수와 5xx 수를 각각 더해 (요청 합 − 5xx 합) ÷ 요청 합 × 100입니다.",
    unit="%p", abs_tol=0.001, rel_tol=0, answer_format=".4f",
))
