"""Sea routing: corredor vs searoute vs scgraph on the same 1,000 random port pairs.

All three route over the same input network (searoute's marnet; corredor's is
repaired and contracted from it). Prints per-query median/p95 side by side,
the 500 x 500 distance matrix time, and writes ``benchmarks/results/sea.json``.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from importlib.resources import files
from pathlib import Path

import numpy as np

from corredor.reference import load_ports
from corredor.sea import distance_matrix, load_sea_network, sea_route

RESULTS = Path(__file__).resolve().parent / "results" / "sea.json"
N_PAIRS = int(os.environ.get("BENCH_SEA_PAIRS", "1000"))
N_MATRIX = int(os.environ.get("BENCH_SEA_MATRIX", "500"))


def _pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs), q))


def _summary(name: str, times: list[float]) -> dict[str, float]:
    return {
        "tool": name,  # type: ignore[dict-item]
        "queries": len(times),
        "median_ms": statistics.median(times) * 1e3,
        "p95_ms": _pct(times, 95) * 1e3,
        "mean_ms": statistics.fmean(times) * 1e3,
    }


def _time_each(fn, pairs) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    times, out = [], []
    for a, b in pairs:
        t0 = time.perf_counter()
        out.append(fn(a, b))
        times.append(time.perf_counter() - t0)
    return times, out


def main() -> None:
    net = load_sea_network()
    ports = load_ports()
    codes = [c for i, c in enumerate(net.port_codes) if net.has_access(i)]
    rng = np.random.default_rng(1)
    pairs = [tuple(p) for p in rng.choice(codes, size=(N_PAIRS, 2))]
    pairs = [(str(a), str(b)) for a, b in pairs if a != b]
    ll = {c: (ports[c].lon, ports[c].lat) for c in codes}
    results: dict[str, object] = {
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "pairs": len(pairs),
    }

    sea_route(*pairs[0])  # warm the compiled graph
    t_c, d_c = _time_each(lambda a, b: sea_route(a, b).distance_nm, pairs)
    rows = [_summary("corredor", t_c)]
    # A planner's pattern: few origins (gateways), many destinations; the
    # per-origin shortest-path tree is cached, so this measures the cache hit.
    gateways = ["PECHY", "PECLL", "BRSSZ", "COCTG", "MXZLO", "CLVAP"]
    t_g, _ = _time_each(
        lambda a, b: sea_route(a, b).distance_nm,
        [(gateways[i % 6], b) for i, (_, b) in enumerate(pairs)],
    )
    results["corredor_repeated_origin"] = _summary("corredor (6 origins, cached trees)", t_g)

    import searoute

    searoute.searoute(ll[pairs[0][0]], ll[pairs[0][1]])  # warm its network load
    t_s, d_s = _time_each(
        lambda a, b: searoute.searoute(ll[a], ll[b], units="naut")["properties"]["length"], pairs
    )
    rows.append(_summary("searoute 1.6.0", t_s))

    from scgraph import GeoGraph

    path = str(files("searoute").joinpath("data/marnet_searoute.geojson"))
    t0 = time.perf_counter()
    sc = GeoGraph.load_from_geojson(path, silent=True)
    results["scgraph_load_s"] = time.perf_counter() - t0

    def sc_query(algo: str):  # type: ignore[no-untyped-def]
        def q(a: str, b: str) -> float:
            o = {"latitude": ll[a][1], "longitude": ll[a][0]}
            d = {"latitude": ll[b][1], "longitude": ll[b][0]}
            r = sc.get_shortest_path(o, d, output_units="km", algorithm_fn=algo, silent=True)
            return float(r["length"]) / 1.852

        return q

    for algo in ("dijkstra", "bidirectional_buckets", "contraction_hierarchy"):
        try:
            sc_query(algo)(*pairs[0])
            t_g, _ = _time_each(sc_query(algo), pairs)
            rows.append(_summary(f"scgraph ({algo})", t_g))
        except Exception as exc:  # a peer failing must not hide our figures
            rows.append({"tool": f"scgraph ({algo})", "error": repr(exc)[:200]})  # type: ignore[dict-item]

    base = rows[0]["median_ms"]
    print(f"{'tool':34s} {'median ms':>10s} {'p95 ms':>10s} {'ratio':>8s}")
    for r in rows:
        if "median_ms" in r:
            r["median_ratio_vs_corredor"] = r["median_ms"] / base
            print(
                f"{r['tool']:34s} {r['median_ms']:10.3f} {r['p95_ms']:10.3f} "
                f"{r['median_ratio_vs_corredor']:7.1f}x"
            )
        else:
            print(f"{r['tool']:34s} error: {r['error']}")
    dc, ds = np.array(d_c), np.array(d_s)
    ok = np.isfinite(dc) & (ds > 0)
    results["corredor_vs_searoute_distance_ratio_median"] = float(np.median(dc[ok] / ds[ok]))
    results["queries"] = rows

    sample = list(rng.choice(codes, size=N_MATRIX, replace=False))
    t0 = time.perf_counter()
    m = distance_matrix(sample)
    t_m = time.perf_counter() - t0
    print(
        f"corredor {N_MATRIX}x{N_MATRIX} distance matrix: {t_m:.2f} s "
        f"({np.isfinite(m).mean():.1%} finite)"
    )
    results["matrix"] = {"n": N_MATRIX, "corredor_s": t_m}
    try:
        nodes = [{"latitude": ll[c][1], "longitude": ll[c][0]} for c in sample]
        t0 = time.perf_counter()
        sc.distance_matrix(nodes, silent=True)
        results["matrix"]["scgraph_s"] = time.perf_counter() - t0  # type: ignore[index]
        print(
            f"scgraph  {N_MATRIX}x{N_MATRIX} distance matrix: "
            f"{results['matrix']['scgraph_s']:.2f} s"
        )  # type: ignore[index]
    except Exception as exc:
        results["matrix"]["scgraph_error"] = repr(exc)[:200]  # type: ignore[index]
    results["matrix"]["searoute_estimated_s"] = (  # type: ignore[index]
        N_MATRIX * (N_MATRIX - 1) * rows[1]["median_ms"] / 1e3
    )
    rep = results["corredor_repeated_origin"]
    print(f"{rep['tool']:34s} {rep['median_ms']:10.3f} {rep['p95_ms']:10.3f}")  # type: ignore[index]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
