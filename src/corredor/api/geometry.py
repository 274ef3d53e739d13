"""Map geometry of planner results, for the web page (GeoJSON, antimeridian-safe).

Land legs are drawn as straight segments between the land-network nodes
they join; sea legs as the shortest sea route between their two ports
(intermediate calls of a liner service are not drawn). Numbers stay those of
the planner: the geometry only illustrates an itinerary.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from corredor.errors import CorredorError
from corredor.geo import geojson_line
from corredor.land import load_land_network
from corredor.reference import load_ports
from corredor.sea import sea_route

__all__ = ["itinerary_feature", "place_point"]


def place_point(place: str) -> tuple[float, float] | None:
    """``(lon, lat)`` of a land node id or a port UN/LOCODE, ``None`` if neither."""
    net = load_land_network()
    if place in net.index:
        row = net.nodes[net.index[place]]
        return row.lon, row.lat
    port = load_ports().get(place)
    return (port.lon, port.lat) if port is not None else None


def _leg_coordinates(leg: dict[str, Any]) -> list[list[float]]:
    a, b = leg["from"], leg["to"]
    if a == b:
        return []
    if leg["mode"] == "sea":
        try:
            coords = np.asarray(sea_route(a, b).coordinates, dtype=np.float64)
        except CorredorError:
            coords = np.empty((0, 2))
        if coords.size:
            return [[float(x), float(y)] for x, y in coords]
    pa, pb = place_point(a), place_point(b)
    if pa is None or pb is None:
        return []
    return [[pa[0], pa[1]], [pb[0], pb[1]]]


def itinerary_feature(itinerary: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A GeoJSON Feature of an ``Itinerary.to_dict()``: MultiLineString, one line per leg.

    ``properties`` carries the itinerary's totals (not its legs) and ``extra``.
    """
    lines: list[list[list[float]]] = []
    for leg in itinerary["legs"]:
        coords = _leg_coordinates(leg)
        if len(coords) < 2:
            continue
        geom = geojson_line(np.asarray(coords, dtype=np.float64))
        if geom["type"] == "LineString":
            lines.append(geom["coordinates"])
        else:
            lines.extend(geom["coordinates"])
    props = {k: v for k, v in itinerary.items() if k != "legs"}
    props.update(extra)
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "MultiLineString", "coordinates": lines},
    }
