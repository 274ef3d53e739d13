"""CLI command: sources (where every packaged number comes from)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from corredor.cli._app import app, stdout
from corredor.cli._output import TableFormat, print_json
from corredor.reference import list_sources


@app.command("sources")
def sources_cmd(
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
    full: Annotated[bool, typer.Option("--full", help="List every distinct source")] = False,
) -> None:
    """List the packaged data tables, their row counts, assumptions and sources."""
    summaries = list_sources()
    if fmt is TableFormat.json:
        print_json([asdict(s) for s in summaries])
        return
    t = Table(title="Packaged data and sources")
    for col in ("table", "rows", "assumptions", "distinct sources"):
        t.add_column(col, justify="left" if col in ("table", "distinct sources") else "right")
    for s in summaries:
        shown = "\n".join(s.sources) if full else f"{len(s.sources)}: {s.sources[0][:70]}"
        t.add_row(s.table, str(s.rows), str(s.assumption_rows), shown)
    stdout.print(t)
