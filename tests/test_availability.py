"""Availability model, its charts, dashboards and exercises: hand-checked values and Korean errors."""

from __future__ import annotations

import datetime as dt
import math

import ipywidgets as widgets
import numpy as np
import pytest

from awsbook import availability as av
from awsbook.charts import sla as charts
from awsbook.charts import slo_operations as ops_charts
from awsbook.exercises import check, expected_value, get, grade
from awsbook.book.render import chart_html
from awsbook.charts import controls
from awsbook.widgets import sla as dash
from awsbook.widgets import slo_operations as ops_dash
from awsbook.widgets import base

td = dt.timedelta


# --------------------------------------------------------------------------- downtime budgets

@pytest.mark.parametrize("pct, period, calendar, expected", [
    (99.9, "month", "30d", td(minutes=43, seconds=12)),            # 30 × 86,400 s × 0.001 = 2,592 s
    (99.99, "year", "30d", td(minutes=52, seconds=33.6)),          # 365 × 86,400 s × 0.0001 = 3,153.6 s
    (99.9, "month", "gregorian", td(seconds=2629.746)),            # 365.2425 × 86,400 / 12 = 2,629,746 s; × 0.001
    (99.95, "month", "2026-02", td(minutes=20, seconds=9.6)),      # 28 × 86,400 s × 0.0005 = 1,209.6 s
    (99.9, "hour", "30d", td(seconds=3.6)),                         # 3,600 s × 0.001
    (99.9, "week", "gregorian", td(seconds=604.8)),                 # 7 × 86,400 s × 0.001, same in every calendar
    (99.0, "quarter", "30d", td(hours=21, minutes=36)),             # 90 days × 0.01 = 0.9 day
    (99.0, "quarter", "2026-02", td(hours=21, minutes=36)),         # Q1 2026 = 31 + 28 + 31 = 90 days
    (99.0, "quarter", "2024-02", td(hours=21, minutes=50, seconds=24)),  # Q1 2024 = 91 days; × 0.01 = 0.91 day
    (99.0, "year", "2024-05", td(days=3, hours=15, minutes=50, seconds=24)),  # 366 days × 0.01 = 3.66 days
    (99.0, td(hours=10), "30d", td(minutes=6)),                    # a given period: 600 min × 0.01
    (100, "month", "30d", td(0)),
])
def test_allowed_downtime_hand_checked(pct, period, calendar, expected):
    assert av.allowed_downtime(pct, period, calendar=calendar) == expected


def test_gregorian_month_is_about_37_seconds_longer_than_30_days():
    gap = av.allowed_downtime(99.9, calendar="gregorian") - av.allowed_downtime(99.9)
    assert gap == td(seconds=37.746)   # (2,629,746 − 2,592,000) s × 0.001


def test_allowed_downtime_accepts_arrays():
    got = av.allowed_downtime(np.array([99.0, 99.9, 99.999]), "hour")
    assert got.dtype == np.dtype("timedelta64[us]")
    # 3,600 s × 0.01 = 36 s; × 0.001 = 3.6 s; × 0.00001 = 0.036 s
    assert (got == np.array([36_000_000, 3_600_000, 36_000], dtype="timedelta64[us]")).all()


def test_format_duration_keeps_two_units_for_a_label():
    assert av.format_duration(td(seconds=1619.8), units=2) == "27분"            # 26 min 59.8 s
    assert av.format_duration(td(seconds=315_360), units=2) == "3일 16시간"     # 3 d 15 h 36 min
    assert av.format_duration(td(seconds=3.6), units=2) == "3.6초"              # one decimal under 10 s
    assert av.format_duration(td(seconds=2592), units=2) == "43분 12초"


def test_period_length_and_calendar_note():
    assert av.period_length("month", calendar="2024-02") == td(days=29)
    assert av.period_length("quarter", calendar="gregorian") == td(days=91.310625)   # 365.2425 / 4
    assert av.calendar_note("month", calendar="2026-02") == \
        "기준: 한 달 = 28일 (2026년 2월의 실제 길이)"
    assert "30일 규칙" in av.calendar_note("month") and "30일" in av.calendar_note("month")
    assert "달력 기준과 관계없이" in av.calendar_note("day", calendar="gregorian")


@pytest.mark.parametrize("seconds, text", [
    (2592, "43분 12초"), (3153.6, "52분 33.6초"), (2629.746, "43분 49.7초"), (0.036, "0.036초"),
    (0, "0초"), (315_360, "3일 15시간 36분"), (3600, "1시간"), (59.96, "1분"),
])
def test_format_duration(seconds, text):
    assert av.format_duration(td(seconds=seconds)) == text


def test_format_duration_takes_numpy_timedelta():
    assert av.format_duration(np.timedelta64(2_592_000_000, "us")) == "43분 12초"


@pytest.mark.parametrize("value, text", [(99.9975, "99.9975%"), (99.44030497, "99.44%"), (100, "100%"),
                                         (99.9, "99.9%"), (0, "0%")])
def test_format_pct(value, text):
    assert av.format_pct(value) == text


@pytest.mark.parametrize("text, seconds", [
    ("4m 23s", 263), ("1h 30m", 5400), ("1시간 30분", 5400), ("90분", 5400), ("45초", 45),
    ("1H30M", 5400), ("2.5일", 216_000), ("1 hour, 2 mins", 3720), ("500ms", 0.5), ("1d 1s", 86_401),
])
def test_parse_duration(text, seconds):
    assert av.parse_duration(text) == td(seconds=seconds)


def test_availability_from_downtime():
    assert av.availability_from_downtime("43분 12초") == pytest.approx(99.9, abs=1e-12)
    # 263 s of a 2,592,000 s month
    assert av.availability_from_downtime("4m 23s") == pytest.approx(100 * (1 - 263 / 2_592_000), abs=1e-12)
    assert av.availability_from_downtime(td(minutes=20, seconds=9.6), calendar="2026-02") == \
        pytest.approx(99.95, abs=1e-12)
    assert av.availability_from_downtime("0초") == 100


