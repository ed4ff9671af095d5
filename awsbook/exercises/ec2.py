"""Auto-checked exercises of the EC2 chapter (chapters/02_ec2.ipynb)."""

from __future__ import annotations

import datetime as dt

from awsbook import cost, os_support
from awsbook.exercises import Exercise, register

register(Exercise(
    id="ec2-office-hours",
    expected=lambda: cost.ec2_monthly_cost("t4g.small", count=3, hours=22 * 10),
    hint="켜 둔 시간은 22일 × 10시간 = 220시간입니다. 시간당 요금 × 220 × 3대를 계산합니다.",
    unit=" USD", abs_tol=0.01,
))

register(Exercise(
    id="ec2-fleet-discount",
    expected=lambda: (cost.ec2_monthly_cost("m5.large", count=2, discount_pct=30)
                      + cost.ec2_monthly_cost("t3.micro", count=4, discount_pct=30)),
    hint="유형마다 '시간당 요금 × 730 × 대수'를 구해 더한 뒤, 할인율 30%를 빼서 0.7을 곱합니다.",
    unit=" USD", abs_tol=0.05,
))

register(Exercise(
    id="ec2-seoul-extra",
    expected=lambda: (cost.ec2_monthly_cost("m5.large", count=3, region="ap-northeast-2")
                      - cost.ec2_monthly_cost("m5.large", count=3)),
    hint="두 리전의 시간당 요금 차이에 730시간과 3대를 곱합니다.",
    unit=" USD", abs_tol=0.05,
))


register(Exercise(
    id="ec2-amazon-linux",
    # Hand check (launch 2026-09-01), dates from data/amazon_linux_support.csv: AL2's support ended 2026-06-30,
    # before the launch; AL2023's runs to 2029-06-30, so "AL2023".
    expected=lambda: os_support.supported_release(dt.date(2026, 9, 1)),
    hint="서버를 만드는 날(2026년 9월 1일)과 두 배포판의 지원 종료일을 견주어 보세요. AL2의 종료일은 여러 번 "
         "미뤄진 끝에 정해졌습니다. 답은 \"AL2\" 또는 \"AL2023\"으로 씁니다.",
))
