"""Monthly cost models (USD per month; a month is 730 hours, as in the AWS Pricing Calculator).

AWS's pricing-page examples often count a month as 30 days (720 hours) instead;
functions that turn a daily schedule into a month take ``hours_per_month`` so
that either convention is explicit (:data:`HOURS_PER_MONTH`, :data:`HOURS_IN_30_DAYS`).

Prices come only from ``data/`` through :mod:`awsbook.datasets`.

Units used throughout:

* money: USD per month (``*_usd``), rates in USD per request / GB-second / hour;
* Lambda traffic: requests per month; duration in milliseconds per request;
  memory in MB (1 GB = 1,024 MB for billing);
* EC2 traffic: requests per second (rps).  A month of requests ``N`` is an
  average load of ``N / (730 × 3,600)`` rps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from awsbook import datasets, formats, validate

#: The book's month: 730 hours (365 days × 24 ÷ 12), as in the AWS Pricing Calculator.
HOURS_PER_MONTH = 730
#: A month of 30 days, as many worked examples on AWS's pricing pages count it ("× 30 days").
HOURS_IN_30_DAYS = 30 * 24
#: The longest calendar month (31 days), the most hours a resource can run in a month.
MAX_HOURS_PER_MONTH = 744
SECONDS_PER_HOUR = 3600
SECONDS_PER_MONTH = HOURS_PER_MONTH * SECONDS_PER_HOUR
#: Guards a rounding up to whole billing steps against binary rounding (0.3 s in 0.1 s steps is 3 steps).
_STEP_EPS = 1e-9
#: Lambda bills memory in GB of 1,024 MB.
MB_PER_GB = 1024
API_KINDS = ("http", "rest")


# --------------------------------------------------------------------------- data tables
# Small lookup tables built once from the validated datasets (the models are called in
# loops by charts and benchmarks, so they avoid copying DataFrames on every call).

@lru_cache(maxsize=None)
def _ec2_table() -> dict[str, dict[str, float]]:
    prices = datasets.load("ec2_prices")
    table: dict[str, dict[str, float]] = {}
    for row in prices.itertuples():
        table.setdefault(row.region, {})[row.instance_type] = float(row.usd_per_hour)
    return table


@lru_cache(maxsize=None)
def _lambda_rates() -> dict[str, dict[str, tuple[float, float]]]:
    prices = datasets.load("lambda_prices")
    table: dict[str, dict[str, tuple[float, float]]] = {}
    for row in prices.itertuples():
        table.setdefault(row.region, {})[row.arch] = (float(row.usd_per_request),
                                                     float(row.usd_per_gb_second))
    return table


@lru_cache(maxsize=None)
def _lambda_tiers(arch: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(band starts, band widths, price factors) of the duration tiers, GB-seconds per month."""
    tiers = datasets.load("lambda_duration_tiers")
    tiers = tiers[tiers["arch"] == arch].sort_values("from_gb_seconds")
    start = tiers["from_gb_seconds"].to_numpy(float)
    end = np.array([np.inf if v is None or pd.isna(v) else float(v) for v in tiers["to_gb_seconds"]])
    factor = 1 - tiers["discount_pct"].to_numpy(float) / 100
    return start, end - start, factor


@lru_cache(maxsize=None)
def _lambda_free_tier() -> tuple[float, float]:
    row = datasets.load("lambda_free_tier").iloc[0]
    return float(row["requests_per_month"]), float(row["gb_seconds_per_month"])


@lru_cache(maxsize=None)
def _ephemeral_rates() -> dict[str, tuple[float, float]]:
    """region -> (USD per GB-second above the included size, included MB)."""
    rows = datasets.load("lambda_ephemeral_prices")
    return {r.region: (float(r.usd_per_gb_second), float(r.included_mb)) for r in rows.itertuples()}


