"""Door-to-port planning: ``plan`` (Pareto set) and ``compare`` (with/without ports)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache

from corredor.commodities import get_commodity
from corredor.costs import CostParameters
from corredor.errors import InvalidInputError, NoRouteError, UnknownCodeError
from corredor.land import LandNetwork, load_land_network
from corredor.planner._ends import resolve_end
from corredor.planner._judge import judge
from corredor.planner._legs import DEFAULT_PORT_DWELL_DAYS, close
from corredor.planner._search import (
    Candidate,
    Query,
    air_candidates,
    export_heads,
    sea_air_candidates,
    sea_candidates,
)
from corredor.planner.records import Comparison, Itinerary
from corredor.reference import load_passages, load_ports
from corredor.services import Service

__all__ = ["BULK_COMMODITIES", "MODES", "compare", "pareto", "plan"]

#: Modes ``exclude`` accepts.
MODES = ("truck", "rail", "barge", "sea", "air")
#: Commodities that may sail on an explicit direct (charter) sailing.
BULK_COMMODITIES = frozenset({"soybeans", "copper_concentrate"})


@cache
def _network() -> LandNetwork:
    return load_land_network()


def _split_exclude(exclude: Iterable[str] | str) -> tuple[set[str], set[str], set[str]]:
    if isinstance(exclude, str):
        exclude = (exclude,)
    ports, passages, modes = set(), set(), set()
    port_table, passage_table = load_ports(), load_passages()
    for raw in exclude:
        if not isinstance(raw, str) or not raw.strip():
            raise InvalidInputError("exclude", "port codes, passage names or modes", raw)
        item = raw.strip()
        if item.lower() in MODES:
            modes.add(item.lower())
        elif item.lower() in passage_table:
            passages.add(item.lower())
        elif item.upper() in port_table:
            ports.add(item.upper())
        else:
            options = [*MODES, *passage_table, *_network().port_nodes]
            near = close(item.lower(), [o.lower() for o in options])
            raise UnknownCodeError("exclude", item, near, what="port code, passage name or mode")
    return ports, passages, modes


def _positive(value: object, argument: str, *, allow_none: bool = False) -> float | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInputError(argument, "a finite number > 0", value)
    if value <= 0:
        raise InvalidInputError(argument, "a finite number > 0", value)
    return float(value)


def pareto(itineraries: Iterable[Itinerary]) -> list[Itinerary]:
    """Itineraries not dominated on (total_days, cost_usd, co2e_kg), sorted by days."""
    items = sorted(itineraries, key=lambda i: (i.total_days, i.cost_usd, i.co2e_kg))
    keep: list[Itinerary] = []
    for it in items:
        a = (it.total_days, it.cost_usd, it.co2e_kg)
        dominated = False
        for other in keep:
            b = (other.total_days, other.cost_usd, other.co2e_kg)
            if all(y <= x for x, y in zip(a, b, strict=True)):
                dominated = True
                break
        if not dominated:
            keep.append(it)
    return keep


def plan(
    origin: str,
    destination: str,
    *,
    commodity: str,
    teu: float = 1,
    exclude: Iterable[str] | str = (),
    require_reefer: bool | None = None,
    max_days: float | None = None,
    direct_sailing_kn: float | None = None,
    max_draft_m: float | None = None,
    controlled_atmosphere: bool = False,
    port_dwell_days: float = DEFAULT_PORT_DWELL_DAYS,
    cost_params: CostParameters | None = None,
    land_network: LandNetwork | None = None,
    services: Mapping[str, Service] | None = None,
) -> list[Itinerary]:
    """Door-to-door itineraries by sea, air and sea-air, as a Pareto set.

    Sea: land legs to each reachable gateway, export dwell, the scheduled
    services (direct or with one transshipment; the explicit direct sailing
    for bulk), discharge and, for an inland destination, land legs from the
    import port. Air: truck to an airport serving the origin, scheduled
    flights, truck to the door. Sea-air: sea to a port near an airport with a
    flight to the destination (Jebel Ali - Dubai), then air.

    Parameters
    ----------
    origin : str
        A land place ("Trujillo, PE", "Sorriso", a node id), a port UN/LOCODE
        (also outside the land network, e.g. ``"CNXMN"``) or an airport IATA code.
    destination : str
        A port UN/LOCODE (ends at the quay, e.g. ``"CNSHA"``), a land place
        ("São Paulo") or an airport.
    commodity : str
        Commodity key, name or HS code (``corredor.commodities``).
    teu : float
        Containers (TEU); cargo tonnes = ``teu x tonnes_per_teu``.
    exclude : iterable of str
        Port codes, passage names or modes (truck, rail, barge, sea, air).
    require_reefer : bool, optional
        Only reefer services; default: whether the commodity is reefer cargo.
    max_days : float, optional
        Drop itineraries longer than this (door to door).
    direct_sailing_kn : float, optional
        Also offer a direct sailing at this speed (bulk commodities only).
    max_draft_m : float, optional
        Draft of the direct-sailing vessel: gateways, destinations and passages
        shallower than this are refused (the Panama Canal's 15.2 m, a port's
        curated maximum draft). Scheduled services call their ports by
        definition and are not filtered.
    controlled_atmosphere : bool
        Judge shelf life with the controlled-atmosphere value.
    port_dwell_days : float
        Export dwell at the gateway (default an assumption, 2 days).
    cost_params : CostParameters, optional
        Overrides of rates, charges, tariffs and values
        (``CostParameters.from_file("costs.toml")``).
    land_network : LandNetwork, optional
        A user's land network (``corredor.land.network_from_geojson``); the
        packaged one by default.
    services : mapping of str to Service, optional
        The liner services to search (by id); the packaged ones by default. To
        add your own, pass ``{**load_services(), **from_dcsa(payload)}``.

    Returns
    -------
    list of Itinerary
        The Pareto set over (total_days, cost_usd, co2e_kg), fastest first.
        Perishables that cannot arrive fresh are kept, flagged
        ``arrives_sellable=False``.

    Raises
    ------
    UnknownCodeError
        Unknown place, port, commodity, mode or passage (with close matches).
    InvalidInputError
        Bad ``teu``, ``max_days``, ``direct_sailing_kn`` or ``port_dwell_days``.
    NoRouteError
        No itinerary satisfies the constraints (named in the message).
    """
    item = get_commodity(commodity)
    n_teu = _positive(teu, "teu")
    limit = _positive(max_days, "max_days", allow_none=True)
    speed = _positive(direct_sailing_kn, "direct_sailing_kn", allow_none=True)
    if port_dwell_days != 0:
        _positive(port_dwell_days, "port_dwell_days")
    if require_reefer is not None and not isinstance(require_reefer, bool):
        raise InvalidInputError("require_reefer", "True, False or None", require_reefer)
    if speed is not None and item.key not in BULK_COMMODITIES:
        raise InvalidInputError(
            "direct_sailing_kn",
            f"a bulk commodity ({', '.join(sorted(BULK_COMMODITIES))})",
            item.key,
        )
    if n_teu is None:  # pragma: no cover - _positive never returns None here
        raise InvalidInputError("teu", "a number", teu)
    if cost_params is not None and not isinstance(cost_params, CostParameters):
        raise InvalidInputError("cost_params", "a CostParameters or None", cost_params)
    net = _network() if land_network is None else land_network
    start = resolve_end(net, origin, "origin", prefer_port=False)
    end = resolve_end(net, destination, "destination", prefer_port=True)
    ports, passages, modes = _split_exclude(exclude)
    dest = end.port or end.place.code
    if end.port in ports:
        raise NoRouteError(f"destination {dest} is excluded", argument="exclude")
    q = Query(
        item=item,
        teu=n_teu,
        reefer=item.reefer if require_reefer is None else require_reefer,
        ports=frozenset(ports),
        passages=frozenset(passages),
        modes=frozenset(modes),
        dwell_days=port_dwell_days,
        speed_kn=speed,
        max_draft_m=_positive(max_draft_m, "max_draft_m", allow_none=True),
        params=cost_params,
        services=services,
    )
    reefer = q.reefer
    found: list[Candidate] = []
    heads = export_heads(net, start, q) if "sea" not in modes else []
    if "sea" not in modes:
        found += sea_candidates(net, heads, end, q)
    if "air" not in modes:
        found += air_candidates(start, end, q)
        if "sea" not in modes:
            found += sea_air_candidates(heads, end, q)
    candidates = [
        judge(
            c,
            item=item,
            teu=n_teu,
            exporter=start.place.country,
            importer=end.place.country,
            controlled_atmosphere=controlled_atmosphere,
            params=cost_params,
        )
        for c in found
    ]
    constraints = (
        [f"exclude={sorted(ports | passages | modes)}"] if (ports or passages or modes) else []
    )
    if reefer:
        constraints.append("require_reefer=True")
    if not candidates:
        raise NoRouteError(
            f"no itinerary from {origin!r} to {dest} for {item.key}"
            + (f" with {', '.join(constraints)}" if constraints else ""),
            argument="destination",
        )
    if limit is not None:
        fits = [c for c in candidates if c.total_days <= limit]
        if not fits:
            fastest = min(c.total_days for c in candidates)
            raise NoRouteError(
                f"no itinerary from {origin!r} to {dest} within max_days={limit:g}"
                f" (fastest {fastest:.1f} d)",
                argument="max_days",
            )
        candidates = fits
    return pareto(candidates)


def compare(
    origin: str,
    destination: str,
    *,
    commodity: str,
    teu: float = 1,
    without: Iterable[str] | str = ("PECHY",),
    controlled_atmosphere: bool = False,
) -> Comparison:
    """Fastest itinerary with every port vs. with the ``without`` ports excluded.

    Returns
    -------
    Comparison
        Both itineraries and rows ``(component, days_with, days_without,
        difference)`` explaining where the days go.
    """
    excluded = (without,) if isinstance(without, str) else tuple(without)
    best = plan(
        origin,
        destination,
        commodity=commodity,
        teu=teu,
        controlled_atmosphere=controlled_atmosphere,
    )[0]
    alt = plan(
        origin,
        destination,
        commodity=commodity,
        teu=teu,
        exclude=excluded,
        controlled_atmosphere=controlled_atmosphere,
    )[0]
    a, b = best.days_by_component(), alt.days_by_component()
    rows = tuple(
        (c, a.get(c, 0.0), b.get(c, 0.0), b.get(c, 0.0) - a.get(c, 0.0))
        for c in dict.fromkeys([*a, *b])
    )
    return Comparison(best, alt, tuple(e.upper() for e in excluded), rows)
