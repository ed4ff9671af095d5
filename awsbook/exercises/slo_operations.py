"""Auto-checked exercises of the SLO operations chapter (chapters/08_slo_operations.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import availability as av
from awsbook import sli
from awsbook.exercises import Exercise, Param, register

def _burn_rate(error_rate: float) -> float:
    """Burn rate of an error rate (%) against a 99.9% SLO (no unit)."""
    return error_rate / (100 - 99.9)


register(Exercise(
    id="slo-burn-days",
    params={"error_rate": Param(0.5, low=0.2, high=1.5, step=0.1, unit="%")},
    expected=lambda error_rate: av.time_to_exhaustion(_burn_rate(error_rate), 30) / dt.timedelta(days=1),
    figures=lambda error_rate: {"burn": f"{_burn_rate(error_rate):.3g}"},
    hint="번 레이트 = 관측 오류율 ÷ (100 − SLO)%입니다. 30일을 번 레이트로 나누면 예산이 버티는 날수가 됩니다.",
    unit="일", abs_tol=0.05, rel_tol=0,
))


def _day_availability_sli(day: str) -> float:
    """Availability SLI (%) of one day of the request log: good (non-5xx) requests over all requests."""
    return float(sli.availability_sli(freq="1d").loc[day])


register(Exercise(
    id="slo-log-day-sli",
    # Hand check from data/request_log.csv, rows dated 2026-03-04: 811,277 requests, 3,619 of them 5xx,
    # so (811,277 − 3,619) / 811,277 = 99.55391 %.
    expected=lambda: _day_availability_sli("2026-03-04"),
    hint="log.loc[\"2026-03-04\"]로 그날의 행을 고른 뒤, requests의 합에서 errors_5xx의 합을 빼 좋은 요청을 "
         "구하고 requests의 합으로 나누세요. 분마다의 비율을 평균하면 안 됩니다.",
    unit="%p", abs_tol=0.001, rel_tol=0,
))
