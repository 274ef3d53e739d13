"""iLEAP export of an itinerary: emissions add up, chain is linked, CLI prints it."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest

from corredor.cli._app import main
from corredor.commodities import get_commodity
from corredor.errors import InvalidInputError
from corredor.planner import plan
from corredor.planner.export import itinerary_ileap


@pytest.mark.parametrize(
    ("origin", "destination", "commodity"),
    [("Trujillo, PE", "CNSHA", "blueberries"), ("CNXMN", "São Paulo", "apparel")],
)
def test_tces_sum_to_the_itinerary_and_chain(origin: str, destination: str, commodity: str) -> None:
    item = get_commodity(commodity)
    for it in plan(origin, destination, commodity=commodity):
        doc = itinerary_ileap(it, commodity=item, teu=1, shipment_id="s1")
        tces = doc["shipmentFootprint"]["tces"]
        assert sum(float(t["co2eWTW"]) for t in tces) == pytest.approx(it.co2e_kg, rel=1e-4)
        assert all(float(t["co2eTTW"]) <= float(t["co2eWTW"]) for t in tces)
        for prev, tce in pairwise(tces):
            assert tce["prevTceIds"] == [prev["tceId"]]
        assert doc["shipmentFootprint"]["mass"] == f"{item.tonnes_per_teu * 1000:g}"


def test_bad_arguments() -> None:
    it = plan("Trujillo, PE", "CNSHA", commodity="blueberries")[0]
    item = get_commodity("blueberries")
    with pytest.raises(InvalidInputError, match="shipment_id"):
        itinerary_ileap(it, commodity=item, teu=1, shipment_id=" ")
    with pytest.raises(InvalidInputError, match="teu"):
        itinerary_ileap(it, commodity=item, teu=float("nan"), shipment_id="x")


def test_cli_ileap(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries"]
    assert main([*args, "--format", "ileap"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["shipmentFootprint"]["tces"]
