"""Serving one day of traffic three ways: fixed capacity, auto-scaling, pay per request.

Time runs in hourly steps over one day (24 steps).  Demand in each step is
the average load of that hour in requests per second (rps); capacity is the
load the servers could carry in that hour, also in rps.  The day repeats, so
the hour before 00:00 is 23:00 of the same curve.

* **fixed** — enough instances for the day's peak hour, all day:
  ``max(1, ceil(peak / rps_per_instance))``.
* **autoscaling** — each hour runs the instances the demand of ``delay_hours``
  earlier needed: ``n[h] = max(1, ceil(demand[h - delay] / (rps_per_instance × u)))``
  with target utilisation ``u`` (default 1; indices wrap around the day).  ``delay_hours = 0`` is a perfect, instant
  scaler; a delay stands for the time to notice the load and start instances.
  Scaling on hourly averages is a simplification: a real scaler reacts in
  minutes, and load varies within an hour.
* **per_request** — Lambda: capacity follows demand, up to the account's
  default concurrency quota (concurrency = rps × duration in seconds).

``rps_per_instance`` (requests per second one instance serves) is an
ASSUMPTION the reader sets, not a measured property of any instance type;
it depends entirely on the application.  Instances are billed for every hour
they run at the on-demand price of ``data/ec2_prices.csv``; Lambda is billed
per request and GB-second through :func:`awsbook.cost.lambda_monthly_cost`
(no free tier).  Money is USD per day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from awsbook import cost, datasets, validate

HOURS_PER_DAY = 24
SECONDS_PER_HOUR = 3600
#: Days in the 730-hour billing month used by :mod:`awsbook.cost`.
DAYS_PER_MONTH = cost.HOURS_PER_MONTH / HOURS_PER_DAY

#: ASSUMPTION (scenario default, not a fact): the day's average load, requests per second.
DEFAULT_MEAN_RPS = 100.0
#: ASSUMPTION (scenario default, not a fact): requests per second one instance serves.
DEFAULT_RPS_PER_INSTANCE = 50.0
#: ASSUMPTION (scenario default, not a fact): Lambda duration per request, ms.
DEFAULT_DURATION_MS = 100.0
#: ASSUMPTION (scenario default, not a fact): Lambda memory size, MB.
DEFAULT_MEMORY_MB = 512
#: ASSUMPTION (scenario default, not a fact): share of an instance's capacity auto-scaling aims to use.
DEFAULT_TARGET_UTILISATION = 1.0
#: The fewest instances a plan ever runs (the fleet never scales to zero).
MIN_INSTANCES = 1

PLANS = ("fixed", "autoscaling", "per_request")


@dataclass(frozen=True)
class Serving:
    """How one way of serving handles the day (arrays have one value per hour, in rps).

    ``instances`` is the instance count per hour (``None`` for pay per
    request); ``idle_rps`` = max(capacity − demand, 0) is paid-for capacity
    nobody used; ``unserved_rps`` = max(demand − capacity, 0) is demand that
    found no capacity; ``cost_usd`` is the bill for the day (USD).
    """

    plan: str
    capacity_rps: np.ndarray
    instances: np.ndarray | None
    idle_rps: np.ndarray
    unserved_rps: np.ndarray
    cost_usd: float

    @property
    def idle_share(self) -> float:
        """Share of the day's capacity that sat idle (0–1)."""
        total = float(self.capacity_rps.sum())
        return float(self.idle_rps.sum()) / total if total > 0 else 0.0

    @property
    def unserved_requests(self) -> float:
        """Requests in the day that found no capacity (each hour: rps × 3,600 s)."""
        return float(self.unserved_rps.sum()) * SECONDS_PER_HOUR

    @property
    def served_requests(self) -> float:
        """Requests in the day that found capacity (capacity − idle, × 3,600 s per hour)."""
        return float((self.capacity_rps - self.idle_rps).sum()) * SECONDS_PER_HOUR

    @property
    def instance_hours(self) -> float:
        """Instance-hours billed in the day (0 for pay per request)."""
        return float(self.instances.sum()) if self.instances is not None else 0.0


