"""API Gateway charges beyond the per-request bands (USD).

* HTTP APIs meter a request in 512 KB steps: a larger request counts as
  several (:func:`metered_requests`); the request bands themselves are
  :func:`awsbook.cost.api_gateway_monthly_cost`.
* Data transferred out to the internet, at the EC2 data transfer rate
  (:func:`data_transfer_out_cost`, :func:`transfer_gb`).
* WebSocket APIs: messages (metered in 32 KB steps, at most 128 KB) and
  connection minutes (:func:`websocket_bill`).
* The REST API cache, per hour by cache size (:func:`rest_cache_cost`).

Rates come from ``data/`` (``api_gateway_metering.csv``, ``data_transfer_prices.csv``,
``api_gateway_websocket_prices.csv``, ``api_gateway_cache_prices.csv``); every
function takes its rate as a keyword argument too (``None`` = ``data/``).
Sizes are in KB; 1 GB = 1,024 × 1,024 KB, as AWS's examples count.
"""

from __future__ import annotations

import math
from functools import lru_cache

from awsbook import datasets, validate

KB_PER_GB = 1024 * 1024
#: Guards a rounding up to whole metering steps against binary rounding.
_EPS = 1e-9


@lru_cache(maxsize=None)
def _tables() -> dict[str, dict]:
    def by(name, *key):
        return {tuple(r[k] for k in key): r for r in datasets.load(name).to_dict("records")}

    return {"metering": by("api_gateway_metering", "api"),
            "transfer": by("data_transfer_prices", "region"),
            "websocket": by("api_gateway_websocket_prices", "region"),
            "cache": by("api_gateway_cache_prices", "region", "cache_gb")}


def _region_row(kind: str, region: str) -> dict:
    table = _tables()[kind]
    return table[(validate.choice("region", region, [k[0] for k in table]),)]


def _metering(api: str) -> dict:
    table = _tables()["metering"]
    return table[(validate.choice("api", api, [k[0] for k in table]),)]


def _units(name: str, size_kb, api: str) -> int:
    """How many metered units one request or message of ``size_kb`` counts as (at least one)."""
    row = _metering(api)
    high = None if row["max_kb"] is None or math.isnan(row["max_kb"]) else row["max_kb"]
    size = validate.number(name, size_kb, low=0, high=high)
    return max(1, math.ceil(size / row["metering_kb"] - _EPS))


def metered_requests(requests, request_kb) -> float:
    """Requests an HTTP API bills for ``requests`` requests of ``request_kb`` KB each.

    HTTP APIs meter requests in steps of ``data/api_gateway_metering.csv``
    (512 KB): each request counts ceil(KB ÷ 512) times, at least once; a
    4.5 MB (4,608 KB) upload counts as 9 requests.
    """
    reqs = validate.number("requests", requests, low=0)
    return reqs * _units("request_kb", request_kb, "http")


def transfer_gb(responses, kb_per_response) -> float:
    """GB transferred by ``responses`` responses of ``kb_per_response`` KB each (1 GB = 1,024 × 1,024 KB)."""
    n = validate.number("responses", responses, low=0)
    return n * validate.number("kb_per_response", kb_per_response, low=0) / KB_PER_GB


def data_transfer_out_cost(gb, *, region: str = "us-east-1", usd_per_gb=None) -> float:
    """Data transferred out to the internet: ``gb`` × USD per GB (``data/data_transfer_prices.csv``, $0.09).

    One rate for every GB, as AWS's API Gateway examples charge it: the
    cheaper bands above 10 TB a month and the monthly free allowance are not
    modelled, so large volumes are over-estimated.  Private APIs have no data
    transfer out charge (they pay AWS PrivateLink instead, not modelled).
    """
    volume = validate.number("gb", gb, low=0)
    return volume * validate.rate("usd_per_gb", usd_per_gb, _region_row("transfer", region)["usd_per_gb_out"])


def websocket_bill(messages, connection_minutes, *, message_kb=None, region: str = "us-east-1",
                   usd_per_million_messages=None, usd_per_million_connection_minutes=None) -> dict:
    """A WebSocket API's monthly bill (USD): messages sent and received plus connection minutes.

    Each message counts ceil(``message_kb`` ÷ 32) times (metering of
    ``data/api_gateway_metering.csv``; ``None`` = one each; at most 128 KB).
    Charges: metered messages ÷ 1,000,000 × USD per million messages, plus
    connection minutes ÷ 1,000,000 × USD per million minutes
    (``data/api_gateway_websocket_prices.csv``: only the first rate is
    modelled, no volume bands; the 12-month free tier is not modelled).
    Returns ``metered_messages``, ``messages_usd``, ``connection_usd``, ``total_usd``.
    """
    n = validate.number("messages", messages, low=0)
    minutes = validate.number("connection_minutes", connection_minutes, low=0)
    metered = n if message_kb is None else n * _units("message_kb", message_kb, "websocket")
    row = _region_row("websocket", region)
    parts = {
        "messages_usd": metered / 1e6 * validate.rate("usd_per_million_messages", usd_per_million_messages,
                                              row["usd_per_million_messages"]),
        "connection_usd": minutes / 1e6 * validate.rate("usd_per_million_connection_minutes",
                                                usd_per_million_connection_minutes,
                                                row["usd_per_million_connection_minutes"]),
    }
    return {"metered_messages": metered, **parts, "total_usd": sum(parts.values())}


def rest_cache_sizes(region: str = "us-east-1") -> list[float]:
    """REST API cache sizes (GB) with an hourly price in ``data/api_gateway_cache_prices.csv``."""
    table = _tables()["cache"]
    validate.choice("region", region, list(dict.fromkeys(k[0] for k in table)))
    return sorted(k[1] for k in table if k[0] == region)


def rest_cache_cost(cache_gb, hours, *, region: str = "us-east-1", usd_per_hour=None) -> float:
    """A REST API cache of ``cache_gb`` GB provisioned for ``hours`` hours (USD): hours × USD per hour.

    Only the sizes of :func:`rest_cache_sizes` have a price in ``data/``
    (the 1.6 GB cache of AWS's example, $0.038 an hour).
    """
    sizes = rest_cache_sizes(region)
    size = validate.number("cache_gb", cache_gb, low=0, low_inclusive=False)
    if size not in sizes:
        raise validate.refuse("cache_gb", cache_gb, sizes,
                              reason="data/api_gateway_cache_prices.csv에 요금이 있는 캐시 크기(GB)는")
    duration = validate.number("hours", hours, low=0)
    return duration * validate.rate("usd_per_hour", usd_per_hour, _tables()["cache"][(region, size)]["usd_per_hour"])
