"""Port-to-port sea routing: thin public functions over one private engine."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse.csgraph import dijkstra

from corredor._validate import finite_in_range
from corredor.errors import NoRouteError
from corredor.geo import KM_PER_NM
from corredor.reference import Port, get_passage, load_passages, load_ports
from corredor.sea.network import Restrictions, SeaNetwork, _Compiled, load_sea_network
from corredor.sea.result import SeaRoute

__all__ = ["DEFAULT_SPEED_KN", "distance_matrix", "resolve_restrictions", "sea_route"]

#: Typical container-ship service speed on long-haul trades (slow steaming);
#: an assumption, overridable per call.
DEFAULT_SPEED_KN = 17.0


def _check_speed(speed_kn: float) -> float:
    return finite_in_range(speed_kn, "speed_kn", 0.0, 40.0, "a number of knots in (0, 40]")


def _check_draft(max_draft_m: float | None) -> float | None:
    if max_draft_m is None:
        return None
    return finite_in_range(max_draft_m, "max_draft_m", 0.0, 30.0, "metres in (0, 30]")


def _names(values: Iterable[str] | str, argument: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    return [get_passage(v, argument).name for v in values]


#: Passages avoided unless named in ``via``: routes through the Bering Strait
#: are the Arctic routes (Northwest Passage, Northern Sea Route), ice-bound from
#: about November to June and open to ice-class ships only (passages.csv notes);
#: searoute likewise avoids the Northwest Passage by default.
SEASONAL_PASSAGES = frozenset({"bering"})


def resolve_restrictions(
    avoid: Iterable[str] | str = (), via: Iterable[str] | str = (), max_draft_m: float | None = None
) -> Restrictions:
    """Validate restrictions; passages too shallow for ``max_draft_m`` are avoided.

    The seasonal Arctic passages (:data:`SEASONAL_PASSAGES`) are avoided too
    unless required with ``via``.

    Raises
    ------
    UnknownCodeError
        A passage name is not known.
    NoRouteError
        A passage is both avoided and forced, or forced but too shallow.
    """
    avoid_l, via_l = _names(avoid, "avoid"), _names(via, "via")
    draft = _check_draft(max_draft_m)
    both = sorted(set(avoid_l) & set(via_l))
    if both:
        raise NoRouteError(f"passage(s) {', '.join(both)} both avoided and required (via)")
    shallow = {
        p.name
        for p in load_passages().values()
        if draft is not None and p.max_draft_m is not None and draft > p.max_draft_m
    }
    blocked = [p for p in via_l if p in shallow]
    if blocked:
        limits = ", ".join(f"{p} {load_passages()[p].max_draft_m} m" for p in blocked)
        raise NoRouteError(
            f"max_draft_m={draft} exceeds the draft limit of required via ({limits})"
        )
    seasonal = SEASONAL_PASSAGES - set(via_l)
    return Restrictions(avoid=frozenset(avoid_l) | frozenset(shallow) | seasonal, via=tuple(via_l))


def _port_for(code: object, argument: str, draft: float | None, net: SeaNetwork) -> Port:
    port = load_ports().get_port(code, argument)
    if draft is not None and port.max_draft_m is not None and draft > port.max_draft_m:
        raise NoRouteError(
            f"{argument} {port.locode} ({port.name}) admits a draft of {port.max_draft_m} m,"
            f" less than max_draft_m={draft}"
        )
    idx = net.port_index.get(port.locode)
    if idx is None or not net.has_access(idx):
        raise NoRouteError(
            f"{argument} {port.locode} ({port.name}) has no verified sea access on the network"
            " (inland or river port narrower than the 1 km land mask)"
        )
    return port


def _check_modelled(rules: Restrictions, net: SeaNetwork) -> None:
    missing = [p for p in rules.via if p not in net.passage_index]
    if missing:
        raise NoRouteError(f"via passage(s) {', '.join(missing)} not modelled by the sea network")


def _describe(rules: Restrictions, draft: float | None) -> str:
    bits = []
    if rules.avoid:
        bits.append(f"avoid={sorted(rules.avoid)}")
    if rules.via:
        bits.append(f"via={list(rules.via)}")
    if draft is not None:
        bits.append(f"max_draft_m={draft}")
    return ", ".join(bits) or "no restrictions"


def sea_route(
    origin: str,
    destination: str,
    *,
    avoid: Iterable[str] | str = (),
    via: Iterable[str] | str = (),
    max_draft_m: float | None = None,
    speed_kn: float = DEFAULT_SPEED_KN,
    network: SeaNetwork | None = None,
) -> SeaRoute:
    """Shortest sea route between two ports given by UN/LOCODE.

    Parameters
    ----------
    origin, destination
        UN/LOCODEs, e.g. ``"PECHY"`` (Chancay) and ``"CNSHA"`` (Shanghai).
    avoid
        Passage names the route must not use (``"panama"``, ``"suez"`` ...).
    via
        Passage names the route must use, in this order.
    max_draft_m
        Ship draft; passages and ports with a smaller limit are unusable.
    speed_kn
        Sailing speed used for ``sailing_days``.
    network
        Another :class:`SeaNetwork` (tests); defaults to the packaged one.

    Returns
    -------
    SeaRoute
        Distance, passages in order, geometry and days.

    Raises
    ------
    UnknownPortError, UnknownCodeError, InvalidInputError, NoRouteError
    """
    net = network or load_sea_network()
    speed = _check_speed(speed_kn)
    draft = _check_draft(max_draft_m)
    rules = resolve_restrictions(avoid, via, draft)
    _check_modelled(rules, net)
    o = _port_for(origin, "origin", draft, net)
    d = _port_for(destination, "destination", draft, net)
    return _route(net, o, d, rules, draft, speed)


def _route(
    net: SeaNetwork, o: Port, d: Port, rules: Restrictions, draft: float | None, speed: float
) -> SeaRoute:
    comp = net.compiled(rules)
    oi, di = net.port_index[o.locode], net.port_index[d.locode]
    if oi == di and not rules.via:
        return SeaRoute.build(net, o, d, [], [], 0.0, speed, rules, draft)
    src = net.n_nodes + oi
    dist, pred = net.tree(rules, src)
    last = (comp.layers - 1) * net.n_total
    nodes, legs_km = net.access(di)
    total = dist[last + nodes] + legs_km
    k = int(np.argmin(total))
    if not math.isfinite(float(total[k])):
        raise NoRouteError(
            f"no sea route from {o.locode} to {d.locode} with {_describe(rules, draft)}"
        )
    path = [int(last + nodes[k])]
    while path[-1] != src:
        path.append(int(pred[path[-1]]))
    path.reverse()
    edges = _path_edges(comp, path)
    return SeaRoute.build(net, o, d, path, edges, float(total[k]), speed, rules, draft)


def _path_edges(comp: _Compiled, path: Sequence[int]) -> list[int]:
    """Edge ids along a node path (negative ids are access legs)."""
    p = np.asarray(path, dtype=np.int64)
    n = comp.matrix.shape[0]
    pos = np.searchsorted(comp.keys, p[:-1] * n + p[1:])
    return [int(e) for e in comp.edge_of[pos]]


def distance_matrix(
    origins: Sequence[str],
    destinations: Sequence[str] | None = None,
    *,
    avoid: Iterable[str] | str = (),
    via: Iterable[str] | str = (),
    max_draft_m: float | None = None,
    network: SeaNetwork | None = None,
) -> np.ndarray:
    """Sea distances in nautical miles between many ports at once.

    One multi-source Dijkstra over all origins, then a vectorised minimum
    over each destination's access legs: no per-pair Python loop.

    Returns
    -------
    numpy.ndarray
        ``(len(origins), len(destinations))`` in nm; ``inf`` where no route
        exists under the restrictions.
    """
    net = network or load_sea_network()
    draft = _check_draft(max_draft_m)
    rules = resolve_restrictions(avoid, via, draft)
    _check_modelled(rules, net)
    dests = list(origins) if destinations is None else list(destinations)
    oi = np.array([net.port_index[_port_for(c, "origins", draft, net).locode] for c in origins])
    di = np.array([net.port_index[_port_for(c, "destinations", draft, net).locode] for c in dests])
    if oi.size == 0 or di.size == 0:
        return np.zeros((oi.size, di.size))
    comp = net.compiled(rules)
    uniq, inv = np.unique(oi, return_inverse=True)
    dist = dijkstra(comp.matrix, indices=net.n_nodes + uniq)
    last = (comp.layers - 1) * net.n_total
    starts, ends = net.acc_ptr[di], net.acc_ptr[di + 1]
    cols = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)])
    per_leg = dist[:, last + net.acc_node[cols]] + net.acc_km[cols]
    best = np.minimum.reduceat(per_leg, np.cumsum(np.r_[0, (ends - starts)[:-1]]), axis=1)
    out = best[inv] / KM_PER_NM
    if not rules.via:
        out[oi[:, None] == di[None, :]] = 0.0
    return np.asarray(out)
