"""corredor: plan and evaluate the Latin America - Asia trade corridor around Chancay."""

from __future__ import annotations

from corredor.errors import (
    CorredorError,
    DataError,
    InvalidInputError,
    NoRouteError,
    UnknownCodeError,
    UnknownPortError,
)

__version__ = "0.1.0"

__all__ = [
    "CorredorError",
    "DataError",
    "InvalidInputError",
    "NoRouteError",
    "UnknownCodeError",
    "UnknownPortError",
    "__version__",
]
