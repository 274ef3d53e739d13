"""Graph surgery for the sea-network build: merge, repair over land, gates, contraction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

import _landmask as lm
from corredor.geo import densify, polyline_km, wrap_lon

LonLat = tuple[float, float]

#: Artificial waterways narrower than the 1 km mask: their edges are exempt
#: from the land check (box: lon0, lat0, lon1, lat1).
CANAL_BOXES: dict[str, tuple[float, float, float, float]] = {
    "panama": (-80.0, 8.85, -79.45, 9.42),
    "suez": (32.2, 29.85, 32.65, 31.35),
    # Paso Tortuoso / Paso Inglés, Strait of Magellan: 1-2 km wide, closed on the mask.
    "magellan_narrows": (-73.0, -53.75, -72.3, -53.35),
}

#: Gate lines: an edge belongs to a passage when it crosses the passage's gate.
#: Chosen so that every sea path through the chokepoint must cross the gate.
GATES: dict[str, list[LonLat]] = {
    "panama": [(-79.77, 9.0), (-79.77, 9.3)],
    "suez": [(32.0, 30.6), (32.7, 30.6)],
    "magellan": [(-69.6, -52.2), (-69.6, -52.85)],
    "cape_horn": [(-65.3, -54.9), (-65.3, -66.0)],
    "good_hope": [(20.0, -34.85), (20.0, -72.0)],
    "malacca": [(99.95, 3.0), (101.3, 3.0)],
    "gibraltar": [(-5.6, 35.7), (-5.6, 36.1)],
    "bab_el_mandeb": [(43.55, 12.2), (43.55, 12.85)],
    "bosporus": [(28.9, 41.1), (29.2, 41.1)],
    "dardanelles": [(26.3, 39.9), (26.3, 40.3)],
    "hormuz": [(56.45, 25.9), (56.45, 26.8)],
    "sunda": [(105.5, -6.3), (106.1, -5.7)],
    "bering": [(-172.5, 66.0), (-166.0, 66.0)],
}
PASSAGES = list(GATES)

CHECK_STEP_KM = 0.01
MAX_VERTEX_GAP_KM = 25.0


@dataclass
class Graph:
    """Mutable build-time graph: vertices and polyline edges."""

    lon: list[float] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    key: dict[tuple[float, float], int] = field(default_factory=dict)
    edges: list[list[int]] = field(default_factory=list)  # [u, v] pairs
    passage: list[int] = field(default_factory=list)
    keep: set[int] = field(default_factory=set)

    @property
    def n_nodes(self) -> int:
        return len(self.lon)

    def node(self, lon: float, lat: float) -> int:
        lon = float(wrap_lon(lon))
        k = (round(lon, 5), round(lat, 5))
        if k not in self.key:
            self.key[k] = len(self.lon)
            self.lon.append(lon)
            self.lat.append(lat)
        return self.key[k]

    def add_edge(self, u: int, v: int, passage: int = -1) -> None:
        if u != v:
            self.edges.append([u, v])
            self.passage.append(passage)

    @classmethod
    def from_lines(cls, lines: list[list[LonLat]]) -> Graph:
        g = cls()
        seen: set[tuple[int, int]] = set()
        for line in lines:
            ids = [g.node(x, y) for x, y in line]
            for u, v in pairwise(ids):
                k = (min(u, v), max(u, v))
                if u != v and k not in seen:
                    seen.add(k)
                    g.add_edge(u, v)
        return g

    def drop_small_components(self, min_nodes: int) -> None:
        e = np.array(self.edges)
        n = self.n_nodes
        adj = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
        _, lab = connected_components(adj, directed=False)
        counts = np.bincount(lab)
        ok = counts[lab] >= min_nodes
        keep = [i for i, (u, _v) in enumerate(self.edges) if ok[u]]
        dropped = len(self.edges) - len(keep)
        self.edges = [self.edges[i] for i in keep]
        self.passage = [self.passage[i] for i in keep]
        print(f"dropped {dropped} edges in components smaller than {min_nodes} nodes")

    def subdivide(self, max_km: float) -> None:
        """Split long edges so vertices are at most ``max_km`` apart."""
        new_edges: list[list[int]] = []
        new_pass: list[int] = []
        for (u, v), p in zip(self.edges, self.passage, strict=True):
            lo, la = densify([self.lon[u], self.lon[v]], [self.lat[u], self.lat[v]], max_km)
            ids = [u] + [self.node(x, y) for x, y in zip(lo[1:-1], la[1:-1], strict=True)] + [v]
            for a, b in pairwise(ids):
                new_edges.append([a, b])
                new_pass.append(p)
        self.edges, self.passage = new_edges, new_pass

    def dedupe(self) -> int:
        """Drop repeated undirected edges (kept: the first); returns how many went."""
        seen: set[tuple[int, int]] = set()
        keep = []
        for i, (u, v) in enumerate(self.edges):
            k = (min(u, v), max(u, v))
            if k not in seen:
                seen.add(k)
                keep.append(i)
        dropped = len(self.edges) - len(keep)
        self.edges = [self.edges[i] for i in keep]
        self.passage = [self.passage[i] for i in keep]
        return dropped

    def seg(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        u, v = self.edges[i]
        return np.array([self.lon[u], self.lon[v]]), np.array([self.lat[u], self.lat[v]])


#: A line may clip the corner of a 1 km mask cell: runs of at most this many
#: 10 m samples (< 30 m) are below the mask's resolution and not a crossing.
MAX_CLIP_SAMPLES = 2


def _significant(land: np.ndarray) -> np.ndarray:
    """``land`` with runs of at most MAX_CLIP_SAMPLES samples cleared."""
    if not land.any():
        return land
    padded = np.concatenate([[False], land, [False]]).astype(np.int8)
    starts = np.flatnonzero(np.diff(padded) == 1)
    ends = np.flatnonzero(np.diff(padded) == -1)
    out = land.copy()
    for a, b in zip(starts, ends, strict=True):
        if b - a <= MAX_CLIP_SAMPLES:
            out[a:b] = False
    return out


def _in_canal(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    inside = np.zeros(lon.shape, bool)
    for x0, y0, x1, y1 in CANAL_BOXES.values():
        inside |= (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    return inside


def _snap_nodes_to_water(g: Graph) -> int:
    """Move vertices that sit on land (outside canals) to the nearest water cell."""
    lon, lat = np.array(g.lon), np.array(g.lat)
    bad = np.flatnonzero(lm.is_land(lat, lon) & ~_in_canal(lon, lat))
    for i in bad:
        w = lm.Window(lat[i] - 0.3, lat[i] + 0.3, lon[i] - 0.3, lon[i] + 0.3)
        rc = w.nearest_water(w.cell(lat[i], lon[i]), max_cells=30)
        if rc is not None:
            g.lat[i], g.lon[i] = w.center(rc)
    return len(bad)


def _detour(a: LonLat, b: LonLat) -> list[LonLat] | None:
    """Water path between two water points (lon, lat), simplified; None if none found."""
    span = max(abs(a[0] - b[0]), abs(a[1] - b[1]))
    for margin in (max(0.25, 0.5 * span), max(0.6, span), max(1.5, 2 * span)):
        w = lm.Window(
            min(a[1], b[1]) - margin,
            max(a[1], b[1]) + margin,
            min(a[0], b[0]) - margin,
            max(a[0], b[0]) + margin,
        )
        s = w.nearest_water(w.cell(a[1], a[0]), 10)
        t = w.nearest_water(w.cell(b[1], b[0]), 10)
        if s is None or t is None:
            continue
        path = w.water_path(s, t)
        if path is None:
            continue
        pts = [(a[1], a[0]), *(w.center(rc) for rc in path), (b[1], b[0])]
        simple = lm.simplify_path(pts)
        return [(lo, la) for la, lo in simple]
    return None


def _land_runs(land: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """(first, last) sample index of each run of land, merging runs closer than ``gap``."""
    idx = np.flatnonzero(land)
    runs: list[tuple[int, int]] = []
    start = prev = int(idx[0])
    for k in idx[1:]:
        if k - prev > gap:
            runs.append((start, prev))
            start = int(k)
        prev = int(k)
    runs.append((start, prev))
    return runs


def repair_edges(g: Graph, only: set[int] | None = None) -> dict[str, Any]:
    """Re-route every edge (or those in ``only``) that crosses land, in place."""
    moved = _snap_nodes_to_water(g)
    print(f"moved {moved} vertices from land to the nearest water cell")
    repaired: list[dict[str, Any]] = []
    unrepaired: list[dict[str, Any]] = []
    exempt: dict[str, int] = defaultdict(int)
    back = int(8.0 / CHECK_STEP_KM)  # leave the great circle 8 km before the obstacle
    for i in sorted(only) if only is not None else range(len(g.edges)):
        lon, lat = g.seg(i)
        dlon, dlat, flags = lm.line_land_flags(lon, lat, CHECK_STEP_KM)
        land = _significant((flags > 0) & ~_in_canal(dlon, dlat))
        if not land.any():
            if (flags > 0).any() and only is None:
                for name, (x0, y0, x1, y1) in CANAL_BOXES.items():
                    if x0 <= dlon[flags > 0].mean() <= x1 and y0 <= dlat[flags > 0].mean() <= y1:
                        exempt[name] += 1
            continue
        u, v = g.edges[i]
        pieces: list[LonLat] = []
        ok = True
        for r0, r1 in _land_runs(land, gap=int(60.0 / CHECK_STEP_KM)):
            a = max(0, r0 - back)
            b = min(len(dlon) - 1, r1 + back)
            path = _detour((float(dlon[a]), float(dlat[a])), (float(dlon[b]), float(dlat[b])))
            if path is None:
                ok = False
                break
            pieces.extend(path)
        where = {
            "lon": round(float(dlon[land].mean()), 3),
            "lat": round(float(dlat[land].mean()), 3),
        }
        over_km = round(float(land.sum() * CHECK_STEP_KM), 1)
        if not ok:
            # No water path on the mask: a lake or a river narrower than 1 km.
            unrepaired.append({**where, "land_km": over_km, "edge": i})
            continue
        ids = [u] + [g.node(x, y) for x, y in pieces] + [v]
        ids = [k for j, k in enumerate(ids) if j == 0 or k != ids[j - 1]]
        g.edges[i] = [ids[0], ids[1]]
        for a2, b2 in pairwise(ids[1:]):
            g.add_edge(a2, b2, g.passage[i])
        new_km = polyline_km([g.lon[k] for k in ids], [g.lat[k] for k in ids])
        old_km = polyline_km(lon, lat)
        repaired.append(
            {
                **where,
                "land_km": over_km,
                "new_nodes": len(ids) - 2,
                "added_km": round(new_km - old_km, 1),
            }
        )
    remove_edges(g, {int(u["edge"]) for u in unrepaired})
    for u in unrepaired:
        del u["edge"]
    return {"repaired": repaired, "removed_inland": unrepaired, "exempt": dict(exempt)}


def remove_edges(g: Graph, drop: set[int]) -> None:
    keep = [i for i in range(len(g.edges)) if i not in drop]
    g.edges = [g.edges[i] for i in keep]
    g.passage = [g.passage[i] for i in keep]


def _cross(p1: LonLat, p2: LonLat, q1: LonLat, q2: LonLat) -> bool:
    def orient(a: LonLat, b: LonLat, c: LonLat) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


#: Gates are nudged off round coordinates: the input network has vertices on
#: round meridians (e.g. 20 E, 50 S), and a path through a vertex lying on a
#: gate would otherwise cross it without either edge counting.
_GATE_NUDGE = (0.00137, 0.00071)


def label_passages(g: Graph) -> None:
    """Label each edge that crosses a gate line with that passage's index."""
    counts: dict[str, int] = defaultdict(int)
    gates = {
        name: [(x + _GATE_NUDGE[0], y + _GATE_NUDGE[1]) for x, y in pts]
        for name, pts in GATES.items()
    }
    for i, (u, v) in enumerate(g.edges):
        a, b = (g.lon[u], g.lat[u]), (g.lon[v], g.lat[v])
        if abs(a[0] - b[0]) > 180:
            g.passage[i] = -1
            continue
        g.passage[i] = -1
        for k, (name, gate) in enumerate(gates.items()):
            if any(_cross(a, b, gate[j], gate[j + 1]) for j in range(len(gate) - 1)):
                g.passage[i] = k
                counts[name] += 1
                break
    print("passage edges:", dict(counts))
    missing = [p for p in PASSAGES if counts[p] == 0]
    if missing:
        raise SystemExit(f"gates crossed by no edge: {missing}")


