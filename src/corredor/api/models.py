"""Pydantic models of every request and response of the HTTP API.

Response models mirror the ``to_dict()`` forms of the core records (the CLI's
``--format json``), so the API and the CLI print the same JSON. Request models
bound every number a client can send: a fuzzer (or a careless script) cannot
start a simulation that runs for hours.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

__all__ = [
    "CatchmentOut",
    "CatchmentRowOut",
    "CommodityOut",
    "ComparisonOut",
    "ErrorOut",
    "FeatureCollectionOut",
    "FeatureOut",
    "HealthOut",
    "ImpactRequest",
    "ImpactResultOut",
    "ImpactScenarioOut",
    "ItineraryOut",
    "JobOut",
    "LegOut",
    "PlaceOut",
    "PlanOut",
    "PortOut",
    "RouteOut",
    "RunOut",
    "ScenarioOut",
    "ScenariosOut",
    "SimulateRequest",
    "SourceOut",
]

#: Upper bound of simulated replication-years per job (replications x years x points).
MAX_REPLICATION_YEARS = 100.0


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ErrorOut(_Out):
    """Body of every 4xx/5xx answer: what went wrong and which field it was."""

    error: str = Field(description="machine-readable kind, e.g. invalid_input, unknown_port")
    argument: str | None = Field(description="the request field at fault")
    message: str
    close_matches: list[str] | None = None
    detail: list[dict[str, Any]] | None = None


class PortOut(_Out):
    """A seaport (UN/LOCODE) with its source."""

    locode: str
    name: str
    country: str
    lat: float
    lon: float
    source: str
    max_draft_m: float | None
    notes: str
    curated: bool


class PlaceOut(_Out):
    """A place of the land network (region, city, border crossing, port, airport)."""

    id: str
    name: str
    country: str
    kind: str
    lat: float
    lon: float
    locode: str
    label: str = Field(description='what to type as a plan origin, e.g. "Trujillo, PE"')


class _RoutePort(_Out):
    locode: str
    name: str
    country: str
    lat: float
    lon: float


class PassageDetail(_Out):
    """Transit and waiting time of one canal or strait a route uses."""

    name: str
    transit_h: float
    waiting_h: float
    source: str


class Restrictions(_Out):
    """Per-query routing rules."""

    avoid: list[str]
    via: list[str]
    max_draft_m: float | None


class Geometry(BaseModel):
    """A GeoJSON geometry (LineString or MultiLineString, split at the antimeridian)."""

    model_config = ConfigDict(extra="allow")
    type: str
    coordinates: list[Any]


class RouteOut(_Out):
    """The JSON of ``corredor route --format json``."""

    model_config = ConfigDict(extra="allow")
    origin: _RoutePort
    destination: _RoutePort
    distance_nm: float
    distance_km: float
    passages: list[str]
    passage_details: list[PassageDetail]
    speed_kn: float
    sailing_days: float
    passage_days: float
    total_days: float
    restrictions: Restrictions
    geometry: Geometry


class LegOut(_Out):
    """One leg of an itinerary (``Leg.to_dict()``)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    mode: str
    from_: str = Field(alias="from")
    to: str
    distance_km: float
    days: float
    cost_usd: float
    co2e_kg: float
    component: str
    detail: str
    source_ids: list[str]


class ItineraryOut(_Out):
    """A door-to-port itinerary (``Itinerary.to_dict()``)."""

    model_config = ConfigDict(extra="allow")
    label: str
    gateway: str
    total_days: float
    port_to_port_days: float
    cost_usd: float
    co2e_kg: float
    arrives_sellable: bool
    remaining_shelf_life_days: float | None
    shelf_life_basis: str
    legs: list[LegOut]


class PlanOut(_Out):
    """The JSON of ``corredor plan --format json``."""

    model_config = ConfigDict(extra="allow")
    itineraries: list[ItineraryOut]


class ExplanationRow(_Out):
    """Days of one leg component with and without the removed ports."""

    component: str
    days_with: float
    days_without: float
    difference: float


class ComparisonOut(_Out):
    """The JSON of ``corredor compare --format json``."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    with_: ItineraryOut = Field(alias="with")
    without: ItineraryOut
    without_ports: list[str]
    explanation: list[ExplanationRow]


class CatchmentRowOut(_Out):
    """Best gateway of one export case with and without the removed ports."""

    model_config = ConfigDict(extra="allow")
    case: str
    origin: str
    commodity: str
    gateway_with: str
    gateway_without: str
    days_with: float
    days_without: float
    days_saved: float


class CatchmentOut(_Out):
    """The JSON of ``corredor catchment --format json``."""

    model_config = ConfigDict(extra="allow")
    rows: list[CatchmentRowOut]


class CommodityOut(_Out):
    """A commodity of the planner's table."""

    key: str
    name: str
    hs_code: str
    reefer: bool
    shelf_life_days_normal: float | None
    shelf_life_days_ca: float | None
    tonnes_per_teu: float


