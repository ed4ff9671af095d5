"""Every number the book's prose quotes: computed here from ``data/`` and the models,
written into the Markdown by one command.

The prose holds each quoted number as plain text between two HTML comments::

    최대 메모리는 <!--num lam_memory_max:,.0f-->10,240<!--/num--> MB입니다.

The comment names the value (a key of :func:`values`) and its Python format
spec.  Comments are invisible in the HTML book, in JupyterLab (with or
without jupyterlab-myst), on GitHub and in VS Code, so every reader sees the
number itself and no kernel is needed to read it.  After a change in ``data/``::

    python -m awsbook.prose sync      # rewrite every quoted number, print what moved
    python -m awsbook.prose check     # exit 1 if any quoted number is out of date

A value may also be a word computed from the numbers (e.g. whether a downtime
stays within a budget), so a comparison in the prose cannot contradict them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from awsbook import availability as av
from awsbook import (containers, cost, crossover, datasets, elasticity, exercises, formats, labs, lambda_charges,
                     lambda_concurrency, latency, money, os_support, registration, sli)
from awsbook.exercises import lambda_ as lambda_exercises
from awsbook.exercises import slo_operations as slo_exercises
from awsbook.exercises.containers import REG_INSTANCE, registration_eks_weeks

ROOT = Path(__file__).resolve().parent.parent
#: Files whose prose may quote numbers (notebooks: markdown cells only).
SOURCES = ("intro.md", "chapters/*.ipynb", "appendix/*.md", "labs/*.md", "labs/*/lab.ipynb")

MARKER = re.compile(r"<!--num (?P<key>[a-z0-9_.-]+)(?::(?P<spec>[^>]*?))?-->(?P<text>.*?)<!--/num-->")
#: A choice exercise's option list: ``<!--choices <id>-->`` and ``<!--/choices-->`` on lines of their own,
#: the list between them written by :func:`sync` from the exercise's options (key ``<id>.choices``).
CHOICES = re.compile(r"<!--choices (?P<key>[a-z0-9_.-]+)-->(?P<text>.*?)<!--/choices-->", re.S)


# --------------------------------------------------------------------------- the numbers, chapter by chapter

def _old_limit(quantity: str) -> tuple[float, dt.date]:
    """The superseded value of a Lambda quota and the date it stopped applying."""
    limits = datasets.load("lambda_limits")
    old = limits[(limits["quantity"] == quantity) & limits["valid_until"].notna()].iloc[0]
    return float(old["value"]), old["valid_until"]


def _krw_text(usd: float) -> str:
    """A USD amount in won as the prose gives it, without VAT, at the book's exchange rate
    (:func:`awsbook.money.to_krw`, :func:`awsbook.formats.won_spoken`)."""
    return formats.won_spoken(money.to_krw(usd))


#: The registration month served three ways in chapter 1: instance type and region of its servers
#: (the chapter's day scenario uses the same), each server's throughput (the day scenario's assumption).
OV_MONTH_TYPE, OV_MONTH_REGION = "m7g.large", "us-east-1"
OPENING = registration.OPENING


def overview() -> dict[str, object]:
    """Chapter 1 (overview): the registration month (its spike, its average, three ways to serve it), the day
    scenario's sizing assumptions (to contrast them with later chapters) and the Seoul–Virginia RTT example."""
    spike = registration.spike()["peak_rps"]
    per = elasticity.DEFAULT_RPS_PER_INSTANCE
    hourly_usd = cost.ec2_hourly_price(OV_MONTH_TYPE, OV_MONTH_REGION)
    fixed_h = registration.fixed_instance_hours(per)
    resized_h = registration.hourly_instance_hours(per)
    duration_ms, memory_mb = elasticity.DEFAULT_DURATION_MS, elasticity.DEFAULT_MEMORY_MB
    lambda_usd = cost.lambda_monthly_cost(registration.monthly_requests(), duration_ms, memory_mb,
                                          region=OV_MONTH_REGION, free_tier=False)
    first, second = (registration.window_requests(OPENING + pd.Timedelta(minutes=m), 1) for m in (0, 1))
    after_4min = float(spike[OPENING + pd.Timedelta(minutes=4)])
    seoul_virginia_ms = latency.region_rtt_floor_ms("ap-northeast-2", "us-east-1")
    return {
        # The registration month (data/registration_month.csv, registration_spike.csv).
        "ov_peak_rps": registration.peak_rps(),
        "ov_first_minute_requests": first,
        # The opening wave's half-life, from the first two minutes' requests: 60 s × ln 2 / ln(first / second),
        # to the nearest 10 s.
        "ov_half_life_s": round(60 * math.log(2) / math.log(first / second), -1),
        "ov_rate_after_4min": after_4min,
        "ov_after_4min_share": round(registration.peak_rps() / after_4min),
        "ov_average_rps": registration.average_rps(),
        "ov_peak_ratio": registration.peak_to_average(),
        "ov_month_hours": registration.hours_in_month(),
        "ov_month_requests_man": registration.monthly_requests() / 1e4,
        "ov_rps_per_server": per,
        "ov_hours_above_one_server": registration.hours_above(per),
        "ov_fixed_servers": registration.instances_needed(registration.peak_rps(), per),
        "ov_fixed_servers_exact": registration.peak_rps() / per,
        "ov_fixed_instance_hours": fixed_h,
        "ov_fixed_usd": fixed_h * hourly_usd,
        "ov_fixed_krw": _krw_text(fixed_h * hourly_usd),
        "ov_hourly_instance_hours": resized_h,
        "ov_hourly_usd": resized_h * hourly_usd,
        "ov_hourly_krw": _krw_text(resized_h * hourly_usd),
        "ov_fixed_over_hourly": fixed_h / resized_h,
        "ov_m7g_hourly": hourly_usd,
        "ov_lambda_duration_ms": duration_ms,
        "ov_lambda_duration_s": duration_ms / 1000,
        "ov_lambda_memory_mb": memory_mb,
        "ov_lambda_usd": lambda_usd,
        "ov_lambda_krw": _krw_text(lambda_usd),
        "ov_lambda_peak_concurrency": registration.peak_rps() * duration_ms / 1000,
        "ov_lambda_concurrency_quota": cost.lambda_limit("concurrency_default"),
        # The day scenario's simplifications.
        "ov_target_utilisation_pct": elasticity.DEFAULT_TARGET_UTILISATION * 100,
        "ov_min_instances": elasticity.MIN_INSTANCES,
        "ov_lambda_timeout_s": cost.lambda_limit("timeout_max"),
        "ov_lambda_timeout_min": cost.lambda_limit("timeout_max") / 60,
        # The worked RTT example (the latency chart's default shows the same bar).
        "ov_seoul_virginia_km": latency.region_distance_km("ap-northeast-2", "us-east-1"),
        "ov_seoul_virginia_rtt_s": seoul_virginia_ms / 1000,
        "ov_seoul_virginia_rtt_ms": seoul_virginia_ms,
        # The exchange-student exercise's one round trip (the same for every student's numbers).
        "ov_seoul_frankfurt_km": latency.region_distance_km("ap-northeast-2", "eu-central-1"),
        "ov_seoul_frankfurt_rtt_ms": latency.region_rtt_floor_ms("ap-northeast-2", "eu-central-1"),
    }

SEOUL = "ap-northeast-2"
#: Months in a year (the EKS fee of a cluster kept all year, 730 hours a month).
MONTHS_PER_YEAR = 12
#: Chapter 5: minutes after 10:00 at which the registration opening has shrunk enough to show it.
ECS_LATER_MINUTE = 5
#: Chapter 7's ephemeral-storage example: one task configured with this much storage (GB).
FARGATE_STORAGE_EXAMPLE_GB = 50


def _answer(exercise_id: str) -> object:
    """The answer key of an auto-checked exercise, so that a solution quotes what the checker expects."""
    return exercises.get(exercise_id).expected()


#: How the prose names the period an SLA is measured over (data/sla.csv measured_per).
PERIOD_WORDS = {"month": "청구 월", "hour": "한 시간"}


#: Korean native counting words for "N times" (세 번); larger counts are written in digits.
COUNT_WORDS = {1: "한", 2: "두", 3: "세", 4: "네", 5: "다섯"}


def _count_word(n: int) -> str:
    """The word the prose puts before 번 for ``n`` (3 → "세")."""
    return COUNT_WORDS.get(n, str(n))


def _korean_date(day: dt.date) -> str:
    """A date as the prose writes it: "2026년 6월 30일"."""
    return f"{day.year}년 {day.month}월 {day.day}일"


def _names(items) -> str:
    """Korean list of names for the prose: "`t3.micro`·`t3.small`", or "없음" for none."""
    items = list(items)
    return "·".join(items) if items else "없음"


def _seoul_ec2_types() -> dict[str, list[str]]:
    """EC2 instance types by where their Seoul price came from: ``aws`` (an AWS grade), ``other`` (third-party
    or estimate) and ``missing`` (priced in us-east-1 but not in Seoul), in file order."""
    ec2 = datasets.load("ec2_prices")
    seoul = ec2[ec2["region"] == SEOUL]
    from_aws = seoul["price_confidence"].isin(datasets.AWS_GRADES)
    here = set(seoul["instance_type"])
    return {"aws": list(seoul.loc[from_aws, "instance_type"]), "other": list(seoul.loc[~from_aws, "instance_type"]),
            "missing": [t for t in ec2.loc[ec2["region"] == "us-east-1", "instance_type"] if t not in here]}


