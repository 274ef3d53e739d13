"""Port access legs: every port reaches the sea network by its own water leg(s)."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.spatial import cKDTree

import _landmask as lm
from _seanet_graph import CHECK_STEP_KM, Graph, _significant
from corredor.geo import EARTH_RADIUS_KM, polyline_km, to_unit_vectors
from corredor.reference import PortTable

#: Land tolerated at the port end of an access leg: quays and inner harbours
#: are narrower than the 1 km mask resolves.
HARBOUR_KM = 4.0
#: One leg per bearing sector, so a port's route leaves in the direction it
#: is going instead of via the nearest lane junction (Chancay and Callao
#: would otherwise share one offshore node).
SECTORS = 6
MAX_LEGS = SECTORS
CANDIDATES = 48
SEARCH_KM = 600.0

#: Curated ports whose approach channel is narrower than the mask (Santos'
#: estuary, the Guayas channel) may cross this much mask "land" along the
#: least-land path to the network; the crossing is recorded and exempted.
MAX_CHANNEL_KM = 40.0
LAND_COST = 60.0

Leg = tuple[int, float, list[tuple[float, float]]]  # fine node, km, [(lon, lat), ...]


def _channel_leg(
    port: tuple[float, float], nodes: list[int], g: Graph
) -> tuple[int, list[tuple[float, float]], float] | None:
    """Least-land path from a curated port to the nearest reachable vertex.

    Water costs 1 per cell and mask land ``LAND_COST``, so the path follows
    every resolved bit of the channel and crosses only where the channel is
    narrower than the mask. Returns (node, [(lon, lat)...], land km from port).
    """
    from skimage.graph import MCP_Geometric

    plon, plat = port
    m = 1.2
    w = lm.Window(plat - m, plat + m, plon - m, plon + m)
    cost = np.where(w.land, LAND_COST, 1.0)
    mcp = MCP_Geometric(cost, fully_connected=True, sampling=w.sampling)
    start = w.cell(plat, plon)
    costs, _ = mcp.find_costs([start])
    best: tuple[float, int, tuple[int, int]] | None = None
    for n in nodes:
        rc = w.cell(g.lat[n], g.lon[n])
        inside = 0 <= rc[0] < cost.shape[0] and 0 <= rc[1] < cost.shape[1]
        if inside and not w.land[rc] and (best is None or costs[rc] < best[0]):
            best = (float(costs[rc]), n, rc)
    if best is None:
        return None
    _, n, rc = best
    cells = mcp.traceback(rc)
    pts = [(plon, plat)] + [(lo, la) for la, lo in (w.center(c) for c in cells[1:])]
    pts.append((g.lon[n], g.lat[n]))
    land = [bool(w.land[c]) for c in cells]
    last_land = max((i for i, v in enumerate(land) if v), default=0)
    # Keep every vertex up to the last land cell, then simplify the open-water rest.
    head, tail = pts[: last_land + 2], pts[last_land + 1 :]
    simple_tail = [(lo, la) for la, lo in lm.simplify_path([(y, x) for x, y in tail])]
    path = [*head[::3], head[-1], *simple_tail[1:]]
    lon, lat = np.array([p[0] for p in path]), np.array([p[1] for p in path])
    dlon, dlat, flags = lm.line_land_flags(lon, lat, CHECK_STEP_KM)
    from corredor.geo import haversine_km

    d = haversine_km(plat, plon, dlat, dlon)
    reach = float(d[flags > 0].max()) if (flags > 0).any() else 0.0
    if reach > MAX_CHANNEL_KM:
        return None
    return n, path, reach


def _sector(lat0: float, lon0: float, lat1: float, lon1: float) -> int:
    """Which of SECTORS equal bearing sectors the point 1 lies in, seen from point 0."""
    p0, p1, dl = np.radians(lat0), np.radians(lat1), np.radians(lon1 - lon0)
    y = np.sin(dl) * np.cos(p1)
    x = np.cos(p0) * np.sin(p1) - np.sin(p0) * np.cos(p1) * np.cos(dl)
    bearing = (np.degrees(np.arctan2(y, x)) + 360.0) % 360.0
    return int(bearing // (360.0 / SECTORS))


def _leg_ok(lon: list[float], lat: list[float]) -> bool:
    """Water everywhere except within HARBOUR_KM of the port (first vertex)."""
    dlon, dlat, flags = lm.line_land_flags(np.array(lon), np.array(lat), CHECK_STEP_KM)
    if not (flags > 0).any():
        return True
    from corredor.geo import haversine_km

    d = haversine_km(lat[0], lon[0], dlat, dlon)
    return not bool(_significant((flags > 0) & (d > HARBOUR_KM)).any())


def _water_path_leg(
    port: tuple[float, float], node: tuple[float, float]
) -> list[tuple[float, float]] | None:
    """Port -> node along a water path on the mask (lon, lat points), or None."""
    (plon, plat), (nlon, nlat) = port, node
    span = max(abs(plon - nlon), abs(plat - nlat))
    for margin in (max(0.2, 0.4 * span), max(0.8, span)):
        w = lm.Window(
            min(plat, nlat) - margin,
            max(plat, nlat) + margin,
            min(plon, nlon) - margin,
            max(plon, nlon) + margin,
        )
        start = w.nearest_water(w.cell(plat, plon), max_cells=int(HARBOUR_KM))
        end = w.nearest_water(w.cell(nlat, nlon), max_cells=3)
        if start is None or end is None:
            return None
        path = w.water_path(start, end)
        if path is None:
            continue
        pts = [(plat, plon), *(w.center(rc) for rc in path), (nlat, nlon)]
        # Keep the port point; simplify from the first water cell onwards.
        simple = [pts[0], *lm.simplify_path(pts[1:])]
        return [(lo, la) for la, lo in simple]
    return None


def build_access(g: Graph, ports: PortTable) -> tuple[list[list[Leg]], dict[str, Any]]:
    """Access legs per port (in table order); marks attachment vertices as kept."""
    active = sorted({n for e in g.edges for n in e})
    xyz = to_unit_vectors(np.array(g.lat)[active], np.array(g.lon)[active])
    tree = cKDTree(xyz)
    legs: list[list[Leg]] = []
    failed: list[str] = []
    channels: dict[str, float] = {}
    stats = {"line_of_sight": 0, "water_path": 0, "failed": 0}
    for k, port in enumerate(ports.values()):
        if k % 500 == 0:
            print(f"  access legs: {k}/{len(ports)}", flush=True)
        pxyz = to_unit_vectors(port.lat, port.lon)
        chord = 2 * np.sin(SEARCH_KM / EARTH_RADIUS_KM / 2)
        k_cand = CANDIDATES * 4 if port.curated else CANDIDATES
        dist, idx = tree.query(pxyz, k=k_cand, distance_upper_bound=chord)
        cands = [active[i] for d, i in zip(dist, idx, strict=True) if np.isfinite(d)]
        found: list[Leg] = []
        best = np.inf
        filled: set[int] = set()
        for n in cands:
            lon, lat = [port.lon, g.lon[n]], [port.lat, g.lat[n]]
            km = polyline_km(lon, lat)
            if km > 2.0 * best + 100.0 or len(found) >= MAX_LEGS:
                break
            sector = _sector(port.lat, port.lon, g.lat[n], g.lon[n])
            if sector in filled:
                continue
            if _leg_ok(lon, lat):
                found.append((n, km, list(zip(lon, lat, strict=True))))
                filled.add(sector)
                best = min(best, km)
        if found:
            stats["line_of_sight"] += 1
        else:
            for n in cands[:3]:
                path = _water_path_leg((port.lon, port.lat), (g.lon[n], g.lat[n]))
                if path is None:
                    continue
                lo, la = [p[0] for p in path], [p[1] for p in path]
                if _leg_ok(lo, la):
                    found.append((n, polyline_km(lo, la), path))
                    break
            stats["water_path" if found else "failed"] += 1
        if not found and port.curated:
            ch = _channel_leg((port.lon, port.lat), cands, g)
            if ch is not None:
                n, path, reach = ch
                lo, la = [p[0] for p in path], [p[1] for p in path]
                found.append((n, polyline_km(lo, la), path))
                channels[port.locode] = round(reach + 0.5, 1)
                stats["failed"] -= 1
                stats["channel"] = stats.get("channel", 0) + 1
        if not found:
            failed.append(port.locode)
        for n, _, _ in found:
            g.keep.add(n)
        legs.append(found)
    return legs, {"stats": stats, "failed": failed, "channels": channels}


def pack_access(
    legs: list[list[Leg]], ports: PortTable, node_old: np.ndarray
) -> dict[str, np.ndarray]:
    """Flatten access legs into CSR-style arrays with contracted node ids."""
    new_id = {int(old): k for k, old in enumerate(node_old)}
    ptr, gptr = [0], [0]
    node, km, glon, glat = [], [], [], []
    for found in legs:
        for n, d, path in found:
            node.append(new_id[n])
            km.append(d)
            glon.extend(p[0] for p in path)
            glat.extend(p[1] for p in path)
            gptr.append(len(glon))
        ptr.append(len(node))
    return {
        "port_locode": np.array(list(ports)),
        "port_lat": np.array([p.lat for p in ports.values()]),
        "port_lon": np.array([p.lon for p in ports.values()]),
        "acc_ptr": np.array(ptr, dtype=np.int64),
        "acc_node": np.array(node, dtype=np.int32),
        "acc_km": np.array(km),
        "acc_gptr": np.array(gptr, dtype=np.int64),
        "acc_lon": np.round(np.array(glon), 6),
        "acc_lat": np.round(np.array(glat), 6),
    }
