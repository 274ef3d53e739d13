"""Yard and gate: container flows, stock over time, reefer plugs, truck gate.

Every crane move of a served vessel is a box. The split of a call into flows
is drawn per vessel (binomial): discharged boxes are imports (leave by the
gate after their dwell) or transshipments (leave on a later vessel after
their dwell); loaded boxes are exports (came in by the gate their dwell
before loading) or transshipments (already counted when discharged, so they
do not enter the yard again). Reefer boxes use a plug and the reefer dwell.
Moves are spread evenly over the vessel's crane operations.

Yard stock is computed at hourly resolution as the *expected* stock given
the simulated vessel operations: hourly inflows are convolved with the
discretised dwell distribution (FFT). The box-level dwell noise this
integrates out is of order sqrt(N) boxes, about 1 % of the stock levels of
a container terminal, while vessel-level randomness (arrivals, call sizes,
berth waits) is kept. The yard capacity is a soft limit: stock above it is
counted as overflow (boxes sent to an overflow area), not refused.

The gate is a fluid queue at hourly resolution: trucks (one per import
gate-out or export gate-in) beyond ``lanes * trucks_per_lane_hour`` wait
for the next hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from corredor.portsim.arrivals import Calls
from corredor.portsim.scenario import Dwell, Scenario
from corredor.portsim.terminal import TerminalRun

__all__ = [
    "FLOWS",
    "FlowLedger",
    "YardRun",
    "dwell_pmf",
    "episodes",
    "runout_hours",
    "simulate_yard",
]

FLOWS = ("import", "export", "transshipment")

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class FlowLedger:
    """TEU of one flow: in the yard at the start, in, out and at the end of the run."""

    teu_start: float
    teu_in: float
    teu_out: float
    teu_end: float


@dataclass(frozen=True)
class YardRun:
    """Yard outcome of one replication on hours ``[0, hours)``.

    ``stock[flow][h]`` is the TEU of that flow in the yard at the end of hour
    ``h``; ``plugs[h]`` the reefer boxes plugged in; ``vessel_teu`` the TEU
    moved across the quay per vessel (0 for rejected vessels);
    ``vessel_discharge_teu[flow]`` the TEU of imports / transshipments
    discharged per vessel.
    """

    stock: dict[str, FloatArray]
    plugs: FloatArray
    ledger: dict[str, FlowLedger]
    vessel_teu: FloatArray
    vessel_discharge_teu: dict[str, FloatArray]
    gate_trucks: FloatArray | None
    gate_backlog: FloatArray | None

    @property
    def total_stock(self) -> FloatArray:
        """TEU in the yard at the end of each hour, all flows."""
        return self.stock["import"] + self.stock["export"] + self.stock["transshipment"]


def episodes(series: FloatArray, limit: float) -> int:
    """Number of times ``series`` goes from at or below ``limit`` to above it."""
    above = series > limit
    if above.size == 0:
        return 0
    return int(above[0]) + int(np.count_nonzero(above[1:] & ~above[:-1]))


@lru_cache(maxsize=64)
def _pmf(mean_days: float, cv: float) -> tuple[float, ...]:
    mean_h = mean_days * 24.0
    if cv == 0.0:
        k = int(np.floor(mean_h))
        frac = mean_h - k
        return tuple([0.0] * k + [1.0 - frac] + ([frac] if frac > 0 else []))
    shape = 1.0 / cv**2
    scale = mean_h / shape
    from scipy import special  # deferred: importing it costs ~0.7 s

    size = int(np.ceil(min(special.gammaincinv(shape, 1.0 - 1e-6) * scale, 24.0 * 365.0))) + 1
    from scipy import special  # deferred: importing it costs ~0.7 s

    cdf = special.gammainc(shape, np.arange(1, size + 1, dtype=np.float64) / scale)
    cdf[-1] = 1.0  # the far tail leaves in the last bin, so no TEU is lost
    return tuple(np.diff(cdf, prepend=0.0).tolist())


def dwell_pmf(dwell: Dwell) -> FloatArray:
    """P(a box leaves k whole hours after the hour it came in), k = 0, 1, ...

    Gamma with the given mean and CV, truncated at its 1 - 1e-6 quantile
    (the rest in the last bin); a point mass split between two hours if CV
    is 0. Sums to 1.
    """
    return np.asarray(_pmf(dwell.mean_days, dwell.cv))


def _spread(start: FloatArray, end: FloatArray, weight: FloatArray, hours: int) -> FloatArray:
    """Hourly series of ``weight`` moved uniformly over ``[start, end)`` per vessel."""
    first = np.floor(start).astype(np.int64)
    count = np.floor(end).astype(np.int64) - first + 1
    vessel = np.repeat(np.arange(start.size), count)
    hour = np.repeat(first, count) + (
        np.arange(vessel.size) - np.repeat(np.cumsum(count) - count, count)
    )
    lo = np.maximum(start[vessel], hour)
    hi = np.minimum(end[vessel], hour + 1.0)
    width = np.maximum(end - start, 1e-12)[vessel]
    share = np.clip(hi - lo, 0.0, None) / width
    keep = (hour >= 0) & (hour < hours)
    series = np.bincount(hour[keep], weights=(weight[vessel] * share)[keep], minlength=hours)
    return series.astype(np.float64)


def _fftconvolve(a: FloatArray, b: FloatArray) -> FloatArray:
    """Full linear convolution by real FFT."""
    size = a.size + b.size - 1
    nfft = 1 << (size - 1).bit_length()
    return np.fft.irfft(np.fft.rfft(a, nfft) * np.fft.rfft(b, nfft), nfft)[:size]


def _correlate(series: FloatArray, kernel: FloatArray, size: int) -> FloatArray:
    """``out[i] = sum_m series[i + m] * kernel[m]`` for i < size (FFT; round-off clipped)."""
    full = _fftconvolve(series, kernel[::-1])[kernel.size - 1 :]
    return np.maximum(full[:size], 0.0)


def _inbound(inflow: FloatArray, pmf: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Outflow and end-of-hour stock of boxes that enter by ``inflow`` and stay ``pmf``."""
    hours = inflow.size
    out = np.maximum(_fftconvolve(inflow, pmf)[:hours], 0.0)
    stock = np.maximum(_fftconvolve(inflow, 1.0 - np.cumsum(pmf))[:hours], 0.0)
    return out, stock


