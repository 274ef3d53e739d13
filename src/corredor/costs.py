"""Freight, handling, tariffs and landed cost; see :mod:`corredor.economics.costs`."""

from __future__ import annotations

from corredor.economics.costs import (
    DEFAULT_INSURANCE_PCT,
    DEFAULT_TARIFF_YEAR,
    CostParameters,
    air_freight_usd_per_kg,
    freight_lanes,
    inland_usd_per_tkm,
    port_charges_usd_per_teu,
    sea_freight_usd_per_teu,
)
from corredor.economics.landed import LandedCost, Tariff, landed_cost, tariff

__all__ = [
    "DEFAULT_INSURANCE_PCT",
    "DEFAULT_TARIFF_YEAR",
    "CostParameters",
    "LandedCost",
    "Tariff",
    "air_freight_usd_per_kg",
    "freight_lanes",
    "inland_usd_per_tkm",
    "landed_cost",
    "port_charges_usd_per_teu",
    "sea_freight_usd_per_teu",
    "tariff",
]
