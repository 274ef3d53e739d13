"""Airports, air cargo routes and air options."""

from __future__ import annotations

import pytest

from corredor.air import (
    air_options,
    get_airport,
    load_air_routes,
    load_airports,
    parse_air_routes,
    parse_airports,
)
from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.geo import haversine_km
from corredor.reference import read_table


def test_xiamen_addis_sao_paulo() -> None:
    (opt,) = air_options("XMN", "GRU")
    assert opt.route.route_id == "ET_XMN_ADD_GRU"
    assert opt.via == ("ADD",)
    assert opt.route.opened == "2023-02-10"
    row = next(r for r in read_table("planner/air_routes.csv") if r["route_id"] == "ET_XMN_ADD_GRU")
    assert opt.transit_h == float(row["transit_h"])
    assert opt.frequency_per_week == float(row["frequency_per_week"])
    assert "Ethiopian" in opt.operator
    xmn, add, gru = (get_airport(c) for c in ("XMN", "ADD", "GRU"))
    first = float(haversine_km(xmn.lat, xmn.lon, add.lat, add.lon))
    assert opt.legs[0].distance_km == pytest.approx(first)
    assert opt.distance_km == pytest.approx(
        first + float(haversine_km(add.lat, add.lon, gru.lat, gru.lon))
    )
    assert 18_000 < opt.distance_km < 19_000


def test_charters_only_on_request() -> None:
    assert air_options("LIM", "PVG") == []
    (charter,) = air_options("lim", "pvg", include_charters=True)
    assert not charter.route.scheduled


def test_unknown_airport_has_close_matches() -> None:
    with pytest.raises(UnknownCodeError) as err:
        air_options("XMM", "GRU")
    assert "XMN" in err.value.close_matches
    assert err.value.argument == "origin_iata"
    with pytest.raises(UnknownCodeError):
        get_airport(None)
    with pytest.raises(InvalidInputError):
        air_options("GRU", "gru")


def test_every_route_airport_is_known() -> None:
    airports = load_airports()
    for route in load_air_routes().values():
        assert all(s in airports for s in route.stops)
        assert route.source and route.transit_h > 0


def test_malformed_air_rows() -> None:
    airports = [dict(r) for r in read_table("planner/airports.csv")]
    routes = [dict(r) for r in read_table("planner/air_routes.csv")]
    bad = [dict(r) for r in airports]
    bad[0]["lat"] = "north"
    with pytest.raises(DataError, match="line 2"):
        parse_airports(bad)
    table = parse_airports(airports)
    bad_routes = [dict(r) for r in routes]
    bad_routes[0]["via_iata"] = "ADX"
    with pytest.raises(DataError, match=r"via_iata.*ADD"):
        parse_air_routes(bad_routes, table)
    bad_routes = [dict(r) for r in routes]
    bad_routes[0]["transit_h"] = ""
    with pytest.raises(DataError, match="transit_h"):
        parse_air_routes(bad_routes, table)
