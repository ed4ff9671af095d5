"""Auto-checked exercises of the EC2 chapter (chapters/02_ec2.ipynb)."""

from __future__ import annotations

from awsbook import cost
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