def verify(g: Graph, step_km: float = CHECK_STEP_KM) -> list[dict[str, Any]]:
    """Every edge that still crosses land outside the canals."""
    bad: list[dict[str, Any]] = []
    for i in range(len(g.edges)):
        lon, lat = g.seg(i)
        dlon, dlat, flags = lm.line_land_flags(lon, lat, step_km)
        land = _significant((flags > 0) & ~_in_canal(dlon, dlat))
        if land.any():
            bad.append(
                {
                    "lon": round(float(dlon[land].mean()), 3),
                    "lat": round(float(dlat[land].mean()), 3),
                    "land_km": round(float(land.sum() * step_km), 2),
                    "edge": i,
                }
            )
    return bad


def contract(g: Graph) -> dict[str, np.ndarray]:
    """Collapse chains of degree-2 vertices into polyline edges; return packed arrays."""
    adj: dict[int, list[int]] = defaultdict(list)  # node -> edge indices
    for i, (u, v) in enumerate(g.edges):
        adj[u].append(i)
        adj[v].append(i)

    def is_junction(n: int) -> bool:
        inc = adj[n]
        return len(inc) != 2 or n in g.keep or g.passage[inc[0]] != g.passage[inc[1]]

    used = np.zeros(len(g.edges), bool)
    chains: list[tuple[list[int], int]] = []
    for start in sorted(adj):
        if not is_junction(start):
            continue
        for e0 in adj[start]:
            if used[e0]:
                continue
            nodes, e, cur = [start], e0, start
            while True:
                used[e] = True
                u, v = g.edges[e]
                nxt = v if u == cur else u
                nodes.append(nxt)
                if is_junction(nxt):
                    break
                e = next(x for x in adj[nxt] if x != e)
                cur = nxt
            chains.append((nodes, g.passage[e0]))
    if not used.all():
        raise SystemExit(f"{(~used).sum()} edges in isolated cycles were not contracted")
    junctions = sorted({c[0][0] for c in chains} | {c[0][-1] for c in chains})
    new_id = {old: k for k, old in enumerate(junctions)}
    ptr = [0]
    glon: list[float] = []
    glat: list[float] = []
    eu, ev, ekm, ep = [], [], [], []
    for nodes, p in chains:
        lo = [g.lon[n] for n in nodes]
        la = [g.lat[n] for n in nodes]
        eu.append(new_id[nodes[0]])
        ev.append(new_id[nodes[-1]])
        ekm.append(polyline_km(lo, la))
        ep.append(p)
        glon.extend(lo)
        glat.extend(la)
        ptr.append(len(glon))
    return {
        "node_lon": np.array([g.lon[n] for n in junctions]),
        "node_lat": np.array([g.lat[n] for n in junctions]),
        "node_old": np.array(junctions, dtype=np.int64),
        "edge_u": np.array(eu, dtype=np.int32),
        "edge_v": np.array(ev, dtype=np.int32),
        "edge_km": np.array(ekm),
        "edge_passage": np.array(ep, dtype=np.int16),
        "edge_ptr": np.array(ptr, dtype=np.int64),
        "geom_lon": np.round(np.array(glon), 6),
        "geom_lat": np.round(np.array(glat), 6),
        "passage_names": np.array(PASSAGES),
    }


