"""Command-line interface: a thin layer that parses input and formats output.

Each command group lives in its own module and registers itself on the shared
Typer app when imported here.
"""

from __future__ import annotations

import sys

from corredor.cli import demo as _demo  # noqa: F401  (registers commands)
from corredor.cli import impact as _impact  # noqa: F401
from corredor.cli import plan as _plan  # noqa: F401
from corredor.cli import ports as _ports  # noqa: F401
from corredor.cli import route as _route  # noqa: F401
from corredor.cli import runs as _runs  # noqa: F401
from corredor.cli import serve as _serve  # noqa: F401
from corredor.cli import simulate as _simulate  # noqa: F401
from corredor.cli import sources as _sources  # noqa: F401
from corredor.cli._app import app
from corredor.cli._app import main as _main

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    sys.exit(_main())
