"""Land corridor network: road, rail and river-barge links from producing regions to ports.

>>> from corredor.land import load_land_network
>>> net = load_land_network()
>>> r = net.route("Trujillo, PE", "PECHY")
>>> r.modes
('truck',)
"""

from __future__ import annotations

from corredor.land._data import MODES, NODE_KINDS, EdgeRow, NodeRow
from corredor.land.geojson import network_from_geojson, network_to_geojson
from corredor.land.load import load_land_network, read_land_network
from corredor.land.network import LandNetwork, Weight
from corredor.land.route import LandLeg, LandRoute, LandTable

__all__ = [
    "MODES",
    "NODE_KINDS",
    "EdgeRow",
    "LandLeg",
    "LandNetwork",
    "LandRoute",
    "LandTable",
    "NodeRow",
    "Weight",
    "load_land_network",
    "network_from_geojson",
    "network_to_geojson",
    "read_land_network",
]
