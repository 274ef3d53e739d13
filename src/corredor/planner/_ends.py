"""Resolving the two ends of a journey: a land place, a port or an airport."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corredor.air import load_airports
from corredor.errors import CorredorError
from corredor.land import LandNetwork
from corredor.planner._air import Place, airports_near
from corredor.reference import load_ports

__all__ = ["End", "resolve_end"]


@dataclass(frozen=True, slots=True)
class End:
    """A resolved end: ``node`` in the land network (or ``None``), ``port`` if a port
    was named, and the :class:`Place` used for airport access."""

    place: Place
    node: str | None
    port: str | None


def _node_end(net: LandNetwork, node_id: str) -> End:
    n = net.node(node_id)
    airports = load_airports()
    served = [c for c in n.iata if c in airports]
    if n.locode:
        served += [c for c in airports_near(n.lat, n.lon) if c not in served]
    place = Place(n.id, n.lat, n.lon, n.country, tuple(served))
    return End(place, n.id, n.locode or None)


def resolve_end(net: LandNetwork, text: object, argument: str, *, prefer_port: bool) -> End:
    """Resolve ``text`` to an :class:`End`.

    Land places (any spelling the land network accepts) come first for an
    origin; for a destination (``prefer_port``) a UN/LOCODE of the port table
    comes first, so ``"CNSHA"`` ends at the quay. A port outside the land
    network (``"CNXMN"``) and an airport (``"XMN"``) are accepted too.

    Raises
    ------
    UnknownCodeError
        With the land network's close matches when nothing matches.
    """
    ports = load_ports()
    code = text.strip().upper() if isinstance(text, str) else ""

    def port_end() -> End | None:
        if code not in ports:
            return None
        if code in net.port_nodes:
            end = _node_end(net, net.port_nodes[code])
            return End(end.place, end.node, code)
        p = ports[code]
        place = Place(code, p.lat, p.lon, code[:2], airports_near(p.lat, p.lon))
        return End(place, None, code)

    if prefer_port and (end := port_end()) is not None:
        return end
    try:
        node_id = net.resolve(text, argument)  # type: ignore[arg-type]
    except CorredorError:
        if (end := port_end()) is not None:
            return end
        airports = load_airports()
        if code in airports:
            a = airports[code]
            return End(Place(code, a.lat, a.lon, a.country, (code,)), None, None)
        if re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code):
            ports.get_port(code, argument)  # raises with the port table's close matches
        raise
    return _node_end(net, node_id)
