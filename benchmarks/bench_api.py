"""Load test of the HTTP API: 100 concurrent clients on /route and /plan, localhost only.

Run:  .venv/bin/python benchmarks/bench_api.py   (or `make bench`)
Writes benchmarks/results/api.json. Stops by itself (BENCH_API_SECONDS per
phase, default 60).

1. ``corredor serve`` equivalent (one uvicorn process, ``create_app``) is
   started as a subprocess on a free 127.0.0.1 port.
2. Phase "route": 100 clients (100 keep-alive connections, an asyncio loop) repeat
   ``GET /route?origin=PECHY&destination=CNSHA`` for the duration.
   Goal: p99 < 100 ms, 0 errors.
3. Phase "plan": 100 clients cycle over the corridor's export cases
   (``GET /plan?from=...&to=CNSHA&commodity=...``), 0 errors.
4. Peer figures side by side: the same route computed in-process
   (``corredor.sea_route(...).to_dict()`` + ``json.dumps``), the same route
   over HTTP by one client at a time (no queueing), and the first (uncached)
   /plan of each case over HTTP.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

OUT = Path(__file__).resolve().parent / "results" / "api.json"
CLIENTS = 100
SECONDS = float(os.environ.get("BENCH_API_SECONDS", "60"))
ROUTE = "/route?origin=PECHY&destination=CNSHA"
CASES = [
    ("Sorriso", "soybeans"),
    ("Pereira", "coffee_green"),
    ("Rosario", "beef_frozen"),
    ("Curicó", "cherries"),
    ("Machala", "bananas"),
    ("Trujillo, PE", "blueberries"),
]
PLANS = [
    "/plan?" + str(httpx.QueryParams({"from": o, "to": "CNSHA", "commodity": c})) for o, c in CASES
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "uvicorn", "corredor.api:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def _stats(lat_s: list[float], errors: int, seconds: float) -> dict[str, Any]:
    ms = np.asarray(lat_s) * 1000.0
    return {
        "requests": int(ms.size),
        "errors": errors,
        "seconds": seconds,
        "requests_per_s": ms.size / seconds,
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "p99_ms": float(np.percentile(ms, 99)),
        "max_ms": float(ms.max()),
    }


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str
) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; the status (body read and checked)."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    body = await reader.readexactly(length)
    if status == 200 and not body.startswith(b"{"):
        return 0
    return status


async def _load(port: int, urls: list[str], seconds: float) -> dict[str, Any]:
    """CLIENTS concurrent keep-alive connections looping over ``urls`` for ``seconds``.

    A minimal asyncio HTTP/1.1 client (connection per simulated user, like a
    browser): httpx's pooled AsyncClient costs more CPU per request than the
    server on this 2-core machine, which would measure the client instead.
    """
    latencies: list[float] = []
    errors = 0
    host = f"127.0.0.1:{port}"
    start = time.perf_counter()
    stop = start + seconds

    async def worker(k: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        i = k
        try:
            while time.perf_counter() < stop:
                url = urls[i % len(urls)]
                i += 1
                t0 = time.perf_counter()
                try:
                    ok = await asyncio.wait_for(_get(reader, writer, host, url), 30) == 200
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - t0)
                if not ok:
                    errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker(k) for k in range(CLIENTS)))
    return _stats(latencies, errors, time.perf_counter() - start)


async def _one_client_ms(port: int, url: str, n: int = 1000) -> float:
    """Median latency of one client sending ``n`` requests in turn (no queueing)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    times = []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            if await _get(reader, writer, f"127.0.0.1:{port}", url) != 200:
                raise SystemExit(f"{url}: not 200")
            times.append(time.perf_counter() - t0)
    finally:
        writer.close()
    return statistics.median(times) * 1000.0


def _in_process_route_ms(n: int = 2000) -> float:
    import corredor

    corredor.sea_route("PECHY", "CNSHA")
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        json.dumps(corredor.sea_route("PECHY", "CNSHA").to_dict())
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000.0


def _machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "load_avg_1m": os.getloadavg()[0],
    }


def main() -> int:
    load_before = os.getloadavg()[0]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start_server(port)
    try:
        cold_plan_ms = []
        for url in PLANS:  # first request of each case: computed, not cached
            t0 = time.perf_counter()
            r = httpx.get(base + url, timeout=60)
            cold_plan_ms.append((time.perf_counter() - t0) * 1000.0)
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code} {r.text[:200]}")
        t0 = time.perf_counter()
        first_route = httpx.get(base + ROUTE, timeout=60)
        first_route_ms = (time.perf_counter() - t0) * 1000.0
        if first_route.status_code != 200:
            raise SystemExit(f"route: HTTP {first_route.status_code}")
        one_client = asyncio.run(_one_client_ms(port, ROUTE))
        print(f"load: {CLIENTS} clients x {SECONDS:g} s on {ROUTE}", flush=True)
        route = asyncio.run(_load(port, [ROUTE], SECONDS))
        print(json.dumps(route), flush=True)
        print(f"load: {CLIENTS} clients x {SECONDS:g} s on /plan ({len(PLANS)} cases)", flush=True)
        plan = asyncio.run(_load(port, PLANS, SECONDS))
        print(json.dumps(plan), flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    in_process = _in_process_route_ms()
    result = {
        "benchmark": "api",
        "clients": CLIENTS,
        "seconds_per_phase": SECONDS,
        "server": "uvicorn, one process (as corredor serve), create_app, h11, localhost",
        "route": route,
        "plan": plan,
        "first_route_ms": first_route_ms,
        "cold_plan_ms": {"median": statistics.median(cold_plan_ms), "max": max(cold_plan_ms)},
        "one_client_route_ms": one_client,
        "peer_in_process_route_ms": in_process,
        "ratio_one_client_http_over_in_process": one_client / in_process,
        "ratio_loaded_p50_over_one_client": route["p50_ms"] / one_client,
        "goal_route_p99_ms": 100,
        "goal_met": route["p99_ms"] < 100 and route["errors"] == 0 and plan["errors"] == 0,
        "machine": {**_machine(), "load_avg_1m_before": load_before},
        "note": "client and server share the machine's cores; other load inflates latencies",
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"route p50/p95/p99 {route['p50_ms']:.1f}/{route['p95_ms']:.1f}/{route['p99_ms']:.1f} ms, "
        f"{route['requests_per_s']:.0f} req/s, {route['errors']} errors; "
        f"plan p50/p95/p99 {plan['p50_ms']:.1f}/{plan['p95_ms']:.1f}/{plan['p99_ms']:.1f} ms, "
        f"{plan['errors']} errors; one client {one_client:.2f} ms, in-process route "
        f"{in_process:.2f} ms -> {OUT}"
    )
    return 0 if result["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
