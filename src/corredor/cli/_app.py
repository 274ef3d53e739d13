"""The Typer application object and the error boundary of the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from rich.console import Console
from typer._click.exceptions import ClickException, UsageError  # vendored click

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
        result = app(args=args, prog_name="corredor", standalone_mode=False)
    except UsageError as exc:
        if not exc.format_message():  # no_args_is_help: the help was the answer
            return 2
        # Typer's boxed usage message spans many lines; scripts want one.
        where = f" ({exc.ctx.command_path})" if exc.ctx else ""
        stderr.print(f"error{where}: {exc.format_message()}", markup=False, highlight=False)
        return 2
    except ClickException as exc:
        stderr.print(f"error: {exc.format_message()}", markup=False, highlight=False)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        stderr.print("error: aborted", markup=False, highlight=False)
        return 130
    except CorredorError as exc:
        stderr.print(f"error: {exc}", markup=False, highlight=False)
        return 2
    return result if isinstance(result, int) else 0
