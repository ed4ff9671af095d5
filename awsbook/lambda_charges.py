"""Lambda's charges beyond on-demand requests and duration (USD).

* **Provisioned Concurrency** — the configured concurrency, billed per GB-second
  while it is enabled (rounded up to the billing step, 5 minutes), plus a lower
  duration rate for requests the provisioned environments serve; the free tier
  does not apply (:func:`provisioned_concurrency_bill`).
* **SnapStart** for Python and .NET — a snapshot cache per GB-second while a
  function version is active (at least 3 hours) and a charge per GB restored
  (:func:`snapstart_bill`).  Java pays neither.
* **HTTP response streaming** — per GB streamed beyond the first 6 MB of each
  response (:func:`response_streaming_cost`).
* **Lambda Managed Instances** — the EC2 instance price, a management fee in
  % of the instance's on-demand price, and requests; no duration charge
  (:func:`managed_instances_bill`).
* **Durable functions** — operations, data written and data retained, on top
  of the ordinary Lambda compute and requests (:func:`durable_functions_charges`).

Rates come from ``data/`` (the files are named in each function); every
function takes its rates as keyword arguments too (``None`` = ``data/``), so
an AWS example with other rates can be priced as published.  Units: money in
USD; memory in MB, billed in GB of 1,024 MB; times in hours or seconds as the
names say; data in GB.
"""

from __future__ import annotations

import math
from functools import lru_cache

from awsbook import cost, datasets, validate

SECONDS_PER_HOUR = cost.SECONDS_PER_HOUR
#: Runtimes SnapStart supports; the first two pay for SnapStart's cache and restores.
SNAPSTART_RUNTIMES = ("python", "dotnet", "java")
#: SnapStart is free for Java managed runtimes (``data/lambda_snapstart_prices.csv``, note).
SNAPSTART_FREE_RUNTIMES = ("java",)


def _table(name: str, key: tuple[str, ...]) -> dict:
    """Rows of ``data/<name>.csv`` (dicts) keyed by the tuple of their ``key`` columns."""
    rows = datasets.load(name).to_dict("records")
    return {tuple(r[k] for k in key): r for r in rows}


@lru_cache(maxsize=None)
def _tables() -> dict[str, dict]:
    return {
        "provisioned": _table("lambda_provisioned_prices", ("region", "arch")),
        "snapstart": _table("lambda_snapstart_prices", ("region", "arch")),
        "streaming": _table("lambda_streaming_prices", ("region",)),
        "durable": _table("lambda_durable_prices", ("region",)),
        "managed": datasets.load("lambda_managed_instances").iloc[0].to_dict(),
    }


def _row(kind: str, region: str, arch: str | None = None) -> dict:
    """The ``data/`` row of ``kind`` for ``region`` (and ``arch``), refusing a region or arch it lacks."""
    table = _tables()[kind]
    validate.choice("region", region, list(dict.fromkeys(k[0] for k in table)))
    if arch is None:
        return table[(region,)]
    validate.choice("arch", arch, [k[1] for k in table if k[0] == region])
    return table[(region, arch)]


#: The kinds of charge :func:`rates` reads, and the ``data/`` file of each.
RATE_FILES = {"provisioned": "lambda_provisioned_prices", "snapstart": "lambda_snapstart_prices",
              "streaming": "lambda_streaming_prices", "durable": "lambda_durable_prices",
              "managed": "lambda_managed_instances"}


def rates(kind: str, region: str = "us-east-1", arch: str = "x86_64") -> dict:
    """The ``data/`` row of one kind of charge (:data:`RATE_FILES`) as a dict of its columns (rates in USD).

    ``arch`` matters for ``provisioned`` and ``snapstart`` only; ``managed`` has one row for every region.
    """
    kind = validate.choice("kind", kind, list(RATE_FILES))
    if kind == "managed":
        return dict(_tables()["managed"])
    return dict(_row(kind, region, arch if kind in ("provisioned", "snapstart") else None))


def _memory_mb(memory_mb) -> int:
    """``memory_mb`` checked against Lambda's memory range (``data/lambda_limits.csv``), in MB."""
    return int(validate.number("memory_mb", memory_mb, low=cost.lambda_limit("memory_min"),
                               high=cost.lambda_limit("memory_max"), integer=True))


# --------------------------------------------------------------------------- Provisioned Concurrency

