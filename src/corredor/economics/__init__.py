"""Emissions (ISO 14083 / GLEC), costs and landed cost, and perishables.

The door-to-door planner calls these per leg. Modules:

* :mod:`corredor.economics.emissions`: CO2e per leg and per hub operation;
* :mod:`corredor.economics.ileap`: iLEAP-style ShipmentFootprint export;
* :mod:`corredor.economics.costs`: freight, inland, port charges, parameters;
* :mod:`corredor.economics.landed`: tariffs and landed cost per kg;
* :mod:`corredor.economics.commodities`: commodity table and shelf-life check.

``corredor.emissions``, ``corredor.costs`` and ``corredor.commodities``
re-export the same names.
"""

from __future__ import annotations

from corredor.economics.commodities import (
    Commodity,
    ShelfLifeCheck,
    get_commodity,
    load_commodities,
    shelf_life_check,
)
from corredor.economics.costs import (
    DEFAULT_INSURANCE_PCT,
    DEFAULT_TARIFF_YEAR,
    CostParameters,
    air_freight_usd_per_kg,
    inland_usd_per_tkm,
    port_charges_usd_per_teu,
    sea_freight_usd_per_teu,
)
from corredor.economics.emissions import (
    Emission,
    EmissionFactor,
    get_factor,
    hub_emissions,
    leg_emissions,
    load_emission_factors,
)
from corredor.economics.ileap import LegRecord, ileap_json, ileap_records
from corredor.economics.landed import LandedCost, Tariff, landed_cost, tariff

__all__ = [
    "DEFAULT_INSURANCE_PCT",
    "DEFAULT_TARIFF_YEAR",
    "Commodity",
    "CostParameters",
    "Emission",
    "EmissionFactor",
    "LandedCost",
    "LegRecord",
    "ShelfLifeCheck",
    "Tariff",
    "air_freight_usd_per_kg",
    "get_commodity",
    "get_factor",
    "hub_emissions",
    "ileap_json",
    "ileap_records",
    "inland_usd_per_tkm",
    "landed_cost",
    "leg_emissions",
    "load_commodities",
    "load_emission_factors",
    "port_charges_usd_per_teu",
    "sea_freight_usd_per_teu",
    "shelf_life_check",
    "tariff",
]
