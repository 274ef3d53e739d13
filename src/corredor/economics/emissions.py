"""Greenhouse-gas emissions per leg, ISO 14083:2023 / GLEC Framework v3 style.

Vocabulary (ISO 14083 and the GLEC Framework v3.x):

* A shipment's door-to-door journey is a **transport chain**, cut into
  **transport chain elements** (TCEs): one per leg on one vehicle type
  (truck to the port, the sea crossing, the truck to the door) and one per
  **hub operation** (a container terminal lifting the box on or off a ship).
* Each TCE's emissions = activity × emission intensity. The activity is the
  transport work of the leg in **TEU-km** (containers on a liner ship: GLEC
  and the Clean Cargo method allocate a ship's emissions to containers by
  TEU) or in **tonne-km** (trucks, trains, barges, aircraft and bulk ships:
  allocated by mass). Hubs are allocated per TEU handled.
* **WTW** (well-to-wheel) = **TTW** (tank-to-wheel: fuel burnt on board) +
  WTT (well-to-tank: producing and delivering the fuel). ISO 14083 reports
  WTW; TTW is given alongside. Default here: WTW.

The factors come from ``data/planner/emission_factors.csv`` (UK DESNZ 2025
conversion factors per t-km with TTW and WTW rows; GLEC v3.1 trade-lane and
reefer values per TEU-km; leads marked ``assumption``). Where a factor exists
only as WTW (the GLEC TEU-km and lead rows), its TTW value is *derived* by the
TTW/WTW ratio of the matching DESNZ pair of the same mode; the result says so
in ``formula`` and ``factor_id``.
See ``docs/emissions_costs.md`` for TEU vs tonne allocation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType
from typing import Literal

from rapidfuzz import process

from corredor._validate import finite_non_negative
from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.reference import read_table

__all__ = [
    "Emission",
    "EmissionFactor",
    "get_factor",
    "hub_emissions",
    "leg_emissions",
    "load_emission_factors",
]

_TABLE = "planner/emission_factors.csv"
Scope = Literal["WTW", "TTW"]
MODES = ("sea", "road", "rail", "inland_waterway", "air", "terminal")
_ALIASES = (
    dict.fromkeys(("truck", "lorry"), "road")
    | dict.fromkeys(("ship", "ocean"), "sea")
    | dict.fromkeys(("barge", "river", "inland waterway"), "inland_waterway")
    | dict.fromkeys(("hub", "port"), "terminal")
    | {"train": "rail"}
)
#: default factor keys per (mode, basis, reefer); basis "TEU" is used for hubs.
_DEFAULTS: Mapping[tuple[str, str, bool], str] = MappingProxyType(
    {
        ("sea", "TEU-km", False): "glec31_container_panama_trade_dry",
        ("sea", "TEU-km", True): "glec3_container_avg_reefer_lead",
        ("sea", "t-km", False): "desnz2025_container_avg",
        ("road", "t-km", False): "desnz2025_hgv_artic_33t",
        ("road", "t-km", True): "desnz2025_hgv_reefer_artic_33t",
        ("rail", "t-km", False): "desnz2025_rail_freight",
        ("inland_waterway", "t-km", False): "lead_inland_barge",
        ("air", "t-km", False): "desnz2025_air_intl_noRF",
        ("terminal", "TEU", False): "lead_container_terminal",
    }
)
#: DESNZ TTW/WTW pair used to derive TTW where a factor is published as WTW
#: only. Barges and terminal yard equipment are assumed diesel (HGV ratio).
_TTW_REFERENCE: Mapping[str, str] = MappingProxyType(
    {
        "sea": "desnz2025_container_avg",
        "road": "desnz2025_hgv_artic_33t",
        "rail": "desnz2025_rail_freight",
        "inland_waterway": "desnz2025_hgv_artic_33t",
        "air": "desnz2025_air_intl_noRF",
        "terminal": "desnz2025_hgv_artic_33t",
    }
)
_UNITS = {"kg_co2e_per_tkm": "t-km", "kg_co2e_per_teu_km": "TEU-km", "kg_co2e_per_teu": "TEU"}


@dataclass(frozen=True, slots=True)
class EmissionFactor:
    """One row of ``emission_factors.csv`` (value in kg CO2e per ``basis`` unit)."""

    factor_id: str
    mode: str
    vehicle: str
    unit: str
    value: float
    scope: str
    reefer: bool
    lane: str
    notes: str
    source: str
    assumption: bool

    @property
    def basis(self) -> str:
        """Allocation unit: ``"TEU-km"``, ``"t-km"`` or ``"TEU"``."""
        return _UNITS[self.unit]

    @property
    def key(self) -> str:
        """Factor id without its ``_wtw``/``_ttw`` suffix (the vehicle class)."""
        for suffix in ("_wtw", "_ttw"):
            if self.factor_id.endswith(suffix):
                return self.factor_id[: -len(suffix)]
        return self.factor_id


@dataclass(frozen=True, slots=True)
class Emission:
    """CO2e of one transport chain element (leg or hub operation).

    ``formula`` spells the arithmetic, e.g.
    ``"0.139 kg CO2e/TEU-km × 1 TEU × 17000 km = 2363 kg"``.
    """

    mode: str
    co2e_kg: float
    scope: str
    factor_id: str
    factor_value: float
    factor_unit: str
    basis: str
    activity: float
    distance_km: float
    formula: str
    source: str
    assumption: bool

    def allocate(self, tonnes: Sequence[float]) -> tuple[float, ...]:
        """kg CO2e per consignment sharing this element, by mass (sums to ``co2e_kg``)."""
        masses = [_nonneg(t, "tonnes") for t in tonnes]
        total = sum(masses)
        if total <= 0:
            raise InvalidInputError("tonnes", "masses with a positive sum", list(tonnes))
        return tuple(self.co2e_kg * m / total for m in masses)


def _flag(raw: str) -> bool:
    return raw.strip().lower() == "true"


@cache
def load_emission_factors() -> Mapping[str, EmissionFactor]:
    """All packaged emission factors keyed by ``factor_id`` (read once)."""
    out: dict[str, EmissionFactor] = {}
    for row in read_table(_TABLE):
        try:
            value = float(row["value"])
        except ValueError:
            raise DataError(f"{_TABLE}: value of {row['factor_id']!r} is not numeric") from None
        if not math.isfinite(value) or value < 0 or row["unit"] not in _UNITS:
            raise DataError(f"{_TABLE}: bad value or unit in row {row['factor_id']!r}")
        out[row["factor_id"]] = EmissionFactor(
            factor_id=row["factor_id"],
            mode=row["mode"],
            vehicle=row["vehicle"],
            unit=row["unit"],
            value=value,
            scope=row["scope"].strip().upper(),
            reefer=_flag(row["reefer"]),
            lane=row["lane"],
            notes=row["notes"],
            source=row["source"],
            assumption=_flag(row["assumption"]),
        )
    return MappingProxyType(out)


def _nonneg(value: object, argument: str) -> float:
    return finite_non_negative(value, argument, "a finite number >= 0")


def _mode(mode: object) -> str:
    if not isinstance(mode, str):
        raise InvalidInputError("mode", f"one of {', '.join(MODES)}", mode)
    m = mode.strip().lower().replace("-", "_")
    m = _ALIASES.get(m.replace("_", " "), _ALIASES.get(m, m))
    if m not in MODES:
        close = [str(c[0]) for c in process.extract(m, [*MODES, *_ALIASES], limit=3)]
        raise UnknownCodeError("mode", str(mode), close, what="transport mode")
    return m


def _scope(scope: object) -> Scope:
    s = str(scope).strip().upper()
    if s == "WTW":
        return "WTW"
    if s == "TTW":
        return "TTW"
    raise InvalidInputError("scope", "'WTW' or 'TTW'", scope)


def _resolve_key(mode: str, vehicle: str) -> str:
    rows = [f for f in load_emission_factors().values() if f.mode == mode]
    text = vehicle.strip().lower()
    for f in rows:
        if text in (f.factor_id.lower(), f.key.lower(), f.vehicle.lower()):
            return f.key
    names = sorted({f.key for f in rows})
    close = [str(c[0]) for c in process.extract(text, names, limit=3)]
    raise UnknownCodeError("vehicle", vehicle, close, what=f"{mode} vehicle/factor")


def get_factor(key: str, scope: Scope = "WTW") -> tuple[EmissionFactor, str]:
    """The factor for a vehicle key and scope, deriving TTW when needed.

    Returns
    -------
    (EmissionFactor, str)
        The factor (for a derived TTW a copy with the derived value and a
        ``factor_id`` such as ``"glec3_..._lead×ttw/wtw(desnz2025_container_avg)"``)
        and a note on the derivation (empty when read directly).
    """
    table = load_emission_factors()
    scope = _scope(scope)
    direct = table.get(f"{key}_{scope.lower()}") or table.get(key)
    if direct is not None and direct.scope == scope:
        return direct, ""
    base = table.get(f"{key}_wtw") or table.get(key)
    if base is None:
        close = [str(c[0]) for c in process.extract(key, list(table), limit=3)]
        raise UnknownCodeError("vehicle", key, close, what="emission factor")
    ref = _TTW_REFERENCE[base.mode]
    ratio = table[f"{ref}_ttw"].value / table[f"{ref}_wtw"].value
    note = f"TTW derived as WTW × {ratio:.4f} (TTW/WTW of {ref})"
    derived = replace(
        base,
        factor_id=f"{base.factor_id}×ttw/wtw({ref})",
        value=base.value * ratio,
        scope="TTW",
        assumption=True,
        source=f"{base.source} ; ratio: {table[f'{ref}_ttw'].source}",
    )
    return derived, note


def _pick_key(mode: str, basis: str, reefer: bool, lane: str | None) -> str:
    if lane is not None:
        rows = [
            f
            for f in load_emission_factors().values()
            if f.mode == mode and f.basis == basis and f.lane.lower() == lane.strip().lower()
        ]
        if not rows:
            lanes = sorted({f.lane for f in load_emission_factors().values() if f.mode == mode})
            close = [str(c[0]) for c in process.extract(lane, lanes, limit=3)]
            raise UnknownCodeError("lane", lane, close, what=f"{mode} trade lane")
        rows.sort(key=lambda f: f.reefer != reefer)
        return rows[0].key
    key = _DEFAULTS.get((mode, basis, reefer)) or _DEFAULTS.get((mode, basis, False))
    if key is None or (reefer and mode == "sea" and basis == "t-km"):
        raise InvalidInputError(
            "teu" if mode == "sea" else "tonnes",
            f"{'teu (reefer containers are allocated per TEU-km)' if mode == 'sea' else 'tonnes'}"
            f" for a {mode} leg",
            None,
        )
    return key


def leg_emissions(
    mode: str,
    distance_km: float,
    *,
    teu: float | None = None,
    tonnes: float | None = None,
    reefer: bool = False,
    vehicle: str | None = None,
    lane: str | None = None,
    scope: Scope = "WTW",
) -> Emission:
    """CO2e of one transport leg (a transport chain element).

    Parameters
    ----------
    mode : str
        ``sea``, ``road`` (``truck``), ``rail``, ``inland_waterway``
        (``barge``) or ``air``.
    distance_km : float
        Leg distance (for sea, the sailed/shortest feasible distance), >= 0.
    teu : float, optional
        Containers in TEU. For sea legs, when given, the leg is allocated per
        **TEU-km** (GLEC container defaults); otherwise per tonne-km.
    tonnes : float, optional
        Cargo mass. Required for t-km factors (all non-sea modes).
    reefer : bool
        Temperature-controlled: selects the reefer factor where the table has
        one (reefer truck; reefer container uplift at sea).
    vehicle : str, optional
        A factor key, full ``factor_id`` or vehicle description of the table
        (e.g. ``"desnz2025_container_8000plus"``); default per mode.
    lane : str, optional
        A trade-lane value of the table's ``lane`` column (e.g. ``"Panama trade"``).
    scope : {"WTW", "TTW"}
        Well-to-wheel (default) or tank-to-wheel.

    Returns
    -------
    Emission

    Raises
    ------
    UnknownCodeError
        Unknown mode, vehicle or lane (with close matches).
    InvalidInputError
        Negative/NaN numbers, or the activity quantity the factor needs is missing.
    """
    m = _mode(mode)
    if m == "terminal":
        raise InvalidInputError("mode", "a transport mode (use hub_emissions for hubs)", mode)
    dist = _nonneg(distance_km, "distance_km")
    teu_v = None if teu is None else _nonneg(teu, "teu")
    t_v = None if tonnes is None else _nonneg(tonnes, "tonnes")
    sc = _scope(scope)
    if vehicle is not None:
        key = _resolve_key(m, vehicle)
    else:
        basis = "TEU-km" if (m == "sea" and teu_v is not None) else "t-km"
        key = _pick_key(m, basis, reefer, lane)
    factor, note = get_factor(key, sc)
    if factor.basis == "TEU-km":
        if teu_v is None:
            raise InvalidInputError("teu", f"a TEU count for factor {factor.factor_id}", None)
        qty, qty_unit = teu_v, "TEU"
    else:
        if t_v is None:
            raise InvalidInputError("tonnes", f"cargo tonnes for factor {factor.factor_id}", None)
        qty, qty_unit = t_v, "t"
    co2e = factor.value * qty * dist
    formula = (
        f"{factor.value:.6g} kg CO2e/{factor.basis} × {qty:g} {qty_unit} × {dist:g} km"
        f" = {co2e:.6g} kg {sc}"
    )
    if note:
        formula += f" [{note}]"
    if reefer and not factor.reefer:
        formula += " [no reefer-specific factor for this vehicle: dry factor used]"
    return Emission(
        mode=m,
        co2e_kg=co2e,
        scope=sc,
        factor_id=factor.factor_id,
        factor_value=factor.value,
        factor_unit=factor.unit,
        basis=factor.basis,
        activity=qty * dist,
        distance_km=dist,
        formula=formula,
        source=factor.source,
        assumption=factor.assumption,
    )


def hub_emissions(
    teu: float, *, scope: Scope = "WTW", factor_id: str = "lead_container_terminal"
) -> Emission:
    """CO2e of a hub operation (container terminal lift on/off and yard), per TEU.

    One call per terminal passage of the container (origin port, each
    transshipment, destination port). Reefer plug-in energy at the terminal
    is not in the packaged factor (see its notes).
    """
    n = _nonneg(teu, "teu")
    key = _resolve_key("terminal", factor_id)
    factor, note = get_factor(key, _scope(scope))
    co2e = factor.value * n
    formula = f"{factor.value:.6g} kg CO2e/TEU × {n:g} TEU = {co2e:.6g} kg {factor.scope}"
    if note:
        formula += f" [{note}]"
    return Emission(
        mode="terminal",
        co2e_kg=co2e,
        scope=factor.scope,
        factor_id=factor.factor_id,
        factor_value=factor.value,
        factor_unit=factor.unit,
        basis="TEU",
        activity=n,
        distance_km=0.0,
        formula=formula,
        source=factor.source,
        assumption=factor.assumption,
    )
