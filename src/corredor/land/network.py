"""The land corridor graph: immutable arrays, per-call exclusions, CSR + Dijkstra.

Edges are undirected road/rail/barge links. A query never touches the stored
arrays: each (weight, excluded modes, excluded nodes) combination compiles its
own CSR matrix, kept in a small per-instance LRU cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corredor.errors import InvalidInputError, NoRouteError, UnknownCodeError
from corredor.geo import haversine_km, validate_lat_lon
from corredor.land._data import MODES, EdgeRow, NodeRow
from corredor.land.places import PlaceIndex
from corredor.land.route import LandLeg, LandRoute, LandTable

__all__ = ["LandNetwork", "Weight"]

Weight = Literal["hours", "distance"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_CACHE_SIZE = 32


@dataclass(frozen=True, slots=True)
class _Compiled:
    matrix: csr_matrix  # primary weight, min over parallel edges
    keys: IntArray  # sorted src * n + dst of every kept arc
    edge_of: IntArray  # edge id per key


def _ro(a: npt.ArrayLike, dtype: type) -> Any:
    arr: Any = np.array(a, dtype=dtype)
    arr.setflags(write=False)
    return arr


class LandNetwork:
    """Immutable land graph built from validated node and edge rows."""

    def __init__(
        self, nodes: Sequence[NodeRow], edges: Sequence[EdgeRow], name: str = "land"
    ) -> None:
        self.name = name
        self.nodes: tuple[NodeRow, ...] = tuple(nodes)
        self.edges: tuple[EdgeRow, ...] = tuple(edges)
        self.ids: tuple[str, ...] = tuple(n.id for n in self.nodes)
        self.index: Mapping[str, int] = {nid: i for i, nid in enumerate(self.ids)}
        self.node_lat: FloatArray = _ro([n.lat for n in self.nodes], np.float64)
        self.node_lon: FloatArray = _ro([n.lon for n in self.nodes], np.float64)
        self.edge_u: IntArray = _ro([self.index[e.u] for e in self.edges], np.int64)
        self.edge_v: IntArray = _ro([self.index[e.v] for e in self.edges], np.int64)
        self.edge_km: FloatArray = _ro([e.distance_km for e in self.edges], np.float64)
        self.edge_hours: FloatArray = _ro([e.hours for e in self.edges], np.float64)
        self.edge_mode: IntArray = _ro([MODES.index(e.mode) for e in self.edges], np.int64)
        self.places = PlaceIndex(self.nodes)
        self.port_nodes: Mapping[str, str] = {n.locode: n.id for n in self.nodes if n.locode}
        self._lock = threading.Lock()
        self._compiled: OrderedDict[tuple[str, frozenset[str], frozenset[int]], _Compiled] = (
            OrderedDict()
        )

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.ids)

    def __repr__(self) -> str:
        return f"LandNetwork({self.name!r}, nodes={self.n_nodes}, edges={len(self.edges)})"

    # -- places -----------------------------------------------------------------

    def resolve(self, place: str, argument: str = "place") -> str:
        """Node id for an id, name, alias, "City, CC", UN/LOCODE or IATA code."""
        return self.places.resolve(place, argument)

    def node(self, place: str) -> NodeRow:
        """The node row of a place (any spelling :meth:`resolve` accepts)."""
        return self.nodes[self.index[self.resolve(place)]]

    def port_node(self, locode: str) -> str:
        """Node id of the port with UN/LOCODE ``locode``."""
        code = locode.strip().upper() if isinstance(locode, str) else ""
        if code not in self.port_nodes:
            close = process.extract(code, tuple(self.port_nodes), limit=3, score_cutoff=60)
            raise UnknownCodeError("locode", str(locode), [str(c[0]) for c in close], what="port")
        return self.port_nodes[code]

    def nearest_node(self, lat: float, lon: float, *, kinds: Iterable[str] | None = None) -> str:
        """Id of the node closest (great circle) to a point, optionally of given kinds."""
        la, lo = validate_lat_lon(lat, lon)
        d = haversine_km(la, lo, self.node_lat, self.node_lon)
        if kinds is not None:
            wanted = set(kinds)
            mask = np.array([n.kind in wanted for n in self.nodes])
            if not mask.any():
                raise InvalidInputError(
                    "kinds", "node kinds present in the network", sorted(wanted)
                )
            d = np.where(mask, d, np.inf)
        return self.ids[int(np.argmin(d))]

    # -- compiled graphs --------------------------------------------------------

    def _modes(self, exclude_modes: Iterable[str]) -> frozenset[str]:
        if isinstance(exclude_modes, str):
            exclude_modes = (exclude_modes,)
        out = frozenset(exclude_modes)
        for mode in out:
            if mode not in MODES:
                raise UnknownCodeError("exclude_modes", str(mode), list(MODES), what="mode")
        return out

    def _compile(self, weight: Weight, modes: frozenset[str], hidden: frozenset[int]) -> _Compiled:
        key = (weight, modes, hidden)
        with self._lock:
            hit = self._compiled.get(key)
            if hit is not None:
                self._compiled.move_to_end(key)
                return hit
        keep = ~np.isin(self.edge_mode, [MODES.index(m) for m in modes])
        if hidden:
            ids = list(hidden)
            keep &= ~np.isin(self.edge_u, ids) & ~np.isin(self.edge_v, ids)
        eid = np.flatnonzero(keep)
        w = self.edge_hours if weight == "hours" else self.edge_km
        src = np.concatenate([self.edge_u[eid], self.edge_v[eid]])
        dst = np.concatenate([self.edge_v[eid], self.edge_u[eid]])
        ww = np.concatenate([w[eid], w[eid]])
        ee = np.concatenate([eid, eid])
        n = self.n_nodes
        # Parallel edges (e.g. road and rail between the same cities): keep the
        # cheapest per arc, because csr_matrix would otherwise sum them.
        order = np.lexsort((ww, src * n + dst))
        k = (src * n + dst)[order]
        first = np.ones(k.size, dtype=bool)
        first[1:] = k[1:] != k[:-1]
        sel = order[first]
        matrix = csr_matrix((ww[sel], (src[sel], dst[sel])), shape=(n, n))
        built = _Compiled(matrix, k[first].astype(np.int64), ee[sel].astype(np.int64))
        with self._lock:
            self._compiled[key] = built
            while len(self._compiled) > _CACHE_SIZE:
                self._compiled.popitem(last=False)
        return built

    def _prepare(
        self, weight: str, exclude_modes: Iterable[str], exclude_nodes: Iterable[str]
    ) -> _Compiled:
        if weight not in ("hours", "distance"):
            raise InvalidInputError("weight", "'hours' or 'distance'", weight)
        if isinstance(exclude_nodes, str):
            exclude_nodes = (exclude_nodes,)
        hidden = frozenset(self.index[self.resolve(p, "exclude_nodes")] for p in exclude_nodes)
        return self._compile(weight, self._modes(exclude_modes), hidden)  # type: ignore[arg-type]

    def _edge_ids(self, comp: _Compiled, src: IntArray, dst: IntArray) -> IntArray:
        pos = np.searchsorted(comp.keys, src * self.n_nodes + dst)
        return comp.edge_of[pos]

    # -- queries ----------------------------------------------------------------

    def route(
        self,
        origin: str,
        destination: str,
        *,
        weight: Weight = "hours",
        exclude_modes: Iterable[str] = (),
        exclude_nodes: Iterable[str] = (),
    ) -> LandRoute:
        """Shortest path by time (``weight="hours"``) or length (``"distance"``).

        Parameters
        ----------
        origin, destination
            Any spelling :meth:`resolve` accepts (id, name, alias, "City, CC",
            UN/LOCODE, IATA).
        weight
            What to minimise.
        exclude_modes
            Modes whose edges are hidden for this call only (e.g. ``("rail",)``).
        exclude_nodes
            Places to avoid (e.g. a border crossing), for this call only.

        Raises
        ------
        UnknownCodeError
            Unknown place or mode.
        NoRouteError
            The exclusions disconnect origin and destination.
        """
        a = self.index[self.resolve(origin, "origin")]
        b = self.index[self.resolve(destination, "destination")]
        comp = self._prepare(weight, exclude_modes, exclude_nodes)
        if a == b:
            return LandRoute(self.ids[a], self.ids[b], weight, ())
        dist, pred = dijkstra(comp.matrix, indices=a, return_predecessors=True)
        if not np.isfinite(dist[b]):
            raise NoRouteError(
                f"no land route from {self.ids[a]!r} to {self.ids[b]!r} with the given exclusions",
                argument="destination",
            )
        path = [b]
        while path[-1] != a:
            path.append(int(pred[path[-1]]))
        path.reverse()
        src, dst = np.array(path[:-1], np.int64), np.array(path[1:], np.int64)
        legs = tuple(
            LandLeg(
                mode=MODES[int(self.edge_mode[e])],
                origin=self.ids[int(s)],
                destination=self.ids[int(d)],
                distance_km=float(self.edge_km[e]),
                hours=float(self.edge_hours[e]),
                source_rows=(self.edges[e].source_row,),
                assumption=self.edges[e].assumption,
            )
            for s, d, e in zip(src, dst, self._edge_ids(comp, src, dst), strict=True)
        )
        return LandRoute(self.ids[a], self.ids[b], weight, legs)

    def table(
        self,
        origins: Sequence[str],
        destinations: Sequence[str],
        *,
        weight: Weight = "hours",
        exclude_modes: Iterable[str] = (),
        exclude_nodes: Iterable[str] = (),
    ) -> LandTable:
        """Distance and time matrices (origins x destinations) in one Dijkstra call.

        The secondary metric is summed along the shortest-path trees by pointer
        jumping over the predecessor arrays, so no Python loop runs per node.
        """
        if isinstance(origins, str) or isinstance(destinations, str):
            raise InvalidInputError(
                "origins/destinations", "sequences of places", (origins, destinations)
            )
        oi = np.array([self.index[self.resolve(p, "origins")] for p in origins], np.int64)
        di = np.array([self.index[self.resolve(p, "destinations")] for p in destinations], np.int64)
        comp = self._prepare(weight, exclude_modes, exclude_nodes)
        n = self.n_nodes
        if oi.size == 0:
            empty = np.zeros((0, di.size))
            return LandTable((), tuple(self.ids[i] for i in di), weight, empty, empty.copy())
        dist, pred = dijkstra(comp.matrix, indices=oi, return_predecessors=True)
        dist = np.atleast_2d(dist)
        pred = np.atleast_2d(pred).astype(np.int64)
        # Secondary weight of the arc pred -> node (0 at roots and unreachable nodes).
        nodes = np.broadcast_to(np.arange(n), pred.shape)
        has = pred >= 0
        other = np.zeros(pred.shape)
        eids = self._edge_ids(comp, pred[has], nodes[has])
        other[has] = (self.edge_km if weight == "hours" else self.edge_hours)[eids]
        ptr = np.where(has, pred, nodes)
        rows = np.arange(pred.shape[0])[:, None]
        for _ in range(max(1, int(np.ceil(np.log2(n))) + 1)):
            other = other + np.where(ptr != nodes, other[rows, ptr], 0.0)
            ptr = ptr[rows, ptr]
        other = np.where(np.isfinite(dist), other, np.inf)
        primary, secondary = dist[:, di], other[:, di]
        km, hours = (secondary, primary) if weight == "hours" else (primary, secondary)
        for arr in (km, hours):
            arr.setflags(write=False)
        return LandTable(
            tuple(self.ids[i] for i in oi), tuple(self.ids[i] for i in di), weight, km, hours
        )
