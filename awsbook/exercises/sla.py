"""Auto-checked exercises of the SLA·SLI·SLO chapter (chapters/03_sla.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import availability as av
from awsbook.exercises import Exercise, Option, register

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


register(Exercise(
    id="sla-credit-meaning",
    options=(
        Option("가", "그 서비스의 다음 청구서에서 깎아 주는, 그달 요금의 일정 비율",
               "크레딧은 현금이 아니라 앞으로 낼 요금에서 깎아 주는 금액이고, 상한은 그 서비스에 낸 요금입니다."),
        Option("나", "장애로 잃은 매출을 메워 주는 보상금",
               "크레딧은 매출 손실과 관계없이 그 서비스에 낸 요금의 일정 비율이 상한입니다. "
               "잃은 매출을 막으려면 여러 가용 영역에 나누어 두는 설계가 필요합니다."),
        Option("다", "장애가 끝나면 자동으로 계좌에 입금되는 환불금",
               "크레딧은 현금으로 돌려받는 것이 아닙니다. 또 보통은 SLA 문서가 정한 절차에 따라 고객이 직접 청구해야 받습니다."),
        Option("라", "AWS가 다음 달의 가용성을 더 높여 주겠다는 약속",
               "SLA의 퍼센트와 크레딧은 앞으로의 가용성을 예측하거나 보장하지 않습니다. "
               "약속한 수준 아래로 떨어졌을 때 요금 일부를 돌려주는 계약 조건일 뿐입니다."),
    ),
    expected=lambda: "가",
    hint="크레딧이 어디에서, 얼마까지 돌아오는지 생각해 보세요.",
))
