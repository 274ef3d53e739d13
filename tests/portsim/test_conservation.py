"""Conservation of containers, non-negative stock, crane limits, Little's law."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.portsim import load_scenario, override, run_replication
from corredor.portsim.terminal import integrate_steps
from tests.portsim._tiny import tiny

CHANCAY = load_scenario("chancay-phase1")


def _check_yard(rep_yard: object) -> None:
    yard = rep_yard
    for flow, led in yard.ledger.items():  # type: ignore[attr-defined]
        scale = max(1.0, led.teu_in)
        # in at the start + in during the run = out + in the yard at the end
        assert led.teu_start + led.teu_in - led.teu_out == pytest.approx(
            led.teu_end, abs=1e-6 * scale
        )
        assert yard.stock[flow].min() >= 0.0, f"negative {flow} stock"  # type: ignore[attr-defined]
        assert yard.stock[flow][-1] == led.teu_end  # type: ignore[attr-defined]
    assert yard.plugs.min() >= 0.0  # type: ignore[attr-defined]


@settings(max_examples=15, deadline=None)
@given(
    teu=st.floats(2e5, 1.4e6),
    cranes=st.integers(2, 10),
    berths=st.integers(1, 3),
    seed=st.integers(0, 10_000),
)
def test_invariants_hold_on_random_chancay_variants(
    teu: float, cranes: int, berths: int, seed: int
) -> None:
    scen = override(
        CHANCAY, {"cranes.count": cranes, "quay.berths": berths, "quay.length_m": 1400.0}
    )
    rep = run_replication(scen, teu, years=0.25, warmup_days=10.0, replication=0, seed=seed)
    _check_yard(rep.yard)
    run = rep.terminal
    served = ~run.rejected
    limit = rep.calls.max_cranes
    # no vessel ever worked by more cranes than its class allows or than exist
    assert np.all(run.peak_cranes <= np.minimum(limit, cranes))
    assert np.all(run.peak_cranes[served] >= 1)
    assert run.crane_steps[1].max() <= cranes
    assert run.berth_steps[1].max() <= berths
    assert run.berth_steps[1].min() >= 0
    # timeline is ordered for every served vessel
    t = [run.arrival_h, run.berth_h, run.ops_start_h, run.ops_end_h, run.depart_h]
    for a, b in itertools.pairwise(t):
        assert np.all(b[served] >= a[served] - 1e-9)
    # crane time = moves / rate for every vessel (work is conserved through re-sharing)
    h = float(np.nanmax(run.depart_h)) + 1.0
    worked = integrate_steps(run.crane_steps, 0.0, h) * scen.cranes.gross_moves_per_hour
    assert worked == pytest.approx(float(rep.calls.moves[served].sum()), rel=1e-9)


def test_discharged_teu_is_gated_out_or_in_yard_per_flow() -> None:
    # all vessels are worked well before the horizon: every discharged TEU is accounted for
    times = tuple(float(t) for t in np.arange(0.0, 200.0, 10.0))
    scen = tiny(times=times, berths=2, cranes=4, call_teu=400.0)
    rep = run_replication(scen, 1.0e5, years=0.1, warmup_days=0.0)
    assert np.nanmax(rep.terminal.depart_h) < rep.horizon_h
    for flow in ("import", "transshipment"):
        unloaded = float(rep.yard.vessel_discharge_teu[flow].sum())
        led = rep.yard.ledger[flow]
        assert led.teu_in == pytest.approx(unloaded, rel=1e-12)
        assert led.teu_out + led.teu_end == pytest.approx(unloaded, rel=1e-9)
    # with a 1-day dwell and 800 h of run, nothing is left at the end
    assert rep.yard.ledger["import"].teu_end == pytest.approx(0.0, abs=1e-6)
    # quay throughput = discharged + loaded TEU
    assert float(rep.yard.vessel_teu.sum()) == pytest.approx(
        float(rep.calls.moves.sum()), rel=1e-12
    )


def test_littles_law_on_a_drained_terminal_run() -> None:
    rep = run_replication(CHANCAY, 1.2e6, years=0.5, warmup_days=0.0, seed=4)
    run = rep.terminal
    served = ~run.rejected
    end = float(np.nanmax(run.depart_h))
    waits = run.wait_h[served]
    # time-average number waiting over [0, end] from the trace vs lambda * W
    times = np.concatenate([run.arrival_h[served], run.berth_h[served]])
    steps = np.concatenate([np.ones(waits.size), -np.ones(waits.size)])
    order = np.lexsort((-steps, times))
    level = np.cumsum(steps[order])
    lq = float(np.dot(level, np.diff(times[order], append=end))) / end
    assert lq == pytest.approx(waits.size / end * waits.mean(), rel=1e-9)
    assert level.min() >= 0
    # the windowed estimate has edge effects only
    assert abs(rep.metrics["little_residual"]) < 0.05 * max(rep.metrics["mean_queue_length"], 0.01)


def test_metrics_are_consistent() -> None:
    rep = run_replication(CHANCAY, 1.0e6, years=1.0, warmup_days=30.0, seed=2)
    m = rep.metrics
    assert 0 < m["berth_utilisation"] < 1
    assert 0 < m["crane_utilisation"] < 1
    assert m["p95_wait_h"] >= m["mean_wait_h"] >= 0
    assert m["mean_turnaround_h"] == pytest.approx(
        m["mean_wait_h"] + m["mean_berth_time_h"], rel=1e-9
    )
    assert 1 <= m["mean_cranes_per_vessel"] <= 6
    assert m["throughput_teu"] == pytest.approx(1.0e6, rel=0.1)
    assert m["yard_peak_teu"] >= m["yard_mean_teu"] > 0
    assert m["rejected_vessels"] == 0
