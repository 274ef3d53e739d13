"""Endpoints over the reference data and the sea network: ports, places, route, sources.

Each endpoint parses its parameters, calls the layer that owns the
computation and returns that layer's ``to_dict()`` form.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from rapidfuzz import fuzz, process

from corredor.api.cache import json_response
from corredor.api.models import (
    CommodityOut,
    ErrorOut,
    FeatureCollectionOut,
    PlaceOut,
    PortOut,
    RouteOut,
    ScenariosOut,
    SourceOut,
)
from corredor.land import load_land_network
from corredor.land.places import normalise
from corredor.reference import list_sources, load_ports
from corredor.sea import DEFAULT_SPEED_KN, sea_route

__all__ = ["router"]

router = APIRouter()

#: Error bodies shown in the OpenAPI document.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "unknown code (the body names the field)"},
    422: {"model": ErrorOut, "description": "invalid value (the body names the field)"},
    400: {"model": ErrorOut, "description": "no route or other refused request"},
}

Text = Annotated[str, Query(min_length=1, max_length=100, description="part of a name or code")]
Limit = Annotated[int, Query(ge=1, le=200, description="maximum results")]
Code = Annotated[str, Query(min_length=1, max_length=64)]
Passages = Annotated[list[str], Query(max_length=10)]


@router.get("/ports", response_model=list[PortOut], tags=["reference"], responses=ERRORS)
def ports_search(
    q: Annotated[
        str | None, Query(max_length=100, description="name or UN/LOCODE; omit for curated ports")
    ] = None,
    limit: Limit = 10,
) -> list[dict[str, Any]]:
    """Find seaports by name or UN/LOCODE (fuzzy, best first) - ``corredor ports search``."""
    table = load_ports()
    if q is None or not q.strip():
        found = [p for p in table.values() if p.curated][:limit]
    else:
        found = table.search(q, limit=limit)
    return [asdict(p) for p in found]


@router.get("/ports/{locode}", response_model=PortOut, tags=["reference"], responses=ERRORS)
def port_show(
    locode: Annotated[str, Path(min_length=1, max_length=64, description="UN/LOCODE")],
) -> dict[str, Any]:
    """One port with its source - ``corredor ports show``."""
    return asdict(load_ports().get_port(locode, "locode"))


@cache
def _place_rows() -> tuple[tuple[dict[str, Any], str], ...]:
    """Every land-network node as a response row and its normalised search text."""
    out = []
    for n in load_land_network().nodes:
        row = {
            "id": n.id,
            "name": n.name,
            "country": n.country,
            "kind": n.kind,
            "lat": n.lat,
            "lon": n.lon,
            "locode": n.locode,
            "label": f"{n.name}, {n.country}",
        }
        text = normalise(" ".join([n.id, n.name, n.country, n.locode, *n.iata, *n.aliases]))
        out.append((row, text))
    return tuple(out)


@router.get("/places", response_model=list[PlaceOut], tags=["reference"], responses=ERRORS)
def places_search(
    q: Annotated[
        str | None, Query(max_length=100, description="part of a place name; omit for all")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    """Places a shipment can start from (land network: regions, cities, ports)."""
    rows = _place_rows()
    if q is None or not q.strip():
        return [r for r, _ in rows][:limit]
    key = normalise(q)
    hits = [r for r, text in rows if key in text]
    if len(hits) < limit:
        fuzzy = process.extract(
            key, [t for _, t in rows], scorer=fuzz.partial_ratio, limit=limit, score_cutoff=75
        )
        hits += [rows[i][0] for _, _, i in fuzzy if rows[i][0] not in hits]
    return hits[:limit]


@router.get(
    "/route",
    response_model=RouteOut | FeatureCollectionOut,
    tags=["routing"],
    responses=ERRORS,
)
async def route(
    request: Request,
    origin: Annotated[str, Query(min_length=1, max_length=64, description="UN/LOCODE, e.g. PECHY")],
    destination: Annotated[
        str, Query(min_length=1, max_length=64, description="UN/LOCODE, e.g. CNSHA")
    ],
    avoid: Annotated[list[str] | None, Query(max_length=10, description="passages")] = None,
    via: Annotated[list[str] | None, Query(max_length=10, description="passages")] = None,
    speed: Annotated[
        float, Query(gt=0, le=40, allow_inf_nan=False, description="knots")
    ] = DEFAULT_SPEED_KN,
    max_draft: Annotated[
        float | None, Query(gt=0, le=30, allow_inf_nan=False, description="ship draft, metres")
    ] = None,
    format: Annotated[Literal["json", "geojson"], Query()] = "json",
) -> Response:
    """Shortest sea route between two ports - the JSON of ``corredor route --format json``.

    Query parameters are the CLI's: ``avoid`` and ``via`` repeat
    (``?avoid=panama&avoid=suez``); ``format=geojson`` gives a FeatureCollection.
    """
    key = ("route", origin, destination, tuple(avoid or ()), tuple(via or ()), speed, max_draft)

    def render() -> dict[str, Any]:
        r = sea_route(
            origin,
            destination,
            avoid=avoid or (),
            via=via or (),
            max_draft_m=max_draft,
            speed_kn=speed,
        )
        if format == "geojson":  # corredor route --format geojson
            return {"type": "FeatureCollection", "features": [r.to_feature()]}
        return r.to_dict()  # corredor route --format json

    return await json_response(request, (*key, format), render)


@router.get("/commodities", response_model=list[CommodityOut], tags=["reference"])
def commodities() -> list[dict[str, Any]]:
    """Commodities the planner knows (key, name, HS code, reefer, shelf life)."""
    from corredor.commodities import load_commodities

    return [
        {
            "key": c.key,
            "name": c.name,
            "hs_code": c.hs_code,
            "reefer": c.reefer,
            "shelf_life_days_normal": c.shelf_life_days_normal,
            "shelf_life_days_ca": c.shelf_life_days_ca,
            "tonnes_per_teu": c.tonnes_per_teu,
        }
        for c in load_commodities().values()
    ]


@router.get("/sources", response_model=list[SourceOut], tags=["reference"])
def sources() -> list[dict[str, Any]]:
    """The packaged data tables, their row counts and sources - ``corredor sources``."""
    return [asdict(s) for s in list_sources()]


@router.get("/scenarios", response_model=ScenariosOut, tags=["simulation"])
def scenarios() -> dict[str, list[dict[str, Any]]]:
    """Packaged terminal scenarios - ``corredor simulate scenarios --format json``."""
    from corredor.portsim.scenario import scenario_summaries

    return {"scenarios": scenario_summaries()}


#: The only basemap files served; a request picks a key, never a path.
_BASEMAPS = {"50m": "land_50m.geojson", "110m": "land_110m.geojson"}


@cache
def _basemap_bytes(scale: str) -> bytes:
    return resources.files("corredor").joinpath("data", "basemap", _BASEMAPS[scale]).read_bytes()


@router.get(
    "/basemap/{scale}",
    tags=["map"],
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {}}}, 422: {"model": ErrorOut}},
)
def basemap(scale: Annotated[Literal["50m", "110m"], Path()]) -> Response:
    """Packaged Natural Earth land polygons (GeoJSON, split at the antimeridian)."""
    return Response(
        _basemap_bytes(scale),
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )
