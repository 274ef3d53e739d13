"""iLEAP-style export of an itinerary (ISO 14083 transport chain elements)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corredor.economics.commodities import Commodity, get_commodity
from corredor.economics.ileap import LegRecord, ileap_records
from corredor.errors import InvalidInputError
from corredor.planner.geometry import itineraries_geojson
from corredor.planner.records import Itinerary

__all__ = ["ILEAP_SHIPMENT_ID", "itinerary_ileap", "plan_document"]

#: Shipment id of the iLEAP document ``corredor plan --format ileap`` prints.
ILEAP_SHIPMENT_ID = "corredor-plan-1"

_MODES = {"truck": "road", "rail": "rail", "barge": "inland_waterway", "sea": "sea", "air": "air"}
_DISTANCE_SOURCE = {
    "sea": "corredor.sea_route over the service's port calls (shortest feasible distance)",
    "air": "great circle between the airports of the routing",
}


def itinerary_ileap(
    itinerary: Itinerary, *, commodity: Commodity, teu: float, shipment_id: str
) -> dict[str, Any]:
    """The itinerary as an iLEAP ShipmentFootprint.

    Moving legs become transport operations (TOCs) and every leg with terminal
    CO2e (export dwell, transshipment, discharge) a hub operation (HOC); stays
    with no emissions (waits, airport days) are left out. The planner's
    well-to-wheel CO2e is kept per leg, and the tank-to-wheel part recomputed
    from the same factor table.

    Raises
    ------
    InvalidInputError
        For ``teu`` <= 0 or an empty shipment id.
    """
    if not isinstance(shipment_id, str) or not shipment_id.strip():
        raise InvalidInputError("shipment_id", "a non-empty string", shipment_id)
    if not teu > 0:
        raise InvalidInputError("teu", "a number > 0", teu)
    tonnes = teu * commodity.tonnes_per_teu
    legs: list[LegRecord] = []
    for leg in itinerary.legs:
        mode = _MODES.get(leg.mode)
        if mode is None and leg.co2e_kg == 0:
            continue
        record: LegRecord = {
            "mode": mode or "terminal",
            "origin": leg.origin,
            "destination": leg.destination,
            "distance_km": leg.distance_km,
            "tonnes": tonnes,
            "teu": teu if leg.mode in ("sea", "port", "hub") else None,
            "reefer": commodity.reefer,
            "co2e_kg": leg.co2e_kg,
            "distance_kind": "gcd" if leg.mode == "air" else "sfd",
            "data_source": _DISTANCE_SOURCE.get(
                leg.mode, "corredor land network (edges.csv) or airport access estimate"
            ),
        }
        legs.append(record)
    return ileap_records(legs, shipment_id=shipment_id)


def plan_document(
    itineraries: Sequence[Itinerary], fmt: str, *, commodity: str, teu: float
) -> dict[str, Any]:
    """The JSON document of a plan in ``fmt`` (``json``, ``geojson`` or ``ileap``).

    One builder for ``corredor plan --format`` and ``GET /plan?format=``: ``json`` is
    ``{"itineraries": [...]}``, ``geojson`` a FeatureCollection of the moving legs,
    ``ileap`` the fastest itinerary as a ShipmentFootprint.
    """
    if fmt == "geojson":
        return itineraries_geojson(itineraries)
    if fmt == "ileap":
        item = get_commodity(commodity)
        return itinerary_ileap(
            itineraries[0], commodity=item, teu=teu, shipment_id=ILEAP_SHIPMENT_ID
        )
    if fmt == "json":
        return {"itineraries": [it.to_dict() for it in itineraries]}
    raise InvalidInputError("format", "json, geojson or ileap", fmt)
