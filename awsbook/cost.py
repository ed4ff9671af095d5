"""Monthly cost models (USD per month; a month is 730 hours, as in the AWS Pricing Calculator).

Prices come only from ``data/`` through :mod:`awsbook.datasets`.
"""

from __future__ import annotations

from awsbook import datasets, validate

HOURS_PER_MONTH = 730
#: The longest calendar month (31 days), the most hours a resource can run in a month.
MAX_HOURS_PER_MONTH = 744


def ec2_hourly_price(instance_type: str, region: str = "us-east-1") -> float:
    """On-demand Linux price of ``instance_type`` in ``region`` (USD per hour)."""
    prices = datasets.load("ec2_prices")
    validate.choice("region", region, sorted(prices["region"].unique()))
    in_region = prices[prices["region"] == region]
    validate.choice("instance_type", instance_type, list(in_region["instance_type"]))
    return float(in_region.loc[in_region["instance_type"] == instance_type, "usd_per_hour"].iloc[0])


def ec2_monthly_cost(instance_type: str, *, count: int = 1, region: str = "us-east-1",
                     hours: float = HOURS_PER_MONTH, discount_pct: float = 0) -> float:
    """Monthly cost of ``count`` on-demand instances running ``hours`` a month (USD).

    ``discount_pct`` models Savings Plans, Reserved Instances or Spot as a flat
    discount in percent, 0 ≤ discount < 100.
    """
    count = validate.number("count", count, low=1, integer=True)
    hours = validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    discount = validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    return ec2_hourly_price(instance_type, region) * count * hours * (1 - discount / 100)


def fargate_task_sizes() -> dict[float, list[float]]:
    """Valid Fargate task sizes: ``{vCPU: [memory GB, ...]}`` from ``data/fargate_task_sizes.csv``."""
    sizes = datasets.load("fargate_task_sizes")
    return {float(v): sorted(float(m) for m in grp["memory_gb"]) for v, grp in sizes.groupby("vcpu")}


def _fargate_rates(arch: str, region: str) -> tuple[float, float]:
    prices = datasets.load("fargate_prices")
    validate.choice("region", region, sorted(prices["region"].unique()))
    here = prices[prices["region"] == region]
    validate.choice("arch", arch, list(here["arch"]))
    row = here[here["arch"] == arch].iloc[0]
    return float(row["usd_per_vcpu_hour"]), float(row["usd_per_gb_hour"])


def fargate_monthly_cost(vcpu: float, memory_gb: float, *, tasks: int = 1, arch: str = "x86_64",
                         region: str = "us-east-1", hours: float = HOURS_PER_MONTH,
                         discount_pct: float = 0) -> float:
    """Monthly cost of ``tasks`` Fargate tasks of one size running ``hours`` a month (USD).

    Cost = tasks × hours × (vCPU × USD per vCPU-hour + memory GB × USD per GB-hour)
    × (1 − discount/100).  Sizes Fargate does not offer are refused with the
    valid memory values for that vCPU.
    """
    sizes = fargate_task_sizes()
    vcpu = validate.number("vcpu", vcpu, low=0, low_inclusive=False)
    if vcpu not in sizes:
        raise ValueError(
            f"매개변수 'vcpu'에 {vcpu:g}이(가) 주어졌습니다. Fargate 작업 vCPU는 "
            f"{', '.join(f'{v:g}' for v in sizes)} 중 하나만 허용됩니다."
        )
    memory_gb = validate.number("memory_gb", memory_gb, low=0, low_inclusive=False)
    if memory_gb not in sizes[vcpu]:
        raise ValueError(
            f"매개변수 'memory_gb'에 {memory_gb:g}이(가) 주어졌습니다. vCPU {vcpu:g}개 작업의 메모리(GB)는 "
            f"{', '.join(f'{m:g}' for m in sizes[vcpu])} 중 하나만 허용됩니다."
        )
    tasks = validate.number("tasks", tasks, low=1, integer=True)
    hours = validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    discount = validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    per_vcpu, per_gb = _fargate_rates(arch, region)
    return tasks * hours * (vcpu * per_vcpu + memory_gb * per_gb) * (1 - discount / 100)


def eks_monthly_fee(*, clusters: int = 1, extended_support: bool = False,
                    hours: float = HOURS_PER_MONTH) -> float:
    """EKS control-plane fee for ``clusters`` clusters over ``hours`` (USD per month).

    Standard support is 0.10 USD per cluster-hour; extended support is the
    extended rate in total (both from ``data/eks_prices.csv``).
    """
    clusters = validate.number("clusters", clusters, low=1, integer=True)
    if not isinstance(extended_support, bool):
        raise TypeError(
            f"매개변수 'extended_support'에 {extended_support!r}이(가) 주어졌습니다. True 또는 False만 허용됩니다."
        )
    hours = validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    prices = datasets.load("eks_prices").set_index("support")["usd_per_cluster_hour"]
    rate = float(prices["extended" if extended_support else "standard"])
    return clusters * hours * rate
