"""Terminal scenarios: validated, immutable parameter sets with provenance.

A scenario is read from a TOML or YAML file in which every number may be
wrapped as ``{value = ..., source = "..."}`` or
``{value = ..., assumption = true, reason = "..."}``. The wrapper is
stripped, the provenance kept in :attr:`Scenario.sources`, and the plain
values validated by pydantic. Packaged scenarios are read in strict mode: a
bare number there is a :class:`~corredor.errors.DataError`.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from corredor.errors import DataError, InvalidInputError, UnknownCodeError

__all__ = [
    "Arrivals",
    "Cargo",
    "Cranes",
    "Dwell",
    "Gate",
    "Quay",
    "Scenario",
    "VesselClass",
    "Yard",
    "load_scenario",
    "override",
    "packaged_scenarios",
    "scenario_summaries",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
_PACKAGED_DIR = "data/terminals"


class VesselClass(BaseModel):
    """A vessel size class calling at the terminal."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    share: float = Field(ge=0.0, le=1.0, description="share of calls")
    loa_m: float = Field(gt=0.0, description="length over all, m")
    draft_m: float = Field(gt=0.0, description="operating draft, m")
    max_cranes: int = Field(ge=1, description="most quay cranes that fit along the hull")
    call_teu_mean: float = Field(gt=0.0, description="mean call size, TEU moved (disch.+load)")
    call_teu_cv: float = Field(ge=0.0, le=3.0, description="coefficient of variation of call size")


class Quay(BaseModel):
    """Container quay: berth positions along a continuous wall."""

    model_config = _FROZEN

    length_m: float = Field(gt=0.0)
    berths: int = Field(ge=1, description="most vessels alongside at once")
    clearance_m: float = Field(ge=0.0, description="gap kept between and beyond vessels, m")
    max_draft_m: float = Field(gt=0.0)
    pre_ops_h: float = Field(ge=0.0, description="berthing to first crane move, h")
    post_ops_h: float = Field(ge=0.0, description="last crane move to unberthing, h")


class Cranes(BaseModel):
    """Ship-to-shore (quay) cranes."""

    model_config = _FROZEN

    count: int = Field(ge=1)
    gross_moves_per_hour: float = Field(gt=0.0, description="per crane, boxes per hour")


class Arrivals(BaseModel):
    """How vessels arrive.

    ``schedule``: evenly spaced berth windows with punctuality noise (on time
    within +-``on_time_window_h`` with probability ``on_time_share``, else late
    by on average ``late_mean_delay_h``). ``renewal``: i.i.d. gamma
    inter-arrival times with coefficient of variation ``interarrival_cv``
    (1 = Poisson). ``fixed``: the listed arrival times and classes.
    """

    model_config = _FROZEN

    process: Literal["schedule", "renewal", "fixed"]
    interarrival_cv: float = Field(default=1.0, gt=0.0, le=5.0)
    on_time_share: float = Field(default=1.0, ge=0.0, le=1.0)
    on_time_window_h: float = Field(default=24.0, ge=0.0)
    late_mean_delay_h: float = Field(default=24.0, ge=0.0)
    times_h: tuple[float, ...] = ()
    classes: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Arrivals:
        if self.process == "schedule" and self.late_mean_delay_h < self.on_time_window_h:
            raise ValueError("late_mean_delay_h must be >= on_time_window_h")
        if self.process == "fixed":
            if not self.times_h or len(self.times_h) != len(self.classes):
                raise ValueError("fixed arrivals need times_h and classes of equal, nonzero length")
            if any(t < 0 for t in self.times_h):
                raise ValueError("times_h must be >= 0")
        return self


class Cargo(BaseModel):
    """How a call's moves split into flows."""

    model_config = _FROZEN

    discharge_share: float = Field(ge=0.0, le=1.0, description="share of moves that discharge")
    transshipment_share: float = Field(ge=0.0, le=1.0, description="of discharge and of load")
    reefer_share: float = Field(ge=0.0, le=1.0, description="share of boxes needing a plug")
    teu_per_move: float = Field(ge=1.0, le=2.0, description="1 + share of 40' boxes")


