"""Background-job endpoints: terminal simulation and impact analysis, and stored runs.

``POST /simulate`` and ``POST /impact`` answer 202 with a job; ``GET
/simulate/{id}`` (or ``/impact/{id}``) reports its status and, once done,
its result. Requests are bounded by their models; the registry refuses work
beyond its queue (429).
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from corredor.api.errors import NotAvailableError
from corredor.api.jobs import JobRegistry
from corredor.api.models import ErrorOut, ImpactRequest, JobOut, SimulateRequest
from corredor.errors import UnknownCodeError

__all__ = ["router"]

router = APIRouter()

JOB_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "unknown job, scenario or run"},
    422: {"model": ErrorOut, "description": "invalid value (the body names the field)"},
    429: {"model": ErrorOut, "description": "too many jobs queued; retry later"},
    501: {"model": ErrorOut, "description": "capability not installed in this build"},
}

JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="job id")]


def _jobs(request: Request) -> JobRegistry:
    registry: JobRegistry = request.app.state.jobs
    return registry


def _accepted(request: Request, job: dict[str, Any], kind: str) -> JSONResponse:
    url = request.url_for(f"{kind}_status", job_id=job["id"])
    return JSONResponse(job, status_code=202, headers={"Location": url.path})


def _simulation(req: SimulateRequest) -> dict[str, Any]:
    from corredor import portsim

    if req.throughputs:
        curve = portsim.wait_time_curve(
            req.scenario,
            req.throughputs,
            years=req.years,
            replications=req.replications,
            seed=req.seed,
        )
        return {"kind": "curve", **curve.to_dict()}
    res = portsim.simulate(
        req.scenario,
        teu_per_year=req.teu_per_year,
        years=req.years,
        replications=req.replications,
        seed=req.seed,
    )
    return {"kind": "simulation", **res.to_dict()}


@router.post(
    "/simulate",
    status_code=202,
    response_model=JobOut,
    tags=["simulation"],
    responses=JOB_ERRORS,
)
def simulate_submit(request: Request, body: SimulateRequest) -> JSONResponse:
    """Start a terminal simulation (or a waiting-time curve) in the background."""
    from corredor import portsim

    names = portsim.packaged_scenarios()
    if body.scenario not in names:  # a name, never a path: files are not read from requests
        raise UnknownCodeError("scenario", body.scenario, names, what="packaged scenario")
    job = _jobs(request).submit("simulate", body.model_dump(), lambda: _simulation(body))
    return _accepted(request, job.to_dict(), "simulate")


@router.get("/simulate", response_model=list[JobOut], tags=["simulation"], responses=JOB_ERRORS)
def simulate_list(request: Request) -> list[dict[str, Any]]:
    """Simulation jobs this server remembers, newest first."""
    return [j.to_dict() for j in _jobs(request).list("simulate")]


@router.get(
    "/simulate/{job_id}",
    response_model=JobOut,
    tags=["simulation"],
    responses=JOB_ERRORS,
    name="simulate_status",
)
def simulate_status(request: Request, job_id: JobId) -> dict[str, Any]:
    """Status of a simulation job, with its result once ``done``."""
    job = _jobs(request).get(job_id, "simulate")
    if job is None:
        raise UnknownCodeError("job_id", job_id, what="simulation job")
    return job.to_dict()


def _impact_api() -> tuple[Any, Any]:
    """``(run_impact, ResultsStore)`` from the impact layer, or 501 when absent."""
    try:
        mod = importlib.import_module("corredor")
        run = getattr(mod, "run_impact", None)
        store = getattr(mod, "ResultsStore", None)
    except ImportError:  # pragma: no cover - corredor itself always imports
        run = store = None
    if run is None:
        raise NotAvailableError(
            "impact analysis is not available in this build (corredor.run_impact missing)",
            argument="scenario",
        )
    return run, store


@router.post(
    "/impact", status_code=202, response_model=JobOut, tags=["impact"], responses=JOB_ERRORS
)
def impact_submit(request: Request, body: ImpactRequest) -> JSONResponse:
    """Start an impact analysis (with/without scenario over the trade flows)."""
    run_impact, _ = _impact_api()

    def work() -> dict[str, Any]:
        result = run_impact(body.scenario, seed=body.seed)
        data: dict[str, Any] = result.to_dict()
        return data

    job = _jobs(request).submit("impact", body.model_dump(), work)
    return _accepted(request, job.to_dict(), "impact")


@router.get(
    "/impact/{job_id}",
    response_model=JobOut,
    tags=["impact"],
    responses=JOB_ERRORS,
    name="impact_status",
)
def impact_status(request: Request, job_id: JobId) -> dict[str, Any]:
    """Status of an impact job, with its result once ``done``."""
    job = _jobs(request).get(job_id, "impact")
    if job is None:
        raise UnknownCodeError("job_id", job_id, what="impact job")
    return job.to_dict()


@router.get("/runs", tags=["impact"], responses=JOB_ERRORS)
def runs_list(
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Runs recorded in the results store (impact analyses, simulations)."""
    _, store_cls = _impact_api()
    if store_cls is None:
        raise NotAvailableError("results store not available in this build", argument=None)
    store = store_cls()
    runs = store.list()
    return [r.to_dict() if hasattr(r, "to_dict") else dict(r) for r in runs][:limit]


@router.get("/runs/{run_id}", tags=["impact"], responses=JOB_ERRORS)
def run_show(
    run_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,80}$")],
) -> dict[str, Any]:
    """One recorded run with its results."""
    _, store_cls = _impact_api()
    if store_cls is None:
        raise NotAvailableError("results store not available in this build", argument=None)
    run = store_cls().show(run_id)
    data: dict[str, Any] = run.to_dict() if hasattr(run, "to_dict") else dict(run)
    return data
