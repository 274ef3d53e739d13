"""``run_impact``: flows x planner x scenario -> equilibrium, savings, intervals, stored run."""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from corredor.errors import InvalidInputError, UnknownCodeError
from corredor.impact.assign import FlowArrays
from corredor.impact.choice import build_choice_set, group_flows, plan_groups
from corredor.impact.congestion import gateway_curves
from corredor.impact.equilibrium import CHUNK_SIZE
from corredor.impact.flows import FlowTable, load_flows
from corredor.impact.montecarlo import METRICS, DrawOutcome, ImpactContext, run_draws
from corredor.impact.scale import check_scheduler, default_workers, map_ordered
from corredor.impact.scenario import ImpactScenario, load_impact_scenario

if TYPE_CHECKING:
    from corredor.store import ResultsStore

__all__ = ["ImpactResult", "run_impact"]

FloatArray = NDArray[np.float64]
Progress = Callable[[str, int, int], None]
#: below this many (flows x draws) everything runs inline: a pool costs more than it saves
_INLINE_WORK = 200_000
#: keys planned per task
_PLAN_CHUNK = 64


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


def _value_of_time(flows: FlowTable, scenario: ImpactScenario) -> FloatArray:
    """US$ per TEU per day of each flow (vectorised over the unique commodities)."""
    from corredor.commodities import get_commodity

    keys, inverse = np.unique(flows.commodity, return_inverse=True)
    per_teu = np.zeros(keys.size)
    pct = np.zeros(keys.size)
    for i, key in enumerate(keys.tolist()):
        try:
            c = get_commodity(key)
        except UnknownCodeError as exc:
            raise UnknownCodeError("flows.commodity", key, exc.close_matches) from None
        per_teu[i] = (c.value_usd_per_kg or 0.0) * c.tonnes_per_teu * 1000.0
        life = c.shelf_life_days_normal
        perishable = life is not None and life <= scenario.perishable_max_shelf_life_days
        pct[i] = (
            scenario.time_value_pct_per_day_perishable
            if perishable
            else scenario.time_value_pct_per_day_other
        )
    value = flows.value_usd / flows.teu
    value = np.where(np.isfinite(value), value, per_teu[inverse])
    return np.asarray(value * pct[inverse] / 100.0)


def _plan_task(shared: tuple[tuple[str, ...], float, tuple[str, ...]], keys: list[Any]) -> Any:
    exclude, dwell, passages = shared
    return plan_groups(keys, exclude, dwell, passages)


def _main_gateway(ctx: ImpactContext, shares: FloatArray) -> list[str]:
    n_gw = len(ctx.choice.gateways)
    gw = ctx.choice.gateway[ctx.flows.group]
    rows = np.arange(gw.shape[0])[:, None] * n_gw + gw
    per = np.bincount(rows.ravel(), weights=shares.ravel(), minlength=gw.shape[0] * n_gw)
    best = per.reshape(gw.shape[0], n_gw).argmax(axis=1)
    return [ctx.choice.gateways[i] for i in best]