@lru_cache(maxsize=None)
def _api_tiers() -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(api, region) -> (band starts, band ends, USD per request) in requests per month.

    Each price table must start at 0, have no gaps and end with an open band
    (``to_requests`` empty), so every monthly request count has a price.
    """
    rows = datasets.load("api_gateway_prices")
    out = {}
    for (api, region), grp in rows.groupby(["api", "region"]):
        grp = grp.sort_values("from_requests")
        start = grp["from_requests"].to_numpy(float)
        end = np.array([np.inf if v is None or pd.isna(v) else float(v) for v in grp["to_requests"]])
        if start[0] != 0 or np.any(start[1:] != end[:-1]) or np.isfinite(end[-1]):
            raise datasets.DataError(
                f"data/api_gateway_prices.csv: {api} {region}의 요청 구간이 0부터 빈틈없이 이어지고 "
                "마지막 구간의 'to_requests'가 비어 있어야 합니다."
            )
        out[(api, region)] = (start, end, grp["usd_per_million_requests"].to_numpy(float) / 1e6)
    return out


@lru_cache(maxsize=None)
def _current_lambda_limits() -> dict[str, float]:
    limits = datasets.load("lambda_limits")
    current = limits[limits["valid_until"].isna()]
    return dict(zip(current["quantity"], current["value"].astype(float)))


PRICED_SERVICES = ("ec2", "fargate", "api")


def has_price(service: str, region: str, key: str) -> bool:
    """True when ``data/`` has a price for ``key`` of ``service`` in ``region``.

    ``service`` is ``"ec2"`` (key: instance type), ``"fargate"`` (key:
    architecture) or ``"api"`` (key: ``"http"`` or ``"rest"``).  Answered from
    the tables the cost functions price with, so "priced" means "these
    functions can price it".
    """
    validate.choice("service", service, PRICED_SERVICES)
    validate.choice("region", region, datasets.REGIONS)
    if service == "ec2":
        return key in _ec2_table().get(region, {})
    if service == "fargate":
        return key in _fargate_table().get(region, {})
    return (key, region) in _api_tiers()


def lambda_rates(arch: str = "x86_64", region: str = "us-east-1") -> tuple[float, float]:
    """Lambda on-demand rates: (USD per request, USD per GB-second in the first tier)."""
    rates = _lambda_rates()
    validate.choice("region", region, list(rates))
    validate.choice("arch", arch, list(rates[region]))
    return rates[region][arch]


def api_gateway_bands(api: str, region: str = "us-east-1") -> pd.DataFrame:
    """API Gateway's monthly request bands for ``api`` ("http" or "rest") in ``region``.

    Columns: ``from_requests``, ``to_requests`` (requests per month; ``inf``
    for the last, open band) and ``usd_per_million_requests`` (USD per million
    requests in that band).
    """
    validate.choice("api", api, API_KINDS)
    tiers = _api_tiers()
    validate.choice("region", region, sorted(r for a, r in tiers if a == api))
    start, end, rate = tiers[(api, region)]
    return pd.DataFrame({"from_requests": start, "to_requests": end, "usd_per_million_requests": rate * 1e6})


def api_gateway_monthly_cost(requests, api: str = "http", region: str = "us-east-1"):
    """API Gateway's request charge (USD) for ``requests`` a month of ``api`` ("http" or "rest").

    Each band of :func:`api_gateway_bands` is billed from its own start:
    300 M HTTP requests at $1.00 per million and the rest at $0.90.  A number
    or an array (array in, array out).  Requests only: data transfer, caching
    and HTTP API metering of large requests are in :mod:`awsbook.api_gateway`.
    """
    reqs = validate.array("requests", requests, low=0)
    validate.choice("api", api, API_KINDS)
    tiers = _api_tiers()
    validate.choice("region", region, sorted(r for a, r in tiers if a == api))
    out = _api_cost(reqs, tiers[(api, region)])
    return float(out) if out.ndim == 0 else out


@lru_cache(maxsize=None)
def _api_limits() -> dict[str, dict[str, float]]:
    rows = datasets.load("api_gateway_limits")
    table: dict[str, dict[str, float]] = {}
    for row in rows.itertuples():
        table.setdefault(row.quantity, {})[row.api] = float(row.value)
    return table


def api_gateway_limit(api: str, quantity: str = "integration_timeout") -> float:
    """An API Gateway quota of ``api`` ("http" or "rest") from ``data/api_gateway_limits.csv`` (seconds).

    ``"integration_timeout"``: how long API Gateway waits for the backend (a Lambda
    function, say) before it answers the client with an error — the limit an API's
    Lambda function meets long before Lambda's own timeout.
    """
    limits = _api_limits()
    validate.choice("quantity", quantity, list(limits))
    validate.choice("api", api, list(limits[quantity]))
    return limits[quantity][api]


def lambda_free_tier() -> tuple[float, float]:
    """The monthly Lambda free tier: (requests, GB-seconds)."""
    return _lambda_free_tier()


def lambda_limit(quantity: str) -> float:
    """Current value of one Lambda quota from ``data/lambda_limits.csv`` (unit in that file)."""
    limits = _current_lambda_limits()
    validate.choice("quantity", quantity, list(limits))
    return limits[quantity]


# --------------------------------------------------------------------------- EC2

def instance_types(region: str | None = None) -> list[str]:
    """Instance types with an EC2 price in ``data/ec2_prices.csv`` (only ``region``'s if given), in file order."""
    table = _ec2_table()
    if region is not None:
        validate.choice("region", region, list(table))
        return list(table[region])
    return list(dict.fromkeys(t for types in table.values() for t in types))


CHEAPEST_PER = ("vcpu", "memory_gib")


def cheapest_instance_type(region: str = "us-east-1", *, per: str | None = None,
                           full_time: bool = False) -> str | None:
    """The instance type with the lowest on-demand price in ``region`` (None if none qualifies).

    ``per``: ``"vcpu"`` or ``"memory_gib"`` compares the price per vCPU or per GiB
    of memory, ``None`` the price per instance.  ``full_time=True`` leaves out the
    burstable (T) types, whose vCPUs run at full speed only up to a baseline.
    Ties go to the name first in alphabetical order.
    """
    if per is not None:
        validate.choice("per", per, CHEAPEST_PER)
    table = _ec2_table()
    validate.choice("region", region, list(table))
    specs = datasets.load("ec2_prices")
    specs = specs[specs["region"] == region].set_index("instance_type")
    if full_time:
        specs = specs[specs["family_group"] != "burstable"]
    ranked = sorted((table[region][t] / (1.0 if per is None else float(specs.loc[t, per])), t) for t in specs.index)
    return ranked[0][1] if ranked else None


def ec2_hourly_price(instance_type: str, region: str = "us-east-1") -> float:
    """On-demand Linux price of ``instance_type`` in ``region`` (USD per hour).

    An unknown type is refused with the closest known names; a type with no
    sourced price in ``region`` is refused with the regions that have one.
    """
    table = _ec2_table()
    validate.choice("region", region, list(table))
    here = table[region]
    if instance_type not in here:
        elsewhere = [r for r, types in table.items() if instance_type in types]
        if elsewhere:
            raise validate.refuse("instance_type", instance_type, list(here),
                                  reason=f"이 유형의 {region} 요금은 데이터(data/ec2_prices.csv)에 없고 "
                                         f"{', '.join(elsewhere)} 리전에만 있습니다. {region}에서는")
        validate.choice("instance_type", instance_type, list(here))
    return here[instance_type]


def ec2_region_premium_pct(instance_type: str, region: str, base_region: str = "us-east-1") -> float:
    """How much more ``instance_type`` costs on demand in ``region`` than in ``base_region`` (%; negative: cheaper).

        (USD per hour in region ÷ USD per hour in base_region − 1) × 100
    """
    return (ec2_hourly_price(instance_type, region) / ec2_hourly_price(instance_type, base_region) - 1) * 100


@lru_cache(maxsize=None)
def _ipv4_rates() -> dict[str, float]:
    rows = datasets.load("public_ipv4_prices")
    return dict(zip(rows["region"], rows["usd_per_address_hour"].astype(float)))


def public_ipv4_hourly_price(region: str = "us-east-1") -> float:
    """The charge for one public IPv4 address in ``region`` (USD per address-hour, ``data/public_ipv4_prices.csv``)."""
    rates = _ipv4_rates()
    validate.choice("region", region, list(rates))
    return rates[region]


def ec2_monthly_cost(instance_type: str, *, count: int = 1, region: str = "us-east-1",
                     hours: float = HOURS_PER_MONTH, discount_pct: float = 0,
                     public_ipv4: bool = False) -> float:
    """Monthly cost of ``count`` on-demand instances running ``hours`` a month (USD).

    ``discount_pct`` models Savings Plans, Reserved Instances or Spot as a flat
    discount in percent, 0 ≤ discount < 100, on the instance rate.
    ``public_ipv4=True`` adds one public IPv4 address per instance for the same
    hours at :func:`public_ipv4_hourly_price` (not discounted: it is a separate
    charge, not instance usage):

        count × hours × (USD per hour × (1 − discount/100) + public IPv4 USD per address-hour)
    """
    count = validate.number("count", count, low=1, integer=True)
    hours = validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    discount = validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    ipv4 = public_ipv4_hourly_price(region) if validate.boolean("public_ipv4", public_ipv4) else 0.0
    return count * hours * (ec2_hourly_price(instance_type, region) * (1 - discount / 100) + ipv4)


def billed_seconds(runtime_seconds, *, granularity_seconds: int, minimum_seconds: int) -> int:
    """Seconds billed for one run of ``runtime_seconds`` (s): rounded up to the billing step, never below the minimum.

    The run may last up to the longest month (744 h).  EC2 and Fargate bill
    this way (:func:`ec2_billed_seconds`, :func:`awsbook.containers.fargate_billed_seconds`).
    """
    runtime = validate.number("runtime_seconds", runtime_seconds, low=0, high=MAX_HOURS_PER_MONTH * SECONDS_PER_HOUR,
                              low_inclusive=False)
    steps = math.ceil(runtime / granularity_seconds - _STEP_EPS)
    return max(minimum_seconds, steps * granularity_seconds)


@lru_cache(maxsize=None)
def _ec2_billing_rule() -> tuple[int, int]:
    row = datasets.load("ec2_billing").iloc[0]
    return int(row["granularity_seconds"]), int(row["minimum_seconds"])


def ec2_billed_seconds(runtime_seconds) -> int:
    """Seconds EC2 bills for one start of an instance that runs ``runtime_seconds`` (s).

    Per-second billing with a minimum for each start (``data/ec2_billing.csv``:
    1 s steps, 60 s minimum): a 20-second run bills 60 s, 90.2 s bills 91 s.
    """
    step, minimum = _ec2_billing_rule()
    return billed_seconds(runtime_seconds, granularity_seconds=step, minimum_seconds=minimum)


def ec2_run_cost(instance_type: str, runtime_seconds, *, starts: int = 1, count: int = 1,
                 region: str = "us-east-1", usd_per_hour=None) -> float:
    """What ``starts`` starts of ``count`` instances, each running ``runtime_seconds``, cost (USD).

    starts × count × :func:`ec2_billed_seconds` ÷ 3,600 × USD per hour
    (``usd_per_hour``, default the on-demand price of ``instance_type``).
    Every start pays the minimum again, so ten 20-second runs bill 600 s, not 200 s.
    """
    billed = ec2_billed_seconds(runtime_seconds)
    n_starts = validate.number("starts", starts, low=1, integer=True)
    n = validate.number("count", count, low=1, integer=True)
    rate = validate.rate("usd_per_hour", usd_per_hour, ec2_hourly_price(instance_type, region))
    return n_starts * n * billed / SECONDS_PER_HOUR * rate


def ec2_fleet_bill(fleet, *, region: str = "us-east-1", hours: float = HOURS_PER_MONTH,
                   discount_pct: float = 0, public_ipv4: bool = False) -> pd.DataFrame:
    """The monthly bill of a small EC2 fleet, one row per instance type (USD).

    ``fleet`` is a sequence of ``(instance_type, count)`` pairs; a count of 0
    leaves the row out.  Every instance runs ``hours`` a month at the
    on-demand rate less ``discount_pct`` (plus one public IPv4 address each
    with ``public_ipv4=True``, see :func:`ec2_monthly_cost`).  Columns:
    ``instance_type``, ``count``, ``usd_per_hour`` (the on-demand instance
    rate), ``monthly_usd``.  An empty fleet gives an empty table.
    """
    rows = []
    for instance_type, count in fleet:
        n = int(validate.number("count", count, low=0, integer=True))
        if n == 0:
            continue
        rate = ec2_hourly_price(instance_type, region)
        usd = ec2_monthly_cost(instance_type, count=n, region=region, hours=hours, discount_pct=discount_pct,
                               public_ipv4=public_ipv4)
        rows.append((instance_type, n, rate, usd))
    validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    validate.boolean("public_ipv4", public_ipv4)
    return pd.DataFrame(rows, columns=["instance_type", "count", "usd_per_hour", "monthly_usd"])


# --------------------------------------------------------------------------- Fargate and EKS

@lru_cache(maxsize=None)
def _fargate_sizes() -> dict[float, tuple[float, ...]]:
    sizes = datasets.load("fargate_task_sizes")
    return {float(v): tuple(sorted(float(m) for m in grp["memory_gb"])) for v, grp in sizes.groupby("vcpu")}


@lru_cache(maxsize=None)
def _fargate_table() -> dict[str, dict[str, tuple[float, float]]]:
    prices = datasets.load("fargate_prices")
    table: dict[str, dict[str, tuple[float, float]]] = {}
    for row in prices.itertuples():
        table.setdefault(row.region, {})[row.arch] = (float(row.usd_per_vcpu_hour), float(row.usd_per_gb_hour))
    return table


def fargate_task_sizes() -> dict[float, list[float]]:
    """Valid Fargate task sizes: ``{vCPU: [memory GB, ...]}`` from ``data/fargate_task_sizes.csv``."""
    return {v: list(m) for v, m in _fargate_sizes().items()}


def fargate_regions() -> list[str]:
    """Regions that have Fargate rates in ``data/fargate_prices.csv`` (in file order)."""
    return list(_fargate_table())


def fargate_arches(region: str = "us-east-1") -> list[str]:
    """Architectures with Fargate rates in ``region``."""
    validate.choice("region", region, fargate_regions())
    return list(_fargate_table()[region])


def fargate_rates(arch: str = "x86_64", region: str = "us-east-1") -> tuple[float, float]:
    """Fargate Linux rates ``(USD per vCPU-hour, USD per GB-hour)`` for ``arch`` in ``region``."""
    validate.choice("arch", arch, fargate_arches(region))
    return _fargate_table()[region][arch]


def fargate_monthly_cost(vcpu: float, memory_gb: float, *, tasks: int = 1, arch: str = "x86_64",
                         region: str = "us-east-1", hours: float = HOURS_PER_MONTH,
                         discount_pct: float = 0, usd_per_vcpu_hour=None, usd_per_gb_hour=None) -> float:
    """Monthly cost of ``tasks`` Fargate tasks of one size running ``hours`` a month (USD).

    Cost = tasks × hours × (vCPU × USD per vCPU-hour + memory GB × USD per GB-hour)
    × (1 − discount/100).  The rates are :func:`fargate_rates` unless
    ``usd_per_vcpu_hour`` / ``usd_per_gb_hour`` are given.  Sizes Fargate does
    not offer are refused with the valid memory values for that vCPU.
    """
    sizes = _fargate_sizes()
    vcpu = validate.number("vcpu", vcpu, low=0, low_inclusive=False)
    if vcpu not in sizes:
        raise validate.refuse("vcpu", vcpu, f"{', '.join(f'{v:g}' for v in sizes)} 중 하나", shown=f"{vcpu:g}",
                              reason="Fargate 태스크 vCPU는")
    memory_gb = validate.number("memory_gb", memory_gb, low=0, low_inclusive=False)
    if memory_gb not in sizes[vcpu]:
        raise validate.refuse("memory_gb", memory_gb, f"{', '.join(f'{m:g}' for m in sizes[vcpu])} 중 하나",
                              shown=f"{memory_gb:g}", reason=f"vCPU {vcpu:g}개 태스크의 메모리(GB)는")
    tasks = validate.number("tasks", tasks, low=1, integer=True)
    hours = validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    discount = validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    per_vcpu, per_gb = fargate_rates(arch, region)
    per_vcpu = validate.rate("usd_per_vcpu_hour", usd_per_vcpu_hour, per_vcpu)
    per_gb = validate.rate("usd_per_gb_hour", usd_per_gb_hour, per_gb)
    return tasks * hours * (vcpu * per_vcpu + memory_gb * per_gb) * (1 - discount / 100)


@lru_cache(maxsize=None)
def _eks_rates() -> dict[str, float]:
    prices = datasets.load("eks_prices")
    return dict(zip(prices["support"], prices["usd_per_cluster_hour"].astype(float)))


def eks_monthly_fee(*, clusters: int = 1, extended_support: bool = False,
                    hours: float = HOURS_PER_MONTH) -> float:
    """EKS control-plane fee for ``clusters`` clusters over ``hours`` (USD per month).

    Standard support is 0.10 USD per cluster-hour; extended support is the
    extended rate in total (both from ``data/eks_prices.csv``).
    """
    clusters = validate.number("clusters", clusters, low=1, integer=True)
    extended_support = validate.boolean("extended_support", extended_support)
    hours = validate.number("hours", hours, low=0, high=MAX_HOURS_PER_MONTH)
    return clusters * hours * _eks_rates()["extended" if extended_support else "standard"]


# --------------------------------------------------------------------------- Lambda

#: Keyword options of the Lambda cost functions besides duration and memory, with their defaults.
LAMBDA_OPTIONS = {"arch": "x86_64", "region": "us-east-1", "free_tier": False, "api": None, "ephemeral_mb": 512}


@dataclass(frozen=True, eq=False)
class LambdaSettings:
    """One Lambda function's settings, checked once, with the rates that price it.

    Build it with :func:`lambda_settings`; every Lambda cost function goes
    through it, so a chart that prices many request counts or fixed amounts
    checks the settings once.  Inputs: ``duration_ms`` (ms per request),
    ``memory_mb`` (MB), ``arch``, ``region``, ``free_tier``, ``api`` (None,
    "http" or "rest"), ``ephemeral_mb`` (MB of /tmp).  Derived per request:
    ``billed_ms`` (the duration rounded up to a whole ms), ``memory_gb``
    (MB / 1,024), ``gb_seconds_per_request``, ``extra_ephemeral_gb`` (/tmp
    above the included size, GB) and ``ephemeral_gb_seconds_per_request``.
    Rates: ``usd_per_request``, ``usd_per_gb_second`` (first duration tier),
    ``usd_per_ephemeral_gb_second``.  ``tiers``: the duration bands (GB-second
    starts, widths, price factors per month); ``free``: the monthly free
    allowance (requests, GB-seconds), zeros without the free tier;
    ``api_tiers``: API Gateway's bands (starts, ends in requests per month,
    USD per request) or None.
    """

    duration_ms: float
    memory_mb: int
    arch: str
    region: str
    free_tier: bool
    api: str | None
    ephemeral_mb: int
    billed_ms: int
    memory_gb: float
    gb_seconds_per_request: float
    usd_per_request: float
    usd_per_gb_second: float
    tiers: tuple
    free: tuple[float, float]
    api_tiers: tuple | None
    extra_ephemeral_gb: float
    ephemeral_gb_seconds_per_request: float
    usd_per_ephemeral_gb_second: float

    def parts(self, requests: np.ndarray) -> dict[str, np.ndarray]:
        """Monthly cost parts (USD) for an array of monthly request counts (not checked)."""
        free_requests, free_gb_seconds = self.free
        gb_seconds = requests * self.gb_seconds_per_request
        billable_gbs = np.maximum(gb_seconds - free_gb_seconds, 0)
        start, width, factor = self.tiers
        in_band = np.clip(billable_gbs[..., None] - start, 0, width)
        parts = {
            "requests_usd": np.maximum(requests - free_requests, 0) * self.usd_per_request,
            "compute_usd": (in_band @ factor) * self.usd_per_gb_second,
            "api_usd": _api_cost(requests, self.api_tiers) if self.api else np.zeros_like(requests),
            "ephemeral_usd": requests * self.ephemeral_gb_seconds_per_request * self.usd_per_ephemeral_gb_second,
        }
        parts["total_usd"] = parts["requests_usd"] + parts["compute_usd"] + parts["api_usd"] + parts["ephemeral_usd"]
        parts["gb_seconds"] = gb_seconds
        parts["billable_gb_seconds"] = billable_gbs
        return parts

    def monthly_cost(self, requests):
        """The monthly bill (USD) for ``requests`` a month (a number or an array; array in, array out)."""
        reqs = validate.array("requests", requests, low=0)
        total = self.parts(reqs)["total_usd"]
        return float(total) if total.ndim == 0 else total

    @cached_property
    def _curve(self) -> tuple[np.ndarray, np.ndarray, float]:
        """The bill as a piecewise-linear function of monthly requests: (breakpoints in requests,
        bill at each in USD, slope after the last in USD per request).  Breakpoints: 0, the free
        request allowance, the free GB-second allowance, every duration-tier boundary and API
        Gateway band."""
        free_requests, free_gbs = self.free
        start, width, _ = self.tiers
        bounds = [0.0, free_requests, free_gbs / self.gb_seconds_per_request]
        bounds += [(free_gbs + b) / self.gb_seconds_per_request
                   for b in np.concatenate([start, start + width]) if np.isfinite(b)]
        if self.api:
            a_start, a_end, _ = self.api_tiers
            bounds += [b for b in np.concatenate([a_start, a_end]) if np.isfinite(b)]
        points = np.unique(np.array(bounds, dtype=float))
        costs = self.parts(points)["total_usd"]
        step = max(points[-1], 1.0)
        slope = (self.parts(np.array([points[-1] + step]))["total_usd"][0] - costs[-1]) / step
        return points, costs, float(slope)

    def break_even(self, fixed_monthly_usd):
        """Smallest monthly requests at which the bill reaches ``fixed_monthly_usd`` (USD per month;
        a number or an array, solved in one pass).  Exact: the bill is piecewise linear in requests,
        so each amount is solved on the piece where the bill crosses it.  0 for an amount of 0."""
        fixed = validate.array("fixed_monthly_usd", fixed_monthly_usd, low=0)
        points, costs, slope = self._curve
        # The bill is 0 up to the start of its first rising piece (the free tier); it always rises somewhere,
        # because the curve's last breakpoint lies beyond every free allowance.
        first = np.flatnonzero(np.diff(costs) > 0)[0]
        xp, fp = points[first:], costs[first:]
        out = np.where(fixed > fp[-1], xp[-1] + (fixed - fp[-1]) / slope, np.interp(fixed, fp, xp))
        out = np.where(fixed <= 0, 0.0, out)
        return float(out) if out.ndim == 0 else out


def lambda_settings(duration_ms, memory_mb, **lambda_options) -> LambdaSettings:
    """Check one Lambda function's settings once and gather the rates that price it.

    * duration_ms: average duration per invocation, more than 0 and at most the
      900 s timeout (``data/lambda_limits.csv``); billed in whole ms (rounded up);
    * memory_mb: configured memory, 128–10,240 MB in 1 MB steps; billed in GB = MB / 1,024;
    * ``lambda_options``: ``arch`` ("x86_64", "arm64"), ``region``,
      ``free_tier`` (bool), ``api`` (None, "http", "rest"), ``ephemeral_mb``
      (512–10,240 MB); defaults in :data:`LAMBDA_OPTIONS`.

    Refuses (Korean ``TypeError``/``ValueError``) unknown options, values out
    of range and prices ``data/`` does not have for the region.
    """
    unknown = [k for k in lambda_options if k not in LAMBDA_OPTIONS]
    if unknown:
        raise validate.refuse("lambda_options", unknown[0], list(LAMBDA_OPTIONS), type_error=True,
                              reason="Lambda 옵션의 이름은", contained=True, suggest=True)
    o = LAMBDA_OPTIONS | lambda_options
    arch, region, api = o["arch"], o["region"], o["api"]
    limits = _current_lambda_limits()
    duration = validate.number("duration_ms", duration_ms, low=0, high=limits["timeout_max"] * 1000,
                               low_inclusive=False)
    memory = validate.number("memory_mb", memory_mb, low=limits["memory_min"], high=limits["memory_max"],
                             integer=True)
    rates = _lambda_rates()
    validate.choice("region", region, list(rates))
    validate.choice("arch", arch, list(rates[region]))
    free = validate.boolean("free_tier", o["free_tier"])
    if api is not None:
        validate.choice("api", api, API_KINDS)
        if not has_price("api", region, api):
            have = sorted(r for a, r in _api_tiers() if a == api)
            raise validate.refuse("region", region, have,
                                  reason=f"API Gateway {api.upper()} API 요금이 데이터(data/api_gateway_prices.csv)에 "
                                         f"있는 리전에서만 계산할 수 있으므로 api={api!r}와 함께 쓸 때는")
    ephemeral = validate.number("ephemeral_mb", o["ephemeral_mb"], low=limits["ephemeral_default"],
                                high=limits["ephemeral_max"], integer=True)
    extra_ephemeral_gb = 0.0
    ephemeral_rate = 0.0
    if ephemeral > limits["ephemeral_default"]:
        if region not in _ephemeral_rates():
            raise validate.refuse("ephemeral_mb", o["ephemeral_mb"], f"기본값 {int(limits['ephemeral_default'])}",
                                  reason=f"임시 스토리지 추가 요금은 데이터(data/lambda_ephemeral_prices.csv)에 "
                                         f"{', '.join(_ephemeral_rates())} 리전만 있으므로 region={region!r}에서는")
        ephemeral_rate, included_mb = _ephemeral_rates()[region]
        extra_ephemeral_gb = max(ephemeral - included_mb, 0.0) / MB_PER_GB
    per_request, per_gb_second = rates[region][arch]
    billed_ms = math.ceil(duration)
    seconds = billed_ms / 1000
    return LambdaSettings(
        duration_ms=duration, memory_mb=int(memory), arch=arch, region=region, free_tier=free, api=api,
        ephemeral_mb=int(ephemeral), billed_ms=billed_ms, memory_gb=memory / MB_PER_GB,
        gb_seconds_per_request=seconds * memory / MB_PER_GB,
        usd_per_request=per_request, usd_per_gb_second=per_gb_second,
        tiers=_lambda_tiers(arch), free=_lambda_free_tier() if free else (0.0, 0.0),
        api_tiers=_api_tiers()[(api, region)] if api else None,
        extra_ephemeral_gb=extra_ephemeral_gb, ephemeral_gb_seconds_per_request=seconds * extra_ephemeral_gb,
        usd_per_ephemeral_gb_second=ephemeral_rate,
    )


def _api_cost(requests: np.ndarray, tiers) -> np.ndarray:
    """API Gateway's monthly charge (USD) for ``requests`` a month: each band billed from its own start."""
    start, end, rate = tiers
    within = np.clip(requests[..., None] - start, 0, end - start)
    return within @ rate


def lambda_monthly_cost(requests, duration_ms, memory_mb, *, arch="x86_64", region="us-east-1",
                        free_tier=False, api=None, ephemeral_mb=512):
    """Monthly Lambda bill (USD) for ``requests`` invocations a month.

    * requests: invocations per month, a number or a numpy array (computed
      without Python loops; an array in gives an array out);
    * duration_ms, memory_mb and the options: see :func:`lambda_settings`.

    Bill = requests × USD per request + GB-seconds × USD per GB-second, where
    GB-seconds = requests × billed seconds × GB and the GB-second rate falls
    by the tier discounts of ``data/lambda_duration_tiers.csv`` (per month,
    per region and architecture).  ``free_tier=True`` first subtracts the
    monthly free allowance (1 M requests, 400,000 GB-s) — the allowance is
    shared by x86_64 and arm64 in reality; this model gives it to the one
    function priced.  ``api="http"`` or ``"rest"`` adds API Gateway's
    per-request charge, each band from its own start (its own 12-month free
    tier is not modelled); ``ephemeral_mb`` above the included 512 MB adds
    /tmp storage per GB-second.
    """
    settings = lambda_settings(duration_ms, memory_mb, arch=arch, region=region, free_tier=free_tier,
                               api=api, ephemeral_mb=ephemeral_mb)
    return settings.monthly_cost(requests)


def lambda_bill(requests, duration_ms, memory_mb, *, arch="x86_64", region="us-east-1",
                free_tier=False, api=None, ephemeral_mb=512) -> dict:
    """The Lambda bill for one month, broken into its parts, with the calculation spelled out.

    Takes the arguments of :func:`lambda_monthly_cost` (``requests`` a single
    number).  Returns a dict with the quantities (``requests``,
    ``billed_duration_ms``, ``memory_gb``, ``gb_seconds``,
    ``billable_gb_seconds``), the parts in USD (``requests_usd``,
    ``compute_usd``, ``api_usd``, ``ephemeral_usd``, ``total_usd``) and
    ``steps``: a DataFrame with one row per part (``part``, ``formula`` with
    the reader's numbers, ``usd``) for "show the calculation" panels.
    """
    n = validate.number("requests", requests, low=0)
    s = lambda_settings(duration_ms, memory_mb, arch=arch, region=region, free_tier=free_tier,
                        api=api, ephemeral_mb=ephemeral_mb)
    parts = {k: float(v) for k, v in s.parts(np.asarray(n)).items()}
    bill = {"requests": n, "billed_duration_ms": s.billed_ms, "memory_gb": s.memory_gb, **parts}
    bill["steps"] = _bill_steps(n, s, parts)
    return bill


def _rate(x: float) -> str:
    return f"${x:.10f}".rstrip("0")


def _bill_steps(n, s: LambdaSettings, parts) -> pd.DataFrame:
    free_requests, free_gbs = s.free
    rows = []
    billed_requests = max(n - free_requests, 0)
    req_text = f"{n:,.0f}건" if not free_requests else f"({n:,.0f} − 무료 {free_requests:,.0f})건 = {billed_requests:,.0f}건"
    rows.append(("요청 요금", f"{req_text} × {_rate(s.usd_per_request)}/건", parts["requests_usd"]))
    gbs_text = (f"{n:,.0f}건 × {s.billed_ms:,} ms ÷ 1,000 × {s.memory_mb:,} MB ÷ 1,024 "
                f"= {parts['gb_seconds']:,.1f} GB-초")
    if free_gbs:
        gbs_text += f" − 무료 {free_gbs:,.0f} = {parts['billable_gb_seconds']:,.1f} GB-초"
    start, width, factor = s.tiers
    tier_terms = []
    for lo, w, f in zip(start, width, factor):
        amount = min(max(parts["billable_gb_seconds"] - lo, 0), w)
        if amount > 0:
            tier_terms.append(f"{amount:,.1f} × {_rate(s.usd_per_gb_second * f)}")
    rows.append(("컴퓨팅 요금(GB-초)", gbs_text + (f"; {' + '.join(tier_terms)}" if tier_terms else ""),
                 parts["compute_usd"]))
    if s.api:
        a_start, a_end, a_rate = s.api_tiers
        terms = [f"{min(max(n - lo, 0), hi - lo):,.0f}건 × ${r * 1e6:.2f}/100만 건"
                 for lo, hi, r in zip(a_start, a_end, a_rate) if n > lo] or [f"0건 × ${a_rate[0] * 1e6:.2f}/100만 건"]
        rows.append((f"API Gateway({s.api.upper()} API)", " + ".join(terms), parts["api_usd"]))
    if s.extra_ephemeral_gb:
        rows.append(("임시 스토리지(512 MB 초과분)",
                     f"{n:,.0f}건 × {s.billed_ms:,} ms ÷ 1,000 × {s.extra_ephemeral_gb:.3f} GB "
                     f"× {_rate(s.usd_per_ephemeral_gb_second)}/GB-초", parts["ephemeral_usd"]))
    rows.append(("합계", " + ".join(formats.usd(r[2], cents=True) for r in rows), parts["total_usd"]))
    return pd.DataFrame(rows, columns=["part", "formula", "usd"])


def break_even_requests(fixed_monthly_usd, duration_ms, memory_mb, **lambda_options) -> float:
    """Monthly requests at which Lambda costs exactly ``fixed_monthly_usd`` (USD per month).

    ``lambda_options`` are the keyword options of :func:`lambda_settings`
    (``arch``, ``region``, ``free_tier``, ``api``, ``ephemeral_mb``).  The
    Lambda bill is piecewise linear in requests, so the answer is solved on
    the linear piece where the bill crosses the fixed amount — exact, not
    sampled — with the free tier, the duration tiers and API Gateway bands
    respected (:meth:`LambdaSettings.break_even`).  Below the result Lambda is
    cheaper; above it, the fixed cost is.  A fixed amount of 0 gives 0.
    """
    fixed = validate.number("fixed_monthly_usd", fixed_monthly_usd, low=0)
    return lambda_settings(duration_ms, memory_mb, **lambda_options).break_even(fixed)


def illustrative_duration_ms(memory_mb, *, cpu_ms_at_one_vcpu: float, wait_ms: float = 0,
                             threads: int = 1):
    """ILLUSTRATIVE model (not a measurement) of how duration shrinks with memory (ms per request).

    Lambda gives CPU in proportion to memory: one vCPU-equivalent at
    ``memory_per_vcpu`` MB (1,769 MB) up to ``vcpu_max`` (6), both from
    ``data/lambda_limits.csv``.  Here a request needs ``cpu_ms_at_one_vcpu``
    of CPU work spread over ``threads`` threads plus ``wait_ms`` of waiting
    (network, disk) that memory does not speed up:

        duration = wait_ms + cpu_ms_at_one_vcpu / min(memory / 1,769, threads, 6)

    Real functions differ; measure before choosing a memory size.
    """
    limits = _current_lambda_limits()
    memory = validate.array("memory_mb", memory_mb, low=limits["memory_min"], high=limits["memory_max"])
    cpu = validate.number("cpu_ms_at_one_vcpu", cpu_ms_at_one_vcpu, low=0)
    wait = validate.number("wait_ms", wait_ms, low=0)
    threads = validate.number("threads", threads, low=1, high=limits["vcpu_max"], integer=True)
    vcpus = np.minimum(memory / limits["memory_per_vcpu"], threads)
    out = wait + cpu / vcpus
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------- capacity-aware comparison

#: The most stairs :func:`ec2_fleet_staircase` lays out (beyond that the traffic range is refused).
MAX_STAIRS = 200_000


def requests_to_avg_rps(requests):
    """Average requests per second of ``requests`` per month (a 730-hour month)."""
    reqs = validate.array("requests", requests, low=0)
    out = reqs / SECONDS_PER_MONTH
    return float(out) if out.ndim == 0 else out


def _capacity_args(peak_to_average, rps_per_instance, target_utilisation, min_instances):
    return (validate.number("peak_to_average", peak_to_average, low=1),
            validate.number("rps_per_instance", rps_per_instance, low=0, low_inclusive=False),
            validate.number("target_utilisation", target_utilisation, low=0, high=1, low_inclusive=False),
            int(validate.number("min_instances", min_instances, low=1, integer=True)))


def ec2_instances_needed(avg_rps, *, peak_to_average: float = 1.0, rps_per_instance: float,
                         target_utilisation: float = 1.0, min_instances: int = 1):
    """Instances a fleet needs for an average load of ``avg_rps`` requests per second.

    ``max(min_instances, ceil(avg_rps × peak_to_average / (rps_per_instance × target_utilisation)))``:
    the fleet is sized for the peak (average × peak-to-average ratio, ≥ 1),
    each instance is run at most at ``target_utilisation`` (0 < u ≤ 1) of the
    ``rps_per_instance`` it can serve, and never below ``min_instances`` (≥ 1).
    Accepts a number or a numpy array; returns int(s).
    """
    rps = validate.array("avg_rps", avg_rps, low=0)
    ratio, per, util, low = _capacity_args(peak_to_average, rps_per_instance, target_utilisation, min_instances)
    n = np.maximum(low, np.ceil(rps * ratio / (per * util))).astype(int)
    return int(n) if n.ndim == 0 else n


def _stair_requests(ratio: float, per: float, util: float) -> float:
    """Requests per month one instance of a fleet carries: rps × utilisation × 730 × 3,600 / peak-to-average."""
    return per * util * SECONDS_PER_MONTH / ratio


def ec2_fleet_monthly_cost(requests, instance_type: str, *, rps_per_instance: float,
                           peak_to_average: float = 1.0, target_utilisation: float = 1.0,
                           min_instances: int = 1, region: str = "us-east-1", discount_pct: float = 0,
                           public_ipv4: bool = False):
    """Monthly cost (USD) of an always-on EC2 fleet sized for ``requests`` per month.

    The fleet has :func:`ec2_instances_needed` instances for the average load
    ``requests / (730 × 3,600)`` rps — ``max(min_instances, ceil(requests /
    stair))`` with the stair of :func:`ec2_fleet_staircase` — each billed 730
    hours as in :func:`ec2_monthly_cost` (``discount_pct``, ``public_ipv4``).
    The result is a staircase in ``requests``.
    """
    reqs = validate.array("requests", requests, low=0)
    ratio, per, util, low = _capacity_args(peak_to_average, rps_per_instance, target_utilisation, min_instances)
    n = np.maximum(low, np.ceil(reqs / _stair_requests(ratio, per, util)))
    out = n * ec2_monthly_cost(instance_type, region=region, discount_pct=discount_pct, public_ipv4=public_ipv4)
    return float(out) if out.ndim == 0 else out


def ec2_fleet_staircase(max_requests, instance_type: str, *, rps_per_instance: float,
                        peak_to_average: float = 1.0, target_utilisation: float = 1.0,
                        min_instances: int = 1, region: str = "us-east-1", discount_pct: float = 0,
                        public_ipv4: bool = False) -> pd.DataFrame:
    """The stairs of :func:`ec2_fleet_monthly_cost` from 0 to ``max_requests`` per month, laid out once.

    One more instance every ``stair = rps_per_instance × target_utilisation ×
    730 × 3,600 / peak_to_average`` requests a month; the first stair holds
    ``min_instances``.  One row per fleet size: ``from_requests`` (exclusive,
    except 0), ``to_requests`` (inclusive), ``instances`` and ``monthly_usd``
    (USD per month).  More than :data:`MAX_STAIRS` stairs are refused.
    """
    top = validate.number("max_requests", max_requests, low=0, low_inclusive=False)
    ratio, per, util, low = _capacity_args(peak_to_average, rps_per_instance, target_utilisation, min_instances)
    stair = _stair_requests(ratio, per, util)
    n_max = max(low, math.ceil(top / stair))
    if n_max - low > MAX_STAIRS:
        raise validate.refuse("max_requests", max_requests, f"{stair * (low + MAX_STAIRS):,.0f} 이하의 수",
                              reason=f"인스턴스 수 계단이 {n_max - low:,}개나 되어 계산하지 않습니다.")
    counts = np.arange(low, n_max + 1)
    per_instance = ec2_monthly_cost(instance_type, region=region, discount_pct=discount_pct, public_ipv4=public_ipv4)
    return pd.DataFrame({
        "from_requests": np.where(counts == low, 0.0, (counts - 1) * stair),
        "to_requests": np.minimum(counts * stair, top),
        "instances": counts,
        "monthly_usd": counts * per_instance,
    })


def intervals_against_fleet(settings: LambdaSettings, staircase: pd.DataFrame) -> pd.DataFrame:
    """Where Lambda (``settings``) or the EC2 fleet (a :func:`ec2_fleet_staircase`) is cheaper.

    On each stair the fleet cost is flat, so Lambda is cheaper from the
    stair's start up to its break-even point for that cost
    (:meth:`LambdaSettings.break_even`, solved for every stair in one pass)
    and EC2 from there to the stair's end.  Returns the columns of
    :func:`cheaper_intervals`.
    """
    lo, hi = staircase["from_requests"].to_numpy(), staircase["to_requests"].to_numpy()
    counts = staircase["instances"].to_numpy()
    cut = np.clip(np.atleast_1d(settings.break_even(staircase["monthly_usd"].to_numpy())), lo, hi)
    # On stair k Lambda is cheaper on [lo, cut) and EC2 on [cut, hi].
    starts = np.column_stack([lo, cut]).ravel()
    ends = np.column_stack([cut, hi]).ravel()
    labels = np.tile(np.array(["lambda", "ec2"]), len(counts))
    n_of = np.repeat(counts, 2)
    keep = ends > starts
    starts, ends, labels, n_of = starts[keep], ends[keep], labels[keep], n_of[keep]
    new_run = np.r_[True, labels[1:] != labels[:-1]]
    last_of_run = np.r_[new_run[1:], True]
    return pd.DataFrame({
        "option": labels[new_run],
        "from_requests": starts[new_run],
        "to_requests": ends[last_of_run],
        "ec2_instances_from": n_of[new_run],
        "ec2_instances_to": n_of[last_of_run],
    })


def cheaper_intervals(duration_ms, memory_mb, instance_type: str, *, max_requests: float,
                      rps_per_instance: float, peak_to_average: float = 1.0,
                      target_utilisation: float = 1.0, min_instances: int = 1,
                      region: str = "us-east-1", ec2_discount_pct: float = 0,
                      ec2_public_ipv4: bool = False, **lambda_options) -> pd.DataFrame:
    """Every interval of monthly requests, 0 to ``max_requests``, where Lambda or EC2 is cheaper.

    EC2 is the capacity-aware fleet of :func:`ec2_fleet_staircase` (with
    ``ec2_discount_pct`` and ``ec2_public_ipv4``); Lambda is
    :func:`lambda_settings` with ``lambda_options`` (``arch``, ``free_tier``,
    ``api``, ``ephemeral_mb``) in the same ``region``.  The fleet cost is a
    staircase (one more instance every
    ``rps_per_instance × target_utilisation × 730 × 3,600 / peak_to_average``
    requests), so Lambda can win on several separate intervals; each is solved
    exactly by :func:`intervals_against_fleet`.

    Returns a DataFrame with columns ``option`` ("lambda" or "ec2"),
    ``from_requests``, ``to_requests`` (requests per month), and
    ``ec2_instances_from`` / ``ec2_instances_to`` (fleet size across the
    interval).  At the boundaries the two costs are equal.
    """
    stairs = ec2_fleet_staircase(max_requests, instance_type, rps_per_instance=rps_per_instance,
                                 peak_to_average=peak_to_average, target_utilisation=target_utilisation,
                                 min_instances=min_instances, region=region, discount_pct=ec2_discount_pct,
                                 public_ipv4=ec2_public_ipv4)
    return intervals_against_fleet(lambda_settings(duration_ms, memory_mb, region=region, **lambda_options), stairs)
