"""Small shared input checks that raise :class:`InvalidInputError`."""

from __future__ import annotations

import math

from corredor.errors import InvalidInputError


def finite_in_range(value: object, argument: str, lo: float, hi: float, expected: str) -> float:
    """``value`` as a float in the half-open range (lo, hi], else InvalidInputError."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInputError(argument, expected, value) from None
    if not (math.isfinite(v) and lo < v <= hi):
        raise InvalidInputError(argument, expected, value)
    return v


def finite_non_negative(
    value: object, argument: str, expected: str = "a finite number >= 0"
) -> float:
    """``value`` as a float >= 0; bools, non-numbers, NaN and infinities are rejected."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(argument, expected, value)
    if not math.isfinite(value) or value < 0:
        raise InvalidInputError(argument, expected, value)
    return float(value)
