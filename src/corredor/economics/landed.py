"""Import tariffs at destination and landed cost per kg.

Landed cost per kg (CIF basis, as China levies duty on CIF value)::

    FOB        = value_usd_per_kg (commodities.csv)
    freight    = freight_usd / kg shipped
    insurance  = insurance_pct/100 × (FOB + freight)            [assumption]
    CIF        = FOB + freight + insurance
    tariff     = rate_pct/100 × CIF                             (tariffs.csv)
    landed     = CIF + tariff

Tariff rows (``tariffs.csv``): China MFN per HS code, and FTA rows for Peru
(China-Peru FTA 2010), Chile (2006/2019) and Ecuador (2024, staged).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from corredor._validate import finite_non_negative
from corredor.economics.commodities import Commodity, get_commodity
from corredor.economics.costs import DEFAULT_TARIFF_YEAR, CostParameters, _num
from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.reference import read_table

__all__ = ["LandedCost", "Tariff", "landed_cost", "tariff"]

_DEFAULT = CostParameters()


@dataclass(frozen=True, slots=True)
class Tariff:
    """An import duty rate: ad valorem % on CIF value, with its provenance."""

    hs_code: str
    importer: str
    exporter: str
    rate_pct: float
    regime: str
    year: int
    source: str
    assumption: bool


@cache
def _tariff_rows() -> tuple[Tariff, ...]:
    table = "planner/tariffs.csv"
    out = []
    for row in read_table(table):
        rate = _num(row["rate_pct"], table, "rate_pct")
        if rate is None:
            raise DataError(f"{table}: empty rate_pct for {row['hs_code']}/{row['exporter']}")
        out.append(
            Tariff(
                hs_code=row["hs_code"].strip(),
                importer=row["importer"].strip().upper(),
                exporter=row["exporter"].strip().upper(),
                rate_pct=rate,
                regime=row["regime"],
                year=int(row["year"]),
                source=row["source"],
                assumption=row["assumption"].strip().lower() == "true",
            )
        )
    return tuple(out)


def tariff(
    commodity: str | Commodity,
    exporter: str,
    importer: str = "CN",
    *,
    year: int = DEFAULT_TARIFF_YEAR,
    params: CostParameters | None = None,
) -> Tariff:
    """Import duty at destination for a commodity from an exporter.

    The exporter's own row (an FTA rate, or an explicit MFN row) wins;
    otherwise the importer's MFN row applies. Staged FTA rates: the latest
    row with ``year <= year``.
    """
    item = get_commodity(commodity)
    exp, imp = exporter.strip().upper(), importer.strip().upper()
    p = params or _DEFAULT
    for key in (item.hs_code, item.key):
        rate = p.tariff_pct.get(key, {}).get(exp)
        if rate is not None:
            return Tariff(item.hs_code, imp, exp, rate, "override", year, "CostParameters", True)
    rows = [t for t in _tariff_rows() if t.hs_code == item.hs_code and t.importer == imp]
    if not rows:
        importers = sorted({t.importer for t in _tariff_rows() if t.hs_code == item.hs_code})
        raise UnknownCodeError("importer", importer, importers, what=f"importer for {item.key}")
    for who in (exp, "MFN"):
        cands = [t for t in rows if t.exporter == who and t.year <= year]
        if cands:
            return max(cands, key=lambda t: t.year)
    raise DataError(f"tariffs.csv: no rate for {item.key} into {imp} in or before {year}")


@dataclass(frozen=True, slots=True)
class LandedCost:
    """Landed cost per kg at destination; components sum to ``total_usd_per_kg``."""

    commodity: str
    exporter: str
    importer: str
    kg: float
    fob_usd_per_kg: float
    freight_usd_per_kg: float
    insurance_usd_per_kg: float
    cif_usd_per_kg: float
    tariff_usd_per_kg: float
    total_usd_per_kg: float
    tariff: Tariff
    insurance_pct: float
    assumptions: tuple[str, ...]

    @property
    def total_usd(self) -> float:
        """Landed cost of the whole volume."""
        return self.total_usd_per_kg * self.kg


def _pos(value: object, argument: str) -> float:
    return finite_non_negative(value, argument, "a finite number >= 0")


def landed_cost(
    commodity: str | Commodity,
    exporter: str,
    importer: str,
    freight_usd: float,
    *,
    tonnes: float | None = None,
    teu: float | None = None,
    insurance_pct: float | None = None,
    year: int = DEFAULT_TARIFF_YEAR,
    params: CostParameters | None = None,
) -> LandedCost:
    """Landed cost per kg: FOB + freight + insurance (= CIF) + tariff on CIF.

    Parameters
    ----------
    commodity : str or Commodity
    exporter, importer : str
        ISO-2 country codes (``"PE"``, ``"CN"``).
    freight_usd : float
        Door-to-port-of-destination freight (sea, inland, handling) for the
        whole volume, >= 0.
    tonnes, teu : float, optional
        Volume shipped; ``teu`` is converted with the commodity's
        ``tonnes_per_teu``. Exactly one is needed.
    insurance_pct : float, optional
        Premium in % of FOB + freight; default from ``params`` (0.3 %, assumption).
    """
    item = get_commodity(commodity)
    p = params or _DEFAULT
    freight = _pos(freight_usd, "freight_usd")
    if (tonnes is None) == (teu is None):
        raise InvalidInputError("tonnes/teu", "exactly one of tonnes or teu", (tonnes, teu))
    t = _pos(tonnes, "tonnes") if tonnes is not None else _pos(teu, "teu") * item.tonnes_per_teu
    if t <= 0:
        raise InvalidInputError("tonnes/teu", "a volume > 0", tonnes if tonnes else teu)
    ins = p.insurance_pct if insurance_pct is None else _pos(insurance_pct, "insurance_pct")
    fob = p.value_usd_per_kg.get(item.key, item.value_usd_per_kg)
    if fob is None:
        raise DataError(
            f"commodities.csv: no value_usd_per_kg for {item.key!r}; "
            "give one in CostParameters.value_usd_per_kg"
        )
    kg = t * 1000
    duty = tariff(item, exporter, importer, year=year, params=p)
    fr = freight / kg
    insurance = ins / 100 * (fob + fr)
    cif = fob + fr + insurance
    tariff_kg = duty.rate_pct / 100 * cif
    notes = [f"insurance {ins:g} % of FOB+freight (assumption unless overridden)"]
    if item.assumption:
        notes.append(f"commodities.csv row {item.key!r} contains assumptions")
    if duty.assumption:
        notes.append(f"tariff row {duty.hs_code}/{duty.exporter} is an assumption")
    if teu is not None:
        notes.append(f"{teu:g} TEU × {item.tonnes_per_teu:g} t/TEU (assumption)")
    return LandedCost(
        commodity=item.key,
        exporter=exporter.upper(),
        importer=importer.upper(),
        kg=kg,
        fob_usd_per_kg=fob,
        freight_usd_per_kg=fr,
        insurance_usd_per_kg=insurance,
        cif_usd_per_kg=cif,
        tariff_usd_per_kg=tariff_kg,
        total_usd_per_kg=cif + tariff_kg,
        tariff=duty,
        insurance_pct=ins,
        assumptions=tuple(notes),
    )
