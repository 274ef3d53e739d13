"""Output analysis: confidence intervals across replications and MSER-5 warm-up."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Estimate", "estimate", "json_safe", "mser5"]


@dataclass(frozen=True)
class Estimate:
    """Mean across replications with a Student-t confidence interval."""

    mean: float
    ci_low: float
    ci_high: float
    std: float
    n: int
    level: float = 0.95

    @property
    def half_width(self) -> float:
        """Half the confidence interval width."""
        return (self.ci_high - self.ci_low) / 2.0

    def to_dict(self) -> dict[str, float | int | None]:
        """Strict-JSON dictionary; NaN becomes ``None``."""
        return dict(json_safe(asdict(self)))


def json_safe(value: Any) -> Any:
    """Replace NaN/inf floats by ``None`` recursively (strict JSON)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def estimate(values: ArrayLike, level: float = 0.95) -> Estimate:
    """Mean and ``level`` confidence interval of independent replications.

    NaN values (a replication without the event measured) are left out; with
    fewer than two values the interval is NaN.
    """
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x)]
    n = int(x.size)
    if n == 0:
        nan = float("nan")
        return Estimate(nan, nan, nan, nan, 0, level)
    mean = float(x.mean())
    if n < 2:
        return Estimate(mean, float("nan"), float("nan"), float("nan"), n, level)
    std = float(x.std(ddof=1))
    from scipy import special  # deferred: importing it costs ~0.7 s

    half = float(special.stdtrit(n - 1, 0.5 + level / 2.0)) * std / math.sqrt(n)
    return Estimate(mean, mean - half, mean + half, std, n, level)


def mser5(series: ArrayLike) -> int:
    """MSER-5 truncation point (White 1997; Hoad, Robinson & Davies 2010).

    The series is averaged in batches of 5; the truncation ``d`` (in
    batches, at most half of them) minimises ``sum_{i>d} (Y_i - mean_d)^2 /
    (n - d)^2``. Returns the number of original observations to delete
    (a multiple of 5). NaN observations are dropped first.
    """
    y = np.asarray(series, dtype=np.float64)
    y = y[~np.isnan(y)]
    nb = y.size // 5
    if nb < 4:
        return 0
    batches = y[: nb * 5].reshape(nb, 5).mean(axis=1)
    # suffix sums give the tail mean and squared deviation for every d at once
    tail_n = np.arange(nb, 0, -1, dtype=np.float64)
    s1 = np.cumsum(batches[::-1])[::-1]
    s2 = np.cumsum(batches[::-1] ** 2)[::-1]
    sse = s2 - s1**2 / tail_n
    crit = sse / tail_n**2
    d = int(np.argmin(crit[: nb // 2 + 1]))
    return 5 * d
