"""Lambda concurrency: how many execution environments a request rate keeps busy, and what a quota lets through.

Concurrency is the number of requests a function handles at the same moment; each runs in its own
execution environment.  For a steady rate AWS gives the formula (Lambda Developer Guide,
"Understanding Lambda function scaling"):

    concurrency = requests per second × average duration in seconds

A function whose concurrency would exceed the quota (``data/lambda_limits.csv``,
``concurrency_default``: 1,000 per Region by default) is throttled: the requests beyond it fail.
Lambda also adds environments at most at its scaling rate (``scaling_rate_per_10s``: 1,000 every
10 seconds for each function, refilled continuously).

Units: rates in requests per second; durations in milliseconds; concurrency in execution
environments (a count); requests in counts; times in seconds.
"""

from __future__ import annotations

import numpy as np

from awsbook import cost, validate

SECONDS_PER_MINUTE = 60
#: The scaling rate's period (s): ``scaling_rate_per_10s`` environments per this many seconds.
SCALING_PERIOD_SECONDS = 10


def _result(x: np.ndarray):
    return float(x) if x.ndim == 0 else x


def _duration_s(duration_ms) -> float:
    return validate.number("duration_ms", duration_ms, low=0, low_inclusive=False) / 1000


def concurrency(rps, duration_ms):
    """Execution environments busy at once for ``rps`` requests per second of ``duration_ms`` each.

        rps × duration_ms ÷ 1,000     (environments; a number or an array, array in, array out)
    """
    rate = validate.array("rps", rps, low=0)
    return _result(rate * _duration_s(duration_ms))


def max_rps(concurrency_limit, duration_ms) -> float:
    """The highest steady rate (requests per second) ``concurrency_limit`` environments serve.

        concurrency_limit ÷ (duration_ms ÷ 1,000)     (requests per second)
    """
    limit = validate.number("concurrency_limit", concurrency_limit, low=0, low_inclusive=False)
    return limit / _duration_s(duration_ms)


def throttled_at_least(requests_per_minute, concurrency_limit, duration_ms):
    """Requests a minute that ``concurrency_limit`` environments must throttle, at least (count).

        max(0, requests − 60 × max_rps(concurrency_limit, duration_ms))

    A lower bound: the limit serves at most ``60 × max_rps`` requests in a minute even when they
    arrive evenly; when they bunch up (a spike's first seconds), more are throttled.  A number or
    an array of minutes (array in, array out).
    """
    requests = validate.array("requests_per_minute", requests_per_minute, low=0)
    capacity = SECONDS_PER_MINUTE * max_rps(concurrency_limit, duration_ms)
    return _result(np.maximum(requests - capacity, 0.0))


def scaling_seconds(from_environments, to_environments, *, rate_per_10s=None) -> float:
    """Seconds Lambda needs to grow one function from ``from_environments`` to ``to_environments``.

        max(0, to − from) ÷ rate × 10     (s)

    ``rate_per_10s`` (environments added per 10 seconds) defaults to ``scaling_rate_per_10s`` of
    ``data/lambda_limits.csv`` (1,000); Lambda refills it continuously, so the time is not rounded
    to whole 10-second steps.  Requests that arrive before the environments exist are throttled.
    """
    start = validate.number("from_environments", from_environments, low=0)
    end = validate.number("to_environments", to_environments, low=0)
    rate = validate.rate("rate_per_10s", rate_per_10s, cost.lambda_limit("scaling_rate_per_10s"))
    return max(end - start, 0.0) / rate * SCALING_PERIOD_SECONDS
