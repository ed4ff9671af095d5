"""Generate ``data/traffic_day.csv``: one SYNTHETIC day of web traffic, hour by hour.

This is not a measurement of any real service.  It is a smooth, made-up curve
with the two features the elasticity chapter needs: a morning ramp and an
evening peak.  Each row is the average demand during one hour, relative to
the day's average (the column has mean 1), so a chapter can scale it to any
average load and reshape its peak-to-average ratio.

The curve, for hour h = 0, 1, ..., 23 (the value stands for h:00-h:59):

    shape(h) = 0.25                                  # night-time floor
             + 0.55 * s((h - 8) / 1.0) * s((23 - h) / 1.0)   # daytime plateau:
                                                     # ramps up around 08:00,
                                                     # down around 23:00
             + 0.60 * exp(-d(h, 21)^2 / (2 * 1.5^2)) # evening peak at 21:00

where s(x) = 1 / (1 + exp(-x)) and d(h, 21) is the distance in hours from
21:00 around the 24-hour clock (so the peak's tail wraps past midnight).
The values are divided by their mean and rounded to 4 decimals.
Nothing is random: running the script twice writes the same file.

Run from the repository root:  python data/generators/traffic_day.py
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "traffic_day.csv"
AS_OF = "2026-11-26"
SOURCE = "synthetic:data/generators/traffic_day.py"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def shape(hour: int) -> float:
    """Unnormalised demand at ``hour`` (see the module docstring)."""
    plateau = 0.55 * _sigmoid((hour - 8) / 1.0) * _sigmoid((23 - hour) / 1.0)
    gap = min(abs(hour - 21), 24 - abs(hour - 21))
    evening = 0.60 * math.exp(-gap**2 / (2 * 1.5**2))
    return 0.25 + plateau + evening


def main() -> None:
    raw = [shape(h) for h in range(24)]
    mean = sum(raw) / len(raw)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["hour", "relative_demand", "confidence", "source_url", "as_of", "note"])
        for h, value in enumerate(raw):
            note = "SYNTHETIC: hourly average demand divided by the day's average" if h == 0 else ""
            writer.writerow([h, f"{value / mean:.4f}", "SYNTHETIC", SOURCE, AS_OF, note])


if __name__ == "__main__":
    main()
