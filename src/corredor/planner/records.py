"""Records of the door-to-door planner: legs, itineraries and comparisons."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = ["Comparison", "Itinerary", "Leg"]

#: Leg components counted as "port to port" (terminal to terminal: sea, transshipment, flight).
PORT_TO_PORT = frozenset({"sea", "hub_connection", "air"})


@dataclass(frozen=True, slots=True)
class Leg:
    """One leg of an itinerary.

    Attributes
    ----------
    mode : str
        ``truck``, ``rail``, ``barge``, ``sea``, ``air``, ``port`` or ``hub``.
    origin, destination : str
        Node ids (land) or UN/LOCODEs (ports).
    distance_km, days, cost_usd, co2e_kg : float
        Leg figures (``cost_usd`` and ``co2e_kg`` for the whole shipment).
    component : str
        What the leg stands for: ``land``, ``port_dwell``, ``departure_wait``,
        ``sea``, ``hub_connection`` or ``destination_port``.
    detail : str
        How the numbers were obtained (formula, assumption).
    source_ids : tuple of str
        Service ids, emission factor ids, land edge rows.
    stops : tuple of str
        Ports (or airports) called between ``origin`` and ``destination``.
    """

    mode: str
    origin: str
    destination: str
    distance_km: float
    days: float
    cost_usd: float
    co2e_kg: float
    component: str
    detail: str = ""
    source_ids: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (``from``/``to`` keys as in the CLI contract)."""
        return {
            "mode": self.mode,
            "from": self.origin,
            "to": self.destination,
            "distance_km": self.distance_km,
            "days": self.days,
            "cost_usd": self.cost_usd,
            "co2e_kg": self.co2e_kg,
            "component": self.component,
            "detail": self.detail,
            "source_ids": list(self.source_ids),
            "stops": list(self.stops),
        }


@dataclass(frozen=True, slots=True)
class Itinerary:
    """A door-to-port itinerary; totals are the sums of its legs.

    Attributes
    ----------
    legs : tuple of Leg
    gateway : str
        UN/LOCODE of the export port.
    arrives_sellable : bool
    remaining_shelf_life_days : float
        ``inf`` for non-perishable cargo.
    label : str
        Short description (gateway, services, hub).
    shelf_life_basis : str
        How the shelf life was judged.
    landed_cost_usd_per_kg : float or None
        FOB + this itinerary's cost + insurance + destination tariff, per kg
        (``None`` when the tables cannot price it; see ``landed_cost_basis``).
    landed_cost_basis : str
        The components, or why the landed cost is missing.
    """

    legs: tuple[Leg, ...]
    gateway: str
    arrives_sellable: bool
    remaining_shelf_life_days: float
    label: str
    shelf_life_basis: str = ""
    landed_cost_usd_per_kg: float | None = None
    landed_cost_basis: str = ""

    @property
    def total_days(self) -> float:
        """Door-to-destination-port days (sum of the legs)."""
        return math.fsum(leg.days for leg in self.legs)

    @property
    def cost_usd(self) -> float:
        """Total cost (sum of the legs)."""
        return math.fsum(leg.cost_usd for leg in self.legs)

    @property
    def co2e_kg(self) -> float:
        """Total well-to-wheel CO2e (sum of the legs)."""
        return math.fsum(leg.co2e_kg for leg in self.legs)

    @property
    def port_to_port_days(self) -> float:
        """Days at sea plus transshipment connections (no export dwell or first wait)."""
        return math.fsum(leg.days for leg in self.legs if leg.component in PORT_TO_PORT)

    @property
    def shelf_life_left_days(self) -> float | None:
        """``remaining_shelf_life_days`` as JSON has it: ``None`` for non-perishables."""
        left = self.remaining_shelf_life_days
        return left if math.isfinite(left) else None

    def days_by_component(self) -> dict[str, float]:
        """Days summed per leg component, in order of first appearance."""
        out: dict[str, float] = {}
        for leg in self.legs:
            out[leg.component] = out.get(leg.component, 0.0) + leg.days
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form matching the ``itineraries[]`` contract."""
        return {
            "label": self.label,
            "gateway": self.gateway,
            "total_days": self.total_days,
            "port_to_port_days": self.port_to_port_days,
            "cost_usd": self.cost_usd,
            "co2e_kg": self.co2e_kg,
            "arrives_sellable": self.arrives_sellable,
            "remaining_shelf_life_days": self.shelf_life_left_days,
            "shelf_life_basis": self.shelf_life_basis,
            "landed_cost_usd_per_kg": self.landed_cost_usd_per_kg,
            "landed_cost_basis": self.landed_cost_basis,
            "legs": [leg.to_dict() for leg in self.legs],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Best itinerary with and without some ports, and where the days go.

    Attributes
    ----------
    with_ : Itinerary
        Fastest itinerary with every port allowed.
    without : Itinerary
        Fastest itinerary with the ``without`` ports excluded.
    without_ports : tuple of str
    rows : tuple of (component, days_with, days_without, difference)
        ``difference = days_without - days_with``.
    """

    with_: Itinerary
    without: Itinerary
    without_ports: tuple[str, ...]
    rows: tuple[tuple[str, float, float, float], ...]

    @property
    def days_saved(self) -> float:
        """Door-to-port days saved by the ``with`` itinerary."""
        return self.without.total_days - self.with_.total_days

    @property
    def port_to_port_days_saved(self) -> float:
        """Port-to-port days saved by the ``with`` itinerary."""
        return self.without.port_to_port_days - self.with_.port_to_port_days

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "with": self.with_.to_dict(),
            "without": self.without.to_dict(),
            "without_ports": list(self.without_ports),
            "explanation": [
                {"component": c, "days_with": a, "days_without": b, "difference": d}
                for c, a, b, d in self.rows
            ],
        }