def _seoul_sources() -> dict[str, list[str]]:
    """Seoul prices in data/ by where they came from (as :func:`_seoul_ec2_types`), as display names."""
    found = {kind: ["EC2 " + _names(f"`{t}`" for t in types)] if types else []
             for kind, types in _seoul_ec2_types().items()}
    for name, label in (("lambda_prices", "Lambda"), ("fargate_prices", "Fargate"),
                        ("api_gateway_prices", "API Gateway")):
        rows = datasets.load(name)
        here = rows[rows["region"] == SEOUL]
        if here.empty:
            found["missing"].append(label)
        else:
            found["aws" if here["confidence"].isin(datasets.AWS_GRADES).all() else "other"].append(label)
    return found



def ec2() -> dict[str, object]:
    """Chapter 2 (EC2)."""
    hourly = cost.ec2_hourly_price
    offers = datasets.load("discounts").set_index("offer")["max_discount_pct"]
    prices = datasets.load("ec2_prices")
    seoul = prices.loc[prices["region"] == "ap-northeast-2", "instance_type"]
    premium = [cost.ec2_region_premium_pct(t, SEOUL) for t in seoul if t in set(
        prices.loc[prices["region"] == "us-east-1", "instance_type"])]
    al2_ends = os_support.announced_ends("AL2")
    m5 = cost.ec2_monthly_cost("m5.large")
    seoul_types = _seoul_ec2_types()
    return {
        # Words: which type the cost-per-resource chart shows cheapest (T instances' vCPUs are not full-time).
        # Instance types as inline code (a marker cannot sit inside a code span).
        "ec2_cheapest_vcpu_any": f"`{cost.cheapest_instance_type(per='vcpu')}`",
        "ec2_cheapest_vcpu_full": f"`{cost.cheapest_instance_type(per='vcpu', full_time=True)}`",
        "ec2_cheapest_gib": f"`{cost.cheapest_instance_type(per='memory_gib')}`",
        # Types whose vCPU and memory are estimated from the standard ratios (spec_confidence ESTIMATE).
        "ec2_spec_estimates": (_names(f"`{t}`" for t in dict.fromkeys(
            prices.loc[prices["spec_confidence"] == "ESTIMATE", "instance_type"])) + "의 vCPU와 메모리"
            if (prices["spec_confidence"] == "ESTIMATE").any() else "지금 데이터에는 이런 값이 없습니다"),
        "ec2_seoul_aws_types": _names(f"`{t}`" for t in seoul_types["aws"]),
        "ec2_seoul_other_types": _names(f"`{t}`" for t in seoul_types["other"]),
        "ec2_seoul_missing_types": _names(f"`{t}`" for t in seoul_types["missing"]),
        "ec2_seoul_aws_count": len(seoul_types["aws"]),
        "ec2_seoul_other_count": len(seoul_types["other"]),
        # Amazon Linux support dates (data/amazon_linux_support.csv): AL2's first announced end, the dates it was
        # moved to, how many times, the end in force, and AL2023's end of (maintenance) support.
        "ec2_al2_first_end": _korean_date(al2_ends[0]),
        "ec2_al2_later_ends": ", ".join(_korean_date(d) for d in al2_ends[1:]),
        "ec2_al2_postponed": _count_word(os_support.postponements("AL2")),
        "ec2_al2_end": _korean_date(os_support.support_end("AL2")),
        "ec2_al2023_end": _korean_date(os_support.support_end("AL2023")),
        "ec2_hours_per_month": cost.HOURS_PER_MONTH,
        "ec2_t3micro_hourly": hourly("t3.micro"),
        "ec2_t4g_cheaper_pct": (1 - hourly("t4g.micro") / hourly("t3.micro")) * 100,
        "ec2_m7g_cheaper_pct": (1 - hourly("m7g.large") / hourly("m6i.large")) * 100,
        "ec2_seoul_premium_min": min(premium),
        "ec2_seoul_premium_max": max(premium),
        "ec2_compute_sp_pct": float(offers["compute_savings_plans"]),
        "ec2_instance_sp_pct": float(offers["ec2_instance_savings_plans"]),
        "ec2_ri_pct": float(offers["reserved_instances"]),
        "ec2_spot_pct": float(offers["spot_instances"]),
        "ec2_m5_month": m5,
        "ec2_m5_month_krw": _krw_text(m5),
        "ec2_m5_idle_at_10pct": m5 * 0.9,
        "ec2_m5_idle_krw": _krw_text(m5 * 0.9),
        "ec2_t3micro_month": cost.ec2_monthly_cost("t3.micro"),
        "ec2_t3micro_month_krw": _krw_text(cost.ec2_monthly_cost("t3.micro")),
        "ec2_vat_pct": money.vat_pct(),
        # Public IPv4: an Elastic IP kept on a stopped instance is billed all month.
        "ec2_ipv4_hourly": cost.public_ipv4_hourly_price(),
        "ec2_eip_month": cost.public_ipv4_hourly_price() * cost.HOURS_PER_MONTH,
        "ec2_eip_month_krw": _krw_text(cost.public_ipv4_hourly_price() * cost.HOURS_PER_MONTH),
        # Worked solutions: the rates they multiply.
        "ec2_t4g_small_hourly": hourly("t4g.small"),
        "ec2_m5_hourly": hourly("m5.large"),
        # A start shorter than the billing minimum (an example length, seconds).
        "ec2_short_run_s": EC2_SHORT_RUN_S,
        "ec2_short_run_billed_s": cost.ec2_billed_seconds(EC2_SHORT_RUN_S),
        # EC2 Linux on-demand: per-second billing with a minimum per start (data/ec2_billing.csv).
        "ec2_min_billed_seconds": cost.ec2_billed_seconds(1),
        **_ec2_registration(),
    }


#: Chapter 2's example of a run shorter than EC2's billing minimum (seconds).
EC2_SHORT_RUN_S = 20
#: Chapter 2's plan for the registration peak: its instance type and region and the base fleet left on all
#: month (3 servers carry every hour but the registration mornings).  Throughput and utilisation are the
#: book's sizing assumptions (crossover.RPS_PER_INSTANCE, crossover.SIZING), as in the exercise key.
EC2_REG_TYPE, EC2_REG_REGION, EC2_REG_BASE = "m7g.large", "us-east-1", 3


def _ec2_registration() -> dict[str, object]:
    """Chapter 2's registration-peak plan: the fleet for 10:00, its vCPUs, and February's bill left on all
    month or only in the hours the base fleet cannot carry (USD and won)."""
    per, target = crossover.RPS_PER_INSTANCE, crossover.SIZING["target_utilisation"]
    peak = registration.peak_rps()
    fleet = registration.instances_needed(peak, per, target_utilisation=target)
    hourly_usd = cost.ec2_hourly_price(EC2_REG_TYPE, EC2_REG_REGION)
    vcpu = float(datasets.load("ec2_prices").query("instance_type == @EC2_REG_TYPE and region == @EC2_REG_REGION")
                 ["vcpu"].iloc[0])
    hours = registration.hours_in_month()
    base_rps = EC2_REG_BASE * per * target
    busy = registration.hours_above(base_rps)
    month = registration.month()
    scheduled_h = registration.scheduled_instance_hours(per, EC2_REG_BASE, target_utilisation=target)
    all_month_usd = registration.fixed_instance_hours(per, target_utilisation=target) * hourly_usd
    return {
        "ec2_reg_peak_rps": peak,
        "ec2_reg_rps_per_instance": per,
        "ec2_reg_target": target,
        "ec2_reg_target_pct": target * 100,
        "ec2_reg_rps_planned": per * target,
        "ec2_reg_fleet_exact": peak / (per * target),
        "ec2_reg_fleet": fleet,
        "ec2_reg_vcpu_each": vcpu,
        "ec2_reg_fleet_vcpu": fleet * vcpu,
        "ec2_reg_month_hours": hours,
        "ec2_reg_hourly": hourly_usd,
        "ec2_reg_all_month_usd": all_month_usd,
        "ec2_reg_all_month_krw": _krw_text(all_month_usd),
        "ec2_reg_base": EC2_REG_BASE,
        "ec2_reg_base_rps": base_rps,
        "ec2_reg_busy_hours": busy,
        "ec2_reg_busy_days": len({t.date() for t in month.index[month["peak_rps"] > base_rps]}),
        # The busiest hour the base fleet carries (requests per second at that hour's peak).
        "ec2_reg_ordinary_peak": float(month["peak_rps"].loc[lambda p: p <= base_rps].max()),
        "ec2_reg_quiet_hours": hours - busy,
        "ec2_reg_scheduled_hours": scheduled_h,
        "ec2_reg_scheduled_usd": scheduled_h * hourly_usd,
        "ec2_reg_scheduled_krw": _krw_text(scheduled_h * hourly_usd),
        "ec2_reg_saving_ratio": all_month_usd / (scheduled_h * hourly_usd),
    }


def _tier_text(service: str, uptime_pct: float, scope: str) -> str:
    """The credit tier ``uptime_pct`` falls in, as the credit table names it: "99% 이상 99.99% 미만"."""
    tier = av.credit_tier(service, uptime_pct, scope=scope)
    low, high = tier["uptime_from_pct"], tier["uptime_to_pct"]
    return f"{low:g}% 이상 {high:g}% 미만" if low > 0 else f"{high:g}% 미만"


