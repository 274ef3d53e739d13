"""iLEAP-style export of a shipment's transport chain elements and emissions.

Field names follow the iLEAP Technical Specifications (SINE Foundation and
Smart Freight Centre, https://sine-fdn.github.io/ileap-extension/; data model
as published in the ``sine-fdn/ileap-extension`` repository, v1 line of
2024-2025), which extend the PACT data exchange with ISO 14083 / GLEC v3.1
logistics data types: ShipmentFootprint, TCE (transport chain element),
TOC (transport operation category) and HOC (hub operation category).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NotRequired, TypedDict

from corredor.economics.emissions import Emission, _mode, _nonneg, hub_emissions, leg_emissions
from corredor.errors import InvalidInputError

__all__ = ["LegRecord", "ileap_json", "ileap_records"]


class LegRecord(TypedDict):
    """One transport chain element as the planner hands it to :func:`ileap_records`.

    ``mode`` is a transport mode or ``"terminal"`` for a hub operation;
    ``co2e_kg``/``co2e_ttw_kg`` are recomputed from the packaged factors when
    absent. ``distance_kind`` is the GLEC distance type (``"sfd"`` shortest
    feasible, ``"gcd"`` great circle, ``"actual"``), ``data_source`` says where
    the distance came from.
    """

    mode: str
    origin: str
    destination: str
    distance_km: float
    tonnes: float
    teu: NotRequired[float | None]
    reefer: NotRequired[bool]
    vehicle: NotRequired[str | None]
    co2e_kg: NotRequired[float | None]
    co2e_ttw_kg: NotRequired[float | None]
    distance_kind: NotRequired[str]
    data_source: NotRequired[str]


_ILEAP_MODES = {
    "sea": "Sea",
    "road": "Road",
    "rail": "Rail",
    "air": "Air",
    "inland_waterway": "InlandWaterway",
}


def _dec(x: float) -> str:
    """iLEAP decimals are JSON strings (``^-?\\d+(\\.\\d+)?$``)."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _both(leg: LegRecord, mode: str) -> tuple[Emission, Emission]:
    teu, tonnes = leg.get("teu"), leg["tonnes"]
    if mode == "terminal":
        n = teu if teu is not None else 0.0
        return hub_emissions(n), hub_emissions(n, scope="TTW")
    reefer, veh, dist = bool(leg.get("reefer", False)), leg.get("vehicle"), leg["distance_km"]
    out = [
        leg_emissions(mode, dist, teu=teu, tonnes=tonnes, reefer=reefer, vehicle=veh, scope=s)
        for s in ("WTW", "TTW")
    ]
    return out[0], out[1]


