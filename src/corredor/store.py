"""Results store: an embedded DuckDB file with one row per impact run.

Default path: ``$CORREDOR_STORE`` if set, else
``$XDG_DATA_HOME/corredor/results.duckdb`` (``~/.local/share/corredor/
results.duckdb``). Tables:

``runs``
    run_id, scenario, baseline, status, inputs_hash, corredor_version,
    created_at, seed, draws, n_flows, total_teu, scheduler, summary (JSON of
    :meth:`ImpactResult.to_dict`).
``run_gateways``, ``run_regions``, ``run_intervals``, ``run_flows``
    Result tables keyed by run_id.

A run is written in one transaction, the ``runs`` row last: a process
killed mid-write leaves no trace of the run (DuckDB rolls the open
transaction back when the file is next opened).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corredor.errors import DataError, InvalidInputError, UnknownCodeError

if TYPE_CHECKING:
    import duckdb

    from corredor.impact.run import ImpactResult

__all__ = ["RESULT_TABLES", "ResultsStore", "default_store_path"]

#: Result tables besides ``runs`` (all have a ``run_id`` column).
RESULT_TABLES = ("run_gateways", "run_regions", "run_intervals", "run_flows")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, scenario VARCHAR, baseline VARCHAR, status VARCHAR,
    inputs_hash VARCHAR, corredor_version VARCHAR, created_at TIMESTAMPTZ, seed BIGINT,
    draws INTEGER, n_flows BIGINT, total_teu DOUBLE, scheduler VARCHAR, summary JSON);
CREATE TABLE IF NOT EXISTS run_gateways (
    run_id VARCHAR, locode VARCHAR, teu_scenario DOUBLE, teu_baseline DOUBLE,
    wait_h_scenario DOUBLE, wait_h_baseline DOUBLE, utilisation_scenario DOUBLE,
    utilisation_baseline DOUBLE, background_teu DOUBLE, wait_model VARCHAR,
    over_capacity BOOLEAN);
CREATE TABLE IF NOT EXISTS run_regions (
    run_id VARCHAR, origin_region VARCHAR, teu DOUBLE, diverted_teu DOUBLE,
    days_saved_total DOUBLE, usd_saved_total DOUBLE, generalised_usd_saved_total DOUBLE,
    co2e_change_t DOUBLE);
CREATE TABLE IF NOT EXISTS run_intervals (
    run_id VARCHAR, metric VARCHAR, central DOUBLE, p05 DOUBLE, p50 DOUBLE, p95 DOUBLE);
CREATE TABLE IF NOT EXISTS run_flows (
    run_id VARCHAR, flow_id VARCHAR, origin VARCHAR, origin_region VARCHAR,
    destination VARCHAR, commodity VARCHAR, teu DOUBLE, gateway_scenario VARCHAR,
    gateway_baseline VARCHAR, diverted_share DOUBLE, days_scenario DOUBLE,
    days_baseline DOUBLE, usd_per_teu_scenario DOUBLE, usd_per_teu_baseline DOUBLE,
    co2e_kg_per_teu_scenario DOUBLE, co2e_kg_per_teu_baseline DOUBLE);
"""


def default_store_path() -> Path:
    """``$CORREDOR_STORE``, else ``$XDG_DATA_HOME/corredor/results.duckdb``."""
    env = os.environ.get("CORREDOR_STORE", "").strip()
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "corredor" / "results.duckdb"