@pytest.mark.parametrize("calendar", ["30d", "gregorian", "2026-02", "2024-02"])
@pytest.mark.parametrize("period", av.PERIODS)
def test_round_trip_availability_downtime_availability(period, calendar):
    for pct in av.PRESETS:
        budget = av.allowed_downtime(pct, period, calendar=calendar)
        assert av.availability_from_downtime(budget, period, calendar=calendar) == pytest.approx(pct, abs=1e-9)


@pytest.mark.parametrize("text", ["4m 23s", "1시간 30분", "17분 3.25초", "6h", "0.5초"])
def test_round_trip_downtime_availability_downtime(text):
    spent = av.parse_duration(text)
    back = av.allowed_downtime(av.availability_from_downtime(spent), "month")
    assert abs(back - spent) <= td(microseconds=1)


# --------------------------------------------------------------------------- business hours

def test_business_hours_february_2026():
    # Feb 2026 starts on a Sunday: 20 weekdays × 9 h = 180 h.
    assert av.business_hours("2026-02") == td(hours=180)
    # 180 h × 0.001 = 0.18 h = 10 min 48 s
    assert av.business_hours_downtime(99.9, month="2026-02") == td(minutes=10, seconds=48)
    # Seollal 16–18 Feb (Mon–Wed) off: 17 days × 9 h
    assert av.business_hours("2026-02", holidays=["2026-02-16", dt.date(2026, 2, 17), "2026-02-18"]) == td(hours=153)
    # Weekends, whole days: 8 days × 24 h
    assert av.business_hours("2026-02", days=("sat", "sun"), start="00:00", end="24:00") == td(hours=192)


def test_korean_holidays_of_february_and_march_2026():
    # Lunar new year 2026 is 17 February: 설날 is 16–18 Feb (Mon–Wed); 삼일절 falls on Sunday 1 March,
    # so Monday 2 March is its substitute holiday (python-holidays 0.109, holidays.KR).
    assert av.korean_holidays("2026-02") == [dt.date(2026, 2, 16), dt.date(2026, 2, 17), dt.date(2026, 2, 18)]
    assert av.korean_holidays("2026-03") == [dt.date(2026, 3, 1), dt.date(2026, 3, 2)]
    # 153 h × 0.001 = 0.153 h = 9 min 10.8 s
    assert av.business_hours_downtime(99.9, month="2026-02",
                                      holidays=av.korean_holidays("2026-02")) == td(minutes=9, seconds=10.8)
    # March 2026: 22 weekdays, less the Monday substitute holiday = 21 × 9 h = 189 h
    assert av.business_hours("2026-03", holidays=av.korean_holidays("2026-03")) == td(hours=189)
    assert "'2026-02'" in _raises(ValueError, "month", av.korean_holidays, "2026-05")
    _raises(ValueError, "month", av.korean_holidays, "February")


# --------------------------------------------------------------------------- composite systems

def test_serial_and_parallel_hand_checked():
    assert av.parallel(99.5, 99.5) == pytest.approx(99.9975, abs=1e-10)       # 100 − 100 × 0.005²
    assert av.serial(99.9, 99.9, 99.9) == pytest.approx(99.7002999, abs=1e-9)  # 100 × 0.999³
    # 0.9999 × 0.999975 × 0.9995 = 0.999375064998750...
    assert av.serial(99.99, av.parallel(99.5, 99.5), 99.95) == pytest.approx(99.9375065, abs=1e-7)
    assert av.parallel(99.0, 99.0, 99.0) == pytest.approx(99.9999, abs=1e-10)  # 100 − 100 × 0.01³
    assert isinstance(av.serial(99.9, 99.9), float)


def test_composite_functions_accept_arrays():
    got = av.parallel(np.array([99.0, 99.5]), 99.0)
    assert got == pytest.approx([99.99, 99.995])   # 100 − 100 × (0.01 × 0.01 | 0.005 × 0.01)
    assert av.serial(np.array([99.0, 100.0]), 99.0) == pytest.approx([98.01, 99.0])


def test_weakest_link_and_chain_table():
    assert av.weakest_link({"ALB": 99.99, "EC2": av.parallel(99.5, 99.5), "DB": 99.95}) == "DB"
    parts = av.parse_components("ALB 99.99, EC2 99.5 x2; DB: 99.95%")
    assert parts == [("ALB", 99.99, 1), ("EC2", 99.5, 2), ("DB", 99.95, 1)]
    table = av.chain_table(parts)
    assert list(table["name"]) == ["ALB", "EC2", "DB", "전체"]
    assert table.loc[table["weakest"], "name"].tolist() == ["DB"]
    assert table["block_pct"].iloc[-1] == pytest.approx(av.serial(99.99, 99.9975, 99.95))
    # shortfalls 0.01, 0.0025, 0.05 → DB's share 0.05 / 0.0625 = 80 %
    assert table["share_pct"].iloc[2] == pytest.approx(80.0)
    assert table["monthly_downtime"].iloc[2] == td(minutes=21, seconds=36)   # 2,592,000 s × 0.0005


# --------------------------------------------------------------------------- error budgets

def test_burn_rate_alerts_default_is_the_workbook_table():
    # SRE workbook, "Alerting on SLOs", Table 5-8 (99.9 % SLO): page 2 % / 1 h / 5 min / 14.4;
    # page 5 % / 6 h / 30 min / 6; ticket 10 % / 3 d / 6 h / 1.
    table = av.burn_rate_alerts(99.9)
    assert table["severity"].tolist() == ["page", "page", "ticket"]
    assert table["budget_share_pct"].tolist() == pytest.approx([2, 5, 10])
    assert table["long_window"].tolist() == [td(hours=1), td(hours=6), td(days=3)]
    assert table["short_window"].tolist() == [td(minutes=5), td(minutes=30), td(hours=6)]
    assert table["burn_rate"].tolist() == pytest.approx([14.4, 6, 1])
    # threshold = burn rate × 0.1 %
    assert table["error_rate_threshold_pct"].tolist() == pytest.approx([1.44, 0.6, 0.1])
    assert table.equals(av.burn_rate_alerts(99.9, policy="workbook"))
    assert table.equals(av.burn_rate_alerts(99.9, policy=list(av.WORKBOOK_POLICY)))


