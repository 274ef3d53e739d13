"""The one exception family of corredor.

Every error a user can cause derives from :class:`CorredorError`. Messages
name the argument, what was expected and what was given, so the CLI can print
them as one line (exit code 2) and the API can return them as a 4xx body.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CorredorError",
    "DataError",
    "InvalidInputError",
    "NoRouteError",
    "UnknownCodeError",
    "UnknownPortError",
]


class CorredorError(Exception):
    """Base class of every error corredor raises on purpose."""

    #: short machine-readable kind, used by the CLI and the API
    kind: str = "corredor_error"

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.argument = argument

    def to_dict(self) -> dict[str, str | None]:
        """JSON-able description of the error."""
        return {"error": self.kind, "argument": self.argument, "message": self.message}


class InvalidInputError(CorredorError, ValueError):
    """An argument has the wrong type, range or form."""

    kind = "invalid_input"

    def __init__(self, argument: str, expected: str, given: object) -> None:
        super().__init__(
            f"invalid {argument}: expected {expected}, got {given!r}", argument=argument
        )
        self.expected = expected
        self.given = given


class UnknownCodeError(CorredorError, KeyError):
    """A code (passage, commodity, mode ...) is not in the packaged tables."""

    kind = "unknown_code"

    def __init__(
        self, argument: str, given: str, close_matches: Sequence[str] = (), what: str = "code"
    ) -> None:
        hint = f"; did you mean {', '.join(close_matches)}?" if close_matches else ""
        super().__init__(f"unknown {what} for {argument}: {given!r}{hint}", argument=argument)
        self.given = given
        self.close_matches = list(close_matches)

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message


class UnknownPortError(UnknownCodeError):
    """A UN/LOCODE (or port name) that the port table does not hold."""

    kind = "unknown_port"

    def __init__(self, argument: str, given: str, close_matches: Sequence[str] = ()) -> None:
        super().__init__(argument, given, close_matches, what="port (UN/LOCODE)")


class NoRouteError(CorredorError):
    """No route satisfies the requested restrictions."""

    kind = "no_route"


class DataError(CorredorError):
    """A data file (packaged or user-supplied) is missing or malformed."""

    kind = "data_error"
