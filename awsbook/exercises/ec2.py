"""Auto-checked exercises of the EC2 chapter (chapters/02_ec2.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import cost, crossover, os_support, registration
from awsbook.exercises import Exercise, Option, Param, register

#: Chapter 2's plan for the registration peak: requests per second one m7g.large serves and the target
#: utilisation the plan runs it at (the book's sizing assumptions).
REG_RPS_PER_INSTANCE = crossover.RPS_PER_INSTANCE
REG_TARGET = crossover.SIZING["target_utilisation"]

register(Exercise(
    id="ec2-predict-family",
    options=(
        Option("가", "c6i.large(컴퓨팅 최적화)",
               "'컴퓨팅 최적화'는 계산을 더 빠르게 한다는 뜻이 아니라, 같은 vCPU에 메모리를 덜 붙여 계산용 자원을 싸게 "
               "준다는 뜻입니다. 메모리가 가장 적으니 셋 가운데 가장 쌉니다."),
        Option("나", "m6i.large(범용)",
               "범용은 vCPU와 메모리를 고르게 섞은 가운데 계열입니다. 메모리가 C보다 많고 R보다 적으니 요금도 그 사이에 "
               "있습니다."),
        Option("다", "r6i.large(메모리 최적화)",
               "맞습니다. 세 유형 모두 vCPU는 2개로 같고 메모리만 다르므로, 메모리가 가장 많은 R 계열이 가장 비쌉니다."),
        Option("라", "셋 다 같다. 모두 vCPU가 2개이기 때문이다",
               "크기 이름이 같고 vCPU 수가 같아도 붙어 있는 메모리가 다릅니다. 요금은 vCPU와 메모리를 함께 따라갑니다."),
    ),
    expected=lambda: max(("가", "c6i.large"), ("나", "m6i.large"), ("다", "r6i.large"),
                         key=lambda kv: cost.ec2_hourly_price(kv[1]))[0],
    hint="세 유형의 vCPU 수는 같습니다. 무엇이 다른지 생각해 보세요.",
    points=0,
))

register(Exercise(
    id="ec2-stopped-charges",
    options=(
        Option("가", "인스턴스 요금, EBS 볼륨, 탄력적 IP 주소 모두",
               "중지하면 인스턴스 요금은 멈춥니다. 계속 청구되는 것은 인스턴스 밖에 남는 자원뿐입니다."),
        Option("나", "EBS 볼륨과 탄력적 IP 주소",
               "맞습니다. 데이터를 담은 볼륨과 계정에 남은 탄력적 IP 주소는 중지해도 청구됩니다."),
        Option("다", "EBS 볼륨뿐이다. 공인 IP 주소는 중지하면 모두 반납된다",
               "반납되는 것은 자동으로 받은 공인 IPv4 주소입니다. 탄력적 IP 주소는 남아서 청구됩니다."),
        Option("라", "아무것도 청구되지 않는다",
               "중지는 종료가 아닙니다. 볼륨과 탄력적 IP 주소는 청구되므로, 모두 멈추려면 지워야 합니다."),
    ),
    expected=lambda: "나",
    hint="중지한 인스턴스 밖에 무엇이 남는지 세어 보세요. 두 종류의 공인 IPv4 주소는 다르게 다뤄집니다.",
))

register(Exercise(
    id="ec2-quota",
    options=(
        Option("가", "클라우드의 용량에는 한계가 없으므로 몇 분 안에 모두 뜬다",
               "계정마다 실행 중인 온디맨드 인스턴스의 vCPU 합계에 할당량이 있어, 넘는 만큼은 시작되지 않습니다."),
        Option("나", "처음 몇 대가 뜨면 AWS가 할당량을 바로 늘려 주어, 잠시 뒤 모두 뜬다",
               "새 계정의 할당량은 사용 이력에 따라 천천히 늘어납니다. 필요한 만큼은 미리 요청해 승인받아야 합니다."),
        Option("다", "vCPU 할당량을 넘는 만큼은 시작되지 않고 오류가 난다",
               "맞습니다. 몇 주 전에 Service Quotas에서 증가를 요청해 두어야 합니다."),
        Option("라", "모두 뜨지만, 한 달 요금이 할당량을 넘으면 계정이 정지된다",
               "할당량은 돈이 아니라 동시에 쓸 수 있는 자원(vCPU)의 양입니다. 요금은 예산 알림으로 지켜봅니다."),
    ),
    expected=lambda: "다",
    hint="계정이 한 리전에서 동시에 실행할 수 있는 온디맨드 인스턴스의 양에 무엇이 정해져 있는지 생각해 보세요.",
))


def _office_hours(days: float, hours_per_day: float) -> float:
    """Hours the office fleet runs in the month (h)."""
    return days * hours_per_day


register(Exercise(
    id="ec2-office-hours",
    params={"days": Param(22, low=18, high=23, step=1, unit="일"),
            "hours_per_day": Param(10, low=8, high=12, step=1, unit="시간")},
    expected=lambda days, hours_per_day: cost.ec2_monthly_cost("t4g.small", count=3,
                                                               hours=_office_hours(days, hours_per_day)),
    figures=lambda days, hours_per_day: {
        "hours": f"{_office_hours(days, hours_per_day):,.0f}",
        "saving_pct": f"{(1 - _office_hours(days, hours_per_day) / cost.HOURS_PER_MONTH) * 100:.0f}",
    },
    hint="켜 둔 시간은 일수 × 하루 시간입니다. 시간당 요금 × 켜 둔 시간 × 3대를 계산합니다.",
    unit=" USD", abs_tol=0.01, answer_format=",.2f",
))

#: The fleet of ``ec2-fleet-discount``: its two instance types (per-student counts).
FLEET_TYPES = ("m5.large", "t3.micro")


def _fleet_usd(m5_count: float, t3_count: float, discount_pct: float = 0) -> dict[str, float]:
    """Monthly cost (USD, 730 h) of each type of the discount exercise's fleet and their sum, less ``discount_pct``."""
    bill = cost.ec2_fleet_bill(list(zip(FLEET_TYPES, (int(m5_count), int(t3_count)))), discount_pct=discount_pct)
    found = dict(zip(bill["instance_type"], bill["monthly_usd"]))
    return found | {"total": float(bill["monthly_usd"].sum())}


