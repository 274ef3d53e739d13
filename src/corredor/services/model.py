"""Immutable records for scheduled liner services and the options built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["Call", "Service", "ServiceOption", "TransshipmentOption"]


@dataclass(frozen=True, slots=True)
class Call:
    """One port call in a service's rotation.

    Attributes
    ----------
    locode : str
        UN/LOCODE of the port, without the space (``PECHY``).
    day_offset : float or None
        Days from the rotation's first call; ``None`` where the source publishes
        no timing.
    notes, source : str
        Free-text notes and the source of this row.
    assumption : bool
        True when the day offset was estimated or derived.
    """

    locode: str
    day_offset: float | None
    notes: str = ""
    source: str = ""
    assumption: bool = False


@dataclass(frozen=True, slots=True)
class Service:
    """A scheduled liner service: a loop of port calls sailed at a fixed frequency.

    Attributes
    ----------
    service_id : str
        Identifier used in the packaged tables (``COSCO_WSA5``).
    name, operator : str
        Marketing name and operating carrier.
    frequency_days : float
        Days between two departures (7 for a weekly service).
    calls : tuple of Call
        Port calls in rotation order.
    vessel_teu : int or None
        Nominal vessel size, ``None`` if not published.
    round_trip_days : float or None
        Length of the loop; ``None`` if unknown (then no option may wrap around
        the end of the rotation).
    reefer : bool
        Whether the service takes reefer (refrigerated) containers.
    valid_from, valid_to : date or None
        First and last day the rotation applies; ``valid_to`` is set only on a
        historical version of a service.
    superseded_by : str
        For a historical version, the id of the service that replaced it (the
        pre-Chancay WSA3 calling Callao is superseded by the WSA3 calling Chancay).
    source : str
        Where the row comes from.
    """

    service_id: str
    name: str
    operator: str
    frequency_days: float
    calls: tuple[Call, ...]
    vessel_teu: int | None = None
    round_trip_days: float | None = None
    reefer: bool = False
    mode: str = "container"
    partners: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    superseded_by: str = ""
    notes: str = ""
    source: str = ""
    assumption: bool = False

    @property
    def rotation(self) -> tuple[str, ...]:
        """The UN/LOCODEs of the calls, in order."""
        return tuple(c.locode for c in self.calls)

    @property
    def historical(self) -> bool:
        """Whether this is a past version of a service (it has a ``valid_to``)."""
        return self.valid_to is not None

    def calls_at(self, locode: str) -> bool:
        """Whether the rotation includes ``locode``."""
        return any(c.locode == locode for c in self.calls)


@dataclass(frozen=True, slots=True)
class ServiceOption:
    """Carriage on one service from a port of loading to a port of discharge.

    Attributes
    ----------
    service : Service
        The service sailed.
    pol, pod : str
        Port of loading and of discharge (UN/LOCODE).
    departure_day, arrival_day : float
        Day offsets in the rotation of the two calls used; ``arrival_day`` is
        ``departure_day + transit_days`` (it exceeds the loop length when the
        option wraps around the end of the rotation).
    transit_days : float
        Sailing time from the rotation, port to port.
    intermediate_calls : tuple of str
        Ports called between ``pol`` and ``pod``, in order.
    wraps : bool
        True when ``pod`` is reached on the next round of the loop.
    wait_days : float
        Average wait for the next departure, ``frequency_days / 2``
        (assumption: cargo is ready at a random moment of the schedule cycle).
    """

    service: Service
    pol: str
    pod: str
    departure_day: float
    arrival_day: float
    transit_days: float
    intermediate_calls: tuple[str, ...]
    wraps: bool
    wait_days: float

    @property
    def reefer(self) -> bool:
        """Whether the service takes reefer containers."""
        return self.service.reefer

    @property
    def expected_days(self) -> float:
        """Average wait for the next departure plus transit."""
        return self.wait_days + self.transit_days


@dataclass(frozen=True, slots=True)
class TransshipmentOption:
    """Two services joined at a hub port.

    ``total_days`` = first transit + connection (dwell) at the hub + average
    wait for the second service + second transit. The wait for the first
    departure is not included (it is ``first.wait_days``), so the total is
    comparable with :attr:`ServiceOption.transit_days`.
    """

    first: ServiceOption
    second: ServiceOption
    hub: str
    connection_days: float
    total_days: float = field(init=False)

    def __post_init__(self) -> None:
        total = (
            self.first.transit_days
            + self.connection_days
            + self.second.wait_days
            + self.second.transit_days
        )
        object.__setattr__(self, "total_days", total)

    @property
    def pol(self) -> str:
        """Port of loading of the first service."""
        return self.first.pol

    @property
    def pod(self) -> str:
        """Port of discharge of the second service."""
        return self.second.pod

    @property
    def reefer(self) -> bool:
        """True when both services take reefer containers."""
        return self.first.reefer and self.second.reefer

    @property
    def expected_days(self) -> float:
        """Total including the average wait for the first departure."""
        return self.first.wait_days + self.total_days