class ResultsStore:
    """Impact runs in a DuckDB file (created on first write).

    Parameters
    ----------
    path : str or Path, optional
        The DuckDB file; default :func:`default_store_path`.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        if path is not None and (not isinstance(path, str | Path) or not str(path).strip()):
            raise InvalidInputError("store", "a path to a DuckDB file", path)
        self.path = Path(path).expanduser() if path is not None else default_store_path()

    def __repr__(self) -> str:
        return f"ResultsStore({str(self.path)!r})"

    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        import duckdb

        if not write and not self.path.exists():
            raise DataError(f"results store not found: {self.path} (no run saved yet)")
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(self.path), read_only=not write)
        except duckdb.Error as exc:
            raise DataError(f"cannot open results store {self.path}: {exc}") from None
        try:
            if write:
                con.execute(_SCHEMA)
            yield con
        finally:
            con.close()

    def save(self, result: ImpactResult, *, before_commit: Callable[[], None] | None = None) -> str:
        """Write a run atomically (one transaction, ``runs`` row last); returns its run_id.

        ``before_commit`` is called inside the transaction after every row is
        written (progress reporting; the tests use it to kill a writer).
        """
        import pyarrow as pa

        summary = json.dumps(result.to_dict(), allow_nan=False, default=str)
        interval_rows = [
            (result.run_id, m, result.metrics[m], v["p05"], v["p50"], v["p95"])
            for m, v in result.intervals.items()
        ]
        flows = pa.table({"run_id": [result.run_id] * result.n_flows, **result.flow_table})
        gateways = pa.Table.from_pylist([{"run_id": result.run_id, **g} for g in result.gateways])
        regions = pa.Table.from_pylist([{"run_id": result.run_id, **r} for r in result.regions])
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                for name, table in (
                    ("run_flows", flows),
                    ("run_gateways", gateways),
                    ("run_regions", regions),
                ):
                    con.register("_incoming", table)
                    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _incoming")
                    con.unregister("_incoming")
                if interval_rows:
                    con.executemany(
                        "INSERT INTO run_intervals VALUES (?, ?, ?, ?, ?, ?)", interval_rows
                    )
                if before_commit is not None:
                    before_commit()
                con.execute(
                    "INSERT INTO runs VALUES (?, ?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        result.run_id,
                        result.scenario,
                        result.baseline,
                        result.inputs_hash,
                        result.corredor_version,
                        result.created_at,
                        result.seed,
                        result.draws,
                        result.n_flows,
                        result.total_teu,
                        result.scheduler,
                        summary,
                    ],
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return result.run_id

    def list_runs(self) -> list[dict[str, Any]]:
        """Stored runs, newest first (no summary)."""
        if not self.path.exists():
            return []
        with self._connect(write=False) as con:
            if not _has_runs(con):
                return []
            rows = con.execute(
                "SELECT run_id, scenario, baseline, status, inputs_hash, corredor_version, "
                "strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S+00:00'), seed, draws, "
                "n_flows, total_teu, scheduler FROM runs ORDER BY created_at DESC, run_id DESC"
            ).fetchall()
        keys = [
            "run_id",
            "scenario",
            "baseline",
            "status",
            "inputs_hash",
            "corredor_version",
            "created_at",
            "seed",
            "draws",
            "n_flows",
            "total_teu",
            "scheduler",
        ]
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def _check(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        if not isinstance(run_id, str) or not run_id.strip():
            raise InvalidInputError("run_id", "a run id from `corredor runs list`", run_id)
        if (
            not _has_runs(con)
            or not con.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchone()
        ):
            ids = (
                [r[0] for r in con.execute("SELECT run_id FROM runs").fetchall()]
                if _has_runs(con)
                else []
            )
            import difflib

            raise UnknownCodeError("run_id", run_id, difflib.get_close_matches(run_id, ids), "run")

    def show(self, run_id: str) -> dict[str, Any]:
        """The stored summary of a run (the ``ImpactResult.to_dict()`` contract)."""
        with self._connect(write=False) as con:
            self._check(con, run_id)
            row = con.execute("SELECT summary FROM runs WHERE run_id = ?", [run_id]).fetchone()
        if row is None:  # pragma: no cover - checked above
            raise UnknownCodeError("run_id", run_id)
        data: dict[str, Any] = json.loads(row[0])
        return data

    def table(self, run_id: str, name: str) -> dict[str, list[Any]]:
        """One result table of a run as columns."""
        if name not in RESULT_TABLES:
            raise UnknownCodeError("table", name, list(RESULT_TABLES), "results table")
        with self._connect(write=False) as con:
            self._check(con, run_id)
            cur = con.execute(f"SELECT * FROM {name} WHERE run_id = ?", [run_id])
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        out: dict[str, list[Any]] = {n: [r[i] for r in rows] for i, n in enumerate(names)}
        return out

    def export(self, run_id: str, out_dir: str | Path) -> list[Path]:
        """Write the run's tables (and its ``runs`` row) as Parquet files into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._connect(write=False) as con:
            self._check(con, run_id)
            for name in ("runs", *RESULT_TABLES):
                path = out / f"{run_id}_{name}.parquet"
                con.execute(
                    f"COPY (SELECT * FROM {name} WHERE run_id = ?) TO '{_sql_path(path)}' "
                    "(FORMAT PARQUET)",
                    [run_id],
                )
                written.append(path)
        return written

    def delete(self, run_id: str) -> None:
        """Remove a run and its result rows (one transaction)."""
        with self._connect(write=True) as con:
            self._check(con, run_id)
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
                for name in RESULT_TABLES:
                    con.execute(f"DELETE FROM {name} WHERE run_id = ?", [run_id])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise


def _has_runs(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'runs'"
    ).fetchone()
    return bool(row and row[0])


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
