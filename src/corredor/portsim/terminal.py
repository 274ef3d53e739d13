"""Quay-side discrete-event engine: berth allocation and quay-crane assignment.

Vessels queue first come, first served (no overtaking) for a place along a
continuous quay: a vessel berths when fewer than ``berths`` vessels are
alongside and the free quay length takes its length plus one clearance.
After ``pre_ops_h`` the cranes start; the available quay cranes are shared
out one at a time, in order of operation start, up to each vessel's
``max_cranes``, and re-shared whenever a vessel starts or finishes, so
a vessel's finishing time is recomputed from its remaining moves. After the
last move it stays ``post_ops_h`` and leaves.

The engine is a pure function of its inputs (no randomness); it can record
an event trace for testing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from heapq import heappop, heappush

import numpy as np
from numpy.typing import NDArray

from corredor.portsim.scenario import Cranes, Quay

__all__ = ["TerminalRun", "TraceEvent", "integrate_steps", "run_terminal"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

# Events at the same instant run departures first (they free a berth and
# cranes), then ends and starts of operations, arrivals last.
_DEPART, _OPS_END, _OPS_START = 0, 1, 2


@dataclass(frozen=True)
class TraceEvent:
    """One step of the event trace.

    ``kind`` is one of ``arrive``, ``reject``, ``berth``, ``ops_start``,
    ``cranes`` (``value`` = cranes now assigned to the vessel), ``ops_end``
    and ``depart``.
    """

    time_h: float
    kind: str
    vessel: int
    value: int = 0


@dataclass(frozen=True)
class TerminalRun:
    """Per-vessel timeline (hours; NaN for rejected vessels) and resource steps."""

    arrival_h: FloatArray
    berth_h: FloatArray
    ops_start_h: FloatArray
    ops_end_h: FloatArray
    depart_h: FloatArray
    rejected: NDArray[np.bool_]
    peak_cranes: IntArray
    crane_steps: tuple[FloatArray, FloatArray]
    berth_steps: tuple[FloatArray, FloatArray]
    trace: tuple[TraceEvent, ...]

    @property
    def wait_h(self) -> FloatArray:
        """Time from arrival to berthing."""
        return self.berth_h - self.arrival_h


def integrate_steps(steps: tuple[FloatArray, FloatArray], start: float, end: float) -> float:
    """Integral over [start, end] of a right-continuous step function.

    ``steps = (times, levels)``: the level ``levels[k]`` holds from
    ``times[k]`` to ``times[k+1]`` (the last one forever); 0 before.
    """
    times, levels = steps
    if times.size == 0 or end <= start:
        return 0.0
    seg_start = np.clip(times, start, end)
    seg_end = np.clip(np.append(times[1:], end), start, end)
    return float(np.dot(levels, seg_end - seg_start))


def run_terminal(
    arrival_h: FloatArray,
    loa_m: FloatArray,
    draft_m: FloatArray,
    max_cranes: IntArray,
    moves: IntArray,
    quay: Quay,
    cranes: Cranes,
    *,
    trace: bool = False,
) -> TerminalRun:
    """Serve every vessel (the run drains) and return the timeline.

    Parameters
    ----------
    arrival_h
        Sorted arrival times, hours.
    loa_m, draft_m, max_cranes, moves
        Per vessel: length, draft, crane limit, crane moves (boxes) of the call.
    quay, cranes
        Quay layout and crane fleet.
    trace
        Record every event as :class:`TraceEvent`.

    Notes
    -----
    Vessels deeper than ``quay.max_draft_m`` or longer than the quay are
    rejected on arrival. Quay fragmentation is ignored (any free length can
    be used), which makes berthing slightly optimistic.
    """
    n = int(arrival_h.size)
    arr = arrival_h.tolist()
    need = (loa_m + quay.clearance_m).tolist()
    cap_len = quay.length_m - quay.clearance_m
    reject = (loa_m + quay.clearance_m > cap_len) | (draft_m > quay.max_draft_m)
    limit = max_cranes.tolist()
    rem = moves.astype(np.float64).tolist()
    rate = cranes.gross_moves_per_hour
    nan = float("nan")
    berth = [nan] * n
    ops_start = [nan] * n
    ops_end = [nan] * n
    depart = [nan] * n
    assigned = [0] * n
    peak = [0] * n
    last = [0.0] * n
    version = [0] * n
    events: list[tuple[float, int, int, int, int]] = []
    seq = 0
    queue: deque[int] = deque()
    working: list[int] = []
    free_berths = quay.berths
    free_len = cap_len
    crane_t: list[float] = []
    crane_n: list[int] = []
    berth_t: list[float] = []
    berth_n: list[int] = []
    log: list[TraceEvent] = []

    def share_cranes(now: float) -> None:
        nonlocal seq
        for w in working:
            rem[w] -= assigned[w] * rate * (now - last[w])
            last[w] = now
        new = [0] * len(working)
        left = cranes.count
        grew = True
        while left and grew:
            grew = False
            for k, w in enumerate(working):
                if left and new[k] < limit[w]:
                    new[k] += 1
                    left -= 1
                    grew = True
        for k, w in enumerate(working):
            if new[k] != assigned[w]:
                assigned[w] = new[k]
                version[w] += 1
                if new[k] > peak[w]:
                    peak[w] = new[k]
                if new[k]:
                    seq += 1
                    heappush(events, (now + rem[w] / (new[k] * rate), _OPS_END, seq, w, version[w]))
                if trace:
                    log.append(TraceEvent(now, "cranes", w, new[k]))
        crane_t.append(now)
        crane_n.append(cranes.count - left)

    def try_berth(now: float) -> None:
        nonlocal free_berths, free_len, seq
        while queue:
            v = queue[0]
            if free_berths == 0 or need[v] > free_len + 1e-9:
                return
            queue.popleft()
            free_berths -= 1
            free_len -= need[v]
            berth[v] = now
            berth_t.append(now)
            berth_n.append(quay.berths - free_berths)
            seq += 1
            heappush(events, (now + quay.pre_ops_h, _OPS_START, seq, v, 0))
            if trace:
                log.append(TraceEvent(now, "berth", v))

    i = 0
    inf = float("inf")
    while i < n or events:
        t_next = arr[i] if i < n else inf
        if events and events[0][0] <= t_next:
            now, kind, _, v, ver = heappop(events)
            if kind == _OPS_START:
                ops_start[v] = now
                last[v] = now
                working.append(v)
                if trace:
                    log.append(TraceEvent(now, "ops_start", v))
                share_cranes(now)
            elif kind == _OPS_END:
                if ver != version[v]:
                    continue  # superseded by a re-share of cranes
                ops_end[v] = now
                working.remove(v)
                assigned[v] = 0
                rem[v] = 0.0
                if trace:
                    log.append(TraceEvent(now, "ops_end", v))
                share_cranes(now)
                seq += 1
                heappush(events, (now + quay.post_ops_h, _DEPART, seq, v, 0))
            else:
                depart[v] = now
                free_berths += 1
                free_len += need[v]
                berth_t.append(now)
                berth_n.append(quay.berths - free_berths)
                if trace:
                    log.append(TraceEvent(now, "depart", v))
                try_berth(now)
        else:
            v = i
            i += 1
            if reject[v]:
                if trace:
                    log.append(TraceEvent(t_next, "reject", v))
                continue
            if trace:
                log.append(TraceEvent(t_next, "arrive", v))
            queue.append(v)
            try_berth(t_next)

    return TerminalRun(
        arrival_h=np.asarray(arrival_h, dtype=np.float64),
        berth_h=np.asarray(berth),
        ops_start_h=np.asarray(ops_start),
        ops_end_h=np.asarray(ops_end),
        depart_h=np.asarray(depart),
        rejected=np.asarray(reject, dtype=bool),
        peak_cranes=np.asarray(peak, dtype=np.int64),
        crane_steps=(np.asarray(crane_t), np.asarray(crane_n, dtype=np.float64)),
        berth_steps=(np.asarray(berth_t), np.asarray(berth_n, dtype=np.float64)),
        trace=tuple(log),
    )