@dataclass(frozen=True)
class Day:
    """One day of demand (rps per hour) and how each plan in :data:`PLANS` serves it."""

    demand_rps: np.ndarray
    plans: dict[str, Serving]


def traffic_profile() -> np.ndarray:
    """The SYNTHETIC day of ``data/traffic_day.csv``: 24 hourly values relative to the day's mean."""
    table = datasets.load("traffic_day").sort_values("hour")
    if list(table["hour"]) != list(range(HOURS_PER_DAY)):
        raise datasets.DataError("data/traffic_day.csv: 'hour' 열은 0부터 23까지 한 번씩 있어야 합니다.")
    return table["relative_demand"].to_numpy(dtype=float)


def _check_day(demand_rps) -> np.ndarray:
    demand = validate.array("demand_rps", demand_rps, low=0)
    if demand.shape != (HOURS_PER_DAY,):
        raise validate.refuse("demand_rps", demand_rps, f"한 시간에 하나씩 {HOURS_PER_DAY}개의 값",
                              shown=f"값 {demand.size}개")
    return demand


def _peak_to_average(weights: np.ndarray) -> float:
    return float(weights.max() / weights.mean())


def shape_demand(profile, peak_to_average: float, mean_rps: float = DEFAULT_MEAN_RPS) -> np.ndarray:
    """Scale ``profile`` to an average of ``mean_rps`` with the given peak-to-average ratio (rps).

    The shape is reshaped by a power: ``demand ∝ profile ** k``, with ``k ≥ 0``
    found by bisection so that max / mean equals ``peak_to_average``.  ``k = 0``
    is a flat day (ratio 1), ``k = 1`` the profile itself, larger ``k`` a
    sharper peak; the busiest and quietest hours stay the same.  The ratio
    must be at least 1 and below n / (number of peak hours), the ratio of a
    day whose whole load falls in its peak hours.  Values are rounded to
    10⁻⁶ rps, so floating-point noise cannot lift a peak of exactly
    k × ``rps_per_instance`` to one instance more.
    """
    shape = validate.array("profile", profile, low=0, low_inclusive=False)
    if shape.ndim != 1 or shape.size < 2:
        raise validate.refuse("profile", profile, "2개 이상의 값을 담은 1차원 배열", shown=f"값 {shape.size}개")
    mean = validate.number("mean_rps", mean_rps, low=0)
    relative = shape / shape.max()
    peaks = int(np.isclose(relative, 1.0, rtol=0, atol=1e-12).sum())
    if peaks == shape.size:
        ratio = validate.number("peak_to_average", peak_to_average, low=1, high=1)
    else:
        ratio = validate.number("peak_to_average", peak_to_average, low=1,
                                high=shape.size / peaks, high_inclusive=False)
    low, high = 0.0, 1.0
    while _peak_to_average(relative**high) < ratio:
        low, high = high, high * 2
    for _ in range(200):
        mid = (low + high) / 2
        if _peak_to_average(relative**mid) < ratio:
            low = mid
        else:
            high = mid
        if high - low <= 1e-12 * max(high, 1.0):
            break
    weights = relative**high
    return np.round(mean * weights / weights.mean(), 6)


def fixed_instances(demand_rps, rps_per_instance: float) -> np.ndarray:
    """Instances per hour when capacity is fixed for the peak hour (the same count every hour)."""
    demand = _check_day(demand_rps)
    per = validate.number("rps_per_instance", rps_per_instance, low=0, low_inclusive=False)
    n = cost.ec2_instances_needed(float(demand.max()), rps_per_instance=per, min_instances=MIN_INSTANCES)
    return np.full(HOURS_PER_DAY, n, dtype=int)


