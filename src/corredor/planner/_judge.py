"""From candidate legs to an Itinerary: shelf life and landed cost."""

from __future__ import annotations

import math

from corredor.commodities import shelf_life_check
from corredor.costs import CostParameters
from corredor.economics.commodities import Commodity
from corredor.economics.landed import landed_cost
from corredor.errors import CorredorError
from corredor.planner._search import Candidate
from corredor.planner.records import Itinerary

__all__ = ["judge"]


def judge(
    candidate: Candidate,
    *,
    item: Commodity,
    teu: float,
    exporter: str,
    importer: str,
    controlled_atmosphere: bool,
    params: CostParameters | None,
) -> Itinerary:
    """Build the itinerary: shelf life on arrival and landed cost per kg.

    The landed cost is FOB + the itinerary's cost as freight + insurance +
    the destination tariff (:func:`corredor.economics.landed.landed_cost`);
    when the tables cannot price it (no tariff row for the importer, no FOB
    value) it is ``None`` and ``landed_cost_basis`` says why.
    """
    label, gateway, legs = candidate
    days = math.fsum(leg.days for leg in legs)
    check = shelf_life_check(item, days, controlled_atmosphere=controlled_atmosphere)
    cost = math.fsum(leg.cost_usd for leg in legs)
    try:
        landed = landed_cost(item, exporter, importer, cost, teu=teu, params=params)
        per_kg: float | None = landed.total_usd_per_kg
        basis = (
            f"FOB {landed.fob_usd_per_kg:.3g} + freight {landed.freight_usd_per_kg:.3g} + "
            f"insurance {landed.insurance_usd_per_kg:.3g} + tariff {landed.tariff.rate_pct:g} % "
            f"({landed.tariff.regime}, {exporter}->{importer}) USD/kg"
        )
    except CorredorError as exc:
        per_kg, basis = None, f"not priced: {exc}"
    return Itinerary(
        legs=legs,
        gateway=gateway,
        arrives_sellable=check.arrives_sellable,
        remaining_shelf_life_days=check.remaining_shelf_life_days,
        label=label,
        shelf_life_basis=check.basis,
        landed_cost_usd_per_kg=per_kg,
        landed_cost_basis=basis,
    )
