#!/usr/bin/env bash
# 계정 안전: 한 달 비용이 예산의 80%를 넘으면 메일을 보내는 AWS Budgets 비용 예산을 만들고, 확인하고, 지웁니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
# 예산 금액은 달러로 정합니다: BUDGET_USD에 원화 예산을 달러로 바꾼 값을 넣으세요(account_safety.md 참고).
set -euo pipefail
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
BUDGET_USD=${BUDGET_USD:?원화 예산을 달러로 바꾼 값을 BUDGET_USD에 넣으세요}
ALERT_EMAIL=${ALERT_EMAIL:?알림을 받을 메일 주소를 ALERT_EMAIL에 넣으세요}

# [budget] 월 비용 예산과, 실제 비용이 80%를 넘으면 메일을 보내는 알림을 함께 만듭니다
aws budgets create-budget \
  --account-id "$ACCOUNT_ID" \
  --budget "BudgetName=sugang-lab-monthly,BudgetLimit={Amount=$BUDGET_USD,Unit=USD},TimeUnit=MONTHLY,BudgetType=COST" \
  --notifications-with-subscribers "Notification={NotificationType=ACTUAL,ComparisonOperator=GREATER_THAN,Threshold=80,ThresholdType=PERCENTAGE},Subscribers=[{SubscriptionType=EMAIL,Address=$ALERT_EMAIL}]"

# [describe] 예산과 알림을 확인합니다
aws budgets describe-budget --account-id "$ACCOUNT_ID" --budget-name sugang-lab-monthly \
  --query 'Budget.[BudgetName,BudgetLimit.Amount,BudgetLimit.Unit,TimeUnit]' --output text
aws budgets describe-notifications-for-budget --account-id "$ACCOUNT_ID" \
  --budget-name sugang-lab-monthly \
  --query 'Notifications[].[NotificationType,Threshold,ThresholdType]' --output text

# [cleanup] 실습 과목이 끝나 계정을 닫을 때만 예산을 지웁니다
aws budgets delete-budget --account-id "$ACCOUNT_ID" --budget-name sugang-lab-monthly
