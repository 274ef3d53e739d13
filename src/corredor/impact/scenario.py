"""Impact scenarios: small TOML files that override sourced defaults.

Every parameter is written ``key = { value = ..., source = "..." }`` or
``key = { value = ..., assumption = true, reason = "..." }`` (bare values are
accepted in user files and recorded as "user-supplied"). A scenario may
``extends = "other-scenario"``. Packaged scenarios live in
``corredor/data/impact/scenarios``; :func:`load_impact_scenario` takes a
packaged name or a path.

The counterfactual ("baseline") of every scenario is the same scenario with
Chancay removed (:meth:`ImpactScenario.without_chancay`), so that a Panama
drought or a carbon price is compared like with like.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from corredor.errors import DataError, InvalidInputError, UnknownCodeError

__all__ = [
    "CHANCAY",
    "ImpactScenario",
    "PassagePenalty",
    "load_impact_scenario",
    "packaged_scenarios",
]

#: UN/LOCODE of Chancay.
CHANCAY = "PECHY"
_DIR = "data/impact"
_ASSIGNMENTS = ("logit", "aon")
_TERMINALS = ("chancay-phase1", "chancay-phase2", "unlimited")


@dataclass(frozen=True, slots=True)
class PassagePenalty:
    """Extra days and US$/TEU for itineraries through a passage (e.g. Panama drought)."""

    days: float = 0.0
    usd_per_teu: float = 0.0


@dataclass(frozen=True)
class ImpactScenario:
    """Parameters of one impact run (see ``data/impact/defaults.toml`` for their sources).

    Attributes
    ----------
    name, description : str
    chancay : bool
        Whether itineraries through Chancay (gateway or call) are allowed.
    chancay_terminal : str
        Wait curve of Chancay: ``chancay-phase1``, ``chancay-phase2`` or
        ``unlimited`` (no congestion).
    exclude : tuple of str
        Ports, passages or modes excluded (planner ``exclude``).
    port_dwell_days : float
    freight_multiplier : float
        Multiplies the sea-freight part of itinerary costs.
    carbon_usd_per_t : float
        Carbon price on well-to-wheel CO2e (generalised cost only).
    time_value_pct_per_day_perishable, time_value_pct_per_day_other : float
        Value of time, % of cargo value per day (perishable / other cargo).
    perishable_max_shelf_life_days : float
        Cargo with a shelf life up to this many days counts as perishable
        (fresh fruit yes; frozen or chilled beef, coffee, soy no).
    assignment : str
        ``logit`` or ``aon`` (all-or-nothing).
    logit_scale_usd_per_teu : float
        Logit scale theta: shares ~ exp(-cost / theta); 0 means all-or-nothing.
    max_iterations : int
    tolerance : float
        Equilibrium gap below which the run counts as converged.
    draws : int
        Monte Carlo draws (0: central values only).
    freight_sigma : float
    dwell_range, time_value_range : tuple of float
    passage_penalties : dict of str to PassagePenalty
    notes : dict of str to str
        Source or assumption of every parameter, by key.
    """

    name: str
    description: str = ""
    chancay: bool = True
    chancay_terminal: str = "chancay-phase1"
    exclude: tuple[str, ...] = ()
    port_dwell_days: float = 2.0
    freight_multiplier: float = 1.0
    carbon_usd_per_t: float = 0.0
    time_value_pct_per_day_perishable: float = 0.6
    time_value_pct_per_day_other: float = 0.03
    perishable_max_shelf_life_days: float = 60.0
    assignment: str = "logit"
    logit_scale_usd_per_teu: float = 250.0
    max_iterations: int = 300
    tolerance: float = 1e-3
    draws: int = 30
    freight_sigma: float = 0.25
    dwell_range: tuple[float, float] = (0.5, 2.0)
    time_value_range: tuple[float, float] = (0.5, 1.5)
    passage_penalties: dict[str, PassagePenalty] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        _check_scenario(self)

    def without_chancay(self) -> ImpactScenario:
        """The counterfactual: the same scenario with Chancay excluded."""
        return replace(self, name=f"{self.name} (without Chancay)", chancay=False)

    def parameters(self) -> dict[str, Any]:
        """JSON-able parameters (no notes), for the inputs hash and the results store."""
        return {
            "name": self.name,
            "chancay": self.chancay,
            "chancay_terminal": self.chancay_terminal,
            "exclude": list(self.exclude),
            "port_dwell_days": self.port_dwell_days,
            "freight_multiplier": self.freight_multiplier,
            "carbon_usd_per_t": self.carbon_usd_per_t,
            "time_value_pct_per_day_perishable": self.time_value_pct_per_day_perishable,
            "time_value_pct_per_day_other": self.time_value_pct_per_day_other,
            "perishable_max_shelf_life_days": self.perishable_max_shelf_life_days,
            "assignment": self.assignment,
            "logit_scale_usd_per_teu": self.logit_scale_usd_per_teu,
            "max_iterations": self.max_iterations,
            "tolerance": self.tolerance,
            "draws": self.draws,
            "freight_sigma": self.freight_sigma,
            "dwell_range": list(self.dwell_range),
            "time_value_range": list(self.time_value_range),
            "passage_penalties": {
                k: {"days": v.days, "usd_per_teu": v.usd_per_teu}
                for k, v in sorted(self.passage_penalties.items())
            },
        }

    def digest(self) -> str:
        """SHA-256 of :meth:`parameters` (canonical JSON)."""
        text = json.dumps(self.parameters(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _num(value: Any, key: str, lo: float, hi: float = math.inf, *, lo_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInputError(key, f"a finite number in [{lo:g}, {hi:g}]", value)
    if value < lo or value > hi or (lo_open and value == lo):
        raise InvalidInputError(key, f"a number in {'(' if lo_open else '['}{lo:g}, {hi:g}]", value)
    return float(value)


def _check_scenario(s: ImpactScenario) -> None:
    if not s.name.strip():
        raise InvalidInputError("name", "a non-empty scenario name", s.name)
    if s.chancay_terminal not in _TERMINALS:
        near = difflib.get_close_matches(s.chancay_terminal, _TERMINALS)
        raise UnknownCodeError("chancay_terminal", s.chancay_terminal, near, "Chancay terminal")
    if s.assignment not in _ASSIGNMENTS:
        raise InvalidInputError("assignment", "logit or aon", s.assignment)
    _num(s.port_dwell_days, "port_dwell_days", 0.0, 60.0)
    _num(s.freight_multiplier, "freight_multiplier", 0.0, 100.0, lo_open=True)
    _num(s.carbon_usd_per_t, "carbon_usd_per_t", 0.0, 10_000.0)
    _num(s.time_value_pct_per_day_perishable, "time_value_pct_per_day_perishable", 0.0, 100.0)
    _num(s.time_value_pct_per_day_other, "time_value_pct_per_day_other", 0.0, 100.0)
    _num(s.perishable_max_shelf_life_days, "perishable_max_shelf_life_days", 0.0, 10_000.0)
    _num(s.logit_scale_usd_per_teu, "logit_scale_usd_per_teu", 0.0, 1e6)
    if s.assignment == "logit" and s.logit_scale_usd_per_teu == 0:
        raise InvalidInputError("logit_scale_usd_per_teu", "> 0 for logit (use aon)", 0)
    if isinstance(s.max_iterations, bool) or not isinstance(s.max_iterations, int):
        raise InvalidInputError("max_iterations", "an integer >= 1", s.max_iterations)
    _num(s.max_iterations, "max_iterations", 1, 100_000)
    _num(s.tolerance, "tolerance", 0.0, 1.0, lo_open=True)
    if isinstance(s.draws, bool) or not isinstance(s.draws, int) or not 0 <= s.draws <= 10_000:
        raise InvalidInputError("draws", "an integer in [0, 10000]", s.draws)
    _num(s.freight_sigma, "freight_sigma", 0.0, 2.0)
    for key, rng in (("dwell_range", s.dwell_range), ("time_value_range", s.time_value_range)):
        if len(rng) != 2 or not (0 <= _num(rng[0], key, 0.0, 100.0) <= _num(rng[1], key, 0, 100)):
            raise InvalidInputError(key, "[low, high] with 0 <= low <= high", list(rng))
    for name, pen in s.passage_penalties.items():
        _num(pen.days, f"passage_penalties.{name}.days", 0.0, 365.0)
        _num(pen.usd_per_teu, f"passage_penalties.{name}.usd_per_teu", 0.0, 1e6)


def _read_toml(path: Path | Any, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"cannot read scenario {label}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"malformed scenario TOML {label}: {exc}") from None


def packaged_scenarios() -> list[str]:
    """Names of the packaged impact scenarios."""
    root = resources.files("corredor").joinpath(_DIR, "scenarios")
    return sorted(e.name[:-5] for e in root.iterdir() if e.name.endswith(".toml"))


def _raw(name_or_path: str | Path, seen: tuple[str, ...]) -> dict[str, Any]:
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith(".toml") or "/" in text:
        path = Path(name_or_path)
        if not path.is_file():
            raise DataError(f"scenario file not found: {path}")
        data, label = _read_toml(path, str(path)), str(path)
    else:
        names = packaged_scenarios()
        if text not in names:
            near = difflib.get_close_matches(text, names, n=3, cutoff=0.4)
            raise UnknownCodeError("scenario", text, near, "impact scenario")
        ref = resources.files("corredor").joinpath(_DIR, "scenarios", f"{text}.toml")
        data, label = _read_toml(ref, text), text
    if label in seen:
        raise DataError(f"scenario {label}: circular 'extends' ({' -> '.join([*seen, label])})")
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise DataError(f"scenario {label}: 'extends' must be a scenario name or path")
    base = _raw(parent, (*seen, label))
    base.pop("name", None)
    base.pop("description", None)
    return {**base, **data}


_FIELDS = {f for f in ImpactScenario.__dataclass_fields__ if f not in ("notes",)}


def _unwrap(key: str, raw: Any, label: str) -> tuple[Any, str]:
    if isinstance(raw, dict) and "value" in raw:
        extra = set(raw) - {"value", "source", "url", "assumption", "reason"}
        if extra:
            raise DataError(f"scenario {label}: {key} has unknown field(s) {sorted(extra)}")
        if raw.get("assumption"):
            note = f"ASSUMPTION: {raw.get('reason', '')}".strip()
        else:
            note = " ".join(str(raw.get(k, "")) for k in ("source", "url")).strip()
        return raw["value"], note
    return raw, "user-supplied"


def _build(data: dict[str, Any], label: str) -> ImpactScenario:
    defaults = _read_toml(resources.files("corredor").joinpath(_DIR, "defaults.toml"), "defaults")
    merged = {**defaults, **data}
    kwargs: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for key, raw in merged.items():
        if key in ("name", "description"):
            kwargs[key] = str(raw)
            continue
        if key not in _FIELDS:
            near = difflib.get_close_matches(key, sorted(_FIELDS))
            raise UnknownCodeError(f"scenario {label}", key, near, "scenario parameter")
        value, notes[key] = _unwrap(key, raw, label)
        kwargs[key] = value
    try:
        kwargs["exclude"] = tuple(str(x) for x in kwargs.get("exclude", ()))
        for key in ("dwell_range", "time_value_range"):
            if key in kwargs:
                kwargs[key] = tuple(kwargs[key])
        pens = kwargs.get("passage_penalties", {})
        kwargs["passage_penalties"] = {
            str(k).lower(): PassagePenalty(
                days=v.get("days", 0.0), usd_per_teu=v.get("usd_per_teu", 0.0)
            )
            for k, v in pens.items()
        }
    except (TypeError, AttributeError) as exc:
        raise DataError(f"scenario {label}: malformed parameter ({exc})") from None
    for key in (
        "port_dwell_days",
        "freight_multiplier",
        "carbon_usd_per_t",
        "perishable_max_shelf_life_days",
    ):
        if isinstance(kwargs.get(key), int) and not isinstance(kwargs.get(key), bool):
            kwargs[key] = float(kwargs[key])
    return ImpactScenario(**kwargs, notes=notes)


def load_impact_scenario(scenario: str | Path | ImpactScenario) -> ImpactScenario:
    """A packaged scenario by name, a TOML file by path, or ``scenario`` itself.

    Raises
    ------
    UnknownCodeError
        Unknown packaged name (with close matches) or unknown parameter.
    DataError
        Missing or malformed file, circular ``extends``.
    InvalidInputError
        A parameter out of range.
    """
    if isinstance(scenario, ImpactScenario):
        return scenario
    if not isinstance(scenario, str | Path) or not str(scenario).strip():
        raise InvalidInputError("scenario", "a scenario name or a .toml path", scenario)
    data = _raw(scenario, ())
    label = str(scenario)
    data.setdefault("name", Path(label).stem if label.endswith(".toml") else label)
    return _build(data, label)
