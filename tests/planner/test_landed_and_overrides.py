"""Landed cost per itinerary, cost overrides from a file, a user's land network."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from corredor.cli._app import main
from corredor.costs import CostParameters
from corredor.land import load_land_network, network_from_geojson, network_to_geojson
from corredor.planner import plan

DATA = Path(__file__).resolve().parents[2] / "src/corredor/data/planner"


def _row(table: str, **match: str) -> dict[str, str]:
    with (DATA / table).open(encoding="utf-8") as fh:
        return next(r for r in csv.DictReader(fh) if all(r[k] == v for k, v in match.items()))


def test_landed_cost_recomputed_from_the_tables() -> None:
    it = plan("Trujillo, PE", "CNSHA", commodity="blueberries", teu=2)[0]
    fob = float(_row("commodities.csv", commodity="blueberries")["value_usd_per_kg"])
    kg = 2 * float(_row("commodities.csv", commodity="blueberries")["tonnes_per_teu"]) * 1000
    rate = float(_row("tariffs.csv", hs_code="081040", exporter="PE")["rate_pct"])
    freight = it.cost_usd / kg
    cif = (fob + freight) * (1 + 0.3 / 100)
    assert it.landed_cost_usd_per_kg == pytest.approx(cif * (1 + rate / 100), rel=1e-9)
    assert "PE->CN" in it.landed_cost_basis


def test_cost_overrides_from_a_file(tmp_path: Path) -> None:
    base = plan("Trujillo, PE", "CNSHA", commodity="blueberries")[0]
    sea = next(leg for leg in base.legs if leg.mode == "sea")
    f = tmp_path / "costs.toml"
    f.write_text('sea_freight_usd_per_teu = { "PECHY-CNSHA" = 2500 }\n', encoding="utf-8")
    dear = plan(
        "Trujillo, PE", "CNSHA", commodity="blueberries", cost_params=CostParameters.from_file(f)
    )
    same = next(i for i in dear if i.label == base.label)
    assert same.cost_usd - base.cost_usd == pytest.approx(2500 - sea.cost_usd)
    assert same.total_days == base.total_days and same.co2e_kg == base.co2e_kg


def test_user_land_network_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "net.geojson"
    path.write_text(json.dumps(network_to_geojson(load_land_network())), encoding="utf-8")
    mine = network_from_geojson(path)
    a = plan("Trujillo, PE", "CNSHA", commodity="blueberries")
    b = plan("Trujillo, PE", "CNSHA", commodity="blueberries", land_network=mine)
    assert [i.label for i in a] == [i.label for i in b]
    assert [i.total_days for i in a] == pytest.approx([i.total_days for i in b])


def test_cli_bad_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries"]
    assert main([*args, "--costs", str(tmp_path / "missing.toml")]) == 2
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    assert main([*args, "--land-network", str(bad)]) == 2
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if line.strip()]) == 2


def _my_service_json(tmp_path: Path) -> Path:
    from datetime import date

    from corredor.services import Call, Service, to_dcsa

    mine = Service(
        service_id="MY_EXPRESS",
        name="A user's Callao - Shanghai express",
        operator="Example Line",
        frequency_days=7,
        calls=(Call("PECLL", 0.0), Call("CNSHA", 20.0)),
        round_trip_days=42,
        reefer=True,
        valid_from=date(2026, 1, 5),
        source="user file",
    )
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(to_dcsa([mine])), encoding="utf-8")
    return path


def test_user_services_from_dcsa(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from corredor.services import from_dcsa, load_services

    path = _my_service_json(tmp_path)
    table = {**load_services(), **from_dcsa(json.loads(path.read_text()), frequency_days=7)}
    its = plan("Trujillo, PE", "CNSHA", commodity="blueberries", services=table)
    assert its[0].gateway == "PECLL" and "MY_EXPRESS" in its[0].label
    args = ["plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries"]
    assert main([*args, "--services", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "MY_EXPRESS" in out["itineraries"][0]["label"]
