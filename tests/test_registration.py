"""The running case (수강신청 traffic): the data follow the generator's documented story, the helpers compute.

Expected values come from the formulas in data/generators/registration_traffic.py's docstring,
worked by hand below, not from the module under test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from awsbook import registration as reg
from awsbook.validate import RefusedValue


def test_the_month_is_february_2027_hour_by_hour():
    month = reg.month()
    assert len(month) == 28 * 24 == reg.hours_in_month()
    assert month.index[0] == pd.Timestamp("2027-02-01 00:00") and month.index[-1] == pd.Timestamp("2027-02-28 23:00")
    assert (month["requests"] >= 0).all() and (month["peak_rps"] * 3600 >= month["requests"]).all()


def test_the_first_opening_minute_follows_the_documented_decay():
    # average(0) = base + P·(90/ln 2)/60·(1 − 0.5^(60/90)); P = 15,000, 0.5^(2/3) = 0.629961
    # → 15,000 × 2.164043 × 0.370039 = 12,011.7 rps; base at 10:00 of registration week:
    # quiet(10) = 0.15 + 2.85 × σ(1.5) × σ(12.5) = 0.15 + 2.85 × 0.817574 × 0.999996 = 2.480 rps, × 25 = 62.0 rps.
    # (12,011.7 + 62.0) × 60 s = 724,422 requests, ± the generator's 2% noise on the base only.
    first = reg.spike().loc["2027-02-08 10:00"]
    assert first["requests"] == pytest.approx(724_422, abs=0.02 * 62 * 60 + 1)
    assert first["peak_rps"] == pytest.approx(15_000 + 62.0 * 1.3, abs=0.02 * 62 * 1.3 + 0.1)
    # one half-life (90 s) later the crowd's rate has halved: minute 10:01 starts at 15,000 × 0.5^(60/90) = 9,449.4
    assert reg.spike().loc["2027-02-08 10:01", "peak_rps"] == pytest.approx(9_449.4 + 62.0 * 1.3, abs=3)


def test_the_peak_is_a_thousand_times_the_average():
    assert reg.peak_rps() == reg.month()["peak_rps"].max() == reg.spike()["peak_rps"].max()
    assert reg.average_rps() == pytest.approx(reg.monthly_requests() / (672 * 3600))
    assert 5 < reg.average_rps() < 30
    assert reg.peak_to_average() > 500


def test_quiet_weeks_are_quiet():
    month = reg.month()
    last_week = month.loc["2027-02-22":"2027-02-26"]
    registration = month.loc["2027-02-08":"2027-02-12"]
    assert registration["requests"].sum() > 20 * last_week["requests"].sum()
    # the quiet daytime plateau is below 3 rps: 0.15 + 2.85 = 3.0 at most
    assert last_week["peak_rps"].max() <= round(3.0 * 1.3 * 1.02, 1)   # 3.98, written with one decimal


def test_hours_above_a_rate():
    # 10:00 on Mon–Thu of registration week peak at 15,000, 5,000, 3,750 and 3,000 rps plus the base
    assert reg.hours_above(2_000) == 4
    assert reg.hours_above(4_000) == 2
    assert reg.hours_above(14_000) == 1
    assert reg.hours_above(0) == 672


@pytest.mark.parametrize("rps, per, use, expected", [
    (15_000, 50, 0.7, 429),   # 15,000 / 35 = 428.57 → 429
    (100, 50, 1.0, 2),        # exactly two full servers, not three
    (0, 50, 1.0, 1),          # at least one
    (1, 50, 0.5, 1),
])
def test_instances_needed(rps, per, use, expected):
    assert reg.instances_needed(rps, per, target_utilisation=use) == expected


def test_window_requests_sums_the_minutes():
    spike = reg.spike()
    expected = spike.loc["2027-02-08 10:00":"2027-02-08 10:09", "requests"].sum()
    assert reg.window_requests("2027-02-08 10:00", 10) == expected
    assert math.isclose(reg.window_requests("2027-02-08 10:00", 1), spike.loc["2027-02-08 10:00", "requests"])


def test_average_days_weighs_a_window_by_its_requests():
    # Summed with the csv module from data/registration_month.csv (672 rows: 34,154,130 requests)
    # and data/registration_spike.csv (10:00–10:09: 724,365 + 457,697 + … + 14,908 = 1,965,576).
    # An average day of February 2027 is 34,154,130 / 28 = 1,219,790.36 requests,
    # so the ten minutes weigh 1,965,576 / 1,219,790.36 = 1.61140 days.
    assert reg.days_in_month() == 28
    assert reg.average_days("2027-02-08 10:00", 10) == pytest.approx(1.611405, abs=1e-6)
    # one quiet minute before the crowd: 2,910 / 1,219,790.36 = 0.0023857 days (3.4 minutes of an average day)
    assert reg.average_days("2027-02-08 09:30", 1) == pytest.approx(0.0023857, abs=1e-7)


@pytest.mark.parametrize("call, name", [
    (lambda: reg.average_days("2027-02-08 10:00", 0), "minutes"),
    (lambda: reg.instances_needed(10, 0), "rps_per_instance"),
    (lambda: reg.instances_needed(10, 5, target_utilisation=1.5), "target_utilisation"),
    (lambda: reg.instances_needed(-1, 5), "rps"),
    (lambda: reg.hours_above(-3), "rps"),
    (lambda: reg.window_requests("2027-02-08 08:00", 10), "start"),
    (lambda: reg.window_requests("2027-02-08 10:00", 0), "minutes"),
])
def test_bad_input_is_refused_in_korean(call, name):
    with pytest.raises(RefusedValue) as err:
        call()
    assert name in str(err.value)


# --------------------------------------------------------------------------- fleets for the month

def test_fixed_fleet_pays_for_the_peak_every_hour():
    # peak 15,079.3 rps: 15,079.3 / 50 = 301.59 → 302 servers; 15,079.3 / 35 = 430.84 → 431; February = 672 h
    assert reg.fixed_instance_hours(50) == 302 * 672 == 202_944
    assert reg.fixed_instance_hours(50, target_utilisation=0.7) == 431 * 672 == 289_632


@pytest.fixture
def tiny_month(monkeypatch):
    """Four hours whose peaks are 10, 120, 49.9 and 0 rps (hand-sized below)."""
    frame = pd.DataFrame({"requests": [100.0, 200.0, 300.0, 0.0], "peak_rps": [10.0, 120.0, 49.9, 0.0]},
                         index=pd.date_range("2027-02-01", periods=4, freq="h"))
    monkeypatch.setattr(reg, "month", lambda: frame)
    return frame


def test_hourly_fleet_follows_each_hour(tiny_month):
    # at 50 rps a server: 10 → 1, 120 → 3, 49.9 → 1, 0 → 1 (never zero): 6 instance-hours
    assert reg.hourly_instance_hours(50) == 6
    # at 50 × 0.5 = 25 rps a server: 10 → 1, 120 → 5, 49.9 → 2, 0 → 1: 9
    assert reg.hourly_instance_hours(50, target_utilisation=0.5) == 9
    # the fixed fleet runs the 3 servers of the 120-rps hour in all four hours: 12
    assert reg.fixed_instance_hours(50) == 12


def test_scheduled_fleet_runs_the_peak_fleet_only_when_the_base_is_too_small(tiny_month):
    # peak fleet 3; base 1 carries 50 rps, so only the 120-rps hour is busy: 3 × 1 + 1 × 3 = 6
    assert reg.scheduled_instance_hours(50, 1) == 6
    # base 2 carries 100 rps: still one busy hour: 3 × 1 + 2 × 3 = 9
    assert reg.scheduled_instance_hours(50, 2) == 9
    # at 70% a server carries 35 rps: peak fleet ceil(120 / 35) = 4; base 1 (35 rps) leaves 120 and 49.9 busy:
    # 4 × 2 + 1 × 2 = 10
    assert reg.scheduled_instance_hours(50, 1, target_utilisation=0.7) == 10


def test_scheduled_fleet_for_the_registration_month():
    # base 4 × 50 × 0.7 = 140 rps.  Above it only 09:00 and 10:00 on the four opening days (the 09:00 crowd
    # reaches 8% of the opening peak, at least 0.08 × 3,000 = 240 rps; by 11:00 the wave is gone and the
    # registration-week base is about 65 × 1.3 = 85 rps): 8 hours.  431 × 8 + 4 × (672 − 8) = 3,448 + 2,656
    assert reg.scheduled_instance_hours(50, 4, target_utilisation=0.7) == 6_104


@pytest.mark.parametrize("base", [0, 431, 2.5])
def test_scheduled_fleet_refuses_a_base_outside_one_to_the_peak_fleet(base):
    with pytest.raises(RefusedValue, match="base_instances"):
        reg.scheduled_instance_hours(50, base, target_utilisation=0.7)


def test_instances_by_hour_follows_each_hour(tiny_month):
    # at 50 rps a server: 10 → 1, 120 → 3, 49.9 → 1, 0 → 1; at 25 rps: 1, 5, 2, 1
    assert reg.instances_by_hour(50).tolist() == [1, 3, 1, 1]
    assert reg.instances_by_hour(50, target_utilisation=0.5).tolist() == [1, 5, 2, 1]
    assert list(reg.instances_by_hour(50).index) == list(tiny_month.index)


def test_instances_by_hour_for_the_registration_month():
    fleet = reg.instances_by_hour(25, target_utilisation=0.7)     # 17.5 rps a task
    assert len(fleet) == 672 and fleet.sum() == reg.hourly_instance_hours(25, target_utilisation=0.7)
    # 10:00 on the opening Monday: 15,079.3 / 17.5 = 861.67 → 862; the quiet last week never needs a second
    # task (its peaks stay below 3.98 rps)
    assert fleet["2027-02-08 10:00"] == 862 == fleet.max()
    assert (fleet["2027-02-22":"2027-02-28"] == 1).all()
    weeks = fleet.resample("7D").sum()
    assert list(weeks.index.day) == [1, 8, 15, 22] and weeks.iloc[3] == 168


@pytest.mark.parametrize("kwargs, name", [({"rps_per_instance": 0}, "rps_per_instance"),
                                          ({"rps_per_instance": 25, "target_utilisation": 0}, "target_utilisation")])
def test_instances_by_hour_refuses_bad_sizing(kwargs, name):
    with pytest.raises(RefusedValue, match=name):
        reg.instances_by_hour(**kwargs)
