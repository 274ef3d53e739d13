"""The packaged Natural Earth land basemap: files, provenance and polygon validity."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest
from numpy.typing import NDArray

from corredor.plot import load_land

EARTH_RADIUS_KM = 6371.0088
LAND_AREA_KM2 = 1.49e8
SCALES = ["50m", "110m"]


def _basemap_file(name: str) -> str:
    return resources.files("corredor").joinpath("data", "basemap", name).read_text("utf-8")


def _spherical_area_km2(ring: NDArray[np.float64]) -> float:
    """Signed area (counter-clockwise positive) of a lon/lat ring on the sphere.

    Edges are taken as straight in (lon, sin lat), i.e. in an equal-area
    cylindrical projection, which is exact along parallels and meridians.
    """
    lam = np.radians(ring[:, 0])
    s = np.sin(np.radians(ring[:, 1]))
    return float(-0.5 * np.sum((lam[1:] - lam[:-1]) * (s[1:] + s[:-1])) * EARTH_RADIUS_KM**2)


def _planar_area(ring: NDArray[np.float64]) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _self_intersections(ring: NDArray[np.float64], chunk: int = 400) -> int:
    """Number of proper crossings between non-adjacent edges of a closed ring."""
    a, b = ring[:-1], ring[1:]
    n = len(a)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    found = 0
    for start in range(0, n, chunk):
        i = np.arange(start, min(start + chunk, n))[:, None]
        j = np.arange(n)[None, :]
        cand = (
            (j > i + 1)
            & ~((i == 0) & (j == n - 1))
            & (lo[i, 0] <= hi[j, 0])
            & (lo[j, 0] <= hi[i, 0])
            & (lo[i, 1] <= hi[j, 1])
            & (lo[j, 1] <= hi[i, 1])
        )
        ii, jj = np.nonzero(cand)
        ii += start
        p, r = a[ii], b[ii] - a[ii]
        q, s = a[jj], b[jj] - a[jj]
        den = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
        qp = q - p
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / den
            u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / den
        found += int(np.count_nonzero((den != 0) & (t > 0) & (t < 1) & (u > 0) & (u < 1)))
    return found


@pytest.mark.parametrize("scale", SCALES)
def test_file_is_a_small_geojson_feature_collection(scale: str) -> None:
    text = _basemap_file(f"land_{scale}.geojson")
    assert len(text.encode()) < (3_000_000 if scale == "50m" else 300_000)
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert {f["geometry"]["type"] for f in data["features"]} == {"MultiPolygon"}


def test_provenance() -> None:
    source = json.loads(_basemap_file("SOURCE.json"))
    assert source["package"] == "world-atlas"
    assert source["version"] == "2.0.2"
    assert source["licence"] == "ISC"
    assert source["data"]["licence"] == "public domain"
    assert source["data"]["version"] == "4.1.0"
    assert source["script"] == "scripts/build_basemap.py"
    assert set(source["files"]) == {"land_50m.geojson", "land_110m.geojson"}
    for name, meta in source["files"].items():
        assert meta["bytes"] == len(_basemap_file(name).encode())


@pytest.mark.parametrize("scale", SCALES)
def test_rings_closed_in_range_and_oriented(scale: str) -> None:
    polygons = load_land(scale)
    assert len(polygons) > (1000 if scale == "50m" else 100)
    for poly in polygons:
        for k, ring in enumerate(poly):
            assert ring.ndim == 2
            assert ring.shape[1] == 2
            assert len(ring) >= 4
            assert np.array_equal(ring[0], ring[-1])
            assert np.all(np.isfinite(ring))
            assert np.all(np.abs(ring[:, 0]) <= 180.0)
            assert np.all(np.abs(ring[:, 1]) <= 90.0)
            assert np.all(np.any(np.diff(ring, axis=0) != 0.0, axis=1)), "repeated point"
            assert (_planar_area(ring) > 0) == (k == 0), "exterior CCW, holes CW"


@pytest.mark.parametrize("scale", SCALES)
def test_antimeridian_safe(scale: str) -> None:
    """No edge jumps across ±180; the crossing land masses were split there."""
    polygons = load_land(scale)
    for poly in polygons:
        for ring in poly:
            assert np.abs(np.diff(ring[:, 0])).max() <= 180.0
    # Chukotka: land on both sides of the antimeridian, split along it
    for side in (-180.0, 180.0):
        assert any(
            np.any((ring[:, 0] == side) & (ring[:, 1] > 64) & (ring[:, 1] < 70))
            for poly in polygons
            for ring in poly
        )
    # Antarctica: one polygon from -180 to 180, closed along the South Pole
    (antarctica,) = [p for p in polygons if p[0][:, 1].min() == -90.0]
    assert antarctica[0][:, 0].min() == -180.0
    assert antarctica[0][:, 0].max() == 180.0


@pytest.mark.parametrize("scale", SCALES)
def test_total_land_area(scale: str) -> None:
    area = sum(_spherical_area_km2(ring) for poly in load_land(scale) for ring in poly)
    assert area == pytest.approx(LAND_AREA_KM2, rel=0.05)


def test_no_self_intersections_110m() -> None:
    for poly in load_land("110m"):
        for ring in poly:
            assert _self_intersections(ring) == 0


@pytest.mark.slow
def test_no_self_intersections_50m() -> None:
    bad = sum(_self_intersections(ring) for poly in load_land("50m") for ring in poly)
    assert bad == 0


def test_load_land_is_cached_and_read_only() -> None:
    assert load_land("110m") is load_land("110m")
    ring = load_land("110m")[0][0]
    with pytest.raises(ValueError, match="read-only"):
        ring[0, 0] = 0.0
