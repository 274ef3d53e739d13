"""Gateway waiting time as a function of the volume assigned to it.

Chancay and Callao use the port simulation's curves
(:class:`corredor.portsim.PortDelayModel`, metric ``mean_wait_h``); other
listed gateways a BPR-style function ``w0 (1 + alpha (V/C)^beta)`` (Bureau
of Public Roads, 1964) with the sourced or assumed figures of
``data/impact/gateways.csv``; unlisted gateways are uncongested. ``V`` is
the background traffic (trades outside the flow table) plus the assigned
TEU/yr.

Beyond the largest stable simulated throughput the queue has no steady
state; the curve is continued as ``h_max (V / V_max)^8`` so that the
equilibrium stays defined, and the gateway is flagged ``over_capacity``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from corredor.errors import DataError
from corredor.impact.scenario import CHANCAY
from corredor.reference import optional_float, read_table

__all__ = ["GatewayCurves", "gateway_curves", "gateway_rows"]

FloatArray = NDArray[np.float64]
_TABLE = "impact/gateways.csv"
#: exponent of the continuation beyond the last stable simulated point
OVERLOAD_EXPONENT = 8.0


@cache
def gateway_rows() -> dict[str, dict[str, str]]:
    """Rows of ``data/impact/gateways.csv`` by UN/LOCODE (``DEFAULT`` included)."""
    rows = {r["locode"].strip().upper(): r for r in read_table(_TABLE)}
    if "DEFAULT" not in rows:
        raise DataError(f"{_TABLE}: missing DEFAULT row")
    return rows


@dataclass(frozen=True, eq=False)
class GatewayCurves:
    """Vectorised wait-time model of a fixed list of gateways.

    Attributes
    ----------
    gateways : tuple of str
    background_teu, capacity_teu : float arrays
        ``capacity_teu`` is NaN where unknown.
    kind : tuple of str
        ``curve``, ``bpr``, ``none`` or ``unlimited`` per gateway.
    points : tuple of (x, y) arrays or None
        Simulated curve points (TEU/yr, hours) for ``curve`` gateways.
    free_wait_h, alpha, beta : float arrays (BPR parameters)
    curve_names : tuple of str
    """

    gateways: tuple[str, ...]
    background_teu: FloatArray
    capacity_teu: FloatArray
    kind: tuple[str, ...]
    points: tuple[tuple[FloatArray, FloatArray] | None, ...]
    free_wait_h: FloatArray
    alpha: FloatArray
    beta: FloatArray
    curve_names: tuple[str, ...]

    def wait_hours(self, assigned_teu: FloatArray) -> FloatArray:
        """Mean vessel wait (h) at each gateway given the TEU/yr assigned to it."""
        v = self.background_teu + assigned_teu
        out = np.zeros(len(self.gateways))
        for i, kind in enumerate(self.kind):
            if kind == "curve":
                pts = self.points[i]
                if pts is None:  # pragma: no cover - built together with kind
                    continue
                x, y = pts
                if v[i] <= x[-1]:
                    out[i] = float(np.interp(v[i], x, y))
                else:
                    out[i] = float(y[-1] * (v[i] / x[-1]) ** OVERLOAD_EXPONENT)
            elif kind == "bpr":
                ratio = v[i] / self.capacity_teu[i]
                out[i] = self.free_wait_h[i] * (1.0 + self.alpha[i] * ratio ** self.beta[i])
        return out

    def utilisation(self, assigned_teu: FloatArray) -> FloatArray:
        """(background + assigned) / capacity; NaN where the capacity is unknown."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray((self.background_teu + assigned_teu) / self.capacity_teu)

    def over_capacity(self, assigned_teu: FloatArray) -> list[bool]:
        """True where the volume exceeds the largest stable simulated throughput."""
        v = self.background_teu + assigned_teu
        out = []
        for i, kind in enumerate(self.kind):
            pts = self.points[i]
            out.append(kind == "curve" and pts is not None and bool(v[i] > pts[0][-1]))
        return out


def _curve_points(name: str) -> tuple[FloatArray, FloatArray]:
    from corredor.portsim import PortDelayModel

    model = PortDelayModel.packaged(name, "mean_wait_h")
    x = np.asarray([0.0, *model.teu_per_year])
    y = np.asarray([0.0, *model.hours])
    return x, y


def gateway_curves(gateways: Sequence[str], chancay_terminal: str) -> GatewayCurves:
    """The wait model of ``gateways`` for a scenario's Chancay terminal."""
    rows = gateway_rows()
    n = len(gateways)
    bg, cap = np.zeros(n), np.full(n, np.nan)
    w0, alpha, beta = np.zeros(n), np.zeros(n), np.zeros(n)
    kinds: list[str] = []
    points: list[tuple[FloatArray, FloatArray] | None] = []
    names: list[str] = []
    for i, g in enumerate(gateways):
        row = rows.get(g.upper(), rows["DEFAULT"])
        curve = row["curve"].strip()
        if g.upper() == CHANCAY:
            curve = chancay_terminal
        bg[i] = optional_float(row, "background_teu_per_year", _TABLE) or 0.0
        c = optional_float(row, "capacity_teu_per_year", _TABLE)
        cap[i] = np.nan if c is None else c
        names.append(curve)
        if curve == "unlimited" or curve == "none":
            kinds.append("unlimited" if curve == "unlimited" else "none")
            points.append(None)
            if curve == "unlimited":
                cap[i] = np.inf
        elif curve == "bpr":
            kinds.append("bpr")
            points.append(None)
            w0[i] = optional_float(row, "free_wait_h", _TABLE) or 0.0
            alpha[i] = optional_float(row, "bpr_alpha", _TABLE) or 0.0
            beta[i] = optional_float(row, "bpr_beta", _TABLE) or 1.0
            if not (cap[i] > 0):
                raise DataError(f"{_TABLE}: {g} uses bpr without a capacity")
        else:
            kinds.append("curve")
            points.append(_curve_points(curve))
    return GatewayCurves(
        gateways=tuple(gateways),
        background_teu=bg,
        capacity_teu=cap,
        kind=tuple(kinds),
        points=tuple(points),
        free_wait_h=w0,
        alpha=alpha,
        beta=beta,
        curve_names=tuple(names),
    )
