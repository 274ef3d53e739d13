"""CLI command: demo (the headline comparison, catchment, e-commerce case, maps)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.cli._tables import catchment_table, comparison_tables, itinerary_table
from corredor.sea import SeaRoute, sea_route

#: Latin American gateways compared against each other on the way to Shanghai.
DEMO_GATEWAYS = ("PECHY", "PECLL", "BRSSZ", "COCTG", "MXZLO", "CLVAP")
DEMO_DESTINATION = "CNSHA"
DEMO_SPEED_KN = 17.0
#: The seeds' headline: a Peruvian exporter's blueberries to Shanghai.
HEADLINE = {"origin": "Trujillo, PE", "destination": "CNSHA", "commodity": "blueberries"}
#: The e-commerce case: parcels (apparel) from Xiamen to São Paulo.
ECOMMERCE = {"origin": "CNXMN", "destination": "São Paulo", "commodity": "apparel"}
_COLOURS = {"with": "#c0392b", "without": "#2c3e50"}


def gateway_routes(
    gateways: tuple[str, ...] = DEMO_GATEWAYS, destination: str = DEMO_DESTINATION
) -> list[SeaRoute]:
    """The demo's routes, one per gateway, at the demo speed."""
    return [sea_route(g, destination, speed_kn=DEMO_SPEED_KN) for g in gateways]


def _routes_table(routes: list[SeaRoute]) -> Table:
    t = Table(title=f"Sea routes to Shanghai (CNSHA) at {DEMO_SPEED_KN:g} kn")
    for col in ("gateway", "distance nm", "distance km", "sailing days", "canal days", "passages"):
        t.add_column(col, justify="left" if col in ("gateway", "passages") else "right")
    for r in routes:
        t.add_row(
            f"{r.origin.short_name} ({r.origin.locode})",
            f"{r.distance_nm:,.0f}",
            f"{r.distance_km:,.0f}",
            f"{r.sailing_days:.1f}",
            f"{r.passage_days:.1f}",
            ", ".join(r.passages) or "direct",
        )
    return t


def _styled(fc: dict[str, Any]) -> dict[str, Any]:
    """Name and colour each leg feature for the static map."""
    for f in fc["features"]:
        p = f["properties"]
        p["name"] = f"{p['role']}: {p['from']} → {p['to']} ({p['mode']})"
        p["color"] = _COLOURS.get(p["role"], "#7f8c8d")
    return fc


def _write(out: Path, stem: str, fc: dict[str, Any], title: str) -> tuple[Path, Path]:
    from corredor.plot import plot_routes

    geojson = out / f"{stem}.geojson"
    geojson.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    return geojson, plot_routes(fc, out / f"{stem}.png", title=title, labels=False)


@app.command("demo")
def demo_cmd(
    out: Annotated[Path, typer.Option("--out", help="Directory for the GeoJSON and PNG")] = Path(
        "demo-out"
    ),
) -> None:
    """The Chancay headline (with vs. without), catchment, e-commerce case; maps to --out."""
    from corredor.planner import catchment, compare, plan
    from corredor.planner.geometry import comparison_geojson

    out.mkdir(parents=True, exist_ok=True)
    with Progress(console=stdout, transient=True) as bar:
        task = bar.add_task("routing, planning, mapping", total=5)
        routes = gateway_routes()
        bar.advance(task)
        headline = compare(
            HEADLINE["origin"],
            HEADLINE["destination"],
            commodity=HEADLINE["commodity"],
            controlled_atmosphere=True,
        )
        bar.advance(task)
        rows = catchment(DEMO_DESTINATION)
        bar.advance(task)
        parcels = plan(
            ECOMMERCE["origin"], ECOMMERCE["destination"], commodity=ECOMMERCE["commodity"]
        )
        bar.advance(task)
        fc = {"type": "FeatureCollection", "features": [r.to_feature() for r in routes]}
        written = [
            _write(out, "routes_to_shanghai", fc, "Latin America → Shanghai by sea"),
            _write(
                out,
                "headline_itineraries",
                _styled(comparison_geojson(headline)),
                "Trujillo blueberries → Shanghai: with (red) vs. without Chancay",
            ),
        ]
        bar.advance(task)
    stdout.print(_routes_table(routes))
    stdout.rule("Headline: Trujillo blueberries → Shanghai (reefer, controlled atmosphere)")
    for part in comparison_tables(headline):
        stdout.print(part)
    stdout.print(catchment_table(rows, DEMO_DESTINATION))
    stdout.print(itinerary_table(parcels, "E-commerce: Xiamen → São Paulo (apparel, 1 TEU)"))
    for geojson, png in written:
        stdout.print(f"wrote {geojson} and {png}")
