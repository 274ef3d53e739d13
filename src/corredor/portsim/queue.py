"""The plain berth queue (GI/G/c, first come first served), used for validation.

Vessels arrive as a Poisson process at ``arrival_rate`` per hour and occupy
one of ``berths`` identical berths for an exponential or deterministic
service time with rate ``service_rate`` per berth per hour. The kernel is
the Kiefer-Wolfowitz recursion: each vessel takes the berth that frees
first, so a heap of berth free times replaces an event calendar.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from heapq import heapreplace
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from corredor.errors import InvalidInputError
from corredor.portsim.theory import erlang_c_wait, mdc_wait

__all__ = ["QueueResult", "fcfs_start_times", "simulate_queue"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class QueueResult:
    """Outcome of one plain-queue run (times in hours, rates per hour)."""

    vessels: int
    berths: int
    service: str
    arrival_rate: float
    service_rate: float
    offered_utilisation: float
    utilisation: float
    mean_wait_h: float
    p95_wait_h: float
    max_wait_h: float
    mean_time_in_system_h: float
    mean_queue_length: float
    observed_arrival_rate: float
    little_residual: float
    horizon_h: float
    theory_wait_h: float
    theory: str
    seed: int

    def to_dict(self) -> dict[str, float | int | str]:
        """JSON-able dictionary."""
        return asdict(self)


def fcfs_start_times(arrivals: FloatArray, services: FloatArray, berths: int) -> FloatArray:
    """Service start times of a FCFS queue with ``berths`` identical servers.

    ``arrivals`` must be sorted. Pure function; O(n log c).
    """
    free = [0.0] * berths
    starts: list[float] = []
    push = starts.append
    for a, s in zip(arrivals.tolist(), services.tolist(), strict=True):
        f = free[0]
        st = a if a > f else f
        push(st)
        heapreplace(free, st + s)
    return np.asarray(starts, dtype=np.float64)


def _time_average_queue(arrivals: FloatArray, starts: FloatArray, horizon: float) -> float:
    """Time-average number waiting on [0, horizon], by sweeping the event trace."""
    times = np.concatenate([arrivals, starts])
    steps = np.concatenate([np.ones(arrivals.size), -np.ones(starts.size)])
    # at equal times a start (-1) sorts after its own arrival (+1): zero-length waits
    order = np.lexsort((-steps, times))
    level = np.cumsum(steps[order])
    dt = np.diff(times[order], append=horizon)
    return float(np.dot(level, dt) / horizon)


def _positive(name: str, value: float) -> float:
    if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
        raise InvalidInputError(name, "a finite number > 0 (per hour)", value)
    return float(value)


def simulate_queue(
    arrival_rate: float,
    service_rate: float,
    berths: int,
    vessels: int,
    seed: int = 0,
    service: Literal["exponential", "deterministic"] = "exponential",
) -> QueueResult:
    """Simulate the plain berth queue M/M/c or M/D/c.

    Parameters
    ----------
    arrival_rate
        Vessel arrivals per hour (Poisson).
    service_rate
        Services per berth per hour (mean service time ``1/service_rate`` h).
    berths
        Number of identical berths ``c``.
    vessels
        Number of vessels simulated; all are served (the run drains).
    seed
        Seed of the random streams.
    service
        ``"exponential"`` (M/M/c) or ``"deterministic"`` (M/D/c).

    Returns
    -------
    QueueResult
        Mean and p95 waiting time, measured utilisation, time-average queue
        length and the Little's-law residual ``Lq - lambda_obs * Wq`` over the
        run, plus the theoretical mean wait (Erlang C or exact M/D/c).

    Raises
    ------
    InvalidInputError
        A rate is not finite and positive, ``berths``/``vessels`` < 1, an
        unknown service, or utilisation ``lambda / (c mu) >= 1`` (unstable:
        the mean wait grows without bound and no steady state exists).
    """
    lam = _positive("arrival_rate", arrival_rate)
    mu = _positive("service_rate", service_rate)
    if isinstance(berths, bool) or not isinstance(berths, int) or berths < 1:
        raise InvalidInputError("berths", "an integer >= 1", berths)
    if isinstance(vessels, bool) or not isinstance(vessels, int) or vessels < 1:
        raise InvalidInputError("vessels", "an integer >= 1", vessels)
    if service not in ("exponential", "deterministic"):
        raise InvalidInputError("service", "'exponential' or 'deterministic'", service)
    rho = lam / (berths * mu)
    if rho >= 1.0:
        raise InvalidInputError(
            "arrival_rate", "utilisation arrival_rate/(berths*service_rate) < 1", round(rho, 6)
        )
    arr_rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(0,))))
    svc_rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(1,))))
    arrivals = np.cumsum(arr_rng.standard_exponential(vessels)) / lam
    if service == "exponential":
        services = svc_rng.standard_exponential(vessels) / mu
        theory, theory_name = erlang_c_wait(lam, mu, berths), "erlang_c"
    else:
        services = np.full(vessels, 1.0 / mu)
        theory, theory_name = mdc_wait(lam, mu, berths), "mdc_exact"
    starts = fcfs_start_times(arrivals, services, berths)
    ends = starts + services
    waits = starts - arrivals
    horizon = float(ends.max())
    mean_wait = float(waits.mean())
    lq = _time_average_queue(arrivals, starts, horizon)
    lam_obs = vessels / horizon
    return QueueResult(
        vessels=vessels,
        berths=berths,
        service=service,
        arrival_rate=lam,
        service_rate=mu,
        offered_utilisation=rho,
        utilisation=float(services.sum() / (berths * horizon)),
        mean_wait_h=mean_wait,
        p95_wait_h=float(np.percentile(waits, 95)),
        max_wait_h=float(waits.max()),
        mean_time_in_system_h=float((ends - arrivals).mean()),
        mean_queue_length=lq,
        observed_arrival_rate=lam_obs,
        little_residual=lq - lam_obs * mean_wait,
        horizon_h=horizon,
        theory_wait_h=theory,
        theory=theory_name,
        seed=seed,
    )
