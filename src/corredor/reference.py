"""Packaged reference data: seaports (UN/LOCODE) and named sea passages.

Tables are read once per process from ``corredor/data`` and returned as
immutable objects. Every row carries a ``source``; curated overrides for the
corridor's ports replace the generic coordinates and add draft limits.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType

from rapidfuzz import fuzz, process

from corredor.errors import DataError, UnknownCodeError, UnknownPortError

__all__ = [
    "Passage",
    "Port",
    "PortTable",
    "SourceSummary",
    "get_passage",
    "list_sources",
    "load_passages",
    "load_ports",
    "optional_float",
    "read_table",
]


@dataclass(frozen=True, slots=True)
class Port:
    """A seaport keyed by UN/LOCODE.

    ``max_draft_m`` is the maximum permissible draft where the curated table
    states one, else ``None`` (unknown, not unlimited).
    """

    locode: str
    name: str
    country: str
    lat: float
    lon: float
    source: str
    max_draft_m: float | None = None
    notes: str = ""
    curated: bool = False

    @property
    def short_name(self) -> str:
        """The name without the terminal details in parentheses ("Santos")."""
        return self.name.split(" (")[0].strip() or self.name


@dataclass(frozen=True, slots=True)
class Passage:
    """A named chokepoint: draft limit and time spent beyond open-sea sailing."""

    name: str
    label: str
    max_draft_m: float | None
    transit_h: float
    waiting_h: float
    notes: str
    source: str
    assumption: bool


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV file in ``corredor/data`` as dictionaries."""
    try:
        text = files("corredor").joinpath("data", *name.split("/")).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"packaged data file missing: {name}") from None
    return list(csv.DictReader(io.StringIO(text)))


def optional_float(row: Mapping[str, str], key: str, table: str) -> float | None:
    """Column ``key`` of a CSV row as a finite float, ``None`` when empty, else DataError."""
    raw = (row.get(key) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise DataError(f"{table}: column {key!r} must be numeric, got {raw!r}") from None
    if not math.isfinite(value):
        raise DataError(f"{table}: column {key!r} must be finite, got {raw!r}")
    return value


def _req_float(row: Mapping[str, str], key: str, table: str) -> float:
    value = optional_float(row, key, table)
    if value is None:
        raise DataError(f"{table}: column {key!r} is empty in row {dict(row)}")
    return value


class PortTable(Mapping[str, Port]):
    """Read-only mapping of UN/LOCODE to :class:`Port`, with fuzzy search."""

    def __init__(self, ports: Mapping[str, Port]) -> None:
        self._ports = MappingProxyType(dict(ports))
        self._codes = tuple(self._ports)
        self._labels = tuple(f"{p.name} {p.country}" for p in self._ports.values())

    def __getitem__(self, code: str) -> Port:
        return self._ports[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ports)

    def __len__(self) -> int:
        return len(self._ports)

    def get_port(self, code: object, argument: str = "port") -> Port:
        """The port for a UN/LOCODE (case and spaces ignored) or raise :class:`UnknownPortError`.

        The error lists close matches by code and by name.
        """
        if not isinstance(code, str) or not code.strip():
            raise UnknownPortError(argument, repr(code))
        key = code.strip().upper().replace(" ", "")
        port = self._ports.get(key)
        if port is None:
            by_code = process.extract(key, self._codes, scorer=fuzz.ratio, limit=3, score_cutoff=60)
            close = [c for c, _, _ in by_code] + [p.locode for p in self.search(code, limit=3)]
            raise UnknownPortError(argument, code, list(dict.fromkeys(close))[:5])
        return port

    def search(self, text: str, limit: int = 10) -> list[Port]:
        """Ports whose code or name best matches ``text`` (fuzzy), best first."""
        query = text.strip()
        if not query:
            return []
        exact = self._ports.get(query.upper().replace(" ", ""))
        by_name = process.extract(
            query, self._labels, scorer=fuzz.WRatio, limit=limit + 1, score_cutoff=50
        )
        out = [exact] if exact else []
        out += [self._ports[self._codes[i]] for _, _, i in by_name]
        seen: set[str] = set()
        unique: list[Port] = []
        for p in out:
            if p.locode not in seen:
                seen.add(p.locode)
                unique.append(p)
        return unique[:limit]


@cache
def load_ports() -> PortTable:
    """The packaged port table: the generic UN/LOCODE list with curated overrides applied."""
    ports: dict[str, Port] = {}
    for row in read_table("ports.csv"):
        ports[row["locode"]] = Port(
            locode=row["locode"],
            name=row["name"],
            country=row["country"],
            lat=_req_float(row, "lat", "ports.csv"),
            lon=_req_float(row, "lon", "ports.csv"),
            source=row["source"],
        )
    try:
        overrides = read_table("port_overrides.csv")
    except DataError:
        overrides = []
    for row in overrides:
        code = row["locode"].strip().upper()
        notes = row.get("notes", "")
        if row.get("assumption", "").strip().lower() == "true":
            notes = f"[assumption] {notes}".strip()
        ports[code] = Port(
            locode=code,
            name=row["name"],
            country=row["country"],
            lat=_req_float(row, "lat", "port_overrides.csv"),
            lon=_req_float(row, "lon", "port_overrides.csv"),
            source=row["source"],
            max_draft_m=optional_float(row, "max_draft_m", "port_overrides.csv"),
            notes=notes,
            curated=True,
        )
    return PortTable(dict(sorted(ports.items())))


@cache
def load_passages() -> Mapping[str, Passage]:
    """The packaged passages (chokepoints) by name."""
    out: dict[str, Passage] = {}
    for row in read_table("passages.csv"):
        out[row["name"]] = Passage(
            name=row["name"],
            label=row.get("label") or row["name"],
            max_draft_m=optional_float(row, "max_draft_m", "passages.csv"),
            transit_h=optional_float(row, "transit_h", "passages.csv") or 0.0,
            waiting_h=optional_float(row, "waiting_h", "passages.csv") or 0.0,
            notes=row.get("notes", ""),
            source=row["source"],
            assumption=row.get("assumption", "").strip().lower() == "true",
        )
    return MappingProxyType(out)


def get_passage(name: object, argument: str = "passage") -> Passage:
    """The passage called ``name`` or raise :class:`UnknownCodeError` with close matches."""
    table = load_passages()
    key = name.strip().lower().replace("-", "_").replace(" ", "_") if isinstance(name, str) else ""
    if key in table:
        return table[key]
    close = [m for m, _, _ in process.extract(str(name), list(table), limit=3, score_cutoff=60)]
    raise UnknownCodeError(argument, str(name), close, what="passage")


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """How one packaged table is sourced."""

    table: str
    rows: int
    assumption_rows: int
    sources: tuple[str, ...]


def list_sources() -> list[SourceSummary]:
    """Every packaged CSV table with its row count, assumption count and distinct sources."""
    root = files("corredor").joinpath("data")
    names = sorted(
        [e.name for e in root.iterdir() if e.name.endswith(".csv")]
        + [
            f"{d.name}/{e.name}"
            for d in root.iterdir()
            if d.is_dir()
            for e in d.iterdir()
            if e.name.endswith(".csv")
        ]
    )
    out = []
    for name in names:
        rows = read_table(name)
        out.append(
            SourceSummary(
                table=name,
                rows=len(rows),
                assumption_rows=sum(
                    r.get("assumption", "").strip().lower() == "true" for r in rows
                ),
                sources=tuple(sorted({r.get("source", "").strip() for r in rows} - {""})),
            )
        )
    return out
