"""``run_impact``: flows x planner x scenario -> equilibrium, savings, intervals, stored run."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
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
from corredor.impact.montecarlo import ImpactContext, run_draws
from corredor.impact.result import ImpactResult, build_result
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
    result = build_result(
        ctx,
        table,
        outcomes,
        run_id=f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
        created_at=now.isoformat(timespec="seconds"),
        version=__version__,
        inputs_hash=digest,
        scheduler=address or f"local:{n_workers}",
        n_draws=n_draws,
    )
    if save:
        from corredor.store import ResultsStore

        target = store if isinstance(store, ResultsStore) else ResultsStore(store)
        target.save(result)
    return result
