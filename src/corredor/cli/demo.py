"""CLI command: demo (the headline comparison, a GeoJSON and a PNG map)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.sea import SeaRoute, sea_route

#: Latin American gateways compared against each other on the way to Shanghai.
DEMO_GATEWAYS = ("PECHY", "PECLL", "BRSSZ", "COCTG", "MXZLO", "CLVAP")
DEMO_DESTINATION = "CNSHA"
DEMO_SPEED_KN = 17.0


def gateway_routes(
    gateways: tuple[str, ...] = DEMO_GATEWAYS, destination: str = DEMO_DESTINATION
) -> list[SeaRoute]:
    """The demo's routes, one per gateway, at the demo speed."""
    return [sea_route(g, destination, speed_kn=DEMO_SPEED_KN) for g in gateways]


@app.command("demo")
def demo_cmd(
    out: Annotated[Path, typer.Option("--out", help="Directory for the GeoJSON and PNG")] = Path(
        "demo-out"
    ),
) -> None:
    """Compare Latin American gateways to Shanghai; write a GeoJSON and a PNG map."""
    from corredor.plot import plot_routes

    routes = gateway_routes()
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
    stdout.print(t)
    out.mkdir(parents=True, exist_ok=True)
    fc = {"type": "FeatureCollection", "features": [r.to_feature() for r in routes]}
    geojson = out / "routes_to_shanghai.geojson"
    geojson.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    png = plot_routes(fc, out / "routes_to_shanghai.png", title="Latin America → Shanghai by sea")
    stdout.print(f"wrote {geojson} and {png}")
