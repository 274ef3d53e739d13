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
from corredor.api.models import (
    ErrorOut,
    ImpactRequest,
    ImpactResultOut,
    ImpactScenarioOut,
    JobOut,
    RunOut,
    SimulateRequest,
)
from corredor.errors import UnknownCodeError

__all__ = ["router"]

router = APIRouter()

JOB_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "malformed body or refused request"},
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


def _impact() -> Any:
    """The impact layer (``corredor.impact``), or 501 when this build lacks it."""
    try:
        return importlib.import_module("corredor.impact")
    except ImportError:
        raise NotAvailableError(
            "impact analysis is not available in this build (no corredor.impact)",
            argument="scenario",
        ) from None


def _store(request: Request) -> Any:
    """The app's results store (``corredor.store.ResultsStore``), or 501."""
    try:
        store_mod = importlib.import_module("corredor.store")
    except ImportError:
        raise NotAvailableError(
            "results store not available in this build (no corredor.store)", argument=None
        ) from None
    return store_mod.ResultsStore(request.app.state.store_path)


@router.get(
    "/impact/scenarios",
    response_model=list[ImpactScenarioOut],
    tags=["impact"],
    responses=JOB_ERRORS,
)
def impact_scenarios() -> list[dict[str, str]]:
    """Packaged impact scenarios (names for ``POST /impact``) - ``corredor impact scenarios``."""
    impact = _impact()
    return [
        {"name": n, "description": impact.load_impact_scenario(n).description}
        for n in impact.packaged_scenarios()
    ]


@router.post(
    "/impact", status_code=202, response_model=JobOut, tags=["impact"], responses=JOB_ERRORS
)
def impact_submit(request: Request, body: ImpactRequest) -> JSONResponse:
    """Start an impact analysis (trade flows with and without Chancay) in the background."""
    impact = _impact()
    names = list(impact.packaged_scenarios())
    if body.scenario not in names:  # a name, never a path: files are not read from requests
        raise UnknownCodeError("scenario", body.scenario, names, what="impact scenario")
    store = _store(request) if body.save else None

    def work() -> dict[str, Any]:
        result = impact.run_impact(
            body.scenario, seed=body.seed, draws=body.draws, workers=1, store=store, save=body.save
        )
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


@router.get("/runs", response_model=list[RunOut], tags=["impact"], responses=JOB_ERRORS)
def runs_list(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Impact runs recorded in the results store, newest first - ``corredor runs list``."""
    runs: list[dict[str, Any]] = _store(request).list_runs()
    return runs[:limit]


@router.get("/runs/{run_id}", response_model=ImpactResultOut, tags=["impact"], responses=JOB_ERRORS)
def run_show(
    request: Request,
    run_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,80}$")],
) -> dict[str, Any]:
    """The stored summary of one run - ``corredor runs show``."""
    store = _store(request)
    if not store.path.exists():  # no run saved yet: the id is unknown, not the store broken
        raise UnknownCodeError("run_id", run_id, what="run")
    data: dict[str, Any] = store.show(run_id)
    return data
