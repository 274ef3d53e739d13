"""Spherical geometry shared by every layer: distances, interpolation, antimeridian.

All functions are vectorised over numpy arrays and pure. Distances use the
IUGG mean Earth radius; one nautical mile is exactly 1,852 m.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from corredor.errors import InvalidInputError

__all__ = [
    "EARTH_RADIUS_KM",
    "KM_PER_NM",
    "densify",
    "geojson_line",
    "haversine_km",
    "polyline_km",
    "split_antimeridian",
    "to_unit_vectors",
    "validate_lat_lon",
    "wrap_lon",
]

#: IUGG mean radius R1 (Moritz 2000, Geodetic Reference System 1980).
EARTH_RADIUS_KM = 6371.0088
#: International nautical mile (1929 International Hydrographic Conference).
KM_PER_NM = 1.852

FloatArray = npt.NDArray[np.float64]


def validate_lat_lon(lat: float, lon: float, argument: str = "coordinates") -> tuple[float, float]:
    """Return ``(lat, lon)`` as floats or raise :class:`InvalidInputError`.

    Latitude must lie in [-90, 90] and longitude in [-180, 180]; NaN and
    infinities are rejected.
    """
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InvalidInputError(argument, "numeric (lat, lon)", (lat, lon)) from None
    if not (math.isfinite(la) and -90.0 <= la <= 90.0):
        raise InvalidInputError(argument, "latitude in [-90, 90]", lat)
    if not (math.isfinite(lo) and -180.0 <= lo <= 180.0):
        raise InvalidInputError(argument, "longitude in [-180, 180]", lon)
    return la, lo


def wrap_lon(lon: npt.ArrayLike) -> FloatArray:
    """Wrap longitudes into [-180, 180)."""
    arr = np.asarray(lon, dtype=np.float64)
    return ((arr + 180.0) % 360.0) - 180.0


def haversine_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> FloatArray:
    """Great-circle distance in km between points given in degrees (broadcasting)."""
    p1, p2 = np.radians(np.asarray(lat1, float)), np.radians(np.asarray(lat2, float))
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2, float) - np.asarray(lon1, float))
    a = np.sin(dp / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return np.asarray(2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def polyline_km(lon: npt.ArrayLike, lat: npt.ArrayLike) -> float:
    """Length in km of a polyline of great-circle segments."""
    lo, la = np.asarray(lon, float), np.asarray(lat, float)
    if lo.size < 2:
        return 0.0
    return float(haversine_km(la[:-1], lo[:-1], la[1:], lo[1:]).sum())


def to_unit_vectors(lat: npt.ArrayLike, lon: npt.ArrayLike) -> FloatArray:
    """Unit vectors (n, 3) on the sphere for points in degrees."""
    la, lo = np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float))
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _from_unit_vectors(xyz: FloatArray) -> tuple[FloatArray, FloatArray]:
    lat = np.degrees(np.arcsin(np.clip(xyz[..., 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(xyz[..., 1], xyz[..., 0]))
    return lat, lon


def densify(
    lon: npt.ArrayLike, lat: npt.ArrayLike, step_km: float
) -> tuple[FloatArray, FloatArray]:
    """Insert points along each great-circle segment so none is longer than ``step_km``.

    The original vertices are kept. Returned longitudes are wrapped into
    [-180, 180). Spherical linear interpolation keeps the points exactly on
    the great circle, which is the path distances are measured along.
    """
    if not (math.isfinite(step_km) and step_km > 0):
        raise InvalidInputError("step_km", "a positive finite number", step_km)
    lo, la = np.asarray(lon, float), np.asarray(lat, float)
    if lo.size < 2:
        return wrap_lon(lo), la.copy()
    xyz = to_unit_vectors(la, lo)
    a, b = xyz[:-1], xyz[1:]
    omega = np.arccos(np.clip((a * b).sum(axis=1), -1.0, 1.0))
    n = np.maximum(1, np.ceil(omega * EARTH_RADIUS_KM / step_km).astype(np.int64))
    seg = np.repeat(np.arange(len(n)), n)
    t = (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)) / np.repeat(n, n)
    om = omega[seg]
    sin_om = np.sin(om)
    small = sin_om < 1e-12
    safe = np.where(small, 1.0, sin_om)
    w1 = np.where(small, 1.0 - t, np.sin((1.0 - t) * om) / safe)
    w2 = np.where(small, t, np.sin(t * om) / safe)
    pts = w1[:, None] * a[seg] + w2[:, None] * b[seg]
    pts = np.vstack([pts, xyz[-1:]])
    pts /= np.linalg.norm(pts, axis=1, keepdims=True)
    out_lat, out_lon = _from_unit_vectors(pts)
    return wrap_lon(out_lon), out_lat


def split_antimeridian(
    coords: Sequence[Sequence[float]] | npt.NDArray[np.float64],
) -> list[list[list[float]]]:
    """Split a ``[[lon, lat], ...]`` line where it crosses ±180°.

    Longitudes in the output stay in [-180, 180]. The crossing latitude is
    interpolated linearly in longitude, which is exact enough for segments a
    few km long (geometry is densified before it is split).
    """
    xy = np.asarray(coords, dtype=np.float64).reshape(-1, 2)
    if xy.shape[0] == 0:
        return []
    lon, lat = wrap_lon(xy[:, 0]), xy[:, 1]
    d = np.diff(lon)
    parts: list[list[list[float]]] = []
    start = 0
    head: list[list[float]] = []
    for i in np.flatnonzero(np.abs(d) > 180.0).tolist():
        # Crossing between i and i+1: travel the short way, east (d < 0) or west.
        edge = 180.0 if d[i] < 0 else -180.0
        unwrapped = lon[i + 1] + (360.0 if d[i] < 0 else -360.0)
        frac = (edge - lon[i]) / (unwrapped - lon[i]) if unwrapped != lon[i] else 0.0
        lat_x = float(lat[i] + frac * (lat[i + 1] - lat[i]))
        body = np.column_stack([lon[start : i + 1], lat[start : i + 1]]).tolist()
        parts.append([*head, *body, [edge, lat_x]])
        head, start = [[-edge, lat_x]], i + 1
    parts.append([*head, *np.column_stack([lon[start:], lat[start:]]).tolist()])
    return [p for p in parts if len(p) >= 2] or [parts[0]]


def geojson_line(coords: Sequence[Sequence[float]] | npt.NDArray[np.float64]) -> dict[str, Any]:
    """A GeoJSON LineString, or MultiLineString when the line crosses ±180°."""
    parts = split_antimeridian(coords)
    rounded = [np.round(np.array(part), 5).tolist() for part in parts]
    if len(rounded) == 1:
        return {"type": "LineString", "coordinates": rounded[0]}
    return {"type": "MultiLineString", "coordinates": rounded}
