"""Reading and validating land-network tables (packaged CSV or user files).

Every malformed value raises :class:`~corredor.errors.DataError` naming the
file, the row (1-based, header = row 1) and the column, so a user editing a
CSV can go straight to the cell.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from corredor.errors import DataError

__all__ = ["MODES", "NODE_KINDS", "EdgeRow", "NodeRow", "parse_edges", "parse_nodes", "read_csv"]

#: Transport modes a land edge may carry.
MODES: tuple[str, ...] = ("truck", "rail", "barge")
#: Kinds of node.
NODE_KINDS: tuple[str, ...] = ("region", "city", "border", "port", "airport")

_NODE_COLUMNS = ("id", "name", "country", "kind", "lat", "lon", "source", "assumption")
_EDGE_COLUMNS = ("from", "to", "mode", "distance_km", "source", "assumption")


@dataclass(frozen=True, slots=True)
class NodeRow:
    """One place of the land network."""

    id: str
    name: str
    country: str
    kind: str
    lat: float
    lon: float
    locode: str
    iata: tuple[str, ...]
    aliases: tuple[str, ...]
    source: str
    assumption: bool


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One undirected land link; ``hours`` is always filled (given or distance / speed)."""

    source_row: int
    u: str
    v: str
    mode: str
    distance_km: float
    hours: float
    notes: str
    source: str
    assumption: bool


def read_csv(path: Path | str, required: Iterable[str]) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts, after checking the required columns exist."""
    p = Path(str(path))
    try:
        with p.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(
                    f"{p.name}: missing column(s) {', '.join(missing)}", argument=str(p)
                )
            return [dict(r) for r in reader]
    except OSError as exc:
        raise DataError(f"cannot read {p}: {exc.strerror}", argument=str(p)) from None


class _Cells:
    """Typed access to one CSV row that reports file/row/column on failure."""

    def __init__(self, file: str, row: int, cells: Mapping[str, str | None]) -> None:
        self.file, self.row, self.cells = file, row, cells

    def fail(self, column: str, expected: str) -> DataError:
        given = self.cells.get(column)
        return DataError(
            f"{self.file} row {self.row} column {column!r}: expected {expected}, got {given!r}",
            argument=column,
        )

    def text(self, column: str, *, required: bool = True) -> str:
        value = (self.cells.get(column) or "").strip()
        if required and not value:
            raise self.fail(column, "a non-empty value")
        return value

    def number(self, column: str, lo: float, hi: float, *, required: bool = True) -> float:
        raw = self.text(column, required=required)
        if not raw:
            return math.nan
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(column, "a number") from None
        if not (math.isfinite(value) and lo <= value <= hi):
            raise self.fail(column, f"a number in [{lo:g}, {hi:g}]")
        return value

    def flag(self, column: str) -> bool:
        raw = self.text(column).lower()
        if raw not in ("true", "false"):
            raise self.fail(column, "true or false")
        return raw == "true"

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        raw = self.text(column)
        if raw not in allowed:
            raise self.fail(column, "one of " + "|".join(allowed))
        return raw


def _split(raw: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in raw.split(";") if p.strip())


def parse_nodes(rows: list[dict[str, str]], file: str) -> tuple[NodeRow, ...]:
    """Validate node rows (ids unique and snake_case, coordinates in range)."""
    out: list[NodeRow] = []
    seen: set[str] = set()
    for i, raw in enumerate(rows, start=2):
        c = _Cells(file, i, raw)
        node_id = c.text("id")
        if not node_id.replace("_", "").isalnum() or node_id != node_id.lower():
            raise c.fail("id", "a snake_case identifier")
        if node_id in seen:
            raise c.fail("id", "an id not used by an earlier row")
        seen.add(node_id)
        country = c.text("country")
        if len(country) != 2 or not country.isalpha() or not country.isupper():
            raise c.fail("country", "an ISO 3166-1 alpha-2 code")
        out.append(
            NodeRow(
                id=node_id,
                name=c.text("name"),
                country=country,
                kind=c.choice("kind", NODE_KINDS),
                lat=c.number("lat", -90.0, 90.0),
                lon=c.number("lon", -180.0, 180.0),
                locode=c.text("locode", required=False).upper(),
                iata=tuple(s.upper() for s in _split(c.text("iata", required=False))),
                aliases=_split(c.text("aliases", required=False)),
                source=c.text("source"),
                assumption=c.flag("assumption"),
            )
        )
    if not out:
        raise DataError(f"{file}: no nodes", argument=file)
    return tuple(out)


def parse_edges(rows: list[dict[str, str]], file: str, node_ids: set[str]) -> tuple[EdgeRow, ...]:
    """Validate edge rows; each needs a known pair of nodes and speed_kmh or hours."""
    out: list[EdgeRow] = []
    for i, raw in enumerate(rows, start=2):
        c = _Cells(file, i, raw)
        u, v = c.text("from"), c.text("to")
        for col, node in (("from", u), ("to", v)):
            if node not in node_ids:
                raise c.fail(col, "a node id from the nodes table")
        if u == v:
            raise c.fail("to", "a node different from 'from'")
        km = c.number("distance_km", 0.0, 20_000.0)
        if km <= 0.0:
            raise c.fail("distance_km", "a positive distance")
        hours = c.number("hours", 0.0, 10_000.0, required=False)
        if math.isnan(hours):
            speed = c.number("speed_kmh", 0.1, 300.0, required=False)
            if math.isnan(speed):
                raise c.fail("speed_kmh", "a speed when 'hours' is empty")
            hours = km / speed
        elif hours <= 0.0:
            raise c.fail("hours", "a positive duration")
        out.append(
            EdgeRow(
                source_row=i,
                u=u,
                v=v,
                mode=c.choice("mode", MODES),
                distance_km=km,
                hours=hours,
                notes=c.text("notes", required=False),
                source=c.text("source"),
                assumption=c.flag("assumption"),
            )
        )
    return tuple(out)


def node_columns() -> tuple[str, ...]:
    """Columns every nodes file must have."""
    return _NODE_COLUMNS


def edge_columns() -> tuple[str, ...]:
    """Columns every edges file must have."""
    return _EDGE_COLUMNS
