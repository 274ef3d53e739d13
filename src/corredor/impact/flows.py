"""Trade flows: the packaged sample table, user CSV/Parquet files and synthetic flows.

A flow is one origin place (a land place or port the planner knows), one
destination port (UN/LOCODE), one commodity and an annual volume in TEU,
tonnes and US$. Flows are held column-wise in numpy arrays
(:class:`FlowTable`) so that assignment is vectorised.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from corredor.errors import DataError, InvalidInputError
from corredor.reference import read_table

__all__ = [
    "FLOW_COLUMNS",
    "REQUIRED_COLUMNS",
    "FlowTable",
    "load_flows",
    "packaged_flows",
    "synthetic_flows",
]

FloatArray = NDArray[np.float64]
StrArray = NDArray[np.str_]

#: Columns a user flow file must have.
REQUIRED_COLUMNS = ("origin", "destination", "commodity", "teu")
#: Columns of a :class:`FlowTable` (optional ones are filled in when missing).
FLOW_COLUMNS = (
    "flow_id",
    "origin",
    "origin_region",
    "destination",
    "commodity",
    "teu",
    "tonnes",
    "value_usd",
)
_PACKAGED = "impact/flows.csv"


@dataclass(frozen=True, eq=False)
class FlowTable:
    """Trade flows, one array per column (all of the same length).

    Attributes
    ----------
    flow_id, origin, origin_region, destination, commodity : ndarray of str
    teu : ndarray of float
        Annual volume, TEU (> 0).
    tonnes : ndarray of float
        Annual volume, tonnes (>= 0; 0 when unknown).
    value_usd : ndarray of float
        Annual value, US$ (>= 0; ``NaN`` when unknown: the commodity's
        packaged value per kg is used instead).
    """

    flow_id: StrArray
    origin: StrArray
    origin_region: StrArray
    destination: StrArray
    commodity: StrArray
    teu: FloatArray
    tonnes: FloatArray
    value_usd: FloatArray

    def __len__(self) -> int:
        return int(self.teu.size)

    def take(self, index: NDArray[np.int64] | slice) -> FlowTable:
        """The flows at ``index`` (array of positions or a slice)."""
        return FlowTable(**{c: getattr(self, c)[index] for c in FLOW_COLUMNS})

    def columns(self) -> dict[str, list[Any]]:
        """Column name -> Python list (for Parquet/DuckDB)."""
        return {c: getattr(self, c).tolist() for c in FLOW_COLUMNS}

    def digest(self) -> str:
        """SHA-256 of the table content (order-sensitive): part of a run's inputs hash."""
        h = hashlib.sha256()
        for c in FLOW_COLUMNS:
            arr = getattr(self, c)
            if arr.dtype.kind == "f":
                h.update(np.ascontiguousarray(arr, dtype="<f8").tobytes())
            else:
                h.update("\x1f".join(arr.tolist()).encode("utf-8"))
            h.update(b"\x1e")
        return h.hexdigest()

    @property
    def total_teu(self) -> float:
        """Sum of the TEU column."""
        return math.fsum(self.teu.tolist())


def _strings(values: Sequence[object], column: str, *, required: bool) -> StrArray:
    out = []
    for i, v in enumerate(values):
        s = "" if v is None else str(v).strip()
        if required and not s:
            raise InvalidInputError(f"flows.{column}", "a non-empty text", f"row {i + 1}: {v!r}")
        out.append(s)
    return np.asarray(out, dtype=np.str_)


def _numbers(
    values: Sequence[object], column: str, *, positive: bool, missing: float
) -> FloatArray:
    out = np.empty(len(values), dtype=np.float64)
    expected = "a finite number > 0" if positive else "a finite number >= 0"
    for i, v in enumerate(values):
        if v is None or (isinstance(v, str) and not v.strip()):
            if math.isnan(missing):
                out[i] = missing
                continue
            raise InvalidInputError(f"flows.{column}", expected, f"row {i + 1}: empty")
        try:
            x = float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InvalidInputError(f"flows.{column}", expected, f"row {i + 1}: {v!r}") from None
        if not math.isfinite(x) or x < 0 or (positive and x == 0):
            raise InvalidInputError(f"flows.{column}", expected, f"row {i + 1}: {v!r}")
        out[i] = x
    return out