def ileap_records(
    legs: Sequence[LegRecord], *, shipment_id: str, spec_version: str = "1.0.0"
) -> dict[str, object]:
    """iLEAP-style ShipmentFootprint with its TCEs, TOCs and HOCs.

    Field names follow the iLEAP Technical Specifications (SINE Foundation
    and Smart Freight Centre, https://sine-fdn.github.io/ileap-extension/,
    data model of the ``sine-fdn/ileap-extension`` repository, v1 line of
    2024-2025): ``ShipmentFootprint{mass, shipmentId, tces}``,
    ``TCE{tceId, prevTceIds, tocId|hocId, shipmentId, mass,
    packagingOrTrEqType, packagingOrTrEqAmount, distance{actual|gcd|sfd},
    transportActivity, co2eWTW, co2eTTW}``, ``TOC{tocId, mode,
    temperatureControl, co2eIntensityWTW, co2eIntensityTTW,
    transportActivityUnit}``, ``HOC{hocId, hubType, co2eIntensityWTW,
    co2eIntensityTTW, hubActivityUnit}``. Numbers are decimal strings; mass in
    kg, distance in km, transport activity in t-km, emissions in kg CO2e.
    ``distance.dataSource`` and the ``corredor`` blocks (origin, destination,
    factor ids, formula, source) are corredor additions
    (provenance), not part of the spec; TOC energy carriers are omitted
    because default factors do not carry them.
    """
    if not legs:
        raise InvalidInputError("legs", "at least one leg", list(legs))
    tces: list[dict[str, object]] = []
    tocs: dict[str, dict[str, object]] = {}
    hocs: dict[str, dict[str, object]] = {}
    mass_kg = 0.0
    for i, leg in enumerate(legs, start=1):
        mode = _mode(leg["mode"])
        tonnes = _nonneg(leg["tonnes"], f"legs[{i - 1}].tonnes")
        mass_kg = max(mass_kg, tonnes * 1000)
        wtw, ttw = _both(leg, mode)
        co2e_wtw = leg.get("co2e_kg")
        co2e_wtw = wtw.co2e_kg if co2e_wtw is None else _nonneg(co2e_wtw, "co2e_kg")
        co2e_ttw = leg.get("co2e_ttw_kg")
        co2e_ttw = ttw.co2e_kg if co2e_ttw is None else _nonneg(co2e_ttw, "co2e_ttw_kg")
        tce: dict[str, object] = {
            "tceId": f"{shipment_id}-tce-{i}",
            "prevTceIds": [f"{shipment_id}-tce-{i - 1}"] if i > 1 else [],
        }
        group = {
            "origin": leg["origin"],
            "destination": leg["destination"],
            "factorWTW": wtw.factor_id,
            "factorTTW": ttw.factor_id,
            "formula": wtw.formula,
        }
        teu = leg.get("teu")
        if mode == "terminal":
            hoc_id = f"hoc-{wtw.factor_id}"
            tce["hocId"] = hoc_id
            hocs[hoc_id] = {
                "hocId": hoc_id,
                "hubType": "MaritimeContainerTerminal",
                "co2eIntensityWTW": _dec(wtw.factor_value),
                "co2eIntensityTTW": _dec(ttw.factor_value),
                "hubActivityUnit": "TEU",
                "corredor": {"source": wtw.source, "assumption": wtw.assumption},
            }
        else:
            toc_id = f"toc-{wtw.factor_id}"
            tce["tocId"] = toc_id
            tocs[toc_id] = {
                "tocId": toc_id,
                "mode": _ILEAP_MODES[mode],
                "temperatureControl": "refrigerated" if leg.get("reefer") else "ambient",
                "co2eIntensityWTW": _dec(wtw.factor_value),
                "co2eIntensityTTW": _dec(ttw.factor_value),
                "transportActivityUnit": "TEUkm" if wtw.basis == "TEU-km" else "tkm",
                "corredor": {"source": wtw.source, "assumption": wtw.assumption},
            }
        kind = leg.get("distance_kind", "sfd")
        if kind not in ("sfd", "gcd", "actual"):
            raise InvalidInputError("distance_kind", "'sfd', 'gcd' or 'actual'", kind)
        dist = _nonneg(leg["distance_km"], f"legs[{i - 1}].distance_km")
        tce.update(
            {
                "shipmentId": shipment_id,
                "mass": _dec(tonnes * 1000),
                "distance": {kind: _dec(dist), "dataSource": leg.get("data_source", "model")},
                "transportActivity": _dec(tonnes * dist),
                "co2eWTW": _dec(co2e_wtw),
                "co2eTTW": _dec(co2e_ttw),
                "corredor": group,
            }
        )
        if teu:
            tce["packagingOrTrEqType"] = "Container-TEU"
            tce["packagingOrTrEqAmount"] = _dec(teu)
        tces.append(tce)
    return {
        "specVersion": spec_version,
        "shipmentFootprint": {"mass": _dec(mass_kg), "shipmentId": shipment_id, "tces": tces},
        "tocs": list(tocs.values()),
        "hocs": list(hocs.values()),
    }


def ileap_json(
    legs: Sequence[LegRecord], *, shipment_id: str, spec_version: str = "1.0.0", indent: int = 2
) -> str:
    """:func:`ileap_records` as JSON text."""
    records = ileap_records(legs, shipment_id=shipment_id, spec_version=spec_version)
    return json.dumps(records, indent=indent, ensure_ascii=False)