def _clock_text(moment: dt.datetime, *, twelve_hour: bool = False) -> str:
    """Korean clock time of a datetime: "14시 20분", or with ``twelve_hour`` "오후 2시 20분"."""
    hour = moment.hour
    if twelve_hour:
        prefix, hour = ("오전 " if hour < 12 else "오후 "), (hour - 1) % 12 + 1
    else:
        prefix = ""
    return f"{prefix}{hour}시 {moment.minute}분" if moment.minute else f"{prefix}{hour}시"


#: Chapter 3's worked credit example: EC2 unavailable at region level for 30 minutes in February 2026,
#: on a bill of four m5.large instances running all month (us-east-1 on-demand).
CREDIT_EXAMPLE = {"minutes": 30, "month": "2026-02", "instance_type": "m5.large", "count": 4}
#: Chapter 3's illustration of how the Lambda SLA counts a partial failure: 10 % of requests failing
#: for an hour.  The SLA averages the availability of 5-minute intervals (aws.amazon.com/lambda/sla/).
LAMBDA_PARTIAL = {"error_pct": 10, "minutes": 60, "interval_minutes": 5}


def sla() -> dict[str, object]:
    """Chapter 3 (SLA, SLI, SLO); durations are Korean texts such as "4분 19초"."""
    fmt = av.format_duration
    instance = av.sla_target("ec2", scope="instance")
    region = av.sla_target("ec2", scope="region")
    two_az = av.parallel(instance, instance)
    reverse = av.availability_from_downtime("4m 23s")
    reverse_gap = av.parse_duration("4m 23s") - av.allowed_downtime(99.99, "month")
    seollal = av.korean_holidays("2026-02")
    window = dt.timedelta(minutes=registration.WINDOW_MINUTES)
    window_requests = registration.window_requests(registration.OPENING, registration.WINDOW_MINUTES)
    slo = registration.SLO_PCT
    february_2027 = f"{registration.OPENING:%Y-%m}"
    ex = CREDIT_EXAMPLE
    ex_uptime = av.availability_from_downtime(dt.timedelta(minutes=ex["minutes"]), "month", calendar=ex["month"])
    ex_pct = av.service_credit("ec2", ex_uptime, scope="region")
    ex_bill = cost.ec2_monthly_cost(ex["instance_type"], count=ex["count"])
    partial = LAMBDA_PARTIAL
    seoul_start, seoul_end = av.incident("seoul-2018-dns", "ec2-dns-resolution")
    seoul_uptime = av.availability_from_downtime(seoul_end - seoul_start, "month",
                                                 calendar=f"{seoul_start:%Y-%m}")
    return {
        # The opening: the registration system's SLO over February 2027 and over its first 30 minutes.
        "sla_reg_peak_rps": registration.peak_rps(),
        "sla_reg_slo_pct": slo,
        "sla_reg_month_days": registration.days_in_month(),
        "sla_reg_month_budget": fmt(av.allowed_downtime(slo, "month", calendar=february_2027)),
        "sla_reg_window_minutes": registration.WINDOW_MINUTES,
        "sla_reg_window_budget": fmt(av.allowed_downtime(slo, window)),
        "sla_reg_window_requests": window_requests,
        "sla_reg_window_failures": window_requests * (100 - slo) / 100,
        "sla_reg_window_share_pct": 100 * window_requests / registration.monthly_requests(),
        # Words computed from the numbers, so the sentence cannot contradict them (issue 19, item 1).
        "sla_reverse_verdict": "넘습니다" if reverse >= 99.99 else "조금 못 미칩니다",
        "sla_reverse_gap": fmt(abs(reverse_gap)),
        "sla_reverse_gap_word": "더" if reverse_gap > dt.timedelta(0) else "덜",
        "sla_reverse_example": reverse,
        "sla_ec2_instance_period": PERIOD_WORDS[av.sla_period("ec2", scope="instance")],
        "sla_ec2_region_pct": region,
        "sla_ec2_instance_pct": instance,
        # The instance-level SLA is measured per monthly billing cycle (data/sla.csv measured_per).
        "sla_ec2_instance_month": fmt(av.sla_allowed_downtime("ec2", scope="instance")),
        "sla_ec2_two_az_pct": two_az,
        "sla_lambda_pct": av.sla_target("lambda"),
        "sla_99_month": fmt(av.allowed_downtime(99, "month")),
        "sla_999_month": fmt(av.allowed_downtime(99.9, "month")),
        "sla_9999_month": fmt(av.allowed_downtime(99.99, "month")),
        "sla_999_month_gregorian": fmt(av.allowed_downtime(99.9, "month", calendar="gregorian")),
        "sla_999_year": fmt(av.allowed_downtime(99.9, "year")),
        "sla_9999_year": fmt(av.allowed_downtime(99.99, "year")),
        "sla_99999_month": fmt(av.allowed_downtime(99.999, "month")),
        "sla_feb_month": fmt(av.allowed_downtime(99.9, "month", calendar="2026-02")),
        "sla_business_feb": fmt(av.business_hours_downtime(99.9, month="2026-02")),
        "sla_business_feb_hours": av.business_hours("2026-02") / dt.timedelta(hours=1),
        # The same month without its Korean public holidays (설날, data/korean_holidays.csv).
        "sla_business_feb_holiday_days": len(seollal),
        "sla_business_feb_seollal": fmt(av.business_hours_downtime(99.9, month="2026-02", holidays=seollal)),
        "sla_business_feb_seollal_hours": av.business_hours("2026-02", holidays=seollal) / dt.timedelta(hours=1),
        # How the Lambda SLA counts a partial failure (5-minute intervals of request success rates).
        "sla_lambda_partial_error_pct": partial["error_pct"],
        "sla_lambda_partial_minutes": fmt(dt.timedelta(minutes=partial["minutes"])),
        "sla_lambda_partial_intervals": partial["minutes"] // partial["interval_minutes"],
        "sla_lambda_partial_availability": 100 - partial["error_pct"],
        "sla_lambda_partial_equivalent": fmt(dt.timedelta(minutes=partial["minutes"] * partial["error_pct"] / 100)),
        # The worked EC2 credit: uptime, tier, bill and credit (USD and won).
        "sla_credit_ex_minutes": fmt(dt.timedelta(minutes=ex["minutes"])),
        "sla_credit_ex_uptime": ex_uptime,
        "sla_credit_ex_tier": _tier_text("ec2", ex_uptime, "region"),
        "sla_credit_ex_pct": ex_pct,
        "sla_credit_ex_count": ex["count"],
        "sla_credit_ex_bill": ex_bill,
        "sla_credit_ex_bill_krw": _krw_text(ex_bill),
        "sla_credit_ex_usd": ex_bill * ex_pct / 100,
        "sla_credit_ex_krw": _krw_text(ex_bill * ex_pct / 100),
        "sla_vat_pct": money.vat_pct(),
        # Composite systems: the independence estimate and the worst case of a chain, the chapter's example.
        "sla_three_serial": av.serial(99.9, 99.9, 99.9),
        "sla_three_serial_worst": av.serial_worst_case(99.9, 99.9, 99.9),
        "sla_example_one_az": av.serial(av.EXAMPLE_LOAD_BALANCER_PCT, instance, av.EXAMPLE_DATABASE_PCT),
        "sla_example_ceiling": av.serial(av.EXAMPLE_LOAD_BALANCER_PCT, av.EXAMPLE_DATABASE_PCT),
        "sla_lb_pct": av.EXAMPLE_LOAD_BALANCER_PCT,
        "sla_db_pct": av.EXAMPLE_DATABASE_PCT,
        # The 2018-11-22 Seoul EC2 DNS event (AWS's summary, data/incidents.csv).
        "sla_seoul_start": _clock_text(seoul_start, twelve_hour=True),
        "sla_seoul_end": _clock_text(seoul_end, twelve_hour=True),
        "sla_seoul_minutes": (seoul_end - seoul_start) / dt.timedelta(minutes=1),
        "sla_seoul_uptime": seoul_uptime,
        "sla_seoul_tier": _tier_text("ec2", seoul_uptime, "region"),
        "sla_seoul_credit_pct": av.service_credit("ec2", seoul_uptime, scope="region"),
    }


#: Chapter 8's opening incident: 2 % of requests fail for the first 10 minutes of the 10:00 opening.
REGISTRATION_INCIDENT = {"error_pct": 2, "minutes": 10}
#: A minute of the request log counts as part of an outage when at least this share (%) of its requests fail
#: (the outage minutes fail 12–28 % of requests, data/generators/request_log.py; no other minute reaches 10 %).
OUTAGE_ERROR_PCT = 10


def _outage_minutes(log) -> tuple[object, object]:
    """First and last minute (Timestamps) of the request log whose error rate reaches :data:`OUTAGE_ERROR_PCT`."""
    bad = log.index[100 * log["errors_5xx"] >= OUTAGE_ERROR_PCT * log["requests"]]
    return bad[0], bad[-1]


