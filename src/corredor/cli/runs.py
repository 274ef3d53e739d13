"""CLI commands: runs list|show|export|delete (the results store, ``corredor.store``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.cli._output import TableFormat, print_json
from corredor.store import ResultsStore

__all__ = ["runs_app"]

runs_app = typer.Typer(help="Stored impact runs (DuckDB results store).", no_args_is_help=True)
app.add_typer(runs_app, name="runs")

StoreOpt = typer.Option(
    "--store", help="DuckDB results store (default $CORREDOR_STORE or ~/.local/share/corredor)."
)


@runs_app.command("list")
def list_cmd(
    store: Annotated[Path | None, StoreOpt] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """List stored runs, newest first."""
    rows = ResultsStore(store).list_runs()
    if fmt is TableFormat.json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} stored run(s)")
    for col in ("run_id", "scenario", "created_at", "seed", "draws", "n_flows", "scheduler"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["run_id"],
            r["scenario"],
            r["created_at"],
            str(r["seed"]),
            str(r["draws"]),
            str(r["n_flows"]),
            r["scheduler"],
        )
    stdout.print(table)


@runs_app.command("show")
def show_cmd(
    run_id: Annotated[str, typer.Argument(help="Run id")],
    store: Annotated[Path | None, StoreOpt] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.json,
) -> None:
    """Show a stored run (its summary, as `impact run --format json` printed it)."""
    data = ResultsStore(store).show(run_id)
    if fmt is TableFormat.json:
        print_json(data)
        return
    table = Table(title=f"run {run_id}")
    table.add_column("field")
    table.add_column("value")
    for key in (
        "scenario",
        "baseline",
        "created_at",
        "inputs_hash",
        "corredor_version",
        "seed",
        "draws",
        "n_flows",
        "total_teu",
        "diverted_teu",
        "days_saved_total",
        "usd_saved_total",
        "co2e_change_t",
        "converged",
    ):
        table.add_row(key, str(data[key]))
    stdout.print(table)


@runs_app.command("export")
def export_cmd(
    run_id: Annotated[str, typer.Argument(help="Run id")],
    out: Annotated[Path, typer.Option("--out", help="Directory for the Parquet files")],
    store: Annotated[Path | None, StoreOpt] = None,
) -> None:
    """Export a run's tables as Parquet files."""
    for path in ResultsStore(store).export(run_id, out):
        stdout.print(str(path), highlight=False)


@runs_app.command("delete")
def delete_cmd(
    run_id: Annotated[str, typer.Argument(help="Run id")],
    store: Annotated[Path | None, StoreOpt] = None,
) -> None:
    """Delete a run and its result rows."""
    ResultsStore(store).delete(run_id)
    stdout.print(f"deleted {run_id}", highlight=False)
