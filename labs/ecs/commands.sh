#!/usr/bin/env bash
# ECS 실습: EC2 인스턴스 한 대를 컨테이너 인스턴스로 삼아 수강신청 웹 앱을 ECS 서비스로 띄우고, 확인하고, 지웁니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
# 먼저 ../app의 이미지가 ECR에 있어야 합니다(app/commands.sh [repository], app/push.sh).
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
REGION=${AWS_DEFAULT_REGION:-$(aws configure get region)}

# [cluster] 클러스터를 만듭니다
aws ecs create-cluster --cluster-name sugang --query cluster.clusterArn --output text

# [instance-role] 컨테이너 인스턴스가 ECS에 등록하고 ECR에서 이미지를 받을 역할과 인스턴스 프로파일을 만듭니다
aws iam create-role \
  --role-name sugang-ecs-instance \
  --assume-role-policy-document file://trust-policy.json \
  --query Role.Arn --output text
aws iam attach-role-policy \
  --role-name sugang-ecs-instance \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name sugang-ecs-instance \
  --query InstanceProfile.Arn --output text
aws iam add-role-to-instance-profile \
  --instance-profile-name sugang-ecs-instance --role-name sugang-ecs-instance
aws iam wait instance-profile-exists --instance-profile-name sugang-ecs-instance

# [security-group] 80번 포트만 여는 보안 그룹을 만듭니다
SG_ID=$(aws ec2 create-security-group \
  --group-name sugang-ecs \
  --description "sugang lab: host port 80" \
  --query GroupId --output text)
aws ec2 authorize-security-group-ingress \
  --group-id "$SG_ID" \
  --protocol tcp --port 80 \
  --cidr "${MY_CIDR:-0.0.0.0/0}" \
  --query 'Return' --output text

# [container-instance] ECS 최적화 Amazon Linux 2023 AMI로 인스턴스를 시작합니다
AMI_ID=$(aws ssm get-parameter \
  --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id \
  --query Parameter.Value --output text)
INSTANCE_ID=$(aws ec2 run-instances \
  --image-id "$AMI_ID" \
  --instance-type t3.micro \
  --count 1 \
  --iam-instance-profile Name=sugang-ecs-instance \
  --security-group-ids "$SG_ID" \
  --user-data file://user-data.sh \
  --metadata-options HttpTokens=required \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=sugang-ecs}]' \
  --query 'Instances[0].InstanceId' --output text)
aws ec2 wait instance-running --instance-ids "$INSTANCE_ID"

# [task-definition] 태스크 정의를 등록합니다 (자리 표시자에 계정과 리전을 넣어서)
sed -e "s/<ACCOUNT_ID>/$ACCOUNT_ID/g" -e "s/<REGION>/$REGION/g" \
  task-definition.json > "$WORK/task-definition.json"
TASK_DEFINITION=$(aws ecs register-task-definition \
  --cli-input-json "file://$WORK/task-definition.json" \
  --query taskDefinition.taskDefinitionArn --output text)
echo "$TASK_DEFINITION"

# [service] 태스크 하나를 늘 켜 두는 ECS 서비스를 만듭니다
aws ecs create-service \
  --cluster sugang \
  --service-name sugang-web \
  --task-definition "$TASK_DEFINITION" \
  --desired-count 1 \
  --launch-type EC2 \
  --query 'service.[serviceName,status,desiredCount]' --output text

# [describe] 컨테이너 인스턴스와 서비스를 확인합니다
aws ecs list-container-instances --cluster sugang --query containerInstanceArns --output text
aws ecs describe-services --cluster sugang --services sugang-web \
  --query 'services[0].[status,desiredCount,runningCount,launchType]' --output text

# [cleanup] 서비스, 태스크 정의, 인스턴스, 보안 그룹, 역할, 클러스터를 차례로 지웁니다
aws ecs update-service --cluster sugang --service sugang-web --desired-count 0 \
  --query 'service.desiredCount' --output text
aws ecs delete-service --cluster sugang --service sugang-web --force \
  --query 'service.status' --output text
aws ecs wait services-inactive --cluster sugang --services sugang-web
aws ecs deregister-task-definition --task-definition "$TASK_DEFINITION" \
  --query 'taskDefinition.status' --output text
# 에이전트가 등록해 둔 컨테이너 인스턴스를 클러스터에서 뺍니다(에뮬레이터에는 에이전트가 없어 건너뜁니다)
CONTAINER_INSTANCE=$(aws ecs list-container-instances --cluster sugang \
  --query 'containerInstanceArns[0]' --output text)
if [ "$CONTAINER_INSTANCE" != "None" ]; then
  aws ecs deregister-container-instance --cluster sugang \
    --container-instance "$CONTAINER_INSTANCE" --force \
    --query 'containerInstance.status' --output text
fi
aws ec2 terminate-instances --instance-ids "$INSTANCE_ID" \
  --query 'TerminatingInstances[0].CurrentState.Name' --output text
aws ec2 wait instance-terminated --instance-ids "$INSTANCE_ID"
aws ec2 delete-security-group --group-id "$SG_ID"
aws iam remove-role-from-instance-profile \
  --instance-profile-name sugang-ecs-instance --role-name sugang-ecs-instance
aws iam delete-instance-profile --instance-profile-name sugang-ecs-instance
aws iam detach-role-policy \
  --role-name sugang-ecs-instance \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam delete-role --role-name sugang-ecs-instance
aws ecs delete-cluster --cluster sugang --query 'cluster.status' --output text
