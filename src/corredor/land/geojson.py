"""GeoJSON exchange: user networks in, the packaged (or any) network out.

Input: a FeatureCollection of ``Point`` features (nodes; properties ``id``
required, plus ``name``, ``country``, ``kind``, ``locode``, ``iata``,
``aliases``, ``source``, ``assumption``) and ``LineString`` features (edges;
properties ``from``, ``to``, ``mode``, ``speed_kmh`` or ``hours``, optional
``distance_km`` — else the line's great-circle length — ``notes``, ``source``,
``assumption``). Edge endpoints must be node ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from corredor.errors import DataError
from corredor.geo import polyline_km
from corredor.land._data import parse_edges, parse_nodes
from corredor.land.network import LandNetwork

__all__ = ["network_from_geojson", "network_to_geojson"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def network_from_geojson(data: dict[str, Any] | str | Path, name: str = "geojson") -> LandNetwork:
    """Build a :class:`LandNetwork` from a GeoJSON FeatureCollection (dict or file path).

    Raises
    ------
    DataError
        Not a FeatureCollection, unsupported geometry, or a malformed property
        (the message names the feature as ``row`` = feature index + 2).
    """
    label = name
    if not isinstance(data, dict):
        path = Path(str(data))
        label = path.name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"cannot read GeoJSON {path}: {exc}", argument=str(path)) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataError(f"{label}: expected a GeoJSON FeatureCollection", argument="data")
    node_rows: list[dict[str, str]] = []
    edge_rows: list[dict[str, str]] = []
    for k, feat in enumerate(data.get("features") or []):
        geom = (feat or {}).get("geometry") or {}
        props = {str(a): _cell(b) for a, b in ((feat or {}).get("properties") or {}).items()}
        kind = geom.get("type")
        coords: Any = geom.get("coordinates")
        try:
            if kind == "Point":
                lon, lat = float(coords[0]), float(coords[1])
                props.update(lon=repr(lon), lat=repr(lat))
                props.setdefault("name", props.get("id", ""))
                props.setdefault("kind", "city")
                props.setdefault("source", "user GeoJSON")
                props.setdefault("assumption", "false")
                node_rows.append(props)
            elif kind == "LineString":
                xy = np.asarray(coords, dtype=float)
                if not props.get("distance_km"):
                    props["distance_km"] = repr(polyline_km(xy[:, 0], xy[:, 1]))
                props.setdefault("source", "user GeoJSON")
                props.setdefault("assumption", "false")
                edge_rows.append(props)
            else:
                raise DataError(
                    f"{label} feature {k}: geometry must be Point or LineString, got {kind!r}",
                    argument="geometry",
                )
        except (TypeError, ValueError, IndexError):
            raise DataError(
                f"{label} feature {k}: malformed coordinates", argument="coordinates"
            ) from None
    for col in ("id", "country"):
        for k, row in enumerate(node_rows):
            if col not in row:
                raise DataError(f"{label} node {k}: missing property {col!r}", argument=col)
    nodes = parse_nodes(node_rows, f"{label} (Point features)")
    edges = parse_edges(edge_rows, f"{label} (LineString features)", {n.id for n in nodes})
    return LandNetwork(nodes, edges, name=name)


def network_to_geojson(network: LandNetwork) -> dict[str, Any]:
    """FeatureCollection with one Point per node and one straight LineString per edge.

    The output reads back with :func:`network_from_geojson` into an
    equivalent network (same ids, modes, distances and times).
    """
    feats: list[dict[str, Any]] = []
    for n in network.nodes:
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [n.lon, n.lat]},
                "properties": {
                    "id": n.id,
                    "name": n.name,
                    "country": n.country,
                    "kind": n.kind,
                    "locode": n.locode,
                    "iata": list(n.iata),
                    "aliases": list(n.aliases),
                    "source": n.source,
                    "assumption": n.assumption,
                },
            }
        )
    for e in network.edges:
        a, b = network.nodes[network.index[e.u]], network.nodes[network.index[e.v]]
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
                "properties": {
                    "from": e.u,
                    "to": e.v,
                    "mode": e.mode,
                    "distance_km": e.distance_km,
                    "hours": e.hours,
                    "notes": e.notes,
                    "source": e.source,
                    "assumption": e.assumption,
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}
