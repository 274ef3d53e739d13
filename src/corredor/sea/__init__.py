"""Sea network and port-to-port routing."""

from __future__ import annotations

from corredor.sea.network import Restrictions, SeaNetwork, load_sea_network
from corredor.sea.result import SeaRoute
from corredor.sea.routing import DEFAULT_SPEED_KN, distance_matrix, sea_route

__all__ = [
    "DEFAULT_SPEED_KN",
    "Restrictions",
    "SeaNetwork",
    "SeaRoute",
    "distance_matrix",
    "load_sea_network",
    "sea_route",
]