register(Exercise(
    id="ec2-fleet-discount",
    # The discount stays below 50 %, where the discount itself would equal the bill (the exercise warns against
    # answering the discount).  Hand check (2, 4, 30 %): (0.096 × 730 × 2 + 0.0104 × 730 × 4) × 0.7 = $119.37.
    params={"m5_count": Param(2, low=1, high=4, step=1, unit="대"),
            "t3_count": Param(4, low=2, high=8, step=1, unit="대"),
            "discount_pct": Param(30, low=20, high=40, step=5, unit="%")},
    expected=lambda m5_count, t3_count, discount_pct: _fleet_usd(m5_count, t3_count, discount_pct)["total"],
    figures=lambda m5_count, t3_count, discount_pct: {
        "m5_usd": f"{_fleet_usd(m5_count, t3_count)['m5.large']:,.2f}",
        "t3_usd": f"{_fleet_usd(m5_count, t3_count)['t3.micro']:,.2f}",
        "total_usd": f"{_fleet_usd(m5_count, t3_count)['total']:,.2f}",
        "keep": f"{1 - discount_pct / 100:g}",
    },
    hint="유형마다 '시간당 요금 × 730 × 대수'를 구해 더한 뒤, 할인율만큼 빼서 (1 − 할인율)을 곱합니다.",
    # rel_tol=0: cents decide, so no variant's bill is "within 1 %" of a count or price printed above it.
    unit=" USD", abs_tol=0.05, rel_tol=0, answer_format=",.2f",
))

#: The options of ``ec2-amazon-linux`` that name a release (the right one is the release still supported).
AMAZON_LINUX_OPTIONS = {"AL2023": "가", "AL2": "나"}

register(Exercise(
    id="ec2-amazon-linux",
    options=(
        Option("가", "Amazon Linux 2023. 서버를 만드는 날에도 지원 기간 안에 있다",
               "맞습니다. 지원이 끝나기 전에 다음 버전으로 옮길 계획도 함께 세워 두세요."),
        Option("나", "Amazon Linux 2. 종료일이 여러 번 미뤄졌으니 이번에도 미뤄질 것이다",
               "여러 번 미뤄졌지만 결국 끝났습니다. 기대로 세운 계획은 보안 업데이트 없는 서버를 낳습니다."),
        Option("다", "Amazon Linux 2. 오래된 설치 안내서와 AMI가 많아 따라 하기 쉽다",
               "안내서가 많아도 지원이 끝난 운영 체제에는 보안 업데이트가 없습니다. 지원 종료일을 먼저 보세요."),
        Option("라", "어느 쪽이든 같다. AWS가 만든 배포판이므로 AWS가 계속 패치해 준다",
               "EC2에서 패치는 사용자의 몫이고, 지원이 끝난 배포판에는 AWS도 보안 업데이트를 내지 않습니다."),
    ),
    # Hand check (launch 2026-09-01), dates from data/amazon_linux_support.csv: AL2's support ended 2026-06-30,
    # before the launch; AL2023's runs to 2029-06-30, so "AL2023", option 가.
    expected=lambda: AMAZON_LINUX_OPTIONS[os_support.supported_release(dt.date(2026, 9, 1))],
    hint="서버를 만드는 날(2026년 9월 1일)과 두 배포판의 지원 종료일을 견주어 보세요.",
))


