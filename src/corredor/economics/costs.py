"""Freight, handling, tariffs and landed cost, with user-overridable parameters.

Packaged defaults come from ``data/planner/`` (``freight_rates.csv``,
``air_rates.csv``, ``inland_costs.csv``, ``port_charges.csv``,
``tariffs.csv``, ``commodities.csv``; sources in
``docs/data/planner_sources.md``). Every function takes an optional
:class:`CostParameters`; values given there replace the packaged ones, and
:meth:`CostParameters.from_file` reads them from a TOML or YAML file.

Ranges (low/high) are reported as ``low``, ``high`` or ``mid`` (the mean)
according to ``CostParameters.level``.

Landed cost per kg (CIF basis, as China levies duty on CIF value)::

    FOB        = value_usd_per_kg (commodities.csv)
    freight    = freight_usd / kg shipped
    insurance  = insurance_pct/100 × (FOB + freight)            [assumption]
    CIF        = FOB + freight + insurance
    tariff     = rate_pct/100 × CIF                             (tariffs.csv)
    landed     = CIF + tariff
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.reference import optional_float, read_table

__all__ = [
    "DEFAULT_INSURANCE_PCT",
    "DEFAULT_TARIFF_YEAR",
    "CostParameters",
    "air_freight_usd_per_kg",
    "freight_lanes",
    "inland_usd_per_tkm",
    "port_charges_usd_per_teu",
    "sea_freight_usd_per_teu",
]

#: ASSUMPTION: cargo insurance premium in % of (FOB + freight). Marine cargo
#: premiums for fresh produce are commonly quoted at a few tenths of a per
#: cent; no packaged source states one, so this is a stated default.
DEFAULT_INSURANCE_PCT = 0.3
#: Year used to pick staged FTA tariff rows when none is given.
DEFAULT_TARIFF_YEAR = 2025
Level = Literal["low", "mid", "high"]


class CostParameters(BaseModel):
    """Overrides of the packaged cost data (all optional).

    Attributes
    ----------
    level : {"low", "mid", "high"}
        Which end of a sourced range to use (``mid`` = mean).
    insurance_pct : float
        Insurance premium in % of FOB + freight (assumption, default 0.3).
    chancay_freight_multiplier : float
        Chancay→Asia rate relative to the Callao→Asia rate (Xinhua 2025:
        "at least 20 %" cheaper → 0.8).
    sea_freight_usd_per_teu : dict
        Lane (``"PECLL-CN"``) → US$ per TEU.
    air_usd_per_kg : dict
        Lane (``"CN-BR"``) → US$ per kg.
    inland_usd_per_tkm : dict
        Mode → country (ISO-2) → US$ per t-km, e.g. ``{"truck": {"PE": 0.05}}``.
    port_charges_usd_per_teu : dict
        UN/LOCODE → total shipper charges per TEU at that port.
    tariff_pct : dict
        HS code or commodity key → exporter (ISO-2) → ad valorem %.
    value_usd_per_kg : dict
        Commodity key → FOB value per kg.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level = "mid"
    insurance_pct: float = Field(DEFAULT_INSURANCE_PCT, ge=0, le=100, allow_inf_nan=False)
    chancay_freight_multiplier: float = Field(0.8, gt=0, le=5, allow_inf_nan=False)
    sea_freight_usd_per_teu: dict[str, float] = Field(default_factory=dict)
    air_usd_per_kg: dict[str, float] = Field(default_factory=dict)
    inland_usd_per_tkm: dict[str, dict[str, float]] = Field(default_factory=dict)
    port_charges_usd_per_teu: dict[str, float] = Field(default_factory=dict)
    tariff_pct: dict[str, dict[str, float]] = Field(default_factory=dict)
    value_usd_per_kg: dict[str, float] = Field(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        """Reject negative or non-finite numbers in the override tables."""
        for name in type(self).model_fields:
            table = getattr(self, name)
            if not isinstance(table, dict):
                continue
            for key, value in table.items():
                values = value.items() if isinstance(value, dict) else [("", value)]
                for sub, v in values:
                    if not math.isfinite(v) or v < 0:
                        where = f"{name}.{key}" + (f".{sub}" if sub else "")
                        raise InvalidInputError(where, "a finite number >= 0", v)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, origin: str = "mapping") -> CostParameters:
        """Validate a mapping; errors name the offending field."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "<root>"
            raise InvalidInputError(f"{origin}: {field}", err["msg"], err.get("input")) from None

    @classmethod
    def from_file(cls, path: str | Path) -> CostParameters:
        """Read overrides from a ``.toml``, ``.yaml`` or ``.yml`` file.

        Values in the file replace the packaged defaults; everything else
        keeps its packaged value.

        Raises
        ------
        DataError
            The file is missing, unreadable or not valid TOML/YAML.
        InvalidInputError
            A field is unknown or has a bad value (the message names it).
        """
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataError(f"cost parameter file {str(p)!r} cannot be read: {exc}") from None
        try:
            if p.suffix.lower() == ".toml":
                data: object = tomllib.loads(text)
            elif p.suffix.lower() in (".yaml", ".yml"):
                data = yaml.safe_load(text) or {}
            else:
                raise DataError(f"cost parameter file {str(p)!r}: expected .toml, .yaml or .yml")
        except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
            raise DataError(f"cost parameter file {str(p)!r} is malformed: {exc}") from None
        if not isinstance(data, dict):
            raise DataError(f"cost parameter file {str(p)!r} must hold a table/mapping")
        return cls.from_mapping(data, origin=p.name)


_DEFAULT = CostParameters()


def _num(raw: str | None, table: str, column: str) -> float | None:
    return optional_float({column: raw or ""}, column, table)


def _pick(low: float, high: float, level: Level) -> float:
    return {"low": low, "high": high, "mid": (low + high) / 2}[level]


def _close(given: str, options: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(given, options, n=3, cutoff=0.3)


@cache
def _freight_rows(name: str) -> tuple[tuple[str, str, float, float], ...]:
    """(lane, period, low, high) of rows with numbers, in file order."""
    unit = "usd_per_kg" if name.startswith("air") else "usd_per_teu"
    table = f"planner/{name}.csv"
    out = []
    for row in read_table(table):
        lo = _num(row[f"{unit}_low"], table, f"{unit}_low")
        hi = _num(row[f"{unit}_high"], table, f"{unit}_high")
        if lo is not None and hi is not None:
            out.append((row["lane"], row["period"], lo, hi))
    return tuple(out)


def freight_lanes(mode: Literal["sea", "air"] = "sea") -> tuple[str, ...]:
    """Priced lanes of the packaged sea (per TEU) or air (per kg) rate table, in file order."""
    name = "freight_rates" if mode == "sea" else "air_rates"
    return tuple(dict.fromkeys(r[0].strip().upper() for r in _freight_rows(name)))


def _rate(name: str, lane: str, period: str | None, level: Level) -> float:
    rows = [r for r in _freight_rows(name) if r[0].upper() == lane.upper()]
    if not rows:
        lanes = sorted({r[0] for r in _freight_rows(name)})
        raise UnknownCodeError("lane", lane, _close(lane, lanes), what=f"{name} lane")
    if period is not None:
        rows = [r for r in rows if r[1] == period]
        if not rows:
            periods = [r[1] for r in _freight_rows(name) if r[0].upper() == lane.upper()]
            raise UnknownCodeError("period", period, periods, what=f"period of lane {lane}")
    else:
        # an envelope row (period "YYYY-YYYY") summarises the readings; else the last row
        spans = [r for r in rows if len(r[1]) == 9 and r[1][4] == "-" and r[1][5:].isdigit()]
        rows = spans or rows
    _, _, lo, hi = rows[-1]
    return _pick(lo, hi, level)


def sea_freight_usd_per_teu(
    lane: str, *, period: str | None = None, params: CostParameters | None = None
) -> float:
    """Sea freight per TEU for a lane (``"PECLL-CN"``, ``"CNSHA-BRSSZ"`` ...).

    Lanes starting at Chancay (``"PECHY-..."``) are priced as the Callao lane
    ``"PECLL-CN"`` × ``chancay_freight_multiplier`` (the packaged
    ``PECHY-CNSHA`` row gives only that multiplier). Without ``period``, a
    lane's envelope row is used if it has one, else its last row.
    """
    p = params or _DEFAULT
    key = lane.strip().upper()
    for k, v in p.sea_freight_usd_per_teu.items():
        if k.upper() == key:
            return v
    if key.startswith("PECHY-"):
        base = sea_freight_usd_per_teu("PECLL-CN", period=period, params=p)
        return base * p.chancay_freight_multiplier
    return _rate("freight_rates", key, period, p.level)


def air_freight_usd_per_kg(
    lane: str, *, period: str | None = None, params: CostParameters | None = None
) -> float:
    """Air freight per kg for a lane (``"CN-BR"`` China→Brazil ...)."""
    p = params or _DEFAULT
    for k, v in p.air_usd_per_kg.items():
        if k.upper() == lane.strip().upper():
            return v
    return _rate("air_rates", lane.strip(), period, p.level)


@cache
def _inland() -> Mapping[tuple[str, str], tuple[float, float]]:
    table = "planner/inland_costs.csv"
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for row in read_table(table):
        lo = _num(row["usd_per_tkm_low"], table, "usd_per_tkm_low")
        hi = _num(row["usd_per_tkm_high"], table, "usd_per_tkm_high")
        if lo is None or hi is None:
            raise DataError(f"{table}: empty cost for {row['mode']}/{row['country']}")
        out[(row["mode"], row["country"])] = (lo, hi)
    return out


_INLAND_ALIASES = {"road": "truck", "inland_waterway": "barge"}


def inland_usd_per_tkm(mode: str, country: str, *, params: CostParameters | None = None) -> float:
    """Inland haulage cost per tonne-km for a mode (truck/rail/barge) and country."""
    p = params or _DEFAULT
    m = _INLAND_ALIASES.get(mode.strip().lower(), mode.strip().lower())
    c = country.strip().upper()
    override = p.inland_usd_per_tkm.get(m, {}).get(c)
    if override is not None:
        return override
    table = _inland()
    if (m, c) not in table:
        options = [f"{a}/{b}" for a, b in table]
        raise UnknownCodeError(
            "mode/country", f"{m}/{c}", _close(f"{m}/{c}", options), "inland cost"
        )
    lo, hi = table[(m, c)]
    return _pick(lo, hi, p.level)


@cache
def _port_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_table("planner/port_charges.csv"))


def port_charges_usd_per_teu(
    locode: str,
    *,
    reefer: bool = False,
    container_ft: Literal[20, 40] = 40,
    params: CostParameters | None = None,
) -> float:
    """Shipper-paid handling charges (THC and surcharges) per TEU at a port.

    Per-container charges are divided by the TEU of the box (2 for a 40').
    Ports without a sourced row use the ``DEFAULT`` rows (an assumption: the
    Peru carrier THC, see ``port_charges.csv``). Terminal tariffs paid by the
    line are in the freight rate and not added.
    """
    p = params or _DEFAULT
    code = locode.strip().upper()
    if code in p.port_charges_usd_per_teu:
        return p.port_charges_usd_per_teu[code]
    if container_ft not in (20, 40):
        raise InvalidInputError("container_ft", "20 or 40", container_ft)
    rows = [r for r in _port_rows() if r["locode"] == code] or [
        r for r in _port_rows() if r["locode"] == "DEFAULT"
    ]
    cargo = "reefer" if reefer else "dry"
    total = 0.0
    for r in rows:
        if r["component"] not in ("thc", "surcharge") or r["cargo"] not in ("any", cargo):
            continue
        if r["container"] not in ("any", str(container_ft)):
            continue
        value = _num(r["usd_per_teu"], "planner/port_charges.csv", "usd_per_teu") or 0.0
        total += value / (container_ft / 20) if r["per"] == "container" else value
    return total