class Dwell(BaseModel):
    """Gamma-distributed yard dwell time."""

    model_config = _FROZEN

    mean_days: float = Field(gt=0.0)
    cv: float = Field(ge=0.0, le=3.0)


class Yard(BaseModel):
    """Container yard: storage capacity, reefer plugs and dwell times."""

    model_config = _FROZEN

    ground_slots_teu: int = Field(ge=1)
    stacking_height: float = Field(gt=0.0, description="mean usable tiers")
    reefer_plugs: int = Field(ge=0)
    import_dwell: Dwell
    export_dwell: Dwell
    transshipment_dwell: Dwell
    reefer_dwell: Dwell

    @property
    def capacity_teu(self) -> float:
        """Static storage capacity, TEU."""
        return self.ground_slots_teu * self.stacking_height


class Gate(BaseModel):
    """Truck gate (optional)."""

    model_config = _FROZEN

    lanes: int = Field(ge=1)
    trucks_per_lane_hour: float = Field(gt=0.0)


class Scenario(BaseModel):
    """A complete, validated terminal scenario."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    locode: str = Field(pattern=r"^[A-Z]{2}[A-Z0-9]{3}$")
    description: str = ""
    teu_per_year: float = Field(gt=0.0, description="default offered throughput, TEU/yr")
    warmup_days: float = Field(ge=0.0)
    quay: Quay
    cranes: Cranes
    vessel_classes: tuple[VesselClass, ...] = Field(min_length=1)
    arrivals: Arrivals
    cargo: Cargo
    yard: Yard
    gate: Gate | None = None
    sources: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        total = sum(c.share for c in self.vessel_classes)
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise ValueError(f"vessel class shares must sum to 1, got {total:.6g}")
        names = [c.name for c in self.vessel_classes]
        if len(set(names)) != len(names):
            raise ValueError("vessel class names must be unique")
        unknown = set(self.arrivals.classes) - set(names)
        if unknown:
            raise ValueError(f"arrivals.classes names unknown classes {sorted(unknown)}")
        return self

    @property
    def mean_call_teu(self) -> float:
        """Mean TEU moved per call over the class mix."""
        return sum(c.share * c.call_teu_mean for c in self.vessel_classes)


def _validate(data: Mapping[str, Any], where: str) -> Scenario:
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "scenario"
        raise InvalidInputError(f"{where}: {field}", err["msg"].lower(), err.get("input")) from None


def _strip(node: Any, path: str, sources: dict[str, str], strict: bool, where: str) -> Any:
    """Replace ``{value, source|assumption}`` leaves by their value, recording provenance."""
    if isinstance(node, Mapping):
        if "value" in node:
            extra = set(node) - {"value", "source", "url", "assumption", "reason"}
            if extra:
                raise DataError(f"{where}: {path} has unknown keys {sorted(extra)}", argument=path)
            if node.get("assumption") is True:
                reason = node.get("reason")
                if not isinstance(reason, str) or not reason.strip():
                    raise DataError(f"{where}: {path} is an assumption without a reason")
                sources[path] = f"assumption: {reason.strip()}"
            elif isinstance(node.get("source"), str) and node["source"].strip():
                url = node.get("url")
                sources[path] = node["source"].strip() + (f" <{url}>" if url else "")
            else:
                raise DataError(
                    f"{where}: {path} needs a source or assumption = true with a reason"
                )
            return node["value"]
        return {
            k: _strip(v, f"{path}.{k}" if path else k, sources, strict, where)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_strip(v, f"{path}[{i}]", sources, strict, where) for i, v in enumerate(node)]
    if strict and isinstance(node, int | float) and not isinstance(node, bool):
        raise DataError(f"{where}: number at {path} has no source", argument=path)
    return node


def _deep_merge(base: dict[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


def _parse(text: str, suffix: str, where: str) -> dict[str, Any]:
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        else:
            data = yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{where}: not valid {suffix.lstrip('.').upper()}: {exc}") from None
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a table of scenario fields at top level")
    return data


def _packaged_raw(name: str) -> tuple[dict[str, Any], dict[str, str]]:
    files = resources.files("corredor").joinpath(_PACKAGED_DIR)
    names = packaged_scenarios()
    if name not in names:
        import difflib

        raise UnknownCodeError("scenario", name, difflib.get_close_matches(name, names), "scenario")
    where = f"packaged scenario {name}"
    raw = _parse(files.joinpath(f"{name}.toml").read_text(encoding="utf-8"), ".toml", where)
    return _resolve(raw, strict=True, where=where)


def _resolve(
    raw: dict[str, Any], *, strict: bool, where: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """Strip provenance wrappers and apply ``extends`` (a packaged base scenario)."""
    base_name = raw.pop("extends", None)
    sources: dict[str, str] = {}
    plain = _strip(raw, "", sources, strict, where)
    if base_name is None:
        return plain, sources
    if not isinstance(base_name, str):
        raise DataError(f"{where}: extends must be a scenario name", argument="extends")
    base, base_sources = _packaged_raw(base_name)
    return _deep_merge(base, plain), {**base_sources, **sources}


def packaged_scenarios() -> list[str]:
    """Names of the scenarios shipped with corredor."""
    files = resources.files("corredor").joinpath(_PACKAGED_DIR)
    return sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".toml"))


def scenario_summaries() -> list[dict[str, object]]:
    """One row per packaged scenario: name, port, berths, quay, cranes, TEU/yr, yard."""
    rows: list[dict[str, object]] = []
    for name in packaged_scenarios():
        s = load_scenario(name)
        rows.append(
            {
                "name": name,
                "locode": s.locode,
                "berths": s.quay.berths,
                "quay_m": s.quay.length_m,
                "cranes": s.cranes.count,
                "teu_per_year": s.teu_per_year,
                "yard_capacity_teu": s.yard.capacity_teu,
                "description": s.description,
            }
        )
    return rows


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a packaged scenario by name, or a TOML/YAML scenario file.

    A file may start from a packaged scenario with ``extends = "name"`` and
    override any subset of fields (lists such as ``vessel_classes`` are
    replaced whole). Numbers in user files may be bare or wrapped with a
    source; packaged files must source every number.

    Raises
    ------
    UnknownCodeError
        No packaged scenario has that name.
    DataError
        The file is missing or malformed.
    InvalidInputError
        A field is out of range; the message names the field.
    """
    text = str(name_or_path)
    path = Path(text)
    if path.suffix.lower() not in {".toml", ".yaml", ".yml"}:
        plain, sources = _packaged_raw(text)
        return _validate({**plain, "sources": sources}, f"packaged scenario {text}")
    where = path.name
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read scenario file {text}: {exc.strerror}") from None
    plain, sources = _resolve(
        _parse(content, path.suffix.lower(), where), strict=False, where=where
    )
    return _validate({**plain, "sources": sources}, where)


def override(scenario: Scenario, updates: Mapping[str, Any]) -> Scenario:
    """Return a copy of ``scenario`` with dotted-path fields replaced.

    Examples
    --------
    >>> s = override(load_scenario("chancay-phase1"), {"cranes.count": 8})
    >>> s.cranes.count
    8
    """
    data = scenario.model_dump()
    sources = dict(data.pop("sources"))
    for dotted, value in updates.items():
        node: Any = data
        parts = dotted.split(".")
        for part in parts[:-1]:
            key: Any = int(part) if part.isdigit() else part
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                raise InvalidInputError("override", "an existing scenario field", dotted) from None
        last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
        if isinstance(node, dict) and last not in node:
            raise InvalidInputError("override", "an existing scenario field", dotted)
        node[last] = value
        sources[dotted] = "override"
    return _validate({**data, "sources": sources}, "override")
