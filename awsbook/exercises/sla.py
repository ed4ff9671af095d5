"""Auto-checked exercises of the SLA·SLI·SLO chapter (chapters/03_sla.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import availability as av
from awsbook import sli
from awsbook.exercises import Exercise, register

register(Exercise(
    id="sla-lambda-february",
    expected=lambda: av.allowed_downtime(av.sla_target("lambda"), "month", calendar="2026-02")
    / dt.timedelta(minutes=1),
    hint="2026년 2월은 28일입니다. 28일을 분으로 바꾼 뒤 (100 − 목표)/100을 곱해 보세요.",
    unit="분", abs_tol=0.05, rel_tol=0,
))

register(Exercise(
    id="sla-two-az",
    expected=lambda: av.serial(
        av.EXAMPLE_LOAD_BALANCER_PCT,
        av.parallel(av.sla_target("ec2", scope="instance"), av.sla_target("ec2", scope="instance")),
        av.EXAMPLE_DATABASE_PCT,
    ),
    hint="두 가용 영역의 인스턴스는 병렬(parallel)로, 로드 밸런서·EC2 계층·데이터베이스는 직렬(serial)로 묶습니다.",
    unit="%", abs_tol=0.0005, rel_tol=0,
))

register(Exercise(
    id="sla-burn-days",
    expected=lambda: av.time_to_exhaustion(0.5 / (100 - 99.9), 30) / dt.timedelta(days=1),
    hint="번 레이트 = 관측 오류율 ÷ (100 − SLO)%입니다. 30일을 번 레이트로 나누면 예산이 버티는 날수가 됩니다.",
    unit="일", abs_tol=0.05, rel_tol=0,
))

register(Exercise(
    id="sla-ec2-credit",
    expected=lambda: av.service_credit(
        "ec2", av.availability_from_downtime(dt.timedelta(hours=3), "month", calendar="2026-03"), scope="region"),
    hint="먼저 2026년 3월(31일)의 월간 가동률을 구한 다음, 크레딧 표에서 그 가동률이 들어가는 구간을 찾으세요.",
    unit="%", abs_tol=0, rel_tol=0,
))


def _day_availability_sli(day: str) -> float:
    """Availability SLI (%) of one day of the request log: good (non-5xx) requests over all requests."""
    return float(sli.availability_sli(freq="1d").loc[day])


register(Exercise(
    id="sla-log-day-sli",
    # Hand check from data/request_log.csv, rows dated 2026-03-04: 811,277 requests, 3,619 of them 5xx,
    # so (811,277 − 3,619) / 811,277 = 99.55391 %.
    expected=lambda: _day_availability_sli("2026-03-04"),
    hint="log.loc[\"2026-03-04\"]로 그날의 행을 고른 뒤, requests의 합에서 errors_5xx의 합을 빼 좋은 요청을 "
         "구하고 requests의 합으로 나누세요. 분마다의 비율을 평균하면 안 됩니다.",
    unit="%p", abs_tol=0.001, rel_tol=0,
))
