"""What each hands-on lab runs, read from its own files in ``labs/``, and what leaving it on costs.

The sizes are read from the artifacts the student runs (``--instance-type`` in a lab's
``commands.sh``, ``cpu``/``memory`` of the Fargate task definition, ``--memory-size`` of the Lambda
function), so a cost line cannot disagree with the commands it describes.  Rates come from
``data/`` through :mod:`awsbook.cost`.  All costs are USD; every lab runs in :data:`LAB_REGION`.
"""

from __future__ import annotations

import json
import re
import shlex
from functools import lru_cache
from pathlib import Path

from awsbook import cost

LABS = Path(__file__).resolve().parent.parent / "labs"
#: The region the labs' cost lines are computed for (the student sets AWS_DEFAULT_REGION to it).
LAB_REGION = "us-east-1"
#: An assumed run time of one registration request on Lambda, only for the "per million calls" line.
LAMBDA_ASSUMED_DURATION_MS = 100
#: Megabytes in one gigabyte, as ECS counts task memory (MiB) and Fargate prices it (GB).
MIB_PER_GB = 1024
#: ECS CPU units in one vCPU.
CPU_UNITS_PER_VCPU = 1024


@lru_cache(maxsize=None)
def _options(lab: str) -> dict[str, list[str]]:
    """Every ``--option value`` of the ``aws`` commands in ``labs/<lab>/commands.sh``, in order."""
    text = (LABS / lab / "commands.sh").read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        words = shlex.split(line, comments=True)
        for word, value in zip(words, words[1:]):
            if word.startswith("--") and not value.startswith("--"):
                found.setdefault(word, []).append(value)
    return found


def _option(lab: str, name: str) -> str:
    values = _options(lab).get(name)
    if not values:
        raise LookupError(f"labs/{lab}/commands.sh has no {name}")
    return values[0]


def ec2_instance_type(lab: str = "ec2") -> str:
    """The instance type a lab launches (``--instance-type``, or ``--instance-types`` of an EKS node group)."""
    return _option(lab, "--instance-types" if lab == "eks" else "--instance-type")


def eks_node_count() -> int:
    """Nodes of the EKS lab's node group (``desiredSize`` of ``--scaling-config``)."""
    return int(re.search(r"desiredSize=(\d+)", _option("eks", "--scaling-config"))[1])


def fargate_task_size() -> tuple[float, float]:
    """``(vCPU, memory GB)`` of the Fargate lab's task definition (task-level ``cpu`` and ``memory``)."""
    task = json.loads((LABS / "fargate" / "task-definition.json").read_text(encoding="utf-8"))
    return int(task["cpu"]) / CPU_UNITS_PER_VCPU, int(task["memory"]) / MIB_PER_GB


def fargate_task_count() -> int:
    """Tasks the Fargate lab's ECS service keeps running (``--desired-count`` of ``create-service``)."""
    return int(_option("fargate", "--desired-count"))


def lambda_memory_mb() -> int:
    """Memory of the Lambda lab's function (``--memory-size``, MB)."""
    return int(_option("lambda", "--memory-size"))


def hourly_cost(lab: str) -> float:
    """What one hour of leaving ``lab``'s resources running costs (USD per hour).

    * ``ec2``, ``ecs``: one on-demand instance + its public IPv4 address;
    * ``eks``: the cluster fee + each node and its public IPv4 address;
    * ``fargate``: each task's vCPU and memory + its public IPv4 address;
    * ``lambda``: 0 — an idle function costs nothing (see :func:`lambda_cost_per_million`).

    Storage (the instances' EBS volumes, ECR images, CloudWatch logs) is not included.
    """
    hour = {"hours": 1, "region": LAB_REGION}
    if lab in ("ec2", "ecs"):
        return cost.ec2_monthly_cost(ec2_instance_type(lab), public_ipv4=True, **hour)
    if lab == "eks":
        return (cost.eks_monthly_fee(hours=1)
                + cost.ec2_monthly_cost(ec2_instance_type("eks"), count=eks_node_count(), public_ipv4=True, **hour))
    if lab == "fargate":
        tasks = fargate_task_count()
        return (cost.fargate_monthly_cost(*fargate_task_size(), tasks=tasks, **hour)
                + tasks * cost.public_ipv4_hourly_price(LAB_REGION))
    if lab == "lambda":
        return 0.0
    raise LookupError(f"no lab named {lab!r}")


def monthly_cost(lab: str) -> float:
    """:func:`hourly_cost` over a month of ``cost.HOURS_PER_MONTH`` hours (USD per month)."""
    return hourly_cost(lab) * cost.HOURS_PER_MONTH


def lambda_cost_per_million() -> float:
    """One million calls of the Lambda lab's function at :data:`LAMBDA_ASSUMED_DURATION_MS` (USD, no free tier)."""
    return float(cost.lambda_monthly_cost(1_000_000, LAMBDA_ASSUMED_DURATION_MS, lambda_memory_mb(),
                                          region=LAB_REGION))
