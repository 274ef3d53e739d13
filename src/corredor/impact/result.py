"""The result of an impact run: headline metrics, tables, intervals, per-flow figures."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from corredor.impact.flows import FlowTable
from corredor.impact.montecarlo import METRICS, DrawOutcome, ImpactContext

__all__ = ["ImpactResult", "build_result"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ImpactResult:
    """One impact run: headline figures, tables and intervals.

    ``to_dict()`` is the CLI/API JSON contract; ``flow_table`` (columns of
    per-flow figures) goes to the results store only.
    """

    run_id: str
    scenario: str
    baseline: str
    created_at: str
    corredor_version: str
    inputs_hash: str
    seed: int
    draws: int
    n_flows: int
    total_teu: float
    scheduler: str
    parameters: dict[str, Any]
    notes: dict[str, str]
    metrics: dict[str, float]
    intervals: dict[str, dict[str, float]]
    gateways: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    convergence: dict[str, Any]
    flow_table: dict[str, list[Any]] = field(repr=False)

    @property
    def converged(self) -> bool:
        """Both equilibria (scenario and baseline) converged."""
        return bool(self.convergence["converged"])

    def volumes_by_gateway(self, case: str = "scenario") -> dict[str, float]:
        """UN/LOCODE -> TEU/yr for ``scenario`` or ``baseline`` (non-zero only)."""
        key = f"teu_{case}"
        return {g["locode"]: g[key] for g in self.gateways if g[key] > 0}

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary (the ``corredor impact run --format json`` contract)."""
        return {
            "run_id": self.run_id,
            "scenario": self.scenario,
            "baseline": self.baseline,
            "created_at": self.created_at,
            "corredor_version": self.corredor_version,
            "inputs_hash": self.inputs_hash,
            "seed": self.seed,
            "draws": self.draws,
            "n_flows": self.n_flows,
            "total_teu": self.total_teu,
            "scheduler": self.scheduler,
            "volumes_by_gateway": {
                "scenario": self.volumes_by_gateway("scenario"),
                "baseline": self.volumes_by_gateway("baseline"),
            },
            **{k: self.metrics[k] for k in METRICS},
            "days_saved_per_teu": self.metrics["days_saved_total"] / self.total_teu,
            "converged": self.converged,
            "convergence": self.convergence,
            "intervals": self.intervals,
            "by_region": self.regions,
            "gateways": self.gateways,
            "parameters": self.parameters,
            "units": {
                "volumes": "TEU per year",
                "days_saved_total": "TEU-days per year (sum over TEU of days saved)",
                "usd_saved_total": "US$ per year of logistics cost (freight, inland, port)",
                "generalised_usd_saved_total": "US$ per year incl. time value and carbon price",
                "co2e_change_t": "t CO2e per year, scenario minus baseline (negative = saved)",
            },
        }


def _main_gateway(ctx: ImpactContext, shares: FloatArray) -> list[str]:
    n_gw = len(ctx.choice.gateways)
    gw = ctx.choice.gateway[ctx.flows.group]
    rows = np.arange(gw.shape[0])[:, None] * n_gw + gw
    per = np.bincount(rows.ravel(), weights=shares.ravel(), minlength=gw.shape[0] * n_gw)
    best = per.reshape(gw.shape[0], n_gw).argmax(axis=1)
    return [ctx.choice.gateways[i] for i in best]


def build_result(
    ctx: ImpactContext,
    table: FlowTable,
    outcomes: list[DrawOutcome],
    *,
    run_id: str,
    created_at: str,
    version: str,
    inputs_hash: str,
    scheduler: str,
    n_draws: int,
) -> ImpactResult:
    """The :class:`ImpactResult` of a run from its draws (draw 0 first, with detail)."""
    central = outcomes[0]
    sc, cf, shift = central.scenario, central.baseline, central.gateway_shift
    if sc is None or cf is None or shift is None:  # pragma: no cover - draw 0 keeps detail
        raise RuntimeError("draw 0 lost its detail")
    scen = ctx.scenario
    intervals: dict[str, dict[str, float]] = {}
    if n_draws > 0:
        for m in METRICS:
            vals = np.asarray([o.metrics[m] for o in outcomes[1:]])
            p05, p50, p95 = np.percentile(vals, [5, 50, 95]).tolist()
            intervals[m] = {"p05": p05, "p50": p50, "p95": p95}
    util_s = ctx.curves.utilisation(sc.volumes)
    util_b = ctx.curves.utilisation(cf.volumes)
    over = ctx.curves.over_capacity(sc.volumes)

    def num(x: float) -> float | None:
        return float(x) if math.isfinite(x) else None

    gateways = [
        {
            "locode": g,
            "teu_scenario": float(sc.volumes[i]),
            "teu_baseline": float(cf.volumes[i]),
            "wait_h_scenario": float(sc.wait_h[i]),
            "wait_h_baseline": float(cf.wait_h[i]),
            "utilisation_scenario": num(util_s[i]),
            "utilisation_baseline": num(util_b[i]),
            "background_teu": float(ctx.curves.background_teu[i]),
            "wait_model": ctx.curves.curve_names[i],
            "over_capacity": over[i],
        }
        for i, g in enumerate(ctx.choice.gateways)
    ]
    regions = [
        {"origin_region": name, **{k: float(v[i]) for k, v in central.by_region.items()}}
        for i, name in enumerate(ctx.regions)
    ]
    teu = ctx.flows.teu
    flow_table = {
        **{c: getattr(table, c).tolist() for c in ("flow_id", "origin", "origin_region")},
        "destination": table.destination.tolist(),
        "commodity": table.commodity.tolist(),
        "teu": teu.tolist(),
        "gateway_scenario": _main_gateway(ctx, sc.flows.shares),
        "gateway_baseline": _main_gateway(ctx, cf.flows.shares),
        "diverted_share": shift.tolist(),
        "days_scenario": sc.flows.days.tolist(),
        "days_baseline": cf.flows.days.tolist(),
        "usd_per_teu_scenario": sc.flows.money_usd.tolist(),
        "usd_per_teu_baseline": cf.flows.money_usd.tolist(),
        "co2e_kg_per_teu_scenario": sc.flows.co2e_kg.tolist(),
        "co2e_kg_per_teu_baseline": cf.flows.co2e_kg.tolist(),
    }
    return ImpactResult(
        run_id=run_id,
        scenario=scen.name,
        baseline=f"{scen.name} without Chancay" if scen.chancay else scen.name,
        created_at=created_at,
        corredor_version=version,
        inputs_hash=inputs_hash,
        seed=ctx.seed,
        draws=n_draws,
        n_flows=len(table),
        total_teu=math.fsum(teu.tolist()),
        scheduler=scheduler,
        parameters=scen.parameters(),
        notes=dict(scen.notes),
        metrics=dict(central.metrics),
        intervals=intervals,
        gateways=gateways,
        regions=regions,
        convergence={
            "converged": sc.converged and cf.converged,
            "method": "method of successive averages",
            "assignment": scen.assignment,
            "tolerance": scen.tolerance,
            "iterations_scenario": sc.iterations,
            "iterations_baseline": cf.iterations,
            "gap_scenario": sc.gap,
            "gap_baseline": cf.gap,
            "draws_converged": int(sum(o.metrics["converged"] for o in outcomes)),
            "draws_total": len(outcomes),
        },
        flow_table=flow_table,
    )
