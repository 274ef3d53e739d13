"""CLI commands: plan and compare (door-to-port itineraries)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.cli._output import Format, TableFormat, print_json
from corredor.planner import Itinerary, catchment, compare, plan
from corredor.planner.geometry import comparison_geojson, itineraries_geojson


def _itinerary_table(its: list[Itinerary], title: str) -> Table:
    t = Table(title=title)
    for col in ("#", "gateway", "route", "days", "port-port", "cost US$", "CO2e kg", "sellable"):
        t.add_column(col, justify="left" if col in ("gateway", "route") else "right")
    for i, it in enumerate(its, 1):
        sea = [leg for leg in it.legs if leg.mode == "sea"]
        route = " → ".join([sea[0].origin, *(leg.destination for leg in sea)]) if sea else "—"
        life = f"yes ({it.remaining_shelf_life_days:.0f} d left)" if it.arrives_sellable else "NO"
        t.add_row(
            str(i),
            it.gateway,
            route,
            f"{it.total_days:.1f}",
            f"{it.port_to_port_days:.1f}",
            f"{it.cost_usd:,.0f}",
            f"{it.co2e_kg:,.0f}",
            life,
        )
    return t


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
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Door-to-port itineraries (Pareto over days, cost and CO2e)."""
    its = plan(
        origin,
        destination,
        commodity=commodity,
        teu=teu,
        exclude=exclude or (),
        max_days=max_days,
        controlled_atmosphere=controlled_atmosphere,
    )
    if fmt is Format.json:
        print_json({"itineraries": [it.to_dict() for it in its]})
    elif fmt is Format.geojson:
        print_json(itineraries_geojson(its))
    else:
        stdout.print(_itinerary_table(its, f"{origin} → {destination}, {commodity}, {teu:g} TEU"))


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
    stdout.print(
        _itinerary_table([c.with_, c.without], "with / without " + ", ".join(c.without_ports))
    )
    t = Table(title="where the days go")
    for col in ("component", "with", "without", "difference"):
        t.add_column(col, justify="left" if col == "component" else "right")
    for comp, a, b, d in c.rows:
        t.add_row(comp, f"{a:.1f}", f"{b:.1f}", f"{d:+.1f}")
    stdout.print(t)
    stdout.print(
        f"door to port: {c.days_saved:.1f} days saved; "
        f"port to port: {c.port_to_port_days_saved:.1f} days saved"
    )


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
    removed = ", ".join(rows[0].without_ports) if rows else ""
    t = Table(title=f"catchment → {destination}: with / without {removed}")
    for col in ("case", "gateway with", "days", "gateway without", "days", "saved d", "Δ US$"):
        t.add_column(col, justify="left" if col.startswith(("case", "gateway")) else "right")
    for r in rows:
        t.add_row(
            r.case.label,
            r.with_.gateway,
            f"{r.with_.total_days:.1f}",
            r.without.gateway,
            f"{r.without.total_days:.1f}",
            f"{r.days_saved:.1f}",
            f"{r.usd_saved:+,.0f}",
        )
    stdout.print(t)
