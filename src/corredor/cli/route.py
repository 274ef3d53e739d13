"""CLI command: route (port-to-port sea route)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.cli._output import Format, print_json
from corredor.sea import DEFAULT_SPEED_KN, SeaRoute, sea_route


@app.command("route")
def route_cmd(
    origin: Annotated[str, typer.Argument(help="Origin port UN/LOCODE, e.g. PECHY")],
    destination: Annotated[str, typer.Argument(help="Destination port UN/LOCODE, e.g. CNSHA")],
    avoid: Annotated[
        list[str] | None, typer.Option("--avoid", help="Passage to avoid (repeatable)")
    ] = None,
    via: Annotated[
        list[str] | None, typer.Option("--via", help="Passage to pass, in order (repeatable)")
    ] = None,
    speed: Annotated[float, typer.Option("--speed", help="Speed in knots")] = DEFAULT_SPEED_KN,
    max_draft: Annotated[
        float | None, typer.Option("--max-draft", help="Ship draft in metres")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format")] = Format.table,
) -> None:
    """Shortest sea route between two ports, with passages, distance and days."""
    r = sea_route(
        origin, destination, avoid=avoid or (), via=via or (), max_draft_m=max_draft, speed_kn=speed
    )
    if fmt is Format.json:
        print_json(r.to_dict())
    elif fmt is Format.geojson:
        print_json({"type": "FeatureCollection", "features": [r.to_feature()]})
    else:
        stdout.print(route_table(r))


def route_table(r: SeaRoute) -> Table:
    """A rich table of one route."""
    t = Table(
        title=f"{r.origin.name} ({r.origin.locode}) → {r.destination.name} "
        f"({r.destination.locode})",
        show_header=False,
    )
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_row("distance", f"{r.distance_nm:,.0f} nm ({r.distance_km:,.0f} km)")
    t.add_row("passages", ", ".join(r.passages) or "—")
    t.add_row(f"sailing at {r.speed_kn:g} kn", f"{r.sailing_days:.1f} days")
    t.add_row("canal/strait transit + waiting", f"{r.passage_days:.1f} days")
    t.add_row("total", f"{r.total_days:.1f} days")
    if r.avoid or r.via or r.max_draft_m is not None:
        t.add_row(
            "restrictions", f"avoid={list(r.avoid)} via={list(r.via)} max_draft_m={r.max_draft_m}"
        )
    return t
