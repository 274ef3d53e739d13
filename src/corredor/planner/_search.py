"""Candidate itineraries by mode: sea (scheduled or direct sailing), air and sea-air.

Each builder returns ``(label, gateway, legs)`` tuples; :func:`corredor.plan`
judges shelf life, applies ``max_days`` and keeps the Pareto set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from corredor.air import load_air_routes, load_airports
from corredor.costs import CostParameters
from corredor.economics.commodities import Commodity
from corredor.errors import CorredorError, NoRouteError
from corredor.land import LandNetwork
from corredor.planner._air import (
    Place,
    access_leg,
    air_pairs,
    airport_leg,
    airports_near,
    flight_legs,
)
from corredor.planner._ends import End
from corredor.planner._legs import (
    destination_leg,
    direct_sailing_leg,
    dwell_leg,
    land_legs,
    sea_freight,
    sea_leg,
    wait_leg,
)
from corredor.planner.records import Leg
from corredor.reference import load_ports
from corredor.services import (
    Service,
    direct_options,
    services_in_force,
    transshipment_options,
)

__all__ = [
    "Candidate",
    "Query",
    "air_candidates",
    "export_heads",
    "sea_air_candidates",
    "sea_candidates",
]

#: Transshipment options kept per gateway (fastest first) to bound the search.
MAX_TRANSSHIPMENTS = 6

Candidate = tuple[str, str, tuple[Leg, ...]]


@dataclass(frozen=True, slots=True)
class Query:
    """Validated planner inputs shared by the builders."""

    item: Commodity
    teu: float
    reefer: bool
    ports: frozenset[str]
    passages: frozenset[str]
    modes: frozenset[str]
    dwell_days: float
    speed_kn: float | None
    max_draft_m: float | None = None
    params: CostParameters | None = None
    services: Mapping[str, Service] | None = None

    @property
    def tonnes(self) -> float:
        """Cargo mass."""
        return self.teu * self.item.tonnes_per_teu

    @property
    def land_modes(self) -> tuple[str, ...]:
        """Land modes excluded."""
        return tuple(sorted(self.modes & {"truck", "rail", "barge"}))


def _scheduled(g: str, d: str, q: Query) -> list[tuple[str, tuple[Leg, ...]]]:
    """Scheduled sea options ``g`` -> ``d`` as (label, legs)."""
    out: list[tuple[str, tuple[Leg, ...]]] = []
    freight = sea_freight(g, d, q.params)
    network = services_in_force(sorted(q.ports), services=q.services)
    for o in direct_options(g, d, services=network, reefer=q.reefer):
        if q.ports & set(o.intermediate_calls):
            continue
        try:
            leg, used = sea_leg(o, teu=q.teu, reefer=q.item.reefer, freight=freight)
        except NoRouteError:  # a port without verified sea access: no distance, no option
            continue
        if q.passages & set(used):
            continue
        out.append(
            (f"{g} {o.service.service_id} direct", (wait_leg(o, "departure_wait", teu=q.teu), leg))
        )
    trans = [
        t
        for t in transshipment_options(g, d, services=network, reefer=q.reefer)
        if not q.ports & {t.hub, *t.first.intermediate_calls, *t.second.intermediate_calls}
    ]
    for t in trans[:MAX_TRANSSHIPMENTS]:
        try:
            first, used1 = sea_leg(t.first, teu=q.teu, reefer=q.item.reefer, freight=freight)
            second, used2 = sea_leg(t.second, teu=q.teu, reefer=q.item.reefer, freight=None)
        except NoRouteError:  # a hub without verified sea access
            continue
        if q.passages & {*used1, *used2}:
            continue
        legs = (
            wait_leg(t.first, "departure_wait", teu=q.teu),
            first,
            wait_leg(t.second, "hub_connection", teu=q.teu, extra_days=t.connection_days),
            second,
        )
        out.append(
            (f"{g} {t.first.service.service_id} / {t.hub} / {t.second.service.service_id}", legs)
        )
    return out


def _land_to_ports(
    net: LandNetwork, node: str, codes: list[str], q: Query, *, outbound: bool
) -> list[tuple[str, tuple[Leg, ...]]]:
    """Ports among ``codes`` reachable by land from ``node`` (``outbound``) or to it,
    each with its land legs in travel order."""
    nodes = [net.port_nodes[c] for c in codes]
    if outbound:
        hours = net.table([node], nodes, exclude_modes=q.land_modes).hours[0]
    else:
        hours = net.table(nodes, [node], exclude_modes=q.land_modes).hours[:, 0]
    out = []
    for code, port, h in zip(codes, nodes, hours, strict=True):
        if math.isfinite(h):
            a, b = (node, port) if outbound else (port, node)
            land = land_legs(
                net,
                a,
                b,
                tonnes=q.tonnes,
                reefer=q.item.reefer,
                exclude_modes=q.land_modes,
                params=q.params,
            )
            out.append((code, land))
    return out


def export_heads(net: LandNetwork, start: End, q: Query) -> list[tuple[str, tuple[Leg, ...]]]:
    """Export gateways, each with the legs from the door to departure: land and dwell.

    Computed once per plan and shared by the sea and sea-air builders.
    """
    if start.node is not None:
        codes = [g for g in net.port_nodes if g not in q.ports]
        reach = _land_to_ports(net, start.node, codes, q, outbound=True)
    elif start.port is not None and start.port not in q.ports:
        reach = [(start.port, ())]
    else:
        reach = []
    return [
        (
            g,
            (
                *land,
                dwell_leg(
                    g, teu=q.teu, reefer=q.item.reefer, dwell_days=q.dwell_days, params=q.params
                ),
            ),
        )
        for g, land in reach
    ]


def _arrivals(net: LandNetwork, end: End, q: Query) -> list[tuple[str, tuple[Leg, ...]]]:
    """Import ports with the land legs from them to the destination."""
    if end.port is not None:
        return [(end.port, ())]
    if end.node is None:
        return []
    codes = [p for p in net.port_nodes if p not in q.ports]
    return _land_to_ports(net, end.node, codes, q, outbound=False)


def sea_candidates(
    net: LandNetwork, heads: list[tuple[str, tuple[Leg, ...]]], end: End, q: Query
) -> list[Candidate]:
    """Door -> gateway (``heads``) -> scheduled services (or a direct sailing) -> port -> door."""
    arrivals = _arrivals(net, end, q)
    out: list[Candidate] = []
    for g, head in heads:
        for d, tail_land in arrivals:
            if d == g:
                continue
            tail = (
                destination_leg(d, teu=q.teu, reefer=q.item.reefer, params=q.params),
                *tail_land,
            )
            options = _scheduled(g, d, q)
            if q.speed_kn is not None:
                try:
                    leg = direct_sailing_leg(
                        g,
                        d,
                        speed_kn=q.speed_kn,
                        commodity=q.item,
                        tonnes=q.tonnes,
                        avoid=tuple(q.passages),
                        max_draft_m=q.max_draft_m,
                        params=q.params,
                    )
                    options.append((f"{g} direct sailing {q.speed_kn:g} kn", (leg,)))
                except CorredorError:
                    pass  # no sea route under the restrictions: no such option
            out.extend((label, g, (*head, *sea, *tail)) for label, sea in options)
    return out


def _flights(
    start: Place, end: Place, q: Query, origins: tuple[str, ...]
) -> list[tuple[str, tuple[Leg, ...]]]:
    out = []
    for a, b, option in air_pairs(origins, end.airports):
        try:
            wait, flight = flight_legs(option, tonnes=q.tonnes, params=q.params)
        except CorredorError:
            continue  # no air rate for the country lane: not priced, not offered
        first = access_leg(start, a, tonnes=q.tonnes, inbound=False, params=q.params)
        last = access_leg(end, b, tonnes=q.tonnes, inbound=True, params=q.params)
        legs = (
            *((first,) if first else ()),
            airport_leg(a, "airport_dwell"),
            wait,
            flight,
            airport_leg(b, "airport_clearance"),
            *((last,) if last else ()),
        )
        out.append((f"air {option.route.route_id}", legs))
    return out


def air_candidates(start: End, end: End, q: Query) -> list[Candidate]:
    """Door -> airport -> scheduled flights -> airport -> door."""
    return [
        (label, legs[0].destination if legs[0].mode == "truck" else legs[0].origin, legs)
        for label, legs in _flights(start.place, end.place, q, start.place.airports)
    ]


def _hub_ports(
    destination_airports: tuple[str, ...], services: Mapping[str, Service] | None
) -> tuple[tuple[str, str], ...]:
    """(port, airport) pairs where sea cargo can transfer to a flight to the destination."""
    called = frozenset(c for s in services_in_force(services=services).values() for c in s.rotation)
    return _hubs_near(destination_airports, called)


@cache
def _hubs_near(
    destination_airports: tuple[str, ...], called: frozenset[str]
) -> tuple[tuple[str, str], ...]:
    hubs = {
        r.stops[0]
        for r in load_air_routes().values()
        if r.scheduled and r.stops[-1] in destination_airports
    }
    ports = load_ports()
    out: list[tuple[str, str]] = []
    for code in sorted(called):
        p = ports[code]
        out.extend((code, a) for a in airports_near(p.lat, p.lon) if a in hubs)
    return tuple(out)


def sea_air_candidates(
    heads: list[tuple[str, tuple[Leg, ...]]], end: End, q: Query
) -> list[Candidate]:
    """Door -> gateway (``heads``) -> scheduled services -> hub port -> flight -> door."""
    airports = load_airports()
    out: list[Candidate] = []
    hubs = [(h, a) for h, a in _hub_ports(end.place.airports, q.services) if h not in q.ports]
    for g, head in heads:
        for h, a in hubs:
            if h == g:
                continue
            sea = _scheduled(g, h, q)
            if not sea:
                continue
            port = load_ports()[h]
            hub = Place(h, port.lat, port.lon, airports[a].country, (a,))
            flights = _flights(hub, end.place, q, (a,))
            discharge = destination_leg(h, teu=q.teu, reefer=q.item.reefer, params=q.params)
            for s_label, s_legs in sea:
                for f_label, f_legs in flights:
                    out.append(
                        (
                            f"{s_label} / sea-air {h}-{a} / {f_label}",
                            g,
                            (*head, *s_legs, discharge, *f_legs),
                        )
                    )
    return out
