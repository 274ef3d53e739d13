"""CLI command: serve (the HTTP API and the offline web page)."""

from __future__ import annotations

from typing import Annotated

import typer

from corredor.cli._app import app, stdout
from corredor.errors import InvalidInputError


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port")] = 8000,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="Allow browser calls from this origin (repeatable)"),
    ] = None,
    log_level: Annotated[str, typer.Option("--log-level")] = "warning",
) -> None:
    """Serve the HTTP API (/docs) and the offline web map (/) with the packaged data."""
    if not 0 <= port <= 65535:
        raise InvalidInputError("--port", "an integer in [0, 65535]", port)
    if log_level not in ("critical", "error", "warning", "info", "debug"):
        raise InvalidInputError("--log-level", "critical, error, warning, info or debug", log_level)
    import uvicorn

    from corredor.api import create_app

    application = create_app(cors_origins=tuple(cors_origin or ()), warm=True)
    shown = f"[{host}]" if ":" in host else host
    stdout.print(
        f"corredor serving on http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)",
        markup=False,
        highlight=False,
    )
    uvicorn.run(application, host=host, port=port, log_level=log_level)