def run_impact(
    scenario: str | Path | ImpactScenario,
    *,
    flows: str | Path | FlowTable | None = None,
    seed: int = 0,
    scheduler: str | None = None,
    store: ResultsStore | str | Path | None = None,
    save: bool = True,
    draws: int | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
) -> ImpactResult:
    """Assign trade flows with and without Chancay under a scenario.

    Parameters
    ----------
    scenario : str, Path or ImpactScenario
        Packaged name (``baseline``, ``chancay-phase1``, ``chancay-phase2``,
        ``panama-drought``, ``freight-shock``, ``carbon-price``,
        ``chancay-unlimited``) or a TOML path.
    flows : path or FlowTable, optional
        CSV/Parquet file or table; default the packaged sample.
    seed : int
        Monte Carlo seed; same inputs and seed give identical results on
        any scheduler.
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a dask.distributed scheduler; default a local
        process pool (inline for small jobs).
    store : ResultsStore or path, optional
        Results store (default :func:`corredor.store.default_store_path`).
    save : bool
        Write the run to the store (atomically).
    draws : int, optional
        Monte Carlo draws; default the scenario's.
    workers : int, optional
        Local worker processes (default: all CPUs, inline for small jobs).
    chunk_size : int
        Flows per vectorised chunk.
    progress : callable, optional
        ``progress(stage, done, total)`` with stage ``plan`` or ``assign``.

    Returns
    -------
    ImpactResult
    """
    from corredor import __version__

    scen = load_impact_scenario(scenario)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError("seed", "an integer >= 0", seed)
    if draws is not None and (isinstance(draws, bool) or not isinstance(draws, int)):
        raise InvalidInputError("draws", "an integer in [0, 10000]", draws)
    n_draws = scen.draws if draws is None else draws
    if not 0 <= n_draws <= 10_000:
        raise InvalidInputError("draws", "an integer in [0, 10000]", draws)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise InvalidInputError("chunk_size", "an integer >= 1", chunk_size)
    address = check_scheduler(scheduler)
    table = flows if isinstance(flows, FlowTable) else load_flows(flows)
    keys, group = group_flows(table.origin, table.destination, table.commodity)
    vot = _value_of_time(table, scen)
    passages = tuple(sorted(scen.passage_penalties))
    exclude = tuple(e for e in scen.exclude if e.strip().upper() != "PECHY")
    inline = address is None and workers is None and len(keys) <= 4 * _PLAN_CHUNK
    plan_chunks = [keys[i : i + _PLAN_CHUNK] for i in range(0, len(keys), _PLAN_CHUNK)]

    def tick(stage: str, total: int) -> Callable[[int], None]:
        done = [0]

        def f(n: int) -> None:
            done[0] += n
            if progress:
                progress(stage, done[0], total)

        return f

    planned = map_ordered(
        _plan_task,
        (exclude, scen.port_dwell_days, passages),
        plan_chunks,
        scheduler=address,
        workers=1 if inline else workers,
        progress=tick("plan", len(plan_chunks)),
    )
    alts = [a for chunk in planned for a in chunk]
    choice = build_choice_set(keys, alts, passages)
    regions, region = np.unique(table.origin_region, return_inverse=True)
    ctx = ImpactContext(
        choice=choice,
        flows=FlowArrays(group, table.teu, vot),
        region=region.astype(np.int64),
        regions=tuple(regions.tolist()),
        curves=gateway_curves(choice.gateways, scen.chancay_terminal),
        scenario=scen,
        seed=seed,
        chunk_size=chunk_size,
    )
    all_draws = list(range(n_draws + 1))
    small = address is None and workers is None and len(table) * (n_draws + 1) < _INLINE_WORK
    n_workers = 1 if small else (workers or default_workers())
    n_batches = max(1, min(len(all_draws), 4 * n_workers if address is None else len(all_draws)))
    batches = [all_draws[i::n_batches] for i in range(n_batches)]
    batches = [b for b in batches if b]
    results = map_ordered(
        run_draws,
        ctx,
        batches,
        scheduler=address,
        workers=n_workers,
        progress=tick("assign", len(batches)),
    )
    outcomes = sorted((o for batch in results for o in batch), key=lambda o: o.draw)
    digest = hashlib.sha256(
        f"{scen.digest()}|{table.digest()}|{seed}|{n_draws}".encode()
    ).hexdigest()
    now = datetime.now(UTC)
    return _result(
        ctx,
        table,
        outcomes,
        run_id=f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
        created_at=now.isoformat(timespec="seconds"),
        version=__version__,
        inputs_hash=digest,
        scheduler=address or f"local:{n_workers}",
        n_draws=n_draws,
        store=store if save else False,
    )


def _result(
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
    store: ResultsStore | str | Path | bool | None,
) -> ImpactResult:
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
    result = ImpactResult(
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
    if store is not False:
        from corredor.store import ResultsStore

        target = store if isinstance(store, ResultsStore) else ResultsStore(store)  # type: ignore[arg-type]
        target.save(result)
    return result
