"""Replicated experiments: process pool, warm-up, summary.

Replications are independent given their index; they are grouped in
blocks, run in any order by any number of worker processes, and put back
in index order, so the same seed gives identical results whatever
``workers`` is.
"""

from __future__ import annotations

import math
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Literal

import numpy as np

from corredor.errors import InvalidInputError
from corredor.portsim.replication import METRICS, offered_berth_load, run_replication
from corredor.portsim.results import SimulationResult
from corredor.portsim.scenario import Scenario, load_scenario
from corredor.portsim.stats import mser5

__all__ = ["resolve_scenario", "simulate"]

Progress = Callable[[int], None]
_Block = tuple[dict[str, list[float]], list[list[float]], list[list[float]]]
_PILOT_REPLICATIONS = 10
_SATURATED = 0.95


def resolve_scenario(scenario: Scenario | str | Path) -> Scenario:
    """A :class:`Scenario` as given, or loaded by packaged name or file path."""
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def _run_block(
    scenario: Scenario, teu: float, years: float, warmup_days: float, seed: int, reps: Sequence[int]
) -> _Block:
    metrics: dict[str, list[float]] = {name: [] for name in METRICS}
    yard: list[list[float]] = []
    wait: list[list[float]] = []
    for r in reps:
        rep = run_replication(scenario, teu, years, warmup_days, r, seed)
        for name in METRICS:
            metrics[name].append(rep.metrics[name])
        yard.append(rep.daily_yard_teu.tolist())
        wait.append(rep.daily_wait_h.tolist())
    return metrics, yard, wait


def _check(name: str, value: float, *, low: float = 0.0, integer: bool = False) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    ok = ok and math.isfinite(value) and value > low
    if integer:
        ok = ok and float(value).is_integer()
    if not ok:
        kind = "an integer" if integer else "a finite number"
        raise InvalidInputError(name, f"{kind} > {low:g}", value)


def _run_all(
    scenario: Scenario,
    teu: float,
    years: float,
    warmup_days: float,
    seed: int,
    replications: int,
    workers: int,
    progress: Progress | None,
) -> _Block:
    size = max(1, math.ceil(replications / (workers * 8)))
    blocks = [list(range(i, min(i + size, replications))) for i in range(0, replications, size)]
    results: dict[int, _Block] = {}
    if workers == 1:
        for k, block in enumerate(blocks):
            results[k] = _run_block(scenario, teu, years, warmup_days, seed, block)
            if progress:
                progress(len(block))
    else:
        # fork shares the loaded modules; only safe without other threads
        single = threading.active_count() == 1
        method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
        ctx = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = {
                pool.submit(_run_block, scenario, teu, years, warmup_days, seed, block): k
                for k, block in enumerate(blocks)
            }
            for fut in as_completed(futures):
                k = futures[fut]
                results[k] = fut.result()
                if progress:
                    progress(len(blocks[k]))
    metrics: dict[str, list[float]] = {name: [] for name in METRICS}
    yard: list[list[float]] = []
    wait: list[list[float]] = []
    for k in range(len(blocks)):
        res = results[k]
        for name in METRICS:
            metrics[name].extend(res[0][name])
        yard.extend(res[1])
        wait.extend(res[2])
    return metrics, yard, wait


def _detect_warmup(scenario: Scenario, teu: float, years: float, seed: int, workers: int) -> float:
    """MSER-5 on the cross-replication mean of daily yard stock and daily waits of a pilot."""
    pilot_days = max(2.0 * scenario.warmup_days, 60.0)
    _, yard, wait = _run_all(scenario, teu, years, 0.0, seed, _PILOT_REPLICATIONS, workers, None)
    days_yard = mser5(np.nanmean(np.asarray(yard), axis=0))
    with np.errstate(all="ignore"):
        wait_mean = np.nanmean(np.asarray(wait, dtype=np.float64), axis=0)
    days_wait = mser5(wait_mean)
    return float(min(max(days_yard, days_wait, 1), pilot_days))


