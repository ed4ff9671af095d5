#!/usr/bin/env bash
# Fargate 실습: 수강신청 웹 앱 컨테이너를 서버 없이(Fargate) ECS 서비스로 띄우고, 확인하고, 지웁니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
# 먼저 ../app의 이미지가 ECR에 있어야 합니다(app/commands.sh [repository], app/push.sh).
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
REGION=${AWS_DEFAULT_REGION:-$(aws configure get region)}

# [execution-role] ECS가 이미지를 받고 로그를 쓸 때 쓰는 태스크 실행 역할을 만듭니다
aws iam create-role \
  --role-name sugang-ecs-task-execution \
  --assume-role-policy-document file://trust-policy.json \
  --query Role.Arn --output text
aws iam attach-role-policy \
  --role-name sugang-ecs-task-execution \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy

# [log-group] 컨테이너 출력이 쌓일 로그 그룹을 만듭니다
aws logs create-log-group --log-group-name /ecs/sugang-web
aws logs put-retention-policy --log-group-name /ecs/sugang-web --retention-in-days 1

# [cluster] 클러스터를 만듭니다
aws ecs create-cluster --cluster-name sugang-fargate \
  --query cluster.clusterArn --output text

# [task-definition] 태스크 정의를 등록합니다 (자리 표시자에 계정과 리전을 넣어서)
sed -e "s/<ACCOUNT_ID>/$ACCOUNT_ID/g" -e "s/<REGION>/$REGION/g" \
  task-definition.json > "$WORK/task-definition.json"
TASK_DEFINITION=$(aws ecs register-task-definition \
  --cli-input-json "file://$WORK/task-definition.json" \
  --query taskDefinition.taskDefinitionArn --output text)
echo "$TASK_DEFINITION"

# [network] 기본 VPC의 서브넷과, 8000번 포트만 여는 보안 그룹을 준비합니다
VPC_ID=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true \
  --query 'Vpcs[0].VpcId' --output text)
SUBNETS=$(aws ec2 describe-subnets \
  --filters Name=vpc-id,Values="$VPC_ID" Name=default-for-az,Values=true \
  --query 'Subnets[].SubnetId' --output text | tr '\t' ',')
SG_ID=$(aws ec2 create-security-group \
  --group-name sugang-fargate \
  --description "sugang lab: app port 8000" \
  --vpc-id "$VPC_ID" \
  --query GroupId --output text)
aws ec2 authorize-security-group-ingress \
  --group-id "$SG_ID" \
  --protocol tcp --port 8000 \
  --cidr "${MY_CIDR:-0.0.0.0/0}" \
  --query 'Return' --output text

# [service] 태스크 하나를 늘 켜 두는 ECS 서비스를 Fargate로 만듭니다
aws ecs create-service \
  --cluster sugang-fargate \
  --service-name sugang-web \
  --task-definition "$TASK_DEFINITION" \
  --desired-count 1 \
  --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SG_ID],assignPublicIp=ENABLED}" \
  --query 'service.[serviceName,status,desiredCount]' --output text

# [describe] 서비스와 실행 중인 태스크를 확인합니다
aws ecs describe-services --cluster sugang-fargate --services sugang-web \
  --query 'services[0].[status,desiredCount,runningCount,launchType]' --output text
aws ecs list-tasks --cluster sugang-fargate --service-name sugang-web \
  --query 'taskArns' --output text

# [cleanup] 서비스를 0개로 줄여 지우고, 태스크 정의·클러스터·보안 그룹·로그 그룹·역할을 지웁니다
aws ecs update-service --cluster sugang-fargate --service sugang-web --desired-count 0 \
  --query 'service.desiredCount' --output text
aws ecs delete-service --cluster sugang-fargate --service sugang-web --force \
  --query 'service.status' --output text
aws ecs wait services-inactive --cluster sugang-fargate --services sugang-web
aws ecs deregister-task-definition --task-definition "$TASK_DEFINITION" \
  --query 'taskDefinition.status' --output text
aws ecs delete-cluster --cluster sugang-fargate --query 'cluster.status' --output text
aws ec2 delete-security-group --group-id "$SG_ID"
aws logs delete-log-group --log-group-name /ecs/sugang-web
aws iam detach-role-policy \
  --role-name sugang-ecs-task-execution \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam delete-role --role-name sugang-ecs-task-execution
