"""run_impact on the packaged sample: conservation, savings, capacity, contract."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from corredor.errors import InvalidInputError, NoRouteError, UnknownCodeError
from corredor.impact import ImpactResult, load_impact_scenario, packaged_flows, run_impact
from corredor.impact.flows import FlowTable

CONTRACT = {
    "run_id",
    "scenario",
    "volumes_by_gateway",
    "diverted_teu",
    "days_saved_total",
    "usd_saved_total",
    "co2e_change_t",
    "converged",
}


@pytest.fixture(scope="module")
def phase1() -> ImpactResult:
    return run_impact("chancay-phase1", draws=8, seed=1, save=False)


def test_contract(phase1: ImpactResult) -> None:
    d = phase1.to_dict()
    assert set(d) >= CONTRACT
    assert set(d["volumes_by_gateway"]) == {"scenario", "baseline"}
    assert "PECHY" in d["volumes_by_gateway"]["scenario"]
    assert "PECHY" not in d["volumes_by_gateway"]["baseline"]
    assert d["converged"] is True
    assert set(d["intervals"]) >= {"diverted_teu", "days_saved_total", "co2e_change_t"}
    for iv in d["intervals"].values():
        assert iv["p05"] <= iv["p50"] <= iv["p95"]


def test_conservation_per_flow_and_gateway(phase1: ImpactResult) -> None:
    flows = packaged_flows()
    total = flows.total_teu
    for case in ("scenario", "baseline"):
        assert sum(phase1.volumes_by_gateway(case).values()) == pytest.approx(total, rel=1e-9)
    assert sum(r["teu"] for r in phase1.regions) == pytest.approx(total, rel=1e-12)
    np.testing.assert_allclose(phase1.flow_table["teu"], flows.teu)
    assert all(0.0 <= s <= 1.0 + 1e-12 for s in phase1.flow_table["diverted_share"])


def test_savings_sum_over_regions_to_totals(phase1: ImpactResult) -> None:
    for key in ("diverted_teu", "days_saved_total", "usd_saved_total", "co2e_change_t"):
        parts = math.fsum(r[key] for r in phase1.regions)
        assert parts == pytest.approx(phase1.metrics[key], rel=1e-12, abs=1e-9), key
    # per-flow figures add up to the totals too
    ft = phase1.flow_table
    days = math.fsum(
        t * (b - s)
        for t, b, s in zip(ft["teu"], ft["days_baseline"], ft["days_scenario"], strict=True)
    )
    assert days == pytest.approx(phase1.metrics["days_saved_total"], rel=1e-9)


def test_chancay_saves_time_for_peru(phase1: ImpactResult) -> None:
    regions = {r["origin_region"]: r for r in phase1.regions}
    assert regions["La Libertad"]["days_saved_total"] > 0
    assert regions["La Libertad"]["diverted_teu"] > 0
    # Chile's cherries keep San Antonio: nothing to divert
    assert regions["Maule"]["diverted_teu"] < 0.05 * regions["Maule"]["teu"]
    assert phase1.metrics["diverted_teu"] > 0 and phase1.metrics["days_saved_total"] > 0


def test_unlimited_chancay_takes_at_least_phase1_volume_on_the_sample(
    phase1: ImpactResult,
) -> None:
    unlimited = run_impact("chancay-unlimited", draws=0, seed=1, save=False)
    assert unlimited.metrics["chancay_teu"] >= phase1.metrics["chancay_teu"]
    assert unlimited.converged


def test_baseline_equals_its_own_counterfactual() -> None:
    r = run_impact("baseline", draws=0, save=False)
    assert r.volumes_by_gateway("scenario") == r.volumes_by_gateway("baseline")
    assert "PECHY" not in r.volumes_by_gateway("scenario")
    assert r.metrics["diverted_teu"] == 0 and r.metrics["days_saved_total"] == 0


def _scaled(factor: float) -> FlowTable:
    f = packaged_flows()
    return replace(f, teu=f.teu * factor, tonnes=f.tonnes * factor, value_usd=f.value_usd * factor)


def test_unlimited_chancay_takes_at_least_phase1_volume_under_congestion() -> None:
    flows = _scaled(40.0)  # pushes Chancay phase 1 past its largest stable throughput
    limited = run_impact("chancay-phase1", flows=flows, draws=0, save=False)
    unlimited = run_impact("chancay-unlimited", flows=flows, draws=0, save=False)
    chy_l = limited.volumes_by_gateway()["PECHY"]
    chy_u = unlimited.volumes_by_gateway()["PECHY"]
    assert chy_u >= chy_l
    assert chy_u > chy_l * 1.03  # congestion binds: the curve pushes volume away
    assert limited.converged and unlimited.converged
    gw = {g["locode"]: g for g in limited.gateways}
    assert gw["PECHY"]["wait_h_scenario"] > 24.0 and gw["PECHY"]["over_capacity"]
    assert limited.convergence["gap_scenario"] < limited.parameters["tolerance"]


def test_aon_assignment_converges() -> None:
    scen = replace(load_impact_scenario("chancay-phase1"), assignment="aon", draws=0)
    r = run_impact(scen, flows=_scaled(30.0), save=False)
    assert r.converged
    shares = np.asarray(r.flow_table["diverted_share"])
    assert np.all((shares >= -1e-12) & (shares <= 1 + 1e-12))


def test_scenarios_move_the_numbers() -> None:
    p1 = run_impact("chancay-phase1", draws=0, save=False)
    carbon = run_impact("carbon-price", draws=0, save=False)
    shock = run_impact("freight-shock", draws=0, save=False)

    def co2e_t(r: ImpactResult) -> float:
        ft = r.flow_table
        return math.fsum(
            t * c for t, c in zip(ft["teu"], ft["co2e_kg_per_teu_scenario"], strict=True)
        )

    # a carbon price shifts cargo to lower-emission itineraries
    assert co2e_t(carbon) < co2e_t(p1)
    assert carbon.metrics["chancay_teu"] != p1.metrics["chancay_teu"]
    assert shock.metrics["usd_saved_total"] != p1.metrics["usd_saved_total"]


def test_same_seed_same_result_other_seed_other_intervals() -> None:
    a = run_impact("chancay-phase1", draws=5, seed=7, save=False).to_dict()
    b = run_impact("chancay-phase1", draws=5, seed=7, save=False).to_dict()
    c = run_impact("chancay-phase1", draws=5, seed=8, save=False).to_dict()
    for d in (a, b, c):
        for key in ("run_id", "created_at"):
            d.pop(key)
    assert a == b
    assert a["intervals"] != c["intervals"]
    assert a["inputs_hash"] != c["inputs_hash"]


def test_bad_arguments() -> None:
    with pytest.raises(InvalidInputError):
        run_impact("chancay-phase1", seed=-1, save=False)
    with pytest.raises(InvalidInputError):
        run_impact("chancay-phase1", draws=-2, save=False)
    with pytest.raises(InvalidInputError):
        run_impact("chancay-phase1", scheduler="localhost:8786", save=False)
    with pytest.raises(UnknownCodeError):
        run_impact("chancay-phase3", save=False)


def test_unknown_origin_and_unroutable_flows_are_named() -> None:
    f = packaged_flows().take(slice(0, 2))
    bad = replace(f, origin=np.asarray(["Trujilo, PE", "Lima"]))
    with pytest.raises(UnknownCodeError) as info:
        run_impact("chancay-phase1", flows=bad, draws=0, save=False)
    assert info.value.argument == "flows.origin"
    bad = replace(f, commodity=np.asarray(["blueberry-jam", "blueberries"]))
    with pytest.raises(UnknownCodeError) as info:
        run_impact("chancay-phase1", flows=bad, draws=0, save=False)
    assert info.value.argument == "flows.commodity"
    far = replace(f, destination=np.asarray(["NLRTM", "CNSHA"]))
    with pytest.raises(NoRouteError, match="NLRTM"):
        run_impact("chancay-phase1", flows=far, draws=0, save=False)
