"""Monthly cost models (USD per month; a month is 730 hours, as in the AWS Pricing Calculator).

Prices come only from ``data/`` through :mod:`awsbook.datasets`.
"""

from __future__ import annotations

from awsbook import datasets, validate

HOURS_PER_MONTH = 730


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
    hours = validate.number("hours", hours, low=0, high=HOURS_PER_MONTH * 2)
    discount = validate.number("discount_pct", discount_pct, low=0, high=100, high_inclusive=False)
    return ec2_hourly_price(instance_type, region) * count * hours * (1 - discount / 100)
