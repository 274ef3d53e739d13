"""Closed-form and numerical queueing results used to validate the simulation.

Rates are per hour; times in hours.
"""

from __future__ import annotations

import math

import numpy as np

from corredor.errors import InvalidInputError

__all__ = ["cosmetatos_wait", "erlang_c_wait", "mdc_wait"]


def _check(arrival_rate: float, service_rate: float, servers: int) -> float:
    for name, value in (("arrival_rate", arrival_rate), ("service_rate", service_rate)):
        if not (math.isfinite(value) and value > 0):
            raise InvalidInputError(name, "a finite rate > 0 per hour", value)
    if servers < 1:
        raise InvalidInputError("servers", "an integer >= 1", servers)
    rho = arrival_rate / (servers * service_rate)
    if rho >= 1.0:
        raise InvalidInputError("arrival_rate", "utilisation lambda/(c*mu) < 1", round(rho, 6))
    return rho


def erlang_c_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean waiting time in queue of M/M/c (Erlang C), hours.

    Uses the numerically stable Erlang B recursion
    ``B(k) = a B(k-1) / (k + a B(k-1))`` and
    ``C = B / (1 - rho (1 - B))``, ``Wq = C / (c mu - lambda)``.
    """
    rho = _check(arrival_rate, service_rate, servers)
    a = arrival_rate / service_rate
    b = 1.0
    for k in range(1, servers + 1):
        b = a * b / (k + a * b)
    c_prob = b / (1.0 - rho * (1.0 - b))
    return c_prob / (servers * service_rate - arrival_rate)


def cosmetatos_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Cosmetatos (1975) approximation of the M/D/c mean wait, hours.

    ``Wq(M/D/c) ~ 0.5 Wq(M/M/c) [1 + (1-rho)(c-1)(sqrt(4+5c) - 2) / (16 rho c)]``
    (G. P. Cosmetatos, INFOR 13(3), 1975); exact for c = 1.
    """
    rho = _check(arrival_rate, service_rate, servers)
    c = servers
    corr = (1.0 - rho) * (c - 1) * (math.sqrt(4.0 + 5.0 * c) - 2.0) / (16.0 * rho * c)
    return 0.5 * erlang_c_wait(arrival_rate, service_rate, servers) * (1.0 + corr)


def mdc_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Exact mean waiting time of M/D/c, hours.

    With constant service ``D`` every customer in service at ``t`` has left by
    ``t + D`` and every waiting one is still there, so the number in system
    obeys ``N(t+D) = max(N(t) - c, 0) + A`` with ``A ~ Poisson(lambda D)`` for
    any ``t`` (Crommelin 1932; Tijms, *A First Course in Stochastic Models*,
    2003, sec. 5.2). The stationary law of this chain is the time-average law
    of ``N``; ``Wq = E[(N - c)+] / lambda`` by Little's law.
    """
    rho = _check(arrival_rate, service_rate, servers)
    c = servers
    mean_a = arrival_rate / service_rate
    size = c + int(80.0 / (1.0 - rho)) + 50
    while True:
        k = np.arange(size, dtype=np.float64)
        from scipy import special  # deferred: importing it costs ~0.7 s

        pois = np.exp(k * math.log(mean_a) - mean_a - special.gammaln(k + 1.0))
        base = np.maximum(np.arange(size) - c, 0)
        # P[i, j] = P(A = j - base[i]); rows truncated at size.
        shift = np.arange(size)[None, :] - base[:, None]
        trans = np.where(shift >= 0, pois[np.clip(shift, 0, size - 1)], 0.0)
        system = trans.T - np.eye(size)
        system[-1, :] = 1.0
        rhs = np.zeros(size)
        rhs[-1] = 1.0
        p = np.linalg.solve(system, rhs)
        if p[-20:].sum() < 1e-13 or size > 6000:
            break
        size *= 2
    lq = float(np.sum(np.maximum(np.arange(size) - c, 0) * p))
    return lq / arrival_rate
