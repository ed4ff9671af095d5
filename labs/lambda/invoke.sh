#!/usr/bin/env bash
# 실제 계정에서만: commands.sh의 [create] 단계 뒤에 함수를 표본 이벤트로 호출합니다.
set -euo pipefail
cd "$(dirname "$0")"

# [invoke] 표본 이벤트 하나로 함수를 호출하고 응답을 봅니다
aws lambda invoke \
  --function-name sugang-register \
  --payload fileb://events/register_ok.json \
  --cli-read-timeout 30 \
  response.json
cat response.json
