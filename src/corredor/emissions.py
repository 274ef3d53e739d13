"""CO2e per leg and hub (ISO 14083 / GLEC); see :mod:`corredor.economics.emissions`."""

from __future__ import annotations

from corredor.economics.emissions import (
    MODES,
    Emission,
    EmissionFactor,
    get_factor,
    hub_emissions,
    leg_emissions,
    load_emission_factors,
)
from corredor.economics.ileap import LegRecord, ileap_json, ileap_records

__all__ = [
    "MODES",
    "Emission",
    "EmissionFactor",
    "LegRecord",
    "get_factor",
    "hub_emissions",
    "ileap_json",
    "ileap_records",
    "leg_emissions",
    "load_emission_factors",
]
