"""Direct and transshipment options derived from the rotations."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.errors import InvalidInputError, NoRouteError, UnknownPortError
from corredor.reference import read_table
from corredor.services import (
    DEFAULT_CONNECTION_DAYS,
    Call,
    Service,
    direct_options,
    get_service,
    load_services,
    service_option,
    transshipment_options,
)

PRE_CHANCAY_HUBS = ["MXZLO", "MXLZC", "PABLB"]


def _day(service_id: str, locode: str, last: bool = False) -> float:
    rows = [
        r
        for r in read_table("planner/service_calls.csv")
        if r["service_id"] == service_id and r["locode"] == locode
    ]
    rows.sort(key=lambda r: int(r["seq"]))
    return float(rows[-1 if last else 0]["day_offset"])


def test_wsa5_chancay_shanghai_from_the_rows() -> None:
    expected = _day("COSCO_WSA5", "CNSHA", last=True) - _day("COSCO_WSA5", "PECHY")
    best = direct_options("PECHY", "CNSHA")[0]
    assert best.service.service_id == "COSCO_WSA5"
    assert best.transit_days == expected == 23
    assert best.intermediate_calls == ()
    assert best.wait_days == get_service("COSCO_WSA5").frequency_days / 2
    assert best.reefer


def _best_pre_chancay() -> float:
    services = {k: s for k, s in load_services().items() if not s.calls_at("PECHY")}
    direct = [o.transit_days for o in direct_options("PECLL", "CNSHA", services=services)]
    via = [
        o.total_days
        for o in transshipment_options("PECLL", "CNSHA", PRE_CHANCAY_HUBS, services=services)
    ]
    return min(direct + via)


def test_pre_chancay_pattern_is_longer() -> None:
    chancay = direct_options("PECHY", "CNSHA")[0].transit_days
    pre = _best_pre_chancay()
    assert pre > chancay
    assert 7 <= pre - chancay <= 16


def test_callao_direct_carries_its_intermediate_calls() -> None:
    ax2 = next(o for o in direct_options("PECLL", "CNSHA") if o.service.service_id == "ONE_AX2")
    assert ax2.intermediate_calls[:2] == ("MXZLO", "MXLZC")
    assert ax2.transit_days == _day("ONE_AX2", "CNSHA", last=True) - _day("ONE_AX2", "PECLL", True)


def test_transshipment_total_adds_up() -> None:
    opts = transshipment_options("PECLL", "CNSHA", hubs=["MXZLO"])
    assert opts
    o = opts[0]
    assert o.hub == "MXZLO" and o.connection_days == DEFAULT_CONNECTION_DAYS
    assert o.total_days == pytest.approx(
        o.first.transit_days + o.connection_days + o.second.wait_days + o.second.transit_days
    )
    assert o.first.service.service_id != o.second.service.service_id
    assert [x.total_days for x in opts] == sorted(x.total_days for x in opts)


def test_connection_time_table_and_callable() -> None:
    base = transshipment_options("PECLL", "CNSHA", hubs=["MXZLO"], min_connection_days=0.0)[0]
    table = transshipment_options("PECLL", "CNSHA", ["MXZLO"], {"MXZLO": 4.0})[0]
    func = transshipment_options("PECLL", "CNSHA", ["MXZLO"], lambda hub: 4.0)[0]
    assert table.total_days == func.total_days == base.total_days + 4.0
    other = transshipment_options("PECLL", "CNSHA", ["MXZLO"], {"PABLB": 9.0})[0]
    assert other.connection_days == DEFAULT_CONNECTION_DAYS
    with pytest.raises(InvalidInputError):
        transshipment_options("PECLL", "CNSHA", ["MXZLO"], -1.0)
    with pytest.raises(InvalidInputError):
        transshipment_options("PECLL", "CNSHA", ["PECLL"])


def _loop(offsets: list[float], round_trip: float | None, codes: list[str]) -> Service:
    return Service(
        service_id="TEST",
        name="test loop",
        operator="test",
        frequency_days=7,
        calls=tuple(Call(c, d) for c, d in zip(codes, offsets, strict=True)),
        round_trip_days=round_trip,
    )


def test_wrapping_rotation_uses_round_trip() -> None:
    svc = _loop([0, 10, 20], 35, ["CNSHA", "MXZLO", "PECLL"])
    o = service_option(svc, "PECLL", "CNSHA")
    assert o.wraps and o.transit_days == 35 - 20 + 0
    assert service_option(svc, "PECLL", "MXZLO").intermediate_calls == ("CNSHA",)
    assert service_option(svc, "PECLL", "MXZLO").transit_days == 25
    with pytest.raises(NoRouteError, match="loop length is unknown"):
        service_option(replace(svc, round_trip_days=None), "PECLL", "CNSHA")
    assert (
        direct_options("PECLL", "CNSHA", services={"T": replace(svc, round_trip_days=None)}) == []
    )


def test_packaged_wrap_wsa5_chancay_to_ningbo() -> None:
    wsa5 = get_service("COSCO_WSA5")
    o = service_option(wsa5, "PECHY", "CNNGB")
    assert o.wraps
    assert wsa5.round_trip_days is not None
    assert o.transit_days == wsa5.round_trip_days - _day("COSCO_WSA5", "PECHY") + 3
    assert o.intermediate_calls == ("CNSHA", "CNDLC")


def test_untimed_service_is_refused() -> None:
    wsa3 = get_service("COSCO_WSA3")
    untimed = replace(wsa3, calls=tuple(replace(c, day_offset=None) for c in wsa3.calls))
    with pytest.raises(NoRouteError, match="not published"):
        service_option(untimed, "PECHY", "CNSHA")


def test_unknown_ports_and_same_port() -> None:
    with pytest.raises(UnknownPortError) as err:
        direct_options("PECHX", "CNSHA")
    assert "PECHY" in err.value.close_matches
    with pytest.raises(UnknownPortError):
        transshipment_options("PECLL", "CNSHX")
    with pytest.raises(InvalidInputError):
        direct_options("pechy", "PECHY")


def test_reefer_filter() -> None:
    assert all(o.reefer for o in direct_options("MXZLO", "CNSHA", reefer=True))
    assert any(not o.reefer for o in direct_options("MXZLO", "CNSHA"))


CALLED = sorted({c for s in load_services().values() for c in s.rotation})


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CALLED), st.sampled_from(CALLED))
def test_property_transit_non_negative(pol: str, pod: str) -> None:
    if pol == pod:
        return
    for o in direct_options(pol, pod):
        assert o.transit_days >= 0
        rt = o.service.round_trip_days
        assert rt is None or o.transit_days <= rt
        assert o.arrival_day == o.departure_day + o.transit_days


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(CALLED),
    st.sampled_from(CALLED),
    st.floats(min_value=0, max_value=10, allow_nan=False),
)
def test_property_transshipment_at_least_each_leg(pol: str, pod: str, dwell: float) -> None:
    if pol == pod:
        return
    for o in transshipment_options(pol, pod, min_connection_days=dwell):
        assert o.total_days >= o.first.transit_days
        assert o.total_days >= o.second.transit_days
        assert o.total_days >= o.connection_days


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=30, allow_nan=False), min_size=3, max_size=3))
def test_property_synthetic_loop(gaps: list[float]) -> None:
    offsets = [0.0, gaps[0], gaps[0] + gaps[1]]
    svc = _loop(offsets, offsets[-1] + gaps[2] + 1, ["CNSHA", "MXZLO", "PECLL"])
    codes = list(svc.rotation)
    for a in codes:
        for b in codes:
            if a != b:
                o = service_option(svc, a, b)
                assert 0 <= o.transit_days <= (svc.round_trip_days or 0)


def test_superseded_by_must_name_a_known_service_and_a_historical_row() -> None:
    from corredor.errors import DataError
    from corredor.services import parse_services

    base = {
        "service_id": "OLD",
        "name": "old loop",
        "operator": "x",
        "frequency_days": "7",
        "reefer": "true",
        "source": "test",
        "valid_to": "2024-01-01",
        "superseded_by": "NOPE",
    }
    with pytest.raises(DataError, match=r"superseded_by.*NOPE"):
        parse_services([base], [])
    with pytest.raises(DataError, match="only a historical version"):
        parse_services([{**base, "valid_to": "", "superseded_by": "OLD"}], [])
    with pytest.raises(DataError, match="valid_to"):
        parse_services([{**base, "valid_from": "2025-01-01", "superseded_by": ""}], [])