def test_burn_rate_alerts_reproduce_the_workbook():
    table = av.burn_rate_alerts(99.9, policy="workbook-example")
    # the example alerting expression: 2 % × 720 h / 1 h = 14.4; 5 % × 720 / 6 = 6;
    # 10 % × 30 d / 1 d = 3; 10 % × 30 / 3 = 1
    assert table["burn_rate"].tolist() == pytest.approx([14.4, 6, 3, 1])
    assert table["error_rate_threshold_pct"].tolist() == pytest.approx([1.44, 0.6, 0.3, 0.1])
    assert table["short_window"].tolist() == [td(minutes=5), td(minutes=30), td(hours=2), td(hours=6)]
    assert table["severity"].tolist() == ["page", "page", "ticket", "ticket"]
    assert table["time_to_exhaustion"].iloc[0] == td(hours=50)   # 720 h / 14.4


def test_burn_rate_alerts_with_other_window_and_policy():
    assert av.burn_rate_alerts(99.9, 28)["burn_rate"].iloc[0] == pytest.approx(13.44)   # 2 % × 672 h
    policy = [av.AlertRule(0.5, td(days=1), td(hours=1), "page")]
    row = av.burn_rate_alerts(99.5, 28, policy).iloc[0]
    assert row["burn_rate"] == pytest.approx(14.0)                 # 50 % × 28 d / 1 d
    assert row["error_rate_threshold_pct"] == pytest.approx(7.0)   # 14 × 0.5 %


def test_budget_consumed_is_not_capped_and_the_overspend_is_shown():
    # 14.4 × for 3 days of a 30-day window: 100 × 14.4 × 3 / 30 = 144 % spent, 44 % over; remaining floors at 0
    assert av.budget_consumed_pct(14.4, 3) == pytest.approx(144.0)
    assert av.budget_overspend_pct(14.4, 3) == pytest.approx(44.0)
    assert av.budget_remaining_pct(14.4, 3) == 0
    # burn rate 1 for 10, 30 and 45 days: 33.3 %, 100 %, 150 % spent → overspend 0, 0, 50 %
    assert av.budget_consumed_pct(1, [10, 30, 45]) == pytest.approx([100 / 3, 100, 150])
    assert av.budget_overspend_pct(1, [10, 30, 45]) == pytest.approx([0, 0, 50])
    # a 28-day window: 2 × 21 / 28 = 150 %
    assert av.budget_consumed_pct(2, 21, 28) == pytest.approx(150.0)


def test_detection_time_is_window_times_budget_over_error_ratio():
    # 10-minute window, 99.9 % SLO, 100 % errors: 600 s × 0.001 / 1 = 0.6 s
    assert av.detection_time(99.9, 100, "10m") == td(seconds=0.6)
    # 1-hour window at burn rate 14.4: 3,600 s × 14.4 × 0.1 % / 100 % = 51.84 s; at 10 % errors 518.4 s
    assert av.detection_time(99.9, 100, td(hours=1), burn_rate=14.4) == td(seconds=51.84)
    assert av.detection_time(99.9, 10, "1h", burn_rate=14.4) == td(seconds=518.4)
    # exactly at the threshold (1.44 %) the whole window; below it the alert never fires
    assert av.detection_time(99.9, 1.44, "1h", burn_rate=14.4) == td(hours=1)
    assert av.detection_time(99.9, 1.4, "1h", burn_rate=14.4) is None
    # 99 % SLO, burn rate 2: threshold 2 × 1 % = 2 %; 2 % errors fill the window exactly, 1.99 % never fire
    assert av.detection_time(99, 2, "1h", burn_rate=2) == td(hours=1)
    assert av.detection_time(99, 1.99, "1h", burn_rate=2) is None
    # a 99 % SLO over a 3-day window at burn rate 1, 5 % errors: 259,200 s × 1 % / 5 % = 51,840 s = 14.4 h
    assert av.detection_time(99, 5, "3일") == td(hours=14.4)
    with pytest.raises(ValueError, match="'error_rate_pct'.*0 초과 100 이하의 수"):
        av.detection_time(99.9, 0, "1h")
    with pytest.raises(ValueError, match="'window'.*0보다 긴 시간"):
        av.detection_time(99.9, 1, td(0))


def test_time_to_exhaustion_and_budget_remaining():
    assert av.time_to_exhaustion(14.4) == td(hours=50)
    assert av.time_to_exhaustion(1, 28) == td(days=28)
    assert av.time_to_exhaustion(2, budget_remaining_pct=50) == td(days=7.5)   # 30 × 0.5 / 2
    assert av.budget_remaining_pct(6, np.array([0, 2.5, 5, 10])) == pytest.approx([100, 50, 0, 0])
    assert av.budget_remaining_pct(0.5, 30) == pytest.approx(50.0)


# --------------------------------------------------------------------------- AWS SLAs and credits

def test_sla_targets_come_from_the_data():
    assert av.sla_target("ec2", scope="region") == 99.99
    assert av.sla_target("ec2", scope="instance") == 99.5
    assert av.sla_target("lambda") == 99.95


@pytest.mark.parametrize("service, scope, uptime, credit", [
    ("ec2", "region", 99.995, 0), ("ec2", "region", 99.99, 0), ("ec2", "region", 99.989, 10),
    ("ec2", "region", 99.0, 10), ("ec2", "region", 98.99, 30), ("ec2", "region", 94.9, 100),
    ("ec2", "instance", 99.4, 10), ("lambda", None, 99.95, 0), ("lambda", None, 98.0, 25),
    ("eks", None, 99.0, 10), ("eks", None, 0, 100),
])
def test_service_credit_tiers(service, scope, uptime, credit):
    assert av.service_credit(service, uptime, scope=scope) == credit


