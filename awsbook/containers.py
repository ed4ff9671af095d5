"""Container models: Fargate cost parts and billing, ECS-on-EC2 packing, and one
service run three ways (ECS on EC2, ECS on Fargate, EKS).

Units: money in USD per month unless a name says otherwise; time in hours
(``hours_per_day``, hours a month) or seconds (``*_seconds``); vCPU counts;
memory in GB for tasks and GiB for instances.  The book treats a Fargate "GB"
and an EC2 "GiB" as the same unit when it packs tasks onto instances (a
simplification; ECS task definitions count memory in MiB).

Every price comes from ``data/`` through :mod:`awsbook.datasets` and the cost
engine in :mod:`awsbook.cost`; an always-on service runs
``cost.HOURS_PER_MONTH`` (730) hours a month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from awsbook import cost, crossover, datasets, validate
from awsbook.cost import HOURS_PER_MONTH

HOURS_PER_DAY = 24
SECONDS_PER_HOUR = cost.SECONDS_PER_HOUR
#: Node options of the EKS way in :func:`service_costs` (Fargate or EC2 instances).
EKS_NODES = ("fargate", "ec2")
#: Fargate Spot runs Linux tasks of these architectures only (Amazon ECS Developer Guide,
#: "Fargate capacity providers": https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-capacity-providers.html).
FARGATE_SPOT_ARCHES = ("x86_64",)
#: Fargate runs Arm tasks for ECS only; EKS pods on Fargate are x86_64 (AWS Fargate pricing page).
EKS_FARGATE_ARCHES = ("x86_64",)
#: Guards ``floor`` against binary rounding (e.g. 2 / 0.25 must give exactly 8 tasks).
_EPS = 1e-9


# --------------------------------------------------------------------------- Fargate

#: Operating systems a Fargate task can run (Windows: Amazon ECS, x86_64 only; AWS Fargate pricing page).
FARGATE_OS = ("linux", "windows")
#: Fargate runs Windows tasks on x86_64 only (AWS Fargate pricing page).
FARGATE_WINDOWS_ARCHES = ("x86_64",)


def monthly_hours(hours_per_day: float, *, hours_per_month: float = HOURS_PER_MONTH) -> float:
    """Hours a month for something that runs ``hours_per_day`` hours each day.

    hours a month = hours_per_day × hours_per_month / 24; ``hours_per_day`` must
    lie in [0, 24].  The month is ``hours_per_month`` long: 730 hours by default
    (the AWS Pricing Calculator's month), ``cost.HOURS_IN_30_DAYS`` (720) for the
    "× 30 days" of AWS's pricing-page examples.
    """
    per_day = validate.number("hours_per_day", hours_per_day, low=0, high=HOURS_PER_DAY)
    month = validate.number("hours_per_month", hours_per_month, low=0, high=cost.MAX_HOURS_PER_MONTH,
                            low_inclusive=False)
    return per_day * month / HOURS_PER_DAY


@dataclass(frozen=True)
class FargateCost:
    """A Fargate bill split into its billed parts (USD per month): vCPU, memory, ephemeral storage
    above the included 20 GB, and the Windows OS licence (0 for Linux)."""

    vcpu_usd: float
    memory_usd: float
    storage_usd: float = 0.0
    os_licence_usd: float = 0.0

    @property
    def total_usd(self) -> float:
        return self.vcpu_usd + self.memory_usd + self.storage_usd + self.os_licence_usd


@lru_cache(maxsize=None)
def _fargate_extra_rates() -> tuple[dict, dict]:
    """region -> ephemeral-storage row, region -> Windows row (``data/fargate_*_prices.csv``)."""
    storage = {r["region"]: r for r in datasets.load("fargate_ephemeral_prices").to_dict("records")}
    windows = {r["region"]: r for r in datasets.load("fargate_windows_prices").to_dict("records")}
    return storage, windows


def fargate_included_storage_gb(region: str = "us-east-1") -> float:
    """Ephemeral storage every Fargate task gets at no charge, GB (``data/fargate_ephemeral_prices.csv``: 20)."""
    storage, _ = _fargate_extra_rates()
    validate.choice("region", region, list(storage))
    return float(storage[region]["included_gb"])


def _fargate_parts(vcpu, memory_gb, *, tasks, hours, arch, region, discount_pct, ephemeral_gb, os,
                   usd_per_vcpu_hour, usd_per_gb_hour, usd_per_storage_gb_hour,
                   usd_per_os_licence_vcpu_hour) -> FargateCost:
    """The parts of ``tasks`` tasks running ``hours`` each (the checks and rates of :func:`fargate_cost_breakdown`)."""
    os = validate.choice("os", os, FARGATE_OS)
    storage_rows, windows_rows = _fargate_extra_rates()
    per_vcpu, per_gb = cost.fargate_rates(arch, region)
    licence = 0.0
    if os == "windows":
        if arch not in FARGATE_WINDOWS_ARCHES:
            raise validate.refuse("arch", arch, FARGATE_WINDOWS_ARCHES,
                                  reason="Fargate는 Windows 태스크를 x86_64에서만 실행하므로 os='windows'에서는")
        row = windows_rows[validate.choice("region", region, list(windows_rows))]
        per_vcpu = row["usd_per_vcpu_second"] * SECONDS_PER_HOUR
        per_gb = row["usd_per_gb_second"] * SECONDS_PER_HOUR
        licence = validate.rate("usd_per_os_licence_vcpu_hour", usd_per_os_licence_vcpu_hour,
                                row["usd_per_os_licence_vcpu_second"] * SECONDS_PER_HOUR)
    per_vcpu = validate.rate("usd_per_vcpu_hour", usd_per_vcpu_hour, per_vcpu)
    per_gb = validate.rate("usd_per_gb_hour", usd_per_gb_hour, per_gb)
    compute = cost.fargate_monthly_cost(vcpu, memory_gb, tasks=tasks, arch=arch, region=region, hours=hours,
                                        discount_pct=discount_pct, usd_per_vcpu_hour=per_vcpu, usd_per_gb_hour=per_gb)
    vcpu_share = vcpu * per_vcpu / (vcpu * per_vcpu + memory_gb * per_gb)
    storage_usd = 0.0
    if ephemeral_gb is not None:
        row = storage_rows[validate.choice("region", region, list(storage_rows))]
        configured = validate.number("ephemeral_gb", ephemeral_gb, low=row["included_gb"])
        rate = validate.rate("usd_per_storage_gb_hour", usd_per_storage_gb_hour,
                             row["usd_per_gb_second"] * SECONDS_PER_HOUR)
        storage_usd = tasks * hours * (configured - row["included_gb"]) * rate
    return FargateCost(vcpu_usd=compute * vcpu_share, memory_usd=compute * (1 - vcpu_share),
                       storage_usd=storage_usd, os_licence_usd=tasks * hours * vcpu * licence)


def fargate_cost_breakdown(vcpu: float, memory_gb: float, *, tasks: int = 1, arch: str = "x86_64",
                           region: str = "us-east-1", hours_per_day: float = HOURS_PER_DAY,
                           hours_per_month: float = HOURS_PER_MONTH, spot: bool = False,
                           discount_pct: float = 0, ephemeral_gb=None, os: str = "linux",
                           usd_per_vcpu_hour=None, usd_per_gb_hour=None, usd_per_storage_gb_hour=None,
                           usd_per_os_licence_vcpu_hour=None) -> FargateCost:
    """Monthly cost of ``tasks`` Fargate tasks running ``hours_per_day`` hours a day (USD), in its parts.

    hours = :func:`monthly_hours` (``hours_per_day`` × ``hours_per_month`` / 24;
    730-hour month by default, ``cost.HOURS_IN_30_DAYS`` for AWS's "30 days").
    vCPU part = tasks × hours × vCPU × USD per vCPU-hour × (1 − discount/100),
    memory part likewise with GB and USD per GB-hour (their sum is
    :func:`awsbook.cost.fargate_monthly_cost`, which also refuses sizes Fargate
    does not offer).  ``ephemeral_gb`` (the task's configured ephemeral
    storage, GB; ``None`` = the included 20 GB) adds tasks × hours × (GB − 20)
    × USD per GB-hour of ``data/fargate_ephemeral_prices.csv``, at the full
    rate (no source says a discount covers it).

    ``os="windows"`` prices Windows tasks with ``data/fargate_windows_prices.csv``
    (x86_64 only) and adds the Windows OS licence, tasks × hours × vCPU × USD
    per vCPU-hour, also undiscounted.  ``spot=True`` prices Linux tasks at the
    largest Fargate Spot discount (an upper bound: the Spot rate varies);
    Fargate Spot runs x86_64 Linux tasks only, so ``arch="arm64"`` and
    ``os="windows"`` are refused, and ``discount_pct`` (e.g. a Savings Plan)
    must then stay 0.  The ``usd_per_*_hour`` arguments replace the rates of
    ``data/`` (e.g. an AWS example's own rates).
    """
    hours = monthly_hours(hours_per_day, hours_per_month=hours_per_month)
    if validate.boolean("spot", spot):
        validate.choice("arch", arch, list(datasets.ARCHES))
        if arch not in FARGATE_SPOT_ARCHES:
            raise validate.refuse("arch", arch, FARGATE_SPOT_ARCHES,
                                  reason="Fargate Spot은 x86_64 태스크만 실행하므로 spot=True에서는")
        if os != "linux":
            raise validate.refuse("os", os, ("linux",), reason="Fargate Spot은 Linux 태스크만 실행하므로 spot=True에서는")
        if discount_pct != 0:
            raise validate.refuse("discount_pct", discount_pct, "0",
                                  reason="spot=True이면 Fargate Spot 할인이 적용되므로")
        discount_pct = fargate_spot_max_discount_pct()
    return _fargate_parts(vcpu, memory_gb, tasks=tasks, hours=hours, arch=arch, region=region,
                          discount_pct=discount_pct, ephemeral_gb=ephemeral_gb, os=os,
                          usd_per_vcpu_hour=usd_per_vcpu_hour, usd_per_gb_hour=usd_per_gb_hour,
                          usd_per_storage_gb_hour=usd_per_storage_gb_hour,
                          usd_per_os_licence_vcpu_hour=usd_per_os_licence_vcpu_hour)


def fargate_spot_max_discount_pct() -> float:
    """Largest Fargate Spot discount, in percent off on-demand (``data/discounts.csv``)."""
    discounts = datasets.load("discounts").set_index("offer")["max_discount_pct"]
    return float(discounts["fargate_spot"])


@lru_cache(maxsize=None)
def _billing_rule() -> tuple[int, int]:
    row = datasets.load("fargate_billing").iloc[0]
    return int(row["granularity_seconds"]), int(row["minimum_seconds"])


def fargate_minimum_seconds(os: str = "linux", *, region: str = "us-east-1") -> int:
    """Shortest run Fargate bills, in seconds: Linux ``data/fargate_billing.csv`` (60), Windows
    ``data/fargate_windows_prices.csv`` (300)."""
    if validate.choice("os", os, FARGATE_OS) == "windows":
        _, windows = _fargate_extra_rates()
        return int(windows[validate.choice("region", region, list(windows))]["minimum_seconds"])
    return _billing_rule()[1]


def fargate_billed_seconds(runtime_seconds: float, *, os: str = "linux", region: str = "us-east-1") -> int:
    """Seconds Fargate bills for one task that runs ``runtime_seconds`` (s).

    Run time is rounded up to the billing step (per second) and never below the
    minimum (Linux one minute, Windows five): 20 s -> 60 s, 90.2 s -> 91 s;
    Windows 20 s -> 300 s.
    """
    step, _ = _billing_rule()
    return cost.billed_seconds(runtime_seconds, granularity_seconds=step,
                               minimum_seconds=fargate_minimum_seconds(os, region=region))


def fargate_job_cost(vcpu: float, memory_gb: float, *, runtime_seconds: float, runs: int = 1,
                     arch: str = "x86_64", region: str = "us-east-1", discount_pct: float = 0,
                     ephemeral_gb=None, os: str = "linux") -> float:
    """Cost of ``runs`` runs of a short Fargate task that each last ``runtime_seconds`` (USD).

    Each run is billed for :func:`fargate_billed_seconds` seconds at the task's
    vCPU, memory (and, as in :func:`fargate_cost_breakdown`, storage above
    20 GB and the Windows licence) rates.
    """
    billed = fargate_billed_seconds(runtime_seconds, os=os, region=region)
    runs = validate.number("runs", runs, low=1, integer=True)
    return _fargate_parts(vcpu, memory_gb, tasks=runs, hours=billed / SECONDS_PER_HOUR, arch=arch, region=region,
                          discount_pct=discount_pct, ephemeral_gb=ephemeral_gb, os=os, usd_per_vcpu_hour=None,
                          usd_per_gb_hour=None, usd_per_storage_gb_hour=None,
                          usd_per_os_licence_vcpu_hour=None).total_usd


# --------------------------------------------------------------------------- packing on EC2

@lru_cache(maxsize=None)
def _instance_table() -> dict[str, dict[str, tuple[float, float, str]]]:
    prices = datasets.load("ec2_prices")
    table: dict[str, dict[str, tuple[float, float, str]]] = {}
    for r in prices.itertuples():
        table.setdefault(r.region, {})[r.instance_type] = (float(r.vcpu), float(r.memory_gib), r.arch)
    return table


def instance_types(region: str = "us-east-1", arch: str | None = None) -> list[str]:
    """Instance types with data in ``region`` (optionally only those of ``arch``), in file order."""
    table = _instance_table()
    validate.choice("region", region, list(table))
    if arch is not None:
        validate.choice("arch", arch, list(datasets.ARCHES))
    return [t for t, spec in table[region].items() if arch is None or spec[2] == arch]


def instance_spec(instance_type: str, region: str = "us-east-1") -> tuple[float, float, str]:
    """``(vCPU, memory GiB, architecture)`` of ``instance_type`` from ``data/ec2_prices.csv``."""
    validate.choice("instance_type", instance_type, instance_types(region))
    return _instance_table()[region][instance_type]


@dataclass(frozen=True)
class Packing:
    """How tasks of one size fill one EC2 instance.

    ``tasks``: tasks that fit (0 if none); ``limited_by``: "vcpu", "memory" or "both", the
    resource that runs out first.  Capacities in vCPU and GiB.
    """

    instance_type: str
    task_vcpu: float
    task_memory_gb: float
    instance_vcpu: float
    instance_memory_gib: float
    reserved_vcpu: float
    reserved_memory_gib: float
    tasks: int
    limited_by: str

    @property
    def used_vcpu(self) -> float:
        return self.tasks * self.task_vcpu

    @property
    def used_memory_gib(self) -> float:
        return self.tasks * self.task_memory_gb

    @property
    def idle_vcpu(self) -> float:
        """vCPU neither reserved nor used by tasks (vCPU)."""
        return self.instance_vcpu - self.reserved_vcpu - self.used_vcpu

    @property
    def idle_memory_gib(self) -> float:
        """Memory neither reserved nor used by tasks (GiB)."""
        return self.instance_memory_gib - self.reserved_memory_gib - self.used_memory_gib

    @property
    def idle_vcpu_pct(self) -> float:
        """Idle vCPU in percent of the instance's vCPU."""
        return 100 * self.idle_vcpu / self.instance_vcpu

    @property
    def idle_memory_pct(self) -> float:
        """Idle memory in percent of the instance's memory."""
        return 100 * self.idle_memory_gib / self.instance_memory_gib


def _packing(instance_type, task_vcpu, task_memory_gb, region, reserved_vcpu, reserved_memory_gib) -> Packing:
    """Packing without the "does not fit" error (``tasks`` may be 0); arguments already checked."""
    vcpu, memory, _ = instance_spec(instance_type, region)
    free_vcpu = max(vcpu - reserved_vcpu, 0.0)
    free_memory = max(memory - reserved_memory_gib, 0.0)
    by_vcpu = math.floor(free_vcpu / task_vcpu + _EPS)
    by_memory = math.floor(free_memory / task_memory_gb + _EPS)
    return Packing(instance_type, task_vcpu, task_memory_gb, vcpu, memory, reserved_vcpu,
                   reserved_memory_gib, tasks=min(by_vcpu, by_memory),
                   limited_by="both" if by_vcpu == by_memory else "vcpu" if by_vcpu < by_memory else "memory")


def _check_task_and_reserve(task_vcpu, task_memory_gb, reserved_vcpu, reserved_memory_gib):
    return (validate.number("task_vcpu", task_vcpu, low=0, low_inclusive=False),
            validate.number("task_memory_gb", task_memory_gb, low=0, low_inclusive=False),
            validate.number("reserved_vcpu", reserved_vcpu, low=0),
            validate.number("reserved_memory_gib", reserved_memory_gib, low=0))


def pack(instance_type: str, task_vcpu: float, task_memory_gb: float, *, region: str = "us-east-1",
         reserved_vcpu: float = 0.0, reserved_memory_gib: float = 0.0) -> Packing:
    """How many tasks of ``task_vcpu`` vCPU and ``task_memory_gb`` GB fit on one ``instance_type``.

    tasks = min(⌊(instance vCPU − reserved_vcpu) / task_vcpu⌋, ⌊(instance GiB − reserved_memory_gib)
    / task_memory_gb⌋).  ``reserved_vcpu`` and ``reserved_memory_gib`` stand for what the operating
    system and the ECS agent keep for themselves; they default to 0, a simplification (the book has
    no sourced figure for them).  A task (or a reservation) too large for the instance is refused
    with a Korean message naming the parameter and the room there is.
    """
    task_vcpu, task_memory_gb, reserved_vcpu, reserved_memory_gib = _check_task_and_reserve(
        task_vcpu, task_memory_gb, reserved_vcpu, reserved_memory_gib)
    vcpu, memory, _ = instance_spec(instance_type, region)
    for name, value, capacity, unit in (("reserved_vcpu", reserved_vcpu, vcpu, "vCPU"),
                                        ("reserved_memory_gib", reserved_memory_gib, memory, "GiB")):
        if value >= capacity:
            raise validate.refuse(name, value, f"0 이상 {capacity:g} 미만", shown=f"{value:g}",
                                  reason=f"{instance_type}의 용량은 {capacity:g} {unit}이므로")
    packing = _packing(instance_type, task_vcpu, task_memory_gb, region, reserved_vcpu, reserved_memory_gib)
    if packing.tasks == 0:
        room = (("task_vcpu", task_vcpu, vcpu - reserved_vcpu, "vCPU는 {:g}개"),
                ("task_memory_gb", task_memory_gb, memory - reserved_memory_gib, "메모리는 {:g} GB"))
        name, value, free, what = next(r for r in room if r[1] > r[2] + _EPS)
        raise validate.refuse(name, value, f"{free:g} 이하", shown=f"{value:g}",
                              reason=f"태스크가 인스턴스 {instance_type}보다 큽니다. 이 인스턴스에서 태스크에 쓸 수 있는 "
                                     f"{what.format(free)}이므로")
    return packing


def packing_table(task_vcpu: float, task_memory_gb: float, *, region: str = "us-east-1",
                  reserved_vcpu: float = 0.0, reserved_memory_gib: float = 0.0) -> pd.DataFrame:
    """Packing of one task size on every instance type in ``region`` (one row per type).

    Columns: instance_type, tasks (0 when the task does not fit), limited_by, idle_vcpu_pct,
    idle_memory_pct (percent of the instance; 100 when nothing fits).
    """
    task_vcpu, task_memory_gb, reserved_vcpu, reserved_memory_gib = _check_task_and_reserve(
        task_vcpu, task_memory_gb, reserved_vcpu, reserved_memory_gib)
    rows = []
    for instance_type in instance_types(region):
        p = _packing(instance_type, task_vcpu, task_memory_gb, region, reserved_vcpu, reserved_memory_gib)
        fits = p.tasks > 0
        rows.append({"instance_type": instance_type, "tasks": p.tasks,
                     "limited_by": p.limited_by if fits else None,
                     "idle_vcpu_pct": p.idle_vcpu_pct if fits else 100.0,
                     "idle_memory_pct": p.idle_memory_pct if fits else 100.0})
    return pd.DataFrame(rows)


def instances_needed(tasks: int, packing: Packing) -> int:
    """EC2 instances needed to run ``tasks`` tasks packed as ``packing`` (⌈tasks / tasks per instance⌉)."""
    tasks = validate.number("tasks", tasks, low=1, integer=True)
    return math.ceil(tasks / packing.tasks)


def instances_by_hour(tasks_by_hour: pd.Series, packing: Packing) -> pd.Series:
    """EC2 instances each hour needs to hold that hour's tasks packed as ``packing`` (count per hour).

    ⌈tasks / tasks per instance⌉ hour by hour (:func:`instances_needed` for every row), on the same index;
    every count must be a whole number ≥ 1.
    """
    counts = _task_counts(np.asarray(tasks_by_hour, dtype=float))
    return pd.Series(np.ceil(counts / packing.tasks).astype(int), index=tasks_by_hour.index, name="instances")


# --------------------------------------------------------------------------- the running case on containers

@dataclass(frozen=True)
class AppTask:
    """One container of an application: its size (``vcpu``, ``memory_gb`` in GB) and the requests per
    second one such task serves (``rps``)."""

    vcpu: float
    memory_gb: float
    rps: float


#: The 수강신청 app as a container (chapters 5–7): a 1 vCPU · 2 GB task serving half of what chapter 2's
#: two-vCPU server serves (``crossover.RPS_PER_INSTANCE``), i.e. the same requests per vCPU.  An assumption
#: of the running case, not a measurement.
REGISTRATION_TASK = AppTask(vcpu=1.0, memory_gb=2.0, rps=crossover.RPS_PER_INSTANCE / 2)
#: Share of a task's capacity the plans use (the book's 70%, ``crossover.SIZING``), leaving room for a sudden rise.
REGISTRATION_TARGET_UTILISATION = crossover.SIZING["target_utilisation"]


# --------------------------------------------------------------------------- EKS

def eks_api_sla_pct() -> float:
    """Monthly uptime AWS commits to for an EKS cluster's Kubernetes API endpoint (%, ``data/sla.csv``)."""
    sla = datasets.load("sla").set_index(["service", "scope"])["target_pct"]
    return float(sla[("eks", "api-endpoint")])


# --------------------------------------------------------------------------- one service, three ways

def _task_counts(tasks) -> np.ndarray:
    counts = validate.array("tasks", tasks, low=1)
    for n in counts.ravel():
        validate.number("tasks", float(n), integer=True)
    return counts


@dataclass(frozen=True)
class _UnitCosts:
    """Monthly unit costs of an always-on service (USD per month)."""

    fargate_task: float  # one Fargate task (x86 price for the EKS line when nodes are EC2)
    instance: float  # one EC2 instance
    tasks_per_instance: int
    eks_fee: float
    eks_nodes: str

    def ecs_ec2(self, n: np.ndarray) -> np.ndarray:
        return np.ceil(n / self.tasks_per_instance) * self.instance

    def ecs_fargate(self, n: np.ndarray) -> np.ndarray:
        return n * self.fargate_task

    def eks_compute(self, n: np.ndarray) -> np.ndarray:
        return self.ecs_fargate(n) if self.eks_nodes == "fargate" else self.ecs_ec2(n)


def _unit_costs(task_vcpu, task_memory_gb, *, instance_type, arch, eks_nodes, region,
                reserved_vcpu, reserved_memory_gib, extended_support) -> _UnitCosts:
    eks_nodes = validate.choice("eks_nodes", eks_nodes, EKS_NODES)
    validate.choice("arch", arch, list(datasets.ARCHES))
    if eks_nodes == "fargate" and arch not in EKS_FARGATE_ARCHES:
        raise validate.refuse("arch", arch, EKS_FARGATE_ARCHES,
                              reason="EKS의 Fargate 노드는 Arm(arm64)을 지원하지 않으므로(Arm으로 비교하려면 "
                                     "eks_nodes='ec2'를 고르세요) eks_nodes='fargate'에서는")
    fargate_task = cost.fargate_monthly_cost(task_vcpu, task_memory_gb, arch=arch, region=region)
    instance_arch = instance_spec(instance_type, region)[2]
    if instance_arch != arch:
        same = instance_types(region, arch)
        raise validate.refuse("instance_type", instance_type, same, shown=f"{instance_type!r}({instance_arch})",
                              reason=f"같은 컨테이너 이미지를 비교하므로 arch={arch!r}와 같은 아키텍처의 유형")
    packing = pack(instance_type, task_vcpu, task_memory_gb, region=region,
                   reserved_vcpu=reserved_vcpu, reserved_memory_gib=reserved_memory_gib)
    return _UnitCosts(fargate_task=fargate_task,
                      instance=cost.ec2_monthly_cost(instance_type, region=region),
                      tasks_per_instance=packing.tasks,
                      eks_fee=cost.eks_monthly_fee(extended_support=extended_support),
                      eks_nodes=eks_nodes)


def service_costs(task_vcpu: float, task_memory_gb: float, tasks, *, instance_type: str = "m5.large",
                  arch: str = "x86_64", eks_nodes: str = "fargate", region: str = "us-east-1",
                  reserved_vcpu: float = 0.0, reserved_memory_gib: float = 0.0,
                  extended_support: bool = False) -> pd.DataFrame:
    """Monthly cost (USD) of one always-on service of ``tasks`` tasks, run three ways.

    ``tasks`` is a whole number ≥ 1 or an array of them; one row per value.  Columns:

    * ``ecs_ec2``: ECS on ``instance_type`` instances, ⌈tasks / tasks per instance⌉ × instance price
      × 730 h (packing as in :func:`pack`; the ECS control plane costs nothing);
    * ``ecs_fargate``: ECS on Fargate, tasks × one task's 730-hour price;
    * ``eks``: EKS on ``eks_nodes`` ("fargate" or "ec2", priced as above) plus ``eks_fee``, the
      control-plane fee of one cluster for 730 h (standard or extended support);
    * ``eks_fee_share_pct``: the fee in percent of the EKS total; ``instances``: EC2 instances.

    The task size must be one Fargate offers.  ``instance_type`` must have the architecture
    ``arch``; EKS on Fargate refuses ``arch="arm64"``.
    """
    n = _task_counts(tasks).ravel()
    units = _unit_costs(task_vcpu, task_memory_gb, instance_type=instance_type, arch=arch,
                        eks_nodes=eks_nodes, region=region, reserved_vcpu=reserved_vcpu,
                        reserved_memory_gib=reserved_memory_gib, extended_support=extended_support)
    eks = units.eks_compute(n) + units.eks_fee
    return pd.DataFrame({
        "tasks": n.astype(int),
        "ecs_ec2": units.ecs_ec2(n),
        "ecs_fargate": units.ecs_fargate(n),
        "eks": eks,
        "eks_fee": units.eks_fee,
        "eks_fee_share_pct": 100 * units.eks_fee / eks,
        "instances": np.ceil(n / units.tasks_per_instance).astype(int),
    })


def eks_fee_threshold(task_vcpu: float, task_memory_gb: float, *, share_pct: float = 10,
                      instance_type: str = "m5.large", arch: str = "x86_64", eks_nodes: str = "fargate",
                      region: str = "us-east-1", reserved_vcpu: float = 0.0,
                      reserved_memory_gib: float = 0.0, extended_support: bool = False) -> int:
    """Smallest number of tasks at which the EKS control-plane fee is below ``share_pct`` % of
    the service's EKS monthly total (same options as :func:`service_costs`).

    fee / (fee + compute(N)) < s  ⇔  compute(N) > fee × (1 − s) / s.  For Fargate compute(N) =
    N × task price; for EC2 nodes it is ⌈N / tasks per instance⌉ × instance price.
    """
    share = validate.number("share_pct", share_pct, low=0, high=100,
                            low_inclusive=False, high_inclusive=False) / 100
    units = _unit_costs(task_vcpu, task_memory_gb, instance_type=instance_type, arch=arch,
                        eks_nodes=eks_nodes, region=region, reserved_vcpu=reserved_vcpu,
                        reserved_memory_gib=reserved_memory_gib, extended_support=extended_support)
    needed = units.eks_fee * (1 - share) / share  # compute must exceed this (USD per month)
    if units.eks_nodes == "fargate":
        n = math.floor(needed / units.fargate_task) + 1
    else:
        n = math.floor(needed / units.instance) * units.tasks_per_instance + 1

    def below(k: int) -> bool:
        compute = float(units.eks_compute(np.array([k]))[0])
        return units.eks_fee / (units.eks_fee + compute) < share

    # The closed form can be off by one when ``needed`` lands on a step exactly.
    while not below(n):
        n += 1
    while n > 1 and below(n - 1):
        n -= 1
    return n