def _queue_growing(daily_wait: np.ndarray, warmup_days: float) -> bool:
    """Waits in the last third of the run exceed the first third by > 1 day and > 50 %.

    A stable queue fluctuates around a level; an overloaded one (for
    example when quay length, not the berth count, binds) keeps growing.
    """
    window = np.asarray(daily_wait, dtype=np.float64)[:, math.ceil(warmup_days) :]
    third = window.shape[1] // 3
    if third < 3:
        return False
    with np.errstate(all="ignore"):
        first = float(np.nanmean(window[:, :third]))
        last = float(np.nanmean(window[:, -third:]))
    return bool(last - first > max(24.0, 0.5 * first))


def simulate(
    scenario: Scenario | str | Path,
    *,
    teu_per_year: float | None = None,
    years: float = 1.0,
    replications: int = 30,
    seed: int = 0,
    workers: int = 1,
    warmup_days: float | Literal["auto"] | None = None,
    progress: Progress | None = None,
) -> SimulationResult:
    """Simulate a container terminal: replications with confidence intervals.

    Parameters
    ----------
    scenario
        A :class:`Scenario`, a packaged scenario name (``"chancay-phase1"``,
        ``"chancay-phase2"``, ``"callao-muelle-sur"``) or a TOML/YAML path.
    teu_per_year
        Offered throughput (TEU moved across the quay per year); default the
        scenario's.
    years
        Measured run length per replication, after the warm-up.
    replications
        Independent replications (common random numbers across calls with
        the same seed).
    seed
        Seed; the same seed gives identical results for any ``workers``.
    workers
        Worker processes (``1`` runs in this process).
    warmup_days
        Days discarded at the start of each replication: the scenario's
        default if ``None``, or ``"auto"`` to detect it with MSER-5 on a
        10-replication pilot.
    progress
        Called with the number of replications just finished.

    Returns
    -------
    SimulationResult

    Raises
    ------
    InvalidInputError
        A parameter is out of range.
    """
    scen = resolve_scenario(scenario)
    teu = scen.teu_per_year if teu_per_year is None else teu_per_year
    _check("teu_per_year", teu)
    _check("years", years)
    _check("replications", replications, integer=True)
    _check("workers", workers, integer=True)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError("seed", "an integer >= 0", seed)
    if warmup_days == "auto":
        warm = _detect_warmup(scen, float(teu), float(years), seed, int(workers))
        method = "mser5"
    elif warmup_days is None:
        warm, method = scen.warmup_days, "scenario"
    else:
        if not (
            isinstance(warmup_days, int | float) and math.isfinite(warmup_days) and warmup_days >= 0
        ):
            raise InvalidInputError("warmup_days", "a number of days >= 0 or 'auto'", warmup_days)
        warm, method = float(warmup_days), "given"
    metrics, yard, wait = _run_all(
        scen, float(teu), float(years), warm, seed, int(replications), int(workers), progress
    )
    reps = {name: np.asarray(v, dtype=np.float64) for name, v in metrics.items()}
    load = offered_berth_load(scen, float(teu))
    warnings: list[str] = []
    util = float(np.nanmean(reps["berth_utilisation"]))
    if load >= 1.0 or util >= _SATURATED or _queue_growing(np.asarray(wait), warm):
        warnings.append(
            f"berths saturated (utilisation {util:.2f}, waits growing over the run): the queue "
            "has no steady state and waiting times depend on the run length"
        )
    if float(np.nanmean(reps["yard_overflow_hours"])) > 0:
        warnings.append("yard stock exceeded static capacity (overflow area used)")
    return SimulationResult(
        scenario=scen.name,
        locode=scen.locode,
        teu_per_year=float(teu),
        years=float(years),
        seed=seed,
        warmup_days=warm,
        warmup_method=method,
        offered_berth_load=load,
        yard_capacity_teu=scen.yard.capacity_teu,
        replications=reps,
        daily_yard_teu=np.asarray(yard, dtype=np.float64),
        daily_wait_h=np.asarray(wait, dtype=np.float64),
        warnings=tuple(warnings),
    )
