"""One Monte Carlo draw: scenario and counterfactual equilibria and their differences.

Draw 0 is the central case (all multipliers 1). Draw ``d >= 1`` draws its
multipliers from ``numpy.random.default_rng([seed, d])``, so a draw's
result depends only on (inputs, seed, d) and not on where or in which
order it runs: process pool and dask give identical numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corredor.impact.assign import DrawParams, FlowArrays
from corredor.impact.choice import ChoiceSet
from corredor.impact.congestion import GatewayCurves
from corredor.impact.equilibrium import Equilibrium, Settings, solve
from corredor.impact.scenario import ImpactScenario

__all__ = [
    "METRICS",
    "DrawOutcome",
    "ImpactContext",
    "draw_params",
    "gateway_shift",
    "run_draw",
    "run_draws",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Headline metrics computed for every draw (intervals are over draws 1..N).
METRICS = (
    "diverted_teu",
    "days_saved_total",
    "usd_saved_total",
    "generalised_usd_saved_total",
    "co2e_change_t",
    "chancay_teu",
)


@dataclass(frozen=True, eq=False)
class ImpactContext:
    """Everything a draw needs (shipped once to each worker)."""

    choice: ChoiceSet
    flows: FlowArrays
    region: IntArray
    regions: tuple[str, ...]
    curves: GatewayCurves
    scenario: ImpactScenario
    seed: int
    chunk_size: int


@dataclass(frozen=True, eq=False)
class DrawOutcome:
    """Metrics of one draw; the equilibria themselves only for draw 0."""

    draw: int
    params: DrawParams
    metrics: dict[str, float]
    by_region: dict[str, FloatArray]
    scenario: Equilibrium | None
    baseline: Equilibrium | None
    gateway_shift: FloatArray | None


def draw_params(scenario: ImpactScenario, seed: int, draw: int) -> DrawParams:
    """Multipliers of draw ``draw`` (the scenario's freight multiplier, 1, 1 for draw 0)."""
    if draw == 0:
        return DrawParams(freight=scenario.freight_multiplier)
    rng = np.random.default_rng([seed, draw])
    z = rng.standard_normal()
    lo_d, hi_d = scenario.dwell_range
    lo_v, hi_v = scenario.time_value_range
    return DrawParams(
        freight=float(scenario.freight_multiplier * math.exp(scenario.freight_sigma * z)),
        dwell=float(rng.uniform(lo_d, hi_d)),
        time_value=float(rng.uniform(lo_v, hi_v)),
    )


def _settings(ctx: ImpactContext) -> Settings:
    s = ctx.scenario
    pens = tuple(
        (s.passage_penalties[p].days, s.passage_penalties[p].usd_per_teu)
        for p in ctx.choice.passage_names
    )
    return Settings(
        method=s.assignment,
        scale=s.logit_scale_usd_per_teu,
        carbon_usd_per_t=s.carbon_usd_per_t,
        penalties=pens,
        max_iterations=s.max_iterations,
        tolerance=s.tolerance,
        chunk_size=ctx.chunk_size,
    )


def gateway_shift(ctx: ImpactContext, a: Equilibrium, b: Equilibrium) -> FloatArray:
    """Per flow, half the L1 distance between its gateway shares in ``a`` and ``b``."""
    n_gw = len(ctx.choice.gateways)
    F = len(ctx.flows)
    out = np.zeros(F)
    for start in range(0, F, ctx.chunk_size):
        sl = slice(start, min(start + ctx.chunk_size, F))
        gw = ctx.choice.gateway[ctx.flows.group[sl]]
        rows = np.arange(gw.shape[0])[:, None] * n_gw + gw
        diff = a.flows.shares[sl] - b.flows.shares[sl]
        per = np.bincount(rows.ravel(), weights=diff.ravel(), minlength=gw.shape[0] * n_gw)
        out[sl] = np.abs(per.reshape(gw.shape[0], n_gw)).sum(axis=1) / 2.0
    return out


def run_draw(ctx: ImpactContext, draw: int) -> DrawOutcome:
    """Solve the scenario and its counterfactual for one draw (pure function)."""
    params = draw_params(ctx.scenario, ctx.seed, draw)
    settings = _settings(ctx)
    allowed = ctx.choice.valid & (ctx.scenario.chancay | ~ctx.choice.uses_chancay)
    sc = solve(ctx.choice, ctx.flows, ctx.curves, params, settings, allowed)
    if ctx.scenario.chancay:
        cf = solve(
            ctx.choice, ctx.flows, ctx.curves, params, settings, allowed & ~ctx.choice.uses_chancay
        )
    else:
        cf = sc
    teu = ctx.flows.teu
    shift = gateway_shift(ctx, sc, cf)
    n_reg = len(ctx.regions)

    def by_region(values: FloatArray) -> FloatArray:
        return np.asarray(np.bincount(ctx.region, weights=values, minlength=n_reg), dtype=float)

    regions = {
        "teu": by_region(teu),
        "diverted_teu": by_region(teu * shift),
        "days_saved_total": by_region(teu * (cf.flows.days - sc.flows.days)),
        "usd_saved_total": by_region(teu * (cf.flows.money_usd - sc.flows.money_usd)),
        "generalised_usd_saved_total": by_region(
            teu * (cf.flows.generalised_usd - sc.flows.generalised_usd)
        ),
        "co2e_change_t": by_region(teu * (sc.flows.co2e_kg - cf.flows.co2e_kg) / 1000.0),
    }
    metrics = {k: math.fsum(v.tolist()) for k, v in regions.items() if k != "teu"}
    chy = [i for i, g in enumerate(ctx.choice.gateways) if g == "PECHY"]
    metrics["chancay_teu"] = float(sc.volumes[chy[0]]) if chy else 0.0
    metrics["converged"] = float(sc.converged and cf.converged)
    detail = draw == 0
    return DrawOutcome(
        draw=draw,
        params=params,
        metrics=metrics,
        by_region=regions if detail else {},
        scenario=sc if detail else None,
        baseline=cf if detail else None,
        gateway_shift=shift if detail else None,
    )


def run_draws(ctx: ImpactContext, draws: list[int]) -> list[DrawOutcome]:
    """Several draws in order (one task of the scheduler)."""
    return [run_draw(ctx, d) for d in draws]
