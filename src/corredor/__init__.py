"""corredor: plan and evaluate the Latin America - Asia trade corridor around Chancay.

The public API is what ``__all__`` lists; everything else may change.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from corredor.errors import (
    CorredorError,
    DataError,
    InvalidInputError,
    NoRouteError,
    UnknownCodeError,
    UnknownPortError,
)
from corredor.reference import Passage, Port, PortTable, list_sources, load_passages, load_ports
from corredor.sea import SeaNetwork, SeaRoute, distance_matrix, load_sea_network, sea_route

if TYPE_CHECKING:
    from corredor.api import create_app
    from corredor.planner import Comparison, Itinerary, catchment, compare, plan
    from corredor.portsim import (
        PortDelayModel,
        SimulationResult,
        load_scenario,
        simulate,
        simulate_queue,
        wait_time_curve,
    )
    from corredor.store import ResultsStore

#: Imported on first use: the simulation pulls in scipy.special (~1 s), which
#: sea routing and the CLI's other commands do not need.
_LAZY = {
    "create_app": "corredor.api",
    "ImpactResult": "corredor.impact",
    "ResultsStore": "corredor.store",
    "run_impact": "corredor.impact",
    "Comparison": "corredor.planner",
    "Itinerary": "corredor.planner",
    "PortDelayModel": "corredor.portsim",
    "SimulationResult": "corredor.portsim",
    "catchment": "corredor.planner",
    "compare": "corredor.planner",
    "load_scenario": "corredor.portsim",
    "plan": "corredor.planner",
    "simulate": "corredor.portsim",
    "simulate_queue": "corredor.portsim",
    "wait_time_curve": "corredor.portsim",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'corredor' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__version__ = "0.1.0"

__all__ = [
    "Comparison",
    "CorredorError",
    "DataError",
    "ImpactResult",
    "InvalidInputError",
    "Itinerary",
    "NoRouteError",
    "Passage",
    "Port",
    "PortDelayModel",
    "PortTable",
    "ResultsStore",
    "SeaNetwork",
    "SeaRoute",
    "SimulationResult",
    "UnknownCodeError",
    "UnknownPortError",
    "__version__",
    "catchment",
    "compare",
    "create_app",
    "distance_matrix",
    "list_sources",
    "load_passages",
    "load_ports",
    "load_scenario",
    "load_sea_network",
    "plan",
    "run_impact",
    "sea_route",
    "simulate",
    "simulate_queue",
    "wait_time_curve",
]
