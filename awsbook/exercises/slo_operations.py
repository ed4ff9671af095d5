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
        Option("가", "30일 동안 예산의 0.3%만 쓴다",
               "오류율 0.3%는 예산의 0.3%가 아닙니다. 예산 자체가 요청의 0.1%이므로, 예산의 세 배 속도로 씁니다."),
        Option("나", "10일 만에 예산을 다 쓴다",
               "맞습니다. 번 레이트가 0.3 ÷ 0.1 = 3이므로 30일 치 예산을 30 ÷ 3 = 10일 만에 씁니다."),
        Option("다", "다 쓰지 않는다. 99.7%도 충분히 높은 성공률이다",
               "SLO가 99.9%이면 성공률 99.7%는 목표 아래입니다. 목표 아래에서 버티는 동안 예산은 계속 줄어듭니다."),
    ),
    expected=lambda: "나",
    hint="SLO 99.9%의 오류 예산은 요청의 0.1%입니다. 0.3%는 그 몇 배일까요?",
    points=0,
))

register(Exercise(
    id="slo-burn-days",
    params={"error_rate": Param(0.5, low=0.2, high=1.5, step=0.1, unit="%")},
    expected=lambda error_rate: av.time_to_exhaustion(_burn_rate(error_rate), 30) / dt.timedelta(days=1),
    figures=lambda error_rate: {"burn": f"{_burn_rate(error_rate):.3g}"},
    hint="번 레이트 = 관측 오류율 ÷ (100 − SLO)%입니다. 30일을 번 레이트로 나누면 예산이 버티는 날수가 됩니다.",
    unit="일", abs_tol=0.05, rel_tol=0,
))


def _opening_overspend(error_rate: float, minutes: float) -> float:
    """How far (% of the budget) a constant ``error_rate`` % for ``minutes`` from the 10:00 opening
    overspends February's request-based error budget."""
    return av.budget_overspend_pct(_burn_rate(error_rate), reg.average_days(reg.OPENING, minutes),
                                   reg.days_in_month())


register(Exercise(
    id="slo-registration-overspend",
    # From 2.5 % over 3 minutes the burn already spends more than the whole budget (107.7 %).
    params={"error_rate": Param(3, low=2.5, high=4, step=0.5, unit="%"),
            "minutes": Param(5, low=3, high=10, step=1, unit="분")},
    expected=_opening_overspend,
    figures=lambda error_rate, minutes: {
        "burn": f"{_burn_rate(error_rate):g}",
        "requests": f"{reg.window_requests(reg.OPENING, minutes):,.0f}",
        "days": f"{reg.average_days(reg.OPENING, minutes):.3f}",
        "consumed": f"{av.budget_consumed_pct(_burn_rate(error_rate), reg.average_days(reg.OPENING, minutes), reg.days_in_month()):.1f}"},
    hint="그 몇 분의 요청 수가 2월의 평균적인 하루 몇 날 치인지 구하고, 번 레이트 × 그 날수 ÷ 28일로 예산을 "
         "몇 % 썼는지 계산한 뒤 100을 빼세요.",
    unit="%p", abs_tol=0.1, rel_tol=0, answer_format=".1f",
))


def _page_detection_minutes(error_rate: float) -> tuple[float, float]:
    """Minutes until Table 5-8's two page rules (1-hour and 6-hour long windows) fire at a constant
    ``error_rate`` % (:func:`~awsbook.availability.detection_time`, traffic assumed steady)."""
    rules = av.burn_rate_alerts(SLO, 30).iloc[:2]
    return tuple(av.detection_time(SLO, error_rate, row.long_window, burn_rate=row.burn_rate) / dt.timedelta(minutes=1)
                 for row in rules.itertuples())


register(Exercise(
    id="slo-detection-what-if",
    params={"error_rate": Param(4, low=2, high=6, step=0.5, unit="%")},
    expected=lambda error_rate: _page_detection_minutes(error_rate)[1] - _page_detection_minutes(error_rate)[0],
    figures=lambda error_rate: dict(zip(("fast", "slow"), (f"{m:g}" for m in _page_detection_minutes(error_rate)))),
    hint="탐지 시간 = 긴 창 × 번 레이트 × (100 − SLO)% ÷ 오류율입니다. 두 규칙의 탐지 시간을 분으로 구해 "
         "6시간 규칙의 값에서 1시간 규칙의 값을 빼세요.",
    unit="분", abs_tol=0.1, rel_tol=0, answer_format=".1f",
))

register(Exercise(
    id="slo-two-windows",
    options=(
        Option("가", "긴 창은 예산이 의미 있게 탔는지, 짧은 창은 지금도 타는지 확인한다",
               "맞습니다. 짧은 창 덕분에 장애가 끝나면 알림도 몇 분 안에 꺼집니다."),
        Option("나", "짧은 창만 있으면 된다. 빨리 알수록 좋다",
               "짧은 창만 보면 잠깐 튀는 오류에도 호출되어, 담당자가 알림을 믿지 않게 됩니다."),
        Option("다", "긴 창만 있으면 된다. 예산 소비만 중요하다",
               "긴 창만 보면 장애가 끝난 뒤에도 창이 비워질 때까지 한참 동안 알림이 꺼지지 않습니다."),
    ),
    expected=lambda: "가",
    hint="장애가 잠깐 튈 때와 장애가 끝난 뒤, 각 창의 오류율이 어떻게 움직이는지 떠올려 보세요.",
))

register(Exercise(
    id="slo-day-sli-method",
    options=(
        Option("가", "하루 동안 좋은 요청의 합 ÷ 요청의 합",
               "맞습니다. 요청마다 같은 무게를 주는 방법이어서, 붐비는 시각의 실패가 그만큼 크게 반영됩니다."),
        Option("나", "1분마다 성공률을 구해 1,440개를 평균",
               "요청이 적은 새벽의 1분과 붐비는 오후의 1분이 같은 무게를 가져, 요청 기준 SLI와 달라집니다."),
        Option("다", "오류가 한 건이라도 난 분의 비율을 1에서 뺀 값",
               "시간 기준 지표입니다. 요청 기준 SLO와 견주려면 요청 수로 세어야 합니다."),
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
    expected=lambda: _span_sli(*BUSINESS_HOURS),
    figures=lambda: _count_figures(*BUSINESS_HOURS),
    hint="log.loc[\"2026-03-04 09:00\":\"2026-03-04 17:59\"]로 그 시간의 행을 고른 뒤, requests의 합에서 "
         "errors_5xx의 합을 빼 좋은 요청을 구하고 requests의 합으로 나누세요. 분마다의 비율을 평균하면 안 됩니다.",
    unit="%p", abs_tol=0.001, rel_tol=0, answer_format=".4f",
))

register(Exercise(
    id="slo-log-days-by-hand",
    expected=lambda: _span_sli(*FIVE_DAYS),
    figures=lambda: _count_figures(*FIVE_DAYS),
    hint="일별 표에서 닷새의 요청 수를 더하고, 5xx 응답 수도 더하세요. (요청 합 − 5xx 합) ÷ 요청 합 × 100입니다. "
         "날마다의 SLI를 평균하면 안 됩니다.",
    unit="%p", abs_tol=0.001, rel_tol=0, answer_format=".4f",
))
