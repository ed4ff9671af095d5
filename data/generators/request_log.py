"""Generate ``data/request_log.csv``: one synthetic week of a web service's traffic.

One row per minute from Monday 2026-03-02 00:00 to Sunday 2026-03-08 23:59
(10,080 rows, times in Korea Standard Time without an offset):

* ``requests`` -- requests served in that minute (Poisson around a daily
  curve that peaks in the evening; weekends carry 80% of weekday traffic);
* ``errors_5xx`` -- of those, responses with a 5xx status (binomial, 0.03%
  of requests in normal operation);
* ``latency_p99_ms`` -- the minute's 99th-percentile latency in milliseconds.

Two events are built in so that the chapter has something to find:

* an outage on Wednesday 2026-03-04 14:20-14:51 (32 minutes): about a fifth of
  requests fail and p99 latency climbs above 1 s;
* a slowdown on Friday 2026-03-06 20:00-20:39 (40 minutes): no errors, but
  p99 latency sits around 450 ms.

The output is deterministic (fixed seed).  Run from the repository root::

    python data/generators/request_log.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260302
START = "2026-03-02 00:00"
MINUTES = 7 * 24 * 60
AS_OF = "2026-03-09"
SOURCE = "synthetic:data/generators/request_log.py"
OUTAGE = ("2026-03-04 14:20", "2026-03-04 14:51")
SLOWDOWN = ("2026-03-06 20:00", "2026-03-06 20:39")
OUT = Path(__file__).resolve().parent.parent / "request_log.csv"


def generate() -> pd.DataFrame:
    """Return the week as a DataFrame with the columns of ``data/request_log.csv``."""
    rng = np.random.default_rng(SEED)
    t = pd.date_range(START, periods=MINUTES, freq="min")
    hour = t.hour.to_numpy() + t.minute.to_numpy() / 60
    # Daily curve: quiet at 04:00, peak at 21:00 (cosine between 0.25 and 1.0).
    curve = 0.625 + 0.375 * np.cos(2 * np.pi * (hour - 21) / 24)
    weekend = np.where(t.day_of_week.to_numpy() >= 5, 0.8, 1.0)
    requests = rng.poisson(900 * curve * weekend)

    error_rate = np.full(MINUTES, 0.0003)
    p99 = 160 + 60 * curve + rng.gamma(4.0, 6.0, MINUTES)

    outage = (t >= OUTAGE[0]) & (t <= OUTAGE[1])
    error_rate[outage] = rng.uniform(0.12, 0.28, outage.sum())
    p99[outage] = rng.uniform(1100, 2600, outage.sum())
    slowdown = (t >= SLOWDOWN[0]) & (t <= SLOWDOWN[1])
    p99[slowdown] = rng.uniform(400, 520, slowdown.sum())

    errors = rng.binomial(requests, error_rate)
    return pd.DataFrame({
        "timestamp": t.strftime("%Y-%m-%dT%H:%M"),
        "requests": requests,
        "errors_5xx": errors,
        "latency_p99_ms": np.round(p99).astype(int),
        "confidence": "SYNTHETIC",
        "source_url": SOURCE,
        "as_of": AS_OF,
        "note": "",
    })


if __name__ == "__main__":
    generate().to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT}")
