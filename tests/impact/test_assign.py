"""Assignment and equilibrium on hand-made choice sets (no planner): properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from corredor.impact.assign import DrawParams, FlowArrays, alternative_costs, shares
from corredor.impact.choice import Alternative, build_choice_set
from corredor.impact.congestion import gateway_curves
from corredor.impact.equilibrium import Settings, solve

costs = arrays(
    np.float64,
    st.tuples(st.integers(1, 20), st.integers(1, 6)),
    elements=st.floats(0, 1e5, allow_nan=False),
)


@given(costs, st.floats(1e-3, 1e4))
def test_logit_shares_sum_to_one(gen: np.ndarray, scale: float) -> None:
    s = shares(gen, method="logit", scale=scale)
    assert np.all(s >= 0)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-12)


@given(costs)
def test_logit_tends_to_all_or_nothing(gen: np.ndarray) -> None:
    # distinct costs per row so the cheapest alternative is unique
    gen = gen + np.arange(gen.shape[1]) * 1e-3 * (1 + np.abs(gen).max())
    aon = shares(gen, method="aon", scale=0.0)
    gaps = np.sort(gen, axis=1)
    min_gap = float(np.min(gaps[:, 1] - gaps[:, 0])) if gen.shape[1] > 1 else 1.0
    near = shares(gen, method="logit", scale=min_gap / 60.0)
    # the runner-up share is at most exp(-60) per alternative
    np.testing.assert_allclose(near, aon, atol=gen.shape[1] * math.exp(-50))


def test_unavailable_alternatives_get_nothing() -> None:
    gen = np.array([[1.0, np.inf, 3.0], [np.inf, 5.0, np.inf]])
    for method in ("aon", "logit"):
        s = shares(gen, method=method, scale=10.0)
        assert s[0, 1] == 0 and s[1, 0] == 0 and s[1, 2] == 0
        np.testing.assert_allclose(s.sum(axis=1), 1.0)


def _choice(n_groups: int, rng: np.random.Generator, gateways: list[str]) -> tuple:
    keys = [(f"o{g}", "CNSHA", "soybeans") for g in range(n_groups)]
    alts = []
    for _ in range(n_groups):
        k = int(rng.integers(1, 5))
        alts.append(
            [
                Alternative(
                    label=f"a{j}",
                    gateway=gateways[int(rng.integers(0, len(gateways)))],
                    days=float(rng.uniform(20, 50)),
                    cost_usd=float(rng.uniform(1000, 5000)),
                    sea_cost_usd=1500.0,
                    dwell_days=2.0,
                    co2e_kg=float(rng.uniform(1000, 9000)),
                    uses_chancay=False,
                    passages=("panama",) if j == 1 else (),
                )
                for j in range(k)
            ]
        )
    return keys, build_choice_set(keys, alts, ("panama",))


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 15),
    st.integers(1, 200),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["aon", "logit"]),
)
def test_conservation_for_random_flows(n_groups: int, n_flows: int, seed: int, method: str) -> None:
    rng = np.random.default_rng(seed)
    _, choice = _choice(n_groups, rng, ["PECLL", "BRSSZ", "CLSAI", "XXXXX"])
    flows = FlowArrays(
        group=rng.integers(0, n_groups, n_flows),
        teu=rng.lognormal(5, 2, n_flows),
        vot_usd_per_teu_day=rng.uniform(0, 300, n_flows),
    )
    curves = gateway_curves(choice.gateways, "chancay-phase1")
    eq = solve(
        choice,
        flows,
        curves,
        DrawParams(),
        Settings(method, 200.0, 0.0, ((0.0, 0.0),), 50, 1e-6, chunk_size=17),
        choice.valid,
    )
    np.testing.assert_allclose(eq.flows.shares.sum(axis=1), 1.0, rtol=1e-9)
    assert np.all(eq.flows.shares[~choice.valid[flows.group]] == 0)
    assert eq.volumes.sum() == pytest.approx(flows.teu.sum(), rel=1e-9)


def test_passage_penalty_and_freight_multiplier_raise_costs() -> None:
    rng = np.random.default_rng(1)
    _, choice = _choice(3, rng, ["PECLL"])
    flows = FlowArrays(np.array([0, 1, 2]), np.ones(3), np.full(3, 100.0))
    wait = np.zeros(len(choice.gateways))
    kw = {"carbon_usd_per_t": 0.0, "valid": choice.valid}
    base = alternative_costs(choice, flows, wait, DrawParams(), penalties=((0.0, 0.0),), **kw)
    pen = alternative_costs(choice, flows, wait, DrawParams(), penalties=((5.0, 300.0),), **kw)
    used = choice.passage_used[0][flows.group] & base.valid
    assert used.any()
    np.testing.assert_allclose(pen.money_usd[used] - base.money_usd[used], 300.0)
    np.testing.assert_allclose(pen.days[used] - base.days[used], 5.0)
    np.testing.assert_array_equal(pen.money_usd[~used], base.money_usd[~used])
    shock = alternative_costs(
        choice, flows, wait, DrawParams(freight=2.0), penalties=((0.0, 0.0),), **kw
    )
    np.testing.assert_allclose((shock.money_usd - base.money_usd)[base.valid], 1500.0)


def test_congestion_curve_rises_and_continues_past_the_last_point() -> None:
    curves = gateway_curves(["PECHY", "BRSSZ", "ZZZZZ"], "chancay-phase1")
    low = curves.wait_hours(np.array([0.0, 0.0, 0.0]))
    high = curves.wait_hours(np.array([9e5, 2e6, 5e6]))
    assert np.all(high >= low)
    assert high[0] > low[0] and high[1] > low[1] and high[2] == 0.0
    assert curves.over_capacity(np.array([2e6, 0.0, 0.0]))[0]
    unlimited = gateway_curves(["PECHY"], "unlimited")
    assert unlimited.wait_hours(np.array([1e8]))[0] == 0.0
