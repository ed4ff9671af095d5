#!/usr/bin/env bash
# Lambda 실습: 수강신청 요청을 검사하는 함수를 만들고, 확인하고, 지웁니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
# 함수 호출(invoke.sh)은 실제 계정에서만 합니다. 에뮬레이터는 호출에 Docker가 필요합니다.
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# [role] 함수가 쓸 실행 역할을 만들고 로그 쓰기 권한을 붙입니다
ROLE_ARN=$(aws iam create-role \
  --role-name sugang-lambda-role \
  --assume-role-policy-document file://trust-policy.json \
  --query Role.Arn --output text)
aws iam attach-role-policy \
  --role-name sugang-lambda-role \
  --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole

# [package] 핸들러와 수강신청 규칙 파일을 zip 하나로 묶습니다
python3 -m zipfile -c "$WORK/function.zip" handler.py ../app/registration.py

# [create] 함수를 만들고 쓸 수 있는 상태가 될 때까지 기다립니다
aws lambda create-function \
  --function-name sugang-register \
  --runtime python3.13 \
  --architectures x86_64 \
  --handler handler.lambda_handler \
  --role "$ROLE_ARN" \
  --zip-file "fileb://$WORK/function.zip" \
  --memory-size 128 \
  --timeout 10 \
  --query '[FunctionName,State]' --output text
aws lambda wait function-active-v2 --function-name sugang-register

# [describe] 설정을 확인합니다
aws lambda get-function-configuration \
  --function-name sugang-register \
  --query '[Runtime,Handler,MemorySize,Timeout,State]' --output text

# [cleanup] 함수, 로그 그룹, 역할을 지웁니다
aws lambda delete-function --function-name sugang-register
aws logs delete-log-group --log-group-name /aws/lambda/sugang-register 2>/dev/null || true
aws iam detach-role-policy \
  --role-name sugang-lambda-role \
  --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
aws iam delete-role --role-name sugang-lambda-role
