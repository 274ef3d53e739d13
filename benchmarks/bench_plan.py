"""Benchmark corredor.plan: 1,000 random door-to-door queries, and a peer for scale.

Run:  .venv/bin/python benchmarks/bench_plan.py   (or `make bench`)
Writes benchmarks/results/plan.json.

Queries draw an origin (every place of the packaged land network that is not
a port, plus some ports), a destination (Asian ports and, for e-commerce,
São Paulo from Xiamen) and a commodity at random (seed 7). Each query is a
full plan: land shortest paths to every reachable gateway, scheduled sea
services (direct and one transshipment), air and sea-air, costs, CO2e, shelf
life and the Pareto set. Queries with no feasible itinerary raise
NoRouteError, which is an answer too: they are timed and counted apart.

Peer, measured in the same run: one ``searoute.searoute`` port-to-port call
for the gateway -> destination pair of the query's fastest itinerary, i.e.
the cost of *one* sea leg in the common open-source tool. Goal: median plan
< 20 ms on 2 cores.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import searoute

from corredor.errors import NoRouteError
from corredor.land import load_land_network
from corredor.planner import plan
from corredor.reference import load_ports

OUT = Path(__file__).resolve().parent / "results" / "plan.json"
N, SEED = 1_000, 7
DESTINATIONS = ("CNSHA", "CNNGB", "CNTAO", "CNDLC", "CNXMN", "HKHKG", "KRPUS", "JPYOK", "SGSIN")
COMMODITIES = (
    "blueberries", "table_grapes", "hass_avocado", "mango", "cherries", "asparagus",
    "bananas", "beef_chilled", "beef_frozen", "coffee_green", "soybeans", "copper_concentrate",
)  # fmt: skip


def _queries() -> list[tuple[str, str, str]]:
    net = load_land_network()
    origins = [n.id for n in net.nodes if n.kind != "port"] + ["PECHY", "PECLL", "CLSAI"]
    rng = random.Random(SEED)
    out = []
    for _ in range(N):
        if rng.random() < 0.05:
            out.append(("CNXMN", "São Paulo", "apparel"))
        else:
            out.append((rng.choice(origins), rng.choice(DESTINATIONS), rng.choice(COMMODITIES)))
    return out


def _pct(xs: list[float], q: float) -> float:
    return statistics.quantiles(xs, n=100)[int(q) - 1] if len(xs) > 1 else xs[0]


def main() -> int:
    queries = _queries()
    t0 = time.perf_counter()
    plan("Trujillo, PE", "CNSHA", commodity="blueberries")
    cold = time.perf_counter() - t0
    times, no_route, pairs = [], 0, []
    for origin, dest, commodity in queries:
        t = time.perf_counter()
        try:
            its = plan(origin, dest, commodity=commodity)
            first = its[0]
            if first.legs[-1].mode == "port" and dest in load_ports():
                pairs.append((first.gateway, dest))
        except NoRouteError:
            no_route += 1
        times.append((time.perf_counter() - t) * 1000)
    ports = load_ports()
    peer = []
    for a, b in pairs[:200]:
        pa, pb = ports[a], ports[b]
        t = time.perf_counter()
        searoute.searoute([pa.lon, pa.lat], [pb.lon, pb.lat])
        peer.append((time.perf_counter() - t) * 1000)
    med, p95 = statistics.median(times), _pct(times, 95)
    peer_med = statistics.median(peer)
    print(f"{N} door-to-door plans ({no_route} with no feasible itinerary), 1 process")
    print(f"{'':30s} {'median ms':>10s} {'p95 ms':>8s}")
    print(f"{'corredor.plan (full Pareto)':30s} {med:10.2f} {p95:8.2f}")
    print(f"{'searoute, one sea leg':30s} {peer_med:10.2f} {_pct(peer, 95):8.2f}")
    verdict = "met" if med < 20 else "NOT met"
    print(f"first call (loads data): {cold:.2f} s; goal median < 20 ms: {verdict}")
    print(f"a full plan costs {med / peer_med:.2f}x one searoute leg")
    result = {
        "benchmark": "plan",
        "queries": N,
        "seed": SEED,
        "no_route": no_route,
        "corredor_plan_ms": {"median": med, "p95": p95, "max": max(times)},
        "first_call_s": cold,
        "peer_searoute_one_leg_ms": {"median": peer_med, "p95": _pct(peer, 95), "n": len(peer)},
        "ratio_plan_over_one_searoute_leg": med / peer_med,
        "goal_median_ms": 20,
        "goal_met": med < 20,
        "machine": {"platform": platform.platform(), "python": sys.version.split()[0]},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
