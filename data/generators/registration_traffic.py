"""Generate the book's running case: SYNTHETIC traffic of a university course-registration system (수강신청).

Two files, both made up (not a measurement of any real university):

* ``data/registration_month.csv`` — February 2027 hour by hour (672 rows): the requests
  the system received in each hour and the highest one-second rate inside that hour;
* ``data/registration_spike.csv`` — the first registration morning, 2027-02-08 (Monday)
  09:30–11:29, minute by minute (120 rows), with the same two columns.

The story the numbers tell (the assumptions, in one place):

* A university of about 20,000 students.  Outside registration the system is quiet:
  a few requests per second during the day, almost none at night.
* Week 1 (02-01 to 02-05) is the 장바구니 (wish-list) week: students browse and save
  courses, so daytime traffic is several times the quiet level, without a spike.
* Week 2 (02-08 to 02-12) is registration.  At 10:00 sharp on Monday (all students)
  everyone clicks at once: the first seconds reach about 15,000 requests per second,
  the rate halves about every 90 seconds, and after half an hour it is back to a busy
  but ordinary daytime level.  Tuesday to Thursday open at 10:00 for smaller groups
  (spikes of about a third, a quarter and a fifth of Monday's).
* Weeks 3 and 4 are quiet again: the month's average is a tiny fraction of its peak.

From 10:00 on a registration day with opening peak P the crowd's rate decays as
P * 0.5 ** (t / 90) requests per second, t in seconds.  For minute m after 10:00
(m = 0, 1, ...), on top of ``base`` (that hour's ordinary level):

    average(m) = base + P * (90 / ln 2) / 60 * (0.5 ** (60m / 90) - 0.5 ** (60(m + 1) / 90))
    peak(m)    = base + P * 0.5 ** (60m / 90)          (the rate at the minute's first second)

where ``base`` is that hour's ordinary level.  Before 10:00 a small crowd waits and
refreshes (a rate that grows from the base level to 8% of P at 09:59).  Small noise
(seeded, so the files are the same on every run) keeps the curves from looking drawn.

Run from the repository root:  python data/generators/registration_traffic.py
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
MONTH_OUT = DATA / "registration_month.csv"
SPIKE_OUT = DATA / "registration_spike.csv"
AS_OF = "2026-12-07"
SOURCE = "synthetic:data/generators/registration_traffic.py"
NOTE = "SYNTHETIC: a made-up course-registration system of a 20,000-student university (see the generator)"

MONTH_START = dt.datetime(2027, 2, 1)
DAYS = 28
#: Opening peaks (requests per second in the first seconds after 10:00), by registration date.
OPENINGS = {dt.date(2027, 2, 8): 15_000.0, dt.date(2027, 2, 9): 5_000.0,
            dt.date(2027, 2, 10): 3_750.0, dt.date(2027, 2, 11): 3_000.0}
HALF_LIFE_S = 90.0
SPIKE_DAY = dt.date(2027, 2, 8)
SEED = 20270208


def quiet_rate(hour: int) -> float:
    """Ordinary requests per second at ``hour`` on a quiet weekday (night floor, daytime plateau)."""
    day = 1.0 / (1.0 + math.exp(-(hour - 8.5))) * 1.0 / (1.0 + math.exp(hour - 22.5))
    return 0.15 + 2.85 * day


def base_rate(when: dt.datetime) -> float:
    """The ordinary level (requests per second) at ``when``, before any 10:00 spike."""
    rate = quiet_rate(when.hour)
    if when.weekday() >= 5:
        rate *= 0.4
    week = (when.date() - MONTH_START.date()).days // 7
    if week == 0:
        rate *= 6.0          # wish-list week: browsing all day
    elif week == 1:
        rate *= 25.0         # registration week: checking timetables, swapping courses
    return rate


def minute_rates(day: dt.date, hour: int, rng: random.Random) -> list[tuple[float, float]]:
    """(average, peak) requests per second for each minute of ``hour`` on ``day``."""
    base = base_rate(dt.datetime.combine(day, dt.time(hour)))
    opening = OPENINGS.get(day, 0.0)
    out = []
    for minute in range(60):
        noise = 1.0 + 0.04 * (rng.random() - 0.5)
        average, peak = base * noise, base * noise * 1.3
        if opening and hour == 9 and minute >= 30:
            crowd = opening * 0.08 * ((minute - 30) / 29) ** 2
            average, peak = average + crowd, peak + crowd * 1.2
        if opening and hour >= 10:
            m = (hour - 10) * 60 + minute
            start, end = (0.5 ** (60 * k / HALF_LIFE_S) for k in (m, m + 1))
            average = average + opening * HALF_LIFE_S / math.log(2) / 60 * (start - end)
            peak = peak + opening * start
        out.append((average, max(peak, average)))
    return out


def main() -> None:
    rng = random.Random(SEED)
    month_rows, spike_rows = [], []
    for d in range(DAYS):
        day = (MONTH_START + dt.timedelta(days=d)).date()
        for hour in range(24):
            minutes = minute_rates(day, hour, rng)
            requests = sum(round(average * 60) for average, _ in minutes)
            peak = max(p for _, p in minutes)
            start = dt.datetime.combine(day, dt.time(hour))
            month_rows.append([start.strftime("%Y-%m-%dT%H:%M"), requests, f"{peak:.1f}"])
            if day == SPIKE_DAY and hour in (9, 10, 11):
                for minute, (average, p) in enumerate(minutes):
                    stamp = start + dt.timedelta(minutes=minute)
                    if dt.time(9, 30) <= stamp.time() <= dt.time(11, 29):
                        spike_rows.append([stamp.strftime("%Y-%m-%dT%H:%M"), round(average * 60), f"{p:.1f}"])
    for path, first, rows in ((MONTH_OUT, "hour_start", month_rows), (SPIKE_OUT, "minute_start", spike_rows)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow([first, "requests", "peak_rps", "confidence", "source_url", "as_of", "note"])
            for i, row in enumerate(rows):
                writer.writerow([*row, "SYNTHETIC", SOURCE, AS_OF, NOTE if i == 0 else ""])


if __name__ == "__main__":
    main()