def test_credit_tier_names_the_bounds():
    # 99.95 % lies in the EC2 region-level tier from 99.0 % up to 99.99 % (10 %); 99.99 % itself meets the target
    tier = av.credit_tier("ec2", 99.95, scope="region")
    assert (tier["uptime_from_pct"], tier["uptime_to_pct"], tier["credit_pct"]) == (99.0, 99.99, 10)
    assert av.credit_tier("ec2", 99.99, scope="region") is None
    assert av.credit_tier("ec2", 95.0, scope="region")["credit_pct"] == 30        # 95.0 is the lower bound


def test_estimated_tiers_are_flagged():
    table = charts.credit_table()
    estimated = table[table["출처 등급"].str.startswith("추정")]
    assert set(zip(estimated["서비스"], estimated["약속 범위"])) == {("Lambda", "리전")}
    # The instance-level tiers are seen only in third-party copies of the current AWS text.
    copied = table[table["출처 등급"].str.startswith("제3자")]
    assert set(zip(copied["서비스"], copied["약속 범위"])) == {("EC2", "인스턴스 한 대")}


def test_every_sla_is_measured_per_month():
    # Current Compute SLA: "Instance-Level Uptime Percentage of at least 99.5%, in each case during any
    # monthly billing cycle" (the superseded 2022 text measured it hourly).
    assert av.sla_period("ec2", scope="instance") == "month"
    assert {av.sla_period(s, scope=c) for s, c in zip(av.sla_terms()["service"], av.sla_terms()["scope"])} == {"month"}
    # 0.5 % of a 30-day month = 0.005 × 43,200 min = 216 min; of February 2026: 0.005 × 40,320 = 201.6 min
    assert av.sla_allowed_downtime("ec2", scope="instance") == td(hours=3, minutes=36)
    assert av.sla_allowed_downtime("ec2", scope="instance", calendar="2026-02") == td(minutes=201, seconds=36)
    # 0.01 % of 43,200 min = 4.32 min
    assert av.sla_allowed_downtime("ec2", scope="region") == td(minutes=4, seconds=19.2)
    note = av.sla_terms().set_index(["service", "scope"]).loc[("ec2", "instance"), "note"]
    assert "six minutes of a clock hour" in note


# --------------------------------------------------------------------------- bad input

def _raises(kind, name, func, *args, **kwargs):
    with pytest.raises(kind) as err:
        func(*args, **kwargs)
    assert f"'{name}'" in str(err.value), str(err.value)
    return str(err.value)


@pytest.mark.parametrize("value, kind", [
    (0, ValueError), (-1, ValueError), (100.5, ValueError), (float("nan"), ValueError),
    (float("inf"), ValueError), (True, TypeError), ("99.9", TypeError), ("abc", TypeError), (None, TypeError),
])
def test_bad_availability(value, kind):
    message = _raises(kind, "availability_pct", av.allowed_downtime, value)
    assert "주어졌습니다" in message and ("허용" in message or "수만 넣을 수" in message)


def test_bad_availability_in_array():
    message = _raises(ValueError, "availability_pct", av.allowed_downtime, [99.9, 101])
    assert "101" in message


@pytest.mark.parametrize("period, kind", [("fortnight", ValueError), (5, TypeError), (td(0), ValueError)])
def test_bad_period(period, kind):
    _raises(kind, "period", av.allowed_downtime, 99.9, period)


@pytest.mark.parametrize("calendar, kind", [("2026-13", ValueError), ("30days", ValueError), ("0000-05", ValueError),
                                            (2026, TypeError)])
def test_bad_calendar(calendar, kind):
    message = _raises(kind, "calendar", av.allowed_downtime, 99.9, calendar=calendar)
    assert "YYYY-MM" in message


@pytest.mark.parametrize("text, kind", [("abc", ValueError), ("90", ValueError), ("", ValueError),
                                        ("4m 23x", ValueError), ("5 months", ValueError),
                                        ("9" * 30 + "일", ValueError), (42, TypeError)])
def test_bad_downtime_text(text, kind):
    message = _raises(kind, "downtime", av.availability_from_downtime, text)
    assert "4m 23s" in message


def test_downtime_longer_than_the_period():
    message = _raises(ValueError, "downtime", av.availability_from_downtime, "31일")
    assert "30일" in message


@pytest.mark.parametrize("kwargs, name", [
    ({"service": "ec3", "uptime_pct": 99}, "service"),
    ({"service": "ec2", "uptime_pct": 99}, "scope"),
    ({"service": "ec2", "uptime_pct": 99, "scope": "zone"}, "scope"),
    ({"service": "lambda", "uptime_pct": 101}, "uptime_pct"),
    ({"service": "lambda", "uptime_pct": "99"}, "uptime_pct"),
])
def test_bad_service_credit_input(kwargs, name):
    with pytest.raises((ValueError, TypeError)) as err:
        av.service_credit(**kwargs)
    assert f"'{name}'" in str(err.value)


def test_unknown_service_suggests_the_closest():
    assert "'ec2'" in _raises(ValueError, "service", av.sla_target, "ec3")


@pytest.mark.parametrize("burn", [0, -1, float("nan")])
def test_bad_burn_rate(burn):
    _raises(ValueError, "burn_rate", av.time_to_exhaustion, burn)
    _raises(ValueError, "burn_rate", av.budget_remaining_pct, burn, 1)


def test_bad_error_budget_input():
    _raises(ValueError, "slo_pct", av.burn_rate_alerts, 100)
    _raises(ValueError, "slo_pct", av.burn_rate_alerts, 0)
    _raises(ValueError, "window_days", av.burn_rate_alerts, 99.9, 0)
    _raises(ValueError, "policy", av.burn_rate_alerts, 99.9, 2)   # the 3-day rule does not fit 2 days
    _raises(TypeError, "policy", av.burn_rate_alerts, 99.9, 30, [("0.02", "1h")])
    _raises(TypeError, "policy", av.burn_rate_alerts, 99.9, 30, av.WORKBOOK_POLICY[0])
    assert "workbook-example" in _raises(ValueError, "policy", av.burn_rate_alerts, 99.9, 30, "workbook-exmaple")
    _raises(ValueError, "policy[0].budget_share", av.burn_rate_alerts, 99.9, 30,
            [av.AlertRule(1.5, td(hours=1), td(minutes=5), "page")])


