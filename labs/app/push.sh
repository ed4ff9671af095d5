#!/usr/bin/env bash
# 실제 계정에서만: commands.sh의 [repository] 단계 뒤에 이미지를 빌드해 ECR에 올립니다(Docker 필요).
set -euo pipefail
cd "$(dirname "$0")"

# [push] 로그인하고, 빌드하고, 올립니다
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
REGION=${AWS_DEFAULT_REGION:-$(aws configure get region)}
REGISTRY="$ACCOUNT_ID.dkr.ecr.$REGION.amazonaws.com"
aws ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY"
docker build --platform linux/amd64 -t "$REGISTRY/sugang-app:1.0" .
docker push "$REGISTRY/sugang-app:1.0"
