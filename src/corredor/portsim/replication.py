"""One replication: draw calls, run the quay engine and the yard, measure.

Every replication has its own random streams derived from ``(seed,
replication, stream)`` with :class:`numpy.random.SeedSequence`, so results
do not depend on which process runs which replication, and replication ``r``
sees the same arrivals and call sizes at every point of a sweep (common
random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corredor.portsim.arrivals import HOURS_PER_YEAR, Calls, draw_calls
from corredor.portsim.scenario import Scenario
from corredor.portsim.terminal import TerminalRun, integrate_steps, run_terminal
from corredor.portsim.yard import YardRun, episodes, runout_hours, simulate_yard

__all__ = ["METRICS", "Replication", "offered_berth_load", "run_replication"]

FloatArray = NDArray[np.float64]

#: metric name -> description (units); measured over the run after warm-up
METRICS: dict[str, str] = {
    "throughput_teu": "TEU moved across the quay, per year",
    "vessels": "vessels arrived and served",
    "rejected_vessels": "vessels turned away (too deep or too long)",
    "berth_utilisation": "time-average share of berths occupied",
    "crane_utilisation": "time-average share of quay cranes working",
    "mean_wait_h": "mean vessel waiting time for a berth, h",
    "p95_wait_h": "95th percentile of vessel waiting time, h",
    "max_wait_h": "longest vessel wait, h",
    "mean_turnaround_h": "mean time from arrival to departure, h",
    "p95_turnaround_h": "95th percentile of turnaround, h",
    "mean_berth_time_h": "mean time alongside, h",
    "berth_productivity_mph": "crane moves per vessel-hour alongside",
    "mean_cranes_per_vessel": "mean cranes working a vessel during operations",
    "mean_queue_length": "time-average vessels waiting",
    "little_residual": "Lq - lambda * Wq over the window (edge effects only)",
    "yard_mean_teu": "mean yard stock, TEU",
    "yard_peak_teu": "highest hourly yard stock, TEU",
    "yard_mean_utilisation": "mean stock / static capacity",
    "yard_peak_utilisation": "peak stock / static capacity",
    "yard_overflow_events": "times the stock rose above capacity",
    "yard_overflow_hours": "hours with stock above capacity",
    "reefer_peak_plugs": "most reefer boxes plugged in at once",
    "reefer_shortage_events": "times plug demand rose above the plugs",
    "gate_mean_wait_h": "mean truck wait at the gate, h (NaN without gate)",
    "gate_peak_queue": "longest truck queue, trucks (NaN without gate)",
}


@dataclass(frozen=True)
class Replication:
    """Everything one replication produced (for tests and detailed analysis)."""

    calls: Calls
    terminal: TerminalRun
    yard: YardRun
    warmup_h: float
    horizon_h: float
    metrics: dict[str, float]
    daily_yard_teu: FloatArray
    daily_wait_h: FloatArray


def _rng(seed: int, replication: int, stream: int) -> np.random.Generator:
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(replication, stream)))
    )


def offered_berth_load(scenario: Scenario, teu_per_year: float) -> float:
    """Berth-hours demanded per berth-hour available, with every vessel at its crane limit.

    A lower bound on berth utilisation: at or above 1 no steady state exists
    and waiting grows with the run length.
    """
    rate = teu_per_year / HOURS_PER_YEAR / scenario.mean_call_teu
    hours = 0.0
    for c in scenario.vessel_classes:
        cranes = min(c.max_cranes, scenario.cranes.count)
        moves = c.call_teu_mean / scenario.cargo.teu_per_move
        ops = moves / (cranes * scenario.cranes.gross_moves_per_hour)
        hours += c.share * (scenario.quay.pre_ops_h + ops + scenario.quay.post_ops_h)
    return rate * hours / scenario.quay.berths


def _overlap(a: FloatArray, b: FloatArray, lo: float, hi: float) -> FloatArray:
    return np.asarray(np.clip(np.minimum(b, hi) - np.maximum(a, lo), 0.0, None), dtype=np.float64)


def _daily(values: FloatArray, times: FloatArray, days: int) -> FloatArray:
    day = np.floor(times / 24.0).astype(np.int64)
    keep = (day >= 0) & (day < days) & ~np.isnan(values)
    total = np.bincount(day[keep], weights=values[keep], minlength=days)
    count = np.bincount(day[keep], minlength=days)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _metrics(
    scenario: Scenario, calls: Calls, run: TerminalRun, yard: YardRun, w: float, h: float
) -> dict[str, float]:
    span = h - w
    served = ~run.rejected
    inside = (run.arrival_h >= w) & (run.arrival_h < h)
    sel = inside & served
    wait = run.wait_h[sel]
    turn = (run.depart_h - run.arrival_h)[sel]
    alongside = (run.depart_h - run.berth_h)[sel]
    ops = (run.ops_end_h - run.ops_start_h)[sel]
    moves = calls.moves[sel].astype(np.float64)
    op_span = np.nan_to_num(run.ops_end_h - run.ops_start_h, nan=0.0)
    op_in = _overlap(np.nan_to_num(run.ops_start_h), np.nan_to_num(run.ops_end_h), w, h)
    frac = np.where(op_span > 0, op_in / np.maximum(op_span, 1e-12), 0.0)
    waiting = _overlap(run.arrival_h[served], run.berth_h[served], w, h).sum() / span
    nan = float("nan")
    n = int(sel.sum())
    stock = yard.total_stock[int(w) : int(h)]
    capacity = scenario.yard.capacity_teu
    plugs = yard.plugs[int(w) : int(h)]
    m = {
        "throughput_teu": float(np.dot(yard.vessel_teu, frac)) * HOURS_PER_YEAR / span,
        "vessels": float(n),
        "rejected_vessels": float((inside & run.rejected).sum()),
        "berth_utilisation": integrate_steps(run.berth_steps, w, h) / (scenario.quay.berths * span),
        "crane_utilisation": integrate_steps(run.crane_steps, w, h)
        / (scenario.cranes.count * span),
        "mean_wait_h": float(wait.mean()) if n else nan,
        "p95_wait_h": float(np.percentile(wait, 95)) if n else nan,
        "max_wait_h": float(wait.max()) if n else nan,
        "mean_turnaround_h": float(turn.mean()) if n else nan,
        "p95_turnaround_h": float(np.percentile(turn, 95)) if n else nan,
        "mean_berth_time_h": float(alongside.mean()) if n else nan,
        "berth_productivity_mph": float(moves.sum() / alongside.sum()) if n else nan,
        "mean_cranes_per_vessel": float(
            moves.sum() / scenario.cranes.gross_moves_per_hour / ops.sum()
        )
        if n
        else nan,
        "mean_queue_length": float(waiting),
        "little_residual": float(waiting - n / span * wait.mean()) if n else nan,
        "yard_mean_teu": float(stock.mean()),
        "yard_peak_teu": float(stock.max()),
        "yard_mean_utilisation": float(stock.mean() / capacity),
        "yard_peak_utilisation": float(stock.max() / capacity),
        "yard_overflow_events": float(episodes(stock, capacity)),
        "yard_overflow_hours": float(np.count_nonzero(stock > capacity)),
        "reefer_peak_plugs": float(plugs.max()),
        "reefer_shortage_events": float(episodes(plugs, scenario.yard.reefer_plugs)),
        "gate_mean_wait_h": nan,
        "gate_peak_queue": nan,
    }
    if yard.gate_trucks is not None and yard.gate_backlog is not None:
        trucks = yard.gate_trucks[int(w) : int(h)].sum()
        backlog = yard.gate_backlog[int(w) : int(h)]
        m["gate_mean_wait_h"] = float(backlog.sum() / trucks) if trucks > 0 else 0.0
        m["gate_peak_queue"] = float(backlog.max())
    return m


def run_replication(
    scenario: Scenario,
    teu_per_year: float,
    years: float,
    warmup_days: float,
    replication: int = 0,
    seed: int = 0,
    *,
    trace: bool = False,
) -> Replication:
    """Simulate one replication of ``warmup_days + 365 * years`` days.

    Calls are drawn beyond the horizon (exports for later vessels are
    already in the yard) and every vessel is served, but only vessels
    arriving after the warm-up and before the horizon are measured.
    """
    warmup_h = warmup_days * 24.0
    horizon_h = warmup_h + years * HOURS_PER_YEAR
    hours = int(np.ceil(horizon_h))
    calls = draw_calls(
        scenario,
        teu_per_year,
        hours + runout_hours(scenario),
        _rng(seed, replication, 0),
        _rng(seed, replication, 1),
    )
    run = run_terminal(
        calls.arrival_h,
        calls.loa_m,
        calls.draft_m,
        calls.max_cranes,
        calls.moves,
        scenario.quay,
        scenario.cranes,
        trace=trace,
    )
    yard = simulate_yard(scenario, calls, run, hours, _rng(seed, replication, 2))
    days = int(np.ceil(hours / 24.0))
    stock = yard.total_stock
    padded = np.append(stock, np.full(days * 24 - stock.size, np.nan))
    daily_yard = np.nanmean(padded.reshape(days, 24), axis=1)
    daily_wait = _daily(run.wait_h, run.arrival_h, days)
    return Replication(
        calls=calls,
        terminal=run,
        yard=yard,
        warmup_h=warmup_h,
        horizon_h=horizon_h,
        metrics=_metrics(scenario, calls, run, yard, warmup_h, horizon_h),
        daily_yard_teu=daily_yard,
        daily_wait_h=daily_wait,
    )
