"""The Chancay catchment layer: best gateway per packaged origin, with and without Chancay.

Uses :func:`corredor.catchment` when the planner provides it; otherwise runs
:func:`corredor.planner.compare` for every packaged origin region here.
"""

from __future__ import annotations

import importlib
from typing import Any

from corredor.errors import CorredorError
from corredor.land import load_land_network

__all__ = ["catchment_layer"]


def _planner_catchment() -> Any:
    """``corredor.planner.catchment`` if the planner has it, else ``None``."""
    planner = importlib.import_module("corredor.planner")
    return getattr(planner, "catchment", None)


def catchment_layer(destination: str, commodity: str, without: tuple[str, ...]) -> dict[str, Any]:
    """Rows ``{origin, lat, lon, gateway_with, gateway_without, days_with, ...}``.

    Origins without any itinerary (for this commodity) are listed with
    ``error`` set, so the layer shows where the planner has no answer.
    """
    from corredor.planner import compare
    from corredor.reference import load_ports

    dest = load_ports().get_port(destination, "destination").locode
    net = load_land_network()
    func = _planner_catchment()
    rows: list[dict[str, Any]] = []
    if func is not None:
        for row in func(dest, commodity=commodity, without=without):
            data = row.to_dict() if hasattr(row, "to_dict") else dict(row)
            rows.append(data)
    else:
        from corredor.commodities import get_commodity

        get_commodity(commodity)  # unknown commodity -> 404 before the loop
        for node in net.nodes:
            if node.kind != "region":
                continue
            entry: dict[str, Any] = {
                "origin": node.id,
                "name": node.name,
                "country": node.country,
                "lat": node.lat,
                "lon": node.lon,
            }
            try:
                c = compare(node.id, dest, commodity=commodity, without=without)
            except CorredorError as exc:
                entry["error"] = exc.message
            else:
                entry.update(
                    gateway_with=c.with_.gateway,
                    gateway_without=c.without.gateway,
                    days_with=c.with_.total_days,
                    days_without=c.without.total_days,
                    days_saved=c.days_saved,
                    cost_with_usd=c.with_.cost_usd,
                    cost_without_usd=c.without.cost_usd,
                )
            rows.append(entry)
    return {
        "destination": dest,
        "commodity": commodity,
        "without_ports": [w.upper() for w in without],
        "rows": rows,
    }
