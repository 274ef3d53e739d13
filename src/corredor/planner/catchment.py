"""Chancay's catchment: the best gateway for the corridor's export cases, with and without it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corredor.planner.core import compare
from corredor.planner.records import Itinerary

__all__ = ["CATCHMENT_CASES", "CatchmentCase", "CatchmentRow", "catchment"]


@dataclass(frozen=True, slots=True)
class CatchmentCase:
    """An export case: a producing region and its commodity."""

    label: str
    origin: str
    commodity: str


#: The corridor's reference export cases (DESIGN.md, issue 4): each origin is a
#: node of the packaged land network in the producing region named.
CATCHMENT_CASES = (
    CatchmentCase("Mato Grosso soy", "Sorriso", "soybeans"),
    CatchmentCase("Colombian coffee (Eje Cafetero)", "Pereira", "coffee_green"),
    CatchmentCase("Argentine beef", "Rosario", "beef_frozen"),
    CatchmentCase("Chilean cherries", "Curicó", "cherries"),
    CatchmentCase("Ecuadorian bananas", "Machala", "bananas"),
    CatchmentCase("Peruvian blueberries", "Trujillo, PE", "blueberries"),
)


@dataclass(frozen=True, slots=True)
class CatchmentRow:
    """Fastest itinerary for one case with every port and without some ports.

    ``days_saved``, ``usd_saved`` and ``co2e_saved_kg`` are *without* minus
    *with* (positive when the port helps).
    """

    case: CatchmentCase
    destination: str
    without_ports: tuple[str, ...]
    with_: Itinerary
    without: Itinerary

    @property
    def days_saved(self) -> float:
        """Door-to-port days saved by the port."""
        return self.without.total_days - self.with_.total_days

    @property
    def usd_saved(self) -> float:
        """Cost saved on the fastest itinerary (negative: the faster route costs more)."""
        return self.without.cost_usd - self.with_.cost_usd

    @property
    def co2e_saved_kg(self) -> float:
        """CO2e saved (negative: the faster route emits more)."""
        return self.without.co2e_kg - self.with_.co2e_kg

    @property
    def route_changes(self) -> bool:
        """Whether removing the ports changes the fastest itinerary (gateway or services)."""
        return self.with_.label != self.without.label

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary (one catchment table row)."""
        return {
            "case": self.case.label,
            "origin": self.case.origin,
            "commodity": self.case.commodity,
            "destination": self.destination,
            "without_ports": list(self.without_ports),
            "gateway_with": self.with_.gateway,
            "gateway_without": self.without.gateway,
            "route_with": self.with_.label,
            "route_without": self.without.label,
            "days_with": self.with_.total_days,
            "days_without": self.without.total_days,
            "days_saved": self.days_saved,
            "usd_with": self.with_.cost_usd,
            "usd_without": self.without.cost_usd,
            "usd_saved": self.usd_saved,
            "co2e_kg_with": self.with_.co2e_kg,
            "co2e_kg_without": self.without.co2e_kg,
            "co2e_saved_kg": self.co2e_saved_kg,
            "sellable_with": self.with_.arrives_sellable,
            "sellable_without": self.without.arrives_sellable,
            "shelf_life_left_with_days": self.with_.shelf_life_left_days,
            "shelf_life_left_without_days": self.without.shelf_life_left_days,
            "route_changes": self.route_changes,
        }


def catchment(
    destination: str = "CNSHA",
    *,
    cases: Iterable[CatchmentCase] = CATCHMENT_CASES,
    without: Iterable[str] | str = ("PECHY",),
    teu: float = 1,
) -> list[CatchmentRow]:
    """Best gateway per export case with every port and with ``without`` removed.

    Parameters
    ----------
    destination : str
        Destination port UN/LOCODE (Shanghai by default).
    cases : iterable of CatchmentCase
        Origins and commodities; the corridor's reference cases by default.
    without : str or iterable of str
        Ports taken away for the counterfactual (Chancay by default), with
        the services that moved to them restored to their earlier rotation
        (see :func:`corredor.services.services_in_force`).
    teu : float
        Containers per shipment.

    Returns
    -------
    list of CatchmentRow
        One row per case, in the order given. The fastest itinerary is taken on
        each side, so ``usd_saved`` may be negative when speed costs more.

    Raises
    ------
    CorredorError
        As :func:`corredor.compare` for an unknown origin, commodity or port.
    """
    removed = (without,) if isinstance(without, str) else tuple(without)
    rows = []
    for case in cases:
        c = compare(case.origin, destination, commodity=case.commodity, teu=teu, without=removed)
        dest = c.with_.legs[-1].destination
        rows.append(CatchmentRow(case, dest, c.without_ports, c.with_, c.without))
    return rows
