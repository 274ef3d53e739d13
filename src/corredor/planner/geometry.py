"""GeoJSON of itineraries: one LineString feature per moving leg.

Sea legs follow the sea network through every port the service calls
(``Leg.stops``); land legs are straight segments between the land network's
nodes (the packaged network stores no road alignment); air legs are great
circles. Lines crossing ±180° are split (RFC 7946 section 3.1.9).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np

from corredor.errors import NoRouteError
from corredor.geo import densify, geojson_line
from corredor.land import load_land_network
from corredor.planner.records import Comparison, Itinerary, Leg
from corredor.reference import load_ports
from corredor.sea import sea_route

__all__ = ["comparison_geojson", "itineraries_geojson", "leg_coordinates"]


@cache
def _sea_path(a: str, b: str) -> np.ndarray:
    return np.asarray(sea_route(a, b).coordinates)


def _point(code: str) -> tuple[float, float]:
    ports = load_ports()
    if code in ports:
        p = ports[code]
        return p.lon, p.lat
    net = load_land_network()
    node = net.node(code)
    return node.lon, node.lat


def _airport(code: str) -> tuple[float, float]:
    from corredor.air import load_airports

    a = load_airports()[code]
    return a.lon, a.lat


def leg_coordinates(leg: Leg) -> np.ndarray | None:
    """``(n, 2)`` lon/lat of a moving leg, or ``None`` for a stay (port, hub, wait)."""
    if leg.distance_km <= 0:
        return None
    if leg.mode == "sea":
        calls = (leg.origin, *leg.stops, leg.destination)
        try:
            pieces = [_sea_path(a, b) for a, b in pairwise(calls)]
        except NoRouteError:  # as the leg's distance: pol -> pod if a call is unroutable
            pieces = [_sea_path(leg.origin, leg.destination)]
        return np.concatenate([pieces[0], *(p[1:] for p in pieces[1:])])
    if leg.mode == "air":
        stops = np.array([_airport(c) for c in (leg.origin, *leg.stops, leg.destination)])
        lon, lat = densify(stops[:, 0], stops[:, 1], 100.0)
        return np.column_stack([lon, lat])
    a, b = _point(leg.origin), _point(leg.destination)
    return np.array([a, b], dtype=float)


def _features(it: Itinerary, index: int, role: str) -> list[dict[str, Any]]:
    out = []
    for k, leg in enumerate(it.legs):
        coords = leg_coordinates(leg)
        if coords is None:
            continue
        props = {
            "itinerary": index,
            "role": role,
            "label": it.label,
            "gateway": it.gateway,
            "leg": k,
            **{key: v for key, v in leg.to_dict().items() if key not in ("detail", "source_ids")},
        }
        out.append({"type": "Feature", "geometry": geojson_line(coords), "properties": props})
    return out


def itineraries_geojson(
    itineraries: Iterable[Itinerary], *, roles: Sequence[str] | None = None
) -> dict[str, Any]:
    """A FeatureCollection of the moving legs of ``itineraries``.

    Each feature's properties hold the itinerary index, its ``role`` (``"pareto"``
    unless given), label, gateway and the leg's JSON fields (mode, from, to,
    distance_km, days, cost_usd, co2e_kg, component, stops).
    """
    its = list(itineraries)
    names = list(roles) if roles is not None else ["pareto"] * len(its)
    features = [
        f for i, (it, r) in enumerate(zip(its, names, strict=True)) for f in _features(it, i, r)
    ]
    return {"type": "FeatureCollection", "features": features}


def comparison_geojson(comparison: Comparison) -> dict[str, Any]:
    """Both itineraries of a comparison, with roles ``with`` and ``without``."""
    return itineraries_geojson([comparison.with_, comparison.without], roles=["with", "without"])
