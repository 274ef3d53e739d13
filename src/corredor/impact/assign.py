"""Vectorised assignment of flows to itineraries by generalised cost.

Generalised cost per TEU of alternative ``a`` for flow ``f``::

    C = cost + (m_freight - 1) sea_cost + passage US$
        + VoT_f m_vot (days + (m_dwell - 1) dwell + wait(gateway)/24 + passage days)
        + carbon_price CO2e_t

``VoT_f`` (US$/TEU/day) is the flow's value per TEU times the scenario's
time value (% per day, perishable or not). Shares are all-or-nothing
(cheapest alternative, first on ties) or multinomial logit
``exp(-(C - C_min)/theta) / sum`` with scale ``theta`` in US$/TEU; as
``theta -> 0`` logit tends to all-or-nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corredor.impact.choice import ChoiceSet

__all__ = ["AlternativeCosts", "DrawParams", "FlowArrays", "alternative_costs", "shares"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class DrawParams:
    """Multipliers of one Monte Carlo draw (all 1 for the central case)."""

    freight: float = 1.0
    dwell: float = 1.0
    time_value: float = 1.0


@dataclass(frozen=True, eq=False)
class FlowArrays:
    """What assignment needs of each flow: its group, TEU and value of time (US$/TEU/day)."""

    group: IntArray
    teu: FloatArray
    vot_usd_per_teu_day: FloatArray

    def __len__(self) -> int:
        return int(self.teu.size)

    def take(self, sl: slice) -> FlowArrays:
        """A slice of the flows."""
        return FlowArrays(self.group[sl], self.teu[sl], self.vot_usd_per_teu_day[sl])


@dataclass(frozen=True, eq=False)
class AlternativeCosts:
    """Per-flow, per-alternative figures (F, A) for a chunk of flows."""

    generalised: FloatArray
    money_usd: FloatArray
    days: FloatArray
    co2e_kg: FloatArray
    gateway: IntArray
    valid: BoolArray


def alternative_costs(
    choice: ChoiceSet,
    flows: FlowArrays,
    wait_h: FloatArray,
    params: DrawParams,
    *,
    carbon_usd_per_t: float,
    penalties: tuple[tuple[float, float], ...],
    valid: BoolArray,
) -> AlternativeCosts:
    """Generalised cost, money, days and CO2e of every alternative of every flow.

    ``wait_h`` is the wait per gateway (hours); ``penalties`` are (days,
    US$/TEU) per passage of ``choice.passage_names``; ``valid`` is the
    (G, A) mask of allowed alternatives.
    """
    g = flows.group
    money = choice.cost_usd[g] + (params.freight - 1.0) * choice.sea_cost_usd[g]
    days = choice.days[g] + (params.dwell - 1.0) * choice.dwell_days[g]
    gw = choice.gateway[g]
    days = days + wait_h[gw] / 24.0
    for p, (pen_days, pen_usd) in enumerate(penalties):
        used = choice.passage_used[p][g]
        if pen_days:
            days = days + used * pen_days
        if pen_usd:
            money = money + used * pen_usd
    co2 = choice.co2e_kg[g]
    vot = flows.vot_usd_per_teu_day[:, None] * params.time_value
    gen = money + vot * days + carbon_usd_per_t * co2 / 1000.0
    ok = valid[g]
    gen = np.where(ok, gen, np.inf)
    return AlternativeCosts(gen, money, days, co2, gw, ok)


def shares(generalised: FloatArray, *, method: str, scale: float) -> FloatArray:
    """Choice shares (F, A) from generalised costs; rows sum to 1.

    Parameters
    ----------
    generalised : (F, A) array
        ``inf`` marks unavailable alternatives; every row needs one finite cost.
    method : str
        ``aon`` or ``logit``.
    scale : float
        Logit scale (US$/TEU); ignored by ``aon``.
    """
    best = np.argmin(generalised, axis=1)
    if method == "aon" or scale <= 0:
        out = np.zeros_like(generalised)
        out[np.arange(generalised.shape[0]), best] = 1.0
        return out
    cmin = generalised[np.arange(generalised.shape[0]), best][:, None]
    with np.errstate(invalid="ignore"):
        z = np.exp(-(generalised - cmin) / scale)
    z = np.where(np.isfinite(generalised), z, 0.0)
    return np.asarray(z / z.sum(axis=1, keepdims=True))