def test_bad_composite_input():
    _raises(ValueError, "parts", av.serial)
    _raises(ValueError, "parts[1]", av.parallel, 99, 0)
    _raises(TypeError, "parts[0]", av.serial, "99")
    _raises(ValueError, "components", av.parse_components, "ALB")
    _raises(ValueError, "components", av.parse_components, " , ")
    _raises(ValueError, "components['EC2'] 개수", av.parse_components, "EC2 99.5 x0")
    _raises(TypeError, "parts", av.weakest_link, {})


@pytest.mark.parametrize("kwargs, name", [
    ({"month": "2026-2"}, "month"), ({"month": "0000-01"}, "month"), ({"month": 202602}, "month"),
    ({"month": "2026-02", "days": ("funday",)}, "days"),
    ({"month": "2026-02", "days": ()}, "days"), ({"month": "2026-02", "start": "9시"}, "start"),
    ({"month": "2026-02", "start": "18:00", "end": "09:00"}, "end"),
    ({"month": "2026-02", "end": "25:00"}, "end"),
    ({"month": "2026-02", "holidays": ["2026-03-01"]}, "holidays"),
    ({"month": "2026-02", "holidays": ["tomorrow"]}, "holidays"),
])
def test_bad_business_hours(kwargs, name):
    with pytest.raises((ValueError, TypeError)) as err:
        av.business_hours_downtime(99.9, **kwargs)
    assert f"'{name}'" in str(err.value)


# --------------------------------------------------------------------------- charts

def _states(fig):
    return controls.states(fig)


def test_downtime_chart_matches_the_model_and_prints_the_convention():
    fig = charts.downtime_budget_chart()
    # the targets are categories, one labelled horizontal bar each ("99.9%" is not the number 99.9)
    assert fig.layout.yaxis.type == "category" and fig.data[0].orientation == "h"
    assert list(fig.data[0].y) == ["99%", "99.5%", "99.9%", "99.95%", "99.99%", "99.999%"]
    assert controls.active(fig)[0] == av.PERIODS.index("month")
    # default: month, 30-day rule → 99.9 % is 43.2 min
    assert fig.data[0].x[2] == pytest.approx(43.2)
    assert fig.data[0].text[2] == "43분 12초"
    assert fig.layout.title.subtitle.text == av.calendar_note("month", calendar="30d")
    assert "calendar=" not in fig.layout.title.subtitle.text  # words, not code
    # the lesson in the title, the three nines in the summary: 99% of 30 days = 7.2 h, 99.99% = 4.32 min
    assert fig.layout.title.text.startswith("가용성에 9를 하나 더하면 허용 다운타임은 10분의 1로")
    assert "99% 7시간 12분 → 99.9% 43분 12초 → 99.99% 4분 19초" in fig.layout.title.text
    states = _states(fig)
    year_gregorian = states[f"{av.PERIODS.index('year')},1"]
    assert year_gregorian["layout"]["title.subtitle.text"].startswith("기준: 1년 = 365.2425일")
    assert len(states) == len(av.PERIODS) * len(charts.DOWNTIME_CALENDARS)


def test_nines_axis_ticks_are_the_nines_and_never_crowd():
    # 99% … 99.99% spans three powers of ten of unavailability: the nines alone
    axis = charts.nines_axis(99.0, 99.99)
    assert axis["ticktext"] == ["99.99%", "99.9%", "99%"] and "나인 눈금" in axis["title"]["text"]
    # 99.9% … 99.95% spans less than one: halves are added (99.95%), still a factor 2 apart
    narrow = charts.nines_axis(99.9, 99.95)
    assert narrow["ticktext"] == ["99.95%", "99.9%"]
    assert all(b / a >= 2 for a, b in zip(narrow["tickvals"], narrow["tickvals"][1:]))


def test_composite_chart_says_from_how_many_azs_the_target_is_met():
    fig = charts.composite_chart()
    # 99.5% instances, target 99.95%: the ceiling 99.99% × 99.95% = 99.94% is below the target
    assert "가용 영역을 늘려도 목표 99.95%에 못 미칩니다" in fig.layout.title.text
    # 99.95% instances, target 99.9%: 1 AZ 99.99 × 99.95 × 99.95 = 99.89% misses it, 2 AZs 99.94% meet it
    assert controls.state_of(fig, 3, 0)["layout"]["title.text"].startswith("가용 영역 2곳부터 목표 99.9%를 넘습니다")
    assert fig.layout.yaxis.title.text.startswith("가용성 (나인 눈금")


def test_composite_chart_defaults_to_the_instance_sla_and_shows_the_target():
    fig = charts.composite_chart()
    slider = controls.spec(fig)["controls"][0]
    assert slider["options"][slider["active"]] == "99.5%"
    # trace 0: the whole system for 1, 2, 3 AZs, plotted as unavailability (100 − %)
    one_az = av.serial(av.EXAMPLE_LOAD_BALANCER_PCT, 99.5, av.EXAMPLE_DATABASE_PCT)
    assert fig.data[0].y[0] == pytest.approx(100 - one_az, rel=1e-5)
    assert list(fig.data[2].y) == pytest.approx([0.05, 0.05])   # target 99.95 %
    assert "예시 값" in fig.layout.title.subtitle.text
    assert len({str(s["data"]["y"]) for s in _states(fig).values()}) == len(_states(fig))


def test_burndown_and_sli_charts_change_with_their_controls():
    burndown = ops_charts.burndown_chart()
    assert len({str(s["data"]) for s in _states(burndown).values()}) == len(_states(burndown))
    sli_fig = ops_charts.sli_chart()
    states = _states(sli_fig)
    assert len({str(s["data"]["y"]) for s in states.values()}) == len(states)
    # the hourly availability SLI bottoms out in the outage hour
    assert "3월 4일 14:00" in sli_fig.layout.annotations[0].text


@pytest.mark.parametrize("build", [charts.downtime_budget_chart, charts.composite_chart,
                                   ops_charts.burndown_chart, ops_charts.sli_chart])