def _reg_fleet(rps_per_instance: float, target: float) -> int:
    """Servers for the registration peak (15,079.3 rps) at ``rps_per_instance`` run at ``target`` (count)."""
    return registration.instances_needed(registration.peak_rps(), rps_per_instance, target_utilisation=target)


register(Exercise(
    id="ec2-spike-fleet",
    # 50 rps (the chapter's worked plan, 431 servers) is left out of the range: no student copies it.
    params={"rps_per_instance": Param(60, low=55, high=80, step=5, unit="건")},
    # Hand check at 60 rps: 60 × 0.7 = 42; 15,079.3 / 42 = 359.03 → 360.
    expected=lambda rps_per_instance: _reg_fleet(rps_per_instance, REG_TARGET),
    figures=lambda rps_per_instance: {
        "planned": f"{rps_per_instance * REG_TARGET:g}",
        "exact": f"{registration.peak_rps() / (rps_per_instance * REG_TARGET):,.2f}",
    },
    hint="한 대가 맡는 부하 = 처리량 × 목표 사용률입니다. 정점을 그 값으로 나누고 올림하세요.",
    unit="대", abs_tol=0, rel_tol=0, answer_format=",.0f",
))

register(Exercise(
    id="ec2-what-if-utilisation",
    # 70% (the chapter's plan) is left out of the range: the change would be 0.
    params={"target_pct": Param(50, low=40, high=65, step=5, unit="%")},
    # Hand check at 50%: 50 × 0.5 = 25; 15,079.3 / 25 = 603.17 → 604; 604 − 431 = 173 more.
    expected=lambda target_pct: (_reg_fleet(REG_RPS_PER_INSTANCE, target_pct / 100)
                                 - _reg_fleet(REG_RPS_PER_INSTANCE, REG_TARGET)),
    figures=lambda target_pct: {
        "target": f"{target_pct / 100:g}",
        "planned": f"{REG_RPS_PER_INSTANCE * target_pct / 100:g}",
        "exact": f"{registration.peak_rps() / (REG_RPS_PER_INSTANCE * target_pct / 100):,.2f}",
        "fleet": f"{_reg_fleet(REG_RPS_PER_INSTANCE, target_pct / 100):,d}",
    },
    hint="새 목표 사용률로 대수를 다시 구해(정점 ÷ (한 대 처리량 × 목표 사용률), 올림) 이 장의 계획 대수와의 차이를 "
         "구하세요.",
    unit="대", abs_tol=0, rel_tol=0, answer_format=",.0f",
))

#: The load test of ``ec2-short-runs``: it runs every hour for 30 days.
LOAD_TEST_STARTS = 24 * 30


register(Exercise(
    id="ec2-short-runs",
    # Every run_s in the range is shorter than the 60 s minimum, so every variant bills the minimum (the solution
    # quotes it as a prose value).
    params={"instances": Param(200, low=100, high=400, step=20, unit="대", fmt=",.0f"),
            "run_s": Param(20, low=10, high=50, step=5, unit="초")},
    # Hand check (200 instances, 20 s): each start bills the 60 s minimum; 200 × 720 starts × 60 s = 2,400 h,
    # × $0.0816 = $195.84.
    expected=lambda instances, run_s: cost.ec2_run_cost("m7g.large", run_s, starts=LOAD_TEST_STARTS,
                                                        count=instances),
    figures=lambda instances, run_s: {
        "starts": f"{instances * LOAD_TEST_STARTS:,.0f}",
        "billed_hours": f"{instances * LOAD_TEST_STARTS * cost.ec2_billed_seconds(run_s) / 3600:,.0f}",
    },
    hint="인스턴스를 한 번 켤 때마다 최소 청구 시간이 적용됩니다. 켠 횟수 × 청구되는 초 ÷ 3,600 × 시간당 요금을 "
         "계산하세요.",
    unit=" USD", rel_tol=0.01, answer_format=",.2f",
))
