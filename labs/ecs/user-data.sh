#!/bin/bash
# ECS 최적화 AMI의 ECS 에이전트에게 어느 클러스터에 들어갈지 알려 줍니다.
echo "ECS_CLUSTER=sugang" >> /etc/ecs/ecs.config
