"""GeoJSON of itineraries: one feature per moving leg, lengths agree with the legs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from corredor.cli._app import main
from corredor.geo import haversine_km
from corredor.planner import compare, plan
from corredor.planner.geometry import comparison_geojson, itineraries_geojson, leg_coordinates
from corredor.reference import load_ports


def _length_km(coords: np.ndarray) -> float:
    lon, lat = coords[:, 0], coords[:, 1]
    return float(np.sum(haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])))


def test_one_feature_per_moving_leg_and_valid_coordinates() -> None:
    its = plan("Trujillo, PE", "CNSHA", commodity="blueberries")
    fc = itineraries_geojson(its)
    moving = [leg for it in its for leg in it.legs if leg.distance_km > 0]
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == len(moving)
    for f in fc["features"]:
        geom = f["geometry"]
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for line in lines:
            arr = np.asarray(line)
            assert np.all(np.abs(arr[:, 0]) <= 180) and np.all(np.abs(arr[:, 1]) <= 90)


def test_sea_geometry_goes_through_every_call_and_matches_the_leg_distance() -> None:
    c = compare("Trujillo, PE", "CNSHA", commodity="blueberries")
    ports = load_ports()
    for it in (c.with_, c.without):
        for leg in it.legs:
            if leg.mode != "sea":
                continue
            coords = leg_coordinates(leg)
            assert coords is not None
            assert _length_km(coords) == pytest.approx(leg.distance_km, rel=0.01)
            start, end = ports[leg.origin], ports[leg.destination]
            assert haversine_km(coords[0, 1], coords[0, 0], start.lat, start.lon) < 5
            assert haversine_km(coords[-1, 1], coords[-1, 0], end.lat, end.lon) < 5


def test_comparison_roles_and_cli(capsys: pytest.CaptureFixture[str]) -> None:
    c = compare("Trujillo, PE", "CNSHA", commodity="blueberries")
    roles = {f["properties"]["role"] for f in comparison_geojson(c)["features"]}
    assert roles == {"with", "without"}
    args = ["compare", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries"]
    assert main([*args, "--format", "geojson"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {f["properties"]["role"] for f in out["features"]} == {"with", "without"}
    assert main(["plan", *args[1:], "--format", "geojson"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"


def test_unroutable_intermediate_call_falls_back_like_the_distance() -> None:
    # ONE SX1 calls Navegantes (BRNVT), a river port without sea access on the network
    for it in plan("Sorriso", "CNSHA", commodity="soybeans"):
        for leg in it.legs:
            if leg.mode == "sea":
                coords = leg_coordinates(leg)
                assert coords is not None
                assert _length_km(coords) == pytest.approx(leg.distance_km, rel=0.01)
