"""Port-to-port options on scheduled services: direct and with one transshipment.

Transit times come from the rotation's day offsets (``service_calls.csv``):
the days from the call at the port of loading to the call at the port of
discharge, so a service that calls five ports before crossing the Pacific
takes that long. When the port of discharge comes before the port of loading
in the rotation, the cargo stays aboard to the next round of the loop and the
transit is ``round_trip_days - pol_day + pod_day``; if the loop length is not
known, such an option is refused.

Assumptions (documented defaults, overridable per call):

* the average wait for the next departure is ``frequency_days / 2``
  (cargo ready at a random moment of the sailing cycle);
* the connection (dwell) time at a transshipment hub defaults to
  :data:`DEFAULT_CONNECTION_DAYS` = 2 days, an assumption (container
  transshipment dwell is typically a few days; no packaged source gives a
  per-hub figure). Pass a number, a ``{locode: days}`` table or a callable
  (e.g. a port-delay model) instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TypeAlias

from corredor.errors import InvalidInputError, NoRouteError
from corredor.reference import load_ports
from corredor.services.load import load_services
from corredor.services.model import Service, ServiceOption, TransshipmentOption

__all__ = [
    "DEFAULT_CONNECTION_DAYS",
    "ConnectionTime",
    "direct_options",
    "service_option",
    "transshipment_options",
]

#: Default connection (dwell) time at a transshipment hub, days. ASSUMPTION.
DEFAULT_CONNECTION_DAYS = 2.0

#: Connection time: fixed days, a per-hub table (missing hubs use the default)
#: or a function of the hub's UN/LOCODE.
ConnectionTime: TypeAlias = float | Mapping[str, float] | Callable[[str], float]


def _port(code: object, argument: str) -> str:
    return load_ports().get_port(code, argument).locode


def _dedupe(codes: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for c in codes:
        if not out or out[-1] != c:
            out.append(c)
    return tuple(out)


def service_option(service: Service, pol: str, pod: str) -> ServiceOption:
    """The fastest carriage on ``service`` from ``pol`` to ``pod`` (UN/LOCODEs).

    Every pair of calls at ``pol`` and ``pod`` is considered; the one with the
    shortest transit wins.

    Raises
    ------
    NoRouteError
        If the service does not call both ports, the day offsets are not
        published, or ``pod`` comes before ``pol`` and the loop length is unknown.
    """
    calls = service.calls
    starts = [i for i, c in enumerate(calls) if c.locode == pol]
    ends = [j for j, c in enumerate(calls) if c.locode == pod]
    if not starts or not ends:
        raise NoRouteError(f"service {service.service_id} does not call both {pol} and {pod}")
    best: tuple[float, int, int, bool] | None = None
    reason = "its day offsets are not published"
    for i in starts:
        d_i = calls[i].day_offset
        for j in ends:
            d_j = calls[j].day_offset
            if d_i is None or d_j is None:
                continue
            if j > i:
                transit, wraps = d_j - d_i, False
            elif service.round_trip_days is None:
                reason = f"{pod} comes before {pol} in the rotation and the loop length is unknown"
                continue
            else:
                transit, wraps = service.round_trip_days - d_i + d_j, True
            if best is None or (transit, wraps) < (best[0], best[3]):
                best = (transit, i, j, wraps)
    if best is None:
        raise NoRouteError(f"service {service.service_id} from {pol} to {pod}: {reason}")
    transit, i, j, wraps = best
    between = calls[i + 1 : j] if not wraps else calls[i + 1 :] + calls[:j]
    departure = calls[i].day_offset or 0.0
    return ServiceOption(
        service=service,
        pol=pol,
        pod=pod,
        departure_day=departure,
        arrival_day=departure + transit,
        transit_days=transit,
        intermediate_calls=tuple(
            c for c in _dedupe(x.locode for x in between) if c not in (pol, pod)
        ),
        wraps=wraps,
        wait_days=service.frequency_days / 2.0,
    )


def _sort_key(option: ServiceOption) -> tuple[float, float, str]:
    return (option.transit_days, option.wait_days, option.service.service_id)


def direct_options(
    pol: str,
    pod: str,
    *,
    services: Mapping[str, Service] | None = None,
    reefer: bool = False,
) -> list[ServiceOption]:
    """Direct (single-service) options from ``pol`` to ``pod``, fastest first.

    Parameters
    ----------
    pol, pod : str
        Ports of loading and discharge (UN/LOCODE, case and spaces ignored).
    services : mapping, optional
        Services to search; the packaged ones by default.
    reefer : bool
        Keep only services that take reefer containers.

    Returns
    -------
    list of ServiceOption
        One option per service that calls both ports with known timing
        (services without published day offsets, or that would have to wrap
        around a loop of unknown length, are left out). Empty if none.

    Raises
    ------
    UnknownPortError
        If a code is not in the port table (with close matches).
    InvalidInputError
        If ``pol`` and ``pod`` are the same port.
    """
    a, b = _port(pol, "pol"), _port(pod, "pod")
    if a == b:
        raise InvalidInputError("pod", "a port different from pol", pod)
    table = load_services() if services is None else services
    out: list[ServiceOption] = []
    for service in table.values():
        if reefer and not service.reefer:
            continue
        if not (service.calls_at(a) and service.calls_at(b)):
            continue
        try:
            out.append(service_option(service, a, b))
        except NoRouteError:
            continue
    return sorted(out, key=_sort_key)


def _connection(connection: ConnectionTime, hub: str) -> float:
    if callable(connection):
        value = connection(hub)
    elif isinstance(connection, Mapping):
        value = connection.get(hub, DEFAULT_CONNECTION_DAYS)
    else:
        value = connection
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInputError("min_connection_days", "a finite number of days", value)
    if value < 0:
        raise InvalidInputError("min_connection_days", "days >= 0", value)
    return float(value)


def transshipment_options(
    pol: str,
    pod: str,
    hubs: Iterable[str] | None = None,
    min_connection_days: ConnectionTime = DEFAULT_CONNECTION_DAYS,
    *,
    services: Mapping[str, Service] | None = None,
    reefer: bool = False,
) -> list[TransshipmentOption]:
    """Options on two services joined at a hub port, fastest total first.

    Parameters
    ----------
    pol, pod : str
        Ports of loading and discharge (UN/LOCODE).
    hubs : iterable of str, optional
        Hub ports to try (e.g. ``["MXZLO", "MXLZC", "PABLB"]``); by default
        every port called by a service from ``pol`` and by one to ``pod``.
    min_connection_days : float, mapping or callable
        Connection (dwell) time at the hub in days: a number, a
        ``{locode: days}`` table (missing hubs get :data:`DEFAULT_CONNECTION_DAYS`)
        or a function of the hub code such as a port-delay model.
    services : mapping, optional
        Services to search; the packaged ones by default.
    reefer : bool
        Keep only options whose both services take reefer containers.

    Returns
    -------
    list of TransshipmentOption
        Every pair (first service, second service) with different services,
        sorted by ``total_days``.
    """
    a, b = _port(pol, "pol"), _port(pod, "pod")
    if a == b:
        raise InvalidInputError("pod", "a port different from pol", pod)
    table = load_services() if services is None else services
    if hubs is None:
        from_a = {c for s in table.values() if s.calls_at(a) for c in s.rotation}
        to_b = {c for s in table.values() if s.calls_at(b) for c in s.rotation}
        hub_codes = sorted((from_a & to_b) - {a, b})
    else:
        hub_codes = list(dict.fromkeys(_port(h, "hubs") for h in hubs))
    out: list[TransshipmentOption] = []
    for hub in hub_codes:
        if hub in (a, b):
            raise InvalidInputError("hubs", "ports other than pol and pod", hub)
        firsts = direct_options(a, hub, services=table, reefer=reefer)
        if not firsts:
            continue
        seconds = direct_options(hub, b, services=table, reefer=reefer)
        if not seconds:
            continue
        dwell = _connection(min_connection_days, hub)
        out.extend(
            TransshipmentOption(first=f, second=s, hub=hub, connection_days=dwell)
            for f in firsts
            for s in seconds
            if f.service.service_id != s.service.service_id
        )
    return sorted(
        out,
        key=lambda o: (o.total_days, o.first.service.service_id, o.second.service.service_id),
    )
