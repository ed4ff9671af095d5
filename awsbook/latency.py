"""The physical lower bound on network round-trip time (RTT) between two places.

A request and its reply cannot travel faster than light in optical fibre, so
over a great-circle distance ``d``

    RTT floor = 2 × d / v,   v = 200,000 km/s,

in milliseconds.  Real round trips take longer: cables do not follow the
great circle, routers and queues add delay, and a new connection needs
several round trips before the first reply.  Region positions are the
coordinates of the city each AWS region is associated with
(``data/region_locations.csv``), not of its data centres, which AWS does not
publish; so every figure here is an approximate lower bound.
"""

from __future__ import annotations

import math

import pandas as pd

from awsbook import datasets, validate

#: Mean Earth radius in km (the sphere used by the haversine formula).
EARTH_RADIUS_KM = 6371.0
#: Speed of light in optical fibre, km/s: light in vacuum (≈299,792 km/s) divided by
#: the refractive index of glass, about 1.5, rounded to a round figure.
FIBRE_SPEED_KM_PER_S = 200_000.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in km (haversine formula, sphere of radius 6,371 km).

    Latitudes are −90…90 and longitudes −180…180 decimal degrees (north and east positive).
    """
    p1 = math.radians(validate.number("lat1", lat1, low=-90, high=90))
    p2 = math.radians(validate.number("lat2", lat2, low=-90, high=90))
    l1 = math.radians(validate.number("lon1", lon1, low=-180, high=180))
    l2 = math.radians(validate.number("lon2", lon2, low=-180, high=180))
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def rtt_floor_ms(distance_km: float, *, speed_km_per_s: float = FIBRE_SPEED_KM_PER_S) -> float:
    """Lowest possible round-trip time over ``distance_km`` (ms): 2 × distance / speed × 1,000."""
    distance = validate.number("distance_km", distance_km, low=0)
    speed = validate.number("speed_km_per_s", speed_km_per_s, low=0, low_inclusive=False)
    return 2 * distance / speed * 1000


def region_locations() -> pd.DataFrame:
    """``data/region_locations.csv``: region, city, latitude, longitude (city coordinates)."""
    return datasets.load("region_locations")


def _where(name: str, region: str) -> tuple[float, float]:
    table = region_locations().set_index("region")
    validate.choice(name, region, list(table.index))
    row = table.loc[region]
    return float(row["latitude"]), float(row["longitude"])


def region_distance_km(from_region: str, to_region: str) -> float:
    """Great-circle distance (km) between the cities of two regions in ``data/region_locations.csv``."""
    return great_circle_km(*_where("from_region", from_region), *_where("to_region", to_region))


def region_rtt_floor_ms(from_region: str, to_region: str, *,
                        speed_km_per_s: float = FIBRE_SPEED_KM_PER_S) -> float:
    """RTT floor (ms) between the cities of two regions; 0 for the same region."""
    return rtt_floor_ms(region_distance_km(from_region, to_region), speed_km_per_s=speed_km_per_s)


def rtt_floor_table(user_region: str, *, round_trips: int = 1,
                    speed_km_per_s: float = FIBRE_SPEED_KM_PER_S) -> pd.DataFrame:
    """For users near ``user_region``'s city, the RTT floor to every region in the data.

    Columns: ``region``, ``city``, ``distance_km``, ``rtt_floor_ms`` (one round
    trip) and ``wait_floor_ms`` (``round_trips`` round trips, e.g. connection
    set-up plus the request), sorted from nearest to farthest.
    """
    trips = validate.number("round_trips", round_trips, low=1, integer=True)
    _where("user_region", user_region)
    table = region_locations()[["region", "city"]].copy()
    table["distance_km"] = [region_distance_km(user_region, r) for r in table["region"]]
    table["rtt_floor_ms"] = [rtt_floor_ms(d, speed_km_per_s=speed_km_per_s) for d in table["distance_km"]]
    table["wait_floor_ms"] = table["rtt_floor_ms"] * trips
    return table.sort_values("distance_km", kind="stable").reset_index(drop=True)
