"""Commodities of the corridor: HS code, reefer set-point, shelf life, value.

The packaged table ``data/planner/commodities.csv`` holds one row per
commodity with its source (Cargo Handbook, GDV TIS, Agile Shipping,
FreshKnowledge/WUR ...; see ``docs/data/planner_sources.md``). Rows whose
numbers were estimated say so (``assumption=True``).

:func:`shelf_life_check` answers the perishable-cargo question of the
planner: given the door-to-door days, does the cargo still arrive sellable,
and with how many days of life left? Perishable cargo that cannot arrive fresh
is flagged (``arrives_sellable=False``), never silently accepted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from rapidfuzz import process

from corredor._validate import finite_non_negative
from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.reference import optional_float, read_table

__all__ = [
    "Commodity",
    "ShelfLifeCheck",
    "get_commodity",
    "load_commodities",
    "shelf_life_check",
]

_TABLE = "planner/commodities.csv"


@dataclass(frozen=True, slots=True)
class Commodity:
    """One commodity row of ``commodities.csv``.

    Attributes
    ----------
    key : str
        Short identifier, e.g. ``"blueberries"``.
    name : str
        Human-readable name.
    hs_code : str
        Six-digit HS 2017/2022 subheading, e.g. ``"081040"``.
    reefer : bool
        Whether it travels in a refrigerated container.
    setpoint_min_c, setpoint_max_c : float or None
        Reefer set-point range in °C (``None`` for dry cargo).
    shelf_life_days_normal : float or None
        Storage life at the set-point in normal air (``None``: not perishable).
    shelf_life_days_ca : float or None
        Storage life under controlled/modified atmosphere, where a source
        gives one.
    value_usd_per_kg : float or None
        Export unit value (FOB), year stated in the notes.
    tonnes_per_teu : float
        Net cargo per TEU (assumption in every row, see notes).
    notes, source : str
        Provenance of the numbers.
    assumption : bool
        ``True`` when any number of the row was estimated.
    """

    key: str
    name: str
    hs_code: str
    reefer: bool
    setpoint_min_c: float | None
    setpoint_max_c: float | None
    shelf_life_days_normal: float | None
    shelf_life_days_ca: float | None
    value_usd_per_kg: float | None
    tonnes_per_teu: float
    notes: str
    source: str
    assumption: bool

    @property
    def perishable(self) -> bool:
        """``True`` when the table gives a finite shelf life."""
        return self.shelf_life_days_normal is not None


class ShelfLifeCheck(NamedTuple):
    """Result of :func:`shelf_life_check` (unpacks as a 3-tuple)."""

    arrives_sellable: bool
    remaining_shelf_life_days: float
    basis: str


def _opt(row: Mapping[str, str], key: str) -> float | None:
    return optional_float(row, key, _TABLE)


def _flag(raw: str) -> bool:
    return raw.strip().lower() == "true"


@cache
def load_commodities() -> Mapping[str, Commodity]:
    """All packaged commodities keyed by their short identifier.

    Returns
    -------
    Mapping[str, Commodity]
        Read-only mapping, read once per process.
    """
    out: dict[str, Commodity] = {}
    for row in read_table(_TABLE):
        tpt = _opt(row, "tonnes_per_teu")
        if tpt is None or tpt <= 0:
            raise DataError(f"{_TABLE}: tonnes_per_teu must be > 0 for {row['commodity']!r}")
        out[row["commodity"]] = Commodity(
            key=row["commodity"],
            name=row["name"],
            hs_code=row["hs_code"].strip(),
            reefer=_flag(row["reefer"]),
            setpoint_min_c=_opt(row, "setpoint_min_c"),
            setpoint_max_c=_opt(row, "setpoint_max_c"),
            shelf_life_days_normal=_opt(row, "shelf_life_days_normal"),
            shelf_life_days_ca=_opt(row, "shelf_life_days_ca"),
            value_usd_per_kg=_opt(row, "value_usd_per_kg"),
            tonnes_per_teu=tpt,
            notes=row.get("notes", ""),
            source=row["source"],
            assumption=_flag(row.get("assumption", "")),
        )
    return MappingProxyType(out)


def get_commodity(commodity: str | Commodity, argument: str = "commodity") -> Commodity:
    """Look a commodity up by key, name or HS code (case-insensitive).

    Parameters
    ----------
    commodity : str or Commodity
        ``"blueberries"``, ``"Fresh blueberries"``, ``"081040"`` or
        ``"0810.40"``; a :class:`Commodity` is returned unchanged.
    argument : str
        Argument name used in error messages.

    Raises
    ------
    UnknownCodeError
        With close matches when nothing fits.
    """
    if isinstance(commodity, Commodity):
        return commodity
    if not isinstance(commodity, str) or not commodity.strip():
        raise InvalidInputError(argument, "a commodity name or HS code", commodity)
    table = load_commodities()
    text = commodity.strip().lower()
    digits = text.replace(".", "").replace(" ", "")
    for item in table.values():
        if text in (item.key.lower(), item.name.lower()) or digits == item.hs_code:
            return item
    keys = [*table, *(c.hs_code for c in table.values())]
    close = [str(m[0]) for m in process.extract(text, keys, limit=3, score_cutoff=50)]
    raise UnknownCodeError(argument, commodity, close, what="commodity")


def _days(value: float, argument: str) -> float:
    return finite_non_negative(value, argument, "a finite number of days >= 0")


def shelf_life_check(
    commodity: str | Commodity,
    door_to_door_days: float,
    *,
    controlled_atmosphere: bool = False,
    min_remaining_days: float = 0.0,
) -> ShelfLifeCheck:
    """Will the cargo still be sellable when it arrives?

    Remaining life = shelf life (normal air, or controlled atmosphere when
    asked and the table has a CA value) − door-to-door days. The cargo
    *arrives sellable* when the remaining life is at least
    ``min_remaining_days`` (0 by default: the importer still needs days to
    sell, so planners may ask for more).

    Parameters
    ----------
    commodity : str or Commodity
        Key, name or HS code.
    door_to_door_days : float
        Days from packing (cold-chain start) to delivery, >= 0.
    controlled_atmosphere : bool
        Use the CA/MA shelf life. If the table has no CA value for the
        commodity, the normal life is used and ``basis`` says so.
    min_remaining_days : float
        Days of life the cargo must still have on arrival.

    Returns
    -------
    ShelfLifeCheck
        ``(arrives_sellable, remaining_shelf_life_days, basis)``. Dry cargo
        (no shelf life in the table) is sellable with ``inf`` days left.

    Examples
    --------
    >>> shelf_life_check("blueberries", 23).arrives_sellable
    False
    >>> shelf_life_check("blueberries", 23, controlled_atmosphere=True)[:2]
    (True, 19.0)
    """
    item = get_commodity(commodity)
    days = _days(door_to_door_days, "door_to_door_days")
    margin = _days(min_remaining_days, "min_remaining_days")
    if item.shelf_life_days_normal is None:
        return ShelfLifeCheck(
            True, math.inf, f"{item.key}: not perishable (no shelf life in {_TABLE})"
        )
    life = item.shelf_life_days_normal
    basis = f"{item.key}: normal-atmosphere shelf life {life:g} d"
    if controlled_atmosphere:
        if item.shelf_life_days_ca is None:
            basis += " (controlled atmosphere asked, but the table has no CA value)"
        else:
            life = item.shelf_life_days_ca
            basis = f"{item.key}: controlled-atmosphere shelf life {life:g} d"
    remaining = life - days
    ok = remaining >= margin
    verdict = "sellable" if ok else "NOT sellable"
    basis += f" − {days:g} d door to door = {remaining:g} d left ({verdict}"
    basis += f", margin {margin:g} d)" if margin else ")"
    if item.assumption:
        basis += "; row contains assumptions, see its notes"
    return ShelfLifeCheck(ok, remaining, basis)