def test_charts_stay_small(build):
    assert len(chart_html(build().to_plotly_json()).encode()) < 90_000


# --------------------------------------------------------------------------- dashboards


DOWNTIME = {"mode": "forward", "availability": "99.9", "downtime": "4m 23s", "period": "month", "calendar": "30d"}


def test_downtime_dashboard_forward_and_reverse(shown):
    assert base.show_result(dash.render_downtime, DOWNTIME)
    assert "43분 12초" in shown[0] and "30일 규칙" in shown[0]
    assert base.show_result(dash.render_downtime, {**DOWNTIME, "mode": "reverse", "calendar": "2026-02"})
    assert "4분 23초" in shown[-1] and "2026년 2월" in shown[-1]


@pytest.mark.parametrize("change, name", [
    ({"availability": "abc"}, "availability_pct"), ({"availability": "101"}, "availability_pct"),
    ({"availability": "nan"}, "availability_pct"), ({"calendar": "2026-13"}, "calendar"),
    ({"mode": "reverse", "downtime": "한참"}, "downtime"),
])
def test_downtime_dashboard_shows_korean_errors(shown, change, name):
    assert not base.show_result(dash.render_downtime, {**DOWNTIME, **change})
    assert "awsbook-error" in shown[-1] and f"&#x27;{name}&#x27;" in shown[-1]
    assert "Traceback" not in shown[-1]


def test_composite_and_error_budget_dashboards(shown):
    assert base.show_result(dash.render_composite, {"components": "ALB 99.99\nEC2 99.5 x2\nDB 99.95",
                                                    "target": "99.95"})
    assert "미달" in shown[0] and "가장 약한 고리: DB" in shown[0]
    assert not base.show_result(dash.render_composite, {"components": "ALB", "target": "99.9"})
    assert "&#x27;components&#x27;" in shown[-1]
    assert base.show_result(ops_dash.render_error_budget, {"slo": "99.9", "window_days": "30", "burn_rate": "14.4"})
    assert "2일 2시간" in "".join(map(str, shown))
    assert not base.show_result(ops_dash.render_error_budget, {"slo": "99.9", "window_days": "30", "burn_rate": "0"})
    assert "&#x27;burn_rate&#x27;" in shown[-1]


def test_business_hours_dashboard(shown):
    values = {"availability": "99.9", "month": "2026-02", "days": av.WEEKDAYS[:5], "start": "09:00",
              "end": "18:00", "holidays": ""}
    assert base.show_result(dash.render_business_hours, values)
    assert "10분 48초" in shown[0] and "뺀 휴일 없음" in shown[0]
    # with 설날: 9 min 10.8 s; without: 10 min 48 s; difference 27 h × 0.001 = 1 min 37.2 s
    assert base.show_result(dash.render_business_hours,
                            {**values, "holidays": "2026-02-16, 2026-02-17, 2026-02-18"})
    assert "9분 10.8초" in shown[-1] and "10분 48초" in shown[-1] and "1분 37.2초" in shown[-1]
    assert not base.show_result(dash.render_business_hours, {**values, "holidays": "2026-03-01"})
    assert "&#x27;holidays&#x27;" in shown[-1]


@pytest.mark.parametrize("build", [dash.downtime_dashboard, dash.business_hours_dashboard,
                                   dash.composite_dashboard, ops_dash.error_budget_dashboard])
def test_dashboards_build(shown, build):
    assert isinstance(build(), widgets.VBox)
    assert shown and "awsbook-error" not in str(shown[0])


# --------------------------------------------------------------------------- exercises

@pytest.mark.parametrize("exercise_id, wrong", [
    ("sla-lambda-february", 21.6), ("sla-two-az", 99.9375), ("slo-burn-days", 5.0), ("sla-ec2-credit", 144),
    ("sla-registration-slo-change", 1029.45),
    ("slo-registration-overspend", 155.7), ("slo-detection-what-if", -32.4),
    ("slo-log-day-sli", 98.7899), ("slo-log-days-by-hand", 99.8858 - 99.9),   # the mean of the daily SLIs
])
def test_exercises_accept_the_model_answer_only(exercise_id, wrong, capsys):
    expected = expected_value(exercise_id)
    check(exercise_id, expected)
    assert "정답입니다" in capsys.readouterr().out
    check(exercise_id, wrong)
    assert "힌트" in capsys.readouterr().out
    assert grade(exercise_id, expected)[0] > 0 and grade(exercise_id, wrong)[0] == 0


