"""Shared fixtures and the independent land check used by the invariant tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"

#: Canals narrower than the 1 km mask, exempt from the land check (lon0, lat0, lon1, lat1).
CANALS = {"panama": (-80.0, 8.85, -79.45, 9.42), "suez": (32.2, 29.85, 32.65, 31.35)}
#: Land tolerated at each end of a route: the port access leg inside a harbour.
HARBOUR_KM = 5.0


def land_samples(coords: np.ndarray, step_km: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Densify a (n, 2) lon/lat polyline and return lon, lat of samples over land."""
    from global_land_mask import globe

    from corredor.geo import densify

    lon, lat = densify(coords[:, 0], coords[:, 1], step_km)
    land = globe.is_land(lat, np.clip(lon, -180, 179.999))
    for x0, y0, x1, y1 in CANALS.values():
        land &= ~((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
    return lon[land], lat[land]


@pytest.fixture(scope="session")
def shared_dir() -> Iterator[Path]:
    if not SHARED.is_dir():
        pytest.fail(f"shared reference directory missing: {SHARED}")
    yield SHARED