class SourceOut(_Out):
    """One packaged data table and its sources (``corredor sources --format json``)."""

    table: str
    rows: int
    assumption_rows: int
    sources: list[str]


class ScenarioOut(_Out):
    """A packaged terminal scenario."""

    name: str
    locode: str
    berths: int
    quay_m: float
    cranes: int
    teu_per_year: float
    yard_capacity_teu: float
    description: str


class ScenariosOut(_Out):
    """The JSON of ``corredor simulate scenarios --format json``."""

    scenarios: list[ScenarioOut]


class SimulateRequest(BaseModel):
    """A terminal simulation to run in the background (bounded work).

    ``throughputs`` turns the job into a waiting-time curve (one simulation per
    offered TEU/yr, common random numbers); otherwise one simulation at
    ``teu_per_year`` (default the scenario's).
    """

    model_config = ConfigDict(extra="forbid", strict=True)
    scenario: str = Field(
        "chancay-phase1",
        description="packaged scenario name (GET /scenarios)",
        pattern=r"^[a-z0-9-]{1,40}$",
    )
    teu_per_year: float | None = Field(None, gt=0, le=5_000_000, allow_inf_nan=False)
    throughputs: list[float] | None = Field(
        None, min_length=2, max_length=10, description="offered TEU/yr per curve point"
    )
    years: float = Field(1.0, gt=0, le=5, allow_inf_nan=False)
    replications: int = Field(10, ge=1, le=100)
    seed: int = Field(0, ge=0, le=2**31 - 1)

    @field_validator("throughputs")
    @classmethod
    def _points(cls, value: list[float] | None, info: ValidationInfo) -> list[float] | None:
        for v in value or []:
            if not (math.isfinite(v) and 0 < v <= 5_000_000):
                raise ValueError("every throughput must be in (0, 5000000] TEU/yr")
        if value and info.data.get("teu_per_year") is not None:
            raise ValueError("give teu_per_year or throughputs, not both")
        return value

    @field_validator("replications")
    @classmethod
    def _bounded(cls, value: int, info: ValidationInfo) -> int:
        """Bound the work: replications x years x curve points (fields before this one)."""
        throughputs = info.data.get("throughputs")
        points = len(throughputs) if throughputs else 1
        years = info.data.get("years")
        if years is not None:
            work = value * years * points
            if work > MAX_REPLICATION_YEARS:
                raise ValueError(
                    f"replications x years x points = {work:g} exceeds {MAX_REPLICATION_YEARS:g}"
                )
        return value


class ImpactRequest(BaseModel):
    """An impact analysis (with/without scenario over the trade flows) to run in the background."""

    model_config = ConfigDict(extra="forbid", strict=True)
    scenario: str = Field(
        "chancay-phase1",
        description="packaged impact scenario name (GET /impact/scenarios)",
        pattern=r"^[a-z0-9_-]{1,60}$",
    )
    seed: int = Field(0, ge=0, le=2**31 - 1)
    draws: int | None = Field(
        None, ge=0, le=200, description="Monte Carlo draws (default: the scenario's)"
    )
    save: bool = Field(True, description="record the run in the results store (GET /runs)")


class ImpactScenarioOut(_Out):
    """A packaged impact scenario."""

    name: str
    description: str


class RunOut(_Out):
    """One stored impact run (``corredor runs list --format json`` row)."""

    model_config = ConfigDict(extra="allow")
    run_id: str
    scenario: str
    created_at: str
    seed: int
    draws: int
    n_flows: int


class ImpactResultOut(_Out):
    """An impact run's summary (``ImpactResult.to_dict()``, ``corredor runs show``)."""

    model_config = ConfigDict(extra="allow")
    run_id: str
    scenario: str
    baseline: str
    total_teu: float
    volumes_by_gateway: dict[str, dict[str, float]]
    diverted_teu: float
    chancay_teu: float
    days_saved_total: float
    usd_saved_total: float
    co2e_change_t: float
    converged: bool


class HealthOut(_Out):
    """Liveness answer."""

    status: Literal["ok"]
    version: str


JobStatus = Literal["queued", "running", "done", "failed"]


class JobOut(_Out):
    """A background job: its status, and its result or error once finished."""

    id: str
    kind: str
    status: JobStatus
    submitted: str = Field(description="ISO 8601 UTC time")
    started: str | None = None
    finished: str | None = None
    request: dict[str, Any]
    result: dict[str, Any] | None = None
    error: ErrorOut | None = None


class FeatureOut(BaseModel):
    """A GeoJSON Feature."""

    model_config = ConfigDict(extra="allow")
    type: Literal["Feature"]
    properties: dict[str, Any]
    geometry: Geometry | None


class FeatureCollectionOut(BaseModel):
    """A GeoJSON FeatureCollection."""

    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list[FeatureOut]
