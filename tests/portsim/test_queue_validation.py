"""The plain berth queue against queueing theory, and Little's law on every run."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.errors import InvalidInputError
from corredor.portsim import cosmetatos_wait, erlang_c_wait, mdc_wait, simulate_queue
from tests.portsim import _theory

MU = 0.15  # services per berth per hour: a ~6.7 h berth stay
BERTHS = 4


def _replicated(rho: float, service: str, reps: int, vessels: int) -> tuple[float, float]:
    lam = rho * BERTHS * MU
    waits = np.array(
        [
            simulate_queue(lam, MU, BERTHS, vessels, seed=s, service=service).mean_wait_h
            for s in range(reps)
        ]  # type: ignore[arg-type]
    )
    half = 2.0 * waits.std(ddof=1) / math.sqrt(reps)  # t(0.975, >=15) < 2.14; 2.0 is ~95 %
    return float(waits.mean()), float(half)


@pytest.mark.parametrize(
    ("rho", "reps", "vessels"), [(0.5, 16, 250_000), (0.7, 16, 300_000), (0.85, 24, 400_000)]
)
def test_mmc_mean_wait_within_2_percent_of_erlang_c(rho: float, reps: int, vessels: int) -> None:
    lam = rho * BERTHS * MU
    theory = _theory.erlang_c_wait(lam, MU, BERTHS)
    mean, half = _replicated(rho, "exponential", reps, vessels)
    assert half / theory < 0.02, "not enough replications for a 2 % CI"
    assert abs(mean / theory - 1) < 0.02


@pytest.mark.parametrize("rho", [0.5, 0.7, 0.85])
def test_mdc_mean_wait_matches_exact_and_cosmetatos(rho: float) -> None:
    lam = rho * BERTHS * MU
    exact = _theory.mdc_wait(lam, MU, BERTHS)
    mean, half = _replicated(rho, "deterministic", 8, 250_000)
    assert half / exact < 0.02
    assert abs(mean / exact - 1) < 0.02
    # Cosmetatos is a published approximation, within ~1 % for 4 servers
    assert abs(_theory.cosmetatos_wait(lam, MU, BERTHS) / exact - 1) < 0.02


@pytest.mark.parametrize("rho", [0.3, 0.5, 0.7, 0.85, 0.95])
@pytest.mark.parametrize("c", [1, 2, 4, 7])
def test_package_theory_agrees_with_test_formulas(rho: float, c: int) -> None:
    lam = rho * c * MU
    assert erlang_c_wait(lam, MU, c) == pytest.approx(_theory.erlang_c_wait(lam, MU, c), rel=1e-10)
    assert cosmetatos_wait(lam, MU, c) == pytest.approx(
        _theory.cosmetatos_wait(lam, MU, c), rel=1e-10
    )
    if rho <= 0.85:
        assert mdc_wait(lam, MU, c) == pytest.approx(_theory.mdc_wait(lam, MU, c), rel=1e-6)


def test_md1_is_pollaczek_khinchine() -> None:
    lam, mu = 0.6, 1.0
    assert mdc_wait(lam, mu, 1) == pytest.approx(lam / (2 * mu * (mu - lam)), rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    rho=st.floats(0.05, 0.95),
    c=st.integers(1, 6),
    n=st.integers(1, 3000),
    seed=st.integers(0, 2**32 - 1),
    service=st.sampled_from(["exponential", "deterministic"]),
)
def test_littles_law_holds_on_every_run(
    rho: float, c: int, n: int, seed: int, service: str
) -> None:
    r = simulate_queue(rho * c * MU, MU, c, n, seed=seed, service=service)  # type: ignore[arg-type]
    assert abs(r.little_residual) <= 1e-9 * max(1.0, r.mean_queue_length)
    assert r.mean_queue_length == pytest.approx(
        r.observed_arrival_rate * r.mean_wait_h, rel=1e-9, abs=1e-12
    )
    assert 0.0 <= r.utilisation <= 1.0 + 1e-12
    assert r.mean_time_in_system_h >= r.mean_wait_h


@settings(max_examples=60, deadline=None)
@given(
    lam=st.floats(0.01, 10),
    mu=st.floats(0.01, 10),
    c=st.integers(1, 8),
)
def test_unstable_queue_is_rejected_not_answered(lam: float, mu: float, c: int) -> None:
    if lam / (c * mu) >= 1:
        with pytest.raises(InvalidInputError, match="arrival_rate"):
            simulate_queue(lam, mu, c, 10)
    else:
        assert simulate_queue(lam, mu, c, 10).mean_wait_h >= 0


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"arrival_rate": float("nan")}, "arrival_rate"),
        ({"arrival_rate": -0.1}, "arrival_rate"),
        ({"service_rate": float("inf")}, "service_rate"),
        ({"service_rate": 0.0}, "service_rate"),
        ({"berths": 0}, "berths"),
        ({"vessels": 0}, "vessels"),
        ({"service": "erlang"}, "service"),
    ],
)
def test_bad_queue_input_names_the_argument(kwargs: dict[str, object], argument: str) -> None:
    args: dict[str, object] = {
        "arrival_rate": 0.5,
        "service_rate": 0.15,
        "berths": 4,
        "vessels": 10,
    }
    args.update(kwargs)
    with pytest.raises(InvalidInputError) as err:
        simulate_queue(**args)  # type: ignore[arg-type]
    assert err.value.argument == argument


def test_queue_is_reproducible() -> None:
    a = simulate_queue(0.5, 0.15, 4, 5000, seed=7)
    b = simulate_queue(0.5, 0.15, 4, 5000, seed=7)
    c = simulate_queue(0.5, 0.15, 4, 5000, seed=8)
    assert a == b
    assert a.mean_wait_h != c.mean_wait_h