def slo_operations() -> dict[str, object]:
    """Chapter 8 (SLO operations: burn rates, the registration incident, alert policies, SLIs from the
    request log, the 2025 us-east-1 event)."""
    fmt = av.format_duration
    slo = registration.SLO_PCT
    # The registration incident, weighed by requests (registration.average_days) and by time.
    case = REGISTRATION_INCIDENT
    case_burn = case["error_pct"] / (100 - slo)
    month_days = registration.days_in_month()
    month_requests = registration.monthly_requests()
    case_requests = registration.window_requests(registration.OPENING, case["minutes"])
    case_days = registration.average_days(registration.OPENING, case["minutes"])
    case_failed = case_requests * case["error_pct"] / 100
    # The alert policies (Table 5-8 and the workbook's example expression) and their detection times.
    table, example_policy = av.burn_rate_alerts(slo, 30), av.burn_rate_alerts(slo, 30, "workbook-example")
    extra = example_policy[~example_policy["long_window"].isin(table["long_window"])].iloc[0]
    detect = [av.detection_time(slo, case["error_pct"], row.long_window, burn_rate=row.burn_rate)
              for row in table.itertuples()]
    # The request log's week.
    log = sli.request_log()
    daily = sli.availability_sli(freq="1d", log=log)
    budget = sli.budget_remaining(slo, log=log)
    outage_start, outage_end = _outage_minutes(log)
    step = log.index[1] - log.index[0]
    firings = sli.alert_firings(slo, window_days=30, log=log)
    first_page = firings["first_fired"].iloc[0]
    fired = sli.alert_firings(slo, window_days=30, policy="workbook-example", log=log)
    extra_fired = fired[fired["long_window"] == extra["long_window"]].iloc[0]["first_fired"]
    five_days = daily.loc["2026-03-04":"2026-03-08"]
    # The 2025-10-19/20 us-east-1 event (AWS's summary, data/incidents.csv).
    event = av.incident("us-east-1-2025-dynamodb", "event")
    dynamodb = av.incident("us-east-1-2025-dynamodb", "dynamodb-api-errors")
    dynamodb_days = (dynamodb[1] - dynamodb[0]) / dt.timedelta(days=1)
    full_outage_burn = 100 / (100 - slo)
    ex_minutes = slo_exercises.OVERSPEND_MINUTES
    return {
        # The overspend exercise's fixed window (its error rate varies per student).
        "slo_ex_minutes": ex_minutes,
        "slo_ex_requests": registration.window_requests(registration.OPENING, ex_minutes),
        "slo_ex_days": registration.average_days(registration.OPENING, ex_minutes),
        "slo_slo_pct": slo,
        "slo_month_days": month_days,
        "slo_month_requests": month_requests,
        "slo_month_budget_requests": month_requests * (100 - slo) / 100,
        "slo_case_error_pct": case["error_pct"],
        "slo_case_minutes": case["minutes"],
        "slo_case_burn": case_burn,
        "slo_case_time_share_pct": 100 * case["minutes"] / (month_days * 24 * 60),
        "slo_case_time_consumed": av.budget_consumed_pct(case_burn, case["minutes"] / (24 * 60), month_days),
        "slo_case_requests": case_requests,
        "slo_case_share_pct": 100 * case_requests / month_requests,
        "slo_case_days": case_days,
        "slo_case_consumed": av.budget_consumed_pct(case_burn, case_days, month_days),
        "slo_case_overspend": av.budget_overspend_pct(case_burn, case_days, month_days),
        "slo_case_failed": case_failed,
        "slo_case_month_sli": 100 * (1 - case_failed / month_requests),
        # The SRE workbook's Table 5-8 (default policy) and the extra rule of its example alerting expression.
        "slo_policy_rules": len(table),
        "slo_policy_example_rules": len(example_policy),
        "slo_policy_page_burn": float(table["burn_rate"].iloc[0]),
        "slo_policy_page2_burn": float(table["burn_rate"].iloc[1]),
        "slo_policy_ticket_burn": float(table["burn_rate"].iloc[-1]),
        "slo_policy_extra_burn": float(extra["burn_rate"]),
        "slo_policy_extra_long": fmt(extra["long_window"]),
        "slo_policy_extra_short": fmt(extra["short_window"]),
        "slo_policy_extra_fired": f"{extra_fired.month}월 {extra_fired.day}일 {extra_fired:%H:%M}",
        "slo_burn_144": fmt(av.time_to_exhaustion(float(table["burn_rate"].iloc[0]), 30)),
        "slo_detect_page": fmt(detect[0]),
        "slo_detect_page2": fmt(detect[1]),
        "slo_detect_ticket": fmt(detect[2]),
        "slo_log_requests": float(log["requests"].sum()),
        "slo_log_errors": float(log["errors_5xx"].sum()),
        "slo_log_allowed_errors": (100 - slo) / 100 * float(log["requests"].sum()),
        "slo_log_availability": sli.availability_sli(log=log),
        "slo_log_budget_left": float(budget.iloc[-1]),
        "slo_log_budget_before": float(budget[: outage_start - step].iloc[-1]),
        "slo_log_budget_after": float(budget[: outage_end].iloc[-1]),
        "slo_log_outage_start": _clock_text(outage_start),
        "slo_log_outage_minutes": int((outage_end - outage_start) / step) + 1,
        "slo_log_first_page": _clock_text(first_page),
        "slo_log_first_page_after": fmt(first_page - outage_start),
        "slo_log_compliant_share": float(100 * sli.rolling_compliance(slo, window="1d", log=log)["compliant"]
                                         .dropna().mean()),
        "slo_log_days_average": float(five_days.mean()),
        "slo_useast_start": _clock_text(event[0], twelve_hour=True),
        "slo_useast_end": _clock_text(event[1], twelve_hour=True),
        "slo_useast_duration": fmt(event[1] - event[0]),
        "slo_useast_dynamodb": fmt(dynamodb[1] - dynamodb[0]),
        "slo_useast_ec2": fmt(_length(av.incident("us-east-1-2025-dynamodb", "ec2-launch-failures"))),
        "slo_useast_nlb": fmt(_length(av.incident("us-east-1-2025-dynamodb", "nlb-connection-errors"))),
        "slo_useast_burn": full_outage_burn,
        "slo_useast_consumed": av.budget_consumed_pct(full_outage_burn, dynamodb_days, 30),
        "slo_useast_overspend": av.budget_overspend_pct(full_outage_burn, dynamodb_days, 30),
    }


def _length(period: tuple[dt.datetime, dt.datetime]) -> dt.timedelta:
    """End minus start of an incident period."""
    return period[1] - period[0]


