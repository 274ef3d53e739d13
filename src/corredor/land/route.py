"""Results of land-network queries: frozen, JSON-able, legs sum to totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["LandLeg", "LandRoute", "LandTable"]


@dataclass(frozen=True, slots=True)
class LandLeg:
    """One traversed edge: from node ``origin`` to node ``destination``.

    ``source_rows`` are the 1-based row numbers (header = 1) of the edge in
    the edges table, so every number traces back to a cited row.
    """

    mode: str
    origin: str
    destination: str
    distance_km: float
    hours: float
    source_rows: tuple[int, ...]
    assumption: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-able description (keys ``from``/``to`` as in the planner's output)."""
        return {
            "mode": self.mode,
            "from": self.origin,
            "to": self.destination,
            "distance_km": self.distance_km,
            "hours": self.hours,
            "source_rows": list(self.source_rows),
            "assumption": self.assumption,
        }


@dataclass(frozen=True, slots=True)
class LandRoute:
    """A shortest land path with its legs in travel order."""

    origin: str
    destination: str
    weight: str
    legs: tuple[LandLeg, ...]

    @property
    def distance_km(self) -> float:
        """Total distance (sum of the legs)."""
        return float(sum(leg.distance_km for leg in self.legs))

    @property
    def hours(self) -> float:
        """Total driving/sailing time in hours (no border or handling dwell)."""
        return float(sum(leg.hours for leg in self.legs))

    @property
    def modes(self) -> tuple[str, ...]:
        """Distinct modes used, in order of first use."""
        return tuple(dict.fromkeys(leg.mode for leg in self.legs))

    @property
    def nodes(self) -> tuple[str, ...]:
        """Node ids visited, origin first."""
        return (self.origin, *(leg.destination for leg in self.legs))

    @property
    def assumption(self) -> bool:
        """Whether any leg rests on an estimated (assumption) row."""
        return any(leg.assumption for leg in self.legs)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able description with totals and legs."""
        return {
            "origin": self.origin,
            "destination": self.destination,
            "weight": self.weight,
            "distance_km": self.distance_km,
            "hours": self.hours,
            "legs": [leg.to_dict() for leg in self.legs],
        }


@dataclass(frozen=True, slots=True)
class LandTable:
    """Many-to-many shortest distances and times; ``inf`` where unreachable.

    Both matrices follow the path chosen by ``weight``: with ``weight="hours"``
    ``distance_km`` is the length of the fastest path, not the shortest one.
    """

    origins: tuple[str, ...]
    destinations: tuple[str, ...]
    weight: str
    distance_km: npt.NDArray[np.float64]
    hours: npt.NDArray[np.float64]

    def get(self, origin: str, destination: str) -> tuple[float, float]:
        """(distance_km, hours) for one pair of ids from the table."""
        i, j = self.origins.index(origin), self.destinations.index(destination)
        return float(self.distance_km[i, j]), float(self.hours[i, j])
