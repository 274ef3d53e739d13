"""Door-to-port planner: land, port and sea legs with time, cost, CO2e and shelf life.

Public API
----------
:func:`plan`
    Pareto set of itineraries over (days, cost, CO2e).
:func:`compare`
    Best itinerary with and without some ports (default Chancay), explained.
:func:`catchment`
    Best gateway with and without Chancay for the corridor's export cases.
:class:`Leg`, :class:`Itinerary`, :class:`Comparison`
    Frozen records with ``to_dict()``.
"""

from __future__ import annotations

from corredor.planner._legs import DEFAULT_PORT_DWELL_DAYS
from corredor.planner.catchment import CATCHMENT_CASES, CatchmentCase, CatchmentRow, catchment
from corredor.planner.core import BULK_COMMODITIES, MODES, compare, pareto, plan
from corredor.planner.records import Comparison, Itinerary, Leg

__all__ = [
    "BULK_COMMODITIES",
    "CATCHMENT_CASES",
    "DEFAULT_PORT_DWELL_DAYS",
    "MODES",
    "CatchmentCase",
    "CatchmentRow",
    "Comparison",
    "Itinerary",
    "Leg",
    "catchment",
    "compare",
    "pareto",
    "plan",
]
