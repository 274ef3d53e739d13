"""No route crosses land: geometry checked densely against the 1 km GLOBE mask.

The mask (``global-land-mask``, MIT, GLOBE data from NOAA) is independent of
the code that built the network; only canals narrower than the mask and the
last few km of an access leg inside a harbour are tolerated.
"""

from __future__ import annotations

import numpy as np
import pytest

from corredor.geo import haversine_km
from corredor.sea import load_sea_network, sea_route
from tests.conftest import HARBOUR_KM, land_samples

CORRIDOR = [
    "PECHY", "PECLL", "PEPAI", "ECGYE", "COBUN", "COCTG", "MXZLO", "MXLZC", "PABLB",
    "CLSAI", "CLVAP", "BRSSZ", "BRPNG", "ARBUE", "CNSHA", "CNNGB", "CNSZX", "CNTAO",
    "CNTSN", "CNXMN", "HKHKG", "TWKHH", "KRPUS", "JPYOK", "SGSIN", "USLAX", "USLGB",
]  # fmt: skip


def _harbour_km(locode: str) -> float:
    # Approach channels narrower than the mask, recorded by the build (Santos, Guayaquil).
    channels = load_sea_network().meta["channel_ports_km"]
    return max(HARBOUR_KM, float(channels.get(locode, 0.0)))


def _outside_harbours(r, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    near_o = haversine_km(r.origin.lat, r.origin.lon, lat, lon) <= _harbour_km(r.origin.locode)
    near_d = haversine_km(r.destination.lat, r.destination.lon, lat, lon) <= _harbour_km(
        r.destination.locode
    )
    return ~(near_o | near_d)


def _assert_on_water(r) -> None:
    lon, lat = land_samples(np.array(r.coordinates))
    bad = _outside_harbours(r, lon, lat)
    assert not bad.any(), (
        f"{r.origin.locode}->{r.destination.locode} crosses land at "
        f"{list(zip(lon[bad][:5].round(3), lat[bad][:5].round(3), strict=True))}"
    )


def test_channel_exemptions_are_few_and_curated() -> None:
    channels = load_sea_network().meta["channel_ports_km"]
    assert set(channels) <= {"BRSSZ", "ECGYE", "BRSTM", "BRPNG", "ARBUE", "UYMVD"}
    assert all(0 < km <= 40 for km in channels.values())


def test_network_edges_never_cross_land() -> None:
    net = load_sea_network()
    xy = np.column_stack([net.geom_lon, net.geom_lat])
    for e in range(net.edge_u.size):
        seg = xy[net.edge_ptr[e] : net.edge_ptr[e + 1]]
        lon, lat = land_samples(seg, step_km=0.25)
        assert lon.size == 0, f"edge {e} over land at {lon[:3]}, {lat[:3]}"


@pytest.mark.parametrize("origin", CORRIDOR[:14])
def test_corridor_routes_stay_on_water(origin: str) -> None:
    for dest in CORRIDOR[14:]:
        _assert_on_water(sea_route(origin, dest))


def test_guadalupe_and_korea_are_avoided() -> None:
    # Peers' networks cross Guadalupe Island (Mexico) and islands off SW Korea.
    for dest in ("CNSHA", "KRPUS", "CNTAO"):
        _assert_on_water(sea_route("PECHY", dest))
    _assert_on_water(sea_route("BRSSZ", "PECHY", via=["magellan"]))


@pytest.mark.parametrize("chunk", range(10))
def test_random_port_pairs_stay_on_water(chunk: int) -> None:
    net = load_sea_network()
    codes = [c for i, c in enumerate(net.port_codes) if net.has_access(i)]
    rng = np.random.default_rng(2024)
    pairs = rng.choice(codes, size=(500, 2))
    for a, b in pairs[chunk * 50 : (chunk + 1) * 50]:
        if a != b:
            _assert_on_water(sea_route(str(a), str(b)))
