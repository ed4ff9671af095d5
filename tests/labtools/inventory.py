"""List every resource of the kinds the labs create, in the account the environment points at.

Run with the labs' Python (it imports ``boto3``), with the same ``AWS_*`` variables as the labs::

    .venv-labs/bin/python tests/labtools/inventory.py

Prints ``{kind: [names]}`` as JSON.  Default resources an account starts with (the default VPC's
security groups) and finished ones (terminated instances, inactive clusters and task definitions)
are left out, so an account the labs cleaned up after lists nothing.
"""

from __future__ import annotations

import json
import sys

import boto3


def inventory() -> dict[str, list[str]]:
    ec2, iam, ecs, eks = (boto3.client(s) for s in ("ec2", "iam", "ecs", "eks"))
    found: dict[str, list[str]] = {}
    found["ec2 instances"] = [
        i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]
        if i["State"]["Name"] not in ("terminated", "shutting-down")]
    found["ec2 security groups"] = [
        g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"]
    found["iam roles"] = [r["RoleName"] for r in iam.list_roles()["Roles"]
                          if not r["Path"].startswith("/aws-service-role/")]
    found["iam instance profiles"] = [p["InstanceProfileName"] for p in iam.list_instance_profiles()["InstanceProfiles"]]
    found["lambda functions"] = [f["FunctionName"] for f in boto3.client("lambda").list_functions()["Functions"]]
    found["logs log groups"] = [g["logGroupName"] for g in boto3.client("logs").describe_log_groups()["logGroups"]]
    arns = ecs.list_clusters()["clusterArns"]
    clusters = ecs.describe_clusters(clusters=arns)["clusters"] if arns else []
    found["ecs clusters"] = [c["clusterName"] for c in clusters if c["status"] == "ACTIVE"]
    found["ecs services"] = [s for c in found["ecs clusters"] for s in ecs.list_services(cluster=c)["serviceArns"]]
    found["ecs task definitions"] = ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]
    found["ecr repositories"] = [r["repositoryName"] for r in boto3.client("ecr").describe_repositories()["repositories"]]
    found["eks clusters"] = eks.list_clusters()["clusters"]
    found["eks node groups"] = [n for c in found["eks clusters"] for n in eks.list_nodegroups(clusterName=c)["nodegroups"]]
    account = boto3.client("sts").get_caller_identity()["Account"]
    found["budgets"] = [b["BudgetName"] for b in boto3.client("budgets").describe_budgets(AccountId=account).get("Budgets", [])]
    return found


if __name__ == "__main__":
    json.dump(inventory(), sys.stdout, indent=1)
    sys.exit(0)
