"""Air, sea and sea-air: the e-commerce case Xiamen -> São Paulo, and inland destinations."""

from __future__ import annotations

import csv
import math
from itertools import pairwise
from pathlib import Path

import pytest

from corredor.errors import NoRouteError, UnknownCodeError
from corredor.geo import haversine_km
from corredor.planner import Itinerary, plan

DATA = Path(__file__).resolve().parents[2] / "src/corredor/data/planner"


def _kind(it: Itinerary) -> str:
    modes = {leg.mode for leg in it.legs}
    return "sea-air" if {"sea", "air"} <= modes else "air" if "air" in modes else "sea"


@pytest.fixture(scope="module")
def ecommerce() -> list[Itinerary]:
    return plan("CNXMN", "São Paulo", commodity="apparel")


def test_air_sea_and_sea_air_all_on_the_pareto_front(ecommerce: list[Itinerary]) -> None:
    kinds = [_kind(it) for it in ecommerce]
    assert {"air", "sea", "sea-air"} <= set(kinds)
    fastest, cheapest = ecommerce[0], min(ecommerce, key=lambda i: i.cost_usd)
    assert _kind(fastest) == "air" and _kind(cheapest) == "sea"
    sea_air = next(i for i in ecommerce if _kind(i) == "sea-air")
    assert fastest.total_days < sea_air.total_days < cheapest.total_days
    assert fastest.cost_usd > sea_air.cost_usd > cheapest.cost_usd


def test_every_itinerary_ends_at_the_door(ecommerce: list[Itinerary]) -> None:
    for it in ecommerce:
        assert it.legs[-1].destination == "sao_paulo"
        assert it.total_days == pytest.approx(math.fsum(leg.days for leg in it.legs))


def test_air_leg_recomputed_from_the_tables(ecommerce: list[Itinerary]) -> None:
    air = next(i for i in ecommerce if _kind(i) == "air")
    (flight,) = [leg for leg in air.legs if leg.mode == "air"]
    with (DATA / "airports.csv").open(encoding="utf-8") as fh:
        ap = {r["iata"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}
    stops = [flight.origin, *flight.stops, flight.destination]
    assert stops == ["XMN", "ADD", "GRU"]
    km = sum(haversine_km(*ap[a], *ap[b]) for a, b in pairwise(stops))
    assert flight.distance_km == pytest.approx(km, rel=1e-9)
    with (DATA / "air_rates.csv").open(encoding="utf-8") as fh:
        rate = next(float(r["usd_per_kg_low"]) for r in csv.DictReader(fh) if r["lane"] == "CN-BR")
    assert flight.cost_usd == pytest.approx(rate * 5.6 * 1000)


def test_excluding_modes(ecommerce: list[Itinerary]) -> None:
    no_air = plan("CNXMN", "São Paulo", commodity="apparel", exclude=["air"])
    assert {_kind(i) for i in no_air} == {"sea"}
    no_sea = plan("CNXMN", "São Paulo", commodity="apparel", exclude=["sea"])
    assert {_kind(i) for i in no_sea} == {"air"}
    no_dubai = plan("CNXMN", "São Paulo", commodity="apparel", exclude=["AEJEA"])
    assert "sea-air" not in {_kind(i) for i in no_dubai}
    with pytest.raises(NoRouteError):
        plan("CNXMN", "São Paulo", commodity="apparel", exclude=["air", "sea"])


def test_inland_destination_adds_land_legs_from_the_import_port() -> None:
    its = plan("CNXMN", "São Paulo", commodity="apparel", exclude=["air"])
    for it in its:
        ports = [leg for leg in it.legs if leg.component == "destination_port"]
        assert len(ports) == 1
        tail = it.legs[it.legs.index(ports[0]) + 1 :]
        assert tail and all(leg.component == "land" for leg in tail)


def test_unknown_destination_port_code_has_close_matches() -> None:
    with pytest.raises(UnknownCodeError, match="CNSHA"):
        plan("CNXMN", "CNSHX", commodity="apparel")
    with pytest.raises(UnknownCodeError, match="destination"):
        plan("CNXMN", "Sao Paolo de Nada", commodity="apparel")


def test_every_packaged_place_plans_or_says_why() -> None:
    from corredor.land import load_land_network

    messages = []
    for node in load_land_network().nodes:
        try:
            its = plan(node.id, "CNSHA", commodity="coffee_green")
        except NoRouteError as err:
            messages.append(str(err))
            continue
        assert its and all(math.isfinite(i.cost_usd) and i.cost_usd > 0 for i in its)
    assert all("CNSHA" in m for m in messages)


def test_direct_sailing_respects_the_vessel_draft() -> None:
    from corredor.errors import InvalidInputError

    def sailings(draft: float | None) -> list[Itinerary]:
        its = plan(
            "Sorriso", "CNSHA", commodity="soybeans", direct_sailing_kn=14, max_draft_m=draft
        )
        return [i for i in its if "direct sailing" in i.label]

    assert sailings(None)
    for it in sailings(15.5):  # deeper than the Panama Canal's 15.2 m
        assert all("panama" not in leg.detail for leg in it.legs if leg.mode == "sea")
    assert sailings(16.5) == []  # Shanghai's curated limit is 16 m: no direct sailing
    with pytest.raises(InvalidInputError, match="max_draft_m"):
        plan("Sorriso", "CNSHA", commodity="soybeans", max_draft_m=float("nan"))


def test_caribbean_colombia_reaches_asia_through_the_panama_canal() -> None:
    # ONE CX3 Cartagena -> Manzanillo (Panama), then ONE EC2 through the canal to Asia
    its = plan("Pereira", "CNSHA", commodity="coffee_green", exclude=["COBUN"])
    ctg = [i for i in its if i.gateway == "COCTG"]
    assert ctg and all("PAMIT" in i.label and "ONE_EC2" in i.label for i in ctg)
    with pytest.raises(NoRouteError):
        plan("Pereira", "CNSHA", commodity="coffee_green", exclude=["COBUN", "panama"])
