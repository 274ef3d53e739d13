"""The Typer application object and the error boundary of the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from rich.console import Console

from corredor.errors import CorredorError

app = typer.Typer(
    name="corredor",
    help="Plan and evaluate the Latin America - Asia trade corridor around Chancay.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; a :class:`CorredorError` becomes one line on stderr and exit code 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app(args=args, prog_name="corredor", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except CorredorError as exc:
        stderr.print(f"error: {exc}", markup=False, highlight=False)
        return 2
    return 0
