"""The packaged sea network: an immutable CSR graph with ports and passages.

Nodes ``0 .. n_nodes-1`` are network junctions; node ``n_nodes + p`` is port
``p``, which has out-edges (its access legs) and no in-edges, so a port is a
route's source but never a shortcut through a harbour. Destinations are
reached through their access legs, added after the search.

Restrictions (avoided passages, forced passages, draft) never touch the
stored arrays: each distinct restriction set gets its own CSR matrix, built
on first use and kept in a small per-instance cache keyed by the restriction.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corredor.errors import DataError

__all__ = ["Restrictions", "SeaNetwork", "load_sea_network"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_CACHE_SIZE = 32
#: Shortest-path trees kept per (restriction set, origin): repeated origins
#: (a planner's gateways, an API's popular ports) skip the search.
_TREE_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class Restrictions:
    """Per-query rules: passages hidden, passages forced in order."""

    avoid: frozenset[str] = frozenset()
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A CSR graph for one restriction set; ``layers`` > 1 for forced passages."""

    matrix: csr_matrix
    edge_of: IntArray  # CSR data position -> network edge id
    keys: IntArray  # sorted src * n + dst of every CSR entry, to find an edge's position
    layers: int


class SeaNetwork:
    """Immutable sea graph loaded from ``corredor/data/sea_network.npz``."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        def ro(name: str) -> Any:
            a = np.array(arrays[name])
            a.setflags(write=False)
            return a

        self.node_lon: FloatArray = ro("node_lon")
        self.node_lat: FloatArray = ro("node_lat")
        self.edge_u: IntArray = ro("edge_u").astype(np.int64)
        self.edge_v: IntArray = ro("edge_v").astype(np.int64)
        self.edge_km: FloatArray = ro("edge_km")
        self.edge_passage: IntArray = ro("edge_passage").astype(np.int64)
        self.edge_ptr: IntArray = ro("edge_ptr")
        self.geom_lon: FloatArray = ro("geom_lon")
        self.geom_lat: FloatArray = ro("geom_lat")
        self.passage_names: tuple[str, ...] = tuple(str(s) for s in arrays["passage_names"])
        self.port_codes: tuple[str, ...] = tuple(str(s) for s in arrays["port_locode"])
        self.port_lat: FloatArray = ro("port_lat")
        self.port_lon: FloatArray = ro("port_lon")
        self.acc_ptr: IntArray = ro("acc_ptr")
        self.acc_node: IntArray = ro("acc_node").astype(np.int64)
        self.acc_km: FloatArray = ro("acc_km")
        self.acc_gptr: IntArray = ro("acc_gptr")
        self.acc_lon: FloatArray = ro("acc_lon")
        self.acc_lat: FloatArray = ro("acc_lat")
        self.meta: dict[str, Any] = json.loads(str(arrays["meta"]))
        self.n_nodes = int(self.node_lon.size)
        self.n_ports = len(self.port_codes)
        self.port_index: Mapping[str, int] = {c: i for i, c in enumerate(self.port_codes)}
        self.passage_index: Mapping[str, int] = {n: i for i, n in enumerate(self.passage_names)}
        self._lock = threading.Lock()
        self._compiled: OrderedDict[Restrictions, _Compiled] = OrderedDict()
        self._trees: OrderedDict[tuple[Restrictions, int], tuple[FloatArray, IntArray]] = (
            OrderedDict()
        )

    @property
    def n_total(self) -> int:
        """Node count of one layer: junctions plus one source node per port."""
        return self.n_nodes + self.n_ports

    def has_access(self, port: int) -> bool:
        """Whether port ``port`` has at least one verified access leg."""
        return bool(self.acc_ptr[port + 1] > self.acc_ptr[port])

    def access(self, port: int) -> tuple[IntArray, FloatArray]:
        """(network nodes, leg lengths in km) of a port's access legs."""
        a, b = self.acc_ptr[port], self.acc_ptr[port + 1]
        return self.acc_node[a:b], self.acc_km[a:b]

    def access_coords(self, port: int, leg: int) -> FloatArray:
        """(n, 2) lon/lat of access leg ``leg`` of ``port``, from the port outwards."""
        k = int(self.acc_ptr[port]) + leg
        a, b = self.acc_gptr[k], self.acc_gptr[k + 1]
        return np.column_stack([self.acc_lon[a:b], self.acc_lat[a:b]])

    def edge_coords(self, edge: int, forward: bool) -> FloatArray:
        """(n, 2) lon/lat of an edge, oriented u->v when ``forward``."""
        a, b = self.edge_ptr[edge], self.edge_ptr[edge + 1]
        xy = np.column_stack([self.geom_lon[a:b], self.geom_lat[a:b]])
        return xy if forward else xy[::-1]

    def compiled(self, rules: Restrictions) -> _Compiled:
        """The CSR graph for a restriction set (built once, then cached)."""
        with self._lock:
            hit = self._compiled.get(rules)
            if hit is not None:
                self._compiled.move_to_end(rules)
                return hit
        built = self._compile(rules)
        with self._lock:
            self._compiled[rules] = built
            while len(self._compiled) > _CACHE_SIZE:
                self._compiled.popitem(last=False)
        return built

    def tree(self, rules: Restrictions, source: int) -> tuple[FloatArray, IntArray]:
        """Distances and predecessors from node ``source`` (read-only, cached)."""
        key = (rules, source)
        with self._lock:
            hit = self._trees.get(key)
            if hit is not None:
                self._trees.move_to_end(key)
                return hit
        comp = self.compiled(rules)
        dist, pred = dijkstra(comp.matrix, indices=source, return_predecessors=True)
        dist.setflags(write=False)
        pred.setflags(write=False)
        with self._lock:
            self._trees[key] = (dist, pred)
            while len(self._trees) > _TREE_CACHE_SIZE:
                self._trees.popitem(last=False)
        return dist, pred

    def _compile(self, rules: Restrictions) -> _Compiled:
        # Passages the network does not model (e.g. the Northwest Passage) hide nothing.
        ids_avoid = [self.passage_index[p] for p in rules.avoid if p in self.passage_index]
        hidden = np.isin(self.edge_passage, ids_avoid)
        ids = np.flatnonzero(~hidden)
        # Both directions of every allowed edge, then every port's access legs.
        src = np.concatenate([self.edge_u[ids], self.edge_v[ids]])
        dst = np.concatenate([self.edge_v[ids], self.edge_u[ids]])
        w = np.concatenate([self.edge_km[ids], self.edge_km[ids]])
        eid = np.concatenate([ids, ids])
        port_of_leg = np.repeat(np.arange(self.n_ports), np.diff(self.acc_ptr))
        src = np.concatenate([src, self.n_nodes + port_of_leg])
        dst = np.concatenate([dst, self.acc_node])
        w = np.concatenate([w, self.acc_km])
        eid = np.concatenate([eid, -1 - np.arange(self.acc_node.size)])
        n = self.n_total
        layers = len(rules.via) + 1
        if layers > 1:
            src, dst, w, eid = self._layer(src, dst, w, eid, rules.via)
        return _csr(src, dst, w, eid, n * layers, layers)

    def _layer(
        self, src: IntArray, dst: IntArray, w: FloatArray, eid: IntArray, via: tuple[str, ...]
    ) -> tuple[IntArray, IntArray, FloatArray, IntArray]:
        """Stack one copy per forced passage; its edges lead to the next layer."""
        n = self.n_total
        parts = [(src, dst, w, eid)]
        for k in range(1, len(via) + 1):
            parts.append((src + k * n, dst + k * n, w, eid))
            in_passage = (eid >= 0) & (
                self.edge_passage[np.maximum(eid, 0)] == self.passage_index[via[k - 1]]
            )
            parts.append(
                (
                    src[in_passage] + (k - 1) * n,
                    dst[in_passage] + k * n,
                    w[in_passage],
                    eid[in_passage],
                )
            )
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
            np.concatenate([p[3] for p in parts]),
        )


def _csr(
    src: IntArray, dst: IntArray, w: FloatArray, eid: IntArray, n: int, layers: int
) -> _Compiled:
    # Keep the shortest of parallel edges: csr_matrix would otherwise sum them.
    order = np.lexsort((w, dst, src))
    src, dst, w, eid = src[order], dst[order], w[order], eid[order]
    first = np.ones(src.size, bool)
    first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
    src, dst, w, eid = src[first], dst[first], w[first], eid[first]
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    # Zero-length edges would vanish from a sparse matrix; keep them positive.
    matrix = csr_matrix((np.maximum(w, 1e-9), dst, indptr), shape=(n, n))
    return _Compiled(matrix=matrix, edge_of=eid, keys=src * n + dst, layers=layers)


@cache
def load_sea_network() -> SeaNetwork:
    """The packaged sea network (loaded once per process)."""
    try:
        with files("corredor").joinpath("data", "sea_network.npz").open("rb") as fh:
            data = np.load(fh, allow_pickle=False)
            arrays = {k: data[k] for k in data.files}
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise DataError(f"cannot read packaged sea network: {exc}") from None
    return SeaNetwork(arrays)