def autoscaled_instances(demand_rps, rps_per_instance: float, delay_hours: int, *,
                         target_utilisation: float = DEFAULT_TARGET_UTILISATION) -> np.ndarray:
    """Instances per hour when each hour runs what the demand ``delay_hours`` earlier needed.

    ``n[h] = max(MIN_INSTANCES, ceil(demand[(h − delay) mod 24] / (rps_per_instance × target_utilisation)))``.
    A target utilisation below 1 (0 < u ≤ 1) keeps headroom for load that
    grows before the scaler catches up, at the price of more instance-hours.
    """
    demand = _check_day(demand_rps)
    per = validate.number("rps_per_instance", rps_per_instance, low=0, low_inclusive=False)
    delay = int(validate.number("delay_hours", delay_hours, low=0, high=HOURS_PER_DAY - 1, integer=True))
    need = np.asarray(cost.ec2_instances_needed(demand, rps_per_instance=per, target_utilisation=target_utilisation,
                                                min_instances=MIN_INSTANCES), dtype=int)
    return np.roll(need, delay)


def _instance_plan(plan: str, demand: np.ndarray, instances: np.ndarray, per: float,
                   hourly_usd: float) -> Serving:
    capacity = instances * per
    return Serving(plan=plan, capacity_rps=capacity.astype(float), instances=instances,
                   idle_rps=np.maximum(capacity - demand, 0.0),
                   unserved_rps=np.maximum(demand - capacity, 0.0),
                   cost_usd=float(instances.sum()) * hourly_usd)


def _per_request_plan(demand: np.ndarray, duration_ms: float, memory_mb: int, arch: str,
                      region: str) -> Serving:
    duration = validate.number("duration_ms", duration_ms, low=0, low_inclusive=False)
    ceiling_rps = cost.lambda_limit("concurrency_default") / (duration / 1000)
    capacity = np.minimum(demand, ceiling_rps)
    served_per_day = float(capacity.sum()) * SECONDS_PER_HOUR
    monthly = cost.lambda_monthly_cost(served_per_day * DAYS_PER_MONTH, duration, memory_mb,
                                       arch=arch, region=region, free_tier=False)
    return Serving(plan="per_request", capacity_rps=capacity, instances=None,
                   idle_rps=np.zeros_like(demand), unserved_rps=demand - capacity,
                   cost_usd=monthly / DAYS_PER_MONTH)


def serve_day(demand_rps, *, rps_per_instance: float = DEFAULT_RPS_PER_INSTANCE, delay_hours: int = 1,
              instance_type: str = "m7g.large", region: str = "us-east-1",
              target_utilisation: float = DEFAULT_TARGET_UTILISATION, duration_ms: float = DEFAULT_DURATION_MS,
              memory_mb: int = DEFAULT_MEMORY_MB, arch: str = "x86_64") -> Day:
    """Serve 24 hourly demands (rps) the three ways of :data:`PLANS`; costs in USD per day.

    Instance plans use ``instance_type`` in ``region`` at ``rps_per_instance``
    (an assumption); auto-scaling aims at ``target_utilisation`` of that,
    while fixed capacity is sized for the peak at full use.  The
    pay-per-request plan is Lambda with ``duration_ms``, ``memory_mb`` and
    ``arch`` in the same region.
    """
    demand = _check_day(demand_rps)
    per = validate.number("rps_per_instance", rps_per_instance, low=0, low_inclusive=False)
    hourly = cost.ec2_hourly_price(instance_type, region)
    plans = {
        "fixed": _instance_plan("fixed", demand, fixed_instances(demand, per), per, hourly),
        "autoscaling": _instance_plan("autoscaling", demand,
                                      autoscaled_instances(demand, per, delay_hours,
                                                           target_utilisation=target_utilisation),
                                      per, hourly),
        "per_request": _per_request_plan(demand, duration_ms, memory_mb, arch, region),
    }
    return Day(demand_rps=demand, plans=plans)


def day_scenario(peak_to_average: float = 2.0, delay_hours: int = 1, instance_type: str = "m7g.large", *,
                 mean_rps: float = DEFAULT_MEAN_RPS, **serve_options) -> Day:
    """The book's scenario: the synthetic day of ``data/traffic_day.csv`` reshaped and served.

    Demand is :func:`shape_demand` of :func:`traffic_profile` with
    ``peak_to_average`` and ``mean_rps``; ``serve_options`` go to :func:`serve_day`.
    """
    demand = shape_demand(traffic_profile(), peak_to_average, mean_rps)
    return serve_day(demand, delay_hours=delay_hours, instance_type=instance_type, **serve_options)
