"""Shared fixtures and the independent land check used by the invariant tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

# Property tests check invariants, not speed: on 2 shared cores a single example
# can exceed Hypothesis' default 200 ms deadline, which would fail at random.
settings.register_profile("corredor", deadline=None)
settings.load_profile("corredor")

SHARED = Path(__file__).resolve().parents[2] / "shared"

#: Navigable channels narrower than the 1 km mask, exempt from the land check
#: (lon0, lat0, lon1, lat1): the two canals and the Magellan narrows.
CANALS = {
    "panama": (-80.0, 8.85, -79.45, 9.42),
    "suez": (32.2, 29.85, 32.65, 31.35),
    "magellan_narrows": (-73.0, -53.75, -72.3, -53.35),
}
#: Land tolerated at each end of a route: the port access leg inside a harbour.
HARBOUR_KM = 5.0
#: A line may clip the corner of a 1 km mask cell by less than this: below the
#: mask's resolution, not a crossing.
CORNER_CLIP_KM = 0.05


def _is_land(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    from global_land_mask import globe

    land = np.asarray(globe.is_land(lat, np.clip(lon, -180, 179.999)))
    for x0, y0, x1, y1 in CANALS.values():
        land &= ~((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
    return land


def _clip_km(lon: np.ndarray, lat: np.ndarray, i: int) -> float:
    """Length of the land run around sample ``i``, measured at 2 m resolution."""
    from corredor.geo import densify

    a, b = max(0, i - 1), min(lon.size - 1, i + 1)
    flon, flat = densify(lon[a : b + 1], lat[a : b + 1], 0.002)
    land = _is_land(flat, flon)
    longest = run = 0
    for v in land:
        run = run + 1 if v else 0
        longest = max(longest, run)
    return longest * 0.002


def land_samples(coords: np.ndarray, step_km: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Densify a (n, 2) lon/lat polyline; lon, lat of samples over land (canals and
    sub-resolution corner clips excluded)."""
    from corredor.geo import densify

    lon, lat = densify(coords[:, 0], coords[:, 1], step_km)
    land = _is_land(lat, lon)
    for i in np.flatnonzero(land):
        if _clip_km(lon, lat, int(i)) < CORNER_CLIP_KM:
            land[i] = False
    return lon[land], lat[land]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared reference directory missing: {SHARED}")
    return SHARED