#: Open-ocean shortcuts: great circles between offshore junctions that keep
#: this clearance from land (the input's ocean lanes are coarse polylines).
SHORTCUT_CLEARANCE_KM = 30.0
SHORTCUT_RANGE_KM = (300.0, 2500.0)
SHORTCUT_NEIGHBOURS = 12
MESH_DEG = 2.0
_COARSE = 10  # coarse raster: 10 x 10 mask cells (~9 km)


def _coarse_clearance() -> np.ndarray:
    """Conservative distance to land in km on a ~9 km raster."""
    from scipy import ndimage

    h, w = lm.MASK.shape
    coarse = lm.MASK.reshape(h // _COARSE, _COARSE, w // _COARSE, _COARSE).any(axis=(1, 3))
    cells = ndimage.distance_transform_edt(~coarse)
    lat = 90.0 - (np.arange(coarse.shape[0]) + 0.5) * _COARSE / lm.CELLS_PER_DEG
    km_per_cell = 111.195 * _COARSE / lm.CELLS_PER_DEG * np.cos(np.radians(lat))
    return np.asarray(cells * km_per_cell[:, None])


def add_ocean_shortcuts(g: Graph) -> int:
    """Connect offshore junctions by great circles that stay clear of land."""
    from scipy.spatial import cKDTree

    from corredor.geo import EARTH_RADIUS_KM, haversine_km, to_unit_vectors

    clear = _coarse_clearance()
    deg: dict[int, int] = defaultdict(int)
    for u, v in g.edges:
        deg[u] += 1
        deg[v] += 1
    lat, lon = np.array(g.lat), np.array(g.lon)

    def clearance(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
        r = np.clip(((90.0 - la) * lm.CELLS_PER_DEG / _COARSE).astype(int), 0, clear.shape[0] - 1)
        c = np.clip(((lo + 180.0) * lm.CELLS_PER_DEG / _COARSE).astype(int), 0, clear.shape[1] - 1)
        return np.asarray(clear[r, c])

    # Offshore vertices, thinned to one per lattice cell, form an ocean mesh.
    used = np.array(sorted(deg))
    off = used[
        (np.abs(lat[used]) <= 60.0) & (clearance(lat[used], lon[used]) >= 2 * SHORTCUT_CLEARANCE_KM)
    ]
    cell = np.floor(lat[off] / MESH_DEG).astype(int) * 1000 + np.floor(lon[off] / MESH_DEG).astype(
        int
    )
    _, first = np.unique(cell, return_index=True)
    cand = off[first]
    print(f"  ocean mesh: {cand.size} offshore vertices", flush=True)
    tree = cKDTree(to_unit_vectors(lat[cand], lon[cand]))
    chord = 2 * np.sin(SHORTCUT_RANGE_KM[1] / EARTH_RADIUS_KM / 2)
    existing = {(min(u, v), max(u, v)) for u, v in g.edges}
    added = 0
    for i, n in enumerate(cand):
        dist, idx = tree.query(
            to_unit_vectors(lat[n], lon[n]), k=SHORTCUT_NEIGHBOURS + 1, distance_upper_bound=chord
        )
        for d, j in zip(dist, idx, strict=True):
            if not np.isfinite(d) or j <= i:
                continue
            m = int(cand[j])
            key = (min(int(n), m), max(int(n), m))
            km = float(haversine_km(lat[n], lon[n], lat[m], lon[m]))
            if key in existing or not SHORTCUT_RANGE_KM[0] <= km <= SHORTCUT_RANGE_KM[1]:
                continue
            dlon, dlat = densify([lon[n], lon[m]], [lat[n], lat[m]], 5.0)
            if np.abs(dlat).max() > 62.0 or clearance(dlat, dlon).min() < SHORTCUT_CLEARANCE_KM:
                continue
            existing.add(key)
            g.add_edge(int(n), m)
            added += 1
    return added
