"""Leg builders: land, port, sea (scheduled and direct sailing)."""

from __future__ import annotations

import difflib
import itertools
from functools import cache

from corredor.costs import (
    CostParameters,
    freight_lanes,
    inland_usd_per_tkm,
    port_charges_usd_per_teu,
    sea_freight_usd_per_teu,
)
from corredor.economics.commodities import Commodity
from corredor.emissions import hub_emissions, leg_emissions
from corredor.errors import CorredorError, NoRouteError, UnknownCodeError
from corredor.land import LandNetwork
from corredor.planner.records import Leg
from corredor.sea import sea_route
from corredor.services import ServiceOption

__all__ = [
    "DEFAULT_PORT_DWELL_DAYS",
    "destination_leg",
    "direct_sailing_leg",
    "dwell_leg",
    "land_legs",
    "sea_freight",
    "sea_leg",
]

#: Export dwell at the gateway (gate-in to loading), days. ASSUMPTION: a typical
#: export cut-off of about two days before departure; not from a packaged source.
DEFAULT_PORT_DWELL_DAYS = 2.0

_EMISSION_MODE = {"truck": "road", "rail": "rail", "barge": "inland_waterway"}


def _inland_rate(
    mode: str, country: str, params: CostParameters | None = None
) -> tuple[float, str]:
    try:
        return inland_usd_per_tkm(mode, country, params=params), f"{mode}/{country}"
    except UnknownCodeError:
        # no row for this mode and country: the country's truck rate (assumption)
        rate = inland_usd_per_tkm("truck", country, params=params)
        return rate, f"truck/{country} as proxy for {mode}"


def land_legs(
    net: LandNetwork,
    origin: str,
    gateway_node: str,
    *,
    tonnes: float,
    reefer: bool,
    exclude_modes: tuple[str, ...],
    params: CostParameters | None = None,
) -> tuple[Leg, ...]:
    """Land legs from ``origin`` to a gateway node, one per network edge."""
    route = net.route(origin, gateway_node, exclude_modes=exclude_modes)
    out = []
    for lg in route.legs:
        country = net.node(lg.origin).country
        rate, basis = _inland_rate(lg.mode, country, params)
        em = leg_emissions(_EMISSION_MODE[lg.mode], lg.distance_km, tonnes=tonnes, reefer=reefer)
        cost = rate * tonnes * lg.distance_km
        out.append(
            Leg(
                mode=lg.mode,
                origin=lg.origin,
                destination=lg.destination,
                distance_km=lg.distance_km,
                days=lg.hours / 24.0,
                cost_usd=cost,
                co2e_kg=em.co2e_kg,
                component="land",
                detail=f"{rate:g} USD/t-km ({basis}) x {tonnes:g} t x {lg.distance_km:g} km; "
                f"{em.formula}",
                source_ids=(*(f"land_edge_row:{r}" for r in lg.source_rows), em.factor_id),
            )
        )
    return tuple(out)


def dwell_leg(
    locode: str,
    *,
    teu: float,
    reefer: bool,
    dwell_days: float,
    params: CostParameters | None = None,
) -> Leg:
    """Export dwell and handling at the gateway (terminal CO2e and THC per TEU)."""
    em = hub_emissions(teu)
    thc = port_charges_usd_per_teu(locode, reefer=reefer, params=params) * teu
    return Leg(
        mode="port",
        origin=locode,
        destination=locode,
        distance_km=0.0,
        days=dwell_days,
        cost_usd=thc,
        co2e_kg=em.co2e_kg,
        component="port_dwell",
        detail=f"dwell {dwell_days:g} d (assumption DEFAULT_PORT_DWELL_DAYS unless given); "
        f"THC port_charges.csv; {em.formula}",
        source_ids=(em.factor_id,),
    )


def wait_leg(option: ServiceOption, component: str, *, teu: float, extra_days: float = 0.0) -> Leg:
    """Average wait for the departure of ``option`` (+ hub connection), at its pol."""
    hub = component == "hub_connection"
    em = hub_emissions(teu) if hub else None
    return Leg(
        mode="hub" if hub else "port",
        origin=option.pol,
        destination=option.pol,
        distance_km=0.0,
        days=option.wait_days + extra_days,
        cost_usd=0.0,
        co2e_kg=em.co2e_kg if em else 0.0,
        component=component,
        detail=f"average wait frequency/2 = {option.wait_days:g} d"
        + (f" + connection {extra_days:g} d; {em.formula}" if em else ""),
        source_ids=(option.service.service_id,) + ((em.factor_id,) if em else ()),
    )


@cache
def _sea_km(a: str, b: str) -> tuple[float, tuple[str, ...]]:
    r = sea_route(a, b)
    return r.distance_km, r.passages


def sea_distance(calls: tuple[str, ...]) -> tuple[float, tuple[str, ...], str]:
    """Sea distance over consecutive calls (or pol -> pod if a call is unroutable)."""
    try:
        parts = [_sea_km(a, b) for a, b in itertools.pairwise(calls)]
        basis = "sea_route over consecutive calls"
    except NoRouteError:
        parts = [_sea_km(calls[0], calls[-1])]
        basis = "sea_route pol->pod (an intermediate call is not routable)"
    passages = tuple(dict.fromkeys(p for _, ps in parts for p in ps))
    return sum(km for km, _ in parts), passages, basis


