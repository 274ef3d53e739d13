"""CLI commands: simulate (port terminal simulation, ``corredor.portsim``).

Only parsing and formatting live here; every computation is in
:mod:`corredor.portsim`.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from corredor import portsim
from corredor.cli._app import app, stderr, stdout
from corredor.errors import InvalidInputError
from corredor.portsim.scenario import scenario_summaries
from corredor.portsim.stats import json_safe

__all__ = ["simulate_app"]

simulate_app = typer.Typer(
    help="Port terminal simulation: berths, quay cranes, yard and gate (times in hours).",
    no_args_is_help=True,
)
app.add_typer(simulate_app, name="simulate")

_FORMATS = ("table", "json")

TeuOpt = typer.Option(
    None, "--teu-per-year", help="Offered throughput, TEU/yr (default: scenario's)."
)
YearsOpt = typer.Option(1.0, "--years", help="Measured years per replication, after warm-up.")
RepsOpt = typer.Option(30, "--replications", help="Independent replications.")
SeedOpt = typer.Option(0, "--seed", help="Seed; same seed, same results for any --workers.")
WorkersOpt = typer.Option(1, "--workers", help="Worker processes.")
WarmOpt = typer.Option(None, "--warmup-days", help="Days discarded, or 'auto' (MSER-5).")
SetOpt = typer.Option(None, "--set", help="Override a scenario field: cranes.count=8 (repeatable).")
FormatOpt = typer.Option("table", "--format", help="table or json.")
PlotOpt = typer.Option(None, "--plot", help="Write a PNG figure here.")
OutOpt = typer.Option(None, "--out", help="Write the table to .parquet or .duckdb.")


def _format(value: str) -> str:
    if value not in _FORMATS:
        raise InvalidInputError("--format", "table or json", value)
    return value


def _warmup(value: str | None) -> float | Literal["auto"] | None:
    if value is None:
        return None
    if value == "auto":
        return "auto"
    try:
        return float(value)
    except ValueError:
        raise InvalidInputError("--warmup-days", "a number of days or 'auto'", value) from None


def _overrides(items: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items or []:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInputError("--set", "field=value, e.g. cranes.count=8", item)
        try:
            out[key.strip()] = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            out[key.strip()] = raw.strip()
    return out


def _print_json(data: dict[str, Any]) -> None:
    stdout.print(json.dumps(json_safe(data), indent=2), markup=False, highlight=False)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """Progress bar on stderr, started at the first finished unit of work.

    Starting lazily keeps stderr to the one error line when the arguments are
    refused; no auto-refresh thread, so worker processes can be forked.
    """
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        auto_refresh=False,
    )
    tasks: list[TaskID] = []

    def tick(n: int) -> None:
        if not tasks:
            bar.start()
            tasks.append(bar.add_task(label, total=total))
        bar.update(tasks[0], advance=n, refresh=True)

    try:
        yield tick
    finally:
        if tasks:
            bar.stop()


def _run(
    scenario: str,
    teu: float | None,
    years: float,
    reps: int,
    seed: int,
    workers: int,
    warmup: str | None,
    sets: list[str] | None,
    fmt: str,
    plot: Path | None,
    out: Path | None,
) -> None:
    fmt = _format(fmt)
    scen = portsim.load_scenario(scenario)
    updates = _overrides(sets)
    if updates:
        scen = portsim.override(scen, updates)
    with _progress(reps, f"{scen.name} replications") as tick:
        result = portsim.simulate(
            scen,
            teu_per_year=teu,
            years=years,
            replications=reps,
            seed=seed,
            workers=workers,
            warmup_days=_warmup(warmup),
            progress=tick,
        )
    for warning in result.warnings:
        stderr.print(f"warning: {warning}", markup=False, highlight=False)
    if plot is not None:
        portsim.plot_result(result, plot)
    if out is not None:
        (result.to_parquet if out.suffix.lower() == ".parquet" else result.to_duckdb)(out)
    if fmt == "json":
        _print_json(result.to_dict())
        return
    table = Table(
        title=f"{scen.name} ({scen.locode}): {result.teu_per_year:,.0f} TEU/yr offered, "
        f"{result.n} x {years:g} yr, warm-up {result.warmup_days:g} d"
    )
    for col in ("metric", "mean", "95 % CI", "meaning"):
        table.add_column(col, justify="left" if col in ("metric", "meaning") else "right")
    for name, est in result.summary().items():
        ci = "-" if est.n < 2 else f"{est.ci_low:,.3g} - {est.ci_high:,.3g}"
        table.add_row(name, f"{est.mean:,.4g}", ci, portsim.METRICS[name])
    stdout.print(table)


@simulate_app.command("chancay")
def chancay(
    phase: int = typer.Option(1, "--phase", help="Chancay phase: 1 or 2."),
    teu_per_year: float | None = TeuOpt,
    years: float = YearsOpt,
    replications: int = RepsOpt,
    seed: int = SeedOpt,
    workers: int = WorkersOpt,
    warmup_days: str | None = WarmOpt,
    set_: list[str] | None = SetOpt,
    format: str = FormatOpt,
    plot: Path | None = PlotOpt,
    out: Path | None = OutOpt,
) -> None:
    """Simulate the Chancay (PECHY) container terminal, phase 1 or 2."""
    if phase not in (1, 2):
        raise InvalidInputError("--phase", "1 or 2", phase)
    _run(
        f"chancay-phase{phase}",
        teu_per_year,
        years,
        replications,
        seed,
        workers,
        warmup_days,
        set_,
        format,
        plot,
        out,
    )


@simulate_app.command("terminal")
def terminal(
    scenario: str = typer.Argument(..., help="Packaged scenario name or TOML/YAML file."),
    teu_per_year: float | None = TeuOpt,
    years: float = YearsOpt,
    replications: int = RepsOpt,
    seed: int = SeedOpt,
    workers: int = WorkersOpt,
    warmup_days: str | None = WarmOpt,
    set_: list[str] | None = SetOpt,
    format: str = FormatOpt,
    plot: Path | None = PlotOpt,
    out: Path | None = OutOpt,
) -> None:
    """Simulate any terminal scenario (see `corredor simulate scenarios`)."""
    _run(
        scenario,
        teu_per_year,
        years,
        replications,
        seed,
        workers,
        warmup_days,
        set_,
        format,
        plot,
        out,
    )


@simulate_app.command("queue")
def queue(
    arrival_rate: float = typer.Option(..., "--arrival-rate", help="Vessels per hour (Poisson)."),
    service_rate: float = typer.Option(..., "--service-rate", help="Services per berth per hour."),
    berths: int = typer.Option(..., "--berths", help="Identical berths."),
    vessels: int = typer.Option(100_000, "--vessels", help="Vessels simulated."),
    seed: int = SeedOpt,
    service: str = typer.Option("exponential", "--service", help="exponential or deterministic."),
    format: str = FormatOpt,
) -> None:
    """The plain M/M/c or M/D/c berth queue, with its theoretical mean wait."""
    fmt = _format(format)
    if service not in ("exponential", "deterministic"):
        raise InvalidInputError("--service", "exponential or deterministic", service)
    result = portsim.simulate_queue(
        arrival_rate,
        service_rate,
        berths,
        vessels,
        seed=seed,
        service="exponential" if service == "exponential" else "deterministic",
    )
    data = result.to_dict()
    if fmt == "json":
        _print_json(data)
        return
    table = Table(title=f"M/{'M' if service == 'exponential' else 'D'}/{berths} berth queue")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for key, value in data.items():
        table.add_row(key, f"{value:,.6g}" if isinstance(value, float) else str(value))
    stdout.print(table)


@simulate_app.command("curve")
def curve(
    scenario: str = typer.Argument("chancay-phase1", help="Packaged scenario name or file."),
    start: float = typer.Option(0.3e6, "--from", help="First throughput, TEU/yr."),
    stop: float = typer.Option(1.8e6, "--to", help="Last throughput, TEU/yr."),
    steps: int = typer.Option(6, "--steps", help="Number of throughputs."),
    years: float = YearsOpt,
    replications: int = typer.Option(20, "--replications"),
    seed: int = SeedOpt,
    workers: int = WorkersOpt,
    format: str = FormatOpt,
    plot: Path | None = PlotOpt,
    out: Path | None = OutOpt,
) -> None:
    """Waiting time against throughput (common random numbers), with CIs."""
    fmt = _format(format)
    if steps < 2 or not (0 < start < stop):
        raise InvalidInputError(
            "--from/--to/--steps", "0 < from < to and steps >= 2", (start, stop, steps)
        )
    points = [start + (stop - start) * k / (steps - 1) for k in range(steps)]
    with _progress(steps * replications, "sweep replications") as tick:
        result = portsim.wait_time_curve(
            scenario,
            points,
            years=years,
            replications=replications,
            seed=seed,
            workers=workers,
            progress=tick,
        )
    if plot is not None:
        portsim.plot_wait_curve(result, plot)
    if out is not None:
        (result.to_parquet if out.suffix.lower() == ".parquet" else result.to_duckdb)(out)
    if fmt == "json":
        _print_json(result.to_dict())
        return
    c = result.columns
    table = Table(
        title=f"{result.scenario}: waiting time vs throughput "
        f"({result.replications} x {result.years:g} yr, seed {result.seed})"
    )
    for col in ("TEU/yr", "berth util.", "mean wait h (95 % CI)", "p95 wait h", "turnaround h", ""):
        table.add_column(col, justify="right")
    for k in range(c["teu_per_year"].size):
        table.add_row(
            f"{c['teu_per_year'][k]:,.0f}",
            f"{c['berth_utilisation'][k]:.2f}",
            f"{c['mean_wait_h'][k]:.3g} ({c['mean_wait_h_ci_low'][k]:.3g}-"
            f"{c['mean_wait_h_ci_high'][k]:.3g})",
            f"{c['p95_wait_h'][k]:.3g}",
            f"{c['mean_turnaround_h'][k]:.3g}",
            "saturated" if c["saturated"][k] else "",
        )
    stdout.print(table)


@simulate_app.command("scenarios")
def scenarios(
    sources: str | None = typer.Option(None, "--sources", help="Show every value's source."),
    format: str = FormatOpt,
) -> None:
    """List packaged terminal scenarios, or the sources of one."""
    fmt = _format(format)
    if sources is not None:
        scen = portsim.load_scenario(sources)
        if fmt == "json":
            _print_json(scen.sources)
            return
        table = Table(title=f"{scen.name}: sources")
        table.add_column("field")
        table.add_column("source or assumption")
        for key, text in scen.sources.items():
            table.add_row(key, text)
        stdout.print(table)
        return
    rows = scenario_summaries()
    if fmt == "json":
        _print_json({"scenarios": rows})
        return
    table = Table(title="packaged terminal scenarios")
    for col in rows[0]:
        table.add_column(col)
    for row in rows:
        table.add_row(*[f"{v:,.0f}" if isinstance(v, float) else str(v) for v in row.values()])
    stdout.print(table)