def provisioned_concurrency_bill(concurrency, memory_mb, enabled_hours, *, requests=0, duration_ms=None,
                                 arch: str = "x86_64", region: str = "us-east-1",
                                 usd_per_gb_second_concurrency=None, usd_per_gb_second_duration=None,
                                 usd_per_request=None) -> dict:
    """The charges of Provisioned Concurrency for one function (USD).

    * ``concurrency`` environments of ``memory_mb`` kept warm for
      ``enabled_hours`` (billed from enabling to disabling, rounded up to the
      billing step of ``data/lambda_provisioned_prices.csv``, 5 minutes):
      concurrency × GB × billed seconds × USD per GB-second of concurrency;
    * ``requests`` served by those environments, each ``duration_ms`` long
      (rounded up to a whole ms): requests × GB × seconds × the lower USD per
      GB-second of duration, plus requests × USD per request.  The free tier
      does not apply.

    Requests beyond the configured concurrency run at the on-demand rates:
    price them with :func:`awsbook.cost.lambda_bill`.  Returns the quantities
    ``billed_seconds``, ``concurrency_gb_seconds``, ``duration_gb_seconds`` and
    the parts ``concurrency_usd``, ``duration_usd``, ``requests_usd``,
    ``total_usd``.
    """
    n = validate.number("concurrency", concurrency, low=1, integer=True)
    memory = _memory_mb(memory_mb)
    gb = memory / cost.MB_PER_GB
    hours = validate.number("enabled_hours", enabled_hours, low=0, high=cost.MAX_HOURS_PER_MONTH)
    reqs = validate.number("requests", requests, low=0)
    row = _row("provisioned", region, arch)
    step = row["billing_step_seconds"]
    billed_seconds = math.ceil(hours * SECONDS_PER_HOUR / step) * step
    seconds_per_request = 0.0
    if reqs > 0:
        if duration_ms is None:
            raise validate.refuse("duration_ms", duration_ms, "0보다 큰 실행 시간(ms)",
                                  reason="requests가 0보다 크면 요청마다 실행 시간이 필요하므로")
        seconds_per_request = cost.lambda_settings(duration_ms, memory, arch=arch, region=region).billed_ms / 1000
    per_request = usd_per_request if usd_per_request is not None else cost.lambda_rates(arch, region)[0]
    per_request = validate.number("usd_per_request", per_request, low=0)
    concurrency_gbs = n * gb * billed_seconds
    duration_gbs = reqs * seconds_per_request * gb
    parts = {
        "concurrency_usd": concurrency_gbs * validate.rate("usd_per_gb_second_concurrency", usd_per_gb_second_concurrency,
                                                   row["usd_per_gb_second_concurrency"]),
        "duration_usd": duration_gbs * validate.rate("usd_per_gb_second_duration", usd_per_gb_second_duration,
                                             row["usd_per_gb_second_duration"]),
        "requests_usd": reqs * per_request,
    }
    return {"billed_seconds": billed_seconds, "concurrency_gb_seconds": concurrency_gbs,
            "duration_gb_seconds": duration_gbs, **parts, "total_usd": sum(parts.values())}


def provisioned_concurrency_break_even_pct(*, arch: str = "x86_64", region: str = "us-east-1") -> float:
    """How busy (%) provisioned environments must be for Provisioned Concurrency to cost less than on-demand.

    One GB-second of provisioned time costs the concurrency rate c plus, for
    the share u of it spent running requests, the lower duration rate d; on
    demand the same work costs u × the first-tier on-demand rate o.  Requests
    cost the same both ways, so they cancel: break-even u = c ÷ (o − d).
    (The on-demand free tier and tier discounts are left out.)
    """
    row = _row("provisioned", region, arch)
    on_demand = cost.lambda_rates(arch, region)[1]
    return 100 * row["usd_per_gb_second_concurrency"] / (on_demand - row["usd_per_gb_second_duration"])


# --------------------------------------------------------------------------- SnapStart

def snapstart_bill(memory_mb, active_hours, restores, *, versions: int = 1, runtime: str = "python",
                   arch: str = "x86_64", region: str = "us-east-1",
                   usd_per_gb_second_cache=None, usd_per_gb_restored=None) -> dict:
    """SnapStart's charges for Python and .NET functions (USD); Java pays none.

    * cache: each of ``versions`` published versions keeps a snapshot as large
      as the function's memory while active for ``active_hours``, billed for
      at least the minimum of ``data/lambda_snapstart_prices.csv`` (3 hours)
      and per millisecond after it: versions × GB × seconds × USD per GB-second;
    * restore: each of ``restores`` execution environments resumed from the
      snapshot: restores × GB × USD per GB restored.

    Returns ``cached_seconds`` (per version), ``cache_gb_seconds``,
    ``restored_gb``, ``cache_usd``, ``restore_usd`` and ``total_usd``.
    """
    gb = _memory_mb(memory_mb) / cost.MB_PER_GB
    hours = validate.number("active_hours", active_hours, low=0, high=cost.MAX_HOURS_PER_MONTH)
    n_restores = validate.number("restores", restores, low=0, integer=True)
    n_versions = validate.number("versions", versions, low=1, integer=True)
    runtime = validate.choice("runtime", runtime, SNAPSTART_RUNTIMES)
    row = _row("snapstart", region, arch)
    cached_seconds = max(math.ceil(hours * SECONDS_PER_HOUR * 1000) / 1000, row["minimum_cache_seconds"])
    cache_gbs = n_versions * gb * cached_seconds
    restored_gb = n_restores * gb
    cache_rate = validate.rate("usd_per_gb_second_cache", usd_per_gb_second_cache, row["usd_per_gb_second_cache"])
    restore_rate = validate.rate("usd_per_gb_restored", usd_per_gb_restored, row["usd_per_gb_restored"])
    if runtime in SNAPSTART_FREE_RUNTIMES:
        cache_rate = restore_rate = 0.0
    parts = {"cache_usd": cache_gbs * cache_rate, "restore_usd": restored_gb * restore_rate}
    return {"cached_seconds": cached_seconds, "cache_gb_seconds": cache_gbs, "restored_gb": restored_gb,
            **parts, "total_usd": sum(parts.values())}


# --------------------------------------------------------------------------- response streaming

def response_streaming_cost(requests, mb_per_request, *, free_tier: bool = False, region: str = "us-east-1",
                            usd_per_gb=None) -> float:
    """What HTTP response streaming costs for ``requests`` responses of ``mb_per_request`` MB each (USD).

    The first MB of each response up to ``free_mb_per_request`` of
    ``data/lambda_streaming_prices.csv`` (6 MB) is free; the rest is charged
    per GB of 1,024 MB: requests × max(MB − 6, 0) ÷ 1,024 × USD per GB.
    ``free_tier=True`` takes the monthly free allowance (100 GB) off those
    chargeable GB (the page does not say whether the allowance also counts the
    free first 6 MB; the model assumes it does not).  Responses of different
    sizes: call once per size and add.
    """
    reqs = validate.number("requests", requests, low=0)
    mb = validate.number("mb_per_request", mb_per_request, low=0)
    free = validate.boolean("free_tier", free_tier)
    row = _row("streaming", region)
    chargeable_gb = reqs * max(mb - row["free_mb_per_request"], 0.0) / cost.MB_PER_GB
    if free:
        chargeable_gb = max(chargeable_gb - row["free_gb_per_month"], 0.0)
    return chargeable_gb * validate.rate("usd_per_gb", usd_per_gb, row["usd_per_gb"])


# --------------------------------------------------------------------------- Managed Instances

