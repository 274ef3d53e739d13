"""Routing on the land network: connectivity, exclusions, tables, lookup, GeoJSON, docs."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.errors import InvalidInputError, NoRouteError, UnknownCodeError
from corredor.land import (
    LandRoute,
    load_land_network,
    network_from_geojson,
    network_to_geojson,
)

NET = load_land_network()
ROOT = Path(__file__).resolve().parents[2]

REQUIRED = [
    ("Trujillo, PE", ["PECHY", "PECLL", "PEPAI", "PESVY"]),
    ("Ica, PE", ["PECHY", "PECLL", "PEPAI", "PESVY"]),
    ("Piura, PE", ["PECHY", "PECLL", "PEPAI", "PESVY"]),
    ("Lambayeque", ["PECHY", "PECLL", "PEPAI", "PESVY"]),
    ("Sorriso", ["BRSSZ", "BRPNG", "BRITQ", "BRVLC", "BRSTM", "PECHY"]),
    ("Cuiabá", ["BRSSZ", "BRPNG", "BRITQ", "BRVLC", "BRSTM", "PECHY"]),
    ("Rondonópolis", ["BRSSZ", "BRPNG", "PECHY"]),
    ("Pereira", ["COBUN", "COCTG"]),
    ("Manizales", ["COBUN", "COCTG"]),
    ("Armenia, CO", ["COBUN", "COCTG"]),
    ("Buenos Aires, AR", ["ARBUE", "CLSAI"]),
    ("Rosario", ["ARBUE", "CLSAI"]),
    ("Córdoba, AR", ["ARBUE", "CLSAI"]),
    ("O'Higgins", ["CLSAI", "CLVAP"]),
    ("Curicó", ["CLSAI", "CLVAP"]),
    ("Los Ríos", ["ECGYE", "ECPSJ"]),
    ("Guayas bananas", ["ECGYE", "ECPSJ"]),
    ("Machala", ["ECGYE", "ECPSJ"]),
    ("São Paulo", ["BRSSZ"]),
    ("Mexico City", ["MXZLO", "MXLZC"]),
]


@pytest.mark.parametrize(("origin", "ports"), REQUIRED, ids=[o for o, _ in REQUIRED])
def test_required_pairs_connected(origin: str, ports: list[str]) -> None:
    t = NET.table([origin], [NET.port_node(p) for p in ports])
    assert np.isfinite(t.hours).all() and np.isfinite(t.distance_km).all()


def test_interoceanic_and_barge_corridors() -> None:
    r = NET.route("Sorriso", "PECHY", weight="distance")
    assert {"inapari", "assis_brasil", "rio_branco", "puerto_maldonado"} <= set(r.nodes)
    barge = NET.route("Miritituba", "BRVLC")
    assert barge.modes == ("barge",) and "santarem_port" in barge.nodes


def test_lima_chancay_about_80_km() -> None:
    r = NET.route("Lima", "Chancay", weight="distance")
    assert r.distance_km == pytest.approx(80, rel=0.15)


def test_legs_sum_to_totals_and_are_contiguous() -> None:
    r = NET.route("Córdoba, AR", "CLSAI")
    assert r.distance_km == pytest.approx(sum(leg.distance_km for leg in r.legs))
    assert r.hours == pytest.approx(sum(leg.hours for leg in r.legs))
    for a, b in zip(r.legs, r.legs[1:], strict=False):
        assert a.destination == b.origin
    assert r.legs[0].origin == "cordoba" and r.legs[-1].destination == "san_antonio_port"
    assert all(leg.source_rows for leg in r.legs)
    json.dumps(r.to_dict())


def test_exclusions_work_and_never_mutate() -> None:
    before = (NET.edge_km.copy(), NET.edge_hours.copy(), NET.edge_mode.copy())
    rail = NET.route("Rondonópolis", "BRSSZ", exclude_modes=["truck"])
    assert rail.modes == ("rail",) and rail.hours == pytest.approx(80)
    truck = NET.route("Rondonópolis", "BRSSZ", exclude_modes=("rail",))
    assert truck.modes == ("truck",)
    with pytest.raises(NoRouteError):
        NET.route("Miritituba", "BRVLC", exclude_modes=["barge"])
    avoided = NET.route("Sorriso", "PECHY", exclude_nodes=["Puerto Maldonado"])
    assert "puerto_maldonado" not in avoided.nodes
    for arr, old in zip((NET.edge_km, NET.edge_hours, NET.edge_mode), before, strict=True):
        assert np.array_equal(arr, old) and not arr.flags.writeable
    assert NET.route("Rondonópolis", "BRSSZ", exclude_modes=["truck"]) == rail


def test_table_matches_single_routes() -> None:
    origins = ["Sorriso", "Trujillo, PE", "Pereira", "Rosario", "Machala"]
    ports = ["PECHY", "BRSSZ", "COBUN", "CLSAI", "ECGYE", "BRVLC"]
    for weight in ("hours", "distance"):
        t = NET.table(origins, [NET.port_node(p) for p in ports], weight=weight)  # type: ignore[arg-type]
        for i, o in enumerate(origins):
            for j, p in enumerate(ports):
                try:
                    r = NET.route(o, p, weight=weight)  # type: ignore[arg-type]
                except NoRouteError:
                    assert math.isinf(t.hours[i, j]) and math.isinf(t.distance_km[i, j])
                    continue
                assert t.hours[i, j] == pytest.approx(r.hours)
                assert t.distance_km[i, j] == pytest.approx(r.distance_km)


def test_lookup_spellings_and_errors() -> None:
    for spelling in (
        "trujillo",
        "Trujillo",
        "Trujillo, PE",
        "La Libertad",
        "TRU",
        "trujillo, peru",
    ):
        assert NET.resolve(spelling) == "trujillo"
    assert NET.resolve("PECHY") == NET.port_node("pechy") == "chancay_port"
    assert NET.resolve("sao paulo") == "sao_paulo"
    with pytest.raises(UnknownCodeError) as info:
        NET.resolve("Trujilo")
    assert "trujillo" in info.value.close_matches
    with pytest.raises(UnknownCodeError):
        NET.port_node("XXXXX")
    with pytest.raises(UnknownCodeError):
        NET.route("Lima", "Chancay", exclude_modes=["plane"])
    with pytest.raises(InvalidInputError):
        NET.route("Lima", "Chancay", weight="cost")  # type: ignore[arg-type]


def test_nearest_node() -> None:
    assert NET.nearest_node(-12.05, -77.0) == "lima"
    assert NET.nearest_node(-11.6, -77.2, kinds=["port"]) == "chancay_port"


@settings(max_examples=60, deadline=None)
@given(
    lat=st.one_of(st.floats(allow_nan=True), st.sampled_from([math.nan, math.inf, 91.0, -90.5])),
    lon=st.floats(allow_nan=True, allow_infinity=True),
)
def test_bad_coordinates_rejected(lat: float, lon: float) -> None:
    ok = math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lon) and -180 <= lon <= 180
    if ok:
        assert NET.nearest_node(lat, lon) in NET.index
    else:
        with pytest.raises(InvalidInputError):
            NET.nearest_node(lat, lon)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=30), st.none(), st.integers()))
def test_bad_places_raise_clean_errors(place: object) -> None:
    try:
        node = NET.resolve(place)  # type: ignore[arg-type]
    except (UnknownCodeError, InvalidInputError):
        return
    assert node in NET.index


def test_geojson_round_trip(tmp_path: Path) -> None:
    gj = network_to_geojson(NET)
    path = tmp_path / "net.geojson"
    path.write_text(json.dumps(gj), encoding="utf-8")
    again = network_from_geojson(path)
    assert again.ids == NET.ids
    assert np.allclose(again.edge_km, NET.edge_km) and np.allclose(again.edge_hours, NET.edge_hours)
    r1, r2 = NET.route("Sorriso", "PECHY"), again.route("Sorriso", "PECHY")
    assert isinstance(r2, LandRoute) and r1.nodes == r2.nodes


def test_user_geojson_without_distance_uses_line_length() -> None:
    gj = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-77.0, -12.0]},
                "properties": {"id": "farm", "country": "PE"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-77.0, -11.0]},
                "properties": {"id": "quay", "country": "PE", "kind": "port"},
            },
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[-77.0, -12.0], [-77.2, -11.5], [-77.0, -11.0]],
                },
                "properties": {"from": "farm", "to": "quay", "mode": "truck", "speed_kmh": 50},
            },
        ],
    }
    net = network_from_geojson(gj)
    r = net.route("farm", "quay")
    assert r.distance_km > 111.0 and r.hours == pytest.approx(r.distance_km / 50)
    from corredor.errors import DataError

    bad = json.loads(json.dumps(gj))
    bad["features"][2]["properties"]["mode"] = "plane"
    with pytest.raises(DataError):
        network_from_geojson(bad)
    with pytest.raises(DataError):
        network_from_geojson({"type": "Feature"})


def test_docs_example_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "docs" / "land.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for code in blocks:
        exec(compile(code, "docs/land.md", "exec"), {"__name__": "__doc_example__"})
