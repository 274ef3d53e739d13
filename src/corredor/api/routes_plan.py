"""Endpoints over the planner: plan, compare and the Chancay catchment.

``GET /plan`` takes the CLI's ``corredor plan`` options as query parameters
(``--from`` -> ``from``, ``--max-days`` -> ``max_days``) and returns the JSON
of ``corredor plan --format json``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from corredor.api.cache import cached, json_response
from corredor.api.models import CatchmentOut, ComparisonOut, FeatureCollectionOut, PlanOut
from corredor.api.routes_geo import ERRORS
from corredor.land import load_land_network
from corredor.planner import Itinerary, catchment, compare, plan
from corredor.planner.export import plan_document
from corredor.planner.geometry import comparison_geojson

__all__ = ["router"]

router = APIRouter(tags=["planner"])

Place = Annotated[
    str,
    Query(
        alias="from",
        min_length=1,
        max_length=100,
        description='origin place or port, e.g. "Trujillo, PE"',
    ),
]
Dest = Annotated[
    str, Query(alias="to", min_length=1, max_length=64, description="destination UN/LOCODE")
]
Commodity = Annotated[
    str, Query(min_length=1, max_length=64, description="commodity key, name or HS code")
]
Teu = Annotated[float, Query(gt=0, le=100_000, allow_inf_nan=False, description="TEU")]
Format = Annotated[
    Literal["json", "geojson"],
    Query(description="json, or geojson: one feature per moving leg (as the CLI's)"),
]


PlanFormat = Annotated[
    Literal["json", "geojson", "ileap"],
    Query(
        description="json; geojson: one feature per moving leg; ileap: the fastest "
        "itinerary as an iLEAP ShipmentFootprint (each as the CLI's)"
    ),
]


@router.get(
    "/plan", response_model=PlanOut | FeatureCollectionOut | dict[str, Any], responses=ERRORS
)
async def plan_endpoint(
    request: Request,
    origin: Place,
    destination: Dest,
    commodity: Commodity,
    teu: Teu = 1.0,
    exclude: Annotated[
        list[str] | None,
        Query(max_length=20, description="port code, passage or mode (repeatable)"),
    ] = None,
    max_days: Annotated[float | None, Query(gt=0, le=1000, allow_inf_nan=False)] = None,
    controlled_atmosphere: bool = False,
    require_reefer: Annotated[
        bool | None, Query(description="only reefer services (default: by commodity)")
    ] = None,
    direct_sailing_kn: Annotated[
        float | None,
        Query(gt=0, le=40, allow_inf_nan=False, description="bulk: offer a direct sailing"),
    ] = None,
    format: PlanFormat = "json",
) -> Response:
    """Door-to-port itineraries, Pareto over days, cost and CO2e - ``corredor plan``."""
    key = (
        "plan",
        origin,
        destination,
        commodity,
        teu,
        tuple(exclude or ()),
        max_days,
        controlled_atmosphere,
        require_reefer,
        direct_sailing_kn,
    )

    def compute() -> list[Itinerary]:
        return plan(
            origin,
            destination,
            commodity=commodity,
            teu=teu,
            exclude=exclude or (),
            max_days=max_days,
            controlled_atmosphere=controlled_atmosphere,
            require_reefer=require_reefer,
            direct_sailing_kn=direct_sailing_kn,
        )

    def render() -> dict[str, Any]:  # the same document as corredor plan --format
        its = cached(request, key, compute)
        return plan_document(its, format, commodity=commodity, teu=teu)

    return await json_response(request, (*key, format), render)


@router.get("/compare", response_model=ComparisonOut | FeatureCollectionOut, responses=ERRORS)
async def compare_endpoint(
    request: Request,
    origin: Place,
    destination: Dest,
    commodity: Commodity,
    teu: Teu = 1.0,
    without: Annotated[
        list[str] | None,
        Query(max_length=20, description="ports taken away (default PECHY)"),
    ] = None,
    controlled_atmosphere: bool = False,
    format: Format = "json",
) -> Response:
    """Best itinerary with vs. without Chancay (or other ports) - ``corredor compare``."""
    removed = tuple(without or ("PECHY",))
    key = ("compare", origin, destination, commodity, teu, removed, controlled_atmosphere)

    def render() -> dict[str, Any]:
        c = cached(
            request,
            key,
            lambda: compare(
                origin,
                destination,
                commodity=commodity,
                teu=teu,
                without=removed,
                controlled_atmosphere=controlled_atmosphere,
            ),
        )
        # corredor compare --format geojson | json
        return comparison_geojson(c) if format == "geojson" else c.to_dict()

    return await json_response(request, (*key, format), render)


@router.get("/catchment", response_model=CatchmentOut | FeatureCollectionOut, responses=ERRORS)
async def catchment_endpoint(
    request: Request,
    destination: Dest = "CNSHA",
    without: Annotated[
        list[str] | None,
        Query(max_length=20, description="ports taken away (default PECHY)"),
    ] = None,
    format: Format = "json",
) -> Response:
    """Best gateway per export case with and without Chancay - ``corredor catchment``.

    ``format=geojson`` gives one point per case at its origin, for the map layer.
    """
    removed = tuple(without or ("PECHY",))
    key = ("catchment", destination, removed)

    def render() -> dict[str, Any]:
        rows = cached(request, key, lambda: catchment(destination, without=removed))
        data = {"rows": [r.to_dict() for r in rows]}  # corredor catchment --format json
        if format == "json":
            return data
        net = load_land_network()
        features = []
        for row in data["rows"]:
            node = net.node(row["origin"])
            point = {"type": "Point", "coordinates": [node.lon, node.lat]}
            features.append({"type": "Feature", "properties": row, "geometry": point})
        return {"type": "FeatureCollection", "features": features}

    return await json_response(request, (*key, format), render)