def managed_instances_bill(requests, instance_hours, *, instance_type: str | None = None,
                           region: str = "us-east-1", discount_pct: float = 0, usd_per_instance_hour=None,
                           on_demand_usd_per_hour=None, management_fee_pct=None,
                           usd_per_million_requests=None) -> dict:
    """The monthly bill of Lambda Managed Instances (USD): requests + EC2 instances + management fee.

    * requests: requests ÷ 1,000,000 × USD per million requests;
    * instances: ``instance_hours`` (all instances' hours together) × the rate
      paid for the instance: ``usd_per_instance_hour`` if given, else the
      on-demand price of ``instance_type`` (``data/ec2_prices.csv``) less
      ``discount_pct`` (a Savings Plan or Reserved Instance, 0 ≤ d < 100);
    * management fee: instance hours × the on-demand price × fee % of
      ``data/lambda_managed_instances.csv`` (15 %): the fee follows the
      on-demand price, not the discounted one.

    There is no duration charge.  ``on_demand_usd_per_hour`` replaces the
    on-demand price from ``data/`` (give it or ``instance_type``).  Returns
    ``requests_usd``, ``instances_usd``, ``management_usd`` and ``total_usd``.
    """
    reqs = validate.number("requests", requests, low=0)
    hours = validate.number("instance_hours", instance_hours, low=0)
    discount = validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    if on_demand_usd_per_hour is None:
        if instance_type is None:
            raise validate.refuse("instance_type", instance_type, cost.instance_types(region),
                                  reason="on_demand_usd_per_hour를 주지 않으면 인스턴스 요금을 data/ec2_prices.csv에서 "
                                         "읽어야 하므로")
        on_demand = cost.ec2_hourly_price(instance_type, region)
    else:
        on_demand = validate.number("on_demand_usd_per_hour", on_demand_usd_per_hour, low=0, low_inclusive=False)
    if usd_per_instance_hour is None:
        paid = on_demand * (1 - discount / 100)
    elif discount:
        raise validate.refuse("discount_pct", discount_pct, "0",
                              reason="usd_per_instance_hour를 주면 그 요금이 이미 할인된 요금이므로")
    else:
        paid = validate.number("usd_per_instance_hour", usd_per_instance_hour, low=0)
    row = _tables()["managed"]
    fee = row["management_fee_pct"] if management_fee_pct is None else validate.number(
        "management_fee_pct", management_fee_pct, low=0, high=100)
    per_million = validate.rate("usd_per_million_requests", usd_per_million_requests, row["usd_per_million_requests"])
    parts = {
        "requests_usd": reqs / 1e6 * per_million,
        "instances_usd": hours * paid,
        "management_usd": hours * on_demand * fee / 100,
    }
    return {**parts, "total_usd": sum(parts.values())}


# --------------------------------------------------------------------------- durable functions

def durable_functions_charges(executions, *, operations_per_execution, gb_written_per_execution,
                              running_days, retention_days=None, hours_per_month: float = cost.HOURS_PER_MONTH,
                              region: str = "us-east-1", usd_per_million_operations=None,
                              usd_per_gb_written=None, usd_per_gb_month_retained=None) -> dict:
    """Durable functions' own charges for ``executions`` a month (USD), on top of Lambda compute and requests.

    * operations (starting an execution, each step, each wait):
      executions × operations per execution ÷ 1,000,000 × USD per million;
    * data written by them: executions × GB per execution × USD per GB;
    * data retained while the execution runs (``running_days``, waits
      included) and for ``retention_days`` after it ends (default, minimum
      and maximum in ``data/lambda_durable_prices.csv``: 14, 1–90 days), in
      GB-months prorated by the hour: GB written × (running + retention days)
      × 24 ÷ ``hours_per_month`` × USD per GB-month.  AWS's example counts a
      month as 30 days (``hours_per_month=720``); the book's default is 730 h.

    The Lambda compute and requests are priced as usual: every invocation (the
    first, and one per resume after a wait or a retry) is a request, and a wait
    bills no duration (:func:`awsbook.cost.lambda_bill`).  Returns
    ``operations``, ``gb_written``, ``gb_months_retained``, ``operations_usd``,
    ``written_usd``, ``retained_usd`` and ``total_usd``.
    """
    n = validate.number("executions", executions, low=0)
    ops = validate.number("operations_per_execution", operations_per_execution, low=0)
    gb_each = validate.number("gb_written_per_execution", gb_written_per_execution, low=0)
    running = validate.number("running_days", running_days, low=0)
    month_hours = validate.number("hours_per_month", hours_per_month, low=0, high=cost.MAX_HOURS_PER_MONTH,
                                  low_inclusive=False)
    row = _row("durable", region)
    kept = row["default_retention_days"] if retention_days is None else validate.number(
        "retention_days", retention_days, low=row["min_retention_days"], high=row["max_retention_days"])
    operations = n * ops
    gb_written = n * gb_each
    gb_months = gb_written * (running + kept) * 24 / month_hours
    parts = {
        "operations_usd": operations / 1e6 * validate.rate("usd_per_million_operations", usd_per_million_operations,
                                                   row["usd_per_million_operations"]),
        "written_usd": gb_written * validate.rate("usd_per_gb_written", usd_per_gb_written, row["usd_per_gb_written"]),
        "retained_usd": gb_months * validate.rate("usd_per_gb_month_retained", usd_per_gb_month_retained,
                                          row["usd_per_gb_month_retained"]),
    }
    return {"operations": operations, "gb_written": gb_written, "gb_months_retained": gb_months,
            **parts, "total_usd": sum(parts.values())}
