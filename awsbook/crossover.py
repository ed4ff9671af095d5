"""Where Lambda's pay-per-request bill crosses always-on options (EC2, Fargate).

Pure functions on top of :mod:`awsbook.cost`; no price is read or computed
here.  Units: money in USD per month, traffic in requests per month (``N``)
or average requests per second (``N / (730 × 3,600)``), memory in MB,
duration in ms per request, busy time in hours per day.

* :func:`ec2_option` / :func:`fargate_option` — an always-on option and its
  flat monthly cost, or ``None`` when ``data/`` has no price for it in the region;
* :func:`priced_lambda` / :func:`break_even_rows` / :func:`break_even_table` — the
  break-even point of Lambda against each option, used by the crossover chart and
  by the chapter's prose (Lambda settings checked once, every point solved in one pass);
* :func:`break_even_memory_mb` — the memory at which Lambda costs as much as a
  fixed amount for a given traffic;
* :func:`busy_hours_costs` / :func:`break_even_busy_hours` — a workload that is
  busy only some hours a day;
* :func:`public_ipv4_break_even_shift` — how far the public IPv4 charge moves a
  break-even point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from awsbook import cost, datasets, formats, validate

#: Days in the book's 730-hour month.
DAYS_PER_MONTH = cost.HOURS_PER_MONTH / 24

#: The chapter's reference workload and always-on options (choices, not prices).
REFERENCE = {
    "duration_ms": 100, "memory_mb": 512, "instance_type": "t3.small", "region": "us-east-1",
    "fargate_vcpu": 0.5, "fargate_memory_gb": 1.0,
}

#: The book's assumptions for an EC2 fleet: run each instance at 70% of what it can serve, and keep
#: at least two instances (in two availability zones) for availability.
SIZING = {"target_utilisation": 0.7, "min_instances": 2}
#: Chapter 4's first look at capacity: the same 70%, but the fleet's smallest size (one instance), to
#: show the staircase before chapter 8 adds the second availability zone.
FIRST_LOOK_SIZING = {"target_utilisation": 0.7, "min_instances": 1}
#: Assumed requests per second one instance serves (an application's own figure must be measured).
RPS_PER_INSTANCE = 50
#: Default settings of the chapter's capacity and busy-hours views.
CAPACITY_DEFAULT = {"peak_to_average": 2, "rps_per_instance": 20}
BUSY_RPS = 20

#: Columns of :func:`break_even_table`.
TABLE_COLUMNS = ("option", "monthly_usd", "requests_per_month", "requests_per_second", "note")

NO_PRICE = "요금 자료 없음"


@dataclass(frozen=True)
class FixedOption:
    """An always-on option whose bill does not depend on traffic.

    ``monthly_usd`` is USD per month, or ``None`` when ``data/`` has no price
    for the option in its region; ``note`` then says so in Korean.
    ``formula`` spells out how ``monthly_usd`` was computed, with the numbers.
    """

    name: str
    monthly_usd: float | None
    formula: str = ""
    note: str = ""


def ec2_option(instance_type: str, *, count: int = 1, region: str = "us-east-1",
               discount_pct: float = 0, public_ipv4: bool = False) -> FixedOption:
    """``count`` always-on EC2 instances: monthly cost from :func:`cost.ec2_monthly_cost` (USD).

    ``public_ipv4=True`` adds one public IPv4 address per instance (its hourly
    charge, not discounted).  A type with no price in ``region`` gives
    ``monthly_usd=None``; a type unknown in every region is refused with the
    closest names.
    """
    validate.choice("instance_type", instance_type, sorted(cost.instance_types()))
    count = int(validate.number("count", count, low=1, integer=True))
    validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    name = f"EC2 {instance_type} × {count}대" + (" + 공인 IPv4" if public_ipv4 else "")
    if not cost.has_price("ec2", region, instance_type):
        return FixedOption(name, None, note=f"{NO_PRICE}: {instance_type}의 {region} 요금")
    usd = cost.ec2_monthly_cost(instance_type, count=count, region=region, discount_pct=discount_pct,
                                public_ipv4=public_ipv4)
    rate = cost.ec2_hourly_price(instance_type, region)
    if public_ipv4:
        formula = (f"(${rate:g}/시간 × (1 − {discount_pct:g}%) + 공인 IPv4 "
                   f"${cost.public_ipv4_hourly_price(region):g}/시간) × {cost.HOURS_PER_MONTH}시간 × {count}대 "
                   f"= {formats.usd(usd, cents=True)}")
    else:
        formula = (f"${rate:g}/시간 × {cost.HOURS_PER_MONTH}시간 × {count}대 × (1 − {discount_pct:g}%) "
                   f"= {formats.usd(usd, cents=True)}")
    return FixedOption(name, usd, formula)


def fargate_option(vcpu: float, memory_gb: float, *, tasks: int = 1, arch: str = "x86_64",
                   region: str = "us-east-1", discount_pct: float = 0) -> FixedOption:
    """``tasks`` always-on Fargate tasks: monthly cost from :func:`cost.fargate_monthly_cost` (USD).

    A region with no Fargate price in ``data/`` gives ``monthly_usd=None``.
    """
    tasks = int(validate.number("tasks", tasks, low=1, integer=True))
    name = f"Fargate {vcpu:g} vCPU·{memory_gb:g} GB × {tasks}개"
    validate.choice("arch", arch, datasets.ARCHES)
    if not cost.has_price("fargate", region, arch):
        # Still refuse a task size Fargate does not offer, priced or not.
        cost.fargate_monthly_cost(vcpu, memory_gb, tasks=tasks, arch=arch, discount_pct=discount_pct)
        return FixedOption(name, None, note=f"{NO_PRICE}: Fargate의 {region} 요금")
    usd = cost.fargate_monthly_cost(vcpu, memory_gb, tasks=tasks, arch=arch, region=region,
                                    discount_pct=discount_pct)
    hourly = cost.fargate_monthly_cost(vcpu, memory_gb, arch=arch, region=region, hours=1)
    formula = (f"태스크 1개 ${hourly:.5f}/시간 × {cost.HOURS_PER_MONTH}시간 × {tasks}개 "
               f"× (1 − {discount_pct:g}%) = {formats.usd(usd, cents=True)}")
    return FixedOption(name, usd, formula)


def requests_per_second(requests_per_month):
    """Average requests per second of ``requests_per_month`` (a 730-hour month)."""
    return cost.requests_to_avg_rps(requests_per_month)


def priced_lambda(duration_ms, memory_mb, **lambda_options) -> tuple[cost.LambdaSettings, str]:
    """The Lambda settings checked once (:func:`cost.lambda_settings`), and why they cannot be priced.

    Returns ``(settings, note)``.  ``note`` is empty when ``data/`` prices the
    whole setting; when API Gateway has no price for the region it says so in
    Korean and ``settings`` are those of the function without API Gateway (still
    checked: a bad value is the reader's error, not a gap in ``data/``).
    """
    region, api = lambda_options.get("region", "us-east-1"), lambda_options.get("api")
    if api is not None and validate.choice("api", api, cost.API_KINDS) and not cost.has_price("api", region, api):
        return (cost.lambda_settings(duration_ms, memory_mb, **(lambda_options | {"api": None})),
                f"{NO_PRICE}: API Gateway {api.upper()} API의 {region} 요금")
    return cost.lambda_settings(duration_ms, memory_mb, **lambda_options), ""


def break_even_rows(options, settings: cost.LambdaSettings, note: str = "") -> pd.DataFrame:
    """Break-even point of Lambda (checked ``settings``) against each always-on option in ``options``.

    ``options`` is a sequence of :class:`FixedOption`; ``note`` (from
    :func:`priced_lambda`) blanks every row when Lambda cannot be priced.  All
    break-even points are solved in one pass (:meth:`cost.LambdaSettings.break_even`).
    One row per option, columns :data:`TABLE_COLUMNS` (see :func:`break_even_table`).
    """
    for option in options:
        if not isinstance(option, FixedOption):
            raise validate.refuse("options", option, "ec2_option()·fargate_option()이 돌려주는 FixedOption",
                                  type_error=True, contained=True)
    priced = [o.monthly_usd is not None and not o.note and not note for o in options]
    solved = iter(np.atleast_1d(settings.break_even([o.monthly_usd for o, p in zip(options, priced) if p])))
    rows = []
    for option, ok in zip(options, priced):
        requests = float(next(solved)) if ok else math.nan
        usd = math.nan if option.monthly_usd is None else option.monthly_usd
        rps = math.nan if math.isnan(requests) else requests_per_second(requests)
        rows.append((option.name, usd, requests, rps, "" if ok else option.note or note))
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def break_even_table(options, duration_ms, memory_mb, **lambda_options) -> pd.DataFrame:
    """Break-even point of Lambda against each always-on option in ``options``.

    ``options`` is a sequence of :class:`FixedOption`; ``lambda_options`` are
    the keyword options of :func:`cost.lambda_monthly_cost`, checked once.
    One row per option, columns :data:`TABLE_COLUMNS`:

    * ``monthly_usd`` — the option's flat cost (USD per month);
    * ``requests_per_month`` — :func:`cost.break_even_requests` for that cost:
      below it Lambda is cheaper, above it the option is;
    * ``requests_per_second`` — the same traffic as an average rate (÷ 730 × 3,600);
    * ``note`` — why a row has no numbers (a price missing from ``data/``).
    """
    return break_even_rows(options, *priced_lambda(duration_ms, memory_mb, **lambda_options))


def break_even_memory_mb(fixed_monthly_usd, requests, duration_ms, **lambda_options) -> int:
    """Smallest memory (whole MB) at which Lambda costs at least ``fixed_monthly_usd`` (USD per month).

    For ``requests`` per month of ``duration_ms`` each, Lambda's bill grows
    with memory; below the returned size Lambda is cheaper than the fixed
    amount.  Refused (Korean ``ValueError``) when Lambda is cheaper even at the
    largest memory or not cheaper even at the smallest.
    """
    fixed = validate.number("fixed_monthly_usd", fixed_monthly_usd, low=0, low_inclusive=False)
    low, high = int(cost.lambda_limit("memory_min")), int(cost.lambda_limit("memory_max"))

    def bill(mb: int) -> float:
        return cost.lambda_monthly_cost(requests, duration_ms, mb, **lambda_options)

    if bill(high) < fixed:
        most = formats.usd(bill(high), cents=True)
        raise validate.refuse("fixed_monthly_usd", fixed_monthly_usd, f"{most} 이하의 금액",
                              reason=f"최대 메모리 {high:,} MB에서도 Lambda 요금({most})이 더 싸서 "
                                     "손익분기 메모리가 없습니다.")
    if bill(low) >= fixed:
        least = formats.usd(bill(low), cents=True)
        raise validate.refuse("fixed_monthly_usd", fixed_monthly_usd, f"{least}보다 큰 금액",
                              reason=f"최소 메모리 {low:,} MB에서도 Lambda 요금({least})이 같거나 더 비쌉니다.")
    while high - low > 1:  # invariant: bill(low) < fixed <= bill(high)
        mid = (low + high) // 2
        low, high = (mid, high) if bill(mid) < fixed else (low, mid)
    return high


def busy_month_requests(hours_per_day, busy_rps):
    """Requests per month of a service busy ``hours_per_day`` at ``busy_rps`` and idle otherwise.

    ``busy_rps × 3,600 × hours_per_day × 730 / 24``; accepts arrays of hours.
    """
    hours = validate.array("hours_per_day", hours_per_day, low=0, high=24)
    rps = validate.number("busy_rps", busy_rps, low=0)
    out = rps * 3600 * hours * DAYS_PER_MONTH
    return float(out) if out.ndim == 0 else out


def busy_hours_costs(hours_per_day, busy_rps, duration_ms, memory_mb, instance_type, *,
                     rps_per_instance: float, target_utilisation: float = 1.0, min_instances: int = 1,
                     region: str = "us-east-1", **lambda_options) -> pd.DataFrame:
    """Monthly cost (USD) of a workload busy ``hours_per_day`` at ``busy_rps``, per option.

    The EC2 fleet has :func:`cost.ec2_instances_needed` instances for
    ``busy_rps``.  Columns: ``hours_per_day``, ``requests_per_month``,
    ``lambda_usd`` (:func:`cost.lambda_monthly_cost`), ``ec2_always_on_usd``
    (the fleet running all 730 hours) and ``ec2_scheduled_usd`` (the same
    fleet started only for the busy hours, ``hours_per_day × 730 / 24`` hours).
    """
    hours = np.atleast_1d(validate.array("hours_per_day", hours_per_day, low=0, high=24))
    requests = busy_month_requests(hours, busy_rps)
    count = cost.ec2_instances_needed(busy_rps, rps_per_instance=rps_per_instance,
                                      target_utilisation=target_utilisation, min_instances=min_instances)
    lam = cost.lambda_monthly_cost(requests, duration_ms, memory_mb, region=region, **lambda_options)
    always = cost.ec2_monthly_cost(instance_type, count=count, region=region)
    scheduled = [cost.ec2_monthly_cost(instance_type, count=count, region=region, hours=h * DAYS_PER_MONTH)
                 for h in hours]
    return pd.DataFrame({
        "hours_per_day": hours, "requests_per_month": requests, "lambda_usd": lam,
        "ec2_always_on_usd": always, "ec2_scheduled_usd": scheduled, "ec2_instances": count,
    })


def break_even_busy_hours(busy_rps, duration_ms, memory_mb, instance_type, *, rps_per_instance: float,
                          target_utilisation: float = 1.0, min_instances: int = 1,
                          region: str = "us-east-1", **lambda_options) -> float:
    """Busy hours per day at which Lambda costs as much as the always-on EC2 fleet.

    The fleet is the one of :func:`busy_hours_costs`; the answer comes from
    :func:`cost.break_even_requests` divided by the requests one busy hour a
    day brings in a month.  Below it Lambda is cheaper.  Returns ``math.inf``
    when Lambda stays cheaper even when busy all 24 hours.
    """
    rps = validate.number("busy_rps", busy_rps, low=0, low_inclusive=False)
    count = cost.ec2_instances_needed(rps, rps_per_instance=rps_per_instance,
                                      target_utilisation=target_utilisation, min_instances=min_instances)
    fleet = cost.ec2_monthly_cost(instance_type, count=count, region=region)
    requests = cost.break_even_requests(fleet, duration_ms, memory_mb, region=region, **lambda_options)
    hours = requests / busy_month_requests(1, rps)
    return hours if hours <= 24 else math.inf


def public_ipv4_break_even_shift(instance_type: str = "t3.micro", *, duration_ms: float = REFERENCE["duration_ms"],
                                 memory_mb: int = REFERENCE["memory_mb"], region: str = REFERENCE["region"],
                                 **lambda_options) -> dict[str, float]:
    """How far the public IPv4 charge moves Lambda's break-even point against one always-on instance.

    Defaults: ``instance_type`` t3.micro against the chapter's reference Lambda
    (100 ms, 512 MB, us-east-1).  Returns a dict: ``ec2_usd`` and
    ``ec2_ipv4_usd`` (the instance's monthly cost without and with one public
    IPv4 address, USD per month), ``requests`` and ``requests_ipv4`` (break-even
    requests per month from :func:`cost.break_even_requests`), and
    ``shift_pct`` (how much later the break-even comes, % of ``requests``).
    """
    without = cost.ec2_monthly_cost(instance_type, region=region)
    with_ipv4 = cost.ec2_monthly_cost(instance_type, region=region, public_ipv4=True)
    plain = cost.break_even_requests(without, duration_ms, memory_mb, region=region, **lambda_options)
    shifted = cost.break_even_requests(with_ipv4, duration_ms, memory_mb, region=region, **lambda_options)
    return {"ec2_usd": without, "ec2_ipv4_usd": with_ipv4, "requests": plain, "requests_ipv4": shifted,
            "shift_pct": 100 * (shifted / plain - 1)}
