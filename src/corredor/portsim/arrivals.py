"""Vessel calls: arrival times, vessel classes and call sizes.

Random numbers are drawn in fixed-size blocks from uniform variates (inverse
transform), so the i-th call of a replication uses the same random numbers
whatever the throughput, number of cranes or berths: common random numbers
across the points of a sweep.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corredor.portsim.scenario import Scenario

__all__ = ["HOURS_PER_YEAR", "Calls", "call_rate_per_hour", "draw_calls"]

HOURS_PER_YEAR = 8760.0
_BLOCK = 256

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Calls:
    """Vessel calls sorted by arrival time."""

    arrival_h: FloatArray
    vessel_class: IntArray
    moves: IntArray
    loa_m: FloatArray
    draft_m: FloatArray
    max_cranes: IntArray

    def __len__(self) -> int:
        return int(self.arrival_h.size)


def call_rate_per_hour(scenario: Scenario, teu_per_year: float) -> float:
    """Calls per hour that carry ``teu_per_year`` TEU of quay moves on average."""
    return teu_per_year / HOURS_PER_YEAR / scenario.mean_call_teu


def _gamma_ppf(u: FloatArray, mean: FloatArray, cv: FloatArray) -> FloatArray:
    """Gamma quantile with given mean and CV; the mean itself where CV is 0."""
    out = np.array(mean, dtype=np.float64, copy=True)
    random = cv > 0
    if np.any(random):
        shape = 1.0 / cv[random] ** 2
        from scipy import special  # deferred: importing it costs ~0.7 s

        out[random] = special.gammaincinv(shape, u[random]) * mean[random] / shape
    return out


def _uniform_blocks(rng: np.random.Generator, columns: int, rows: int) -> FloatArray:
    """``(columns, rows)`` uniforms drawn as whole blocks, so row k never depends on ``rows``."""
    count = max(1, -(-rows // _BLOCK))
    return np.concatenate([rng.random((columns, _BLOCK)) for _ in range(count)], axis=1)[:, :rows]


def _arrival_times(
    scenario: Scenario, rate: float, horizon_h: float, rng: np.random.Generator
) -> FloatArray:
    arrivals = scenario.arrivals
    if arrivals.process == "fixed":
        return np.sort(np.asarray(arrivals.times_h, dtype=np.float64), kind="stable")
    if arrivals.process == "renewal":
        cv = arrivals.interarrival_cv
        shape = 1.0 / cv**2
        times: list[FloatArray] = []
        t = 0.0
        while t < horizon_h:
            u = rng.random(_BLOCK)
            from scipy import special  # deferred: importing it costs ~0.7 s

            gaps = special.gammaincinv(shape, u) / (shape * rate)
            block = t + np.cumsum(gaps)
            times.append(block)
            t = float(block[-1])
        out = np.concatenate(times)
        return out[out < horizon_h]
    # schedule: berth windows every 1/rate h with a random phase, then
    # punctuality noise; late vessels arrive after their window closes.
    spacing = 1.0 / rate
    phase = rng.random() * spacing
    count = int(np.ceil((horizon_h - phase) / spacing))
    draws = _uniform_blocks(rng, 3, count)
    slots = phase + spacing * np.arange(count)
    w = arrivals.on_time_window_h
    on_time = draws[0] < arrivals.on_time_share
    early_late = (2.0 * draws[1] - 1.0) * w
    late = w - np.log1p(-draws[2]) * (arrivals.late_mean_delay_h - w)
    times_s = slots + np.where(on_time, early_late, late)
    times_s = np.sort(times_s)
    return times_s[(times_s >= 0.0) & (times_s < horizon_h)]


def draw_calls(
    scenario: Scenario,
    teu_per_year: float,
    horizon_h: float,
    arrival_rng: np.random.Generator,
    size_rng: np.random.Generator,
) -> Calls:
    """Draw the vessel calls of one replication on ``[0, horizon_h)``.

    Classes follow the scenario shares; call size in TEU is gamma with the
    class mean and CV, converted to crane moves with ``cargo.teu_per_move``
    (at least one move).
    """
    rate = call_rate_per_hour(scenario, teu_per_year)
    times = _arrival_times(scenario, rate, horizon_h, arrival_rng)
    n = int(times.size)
    classes = scenario.vessel_classes
    draws = _uniform_blocks(size_rng, 2, n)
    if scenario.arrivals.process == "fixed":
        names = [c.name for c in classes]
        order = np.argsort(np.asarray(scenario.arrivals.times_h), kind="stable")
        listed = [names.index(c) for c in scenario.arrivals.classes]
        cls = np.asarray(listed, dtype=np.int64)[order]
    else:
        cum = np.cumsum([c.share for c in classes])
        cls = np.minimum(np.searchsorted(cum, draws[0], side="right"), len(classes) - 1)
        cls = cls.astype(np.int64)
    mean = np.asarray([c.call_teu_mean for c in classes])[cls]
    cv = np.asarray([c.call_teu_cv for c in classes])[cls]
    teu = _gamma_ppf(draws[1], mean, cv)
    moves = np.maximum(1, np.rint(teu / scenario.cargo.teu_per_move)).astype(np.int64)
    return Calls(
        arrival_h=times,
        vessel_class=cls,
        moves=moves,
        loa_m=np.asarray([c.loa_m for c in classes], dtype=np.float64)[cls],
        draft_m=np.asarray([c.draft_m for c in classes], dtype=np.float64)[cls],
        max_cranes=np.asarray([c.max_cranes for c in classes], dtype=np.int64)[cls],
    )