def from_columns(data: Mapping[str, Sequence[object]]) -> FlowTable:
    """Validate columns (lists) into a :class:`FlowTable`.

    Raises
    ------
    DataError
        A required column is missing or the table is empty.
    InvalidInputError
        A value is empty, non-numeric, NaN, infinite or negative (named
        ``flows.<column>`` with the row number).
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in data]
    if missing:
        raise DataError(
            f"flows: missing column(s) {', '.join(missing)}; "
            f"required: {', '.join(REQUIRED_COLUMNS)}"
        )
    n = len(data["teu"])
    if n == 0:
        raise DataError("flows: the table has no rows")
    if any(len(v) != n for v in data.values()):
        raise DataError("flows: columns of different lengths")
    ids = data.get("flow_id") or [f"F{i + 1}" for i in range(n)]
    origin = _strings(data["origin"], "origin", required=True)
    region = data.get("origin_region")
    return FlowTable(
        flow_id=_strings(ids, "flow_id", required=True),
        origin=origin,
        origin_region=origin
        if region is None
        else _strings(region, "origin_region", required=True),
        destination=_strings(data["destination"], "destination", required=True),
        commodity=_strings(data["commodity"], "commodity", required=True),
        teu=_numbers(data["teu"], "teu", positive=True, missing=0.0),
        tonnes=_numbers(data.get("tonnes") or [0.0] * n, "tonnes", positive=False, missing=0.0),
        value_usd=_numbers(
            data.get("value_usd") or [None] * n, "value_usd", positive=False, missing=math.nan
        ),
    )


def _rows_to_columns(rows: Sequence[Mapping[str, object]]) -> dict[str, list[object]]:
    keys = list(rows[0]) if rows else []
    return {k: [r.get(k) for r in rows] for k in keys}


def packaged_flows() -> FlowTable:
    """The packaged sample table ``corredor/data/impact/flows.csv`` (sourced rows)."""
    rows = read_table(_PACKAGED)
    return from_columns(_rows_to_columns(rows))


def load_flows(path: str | Path | None = None) -> FlowTable:
    """Flows from a CSV or Parquet file, or the packaged sample when ``path`` is None.

    Parameters
    ----------
    path : str or Path, optional
        ``.csv`` (UTF-8, header row) or ``.parquet``; columns
        ``origin, destination, commodity, teu`` are required and
        ``flow_id, origin_region, tonnes, value_usd`` optional.

    Raises
    ------
    DataError
        Unreadable file, unknown extension, missing column.
    InvalidInputError
        A bad value (empty text, NaN, negative or zero TEU ...).
    """
    if path is None:
        return packaged_flows()
    p = Path(path)
    if not p.is_file():
        raise DataError(f"flows file not found: {p}")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"cannot read flows file {p}: {exc}") from None
        try:
            rows = list(csv.DictReader(io.StringIO(text)))
        except csv.Error as exc:
            raise DataError(f"malformed flows CSV {p}: {exc}") from None
        if rows and None in rows[0]:
            raise DataError(f"malformed flows CSV {p}: more fields than header columns")
        return from_columns(_rows_to_columns(rows))
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(p)
        except Exception as exc:  # pyarrow raises several exception types
            raise DataError(f"cannot read flows Parquet {p}: {exc}") from None
        return from_columns(table.to_pydict())
    raise DataError(f"flows file must be .csv or .parquet, got {p.name!r}")


def synthetic_flows(n: int, *, seed: int = 0, base: FlowTable | None = None) -> FlowTable:
    """``n`` synthetic flows drawn from the (origin, destination, commodity) triples of ``base``.

    Volumes are log-normal around the base row's volume divided by the
    number of copies, so totals stay of the same order; values keep the
    base row's value per TEU. Used by the benchmark and scale tests.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidInputError("n", "an integer >= 1", n)
    src = packaged_flows() if base is None else base
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(src), size=n)
    scale = rng.lognormal(0.0, 0.5, size=n)
    copies = max(1.0, n / len(src))
    teu = np.maximum(src.teu[pick] * scale / copies, 1e-3)
    per_teu = np.where(src.teu > 0, src.value_usd / src.teu, np.nan)[pick]
    tonnes_per_teu = np.where(src.teu > 0, src.tonnes / src.teu, 0.0)[pick]
    return FlowTable(
        flow_id=np.asarray([f"S{i}" for i in range(n)], dtype=np.str_),
        origin=src.origin[pick],
        origin_region=src.origin_region[pick],
        destination=src.destination[pick],
        commodity=src.commodity[pick],
        teu=teu,
        tonnes=teu * tonnes_per_teu,
        value_usd=teu * per_teu,
    )
