"""Auto-checked exercises of the SLA·SLI·SLO chapter (chapters/03_sla.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import availability as av
from awsbook import registration as reg
from awsbook.exercises import Exercise, Option, Param, register

register(Exercise(
    id="sla-predict-nines",
    options=(
        Option("가", "거의 그대로다. 목표가 0.09%p밖에 오르지 않았다",
               "목표의 차이는 작아 보여도, 허용되는 실패의 몫(100 − 목표)은 0.1%에서 0.01%로 10분의 1이 됩니다."),
        Option("나", "절반쯤으로 준다",
               "9가 하나 늘 때 줄어드는 것은 절반이 아니라 10분의 1입니다. 100 − 목표를 견주어 보세요."),
        Option("다", "10분의 1로 준다",
               "맞습니다. 허용 다운타임은 100 − 목표에 비례하고, 0.1%가 0.01%가 되므로 10분의 1입니다."),
        Option("라", "0이 된다. 그만큼 높으면 사실상 멈추지 않는다",
               "9가 몇 개든 100%가 아니면 허용 다운타임은 0이 아닙니다. 한 달에 몇 분은 멈춰도 됩니다."),
    ),
    expected=lambda: "다",
    hint="허용 다운타임은 기간 × (100 − 목표)/100입니다. 두 목표의 100 − 목표를 견주어 보세요.",
    points=0,
))

register(Exercise(
    id="sla-lambda-february",
    expected=lambda: av.allowed_downtime(av.sla_target("lambda"), "month", calendar="2026-02")
    / dt.timedelta(minutes=1),
    hint="Lambda의 월간 가동률은 5분 구간마다의 가용성을 평균한 값이어서, 모든 요청이 실패한 구간은 0%로 셉니다. "
         "2026년 2월(28일)의 분 수에 (100 − 목표)/100을 곱해 보세요.",
    unit="분", abs_tol=0.05, rel_tol=0,
))


def _window_failures(slo_pct: float) -> float:
    """Requests (count) of the registration window that may fail under a request-based SLO of ``slo_pct`` %."""
    return reg.window_requests(reg.OPENING, reg.WINDOW_MINUTES) * (100 - slo_pct) / 100


register(Exercise(
    id="sla-registration-slo-change",
    # Steps of 0.02 from 99.81 never land on 99.9 (the opening's SLO): every student has a change to find,
    # some a stricter SLO (fewer failures allowed), some a looser one.
    params={"slo": Param(99.95, low=99.81, high=99.99, step=0.02, unit="%")},
    expected=lambda slo: _window_failures(slo) - _window_failures(reg.SLO_PCT),
    figures=lambda slo: {"window_requests": f"{reg.window_requests(reg.OPENING, reg.WINDOW_MINUTES):,.0f}",
                         "before": f"{_window_failures(reg.SLO_PCT):,.1f}", "after": f"{_window_failures(slo):,.1f}"},
    hint="30분 동안의 요청 수에 (100 − SLO)/100을 곱하면 실패해도 되는 요청 수입니다. 바꾼 SLO의 값에서 "
         "99.9%의 값을 빼고, 줄었다면 음수로 답하세요.",
    unit="건", abs_tol=0.5, rel_tol=0, answer_format=",.1f",
))

register(Exercise(
    id="sla-two-az",
    # Steps of 0.02 from 99.8 never land on 99.95, the database of the chapter's example (whose result
    # the composite chart prints).
    params={"database": Param(99.9, low=99.8, high=99.98, step=0.02, unit="%")},
    expected=lambda database: av.serial(
        av.EXAMPLE_LOAD_BALANCER_PCT,
        av.parallel(av.sla_target("ec2", scope="instance"), av.sla_target("ec2", scope="instance")),
        database,
    ),
    figures=lambda database: {
        "tier": f"{av.parallel(av.sla_target('ec2', scope='instance'), av.sla_target('ec2', scope='instance')):g}"},
    hint="두 가용 영역의 인스턴스는 병렬(parallel)로, 로드 밸런서·EC2 계층·데이터베이스는 직렬(serial)로 묶습니다.",
    unit="%", abs_tol=0.0005, rel_tol=0, answer_format=".4f",
))

register(Exercise(
    id="sla-composite-meaning",
    options=(
        Option("가", "AWS가 이 구성에 약속하는 가용성",
               "이 구성에 AWS가 약속하는 것은 리전 수준 SLA의 목표뿐입니다. 계산값은 계약이 아닙니다."),
        Option("나", "두 가용 영역이 서로 독립적으로 멈춘다고 가정한 추정값",
               "맞습니다. 독립 가정 아래의 추정값이어서, 함께 멈추게 하는 원인이 있으면 실제는 더 낮습니다."),
        Option("다", "적어도 이만큼은 된다는 하한",
               "두 곳을 함께 멈추게 하는 원인(리전 전체 장애, 잘못된 배포)이 있으면 실제는 이보다 낮을 수 있습니다."),
        Option("라", "지난달 실제로 잰 가용성",
               "측정값(SLI)이 아니라 계산값입니다. 실제 가용성은 요청 로그로 재야 합니다."),
    ),
    expected=lambda: "나",
    hint="이 숫자를 얻으려고 어떤 가정을 했는지 떠올려 보세요.",
))

register(Exercise(
    id="sla-ec2-one-instance",
    options=(
        Option("가", "리전 수준 가동률(흔히 듣는 99.99%)",
               "리전 수준 약속은 인스턴스를 가용 영역 두 곳 이상에 나누어 둔 경우에만 적용됩니다."),
        Option("나", "청구 월마다 잰 인스턴스 수준 가동률과, 못 미칠 때의 크레딧",
               "맞습니다. 한 대에는 리전 수준보다 낮은 인스턴스 수준 약속만 적용됩니다."),
        Option("다", "멈추지 않는다는 보장",
               "SLA는 중단이 없다는 보장이 아니라, 못 지키면 크레딧을 준다는 계약입니다."),
        Option("라", "아무 약속도 없다",
               "한 대에도 인스턴스 수준 약속이 있습니다. 다만 리전 수준보다 목표가 낮습니다."),
    ),
    expected=lambda: "나",
    hint="EC2의 두 가지 SLA 약속이 각각 어떤 구성에 적용되는지 떠올려 보세요.",
))


def _march_credit_pct(hours: float) -> float:
    """EC2 region-level credit (% of the bill) for ``hours`` of unavailability in March 2026 (31 days)."""
    uptime = av.availability_from_downtime(dt.timedelta(hours=hours), "month", calendar="2026-03")
    return av.service_credit("ec2", uptime, scope="region")


register(Exercise(
    id="sla-ec2-credit",
    params={"hours": Param(3, low=1, high=12, step=1, unit="시간"),
            "bill": Param(480, low=300, high=1200, step=60, unit="USD")},
    expected=lambda hours, bill: bill * _march_credit_pct(hours) / 100,
    figures=lambda hours, bill: {
        "uptime": f"{av.availability_from_downtime(dt.timedelta(hours=hours), 'month', calendar='2026-03'):.3f}",
        "credit_pct": f"{_march_credit_pct(hours):g}"},
    hint="먼저 2026년 3월(31일)의 월간 가동률을 구하고, 크레딧 표의 EC2 리전 행에서 그 가동률이 들어가는 구간의 "
         "비율을 찾아 그달 EC2 요금에 곱하세요.",
    unit="USD", abs_tol=0.01, rel_tol=0,
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


def _seoul_2018_uptime() -> float:
    """November 2018's uptime (%) if the Seoul EC2 DNS event counted as region-level unavailability."""
    start, end = av.incident("seoul-2018-dns", "ec2-dns-resolution")
    return av.availability_from_downtime(end - start, "month", calendar="2018-11")


register(Exercise(
    id="sla-seoul-2018-uptime",
    expected=_seoul_2018_uptime,
    hint="사건이 이어진 시간을 2018년 11월(30일)의 길이로 나눈 몫을 100%에서 빼세요.",
    unit="%", abs_tol=0.0005, rel_tol=0, answer_format=".4f",
))