def test_exercise_answers_hand_checked():
    assert expected_value("sla-lambda-february") == pytest.approx(20.16)   # 40,320 min × 0.0005
    # half the requests failing in each outage interval: the same 20.16 min of full failure ÷ 0.5
    assert get("sla-lambda-february").expected(failed_pct=50) == pytest.approx(40.32)
    assert expected_value("slo-burn-days") == pytest.approx(6.0)           # burn 0.5 / 0.1 = 5 → 30 / 5
    # 3 h of 744 h: 100 × (1 − 3 / 744) = 99.597 % → the 10 % tier; 10 % of $480
    assert expected_value("sla-ec2-credit") == pytest.approx(48.0)
    assert get("sla-ec2-credit").expected(hours=8, bill=600) == pytest.approx(180.0)   # 98.925 % → 30 % of $600
    # load balancer 99.99 %, two 99.5 % instances in parallel (99.9975 %), database 99.9 %:
    # 0.9999 × 0.999975 × 0.999 = 0.998875127…
    assert math.isclose(expected_value("sla-two-az"), 99.8875127, abs_tol=1e-5)   # rounded to 5 decimals
    # 2,058,902 requests in the first 30 minutes (sum of data/registration_spike.csv 10:00–10:29):
    # at 99.95 % 1,029.451 may fail, at 99.9 % 2,058.902 — a change of −1,029.451
    assert expected_value("sla-registration-slo-change") == pytest.approx(-1029.451, abs=1e-3)
    # to 99.99 %: 2,058,902 × (99.9 − 99.99) / 100 = −1,853.0118
    assert get("sla-registration-slo-change").expected(slo=99.99) == pytest.approx(-1853.012, abs=1e-3)
    # 3 % for 10:00–10:04 (1,772,941 requests of February's 34,154,130): 53,188.23 failures over a budget of
    # 34,154.13 → 155.73 % spent, 55.73 % over; at 2.5 %: 44,323.5 failures → 129.78 %, 29.78 % over
    assert expected_value("slo-registration-overspend") == pytest.approx(55.730, abs=1e-3)
    assert get("slo-registration-overspend").expected(error_rate=2.5) == pytest.approx(29.775, abs=1e-3)
    # steady 4 %: 60 min × 14.4 × 0.1 / 4 = 21.6 min; 360 min × 6 × 0.1 / 4 = 54 min → 32.4 min later
    assert expected_value("slo-detection-what-if") == pytest.approx(32.4)
    # at 2.5 %: 60 × 14.4 × 0.1 / 2.5 = 34.56 min, 360 × 6 × 0.1 / 2.5 = 86.4 min → 51.84 min later
    assert get("slo-detection-what-if").expected(error_rate=2.5) == pytest.approx(51.84)
    # request log, 2026-03-04 09:00–17:59: (248,942 − 3,442) / 248,942; 2026-03-04…08: (3,731,271 − 4,531) / 3,731,271
    assert expected_value("slo-log-day-sli") == pytest.approx(100 * 245_500 / 248_942)
    # 09:00–19:59 adds 18:00 (49,723 requests, 10 5xx) and 19:00 (52,410, 15): (351,075 − 3,467) / 351,075
    assert get("slo-log-day-sli").expected(start_hour=9, end_hour=19) == pytest.approx(100 * 347_608 / 351_075)
    # the five days' SLI less the SLO: 99.8786 − 99.9 (the book's), − 99.5 (a student's)
    assert expected_value("slo-log-days-by-hand") == pytest.approx(100 * 3_726_740 / 3_731_271 - 99.9, abs=1e-6)
    assert get("slo-log-days-by-hand").expected(slo=99.5) == pytest.approx(100 * 3_726_740 / 3_731_271 - 99.5, abs=1e-6)


# --------------------------------------------------------------------------- wrong-number guards (issue 19)

def test_parse_components_reads_every_separator_and_copy_count():
    text = "ALB 99.99, EC2: 99.5% x2; DB=99.95\nCache 99.9 × 3, Queue 99 *4"
    assert av.parse_components(text) == [("ALB", 99.99, 1), ("EC2", 99.5, 2), ("DB", 99.95, 1),
                                          ("Cache", 99.9, 3), ("Queue", 99.0, 4)]


def test_chain_table_every_column():
    table = av.chain_table([("ALB", 99.99, 1), ("EC2", 99.5, 2), ("DB", 99.95, 1)])
    assert table["name"].tolist() == ["ALB", "EC2", "DB", "전체"]
    assert table["part_pct"].tolist()[:3] == [99.99, 99.5, 99.95]
    assert table["copies"].tolist() == [1, 2, 1, 1]
    # blocks: 99.99; 100 − 0.5² / 100 = 99.9975; 99.95; the chain 0.9999 × 0.999975 × 0.9995 = 99.93751...
    assert table["block_pct"].tolist() == pytest.approx([99.99, 99.9975, 99.95, 100 * 0.9999 * 0.999975 * 0.9995])
    # shortfalls 0.01 + 0.0025 + 0.05 = 0.0625 → 16 %, 4 %, 80 %
    assert table["share_pct"].tolist() == pytest.approx([16.0, 4.0, 80.0, 100.0])
    assert table["weakest"].tolist() == [False, False, True, False]
    # ALB: 0.01 % of 2,592,000 s = 259.2 s
    assert table["monthly_downtime"].iloc[0] == td(seconds=259.2)
    # no shortfall at all: every share is 0
    assert av.chain_table([("A", 100, 1), ("B", 100, 2)])["share_pct"].tolist()[:2] == [0.0, 0.0]


def test_weakest_link_and_serial_parallel_values():
    assert av.weakest_link({"LB": 99.99, "EC2": 99.5, "DB": 99.95}) == "EC2"
    assert av.serial(99.0, 98.0) == pytest.approx(97.02)          # 0.99 × 0.98
    assert av.parallel(99.0, 98.0) == pytest.approx(99.98)        # 100 − 1 × 2 / 100
    np.testing.assert_allclose(av.serial([99.0, 98.0], 50), [49.5, 49.0])


def test_serial_worst_case_adds_the_downtimes():
    assert av.serial_worst_case(99.9, 99.9, 99.9) == pytest.approx(99.7)          # 100 − 3 × 0.1
    assert av.serial_worst_case(99.99, 99.5, 99.95) == pytest.approx(99.44)       # 100 − (0.01 + 0.5 + 0.05)
    assert av.serial_worst_case(60, 50) == pytest.approx(10)                      # 100 − (40 + 50)
    assert av.serial_worst_case(40, 30) == 0                                      # 60 + 70 > 100: never above 0
    # it never exceeds the independence estimate, which never exceeds the weakest part
    assert av.serial_worst_case(99.0, 98.0) < av.serial(99.0, 98.0) < 98.0        # 97 < 97.02 < 98
    np.testing.assert_allclose(av.serial_worst_case([99.0, 90.0], 99.5), [98.5, 89.5])
    with pytest.raises(ValueError, match="parts"):
        av.serial_worst_case()


def test_incident_periods_come_from_aws_summaries():
    # AWS's summary: 8:19 AM to 9:43 AM KST on 2018-11-22 — 84 minutes, as AWS Korea's post says
    start, end = av.incident("seoul-2018-dns", "ec2-dns-resolution")
    assert (start, end - start) == (dt.datetime(2018, 11, 22, 8, 19), td(minutes=84))
    # 11:48 PM PDT on Oct 19 to 2:20 PM PDT on Oct 20, 2025: 14 h 32 min; DynamoDB's own errors to 2:40 AM
    start, end = av.incident("us-east-1-2025-dynamodb", "event")
    assert end - start == td(hours=14, minutes=32)
    start, end = av.incident("us-east-1-2025-dynamodb", "dynamodb-api-errors")
    assert end - start == td(hours=2, minutes=52)
    with pytest.raises(ValueError, match="phase"):
        av.incident("seoul-2018-dns", "event")


