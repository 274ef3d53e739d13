"""CLI commands: ports search / ports show."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.cli._output import TableFormat, print_json
from corredor.errors import InvalidInputError
from corredor.reference import Port, load_ports

ports_app = typer.Typer(help="Search and show seaports (UN/LOCODE).", no_args_is_help=True)
app.add_typer(ports_app, name="ports")


def _table(ports: list[Port], title: str) -> Table:
    t = Table(title=title)
    for col in ("LOCODE", "name", "country", "lat", "lon", "max draft m", "source"):
        t.add_column(col)
    for p in ports:
        draft = "—" if p.max_draft_m is None else f"{p.max_draft_m:g}"
        t.add_row(p.locode, p.name, p.country, f"{p.lat:.4f}", f"{p.lon:.4f}", draft, p.source[:60])
    return t


@ports_app.command("search")
def search_cmd(
    text: Annotated[str, typer.Argument(help="Part of a port name or code")],
    limit: Annotated[int, typer.Option("--limit", help="Maximum results")] = 10,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Find ports by name or UN/LOCODE (fuzzy)."""
    if not 1 <= limit <= 1000:
        raise InvalidInputError("--limit", "an integer in [1, 1000]", limit)
    found = load_ports().search(text, limit=limit)
    if fmt is TableFormat.json:
        print_json([asdict(p) for p in found])
    else:
        stdout.print(_table(found, f"ports matching {text!r}"))


@ports_app.command("show")
def show_cmd(
    locode: Annotated[str, typer.Argument(help="UN/LOCODE, e.g. PECHY")],
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Show one port with its source."""
    p = load_ports().get_port(locode, "locode")
    if fmt is TableFormat.json:
        print_json(asdict(p))
        return
    t = Table(show_header=False, title=f"{p.name} ({p.locode})")
    for k, v in asdict(p).items():
        t.add_row(k, "—" if v in (None, "") else str(v))
    stdout.print(t)
