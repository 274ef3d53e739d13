"""Airports (IATA) and scheduled air cargo routes, with great-circle leg distances.

Tables: ``data/planner/airports.csv`` and ``data/planner/air_routes.csv``. A
route flies ``from_iata`` → (``via_iata``) → ``to_iata`` with a whole-route
``transit_h`` from the data (most are estimates, marked ``assumption``) and a
frequency per week (0 = charter, not a scheduled service; empty = not
published). Leg distances are great-circle (:func:`corredor.geo.haversine_km`),
not flown track distances.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.geo import haversine_km
from corredor.reference import read_table

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

AIRPORTS_FILE = "airports.csv"
ROUTES_FILE = "air_routes.csv"


@dataclass(frozen=True, slots=True)
class Airport:
    """An airport keyed by IATA code."""

    iata: str
    name: str
    country: str
    lat: float
    lon: float
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class AirRoute:
    """A scheduled (or charter) cargo routing, stops in order.

    ``frequency_per_week`` is ``None`` when not published and ``0`` for a
    charter that is not a scheduled service.
    """

    route_id: str
    operator: str
    aircraft: str
    stops: tuple[str, ...]
    transit_h: float
    frequency_per_week: float | None
    opened: str
    notes: str
    source: str
    assumption: bool

    @property
    def scheduled(self) -> bool:
        """False for charters (frequency 0)."""
        return self.frequency_per_week != 0


@dataclass(frozen=True, slots=True)
class AirLeg:
    """One flight leg between two airports, great-circle distance in km."""

    origin: str
    destination: str
    distance_km: float


@dataclass(frozen=True, slots=True)
class AirOption:
    """Carriage on one air route from ``origin`` to ``destination``.

    ``transit_h`` is the route's door-of-airport to airport time from the data
    (see the route's ``assumption`` flag); ``distance_km`` sums the legs.
    """

    route: AirRoute
    origin: str
    destination: str
    legs: tuple[AirLeg, ...]
    transit_h: float

    @property
    def operator(self) -> str:
        """Airline operating the route."""
        return self.route.operator

    @property
    def frequency_per_week(self) -> float | None:
        """Departures per week (``None`` if not published, 0 for a charter)."""
        return self.route.frequency_per_week

    @property
    def distance_km(self) -> float:
        """Sum of great-circle leg distances."""
        return sum(leg.distance_km for leg in self.legs)

    @property
    def via(self) -> tuple[str, ...]:
        """Intermediate airports."""
        return tuple(leg.destination for leg in self.legs[:-1])


def _float(raw: str, file: str, line: int, column: str, *, required: bool) -> float | None:
    raw = raw.strip()
    if not raw:
        if required:
            raise DataError(f"{file} line {line}, column {column!r}: value is required, got ''")
        return None
    try:
        value = float(raw)
    except ValueError:
        raise DataError(
            f"{file} line {line}, column {column!r}: expected a number, got {raw!r}"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise DataError(f"{file} line {line}, column {column!r}: expected >= 0, got {raw!r}")
    return value


def parse_airports(
    rows: Sequence[Mapping[str, str]], file: str = AIRPORTS_FILE
) -> dict[str, Airport]:
    """Validate airport rows (IATA code, coordinates, source)."""
    out: dict[str, Airport] = {}
    for i, row in enumerate(rows):
        line = i + 2
        code = (row.get("iata") or "").strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise DataError(f"{file} line {line}, column 'iata': expected 3 letters, got {code!r}")
        if code in out:
            raise DataError(f"{file} line {line}, column 'iata': duplicate code {code!r}")
        try:
            lat_v = float(row.get("lat") or "")
            lon_v = float(row.get("lon") or "")
        except ValueError:
            raise DataError(f"{file} line {line}, column 'lat'/'lon': expected numbers") from None
        if not (-90 <= lat_v <= 90 and -180 <= lon_v <= 180):
            raise DataError(
                f"{file} line {line}, column 'lat'/'lon': out of range ({lat_v}, {lon_v})"
            )
        if not (row.get("source") or "").strip():
            raise DataError(f"{file} line {line}, column 'source': value is required, got ''")
        out[code] = Airport(
            iata=code,
            name=(row.get("name") or "").strip(),
            country=(row.get("country") or "").strip(),
            lat=lat_v,
            lon=lon_v,
            notes=(row.get("notes") or "").strip(),
            source=row["source"].strip(),
        )
    return out


def parse_air_routes(
    rows: Sequence[Mapping[str, str]], airports: Mapping[str, Airport], file: str = ROUTES_FILE
) -> dict[str, AirRoute]:
    """Validate route rows; every airport code must be in ``airports``."""
    out: dict[str, AirRoute] = {}
    for i, row in enumerate(rows):
        line = i + 2
        rid = (row.get("route_id") or "").strip()
        if not rid or rid in out:
            raise DataError(f"{file} line {line}, column 'route_id': missing or duplicate {rid!r}")
        stops: list[str] = []
        for column in ("from_iata", "via_iata", "to_iata"):
            for code in (row.get(column) or "").replace(";", " ").split():
                code = code.strip().upper()
                if code not in airports:
                    close = difflib.get_close_matches(code, list(airports), n=3)
                    hint = f"; close matches: {', '.join(close)}" if close else ""
                    raise DataError(
                        f"{file} line {line}, column {column!r}: unknown IATA code {code!r}{hint}"
                    )
                stops.append(code)
        if (
            len(stops) < 2
            or not (row.get("from_iata") or "").strip()
            or not (row.get("to_iata") or "").strip()
        ):
            raise DataError(f"{file} line {line}, column 'from_iata'/'to_iata': both are required")
        transit = _float(row.get("transit_h") or "", file, line, "transit_h", required=True)
        if not (row.get("source") or "").strip():
            raise DataError(f"{file} line {line}, column 'source': value is required, got ''")
        assumption = (row.get("assumption") or "false").strip().lower()
        if assumption not in ("true", "false"):
            raise DataError(
                f"{file} line {line}, column 'assumption': "
                f"expected true or false, got {assumption!r}"
            )
        out[rid] = AirRoute(
            route_id=rid,
            operator=(row.get("operator") or "").strip(),
            aircraft=(row.get("aircraft") or "").strip(),
            stops=tuple(stops),
            transit_h=transit or 0.0,
            frequency_per_week=_float(
                row.get("frequency_per_week") or "",
                file,
                line,
                "frequency_per_week",
                required=False,
            ),
            opened=(row.get("opened") or "").strip(),
            notes=(row.get("notes") or "").strip(),
            source=row["source"].strip(),
            assumption=assumption == "true",
        )
    return out


@cache
def load_airports() -> Mapping[str, Airport]:
    """The packaged airports by IATA code."""
    return MappingProxyType(parse_airports(read_table(f"planner/{AIRPORTS_FILE}")))


@cache
def load_air_routes() -> Mapping[str, AirRoute]:
    """The packaged air cargo routes by id."""
    return MappingProxyType(parse_air_routes(read_table(f"planner/{ROUTES_FILE}"), load_airports()))


def get_airport(code: object, argument: str = "airport") -> Airport:
    """The airport for an IATA code (case ignored).

    Raises
    ------
    UnknownCodeError
        For a code not in the table, with close matches.
    """
    airports = load_airports()
    key = code.strip().upper() if isinstance(code, str) else ""
    if key in airports:
        return airports[key]
    close = difflib.get_close_matches(key, list(airports), n=3, cutoff=0.3) if key else []
    names = [
        a.iata for a in airports.values() if key and len(key) > 3 and key.lower() in a.name.lower()
    ]
    raise UnknownCodeError(
        argument, str(code), list(dict.fromkeys(names + close))[:5], what="airport (IATA)"
    )


def _legs(stops: Sequence[str]) -> tuple[AirLeg, ...]:
    airports = load_airports()
    a = [airports[s] for s in stops]
    dist = haversine_km(
        [p.lat for p in a[:-1]],
        [p.lon for p in a[:-1]],
        [p.lat for p in a[1:]],
        [p.lon for p in a[1:]],
    )
    return tuple(
        AirLeg(origin=stops[k], destination=stops[k + 1], distance_km=float(dist[k]))
        for k in range(len(stops) - 1)
    )


def air_options(
    origin_iata: str, destination_iata: str, *, include_charters: bool = False
) -> list[AirOption]:
    """Air cargo routes from one airport to another, fastest first.

    Parameters
    ----------
    origin_iata, destination_iata : str
        IATA codes (case ignored).
    include_charters : bool
        Also return charter routings (frequency 0), which are not scheduled services.

    Returns
    -------
    list of AirOption
        Routes whose first stop is the origin and last stop the destination.
        Transit hours are those of the whole route in the data; a route is not
        split into partial segments (no per-leg times are published).

    Raises
    ------
    UnknownCodeError
        For an unknown IATA code, with close matches.
    InvalidInputError
        If origin and destination are the same.
    """
    a = get_airport(origin_iata, "origin_iata").iata
    b = get_airport(destination_iata, "destination_iata").iata
    if a == b:
        raise InvalidInputError(
            "destination_iata", "an airport different from origin_iata", destination_iata
        )
    out = [
        AirOption(route=r, origin=a, destination=b, legs=_legs(r.stops), transit_h=r.transit_h)
        for r in load_air_routes().values()
        if r.stops[0] == a and r.stops[-1] == b and (include_charters or r.scheduled)
    ]
    return sorted(out, key=lambda o: (o.transit_h, o.route.route_id))
