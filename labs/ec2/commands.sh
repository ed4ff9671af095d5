#!/usr/bin/env bash
# EC2 실습: 수강신청 웹 앱을 t3.micro 인스턴스 한 대에 띄우고, 확인하고, 지웁니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# [ami] 최신 Amazon Linux 2023 AMI의 ID를 공개 SSM 파라미터에서 읽습니다
AMI_ID=$(aws ssm get-parameter \
  --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 \
  --query Parameter.Value --output text)
echo "AMI: $AMI_ID"

# [security-group] 8000번 포트만 여는 보안 그룹을 만듭니다
SG_ID=$(aws ec2 create-security-group \
  --group-name sugang-web \
  --description "sugang lab: app port 8000" \
  --query GroupId --output text)
aws ec2 authorize-security-group-ingress \
  --group-id "$SG_ID" \
  --protocol tcp --port 8000 \
  --cidr "${MY_CIDR:-0.0.0.0/0}"

# [user-data] 앱 파일을 담은 시작 스크립트를 만듭니다
APP_ARCHIVE=$(tar -czf - -C ../app app.py registration.py | base64 | tr -d '\n')
sed "s|APP_ARCHIVE_BASE64|$APP_ARCHIVE|" user-data.sh > "$WORK/user-data.sh"

# [launch] 인스턴스를 한 대 시작하고 실행 중이 될 때까지 기다립니다
INSTANCE_ID=$(aws ec2 run-instances \
  --image-id "$AMI_ID" \
  --instance-type t3.micro \
  --count 1 \
  --security-group-ids "$SG_ID" \
  --user-data "file://$WORK/user-data.sh" \
  --metadata-options HttpTokens=required \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=sugang-web}]' \
  --query 'Instances[0].InstanceId' --output text)
aws ec2 wait instance-running --instance-ids "$INSTANCE_ID"

# [describe] 상태와 퍼블릭 IP 주소를 확인합니다
aws ec2 describe-instances \
  --instance-ids "$INSTANCE_ID" \
  --query 'Reservations[0].Instances[0].[InstanceId,InstanceType,State.Name,PublicIpAddress]' \
  --output text

# [cleanup] 인스턴스를 종료하고, 종료가 끝나면 보안 그룹을 지웁니다
aws ec2 terminate-instances --instance-ids "$INSTANCE_ID" \
  --query 'TerminatingInstances[0].CurrentState.Name' --output text
aws ec2 wait instance-terminated --instance-ids "$INSTANCE_ID"
aws ec2 delete-security-group --group-id "$SG_ID"
