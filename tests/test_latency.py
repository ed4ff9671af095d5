"""The RTT floor against hand calculations."""

from __future__ import annotations

import math

import numpy as np

import pytest

from awsbook import latency


def test_quarter_of_the_equator():
    # (0°, 0°) -> (0°, 90°E): haversine a = sin²(0) + cos 0 · cos 0 · sin²(45°) = 0.5,
    # central angle c = 2 · asin(√0.5) = π/2, distance = 6,371 × π/2 = 10,007.54 km.
    d = latency.great_circle_km(0, 0, 0, 90)
    assert d == pytest.approx(6371 * math.pi / 2)
    assert d == pytest.approx(10_007.54, abs=0.01)
    # RTT floor = 2 × 10,007.54 km / 200,000 km/s = 0.1000754 s = 100.075 ms.
    assert latency.rtt_floor_ms(d) == pytest.approx(100.075, abs=0.001)


def test_pole_to_equator_and_same_point():
    assert latency.great_circle_km(90, 0, 0, 123) == pytest.approx(6371 * math.pi / 2)
    assert latency.great_circle_km(37.5, 127, 37.5, 127) == 0
    assert latency.rtt_floor_ms(0) == 0


def test_seoul_to_northern_virginia_by_hand():
    # City coordinates in data/region_locations.csv:
    #   Seoul (ap-northeast-2)    φ1 = 37.56°,   λ1 = 126.99°
    #   Ashburn (us-east-1)       φ2 = 39.0437°, λ2 = −77.4875°
    # Δφ = 1.4837° = 0.025895 rad; Δλ = −204.4775° = −3.568806 rad
    # sin(Δφ/2) = 0.012947, cos φ1 = 0.792715, cos φ2 = 0.776666, sin(Δλ/2) = −0.977273
    # a = 0.012947² + 0.792715 × 0.776666 × 0.977273² = 0.000168 + 0.588008 = 0.588175
    # c = 2 · asin(√0.588175) = 2 · asin(0.766926) = 1.748074 rad
    # d = 6,371 km × 1.748074 = 11,136.98 km
    # RTT floor = 2 × 11,136.98 / 200,000 s = 0.111370 s = 111.37 ms
    table = latency.region_locations().set_index("region")
    assert tuple(table.loc["ap-northeast-2", ["latitude", "longitude"]]) == (37.56, 126.99)
    assert tuple(table.loc["us-east-1", ["latitude", "longitude"]]) == (39.0437, -77.4875)
    assert latency.region_distance_km("ap-northeast-2", "us-east-1") == pytest.approx(11_136.98, abs=0.05)
    assert latency.region_rtt_floor_ms("ap-northeast-2", "us-east-1") == pytest.approx(111.37, abs=0.005)


def test_us_users_are_closer_to_a_us_region():
    # Users near Ashburn: Seoul is 111.37 ms away at best, us-east-1 itself 0 ms, us-west-2 in between.
    table = latency.rtt_floor_table("us-east-1", round_trips=3).set_index("region")
    assert table.loc["us-east-1", "rtt_floor_ms"] == 0
    assert table.loc["us-west-2", "rtt_floor_ms"] < table.loc["ap-northeast-2", "rtt_floor_ms"]
    assert table.loc["ap-northeast-2", "wait_floor_ms"] == pytest.approx(3 * 111.37, abs=0.02)
    assert list(table["distance_km"]) == sorted(table["distance_km"])


def test_slower_medium_raises_the_floor():
    # Half the speed doubles the time: 2 × 1,000 km / 100,000 km/s = 20 ms.
    assert latency.rtt_floor_ms(1000, speed_km_per_s=100_000) == pytest.approx(20)


@pytest.mark.parametrize("call, name", [
    (lambda: latency.great_circle_km(91, 0, 0, 0), "lat1"),
    (lambda: latency.great_circle_km(0, 0, 0, -181), "lon2"),
    (lambda: latency.rtt_floor_ms(-1), "distance_km"),
    (lambda: latency.rtt_floor_ms(10, speed_km_per_s=0), "speed_km_per_s"),
    (lambda: latency.region_rtt_floor_ms("ap-northeast-2", "us-east-9"), "to_region"),
    (lambda: latency.region_rtt_floor_ms("seoul", "us-east-1"), "from_region"),
    (lambda: latency.rtt_floor_table("ap-northeast-2", round_trips=0), "round_trips"),
    (lambda: latency.rtt_floor_table("us-west-1"), "user_region"),
])
def test_bad_inputs_name_the_parameter_in_korean(call, name):
    with pytest.raises((ValueError, TypeError)) as err:
        call()
    assert f"'{name}'" in str(err.value)
    assert "허용" in str(err.value)


def test_rtt_floor_arithmetic_and_table_columns():
    # 2 × 1,000 km / 200,000 km/s = 0.01 s = 10 ms; at 100,000 km/s 20 ms
    assert latency.rtt_floor_ms(1000) == pytest.approx(10.0)
    assert latency.rtt_floor_ms(1000, speed_km_per_s=100_000) == pytest.approx(20.0)
    table = latency.rtt_floor_table("us-east-1", round_trips=3)
    assert list(table.columns) == ["region", "city", "distance_km", "rtt_floor_ms", "wait_floor_ms"]
    assert table["region"].iloc[0] == "us-east-1" and table["distance_km"].iloc[0] == 0
    assert table["distance_km"].is_monotonic_increasing
    np.testing.assert_allclose(table["wait_floor_ms"], 3 * table["rtt_floor_ms"])
    np.testing.assert_allclose(table["rtt_floor_ms"], table["distance_km"] / 100)
    assert latency.region_rtt_floor_ms("us-east-1", "us-east-1") == 0.0
    # quarter of the equator at half the speed: 10,007.5 km → 2 × 10,007.5 / 100,000 s = 200.15 ms
    assert latency.rtt_floor_ms(latency.great_circle_km(0, 0, 0, 90), speed_km_per_s=100_000) == \
        pytest.approx(2 * 6371 * math.pi / 2 / 100_000 * 1000)


def test_antipodal_points_are_half_the_circumference():
    # rounding can push the haversine term a hair above 1; the clamp keeps asin defined: π × 6,371 km
    assert latency.great_circle_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371)
    assert latency.great_circle_km(45, -90, -45, 90) == pytest.approx(math.pi * 6371)
