"""corredor: plan and evaluate the Latin America - Asia trade corridor around Chancay.

The public API is what ``__all__`` lists; everything else may change.
"""

from __future__ import annotations

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
    from corredor.portsim import (
        PortDelayModel,
        SimulationResult,
        load_scenario,
        simulate,
        simulate_queue,
        wait_time_curve,
    )

#: Imported on first use: the simulation pulls in scipy.special (~1 s), which
#: sea routing and the CLI's other commands do not need.
_LAZY = {
    "PortDelayModel",
    "SimulationResult",
    "load_scenario",
    "simulate",
    "simulate_queue",
    "wait_time_curve",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from corredor import portsim

        return getattr(portsim, name)
    raise AttributeError(f"module 'corredor' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "CorredorError",
    "DataError",
    "InvalidInputError",
    "NoRouteError",
    "Passage",
    "Port",
    "PortDelayModel",
    "PortTable",
    "SeaNetwork",
    "SeaRoute",
    "SimulationResult",
    "UnknownCodeError",
    "UnknownPortError",
    "__version__",
    "distance_matrix",
    "list_sources",
    "load_passages",
    "load_ports",
    "load_scenario",
    "load_sea_network",
    "sea_route",
    "simulate",
    "simulate_queue",
    "wait_time_curve",
]
