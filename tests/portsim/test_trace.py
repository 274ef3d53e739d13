"""Event traces of tiny deterministic scenarios: the exact expected timeline."""

from __future__ import annotations

import numpy as np
import pytest

from corredor.portsim import TraceEvent, run_replication, run_terminal
from tests.portsim._tiny import tiny


def _trace(scen_kwargs: dict[str, object]) -> tuple[TraceEvent, ...]:
    scen = tiny(**scen_kwargs)  # type: ignore[arg-type]
    rep = run_replication(scen, 1.0e5, years=0.01, warmup_days=0.0, trace=True)
    return rep.terminal.trace


def test_two_vessels_one_berth_exact_timeline() -> None:
    # 100 moves, 2 cranes x 25 moves/h: 2 h of operations; 1 h before, 0.5 h after.
    expected = [
        TraceEvent(0.0, "arrive", 0),
        TraceEvent(0.0, "berth", 0),
        TraceEvent(1.0, "ops_start", 0),  # same instant: events before arrivals
        TraceEvent(1.0, "cranes", 0, 2),
        TraceEvent(1.0, "arrive", 1),  # berth busy: vessel 1 waits
        TraceEvent(3.0, "ops_end", 0),
        TraceEvent(3.5, "depart", 0),
        TraceEvent(3.5, "berth", 1),  # waited 2.5 h
        TraceEvent(4.5, "ops_start", 1),
        TraceEvent(4.5, "cranes", 1, 2),
        TraceEvent(6.5, "ops_end", 1),
        TraceEvent(7.0, "depart", 1),
    ]
    assert list(_trace({})) == expected


def test_two_berths_share_cranes_and_reshare_on_finish() -> None:
    # 3 cranes, up to 3 per vessel. Vessel 0 works alone 1-2 h with 3 cranes (75 moves),
    # then shares 2+1 with vessel 1; it finishes its last 25 moves at 2.5 h and vessel 1
    # gets all 3 cranes for its remaining 87.5 moves: 87.5 / 75 h later.
    trace = _trace({"berths": 2, "cranes": 3, "max_cranes": 3})
    expected = [
        TraceEvent(0.0, "arrive", 0),
        TraceEvent(0.0, "berth", 0),
        TraceEvent(1.0, "ops_start", 0),
        TraceEvent(1.0, "cranes", 0, 3),
        TraceEvent(1.0, "arrive", 1),
        TraceEvent(1.0, "berth", 1),
        TraceEvent(2.0, "ops_start", 1),
        TraceEvent(2.0, "cranes", 0, 2),
        TraceEvent(2.0, "cranes", 1, 1),
        TraceEvent(2.5, "ops_end", 0),
        TraceEvent(2.5, "cranes", 1, 3),
        TraceEvent(3.0, "depart", 0),
    ]
    assert list(trace[: len(expected)]) == expected
    rest = trace[len(expected) :]
    assert [(e.kind, e.vessel) for e in rest] == [("ops_end", 1), ("depart", 1)]
    assert rest[0].time_h == pytest.approx(2.5 + 87.5 / 75.0, abs=1e-12)
    assert rest[1].time_h == pytest.approx(rest[0].time_h + 0.5, abs=1e-12)


def test_departure_frees_berth_for_simultaneous_arrival() -> None:
    # vessel 0 leaves at 3.5 h exactly when vessel 1 arrives: no wait.
    trace = _trace({"times": (0.0, 3.5)})
    berth1 = next(e for e in trace if e.kind == "berth" and e.vessel == 1)
    assert berth1.time_h == 3.5


def test_quay_length_limits_berthing() -> None:
    # three berths but 900 m of quay: 300 m + 20 m clearance each, plus one clearance
    # at the end, so two vessels fit and the third waits for a departure.
    scen = tiny(times=(0.0, 0.0, 0.0), berths=3, cranes=6, max_cranes=2, quay_length_m=900.0)
    rep = run_replication(scen, 1.0e5, years=0.01, warmup_days=0.0, trace=True)
    berthed = [e.time_h for e in rep.terminal.trace if e.kind == "berth"]
    assert berthed[:2] == [0.0, 0.0]
    assert berthed[2] == pytest.approx(3.5)


def test_too_deep_vessel_is_rejected() -> None:
    scen = tiny(times=(0.0,))
    run = run_terminal(
        np.array([0.0, 1.0]),
        np.array([300.0, 300.0]),
        np.array([14.0, 17.0]),
        np.array([2, 2]),
        np.array([100, 100]),
        scen.quay,
        scen.cranes,
        trace=True,
    )
    assert [(e.kind, e.vessel) for e in run.trace][:2] == [("arrive", 0), ("berth", 0)]
    assert TraceEvent(1.0, "reject", 1) in run.trace
    assert run.rejected.tolist() == [False, True]
    assert np.isnan(run.depart_h[1])
