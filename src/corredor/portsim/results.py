"""Simulation results: per-replication table, summary with confidence intervals, export."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from corredor.errors import InvalidInputError
from corredor.portsim.replication import METRICS
from corredor.portsim.stats import Estimate, estimate, json_safe

__all__ = ["SimulationResult", "write_table"]

FloatArray = NDArray[np.float64]


def write_table(columns: dict[str, Any], path: str | Path, table: str) -> Path:
    """Write columns to Parquet (``.parquet``) or a DuckDB file (``.duckdb``, table ``table``)."""
    import pyarrow as pa

    out = Path(path)
    arrow = pa.table(columns)
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        pq.write_table(arrow, out)
    elif suffix in {".duckdb", ".db"}:
        import duckdb

        with duckdb.connect(str(out)) as con:
            con.register("_portsim_arrow", arrow)
            con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM _portsim_arrow')
    else:
        raise InvalidInputError("path", "a .parquet or .duckdb file name", str(path))
    return out


@dataclass(frozen=True)
class SimulationResult:
    """Replications of one scenario at one throughput.

    ``replications[name]`` holds one value per replication for every name in
    :data:`corredor.portsim.METRICS`, in replication order.
    ``daily_yard_teu`` and ``daily_wait_h`` are ``(replications, days)``
    arrays over the whole run, warm-up included.
    """

    scenario: str
    locode: str
    teu_per_year: float
    years: float
    seed: int
    warmup_days: float
    warmup_method: str
    offered_berth_load: float
    yard_capacity_teu: float
    replications: dict[str, FloatArray]
    daily_yard_teu: FloatArray
    daily_wait_h: FloatArray
    warnings: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        """Number of replications."""
        return int(self.daily_yard_teu.shape[0])

    def summary(self, level: float = 0.95) -> dict[str, Estimate]:
        """Mean and confidence interval of every metric across replications."""
        return {name: estimate(self.replications[name], level) for name in METRICS}

    def to_dict(self) -> dict[str, Any]:
        """Strict-JSON summary (NaN as ``None``): one entry per metric, and ``run``."""
        out: dict[str, Any] = {name: est.to_dict() for name, est in self.summary().items()}
        out["run"] = {
            "scenario": self.scenario,
            "locode": self.locode,
            "teu_per_year_offered": self.teu_per_year,
            "years": self.years,
            "replications": self.n,
            "seed": self.seed,
            "warmup_days": self.warmup_days,
            "warmup_method": self.warmup_method,
            "offered_berth_load": self.offered_berth_load,
            "yard_capacity_teu": self.yard_capacity_teu,
            "warnings": list(self.warnings),
        }
        return dict(json_safe(out))

    def table(self) -> dict[str, Any]:
        """Per-replication columns (metric values plus run identifiers)."""
        cols: dict[str, Any] = {
            "scenario": [self.scenario] * self.n,
            "teu_per_year_offered": np.full(self.n, self.teu_per_year),
            "seed": np.full(self.n, self.seed, dtype=np.int64),
            "replication": np.arange(self.n, dtype=np.int64),
        }
        for name in METRICS:
            cols[name] = self.replications[name]
        return cols

    def to_parquet(self, path: str | Path) -> Path:
        """Write the per-replication table to Parquet."""
        return write_table(self.table(), path, "portsim_replications")

    def to_duckdb(self, path: str | Path, table: str = "portsim_replications") -> Path:
        """Write (replace) the per-replication table in a DuckDB file."""
        return write_table(self.table(), path, table)
