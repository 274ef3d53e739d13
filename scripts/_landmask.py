"""Build-time access to the 1 km GLOBE land mask shipped by ``global-land-mask``.

Only the build scripts use this (the package never loads the ~1 GB mask at
run time). Tests check the packaged network against the same mask through
their own code, so the build and the check do not share an implementation.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from global_land_mask import globe
from scipy import ndimage
from skimage.graph import MCP_Geometric

from corredor.geo import densify

CELLS_PER_DEG = 120  # GLOBE is 30 arc-seconds
# The file stores "is ocean"; lakes count as land. (21600, 43200), row 0 at +90 deg.
MASK = np.logical_not(globe._mask)

FloatArray = npt.NDArray[np.float64]


def rows_cols(lat: npt.ArrayLike, lon: npt.ArrayLike) -> tuple[npt.NDArray[np.int64], ...]:
    la = np.asarray(lat, float)
    lo = ((np.asarray(lon, float) + 180.0) % 360.0) - 180.0
    r = np.clip(((90.0 - la) * CELLS_PER_DEG).astype(np.int64), 0, MASK.shape[0] - 1)
    c = np.clip(((lo + 180.0) * CELLS_PER_DEG).astype(np.int64), 0, MASK.shape[1] - 1)
    return r, c


def is_land(lat: npt.ArrayLike, lon: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    r, c = rows_cols(lat, lon)
    return np.asarray(MASK[r, c])


def line_land_flags(lon: FloatArray, lat: FloatArray, step_km: float) -> tuple[FloatArray, ...]:
    """Densify a polyline and return (lon, lat, land flag) of every sample."""
    dlon, dlat = densify(lon, lat, step_km)
    return dlon, dlat, is_land(dlat, dlon).astype(np.float64)


class Window:
    """A lat/lon window of the mask with a cost surface for water paths."""

    def __init__(self, lat0: float, lat1: float, lon0: float, lon1: float) -> None:
        self.r0 = max(0, int((90.0 - lat1) * CELLS_PER_DEG))
        self.r1 = min(MASK.shape[0], int((90.0 - lat0) * CELLS_PER_DEG) + 1)
        self.c0 = max(0, int((lon0 + 180.0) * CELLS_PER_DEG))
        self.c1 = min(MASK.shape[1], int((lon1 + 180.0) * CELLS_PER_DEG) + 1)
        land = np.asarray(MASK[self.r0 : self.r1, self.c0 : self.c1])
        near = ndimage.binary_dilation(land, iterations=2) & ~land
        self.land = land
        self.cost = np.where(land, np.inf, np.where(near, 4.0, 1.0))
        mid_lat = 0.5 * (lat0 + lat1)
        self.sampling = (1.0, max(0.05, math.cos(math.radians(mid_lat))))

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        r, c = rows_cols(lat, lon)
        return int(r) - self.r0, int(c) - self.c0

    def center(self, rc: tuple[int, int]) -> tuple[float, float]:
        """(lat, lon) of a cell centre."""
        r, c = rc
        lat = 90.0 - (r + self.r0 + 0.5) / CELLS_PER_DEG
        lon = (c + self.c0 + 0.5) / CELLS_PER_DEG - 180.0
        return lat, lon

    def nearest_water(self, rc: tuple[int, int], max_cells: int) -> tuple[int, int] | None:
        r, c = rc
        h, w = self.land.shape
        for rad in range(max_cells + 1):
            rr = slice(max(0, r - rad), min(h, r + rad + 1))
            cc = slice(max(0, c - rad), min(w, c + rad + 1))
            sub = ~self.land[rr, cc]
            if sub.any():
                idx = np.argwhere(sub)
                d = (idx[:, 0] + rr.start - r) ** 2 + (idx[:, 1] + cc.start - c) ** 2
                k = int(np.argmin(d))
                return int(idx[k, 0] + rr.start), int(idx[k, 1] + cc.start)
        return None

    def water_path(
        self, start: tuple[int, int], end: tuple[int, int]
    ) -> list[tuple[int, int]] | None:
        if not (np.isfinite(self.cost[start]) and np.isfinite(self.cost[end])):
            return None
        mcp = MCP_Geometric(self.cost, fully_connected=True, sampling=self.sampling)
        costs, _ = mcp.find_costs([start], [end])
        if not np.isfinite(costs[end]):
            return None
        return [(int(r), int(c)) for r, c in mcp.traceback(end)]


def visible(a: tuple[float, float], b: tuple[float, float], step_km: float = 0.01) -> bool:
    """True when the great-circle segment a->b ((lat, lon) pairs) stays on water."""
    _, _, flags = line_land_flags(np.array([a[1], b[1]]), np.array([a[0], b[0]]), step_km)
    return not bool(flags.any())


def simplify_path(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Greedy line-of-sight simplification of a water path of (lat, lon) points."""
    out = [points[0]]
    i = 0
    n = len(points)
    while i < n - 1:
        j = n - 1
        while j > i + 1 and not visible(points[i], points[j]):
            # Shrink quickly from far away, then step by one near i.
            j = max(i + 1, j - max(1, (j - i) // 4)) if j - i > 8 else j - 1
        out.append(points[j])
        i = j
    return out
