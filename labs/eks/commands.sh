#!/usr/bin/env bash
# EKS 실습: 클러스터와 EC2 관리형 노드 그룹을 만들고, 확인하고, 지웁니다.
# 실제 계정에서도, 로컬 에뮬레이터(bash scripts/emulator.sh)에서도 같은 명령입니다.
# 앱 배포(kubectl.sh)는 실제 계정에서만 합니다. 에뮬레이터에는 쿠버네티스 API 서버가 없습니다.
# 먼저 ../app의 이미지가 ECR에 있어야 합니다(app/commands.sh [repository], app/push.sh).
set -euo pipefail
cd "$(dirname "$0")"

# [roles] 클러스터 역할과 노드 역할을 만들고 AWS 관리형 정책을 붙입니다
CLUSTER_ROLE_ARN=$(aws iam create-role \
  --role-name sugang-eks-cluster \
  --assume-role-policy-document file://cluster-trust-policy.json \
  --query Role.Arn --output text)
aws iam attach-role-policy --role-name sugang-eks-cluster \
  --policy-arn arn:aws:iam::aws:policy/AmazonEKSClusterPolicy
NODE_ROLE_ARN=$(aws iam create-role \
  --role-name sugang-eks-node \
  --assume-role-policy-document file://node-trust-policy.json \
  --query Role.Arn --output text)
for policy in AmazonEKSWorkerNodePolicy AmazonEC2ContainerRegistryReadOnly AmazonEKS_CNI_Policy; do
  aws iam attach-role-policy --role-name sugang-eks-node \
    --policy-arn "arn:aws:iam::aws:policy/$policy"
done

# [network] 기본 VPC의 서브넷을 고릅니다 (EKS는 가용 영역 두 곳 이상의 서브넷이 필요합니다)
VPC_ID=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true \
  --query 'Vpcs[0].VpcId' --output text)
SUBNETS=$(aws ec2 describe-subnets \
  --filters Name=vpc-id,Values="$VPC_ID" Name=default-for-az,Values=true \
  --query 'Subnets[].SubnetId' --output text | tr '\t' ',')

# [cluster] 클러스터(컨트롤 플레인)를 만들고 ACTIVE가 될 때까지 기다립니다 (실제로는 10분쯤)
aws eks create-cluster \
  --name sugang \
  --role-arn "$CLUSTER_ROLE_ARN" \
  --resources-vpc-config "subnetIds=$SUBNETS,endpointPublicAccess=true" \
  --access-config authenticationMode=API_AND_CONFIG_MAP \
  --query 'cluster.[name,status]' --output text
aws eks wait cluster-active --name sugang

# [nodegroup] t3.small 노드 한 대짜리 관리형 노드 그룹을 만들고 기다립니다
aws eks create-nodegroup \
  --cluster-name sugang \
  --nodegroup-name sugang-nodes \
  --node-role "$NODE_ROLE_ARN" \
  --subnets $(echo "$SUBNETS" | tr ',' ' ') \
  --instance-types t3.small \
  --ami-type AL2023_x86_64_STANDARD \
  --capacity-type ON_DEMAND \
  --scaling-config minSize=1,maxSize=1,desiredSize=1 \
  --query 'nodegroup.[nodegroupName,status]' --output text
aws eks wait nodegroup-active --cluster-name sugang --nodegroup-name sugang-nodes

# [describe] 클러스터와 노드 그룹을 확인합니다
aws eks describe-cluster --name sugang \
  --query 'cluster.[name,status,version,endpoint]' --output text
aws eks describe-nodegroup --cluster-name sugang --nodegroup-name sugang-nodes \
  --query 'nodegroup.[status,instanceTypes[0],scalingConfig.desiredSize]' --output text

# [cleanup] 노드 그룹, 클러스터, 역할을 차례로 지웁니다 (kubectl.sh의 정리 단계를 먼저 하세요)
aws eks delete-nodegroup --cluster-name sugang --nodegroup-name sugang-nodes \
  --query 'nodegroup.status' --output text
aws eks wait nodegroup-deleted --cluster-name sugang --nodegroup-name sugang-nodes
aws eks delete-cluster --name sugang --query 'cluster.status' --output text
aws eks wait cluster-deleted --name sugang
for policy in AmazonEKSWorkerNodePolicy AmazonEC2ContainerRegistryReadOnly AmazonEKS_CNI_Policy; do
  aws iam detach-role-policy --role-name sugang-eks-node \
    --policy-arn "arn:aws:iam::aws:policy/$policy"
done
aws iam delete-role --role-name sugang-eks-node
aws iam detach-role-policy --role-name sugang-eks-cluster \
  --policy-arn arn:aws:iam::aws:policy/AmazonEKSClusterPolicy
aws iam delete-role --role-name sugang-eks-cluster