def _countries(lane: str) -> tuple[str, str]:
    a, _, b = lane.partition("-")
    return a[:2], b[:2]


#: Where no lane of the same countries exists: Latin America -> Asia and
#: Asia -> Latin America are priced on the packaged Callao lanes (proxies).
_ASIA = frozenset({"CN", "HK", "TW", "JP", "KR", "SG", "VN", "TH", "MY", "ID", "PH", "IN"})


def sea_freight(pol: str, pod: str, params: CostParameters | None = None) -> tuple[float, str]:
    """Freight per TEU for pol -> pod and the lane used (proxy lanes are marked).

    Tried in order: the port pair, the port to the destination country, any
    lane between the same two countries, then the Callao lane in the same
    direction (Asia-bound or Latin America-bound) as a marked proxy.
    """
    for lane in (f"{pol}-{pod}", f"{pol}-{pod[:2]}"):
        try:
            return sea_freight_usd_per_teu(lane, params=params), lane
        except CorredorError:
            continue
    same = [lane for lane in freight_lanes() if _countries(lane) == (pol[:2], pod[:2])]
    if same:
        rate = sea_freight_usd_per_teu(same[0], params=params)
        return rate, f"{same[0]} (ASSUMPTION: proxy, same countries)"
    proxy = "PECLL-CN" if pod[:2] in _ASIA else "CN-PECLL"
    return sea_freight_usd_per_teu(proxy, params=params), f"{proxy} (ASSUMPTION: proxy lane)"


def sea_leg(
    option: ServiceOption, *, teu: float, reefer: bool, freight: tuple[float, str] | None
) -> tuple[Leg, tuple[str, ...]]:
    """Sea leg on a scheduled service, and the passages it sails through."""
    calls = (option.pol, *option.intermediate_calls, option.pod)
    km, passages, basis = sea_distance(calls)
    em = leg_emissions("sea", km, teu=teu, reefer=reefer)
    cost = freight[0] * teu if freight else 0.0
    lane = (
        f"freight {freight[0]:g} USD/TEU lane {freight[1]}" if freight else "freight in first leg"
    )
    leg = Leg(
        mode="sea",
        origin=option.pol,
        destination=option.pod,
        distance_km=km,
        days=option.transit_days,
        cost_usd=cost,
        co2e_kg=em.co2e_kg,
        component="sea",
        detail=f"{option.service.service_id} transit {option.transit_days:g} d; {basis}; "
        f"{lane}; {em.formula}",
        source_ids=(option.service.service_id, em.factor_id),
        stops=option.intermediate_calls,
    )
    return leg, passages


def direct_sailing_leg(
    pol: str,
    pod: str,
    *,
    speed_kn: float,
    commodity: Commodity,
    tonnes: float,
    avoid: tuple[str, ...],
    max_draft_m: float | None = None,
    params: CostParameters | None = None,
) -> Leg:
    """Explicit bulk/charter sailing at ``speed_kn`` (per-tonne emissions).

    ``max_draft_m`` is the vessel's draft: passages and ports shallower than
    it are refused (``corredor.sea_route``)."""
    r = sea_route(pol, pod, speed_kn=speed_kn, avoid=avoid, max_draft_m=max_draft_m)
    em = leg_emissions("sea", r.distance_km, tonnes=tonnes)
    rate, lane = sea_freight(pol, pod, params)
    teu_eq = tonnes / commodity.tonnes_per_teu
    return Leg(
        mode="sea",
        origin=pol,
        destination=pod,
        distance_km=r.distance_km,
        days=r.total_days,
        cost_usd=rate * teu_eq,
        co2e_kg=em.co2e_kg,
        component="sea",
        detail=f"direct sailing at {speed_kn:g} kn, passages {r.passages or 'none'}; "
        f"cost ASSUMPTION: container rate {rate:g} USD/TEU ({lane}) x {teu_eq:g} TEU-equivalent; "
        f"{em.formula}",
        source_ids=(em.factor_id,),
    )


def destination_leg(
    locode: str, *, teu: float, reefer: bool, params: CostParameters | None = None
) -> Leg:
    """Discharge at the destination port (terminal CO2e and THC; no dwell modelled)."""
    em = hub_emissions(teu)
    return Leg(
        mode="port",
        origin=locode,
        destination=locode,
        distance_km=0.0,
        days=0.0,
        cost_usd=port_charges_usd_per_teu(locode, reefer=reefer, params=params) * teu,
        co2e_kg=em.co2e_kg,
        component="destination_port",
        detail=f"discharge; import dwell not modelled; {em.formula}",
        source_ids=(em.factor_id,),
    )


def close(given: str, options: list[str]) -> list[str]:
    """Close matches for error messages."""
    return difflib.get_close_matches(given, options, n=3, cutoff=0.5)
