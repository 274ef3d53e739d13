"""Choice sets: the planner's itineraries for each unique (origin, destination, commodity).

Flows are grouped by their (origin, destination, commodity) key and
:func:`corredor.plan` is called once per key and exclusion set (never once
per flow). The alternatives of a key are the union of the Pareto sets with
and without Chancay, so the counterfactual (Chancay removed) is a subset of
the same choice set; itineraries through a penalised passage (e.g. Panama)
are found the same way, by planning without the passage.

All figures are per TEU (``plan(..., teu=1)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corredor.errors import NoRouteError, UnknownCodeError
from corredor.impact.scenario import CHANCAY

__all__ = [
    "Alternative",
    "ChoiceSet",
    "GroupKey",
    "build_choice_set",
    "group_flows",
    "plan_groups",
]

GroupKey = tuple[str, str, str]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Alternative:
    """One itinerary of a choice set, per TEU."""

    label: str
    gateway: str
    days: float
    cost_usd: float
    sea_cost_usd: float
    dwell_days: float
    co2e_kg: float
    uses_chancay: bool
    passages: tuple[str, ...]


def _plan(
    key: GroupKey, exclude: tuple[str, ...], dwell: float
) -> dict[str, tuple[str, float, float, float, float, float]]:
    from corredor.planner import plan

    origin, destination, commodity = key
    try:
        its = plan(origin, destination, commodity=commodity, exclude=exclude, port_dwell_days=dwell)
    except NoRouteError:
        return {}
    except UnknownCodeError as exc:
        arg = {"origin": "flows.origin", "destination": "flows.destination"}.get(
            exc.argument or "", "flows.commodity" if exc.argument == "commodity" else "flows"
        )
        raise UnknownCodeError(arg, exc.given, exc.close_matches) from None
    out = {}
    for it in its:
        sea = sum(leg.cost_usd for leg in it.legs if leg.component == "sea")
        dw = sum(leg.days for leg in it.legs if leg.component == "port_dwell")
        out[it.label] = (it.gateway, it.total_days, it.cost_usd, sea, dw, it.co2e_kg)
    return out


def plan_groups(
    keys: Sequence[GroupKey],
    exclude: tuple[str, ...],
    port_dwell_days: float,
    passages: tuple[str, ...] = (),
) -> list[list[Alternative]]:
    """Alternatives of each key (a pure function of its arguments: safe on any worker).

    Parameters
    ----------
    keys : sequence of (origin, destination, commodity)
    exclude : tuple of str
        Scenario exclusions (never contains Chancay: the Chancay flag is
        set per alternative instead).
    port_dwell_days : float
    passages : tuple of str
        Passages whose use must be flagged (penalised passages).
    """
    out = []
    no_chy = (*exclude, CHANCAY)
    for key in keys:
        with_chy = _plan(key, exclude, port_dwell_days)
        without = _plan(key, no_chy, port_dwell_days)
        avoiding = {
            p: set(_plan(key, (*exclude, p), port_dwell_days))
            | set(_plan(key, (*no_chy, p), port_dwell_days))
            for p in passages
        }
        alts = []
        for label, row in {**with_chy, **without}.items():
            used = tuple(p for p in passages if label not in avoiding[p])
            alts.append(Alternative(label, *row, label not in without, used))
        out.append(alts)
    return out


@dataclass(frozen=True, eq=False)
class ChoiceSet:
    """Alternatives of G groups padded to A columns (``valid`` marks real ones).

    Attributes
    ----------
    keys : tuple of GroupKey
    gateways : tuple of str
        UN/LOCODEs indexed by ``gateway``.
    gateway : int array (G, A)
        Index into ``gateways`` (0 where not valid).
    days, cost_usd, sea_cost_usd, dwell_days, co2e_kg : float arrays (G, A)
    uses_chancay, valid : bool arrays (G, A)
    passage_names : tuple of str
    passage_used : bool array (P, G, A)
    labels : tuple of tuple of str
    """

    keys: tuple[GroupKey, ...]
    gateways: tuple[str, ...]
    gateway: IntArray
    days: FloatArray
    cost_usd: FloatArray
    sea_cost_usd: FloatArray
    dwell_days: FloatArray
    co2e_kg: FloatArray
    uses_chancay: BoolArray
    valid: BoolArray
    passage_names: tuple[str, ...]
    passage_used: BoolArray
    labels: tuple[tuple[str, ...], ...]

    @property
    def n_alternatives(self) -> int:
        """Padded number of alternatives per group."""
        return int(self.days.shape[1])


def build_choice_set(
    keys: Sequence[GroupKey],
    alternatives: Sequence[Sequence[Alternative]],
    passages: tuple[str, ...] = (),
    *,
    chancay: bool = True,
) -> ChoiceSet:
    """Pad the alternatives of each key into arrays.

    With ``chancay=False`` the Chancay alternatives are marked invalid.

    Raises
    ------
    NoRouteError
        A key has no itinerary at all, or none avoiding Chancay (the
        counterfactual could not carry its volume).
    """
    G = len(keys)
    for key, alts in zip(keys, alternatives, strict=True):
        if not any(not a.uses_chancay for a in alts):
            where = "at all" if not alts else "without Chancay"
            raise NoRouteError(
                f"no itinerary {where} for flows from {key[0]!r} to {key[1]} ({key[2]})",
                argument="flows",
            )
    A = max((len(a) for a in alternatives), default=1)
    gws = sorted({a.gateway for alts in alternatives for a in alts})
    gi = {g: i for i, g in enumerate(gws)}
    shape = (G, max(A, 1))
    gateway = np.zeros(shape, dtype=np.int64)
    arrays = {k: np.zeros(shape) for k in ("days", "cost", "sea", "dwell", "co2")}
    chy = np.zeros(shape, dtype=bool)
    valid = np.zeros(shape, dtype=bool)
    used = np.zeros((len(passages), *shape), dtype=bool)
    labels = []
    for g, alts in enumerate(alternatives):
        labels.append(tuple(a.label for a in alts))
        for j, a in enumerate(alts):
            gateway[g, j] = gi[a.gateway]
            arrays["days"][g, j] = a.days
            arrays["cost"][g, j] = a.cost_usd
            arrays["sea"][g, j] = a.sea_cost_usd
            arrays["dwell"][g, j] = a.dwell_days
            arrays["co2"][g, j] = a.co2e_kg
            chy[g, j] = a.uses_chancay
            valid[g, j] = chancay or not a.uses_chancay
            for p, name in enumerate(passages):
                used[p, g, j] = name in a.passages
    return ChoiceSet(
        keys=tuple(keys),
        gateways=tuple(gws),
        gateway=gateway,
        days=arrays["days"],
        cost_usd=arrays["cost"],
        sea_cost_usd=arrays["sea"],
        dwell_days=arrays["dwell"],
        co2e_kg=arrays["co2"],
        uses_chancay=chy,
        valid=valid,
        passage_names=passages,
        passage_used=used,
        labels=tuple(labels),
    )


def group_flows(
    origin: Sequence[str] | NDArray[np.str_],
    destination: Sequence[str] | NDArray[np.str_],
    commodity: Sequence[str] | NDArray[np.str_],
) -> tuple[list[GroupKey], IntArray]:
    """Unique (origin, destination, commodity) keys in first-seen order and each flow's index."""
    index: dict[GroupKey, int] = {}
    out = np.empty(len(origin), dtype=np.int64)
    for i, key in enumerate(zip(origin, destination, commodity, strict=True)):
        k = (str(key[0]), str(key[1]), str(key[2]))
        out[i] = index.setdefault(k, len(index))
    return list(index), out
