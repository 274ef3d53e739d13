"""Longitude-window geometry for plate carrée maps with a movable central meridian.

A map centred on ``center_lon`` shows the longitudes
``[center_lon - 180, center_lon + 180]``; its seam is the meridian opposite the
centre. Lines and polygons are shifted into that window and split where they
cross the seam, so nothing draws a streak across the map. Used by
:mod:`corredor.plot` and by ``scripts/build_basemap.py`` (seam at ±180).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from corredor.errors import InvalidInputError

__all__ = ["Polygon", "Ring", "resplit_line", "resplit_polygon"]

Ring = NDArray[np.float64]
Polygon = tuple[Ring, ...]


def _window_index(x: NDArray[np.float64], lo: float) -> NDArray[np.int64]:
    return np.floor((x - lo) / 360.0).astype(np.int64)


def resplit_line(coords: ArrayLike, center_lon: float) -> list[NDArray[np.float64]]:
    """Shift a line into the window around ``center_lon`` and split it at the seam.

    Consecutive points are joined the short way round (``|Δlon| <= 180``), so a
    segment from 170°E to 170°W crosses the antimeridian.

    Parameters
    ----------
    coords : array_like, shape (n, 2)
        Longitude/latitude pairs in degrees.
    center_lon : float
        Central meridian of the window ``[center_lon - 180, center_lon + 180]``.

    Returns
    -------
    list of ndarray
        Pieces of shape (m, 2), m >= 2, with longitudes inside the window; a
        point on the seam appears at the right edge of one piece and the left
        edge of the next. No segment jumps more than 180°.
    """
    xy = np.array(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2 or len(xy) == 0:
        raise InvalidInputError("coords", "an (n, 2) array of lon/lat", xy.shape)
    if not np.all(np.isfinite(xy)):
        raise InvalidInputError("coords", "finite coordinates (no NaN/inf)", coords)
    lo = float(center_lon) - 180.0
    d = np.diff(xy[:, 0])
    x = xy[0, 0] + np.concatenate([[0.0], np.cumsum(d - 360.0 * np.round(d / 360.0))])
    x -= 360.0 * math.floor((x[0] - lo) / 360.0)
    y = xy[:, 1]
    w = _window_index(x, lo)
    pts = np.column_stack([x, y])
    pieces: list[NDArray[np.float64]] = []
    start, head = 0, pts[:0]
    for i in np.flatnonzero(w[1:] != w[:-1]) + 1:  # segments crossing a seam
        seam = lo + 360.0 * max(w[i], w[i - 1])
        t = min(max((seam - x[i - 1]) / (x[i] - x[i - 1]), 0.0), 1.0)  # rounding-safe
        ys = y[i - 1] + t * (y[i] - y[i - 1])
        pieces.append(np.vstack([head, pts[start:i], [[seam, ys]]]) - [360.0 * w[i - 1], 0.0])
        start, head = int(i), np.array([[seam, ys]])
    pieces.append(np.vstack([head, pts[start:]]) - [360.0 * w[-1], 0.0])
    out = [_dedupe(p) for p in pieces]
    return [p for p in out if len(p) >= 2] or [out[0][:1].repeat(2, axis=0)]


def _dedupe(pts: NDArray[np.float64]) -> NDArray[np.float64]:
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(np.diff(pts, axis=0) != 0.0, axis=1)
    return pts[keep]


def _signed_area(ring: NDArray[np.float64]) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _inside(pt: NDArray[np.float64], ring: NDArray[np.float64]) -> bool:
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > pt[1]) != (y2 > pt[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        xc = x + (pt[1] - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (pt[0] < xc)) % 2)


def _open_ring(ring: ArrayLike) -> NDArray[np.float64]:
    r = _dedupe(np.array(ring, dtype=np.float64).reshape(-1, 2))
    if len(r) > 1 and np.array_equal(r[0], r[-1]):
        r = r[:-1]
    return r


def _split_at(
    rings: list[NDArray[np.float64]], s: float
) -> tuple[list[list[NDArray[np.float64]]], list[list[NDArray[np.float64]]]]:
    """Split one polygon (open rings, exterior first) by the meridian ``x = s``."""
    chains: list[tuple[bool, NDArray[np.float64]]] = []
    whole: list[tuple[bool, int, NDArray[np.float64]]] = []
    for k, ring in enumerate(rings):
        right = ring[:, 0] >= s
        change = np.flatnonzero(right != np.roll(right, 1))
        if len(change) == 0:
            whole.append((bool(right[0]), k, ring))
            continue
        r = np.roll(ring, -int(change[0]), axis=0)
        side = r[:, 0] >= s
        first: NDArray[np.float64] = r[0]
        current: list[NDArray[np.float64]] = []
        for i in range(len(r)):
            if side[i] != side[i - 1]:
                p, q = r[i - 1], r[i]
                cross = np.array([s, p[1] + (s - p[0]) * (q[1] - p[1]) / (q[0] - p[0])])
                if current:
                    chains.append((bool(side[i - 1]), np.array([*current, cross])))
                else:
                    first = cross
                current = [cross]
            current.append(r[i])
        chains.append((bool(side[-1]), np.array([*current, first])))
    # crossings along the seam, paired even-odd: the polygon's inside intervals
    ends = [(c[1][0, 1], j, 0) for j, c in enumerate(chains)]
    ends += [(c[1][-1, 1], j, 1) for j, c in enumerate(chains)]
    result: tuple[list[list[Ring]], list[list[Ring]]] = ([], [])
    for is_right in (False, True):
        mine = sorted((e for e in ends if chains[e[1]][0] == is_right), key=lambda e: e[0])
        partner = {(mine[i][1], mine[i][2]): mine[i ^ 1][1:] for i in range(len(mine))}
        used: set[int] = set()
        for j0 in {e[1] for e in mine}:
            if j0 in used:
                continue
            parts, j, end = [], j0, 1
            while j not in used:
                used.add(j)
                pts = chains[j][1]
                parts.append(pts if end == 1 else pts[::-1])
                j, start = partner[(j, end)]
                end = 1 - start
            ring = _dedupe(np.vstack(parts))
            if len(ring) >= 3 and abs(_signed_area(ring)) > 1e-12:
                result[is_right].append([ring])
    for is_right, k, ring in whole:
        polys = result[is_right]
        if k == 0:
            polys.append([ring])
        else:
            host = next((p for p in polys if _inside(ring[0], p[0])), None)
            if host is not None:
                host.append(ring)
    return result


def resplit_polygon(rings: Sequence[ArrayLike], center_lon: float) -> list[Polygon]:
    """Shift a polygon into the window around ``center_lon``, split at the seam.

    Parameters
    ----------
    rings : sequence of array_like, each shape (n, 2)
        Exterior ring first, then holes, in continuous longitude (no edge
        longer than 180°, e.g. any packaged land polygon).
    center_lon : float
        Central meridian of the window ``[center_lon - 180, center_lon + 180]``.

    Returns
    -------
    list of tuple of ndarray
        Polygons (closed rings, exterior counter-clockwise first, holes
        clockwise) with longitudes inside the window.
    """
    open_rings = [_open_ring(r) for r in rings]
    open_rings = [r for r in open_rings if len(r) >= 3]
    if not open_rings:
        return []
    lo = float(center_lon) - 180.0
    shift = 360.0 * math.floor((float(open_rings[0][:, 0].min()) - lo) / 360.0)
    todo = [[r - [shift, 0.0] for r in open_rings]]
    out: list[Polygon] = []
    while todo:
        poly = todo.pop()
        xmin = min(float(r[:, 0].min()) for r in poly)
        xmax = max(float(r[:, 0].max()) for r in poly)
        k = math.floor((xmin - lo) / 360.0)
        seam = lo + 360.0 * (k + 1)
        if xmax <= seam:
            closed = []
            for i, r in enumerate(poly):
                r = r - [360.0 * k, 0.0]
                if (_signed_area(r) > 0) != (i == 0):
                    r = r[::-1]
                closed.append(np.vstack([r, r[:1]]))
            out.append(tuple(closed))
            continue
        left, right = _split_at(poly, seam)
        todo.extend(left + right)
    return out
