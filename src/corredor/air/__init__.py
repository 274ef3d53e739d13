"""Air cargo network: airports (IATA) and scheduled cargo routes via hubs.

Public API: :func:`load_airports`, :func:`get_airport`, :func:`load_air_routes`,
:func:`air_options` and the records :class:`Airport`, :class:`AirRoute`,
:class:`AirLeg`, :class:`AirOption`.
"""

from __future__ import annotations

from corredor.air.routes import (
    AirLeg,
    AirOption,
    Airport,
    AirRoute,
    air_options,
    get_airport,
    load_air_routes,
    load_airports,
    parse_air_routes,
    parse_airports,
)

__all__ = [
    "AirLeg",
    "AirOption",
    "AirRoute",
    "Airport",
    "air_options",
    "get_airport",
    "load_air_routes",
    "load_airports",
    "parse_air_routes",
    "parse_airports",
]
