"""Auto-checked exercises of the SLA·SLI·SLO chapter (chapters/03_sla.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import availability as av
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
    id="sla-ec2-credit",
    expected=lambda: av.service_credit(
        "ec2", av.availability_from_downtime(dt.timedelta(hours=3), "month", calendar="2026-03"), scope="region"),
    hint="먼저 2026년 3월(31일)의 월간 가동률을 구한 다음, 크레딧 표에서 그 가동률이 들어가는 구간을 찾으세요.",
    unit="%", abs_tol=0, rel_tol=0,
))