def test_business_hours_minutes_weekday_string_and_end_of_day():
    # 08:30–17:15 is 8 h 45 min; 20 weekdays → 175 h
    assert av.business_hours("2026-02", start="08:30", end="17:15") == td(hours=175)
    # a single weekday as a string: Saturdays of Feb 2026 are the 7th, 14th, 21st, 28th → 4 × 9 h
    assert av.business_hours("2026-02", days="sat") == td(hours=36)
    # "24:00" ends at midnight: 18:00–24:00 is 6 h; 20 weekdays → 120 h; "9:05" is read as 09:05
    assert av.business_hours("2026-02", start="18:00", end="24:00") == td(hours=120)
    assert av.business_hours("2026-02", start="9:05", end="10:05") == td(hours=20)
    assert av.business_hours("2026-02", start="23:59", end="24:00") == td(minutes=20)


def test_availability_from_downtime_in_other_periods():
    # 4 min 23 s of a 30-day month: 100 × (1 − 263 / 2,592,000)
    assert av.availability_from_downtime("4m 23s") == pytest.approx(100 * (1 - 263 / 2_592_000))
    # 36 s of an hour: 99 %; a whole day of a day: 0 %; nothing: 100 %
    assert av.availability_from_downtime(td(seconds=36), "hour") == pytest.approx(99.0)
    assert av.availability_from_downtime("1d", "day") == pytest.approx(0.0)
    assert av.availability_from_downtime(td(0)) == 100.0
    # February 2026 has 28 days: 4 min 23 s → 100 × (1 − 263 / 2,419,200)
    assert av.availability_from_downtime("4m 23s", calendar="2026-02") == pytest.approx(100 * (1 - 263 / 2_419_200))


@pytest.mark.parametrize("value, text", [
    (99.9975, "99.9975%"), (99.4409, "99.44%"), (100, "100%"), (0, "0%"), (99.0, "99%"), (99.999, "99.999%"),
    (50.5, "50.5%"), (99.99999, "99.99999%"),
])
def test_format_pct_keeps_two_digits_of_the_shortfall(value, text):
    assert av.format_pct(value) == text


@pytest.mark.parametrize("seconds, text", [
    (0, "0초"), (0.036, "0.036초"), (2592, "43분 12초"), (3153.6, "52분 33.6초"), (86_400 + 3_600 + 61, "1일 1시간 1분 1초"),
    (7200, "2시간"), (59.96, "1분"),
])
def test_format_duration_of_timedelta_and_timedelta64(seconds, text):
    assert av.format_duration(td(seconds=seconds)) == text
    assert av.format_duration(np.timedelta64(int(seconds * 1e6), "us")) == text


@pytest.mark.parametrize("period, calendar, note", [
    ("month", "30d", "기준: 한 달 = 30일 (30일 규칙: 한 달 30일, 분기 90일, 1년 365일)"),
    ("year", "30d", "기준: 1년 = 365일 (30일 규칙: 한 달 30일, 분기 90일, 1년 365일)"),
    # 365.2425 / 12 = 30.436875; / 4 = 91.310625
    ("month", "gregorian", "기준: 한 달 = 30.436875일 (그레고리력 평균: 1년 365.2425일, 한 달은 그 12분의 1)"),
    ("quarter", "gregorian", "기준: 한 분기 = 91.310625일 (그레고리력 평균: 1년 365.2425일, 분기는 그 4분의 1)"),
    ("year", "gregorian", "기준: 1년 = 365.2425일 (그레고리력 평균: 1년 365.2425일)"),
    ("month", "2026-02", "기준: 한 달 = 28일 (2026년 2월의 실제 길이)"),
    # April–June 2026: 30 + 31 + 30 = 91 days; October–December: 31 + 30 + 31 = 92; January–March 2026: 90
    ("quarter", "2026-05", "기준: 한 분기 = 91일 (2026년 2분기의 실제 길이)"),
    ("quarter", "2026-12", "기준: 한 분기 = 92일 (2026년 4분기의 실제 길이)"),
    ("quarter", "2026-03", "기준: 한 분기 = 90일 (2026년 1분기의 실제 길이)"),
    ("quarter", "2026-07", "기준: 한 분기 = 92일 (2026년 3분기의 실제 길이)"),
    ("year", "2024-03", "기준: 1년 = 366일 (2024년의 실제 길이)"),
    ("hour", "30d", "기준: 1시간 = 3,600초 (달력 기준과 관계없이 같습니다)"),
    ("day", "gregorian", "기준: 하루 = 1일 (달력 기준과 관계없이 같습니다)"),
    ("week", "2026-02", "기준: 1주 = 7일 (달력 기준과 관계없이 같습니다)"),
    (td(hours=10), "30d", "기준: 직접 지정한 기간 10시간"),
])
def test_calendar_note_word_for_word(period, calendar, note):
    assert av.calendar_note(period, calendar=calendar) == note


def test_alert_rule_windows_at_their_limits():
    month = td(days=30)
    # a long window as long as the SLO window is allowed (≤): 10 % over 30 days is burn rate 0.1
    row = av.burn_rate_alerts(99.9, 30, [av.AlertRule(0.1, month, td(days=1), "ticket")]).iloc[0]
    assert row["burn_rate"] == pytest.approx(0.1) and row["time_to_exhaustion"] == td(days=300)
    for short, long in ((td(0), td(hours=1)), (td(hours=1), td(hours=1)), (td(hours=1), month + td(seconds=1))):
        with pytest.raises(ValueError, match="'policy'"):
            av.burn_rate_alerts(99.9, 30, [av.AlertRule(0.1, long, short, "page")])
    # a whole budget share (1) is allowed, more is not
    assert av.burn_rate_alerts(99.9, 30, [av.AlertRule(1, td(hours=1), td(minutes=5), "page")])["burn_rate"].iloc[0] \
        == pytest.approx(720)
