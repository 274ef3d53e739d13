"""CLI commands: impact run|report|scenarios (``corredor.impact``).

Only parsing and formatting live here; computation is in
:mod:`corredor.impact`, storage in :mod:`corredor.store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from corredor.cli._app import app, stderr, stdout
from corredor.cli._output import TableFormat, print_json

__all__ = ["impact_app"]

impact_app = typer.Typer(
    help="Regional impact of Chancay: trade flows assigned with and without it.",
    no_args_is_help=True,
)
app.add_typer(impact_app, name="impact")

StoreOpt = typer.Option(
    "--store", help="DuckDB results store (default $CORREDOR_STORE or ~/.local/share/corredor)."
)


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
    """Progress bars on stderr, started lazily at the first finished task."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr,
        transient=True,
        auto_refresh=False,
    )
    tasks: dict[str, TaskID] = {}

    def tick(stage: str, done: int, total: int) -> None:
        if not tasks:
            bar.start()
        if stage not in tasks:
            label = "planning itineraries" if stage == "plan" else "assigning flows"
            tasks[stage] = bar.add_task(label, total=total)
        bar.update(tasks[stage], completed=done, refresh=True)

    try:
        yield tick
    finally:
        if tasks:
            bar.stop()


def _summary_table(data: dict[str, Any]) -> Table:
    from corredor.impact.montecarlo import METRICS

    table = Table(title=f"{data['scenario']} vs. {data['baseline']} (run {data['run_id']})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("p05", justify="right")
    table.add_column("p95", justify="right")
    for key in METRICS:
        iv = data["intervals"].get(key, {})
        table.add_row(
            key,
            f"{data[key]:,.0f}",
            f"{iv['p05']:,.0f}" if iv else "",
            f"{iv['p95']:,.0f}" if iv else "",
        )
    table.add_row("converged", str(data["converged"]), "", "")
    return table


def _gateway_table(data: dict[str, Any]) -> Table:
    table = Table(title="TEU/yr by gateway")
    for col in ("gateway", "baseline", "scenario", "wait h (scen.)", "utilisation"):
        table.add_column(col, justify="right" if col != "gateway" else "left")
    for g in data["gateways"]:
        if g["teu_scenario"] <= 0 and g["teu_baseline"] <= 0:
            continue
        util = g["utilisation_scenario"]
        table.add_row(
            g["locode"],
            f"{g['teu_baseline']:,.0f}",
            f"{g['teu_scenario']:,.0f}",
            f"{g['wait_h_scenario']:.1f}",
            "" if util is None else f"{util:.0%}",
        )
    return table


@impact_app.command("run")
def run_cmd(
    scenario: Annotated[str, typer.Argument(help="Packaged scenario name or a .toml path")],
    flows: Annotated[
        Path | None, typer.Option("--flows", help="Trade flows CSV/Parquet (default: sample)")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="dask scheduler tcp://HOST:PORT")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Monte Carlo seed")] = 0,
    draws: Annotated[
        int | None, typer.Option("--draws", help="Monte Carlo draws (default: scenario's)")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Local processes")] = None,
    store: Annotated[Path | None, StoreOpt] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not store the run")] = False,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Assign the flows with and without Chancay under SCENARIO and store the run."""
    from corredor.impact import run_impact
    from corredor.store import ResultsStore

    target = ResultsStore(store)
    with _progress() as tick:
        result = run_impact(
            scenario,
            flows=flows,
            seed=seed,
            scheduler=scheduler,
            store=target,
            save=not no_save,
            draws=draws,
            workers=workers,
            progress=tick,
        )
    data = result.to_dict()
    if fmt is TableFormat.json:
        print_json(data)
        return
    stdout.print(_summary_table(data))
    stdout.print(_gateway_table(data))
    if not no_save:
        stdout.print(f"stored as {result.run_id} in {target.path}", highlight=False)


@impact_app.command("report")
def report_cmd(
    run_id: Annotated[str, typer.Argument(help="Run id (corredor runs list)")],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write")],
    store: Annotated[Path | None, StoreOpt] = None,
) -> None:
    """Write an HTML report (figures, tables) and a flow-map PNG of a stored run."""
    from corredor.impact.report import write_report
    from corredor.store import ResultsStore

    target = ResultsStore(store)
    summary = target.show(run_id)
    flows = target.table(run_id, "run_flows")
    html_path, map_path = write_report(summary, flows, out)
    stdout.print(f"wrote {html_path} and {map_path}", highlight=False)


@impact_app.command("scenarios")
def scenarios_cmd(
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """List the packaged impact scenarios."""
    from corredor.impact import load_impact_scenario, packaged_scenarios

    rows = [
        {"name": n, "description": load_impact_scenario(n).description}
        for n in packaged_scenarios()
    ]
    if fmt is TableFormat.json:
        print_json(rows)
        return
    table = Table(title="Impact scenarios")
    table.add_column("name")
    table.add_column("description")
    for r in rows:
        table.add_row(r["name"], r["description"])
    stdout.print(table)
