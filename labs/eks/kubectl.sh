#!/usr/bin/env bash
# 실제 계정에서만: commands.sh의 [nodegroup] 단계 뒤에 앱을 배포하고 확인합니다(kubectl 필요).
set -euo pipefail
cd "$(dirname "$0")"
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
REGION=${AWS_DEFAULT_REGION:-$(aws configure get region)}

# [kubeconfig] kubectl이 이 클러스터에 접속하도록 설정합니다
aws eks update-kubeconfig --name sugang --alias sugang

# [deploy] 디플로이먼트와 서비스를 적용하고 파드가 준비될 때까지 기다립니다
sed -e "s/<ACCOUNT_ID>/$ACCOUNT_ID/g" -e "s/<REGION>/$REGION/g" deployment.yaml | kubectl apply -f -
kubectl apply -f service.yaml
kubectl rollout status deployment/sugang-web --timeout=180s
kubectl get pods -l app=sugang-web -o wide

# [check] 내 컴퓨터의 8000번 포트를 서비스로 이어 앱에 요청을 보냅니다 (Ctrl+C로 끝냅니다)
kubectl port-forward service/sugang-web 8000:80

# [cleanup] 서비스와 디플로이먼트를 지웁니다
kubectl delete -f service.yaml -f deployment.yaml
