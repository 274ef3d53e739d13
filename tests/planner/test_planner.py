"""Tests of the door-to-port planner."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.errors import InvalidInputError, NoRouteError, UnknownCodeError
from corredor.planner import Itinerary, compare, plan
from corredor.services import direct_options, services_in_force, transshipment_options

DOCS = Path(__file__).resolve().parents[2] / "docs" / "planner.md"


@pytest.fixture(scope="module")
def blueberries() -> list[Itinerary]:
    return plan("Trujillo, PE", "CNSHA", commodity="blueberries")


def test_legs_sum_to_totals(blueberries: list[Itinerary]) -> None:
    for it in blueberries:
        d = it.to_dict()
        for key, leg_key in (
            ("total_days", "days"),
            ("cost_usd", "cost_usd"),
            ("co2e_kg", "co2e_kg"),
        ):
            assert d[key] == pytest.approx(sum(leg[leg_key] for leg in d["legs"]))
        assert {"mode", "from", "to", "distance_km", "days"} <= set(d["legs"][0])
        assert d["gateway"] == it.gateway


def test_pareto_property() -> None:
    its = plan("Sorriso", "CNSHA", commodity="soybeans", direct_sailing_kn=14)
    assert [i.total_days for i in its] == sorted(i.total_days for i in its)
    for a in its:
        for b in its:
            if a is b:
                continue
            dominated = (
                b.total_days <= a.total_days
                and b.cost_usd <= a.cost_usd
                and b.co2e_kg <= a.co2e_kg
                and (b.total_days, b.cost_usd, b.co2e_kg) != (a.total_days, a.cost_usd, a.co2e_kg)
            )
            assert not dominated


def _best_port_to_port(pols: list[str], excluded: set[str]) -> float:
    network = services_in_force(excluded)
    days = [
        o.transit_days
        for pol in pols
        for o in direct_options(pol, "CNSHA", services=network, reefer=True)
        if not excluded & set(o.intermediate_calls)
    ] + [
        t.total_days
        for pol in pols
        for t in transshipment_options(pol, "CNSHA", services=network, reefer=True)
        if not excluded & {t.hub, *t.first.intermediate_calls, *t.second.intermediate_calls}
    ]
    return min(days)


def test_compare_matches_service_data() -> None:
    c = compare("Trujillo, PE", "CNSHA", commodity="blueberries")
    assert c.with_.gateway == "PECHY"
    assert "PECHY" not in {leg.origin for leg in c.without.legs}
    gateways = ["PECLL", "PEPAI", "PESVY"]
    expected_without = _best_port_to_port(gateways, {"PECHY"})
    assert c.without.port_to_port_days == pytest.approx(expected_without)
    assert c.with_.port_to_port_days == pytest.approx(_best_port_to_port(["PECHY"], set()))
    assert sum(r[3] for r in c.rows) == pytest.approx(c.days_saved)


def test_headline_chancay_saves_7_to_13_days_port_to_port() -> None:
    c = compare("Trujillo, PE", "CNSHA", commodity="blueberries")
    assert 7 <= c.port_to_port_days_saved <= 13
    # derived from the rotations: WSA5 Chancay -> Shanghai is a published 23 d; without
    # Chancay the WSA3 loop calls Callao again (its pre-December-2024 version)
    assert c.with_.port_to_port_days == pytest.approx(23.0)
    used = {s for leg in c.without.legs for s in leg.source_ids}
    assert "COSCO_WSA5" not in used
    assert "COSCO_WSA3" not in used


def test_counterfactual_restores_the_callao_version_of_wsa3() -> None:
    current = services_in_force()
    assert "COSCO_WSA3" in current and "COSCO_WSA3_CALLAO" not in current
    without = services_in_force({"PECHY"})
    assert "COSCO_WSA3_CALLAO" in without and "COSCO_WSA3" not in without
    assert without["COSCO_WSA3_CALLAO"].calls_at("PECLL")
    # services created for Chancay keep their rotation (legs through PECHY are skipped)
    assert without["COSCO_WSA5"] is current["COSCO_WSA5"]


def test_co2e_recomputed_from_factor_table(blueberries: list[Itinerary]) -> None:
    it = blueberries[0]
    path = Path(__file__).resolve().parents[2] / "src/corredor/data/planner/emission_factors.csv"
    with path.open(encoding="utf-8") as fh:
        rows = {r["factor_id"]: float(r["value"]) for r in csv.DictReader(fh)}
    truck = rows["desnz2025_hgv_reefer_artic_33t_wtw"]  # kg/t-km, WTW
    sea = rows["glec3_container_avg_reefer_lead"]  # kg/TEU-km, WTW
    terminal = rows["lead_container_terminal"]  # kg/TEU
    tonnes = 7.5
    expected = 0.0
    for leg in it.legs:
        if leg.mode == "truck":
            expected += truck * tonnes * leg.distance_km
        elif leg.mode == "sea":
            expected += sea * 1 * leg.distance_km
        elif leg.component in ("port_dwell", "hub_connection", "destination_port"):
            expected += terminal * 1
    assert it.co2e_kg == pytest.approx(expected, rel=1e-9)


def test_exclude_chancay(blueberries: list[Itinerary]) -> None:
    assert any(i.gateway == "PECHY" for i in blueberries)
    its = plan("Trujillo, PE", "CNSHA", commodity="blueberries", exclude=["PECHY"])
    for it in its:
        assert "PECHY" not in {x for leg in it.legs for x in (leg.origin, leg.destination)}


def test_perishables_flagged_not_dropped(blueberries: list[Itinerary]) -> None:
    assert blueberries and not any(i.arrives_sellable for i in blueberries)
    ca = plan("Trujillo, PE", "CNSHA", commodity="blueberries", controlled_atmosphere=True)
    assert ca[0].arrives_sellable and ca[0].remaining_shelf_life_days > 0


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"origin": "Trujilo, PX"}, UnknownCodeError, "origin"),
        ({"destination": "CNSHX"}, UnknownCodeError, "CNSHA"),
        ({"exclude": ["hovercraft"]}, UnknownCodeError, "exclude"),
        ({"max_days": 1}, NoRouteError, "max_days"),
        ({"exclude": ["sea"]}, NoRouteError, "exclude"),
        ({"direct_sailing_kn": 14}, InvalidInputError, "bulk"),
    ],
)
def test_errors(kwargs: dict[str, object], error: type[Exception], pattern: str) -> None:
    args: dict[str, object] = {"origin": "Trujillo, PE", "destination": "CNSHA"}
    args.update(kwargs)
    with pytest.raises(error, match=pattern):
        plan(str(args.pop("origin")), str(args.pop("destination")), commodity="blueberries", **args)  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(
    bad=st.one_of(
        st.floats(max_value=0),
        st.just(math.nan),
        st.just(math.inf),
        st.booleans(),
        st.text(max_size=3),
    ),
    which=st.sampled_from(["teu", "max_days"]),
)
def test_bad_numbers_rejected(bad: object, which: str) -> None:
    with pytest.raises(InvalidInputError, match=which):
        plan("Trujillo, PE", "CNSHA", commodity="blueberries", **{which: bad})  # type: ignore[arg-type]


def test_docs_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(DOCS), "exec"), {})