def _lambda_registration() -> dict[str, object]:
    """Chapter 4's running case: February's bill of the registration system on Lambda (USD and won), the
    concurrency its 10:00 opening needs, what the default quota throttles, and Provisioned Concurrency for
    the hour that needs more than the quota."""
    bill = lambda_exercises.registration_bill()
    duration = lambda_exercises.REG_DURATION_MS
    memory = lambda_exercises.REG_MEMORY_MB
    limit = cost.lambda_limit("concurrency_default")
    spike = registration.spike()
    opening = registration.OPENING
    before = float(spike["peak_rps"].iloc[spike.index.get_loc(opening) - 1])   # the last second before 10:00
    peak = registration.peak_rps()
    needed = lambda_concurrency.concurrency(peak, duration)
    environments = int(-(-needed // 1))                       # whole environments, rounded up
    ceiling = lambda_concurrency.max_rps(limit, duration)
    minutes = lambda_exercises.spike_minutes()
    throttled = lambda_concurrency.throttled_at_least(minutes.to_numpy(), limit, duration)
    hours = registration.hours_above(ceiling)                 # hours whose own peak needs more than the quota
    hour_requests = float(registration.month().loc[registration.month()["peak_rps"] > ceiling, "requests"].sum())
    pc = lambda_charges.provisioned_concurrency_bill(environments, memory, hours, requests=hour_requests,
                                                     duration_ms=duration)
    on_demand = cost.lambda_monthly_cost(hour_requests, duration, memory)
    pc_month = lambda_charges.provisioned_concurrency_bill(environments, memory, registration.hours_in_month())
    lambda_only = bill["requests_usd"] + bill["compute_usd"]
    pc_rates = lambda_charges.rates("provisioned")
    found = {
        "lam_reg_requests_man": registration.monthly_requests() / 1e4,
        "lam_reg_duration_ms": duration, "lam_reg_memory_mb": memory,
        "lam_reg_duration_s": duration / 1000, "lam_reg_memory_gb": memory / cost.MB_PER_GB,
        "lam_reg_gb_seconds": bill["gb_seconds"],
        "lam_reg_requests_usd": bill["requests_usd"], "lam_reg_compute_usd": bill["compute_usd"],
        "lam_reg_api_usd": bill["api_usd"],
        "lam_reg_lambda_usd": lambda_only, "lam_reg_lambda_krw": _krw_text(lambda_only),
        "lam_reg_total_usd": bill["total_usd"], "lam_reg_total_krw": _krw_text(bill["total_usd"]),
        "lam_reg_total_vat_krw": _krw_text(money.with_vat(bill["total_usd"])),
        "lam_vat_pct": money.vat_pct(),
        "lam_reg_peak_rps": peak, "lam_reg_before_rps": before,
        "lam_reg_before_concurrency": lambda_concurrency.concurrency(before, duration),
        "lam_reg_concurrency": needed, "lam_reg_environments": environments,
        "lam_scaling_rate": cost.lambda_limit("scaling_rate_per_10s"),
        "lam_reg_scaling_s": lambda_concurrency.scaling_seconds(lambda_concurrency.concurrency(before, duration),
                                                                needed),
        "lam_reg_max_rps": ceiling, "lam_reg_per_minute": 60 * ceiling,
        "lam_reg_throttled": float(throttled.sum()),
        # Provisioned Concurrency for the hours whose peak needs more than the default quota.
        "lam_pc_concurrency_rate": pc_rates["usd_per_gb_second_concurrency"],
        "lam_pc_duration_rate": pc_rates["usd_per_gb_second_duration"],
        "lam_pc_step_min": pc_rates["billing_step_seconds"] / 60,
        "lam_pc_hours": hours, "lam_pc_seconds": pc["billed_seconds"], "lam_pc_hour_requests_man": hour_requests / 1e4,
        "lam_pc_concurrency_usd": pc["concurrency_usd"], "lam_pc_duration_usd": pc["duration_usd"],
        "lam_pc_requests_usd": pc["requests_usd"], "lam_pc_total_usd": pc["total_usd"],
        "lam_pc_total_krw": _krw_text(pc["total_usd"]),
        "lam_pc_on_demand_usd": on_demand, "lam_pc_on_demand_krw": _krw_text(on_demand),
        "lam_pc_break_even_pct": lambda_charges.provisioned_concurrency_break_even_pct(),
        "lam_pc_month_usd": pc_month["total_usd"], "lam_pc_month_krw": _krw_text(pc_month["total_usd"]),
    }
    for i, (minute, requests) in enumerate(minutes.items()):
        found[f"lam_spike_requests_{i}"] = float(requests)
        found[f"lam_spike_peak_{i}"] = float(spike.loc[minute, "peak_rps"])
    return found


def _lambda_features() -> dict[str, object]:
    """Chapter 4's table of Lambda's other features: their rates (USD) and limits, from data/."""
    snap, stream = lambda_charges.rates("snapstart"), lambda_charges.rates("streaming")
    durable, managed = lambda_charges.rates("durable"), lambda_charges.rates("managed")
    return {
        "lam_snap_cache_rate": snap["usd_per_gb_second_cache"], "lam_snap_restore_rate": snap["usd_per_gb_restored"],
        "lam_snap_min_hours": snap["minimum_cache_seconds"] / 3600,
        "lam_stream_usd_per_gb": stream["usd_per_gb"], "lam_stream_free_mb": stream["free_mb_per_request"],
        "lam_stream_free_gb": stream["free_gb_per_month"],
        "lam_mi_fee_pct": managed["management_fee_pct"],
        "lam_mi_timeout_min": cost.lambda_limit("timeout_max_managed_async") / 60,
        "lam_durable_ops_usd": durable["usd_per_million_operations"],
        "lam_durable_written_usd": durable["usd_per_gb_written"],
        "lam_durable_retained_usd": durable["usd_per_gb_month_retained"],
        "lam_durable_max_days": cost.lambda_limit("durable_execution_max") / 86_400,
    }


def lambda_() -> dict[str, object]:
    """Chapter 4 (Lambda)."""
    example = cost.lambda_bill(10_000_000, 100, 512)
    t3 = cost.ec2_monthly_cost("t3.micro")
    free_requests, free_gbs = cost.lambda_free_tier()
    rate_request, rate_gbs = cost.lambda_rates("x86_64")
    arm_gbs = cost.lambda_rates("arm64")[1]
    offers = datasets.load("discounts").set_index("offer")["max_discount_pct"]
    rest_bands = cost.api_gateway_bands("rest")
    be = cost.break_even_requests(t3, 100, 512)
    free_total = cost.lambda_monthly_cost(10_000_000, 100, 512, free_tier=True)
    ipv4_month = cost.public_ipv4_hourly_price() * cost.HOURS_PER_MONTH
    return {
        **_lambda_registration(),
        **_lambda_features(),
        "lam_concurrency_default": cost.lambda_limit("concurrency_default"),
        "lam_usd_per_million_requests": rate_request * 1e6,
        "lam_usd_per_gb_second": rate_gbs,
        "lam_arm_cheaper_pct": (1 - arm_gbs / rate_gbs) * 100,
        "lam_free_requests": free_requests,
        "lam_free_gb_seconds": free_gbs,
        "lam_ex_gb_seconds": example["gb_seconds"],
        "lam_ex_requests_usd": example["requests_usd"],
        "lam_ex_compute_usd": example["compute_usd"],
        "lam_ex_total_usd": example["total_usd"], "lam_ex_total_krw": _krw_text(example["total_usd"]),
        "lam_ex_free_total_usd": free_total, "lam_ex_free_total_krw": _krw_text(free_total),
        "lam_ex_http_usd": cost.lambda_bill(10_000_000, 100, 512, api="http")["api_usd"],
        "lam_ex_compute_per_million_usd": cost.lambda_bill(1e6, 100, 512)["compute_usd"],
        "lam_http_per_million_usd": float(cost.api_gateway_bands("http")["usd_per_million_requests"].iloc[0]),
        "lam_t3micro_month": t3, "lam_t3micro_month_krw": _krw_text(t3),
        "lam_be_t3micro_man": be / 1e4,
        "lam_be_t3micro_free_man": cost.break_even_requests(t3, 100, 512, free_tier=True) / 1e4,
        "lam_be_t3micro_http_man": cost.break_even_requests(t3, 100, 512, api="http") / 1e4,
        "lam_be_t3micro_avg_rps": cost.requests_to_avg_rps(be),
        # One public IPv4 address a month (0.005 USD per address-hour × 730 h).
        "lam_ipv4_month": ipv4_month, "lam_ipv4_month_krw": _krw_text(ipv4_month),
        # API Gateway's integration timeouts (data/api_gateway_limits.csv): HTTP API, REST API default.
        "lam_http_timeout_s": cost.api_gateway_limit("http"),
        "lam_rest_timeout_s": cost.api_gateway_limit("rest"),
        "lam_memory_min": cost.lambda_limit("memory_min"),
        "lam_memory_max": cost.lambda_limit("memory_max"),
        "lam_memory_old_max": _old_limit("memory_max")[0],
        "lam_timeout_s": cost.lambda_limit("timeout_max"),
        "lam_timeout_min": cost.lambda_limit("timeout_max") / 60,
        "lam_vcpu_max": cost.lambda_limit("vcpu_max"),
        "lam_memory_per_vcpu": cost.lambda_limit("memory_per_vcpu"),
        "lam_payload_sync_mb": cost.lambda_limit("payload_sync"),
        "lam_sp_pct": float(offers["compute_savings_plans_lambda"]),
        # API Gateway REST bands (requests a month, USD per million), AWS whitepaper table.
        "lam_rest_first_band_end": float(rest_bands["to_requests"].iloc[0]),
        "lam_rest_bands": len(rest_bands),
        "lam_rest_last_band_start": float(rest_bands["from_requests"].iloc[-1]),
        "lam_rest_first_usd": float(rest_bands["usd_per_million_requests"].iloc[0]),
        "lam_rest_last_usd": float(rest_bands["usd_per_million_requests"].iloc[-1]),
    }


def ecs() -> dict[str, object]:
    """Chapter 5 (ECS): packing one task size onto EC2 and the registration opening on ECS."""
    example = containers.pack("m5.large", 1, 2)
    task, target = containers.REGISTRATION_TASK, containers.REGISTRATION_TARGET_UTILISATION
    peak = registration.peak_rps()
    tasks = registration.instances_needed(peak, task.rps, target_utilisation=target)
    later = float(registration.spike().loc[registration.OPENING + pd.Timedelta(minutes=ECS_LATER_MINUTE), "peak_rps"])
    r6i = containers.pack("r6i.large", task.vcpu, task.memory_gb)
    c6i = containers.pack("c6i.large", task.vcpu, task.memory_gb)
    later_tasks = registration.instances_needed(later, task.rps, target_utilisation=target)
    fleet = {t: containers.instances_needed(tasks, containers.pack(t, task.vcpu, task.memory_gb))
             for t in ("c6i.large", "m5.large", "r6i.large")}
    c6i_month = cost.ec2_monthly_cost("c6i.large", count=fleet["c6i.large"], hours=registration.hours_in_month())
    return {
        "ecs_m5_vcpu": example.instance_vcpu,
        "ecs_m5_memory": example.instance_memory_gib,
        "ecs_m5_tasks": example.tasks,
        "ecs_m5_idle_memory_pct": example.idle_memory_pct,
        "ecs_m5_hourly": cost.ec2_hourly_price("m5.large"),
        "ecs_t3medium_memory": containers.instance_spec("t3.medium")[1],
        # The prediction: a 1 vCPU · 2 GB task on r6i.large.
        "ecs_r6i_vcpu": r6i.instance_vcpu,
        "ecs_r6i_memory": r6i.instance_memory_gib,
        "ecs_r6i_tasks": r6i.tasks,
        "ecs_r6i_by_memory": math.floor(r6i.instance_memory_gib / task.memory_gb),
        "ecs_r6i_used_memory": r6i.used_memory_gib,
        "ecs_c6i_vcpu": c6i.instance_vcpu,
        "ecs_c6i_memory": c6i.instance_memory_gib,
        "ecs_c6i_tasks": c6i.tasks,
        "ecs_reg_c6i_idle_pct": c6i.idle_memory_pct,
        # The registration opening (10:00 on 2027-02-08) on ECS with EC2 instances.
        "ecs_reg_peak_rps": peak,
        "ecs_reg_task_rps": task.rps,
        "ecs_reg_target_pct": target * 100,
        "ecs_reg_per_task": task.rps * target,
        "ecs_reg_tasks": tasks,
        "ecs_reg_instances": fleet["c6i.large"],
        "ecs_reg_same_fleet": "같습니다" if len(set(fleet.values())) == 1 else "다릅니다",
        "ecs_reg_c6i_hour": cost.ec2_monthly_cost("c6i.large", count=fleet["c6i.large"], hours=1),
        "ecs_reg_m5_hour": cost.ec2_monthly_cost("m5.large", count=fleet["m5.large"], hours=1),
        "ecs_reg_r6i_hour": cost.ec2_monthly_cost("r6i.large", count=fleet["r6i.large"], hours=1),
        "ecs_reg_m5_idle_pct": containers.pack("m5.large", task.vcpu, task.memory_gb).idle_memory_pct,
        "ecs_reg_r6i_idle_pct": containers.pack("r6i.large", task.vcpu, task.memory_gb).idle_memory_pct,
        "ecs_reg_month_hours": registration.hours_in_month(),
        "ecs_reg_c6i_month": c6i_month,
        "ecs_reg_c6i_month_krw": _krw_text(c6i_month),
        "ecs_reg_later_minute": ECS_LATER_MINUTE,
        "ecs_reg_later_rps": later,
        "ecs_reg_later_tasks": later_tasks,
        "ecs_reg_later_instances": containers.instances_needed(
            later_tasks, containers.pack("c6i.large", task.vcpu, task.memory_gb)),
        "ecs_vat_pct": money.vat_pct(),
    }


def eks() -> dict[str, object]:
    """Chapter 6 (EKS): the cluster fee, its share of a small service, and the registration month on EKS."""
    standard, extended = cost.eks_monthly_fee(), cost.eks_monthly_fee(extended_support=True)
    one_task = containers.service_costs(1, 2, 1).iloc[0]
    threshold = containers.eks_fee_threshold(1, 2)
    around = containers.service_costs(1, 2, [threshold - 1, threshold])
    # A month just under the EKS SLA's target earns the first credit tier, a share of the cluster fee only.
    first_credit = av.service_credit("eks", float(av.credit_tiers("eks")["uptime_to_pct"].max()) - 0.01)
    weeks = registration_eks_weeks()
    quiet = weeks.iloc[[0, 2, 3]]
    year_fee = MONTHS_PER_YEAR * standard
    found = {
        "eks_credit_first_pct": first_credit,
        "eks_credit_first_usd": standard * first_credit / 100,
        "eks_credit_first_krw": _krw_text(standard * first_credit / 100),
        "eks_rate_standard": cost.eks_monthly_fee(hours=1),
        "eks_rate_extended": cost.eks_monthly_fee(hours=1, extended_support=True),
        "eks_month_standard": standard,
        "eks_month_standard_krw": _krw_text(standard),
        "eks_month_extended": extended,
        "eks_month_extended_krw": _krw_text(extended),
        "eks_extended_ratio": extended / standard,
        "eks_sla": containers.eks_api_sla_pct(),
        "eks_one_task_share": float(one_task["eks_fee_share_pct"]),
        "eks_one_task_fargate": float(one_task["ecs_fargate"]),
        "eks_threshold": threshold,
        "eks_threshold_before": threshold - 1,
        "eks_share_before": float(around["eks_fee_share_pct"].iloc[0]),
        "eks_share_at": float(around["eks_fee_share_pct"].iloc[1]),
        # The registration month on EKS: c6i.large nodes resized every hour, week by week.
        "eks_reg_instance": f"`{REG_INSTANCE}`",
        "eks_reg_node_hourly": cost.ec2_hourly_price(REG_INSTANCE),
        "eks_reg_week_fee": float(weeks["fee_usd"].iloc[0]),
        "eks_reg_week_fee_krw": _krw_text(float(weeks["fee_usd"].iloc[0])),
        "eks_reg_quiet_share_min": float(quiet["fee_share_pct"].min()),
        "eks_reg_busy_share": float(weeks["fee_share_pct"].iloc[1]),
        "eks_reg_month_fee": float(weeks["fee_usd"].sum()),
        # The wrong way to the month's share (the teacher guide's common error): the mean of the weekly shares.
        "eks_reg_mean_of_shares": float(weeks["fee_share_pct"].mean()),
        "eks_reg_month_fee_krw": _krw_text(float(weeks["fee_usd"].sum())),
        "eks_year_fee": year_fee,
        "eks_year_fee_krw": _krw_text(year_fee),
        "eks_vat_pct": money.vat_pct(),
    }
    for i, row in enumerate(weeks.itertuples(), 1):
        found[f"eks_reg_w{i}_node_hours"] = float(row.node_hours)
        found[f"eks_reg_w{i}_nodes_usd"] = float(row.nodes_usd)
        found[f"eks_reg_w{i}_share"] = float(row.fee_share_pct)
    return found


def fargate() -> dict[str, object]:
    """Chapter 7 (Fargate)."""
    x86_vcpu, x86_gb = cost.fargate_rates("x86_64")
    example = containers.fargate_cost_breakdown(1, 2)
    arm = containers.fargate_cost_breakdown(1, 2, arch="arm64")
    windows = containers.fargate_cost_breakdown(1, 2, os="windows")
    storage_example = containers.fargate_cost_breakdown(1, 2, ephemeral_gb=FARGATE_STORAGE_EXAMPLE_GB)
    included = containers.fargate_included_storage_gb()
    four_vcpu = cost.fargate_task_sizes()[4.0]
    rates = datasets.load("fargate_prices")
    seoul = rates[rates["region"] == SEOUL]
    if seoul.empty:
        seoul_source = "확인할 수 있는 출처를 찾지 못해 싣지 않았습니다"
    elif seoul["confidence"].isin(datasets.AWS_GRADES).all():
        seoul_source = "AWS 가격 파일에서 가져왔습니다"
    else:
        seoul_source = "제3자 자료의 값이라 실제 요금과 다를 수 있습니다"
    win = datasets.load("fargate_windows_prices").set_index("region").loc["us-east-1"]
    task, target = containers.REGISTRATION_TASK, containers.REGISTRATION_TARGET_UTILISATION
    task_hour = cost.fargate_monthly_cost(task.vcpu, task.memory_gb, hours=1)
    followed = registration.hourly_instance_hours(task.rps, target_utilisation=target)
    fixed = registration.fixed_instance_hours(task.rps, target_utilisation=target)
    return {
        "fg_rate_regions": ", ".join(cost.fargate_regions()),
        "fg_seoul_rate_source": seoul_source,
        "fg_chart_region": cost.fargate_regions()[0],
        "fg_x86_vcpu": x86_vcpu,
        "fg_x86_gb": x86_gb,
        "fg_example_vcpu": example.vcpu_usd,
        "fg_example_memory": example.memory_usd,
        "fg_example_total": example.total_usd,
        "fg_example_total_krw": _krw_text(example.total_usd),
        "fg_example_vcpu_share": 100 * example.vcpu_usd / example.total_usd,
        "fg_arm_saving_pct": 100 * (1 - arm.total_usd / example.total_usd),
        "fg_spot_pct": containers.fargate_spot_max_discount_pct(),
        "fg_min_seconds": containers.fargate_minimum_seconds(),
        "fg_billed_20": containers.fargate_billed_seconds(20),
        "fg_billed_90": containers.fargate_billed_seconds(90.2),
        "fg_lambda_timeout_min": cost.lambda_limit("timeout_max") / 60,
        "fg_office_hours": containers.monthly_hours(8),
        "fg_batch_hourly": cost.fargate_monthly_cost(0.5, 1, hours=1),
        # fargate-task-month: the vCPU part of a 2-vCPU task for 730 hours (the same for every student).
        "fg_task_month_vcpu": containers.fargate_cost_breakdown(2, 4).vcpu_usd,
        "fg_4vcpu_min": four_vcpu[0],
        "fg_4vcpu_max": four_vcpu[-1],
        "fg_vat_pct": money.vat_pct(),
        # Ephemeral storage above the included amount (one 1 vCPU · 2 GB task configured with 50 GB, all month).
        "fg_storage_included_gb": included,
        "fg_storage_rate_gb_hour": float(datasets.load("fargate_ephemeral_prices").set_index("region").loc[
            "us-east-1", "usd_per_gb_second"]) * cost.SECONDS_PER_HOUR,
        "fg_storage_example_gb": FARGATE_STORAGE_EXAMPLE_GB,
        "fg_storage_example_extra_gb": FARGATE_STORAGE_EXAMPLE_GB - included,
        "fg_storage_example_usd": storage_example.storage_usd,
        "fg_storage_example_krw": _krw_text(storage_example.storage_usd),
        # Windows tasks (us-east-1): rates per hour, the licence, the five-minute minimum, one task's month.
        "fg_win_vcpu_hour": float(win["usd_per_vcpu_second"]) * cost.SECONDS_PER_HOUR,
        "fg_win_licence_hour": float(win["usd_per_os_licence_vcpu_second"]) * cost.SECONDS_PER_HOUR,
        "fg_win_gb_hour": float(win["usd_per_gb_second"]) * cost.SECONDS_PER_HOUR,
        "fg_win_min_minutes": containers.fargate_minimum_seconds("windows") / 60,
        "fg_min_minutes": containers.fargate_minimum_seconds() / 60,
        "fg_win_month": windows.total_usd,
        "fg_win_month_krw": _krw_text(windows.total_usd),
        "fg_win_licence_month": windows.os_licence_usd,
        "fg_win_licence_month_krw": _krw_text(windows.os_licence_usd),
        "fg_win_ratio": windows.total_usd / example.total_usd,
        # The registration month on Fargate: tasks that follow each hour vs the 10:00 fleet left on.
        "fg_reg_task_hour": task_hour,
        "fg_reg_peak_tasks": registration.instances_needed(registration.peak_rps(), task.rps,
                                                           target_utilisation=target),
        "fg_reg_month_hours": registration.hours_in_month(),
        "fg_reg_task_hours": followed,
        "fg_reg_month_usd": followed * task_hour,
        "fg_reg_month_krw": _krw_text(followed * task_hour),
        "fg_reg_fixed_task_hours": fixed,
        "fg_reg_fixed_usd": fixed * task_hour,
        "fg_reg_fixed_krw": _krw_text(fixed * task_hour),
        "fg_reg_ratio": fixed / followed,
    }


def _choosing_registration() -> dict[str, object]:
    """Chapter 9's running case: the registration month against the reference break-even point, and the
    t3.small fleet its 10:00 peak needs (the book's sizing) against the Lambda bill, for February (USD, won)."""
    r = crossover.REFERENCE
    month_hours = registration.hours_in_month()
    requests = registration.monthly_requests()
    fleet = cost.ec2_instances_needed(registration.average_rps(), peak_to_average=registration.peak_to_average(),
                                      rps_per_instance=crossover.RPS_PER_INSTANCE, **crossover.SIZING)
    fleet_usd = cost.ec2_monthly_cost(r["instance_type"], count=fleet, hours=month_hours)
    one_usd = cost.ec2_monthly_cost(r["instance_type"], hours=month_hours)
    lambda_usd = cost.lambda_monthly_cost(requests, r["duration_ms"], r["memory_mb"])
    with_api = lambda_exercises.registration_bill()["total_usd"]
    return {
        "choose_reg_requests_man": requests / 1e4,
        "choose_reg_avg_rps": registration.average_rps(),
        "choose_reg_peak_rps": registration.peak_rps(),
        "choose_reg_ratio": registration.peak_to_average(),
        "choose_reg_hours": month_hours,
        "choose_rps_per_instance": crossover.RPS_PER_INSTANCE,
        "choose_reg_one_ec2_usd": one_usd, "choose_reg_one_ec2_krw": _krw_text(one_usd),
        "choose_reg_fleet": fleet,
        "choose_reg_fleet_usd": fleet_usd, "choose_reg_fleet_krw": _krw_text(fleet_usd),
        "choose_reg_lambda_usd": lambda_usd, "choose_reg_lambda_krw": _krw_text(lambda_usd),
        "choose_reg_with_api_usd": with_api, "choose_reg_with_api_krw": _krw_text(with_api),
        "choose_reg_fleet_times": fleet_usd / with_api,
    }


def choosing() -> dict[str, object]:
    """Chapter 9 (choosing compute): Lambda limits, the reference workload's break-even points and the
    running case's decision."""
    old_max, changed = _old_limit("memory_max")
    r = crossover.REFERENCE
    ref = {"duration_ms": r["duration_ms"], "memory_mb": r["memory_mb"]}
    ec2_ref = crossover.ec2_option(r["instance_type"], region=r["region"])
    fargate_ref = crossover.fargate_option(r["fargate_vcpu"], r["fargate_memory_gb"], region=r["region"])
    plain = crossover.break_even_table([ec2_ref, fargate_ref], **ref, region=r["region"])
    api = crossover.break_even_table([ec2_ref], **ref, region=r["region"], api="http")
    sizing = {"rps_per_instance": crossover.RPS_PER_INSTANCE, **crossover.SIZING}
    busy = crossover.busy_hours_costs(0, crossover.BUSY_RPS, **ref, instance_type=r["instance_type"],
                                      region=r["region"], **sizing)
    intervals = cost.cheaper_intervals(**ref, instance_type=r["instance_type"], max_requests=2e8,
                                       region=r["region"], **crossover.CAPACITY_DEFAULT, **crossover.SIZING)
    ipv4 = crossover.public_ipv4_break_even_shift(r["instance_type"], **ref, region=r["region"])
    seoul = _seoul_sources()
    busy_fleet = float(busy["ec2_always_on_usd"].iloc[0])
    return {
        **_choosing_registration(),
        "ref_ec2_krw": _krw_text(ec2_ref.monthly_usd),
        "ref_ipv4_ec2_krw": _krw_text(ipv4["ec2_ipv4_usd"]),
        "busy_fleet_krw": _krw_text(busy_fleet),
        # The reference instance with one public IPv4 address (0.005 USD per address-hour).
        "ref_ipv4_ec2_usd": ipv4["ec2_ipv4_usd"],
        "ref_ipv4_be_10k": ipv4["requests_ipv4"] / 1e4,
        "ref_ipv4_shift_pct": ipv4["shift_pct"],
        "concurrency_default": cost.lambda_limit("concurrency_default"),
        "choose_seoul_aws": ", ".join(seoul["aws"]) or "없음",
        # Whether Lambda's rates are the same in Seoul and in us-east-1 (for every architecture).
        "choose_lambda_same": "같습니다" if all(
            cost.lambda_rates(arch, "ap-northeast-2") == cost.lambda_rates(arch, "us-east-1")
            for arch in ("x86_64", "arm64")) else "다릅니다",
        "choose_seoul_other": ", ".join(seoul["other"]) or "없음",
        "choose_seoul_missing": ", ".join(seoul["missing"]) or "없음",
        "mem_max_mb": cost.lambda_limit("memory_max"), "mem_old_max_mb": old_max,
        "mem_change_year": changed.year, "mem_change_month": changed.month, "mem_change_day": changed.day,
        "vcpu_max": cost.lambda_limit("vcpu_max"), "mem_per_vcpu_mb": cost.lambda_limit("memory_per_vcpu"),
        "timeout_s": cost.lambda_limit("timeout_max"), "timeout_min": cost.lambda_limit("timeout_max") / 60,
        "choose_http_timeout_s": cost.api_gateway_limit("http"),
        "choose_rest_timeout_s": cost.api_gateway_limit("rest"),
        "payload_sync_mb": cost.lambda_limit("payload_sync"),
        "ref_duration_ms": r["duration_ms"], "ref_memory_mb": r["memory_mb"],
        "ref_fargate_vcpu": r["fargate_vcpu"], "ref_fargate_memory_gb": r["fargate_memory_gb"],
        "ref_ec2_usd": ec2_ref.monthly_usd,
        "ref_lambda_per_million_usd": cost.lambda_monthly_cost(1e6, **ref, region=r["region"]),
        "ref_be_requests_10k": plain["requests_per_month"].iloc[0] / 1e4,
        "ref_be_rps": plain["requests_per_second"].iloc[0],
        "ref_be_api_requests_10k": api["requests_per_month"].iloc[0] / 1e4,
        "ref_be_api_rps": api["requests_per_second"].iloc[0],
        "hours_per_month": cost.HOURS_PER_MONTH,
        "target_utilisation_pct": crossover.SIZING["target_utilisation"] * 100,
        "min_instances": crossover.SIZING["min_instances"],
        "capacity_peak_ratio": crossover.CAPACITY_DEFAULT["peak_to_average"],
        "capacity_rps_per_instance": crossover.CAPACITY_DEFAULT["rps_per_instance"],
        "capacity_lambda_intervals": int((intervals["option"] == "lambda").sum()),
        "busy_rps": crossover.BUSY_RPS, "busy_instances": int(busy["ec2_instances"].iloc[0]),
        "busy_fleet_usd": busy_fleet,
        "busy_be_hours": crossover.break_even_busy_hours(crossover.BUSY_RPS, **ref, instance_type=r["instance_type"],
                                                         region=r["region"], **sizing),
    }


def guide() -> dict[str, object]:
    """The teacher guide: EC2 and Lambda SLA targets (%), Lambda memory limits (MB), EC2's billing minimum (s),
    AL2's end of support and API Gateway's integration timeouts (s)."""
    return {
        "guide_ec2_region_pct": av.sla_target("ec2", scope="region"),
        "guide_ec2_instance_pct": av.sla_target("ec2", scope="instance"),
        "guide_ec2_region_period": PERIOD_WORDS[av.sla_period("ec2", scope="region")],
        "guide_ec2_instance_period": PERIOD_WORDS[av.sla_period("ec2", scope="instance")],
        "guide_ec2_min_billed_seconds": cost.ec2_billed_seconds(1),
        "guide_al2_postponed": _count_word(os_support.postponements("AL2")),
        "guide_al2_end": _korean_date(os_support.support_end("AL2")),
        "guide_http_timeout_s": cost.api_gateway_limit("http"),
        "guide_rest_timeout_s": cost.api_gateway_limit("rest"),
        "guide_lambda_memory_max": cost.lambda_limit("memory_max"),
        "guide_lambda_memory_old_max": _old_limit("memory_max")[0],
    }


def lab_ec2() -> dict[str, object]:
    """The EC2 lab: what its instance costs if left running (and the region and VAT rate every lab uses)."""
    return {
        "lab_region": f"{datasets.REGION_NAMES[labs.LAB_REGION]}(`{labs.LAB_REGION}`)",
        "lab_vat_pct": money.vat_pct(),
        "lab_ec2_type": f"`{labs.ec2_instance_type('ec2')}`",
        "lab_ipv4_hourly": cost.public_ipv4_hourly_price(labs.LAB_REGION),
        "lab_ec2_hourly": labs.hourly_cost("ec2"),
        "lab_ec2_monthly": labs.monthly_cost("ec2"),
        "lab_ec2_monthly_krw": _krw_text(labs.monthly_cost("ec2")),
    }


def lab_lambda() -> dict[str, object]:
    """The Lambda lab: an idle function costs nothing; a million calls at the assumed duration."""
    return {
        "lab_lambda_memory_mb": labs.lambda_memory_mb(),
        "lab_lambda_duration_ms": labs.LAMBDA_ASSUMED_DURATION_MS,
        "lab_lambda_per_million": labs.lambda_cost_per_million(),
    }


def lab_ecs() -> dict[str, object]:
    """The ECS lab (one container instance)."""
    return {"lab_ecs_type": f"`{labs.ec2_instance_type('ecs')}`",
            "lab_ecs_hourly": labs.hourly_cost("ecs"), "lab_ecs_monthly": labs.monthly_cost("ecs"),
            "lab_ecs_monthly_krw": _krw_text(labs.monthly_cost("ecs"))}


def lab_eks() -> dict[str, object]:
    """The EKS lab (cluster fee and a managed node group)."""
    return {"lab_eks_fee_hourly": cost.eks_monthly_fee(hours=1),
            "lab_eks_node_type": f"`{labs.ec2_instance_type('eks')}`", "lab_eks_nodes": labs.eks_node_count(),
            "lab_eks_hourly": labs.hourly_cost("eks"), "lab_eks_monthly": labs.monthly_cost("eks"),
            "lab_eks_monthly_krw": _krw_text(labs.monthly_cost("eks"))}


def lab_fargate() -> dict[str, object]:
    """The Fargate lab (one service of Fargate tasks)."""
    vcpu, memory_gb = labs.fargate_task_size()
    return {"lab_fargate_vcpu": vcpu, "lab_fargate_memory_gb": memory_gb, "lab_fargate_tasks": labs.fargate_task_count(),
            "lab_fargate_hourly": labs.hourly_cost("fargate"), "lab_fargate_monthly": labs.monthly_cost("fargate"),
            "lab_fargate_monthly_krw": _krw_text(labs.monthly_cost("fargate"))}


def account_safety() -> dict[str, object]:
    """The account-safety page: the free plan and credits of accounts created since July 2025."""
    plan = datasets.load("free_plan").set_index("item")["value"]
    return {f"free_{item}": float(value) for item, value in plan.items()}


#: Where each group of numbers is quoted.
CHAPTERS: dict[str, Callable[[], dict[str, object]]] = {
    "chapters/01_compute_overview": overview, "chapters/02_ec2": ec2, "chapters/03_sla": sla, "chapters/04_lambda": lambda_,
    "chapters/05_ecs": ecs, "chapters/06_eks": eks, "chapters/07_fargate": fargate,
    "chapters/08_slo_operations": slo_operations, "chapters/09_choosing_compute": choosing, "appendix/teacher_guide": guide,
    "labs/account_safety": account_safety, "labs/ec2/lab": lab_ec2, "labs/lambda/lab": lab_lambda,
    "labs/ecs/lab": lab_ecs, "labs/eks/lab": lab_eks, "labs/fargate/lab": lab_fargate,
}


def choice_list(exercise_id: str) -> str:
    """The Markdown list of a choice exercise's options, as the chapter shows it ("- **가.** …" per line)."""
    lines = [f"- **{o.key}.** {o.text}" for o in exercises.get(exercise_id).options]
    return "\n" + "\n".join(lines) + "\n"


def exercise_values() -> dict[str, object]:
    """Each book exercise's quoted figures (``<id>.<param>``, ``<id>.<figure>``, ``<id>.answer``; the
    book's numbers) and each choice exercise's option list (``<id>.choices``)."""
    found: dict[str, object] = dict(exercises.figure_values())
    for exercise_id in exercises.registered():
        if f"{exercise_id}.answer" in found and exercises.get(exercise_id).options:
            found[f"{exercise_id}.choices"] = choice_list(exercise_id)
    return found


@lru_cache(maxsize=None)
def _values() -> dict[str, object]:
    merged: dict[str, object] = dict(exercise_values())
    for group in CHAPTERS.values():
        for key, value in group().items():
            if key in merged:
                raise AssertionError(f"prose number {key!r} is defined twice")
            # Plain Python numbers: numpy scalars format the same but compare and print noisily.
            merged[key] = value if isinstance(value, (str, int)) else float(value)
    return merged


def values() -> dict[str, object]:
    """Every quoted value by key: numbers (int or float) and computed words (str)."""
    return dict(_values())


# --------------------------------------------------------------------------- writing them into the prose

def render(value: object, spec: str) -> str:
    """The text the prose shows for ``value`` formatted with ``spec`` (Python format spec)."""
    return format(value, spec or "")


@dataclass(frozen=True)
class Quote:
    """One quoted number in a source file: where it is, what it says and what it should say."""

    file: str
    key: str
    spec: str
    text: str
    expected: str | None  # None: the key is unknown

    @property
    def stale(self) -> bool:
        return self.text != self.expected


def source_files(root: Path | None = None) -> list[Path]:
    """Every file whose prose may quote numbers, in a stable order."""
    root = ROOT if root is None else root
    return sorted(p for pattern in SOURCES for p in root.glob(pattern))


def _markdown_texts(path: Path) -> Iterator[tuple[dict | None, str]]:
    """(cell or None, markdown text) for each markdown cell of a notebook, or the whole file."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                yield cell, "".join(cell["source"])
    else:
        yield None, path.read_text(encoding="utf-8")


def quotes(path: Path, known: dict[str, object] | None = None, root: Path | None = None) -> list[Quote]:
    """Every quoted number in ``path`` with the text it should show for ``known`` values."""
    root = ROOT if root is None else root
    known = values() if known is None else known
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    found = []
    for _, text in _markdown_texts(path):
        for m in MARKER.finditer(text):
            key, spec = m["key"], m["spec"] or ""
            expected = render(known[key], spec) if key in known else None
            found.append(Quote(name, key, spec, m["text"], expected))
        for m in CHOICES.finditer(text):
            key = f"{m['key']}.choices"
            found.append(Quote(name, key, "", m["text"], str(known[key]) if key in known else None))
    return found


def _rewrite(text: str, known: dict[str, object]) -> str:
    def sub(m: re.Match) -> str:
        if m["key"] not in known:
            return m.group(0)
        spec = m["spec"] or ""
        head = f"<!--num {m['key']}{':' + spec if m['spec'] is not None else ''}-->"
        return f"{head}{render(known[m['key']], spec)}<!--/num-->"

    def choices(m: re.Match) -> str:
        key = f"{m['key']}.choices"
        return m.group(0) if key not in known else f"<!--choices {m['key']}-->{known[key]}<!--/choices-->"

    return CHOICES.sub(choices, MARKER.sub(sub, text))


def sync(root: Path | None = None, known: dict[str, object] | None = None) -> list[Quote]:
    """Rewrite every stale quoted number under ``root``; return the quotes that changed.

    Notebooks keep their JSON layout (one string per source line, as Jupyter writes it).
    """
    known = values() if known is None else known
    root = ROOT if root is None else root
    changed = []
    for path in source_files(root):
        stale = [q for q in quotes(path, known, root) if q.stale and q.expected is not None]
        if not stale:
            continue
        changed += stale
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                if cell["cell_type"] == "markdown":
                    new = _rewrite("".join(cell["source"]), known)
                    cell["source"] = new.splitlines(keepends=True)
            path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            path.write_text(_rewrite(path.read_text(encoding="utf-8"), known), encoding="utf-8")
    return changed


def problems(root: Path | None = None) -> list[str]:
    """Korean descriptions of quoted numbers that are out of date or name an unknown key."""
    out = []
    for path in source_files(root):
        for q in quotes(path, root=root):
            if q.expected is None:
                out.append(f"{q.file}: '{q.key}'은(는) awsbook.prose에 없는 값입니다.")
            elif q.stale:
                out.append(f"{q.file}: '{q.key}'이(가) 본문에는 {q.text!r}이지만 데이터로는 {q.expected!r}입니다. "
                           "'python -m awsbook.prose sync'로 고치세요.")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awsbook.prose",
                                     description="Numbers quoted in the book's prose.")
    parser.add_argument("command", choices=("sync", "check", "values"),
                        help="sync: rewrite stale numbers; check: list them (exit 1 if any); values: print JSON")
    parser.add_argument("--root", type=Path, default=None, help="the book's folder (default: this checkout)")
    args = parser.parse_args(argv)
    if args.command == "values":
        print(json.dumps(values(), ensure_ascii=False, indent=1, sort_keys=True))
        return 0
    if args.command == "check":
        found = problems(args.root)
        print("\n".join(found) if found else "본문의 숫자가 모두 데이터와 일치합니다.")
        return 1 if found else 0
    changed = sync(args.root)
    for q in changed:
        print(f"{q.file} {q.key}: {q.text} → {q.expected}")
    print(f"{len(changed)}개의 숫자를 고쳤습니다." if changed else "바뀐 숫자가 없습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
