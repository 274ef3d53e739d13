"""Capacity equilibrium by the method of successive averages (MSA).

Gateway waits depend on assigned volumes and shares depend on waits. From
the shares at background-only waits, each iteration ``k`` computes waits
from the current (averaged) volumes, the target shares ``Y`` at those
waits, the gap, and moves the shares ``S <- S + (Y - S)/(k + 1)``.

Gap: for logit, the share of TEU that would still switch,
``sum_f teu_f |Y_f - S_f|_1 / 2 / sum teu``; for all-or-nothing the
relative gap ``(sum teu S.C - sum teu min C) / sum teu S.C``. The run has
converged when the gap falls below the tolerance.

Sums use numpy's own (pairwise) reductions, never BLAS (``np.dot``), whose
result depends on the number of BLAS threads: dask workers run with one
thread, a local pool with several, and results must be identical.

Flows are processed in chunks of ``chunk_size`` so temporary memory is
bounded; total work and memory are linear in the number of flows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corredor.impact.assign import DrawParams, FlowArrays, alternative_costs, shares
from corredor.impact.choice import ChoiceSet
from corredor.impact.congestion import GatewayCurves

__all__ = ["CHUNK_SIZE", "Equilibrium", "FlowOutcome", "solve"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
#: flows per chunk (temporary arrays are chunk x alternatives)
CHUNK_SIZE = 32_768


@dataclass(frozen=True, eq=False)
class FlowOutcome:
    """Expected figures per flow and TEU under the equilibrium shares."""

    shares: FloatArray
    days: FloatArray
    money_usd: FloatArray
    generalised_usd: FloatArray
    co2e_kg: FloatArray


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """Result of :func:`solve`.

    Attributes
    ----------
    volumes : float array
        TEU/yr assigned per gateway (``choice.gateways`` order).
    wait_h : float array
        Wait per gateway at those volumes.
    flows : FlowOutcome
    iterations : int
    gap : float
    converged : bool
    gaps : tuple of float
        Gap of each iteration.
    """

    volumes: FloatArray
    wait_h: FloatArray
    flows: FlowOutcome
    iterations: int
    gap: float
    converged: bool
    gaps: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    """Assignment settings taken from the scenario."""

    method: str
    scale: float
    carbon_usd_per_t: float
    penalties: tuple[tuple[float, float], ...]
    max_iterations: int
    tolerance: float
    chunk_size: int = CHUNK_SIZE


def _chunks(n: int, size: int) -> list[slice]:
    return [slice(i, min(i + size, n)) for i in range(0, n, size)]


def solve(
    choice: ChoiceSet,
    flows: FlowArrays,
    curves: GatewayCurves,
    params: DrawParams,
    settings: Settings,
    valid: BoolArray,
) -> Equilibrium:
    """Equilibrium shares, volumes and waits (see the module docstring)."""
    n_gw = len(choice.gateways)
    F, A = len(flows), choice.n_alternatives
    parts = _chunks(F, settings.chunk_size)
    total = math.fsum(flows.teu.tolist()) or 1.0
    S = np.zeros((F, A))

    def target(wait: FloatArray, sl: slice) -> tuple[FloatArray, FloatArray]:
        sub = flows.take(sl)
        c = alternative_costs(
            choice,
            sub,
            wait,
            params,
            carbon_usd_per_t=settings.carbon_usd_per_t,
            penalties=settings.penalties,
            valid=valid,
        )
        return shares(c.generalised, method=settings.method, scale=settings.scale), c.generalised

    def volumes(sh: FloatArray) -> FloatArray:
        out = np.zeros(n_gw)
        for sl in parts:
            gw = choice.gateway[flows.group[sl]]
            w = sh[sl] * flows.teu[sl, None]
            out += np.bincount(gw.ravel(), weights=w.ravel(), minlength=n_gw)
        return out

    wait = curves.wait_hours(np.zeros(n_gw))
    for sl in parts:
        S[sl] = target(wait, sl)[0]
    gaps: list[float] = []
    converged = False
    k = 0
    for k in range(1, settings.max_iterations + 1):
        wait = curves.wait_hours(volumes(S))
        num = 0.0
        den = 0.0
        for sl in parts:
            Y, gen = target(wait, sl)
            t = flows.teu[sl]
            if settings.method == "aon":
                finite = np.where(np.isfinite(gen), gen, 0.0)
                sc = (S[sl] * finite).sum(axis=1)
                num += float((t * (sc - gen.min(axis=1))).sum())
                den += float((t * sc).sum())
            else:
                num += float((t * np.abs(Y - S[sl]).sum(axis=1)).sum()) / 2.0
                den = total
            S[sl] += (Y - S[sl]) / (k + 1)
        gap = num / den if den > 0 else 0.0
        gaps.append(gap)
        if gap < settings.tolerance:
            converged = True
            break
    vol = volumes(S)
    wait = curves.wait_hours(vol)
    out = {k2: np.zeros(F) for k2 in ("days", "money", "gen", "co2")}
    for sl in parts:
        c = alternative_costs(
            choice,
            flows.take(sl),
            wait,
            params,
            carbon_usd_per_t=settings.carbon_usd_per_t,
            penalties=settings.penalties,
            valid=valid,
        )
        s = S[sl]
        out["days"][sl] = (s * np.where(c.valid, c.days, 0.0)).sum(axis=1)
        out["money"][sl] = (s * np.where(c.valid, c.money_usd, 0.0)).sum(axis=1)
        out["gen"][sl] = (s * np.where(c.valid, c.generalised, 0.0)).sum(axis=1)
        out["co2"][sl] = (s * np.where(c.valid, c.co2e_kg, 0.0)).sum(axis=1)
    return Equilibrium(
        volumes=vol,
        wait_h=wait,
        flows=FlowOutcome(S, out["days"], out["money"], out["gen"], out["co2"]),
        iterations=k,
        gap=gaps[-1] if gaps else 0.0,
        converged=converged,
        gaps=tuple(gaps),
    )
