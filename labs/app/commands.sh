#!/usr/bin/env bash
# 컨테이너 이미지 저장소(ECR): ECS·EKS·Fargate 실습이 함께 쓰는 수강신청 앱 이미지를 둘 곳입니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
# 이미지를 빌드하고 올리는 일(push.sh)은 Docker가 있는 컴퓨터에서 실제 계정으로만 합니다.
set -euo pipefail
cd "$(dirname "$0")"

# [repository] 이미지 저장소를 만듭니다
aws ecr create-repository \
  --repository-name sugang-app \
  --image-scanning-configuration scanOnPush=true \
  --query repository.repositoryUri --output text

# [describe] 저장소와 올라간 이미지를 확인합니다
aws ecr describe-repositories --repository-names sugang-app \
  --query 'repositories[0].[repositoryName,repositoryUri]' --output text
aws ecr list-images --repository-name sugang-app --query 'imageIds[].imageTag' --output text

# [cleanup] 컨테이너 실습을 모두 마친 뒤, 저장소를 안의 이미지와 함께 지웁니다
aws ecr delete-repository --repository-name sugang-app --force \
  --query repository.repositoryName --output text
