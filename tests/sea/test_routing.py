"""Invariants of port-to-port sea routing: distances, restrictions, geometry."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from corredor import NoRouteError, UnknownCodeError, UnknownPortError
from corredor.geo import KM_PER_NM, haversine_km
from corredor.reference import load_ports
from corredor.sea import distance_matrix, load_sea_network, sea_route

#: Boxes that a route through (or around) a passage must enter: lon0, lat0, lon1, lat1.
PANAMA_BOX = (-80.2, 8.5, -79.3, 9.6)
MAGELLAN_BOX = (-70.6, -53.0, -68.8, -52.2)  # First and Second Narrows, inside the strait
DRAKE_BOX = (-70.0, -66.0, -62.0, -55.3)  # south of Cape Horn
SUEZ_BOX = (32.1, 29.8, 32.7, 31.4)


def _enters(route_coords: tuple[tuple[float, float], ...], box: tuple[float, ...]) -> bool:
    xy = np.array(route_coords)
    x0, y0, x1, y1 = box
    return bool(((xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)).any())


def test_reference_distances_within_3_percent(shared_dir) -> None:
    rows = list(csv.DictReader((shared_dir / "reference" / "distances.csv").open()))
    assert len(rows) >= 9
    for row in rows:
        via = [row["via"]] if row["via"] else []
        avoid = [row["avoid"]] if row["avoid"] else []
        r = sea_route(row["from"], row["to"], via=via, avoid=avoid)
        ref = float(row["nm"])
        assert abs(r.distance_nm - ref) / ref <= 0.03, (row, round(r.distance_nm))


def test_chancay_and_callao_are_distinct() -> None:
    a = sea_route("PECHY", "CNSHA")
    b = sea_route("PECLL", "CNSHA")
    assert not np.array_equal(a.coordinates[0], b.coordinates[0])
    assert abs(a.distance_km - b.distance_km) > 5.0
    between = sea_route("PECHY", "PECLL")
    # ~57 km apart as the crow flies; by sea the legs run out to the network and
    # back (known over-estimate for neighbouring ports), but never zero.
    gc = haversine_km(a.origin.lat, a.origin.lon, b.origin.lat, b.origin.lon)
    assert gc < between.distance_km < 2.5 * gc


def test_route_starts_and_ends_at_the_ports() -> None:
    r = sea_route("PECHY", "CNSHA")
    ports = load_ports()
    assert tuple(r.coordinates[0]) == pytest.approx((ports["PECHY"].lon, ports["PECHY"].lat))
    assert tuple(r.coordinates[-1]) == pytest.approx((ports["CNSHA"].lon, ports["CNSHA"].lat))


def test_distance_equals_geometry_length() -> None:
    r = sea_route("BRSSZ", "CNSHA")
    xy = np.array(r.coordinates)
    length = haversine_km(xy[:-1, 1], xy[:-1, 0], xy[1:, 1], xy[1:, 0]).sum()
    assert r.distance_km == pytest.approx(length, rel=1e-6)


def test_avoid_panama_really_avoids() -> None:
    base = sea_route("COCTG", "CNSHA")
    assert "panama" in base.passages and _enters(base.coordinates, PANAMA_BOX)
    r = sea_route("COCTG", "CNSHA", avoid=["panama"])
    assert "panama" not in r.passages
    assert not _enters(r.coordinates, PANAMA_BOX)
    assert r.distance_nm > base.distance_nm


def test_via_magellan_and_cape_horn_are_separate() -> None:
    mag = sea_route("BRSSZ", "PECHY", via=["magellan"])
    horn = sea_route("BRSSZ", "PECHY", via=["cape_horn"])
    assert mag.passages.count("magellan") == 1 and "cape_horn" not in mag.passages
    assert "cape_horn" in horn.passages and "magellan" not in horn.passages
    assert _enters(mag.coordinates, MAGELLAN_BOX)
    assert _enters(horn.coordinates, DRAKE_BOX) and not _enters(horn.coordinates, MAGELLAN_BOX)
    assert mag.distance_nm != horn.distance_nm


def test_via_order_is_respected() -> None:
    r = sea_route("NLRTM", "PECHY", via=["suez", "good_hope"])
    assert r.passages.index("suez") < r.passages.index("good_hope")
    assert _enters(r.coordinates, SUEZ_BOX)


def test_draft_limits() -> None:
    # 16 m is deeper than the Neopanamax locks (15.2 m): no Panama.
    r = sea_route("COCTG", "CNSHA", max_draft_m=16.0)
    assert "panama" not in r.passages
    with pytest.raises(NoRouteError, match="panama"):
        sea_route("COCTG", "CNSHA", via=["panama"], max_draft_m=16.0)
    # Callao (16 m) is shallower than Chancay (17.8 m); Qingdao takes 18.6 m.
    with pytest.raises(NoRouteError, match="PECLL"):
        sea_route("PECLL", "CNTAO", max_draft_m=17.0)
    assert sea_route("PECHY", "CNTAO", max_draft_m=17.0).distance_nm > 9000


def test_contradictory_restrictions() -> None:
    with pytest.raises(NoRouteError, match="panama"):
        sea_route("COCTG", "CNSHA", avoid=["panama"], via=["panama"])
    closed = ["panama", "magellan", "cape_horn", "good_hope", "suez", "bering"]
    with pytest.raises(NoRouteError, match="no sea route") as exc:
        # Atlantic to Pacific with every way between the oceans closed.
        sea_route("BRSSZ", "PECHY", avoid=closed)
    assert "cape_horn" in str(exc.value) and "panama" in str(exc.value)


def test_unknown_codes() -> None:
    with pytest.raises(UnknownPortError) as exc:
        sea_route("PECHX", "CNSHA")
    assert "PECHY" in exc.value.close_matches
    with pytest.raises(UnknownCodeError, match="panama"):
        sea_route("PECHY", "CNSHA", avoid=["panamaa"])


def test_longitudes_in_range_and_split_at_antimeridian() -> None:
    r = sea_route("PECHY", "CNSHA")
    g = r.geometry()
    lines = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
    for line in lines:
        xy = np.array(line)
        assert (np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all()
        assert (np.abs(np.diff(xy[:, 0])) < 180).all()


def test_same_port_is_zero() -> None:
    r = sea_route("PECHY", "PECHY")
    assert r.distance_km == 0 and r.passages == ()


def test_queries_do_not_mutate_the_network() -> None:
    net = load_sea_network()
    before = (net.edge_km.copy(), net.edge_passage.copy(), net.acc_km.copy())
    sea_route("COCTG", "CNSHA", avoid=["panama"], max_draft_m=14.0)
    sea_route("BRSSZ", "PECHY", via=["magellan"])
    assert np.array_equal(before[0], net.edge_km)
    assert np.array_equal(before[1], net.edge_passage)
    assert np.array_equal(before[2], net.acc_km)
    with pytest.raises(ValueError, match="read-only"):
        net.edge_km[0] = 0.0
    assert "panama" in sea_route("COCTG", "CNSHA").passages


def test_matrix_agrees_with_single_queries() -> None:
    codes = ["PECHY", "PECLL", "CNSHA", "BRSSZ", "COCTG", "MXZLO", "CLVAP"]
    m = distance_matrix(codes)
    assert m.shape == (7, 7)
    assert np.allclose(np.diag(m), 0)
    for i, a in enumerate(codes):
        for j, b in enumerate(codes):
            if i != j:
                assert m[i, j] == pytest.approx(sea_route(a, b).distance_nm, rel=1e-9)
    m2 = distance_matrix(["COCTG"], ["CNSHA"], avoid="panama")
    assert m2[0, 0] == pytest.approx(sea_route("COCTG", "CNSHA", avoid="panama").distance_nm)


def _routable_codes() -> list[str]:
    net = load_sea_network()
    return [c for i, c in enumerate(net.port_codes) if net.has_access(i)]


def test_random_pairs_distance_invariants() -> None:
    rng = np.random.default_rng(7)
    codes = _routable_codes()
    # Ports far up rivers or on lakes have no verified sea access (see docs/sea.md).
    assert len(codes) >= 2500
    sample = list(rng.choice(codes, size=60, replace=False))
    m = distance_matrix(sample)
    ports = load_ports()
    lat = np.array([ports[c].lat for c in sample])
    lon = np.array([ports[c].lon for c in sample])
    gc = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) / KM_PER_NM
    finite = np.isfinite(m)
    assert finite.mean() > 0.97
    # Never shorter than the great circle (tiny slack for rounding).
    assert (m[finite] >= gc[finite] - 1e-6).all()
    # Symmetric within 1 %.
    both = finite & finite.T & (m > 0)
    assert (np.abs(m - m.T)[both] <= 0.01 * m[both]).all()
    # Triangle inequality on every triple (with the access legs counted each time).
    i, j, k = np.meshgrid(*(np.arange(len(sample)),) * 3, indexing="ij")
    ok = finite[i, k] & finite[i, j] & finite[j, k]
    assert (m[i, k][ok] <= (m[i, j] + m[j, k])[ok] + 1e-6).all()


def test_arctic_routes_only_when_asked() -> None:
    # Itaqui -> Shanghai is shortest over the top of Canada, which is ice-bound most of the year
    default = sea_route("BRITQ", "CNSHA")
    assert "bering" not in default.passages
    arctic = sea_route("BRITQ", "CNSHA", via=["bering"])
    assert "bering" in arctic.passages and arctic.distance_km < default.distance_km
