"""Spherical geometry: known distances and antimeridian handling (property tests)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corredor import InvalidInputError
from corredor.geo import (
    KM_PER_NM,
    densify,
    haversine_km,
    polyline_km,
    split_antimeridian,
    validate_lat_lon,
    wrap_lon,
)

lat_s = st.floats(-89.0, 89.0)
lon_s = st.floats(-180.0, 180.0)


def test_known_distances() -> None:
    # One degree of latitude on the mean sphere: 111.195 km; 60 nm by definition of the arc.
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(0, 0, 1, 0) / KM_PER_NM == pytest.approx(60.04, abs=0.01)
    # Antipodes: half the circumference.
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)
    # Across the antimeridian the short way.
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(111.195, abs=0.01)


@given(lat_s, lon_s, lat_s, lon_s)
def test_haversine_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    x, y = haversine_km(a, b, c, d), haversine_km(c, d, a, b)
    assert x == pytest.approx(y, abs=1e-6)
    assert 0 <= x <= math.pi * 6371.0088 + 1e-6


@given(lat_s, lon_s, lat_s, lon_s, st.floats(1.0, 500.0))
def test_densify_keeps_length_and_endpoints(
    a: float, b: float, c: float, d: float, step: float
) -> None:
    if haversine_km(a, b, c, d) > 19000:  # near-antipodal: great circle not unique
        return
    lon, lat = densify([b, d], [a, c], step)
    assert lat[0] == pytest.approx(a, abs=1e-6) and lat[-1] == pytest.approx(c, abs=1e-6)
    assert polyline_km(lon, lat) == pytest.approx(
        float(haversine_km(a, b, c, d)), rel=1e-6, abs=1e-6
    )
    seg = haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])
    assert (seg <= step + 1e-6).all()
    assert ((lon >= -180) & (lon < 180)).all()


@given(st.lists(st.tuples(lon_s, lat_s), min_size=2, max_size=30))
def test_split_antimeridian(points: list[tuple[float, float]]) -> None:
    # Build a line of short steps so that "crossing" is unambiguous.
    lon, lat = densify([p[0] for p in points], [p[1] for p in points], 300.0)
    parts = split_antimeridian(list(zip(lon.tolist(), lat.tolist(), strict=True)))
    for part in parts:
        xy = np.array(part)
        assert (np.abs(xy[:, 0]) <= 180).all()
        assert (np.abs(np.diff(xy[:, 0])) <= 180).all()
    # Every crossing adds exactly the two seam points.
    n_points = sum(len(p) for p in parts)
    assert n_points == lon.size + 2 * (len(parts) - 1)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(float("nan"), 0), (0, float("nan")), (91, 0), (0, 181), (-90.1, 0), ("x", 0), (None, 0)],
)
def test_validate_lat_lon_rejects(lat: object, lon: object) -> None:
    with pytest.raises(InvalidInputError, match="coordinates"):
        validate_lat_lon(lat, lon)  # type: ignore[arg-type]


def test_wrap_lon() -> None:
    assert wrap_lon([-238.0, 190.0, 180.0, -180.0]).tolist() == [122.0, -170.0, -180.0, -180.0]
