"""Air and sea-air legs: airport access by truck, airport handling, flights.

Airports serve a place when the land network lists their IATA code for it
(São Paulo: GRU, VCP), and serve a port within :data:`PORT_AIRPORT_KM` of it
(Xiamen port: XMN; Jebel Ali: DXB), the sea-air transfer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from corredor.air import AirOption, air_options, load_airports
from corredor.costs import CostParameters, air_freight_usd_per_kg, inland_usd_per_tkm
from corredor.emissions import leg_emissions
from corredor.errors import CorredorError
from corredor.geo import haversine_km
from corredor.planner.records import Leg

__all__ = [
    "AIRPORT_ACCESS_CIRCUITY",
    "AIRPORT_ACCESS_KMH",
    "AIRPORT_DWELL_DAYS",
    "PORT_AIRPORT_KM",
    "Place",
    "access_leg",
    "air_pairs",
    "airport_leg",
    "airports_near",
    "flight_legs",
]

#: Road distance over great circle for airport access: the flat-terrain
#: circuity of the packaged land network (edges.csv, detour index method).
AIRPORT_ACCESS_CIRCUITY = 1.22
#: Urban truck speed for airport access, km/h. ASSUMPTION (as the land network's
#: urban port-access edges).
AIRPORT_ACCESS_KMH = 60.0
#: Days at each airport (acceptance before the flight; clearance after it).
#: ASSUMPTION: one day each; no packaged source gives per-airport figures.
AIRPORT_DWELL_DAYS = 1.0
#: An airport within this distance of a port serves it (sea-air transfer).
PORT_AIRPORT_KM = 60.0


@dataclass(frozen=True, slots=True)
class Place:
    """An end of a journey: id used in legs, position, country, airports serving it."""

    code: str
    lat: float
    lon: float
    country: str
    airports: tuple[str, ...]


@cache
def airports_near(lat: float, lon: float, km: float = PORT_AIRPORT_KM) -> tuple[str, ...]:
    """IATA codes of packaged airports within ``km`` of a point, nearest first."""
    airports = load_airports()
    codes = list(airports)
    d = haversine_km(lat, lon, [airports[c].lat for c in codes], [airports[c].lon for c in codes])
    near = sorted((float(x), c) for x, c in zip(d, codes, strict=True) if x <= km)
    return tuple(c for _, c in near)


def access_leg(
    place: Place,
    airport: str,
    *,
    tonnes: float,
    inbound: bool,
    params: CostParameters | None = None,
) -> Leg | None:
    """Truck between a place and an airport (``None`` when the place is the airport)."""
    if place.code == airport:
        return None
    a = load_airports()[airport]
    km = float(haversine_km(place.lat, place.lon, a.lat, a.lon)) * AIRPORT_ACCESS_CIRCUITY
    try:
        rate = inland_usd_per_tkm("truck", place.country, params=params)
        basis = f"truck/{place.country}"
    except CorredorError:
        rate = inland_usd_per_tkm("truck", "PE", params=params)
        basis = "truck/PE as proxy (ASSUMPTION)"
    em = leg_emissions("road", km, tonnes=tonnes)
    src, dst = (airport, place.code) if inbound else (place.code, airport)
    return Leg(
        mode="truck",
        origin=src,
        destination=dst,
        distance_km=km,
        days=km / AIRPORT_ACCESS_KMH / 24.0,
        cost_usd=rate * tonnes * km,
        co2e_kg=em.co2e_kg,
        component="land",
        detail=f"airport access: great circle x {AIRPORT_ACCESS_CIRCUITY} at "
        f"{AIRPORT_ACCESS_KMH:g} km/h (ASSUMPTION); {rate:g} USD/t-km ({basis}); {em.formula}",
        source_ids=(em.factor_id,),
    )


def airport_leg(airport: str, component: str) -> Leg:
    """Handling time at an airport (acceptance or clearance)."""
    return Leg(
        mode="hub",
        origin=airport,
        destination=airport,
        distance_km=0.0,
        days=AIRPORT_DWELL_DAYS,
        cost_usd=0.0,
        co2e_kg=0.0,
        component=component,
        detail=f"{AIRPORT_DWELL_DAYS:g} d at the airport (ASSUMPTION AIRPORT_DWELL_DAYS); "
        "handling charges and airport CO2e are not in the packaged tables (not modelled)",
    )


def _air_lane(origin: str, destination: str, params: CostParameters | None) -> tuple[float, str]:
    airports = load_airports()
    lane = f"{airports[origin].country}-{airports[destination].country}"
    return air_freight_usd_per_kg(lane, params=params), lane


def flight_legs(
    option: AirOption, *, tonnes: float, params: CostParameters | None = None
) -> tuple[Leg, ...]:
    """Wait for the flight and the flight itself (cost per kg by country lane).

    Raises
    ------
    CorredorError
        When the air-rate table has no lane for the two countries.
    """
    rate, lane = _air_lane(option.origin, option.destination, params)
    em = leg_emissions("air", option.distance_km, tonnes=tonnes)
    freq = option.frequency_per_week
    wait = 7.0 / freq / 2.0 if freq else 0.0
    wait_leg = Leg(
        mode="hub",
        origin=option.origin,
        destination=option.origin,
        distance_km=0.0,
        days=wait,
        cost_usd=0.0,
        co2e_kg=0.0,
        component="departure_wait",
        detail=f"average wait half the interval of {freq:g} flights/week"
        if freq
        else "flight frequency not published: no wait modelled (ASSUMPTION)",
        source_ids=(option.route.route_id,),
    )
    flight = Leg(
        mode="air",
        origin=option.origin,
        destination=option.destination,
        distance_km=option.distance_km,
        days=option.transit_h / 24.0,
        cost_usd=rate * tonnes * 1000.0,
        co2e_kg=em.co2e_kg,
        component="air",
        detail=f"{option.route.route_id} {option.transit_h:g} h; {rate:g} USD/kg lane {lane} "
        f"x {tonnes * 1000:g} kg; {em.formula}",
        source_ids=(option.route.route_id, em.factor_id),
        stops=option.via,
    )
    return wait_leg, flight


def air_pairs(
    origins: Iterable[str], destinations: Iterable[str]
) -> list[tuple[str, str, AirOption]]:
    """Scheduled air options between any origin and destination airport."""
    out: list[tuple[str, str, AirOption]] = []
    dests = tuple(destinations)
    for a in origins:
        for b in dests:
            if a == b:
                continue
            out.extend((a, b, o) for o in air_options(a, b))
    return out