def _outbound(
    loads: FloatArray, pmf: FloatArray, hours: int
) -> tuple[FloatArray, FloatArray, float]:
    """Gate-in, end-of-hour stock and initial stock of boxes loaded by ``loads``.

    A box loaded in hour j with dwell k came in during hour j - k and is in
    the yard at the end of hour h iff j - k <= h < j, so
    ``stock[h] = sum_{m>=1} loads[h+m] P(k >= m)``; ``loads`` must cover
    ``hours + pmf.size`` hours.
    """
    at_least = np.append(0.0, 1.0 - np.cumsum(pmf)[:-1])  # P(k >= m), m = 0.. ; m=0 unused
    gate_in = _correlate(loads, pmf, hours)
    stock = _correlate(loads, at_least, hours)
    initial = float(np.dot(loads[: at_least.size - 1], at_least[1:][: loads.size]))
    return gate_in, stock, initial


def runout_hours(scenario: Scenario) -> int:
    """Hours beyond the horizon whose loads still shape the export stock."""
    yard = scenario.yard
    return max(dwell_pmf(yard.export_dwell).size, dwell_pmf(yard.reefer_dwell).size) + 24


def simulate_yard(
    scenario: Scenario,
    calls: Calls,
    run: TerminalRun,
    hours: int,
    rng: np.random.Generator,
) -> YardRun:
    """Container flows through the yard for one replication on hours ``[0, hours)``.

    Vessels operated after ``hours`` still matter: their exports are in the
    yard before loading, so callers simulate calls beyond the horizon.
    """
    cargo = scenario.cargo
    yard = scenario.yard
    served = ~run.rejected
    moves = np.where(served, calls.moves, 0)
    start = np.where(served, run.ops_start_h, 0.0)
    end = np.where(served, run.ops_end_h, 0.0)
    extra_feu = cargo.teu_per_move - 1.0

    discharge = rng.binomial(moves, cargo.discharge_share)
    load = moves - discharge
    ts_in = rng.binomial(discharge, cargo.transshipment_share)
    ts_out = rng.binomial(load, cargo.transshipment_share)
    boxes = {"import": discharge - ts_in, "transshipment": ts_in, "export": load - ts_out}
    vessel_teu = (ts_out + rng.binomial(ts_out, extra_feu)).astype(np.float64)
    dwell_of = {
        "import": yard.import_dwell,
        "export": yard.export_dwell,
        "transshipment": yard.transshipment_dwell,
    }
    gate = np.zeros(hours) if scenario.gate is not None else None
    plugs = np.zeros(hours)
    stock: dict[str, FloatArray] = {}
    ledger: dict[str, FlowLedger] = {}
    discharged: dict[str, FloatArray] = {}
    span = hours + runout_hours(scenario)
    for flow in FLOWS:
        reefers = rng.binomial(boxes[flow], cargo.reefer_share)
        flow_stock = np.zeros(hours)
        flow_teu = np.zeros(moves.size)
        teu_start = teu_in = teu_out = 0.0
        for is_reefer, count in ((False, boxes[flow] - reefers), (True, reefers)):
            teu = (count + rng.binomial(count, extra_feu)).astype(np.float64)
            flow_teu += teu
            pmf = dwell_pmf(yard.reefer_dwell if is_reefer else dwell_of[flow])
            if flow == "export":
                loads = _spread(start, end, teu, span)
                came, level, initial = _outbound(loads, pmf, hours)
                went = loads[:hours]
                teu_start += initial
                through_gate = came
            else:
                came = _spread(start, end, teu, hours)
                went, level = _inbound(came, pmf)
                through_gate = went
            flow_stock += level
            teu_in += float(came.sum())
            teu_out += float(went.sum())
            if is_reefer:  # plugs count boxes, not TEU
                plugs += level * (float(count.sum()) / max(float(teu.sum()), 1.0))
            if gate is not None and flow != "transshipment":
                gate += through_gate / cargo.teu_per_move
        vessel_teu += flow_teu
        if flow != "export":
            discharged[flow] = flow_teu
        stock[flow] = flow_stock
        ledger[flow] = FlowLedger(teu_start, teu_in, teu_out, float(flow_stock[-1]))

    backlog = None
    if gate is not None and scenario.gate is not None:
        capacity = scenario.gate.lanes * scenario.gate.trucks_per_lane_hour
        # Lindley recursion Q_h = max(0, Q_{h-1} + A_h - C) in closed form.
        level_g = np.cumsum(gate - capacity)
        backlog = level_g - np.minimum(0.0, np.minimum.accumulate(level_g))
    return YardRun(
        stock=stock,
        plugs=plugs,
        ledger=ledger,
        vessel_teu=vessel_teu,
        vessel_discharge_teu=discharged,
        gate_trucks=gate,
        gate_backlog=backlog,
    )
