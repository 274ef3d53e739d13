"""Link to the planner: waiting time as a function of throughput.

:func:`wait_time_curve` sweeps the offered throughput with common random
numbers and returns a :class:`WaitCurve` table; :class:`PortDelayModel`
interpolates one of its columns so a planner can ask "how many hours does
a vessel spend at this port at X TEU/yr?". Curves for the packaged
terminals ship in ``corredor/data/terminals/wait_curves.json`` (built by
``scripts/build_wait_curves.py``, parameters recorded in the file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.portsim.experiment import resolve_scenario, simulate
from corredor.portsim.results import write_table
from corredor.portsim.scenario import Scenario
from corredor.portsim.stats import json_safe

__all__ = ["CURVE_METRICS", "PortDelayModel", "WaitCurve", "packaged_curves", "wait_time_curve"]

FloatArray = NDArray[np.float64]

#: metrics kept per sweep point, each with ``_ci_low`` / ``_ci_high`` columns
CURVE_METRICS = (
    "throughput_teu",
    "berth_utilisation",
    "crane_utilisation",
    "mean_wait_h",
    "p95_wait_h",
    "mean_turnaround_h",
    "yard_mean_utilisation",
    "yard_peak_utilisation",
)
_WAIT_METRICS = {"mean_wait_h", "p95_wait_h"}
_PACKAGED = "data/terminals/wait_curves.json"


@dataclass(frozen=True)
class WaitCurve:
    """Waiting time (and more) against offered throughput, with 95 % CIs.

    ``columns`` maps ``teu_per_year``, ``saturated`` (1.0 where berths are
    saturated: no steady state) and, for each of :data:`CURVE_METRICS`,
    ``name``, ``name_ci_low`` and ``name_ci_high`` to arrays.
    """

    scenario: str
    locode: str
    years: float
    replications: int
    seed: int
    warmup_days: float
    columns: dict[str, FloatArray]

    def to_dict(self) -> dict[str, Any]:
        """Strict-JSON dictionary, NaN as ``None`` (round-trips with :meth:`from_dict`)."""
        data = {
            "scenario": self.scenario,
            "locode": self.locode,
            "years": self.years,
            "replications": self.replications,
            "seed": self.seed,
            "warmup_days": self.warmup_days,
            "columns": {k: v.tolist() for k, v in self.columns.items()},
        }
        return dict(json_safe(data))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WaitCurve:
        """Rebuild a curve written by :meth:`to_dict`."""
        try:
            return cls(
                scenario=str(data["scenario"]),
                locode=str(data["locode"]),
                years=float(data["years"]),
                replications=int(data["replications"]),
                seed=int(data["seed"]),
                warmup_days=float(data["warmup_days"]),
                columns={k: np.asarray(v, dtype=np.float64) for k, v in data["columns"].items()},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"malformed wait curve: {exc!r}") from None

    def table(self) -> dict[str, Any]:
        """Columns with the scenario name, for Parquet/DuckDB."""
        n = self.columns["teu_per_year"].size
        return {"scenario": [self.scenario] * n, **self.columns}

    def to_parquet(self, path: str | Path) -> Path:
        """Write the curve table to Parquet."""
        return write_table(self.table(), path, "portsim_wait_curve")

    def to_duckdb(self, path: str | Path, table: str = "portsim_wait_curve") -> Path:
        """Write (replace) the curve table in a DuckDB file."""
        return write_table(self.table(), path, table)

    def delay_model(self, metric: str = "mean_turnaround_h") -> PortDelayModel:
        """Interpolating model of ``metric`` over the non-saturated points."""
        return PortDelayModel.from_curve(self, metric)


def wait_time_curve(
    scenario: Scenario | str | Path,
    throughputs: Sequence[float],
    *,
    years: float = 1.0,
    replications: int = 20,
    seed: int = 0,
    workers: int = 1,
    warmup_days: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> WaitCurve:
    """Simulate each offered throughput with the same seed (common random numbers).

    Parameters are those of :func:`corredor.portsim.simulate`;
    ``throughputs`` are offered TEU per year, in any order (sorted in the
    result).
    """
    scen = resolve_scenario(scenario)
    points = sorted(float(t) for t in throughputs)
    if not points:
        raise InvalidInputError("throughputs", "at least one throughput", list(throughputs))
    cols: dict[str, list[float]] = {"teu_per_year": [], "saturated": []}
    for name in CURVE_METRICS:
        for suffix in ("", "_ci_low", "_ci_high"):
            cols[name + suffix] = []
    warm = scen.warmup_days if warmup_days is None else warmup_days
    for teu in points:
        res = simulate(
            scen,
            teu_per_year=teu,
            years=years,
            replications=replications,
            seed=seed,
            workers=workers,
            warmup_days=warm,
            progress=progress,
        )
        summary = res.summary()
        cols["teu_per_year"].append(teu)
        cols["saturated"].append(float(any("saturated" in w for w in res.warnings)))
        for name in CURVE_METRICS:
            est = summary[name]
            cols[name].append(est.mean)
            cols[name + "_ci_low"].append(est.ci_low)
            cols[name + "_ci_high"].append(est.ci_high)
    return WaitCurve(
        scenario=scen.name,
        locode=scen.locode,
        years=float(years),
        replications=int(replications),
        seed=seed,
        warmup_days=float(warm),
        columns={k: np.asarray(v, dtype=np.float64) for k, v in cols.items()},
    )


@dataclass(frozen=True)
class PortDelayModel:
    """Hours at a port as a function of its throughput (TEU/yr), by interpolation.

    ``hours`` is made non-decreasing (running maximum): simulation noise
    aside, congestion does not fall as load grows. Below the first point,
    waiting metrics go linearly to 0 h at 0 TEU/yr and other metrics keep
    their first value; above the last (largest stable) point the model
    refuses, because the queue has no steady state there.

    Examples
    --------
    >>> model = PortDelayModel("PECHY", "mean_wait_h", (5e5, 1e6), (1.0, 6.0))
    >>> model(7.5e5)
    3.5
    """

    locode: str
    metric: str
    teu_per_year: tuple[float, ...]
    hours: tuple[float, ...]
    note: str = ""

    def __post_init__(self) -> None:
        x = np.asarray(self.teu_per_year, dtype=np.float64)
        y = np.asarray(self.hours, dtype=np.float64)
        if (
            x.size < 1
            or x.size != y.size
            or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y)))
        ):
            raise InvalidInputError("hours", "finite values, one per throughput", self.hours)
        if np.any(np.diff(x) <= 0) or x[0] <= 0:
            raise InvalidInputError(
                "teu_per_year", "positive increasing throughputs", self.teu_per_year
            )
        object.__setattr__(self, "hours", tuple(np.maximum.accumulate(y).tolist()))

    @property
    def max_teu_per_year(self) -> float:
        """Largest throughput the model answers for."""
        return self.teu_per_year[-1]

    def __call__(self, teu_per_year: float) -> float:
        """Hours at ``teu_per_year`` TEU/yr."""
        t = teu_per_year
        if not (isinstance(t, int | float) and math.isfinite(t) and t >= 0):
            raise InvalidInputError("teu_per_year", "a finite throughput >= 0", t)
        if t > self.max_teu_per_year * (1 + 1e-12):
            raise InvalidInputError(
                "teu_per_year",
                f"at most {self.max_teu_per_year:.4g} (largest stable simulated throughput "
                f"at {self.locode})",
                t,
            )
        x = list(self.teu_per_year)
        y = list(self.hours)
        if self.metric in _WAIT_METRICS:
            x, y = [0.0, *x], [0.0, *y]
        return float(np.interp(t, x, y))

    @classmethod
    def from_curve(cls, curve: WaitCurve, metric: str = "mean_turnaround_h") -> PortDelayModel:
        """Model ``metric`` (one of :data:`CURVE_METRICS`) over the curve's stable points."""
        if metric not in CURVE_METRICS:
            raise InvalidInputError("metric", f"one of {', '.join(CURVE_METRICS)}", metric)
        stable = curve.columns["saturated"] == 0.0
        if not np.any(stable):
            raise InvalidInputError("curve", "at least one non-saturated point", curve.scenario)
        note = (
            f"{curve.scenario}: {curve.replications} replications x {curve.years:g} yr, "
            f"seed {curve.seed}, warm-up {curve.warmup_days:g} d"
        )
        return cls(
            locode=curve.locode,
            metric=metric,
            teu_per_year=tuple(curve.columns["teu_per_year"][stable].tolist()),
            hours=tuple(curve.columns[metric][stable].tolist()),
            note=note,
        )

    @classmethod
    def packaged(cls, terminal: str, metric: str = "mean_turnaround_h") -> PortDelayModel:
        """Model from the curves shipped with corredor, by scenario name or UN/LOCODE.

        A UN/LOCODE picks the first packaged scenario of that port
        (``PECHY`` -> ``chancay-phase1``).
        """
        curves = packaged_curves()
        by_locode = {c.locode: c for c in reversed(list(curves.values()))}
        curve = curves.get(terminal) or by_locode.get(terminal.upper())
        if curve is None:
            import difflib

            names = sorted([*curves, *by_locode])
            raise UnknownCodeError(
                "terminal", terminal, difflib.get_close_matches(terminal, names), "terminal"
            )
        return cls.from_curve(curve, metric)


def packaged_curves() -> dict[str, WaitCurve]:
    """Wait curves shipped with corredor, by scenario name."""
    path = resources.files("corredor").joinpath(_PACKAGED)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: WaitCurve.from_dict(c) for name, c in data["curves"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read packaged wait curves: {exc!r}") from None
