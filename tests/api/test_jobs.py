"""Background jobs: simulation and impact run, report status and results; the queue is bounded."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corredor.api.jobs import JobRegistry, TooManyJobsError
from corredor.errors import InvalidInputError


def _wait(client: TestClient, url: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(url).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_simulation_job_runs_and_matches_the_library(client: TestClient) -> None:
    from corredor import simulate

    body = {"scenario": "chancay-phase1", "replications": 4, "years": 0.25, "seed": 3}
    r = client.post("/simulate", json=body)
    assert r.status_code == 202
    job = r.json()
    assert job["status"] in ("queued", "running", "done") and job["request"]["seed"] == 3
    assert r.headers["location"] == f"/simulate/{job['id']}"
    done = _wait(client, r.headers["location"])
    assert done["status"] == "done", done
    expected = simulate("chancay-phase1", replications=4, years=0.25, seed=3).to_dict()
    result = done["result"]
    assert result.pop("kind") == "simulation"
    assert result == expected
    assert any(j["id"] == job["id"] for j in client.get("/simulate").json())


def test_curve_job(client: TestClient) -> None:
    body = {"throughputs": [4e5, 8e5, 1.2e6], "replications": 3, "years": 0.25}
    r = client.post("/simulate", json=body)
    done = _wait(client, r.headers["location"])
    assert done["status"] == "done"
    cols = done["result"]["columns"]
    assert cols["teu_per_year"] == [4e5, 8e5, 1.2e6]
    assert cols["mean_wait_h"][0] <= cols["mean_wait_h"][-1]


def test_unknown_and_malformed_job_ids(client: TestClient) -> None:
    assert client.get("/simulate/" + "0" * 32).status_code == 404
    assert client.get("/simulate/../../etc").status_code == 404
    assert client.get("/simulate/XYZ").status_code == 422
    r = client.post("/simulate", json={"replications": 2, "years": 0.1})
    job_id = r.json()["id"]
    assert client.get(f"/impact/{job_id}").status_code == 404  # a simulation, not an impact job


def test_impact_job_and_runs(client: TestClient, cli_json: Any, tmp_path: Path) -> None:
    pytest.importorskip("corredor.impact")
    scenarios = client.get("/impact/scenarios").json()
    assert scenarios == cli_json("impact", "scenarios", "--format", "json")
    assert "chancay-phase1" in [s["name"] for s in scenarios]
    assert client.get("/runs").json() == []
    r = client.post("/impact", json={"scenario": "chancay-phase1", "draws": 0})
    assert r.status_code == 202
    done = _wait(client, r.headers["location"])
    assert done["status"] == "done", done
    run_id = done["result"]["run_id"]
    runs = client.get("/runs").json()
    assert [x["run_id"] for x in runs] == [run_id]
    store = str(tmp_path / "runs.duckdb")  # the client fixture's store
    assert runs == cli_json("runs", "list", "--store", store, "--format", "json")
    shown = client.get(f"/runs/{run_id}").json()
    assert shown["run_id"] == run_id
    assert shown == cli_json("runs", "show", run_id, "--store", store, "--format", "json")
    missing = client.get("/runs/no-such-run")
    assert missing.status_code == 404 and missing.json()["argument"] == "run_id"
    assert client.post("/impact", json={"scenario": "../x"}).status_code == 422
    assert client.post("/impact", json={"scenario": "nope"}).status_code == 404


def test_registry_is_bounded_and_reports_failures() -> None:
    reg = JobRegistry(workers=1, max_pending=2, keep=3)
    gate = threading.Event()
    try:
        a = reg.submit("t", {}, lambda: {"ok": int(gate.wait(10))})
        b = reg.submit("t", {}, lambda: {"ok": 2})
        with pytest.raises(TooManyJobsError):
            reg.submit("t", {}, lambda: {"ok": 3})
        gate.set()
        deadline = time.monotonic() + 10
        while any(reg.get(j.id).status != "done" for j in (a, b)):  # type: ignore[union-attr]
            assert time.monotonic() < deadline
            time.sleep(0.01)

        def bad() -> dict[str, Any]:
            raise InvalidInputError("x", "something", 1)

        c = reg.submit("t", {}, bad)
        while reg.get(c.id).status != "failed":  # type: ignore[union-attr]
            time.sleep(0.01)
        assert reg.get(c.id).error["argument"] == "x"  # type: ignore[union-attr,index]
        for _ in range(5):
            reg.submit("t", {}, lambda: {})
            time.sleep(0.05)
        time.sleep(0.2)
        assert len(reg.list()) <= 3 + 2
    finally:
        gate.set()
        reg.shutdown()


def test_too_many_jobs_is_429(tmp_path: Any) -> None:
    from corredor.api import create_app

    app = create_app(max_pending_jobs=1)
    with TestClient(app) as c:
        codes = [
            c.post("/simulate", json={"replications": 20, "years": 2}).status_code for _ in range(3)
        ]
        assert codes[0] == 202 and 429 in codes
