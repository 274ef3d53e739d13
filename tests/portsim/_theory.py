"""Queueing formulas written for the tests, independently of corredor.portsim."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats


def erlang_c_wait(lam: float, mu: float, c: int) -> float:
    """M/M/c mean wait in queue from the textbook sum (Kleinrock 1975, eq. 3.39)."""
    a = lam / mu
    rho = a / c
    head = sum(a**k / math.factorial(k) for k in range(c))
    tail = a**c / (math.factorial(c) * (1 - rho))
    p_wait = tail / (head + tail)
    return p_wait / (c * mu - lam)


def cosmetatos_wait(lam: float, mu: float, c: int) -> float:
    """Cosmetatos (1975) approximation for the M/D/c mean wait."""
    rho = lam / (c * mu)
    corr = (1 - rho) * (c - 1) * (math.sqrt(4 + 5 * c) - 2) / (16 * rho * c)
    return 0.5 * erlang_c_wait(lam, mu, c) * (1 + corr)


def mdc_wait(lam: float, mu: float, c: int, size: int = 400) -> float:
    """Exact M/D/c mean wait: power iteration on the chain N(t+D) = (N-c)+ + Poisson."""
    pois = stats.poisson.pmf(np.arange(size), lam / mu)
    p = np.zeros((size, size))
    for i in range(size):
        base = max(i - c, 0)
        p[i, base:] = pois[: size - base]
    p[:, -1] += 1 - p.sum(axis=1)  # keep rows stochastic after truncation
    pi = np.full(size, 1.0 / size)
    for _ in range(200_000):
        nxt = pi @ p
        if np.abs(nxt - pi).sum() < 1e-15:
            break
        pi = nxt
    return float(np.dot(np.maximum(np.arange(size) - c, 0), pi) / lam)
