"""CLI commands: plan and compare (door-to-port itineraries)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corredor.cli._app import app, stdout
from corredor.cli._output import Format, PlanFormat, TableFormat, print_json
from corredor.cli._tables import catchment_table, comparison_tables, itinerary_table
from corredor.costs import CostParameters
from corredor.errors import DataError
from corredor.land import network_from_geojson
from corredor.planner import catchment, compare, plan
from corredor.planner.export import plan_document
from corredor.planner.geometry import comparison_geojson
from corredor.services import Service, load_services, loads_dcsa


def _with_services(path: Path) -> dict[str, Service]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read services file {str(path)!r}: {exc.strerror}") from None
    return {**load_services(), **loads_dcsa(text)}


@app.command("plan")
def plan_cmd(
    origin: Annotated[
        str, typer.Option("--from", help='Origin place or port, e.g. "Trujillo, PE"')
    ],
    destination: Annotated[str, typer.Option("--to", help="Destination port UN/LOCODE")],
    commodity: Annotated[str, typer.Option("--commodity", help="Commodity, e.g. blueberries")],
    teu: Annotated[float, typer.Option("--teu", help="Containers (TEU)")] = 1.0,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Port code, passage or mode to exclude (repeatable)"),
    ] = None,
    max_days: Annotated[float | None, typer.Option("--max-days")] = None,
    controlled_atmosphere: Annotated[
        bool, typer.Option("--controlled-atmosphere", help="Judge shelf life under CA")
    ] = False,
    cost_file: Annotated[
        Path | None,
        typer.Option("--costs", help="TOML/YAML overrides of rates, charges, tariffs, values"),
    ] = None,
    network_file: Annotated[
        Path | None, typer.Option("--land-network", help="Your own land network (GeoJSON)")
    ] = None,
    services_file: Annotated[
        Path | None,
        typer.Option("--services", help="Extra liner services (DCSA Commercial Schedules JSON)"),
    ] = None,
    fmt: Annotated[
        PlanFormat,
        typer.Option("--format", help="table, json, geojson, or ileap (fastest itinerary)"),
    ] = PlanFormat.table,
) -> None:
    """Door-to-door itineraries (Pareto over days, cost and CO2e)."""
    its = plan(
        origin,
        destination,
        commodity=commodity,
        teu=teu,
        exclude=exclude or (),
        max_days=max_days,
        controlled_atmosphere=controlled_atmosphere,
        cost_params=None if cost_file is None else CostParameters.from_file(cost_file),
        land_network=None if network_file is None else network_from_geojson(network_file),
        services=None if services_file is None else _with_services(services_file),
    )
    if fmt is PlanFormat.table:
        stdout.print(itinerary_table(its, f"{origin} → {destination}, {commodity}, {teu:g} TEU"))
    else:
        print_json(plan_document(its, fmt.value, commodity=commodity, teu=teu))


@app.command("compare")
def compare_cmd(
    origin: Annotated[str, typer.Option("--from", help="Origin place or port")],
    destination: Annotated[str, typer.Option("--to", help="Destination port UN/LOCODE")],
    commodity: Annotated[str, typer.Option("--commodity")],
    teu: Annotated[float, typer.Option("--teu")] = 1.0,
    without: Annotated[
        list[str] | None, typer.Option("--without", help="Ports to take away (default PECHY)")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Best itinerary with vs. without Chancay (or other ports), leg by leg."""
    c = compare(origin, destination, commodity=commodity, teu=teu, without=without or ("PECHY",))
    if fmt is Format.json:
        print_json(c.to_dict())
        return
    if fmt is Format.geojson:
        print_json(comparison_geojson(c))
        return
    for part in comparison_tables(c):
        stdout.print(part)


@app.command("catchment")
def catchment_cmd(
    destination: Annotated[str, typer.Option("--to", help="Destination port UN/LOCODE")] = "CNSHA",
    without: Annotated[
        list[str] | None, typer.Option("--without", help="Ports to take away (default PECHY)")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Best gateway for the corridor's export cases, with and without Chancay."""
    rows = catchment(destination, without=without or ("PECHY",))
    if fmt is TableFormat.json:
        print_json({"rows": [r.to_dict() for r in rows]})
        return
    stdout.print(catchment_table(rows, destination))
