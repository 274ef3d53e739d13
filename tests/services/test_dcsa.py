"""DCSA Commercial Schedules v1 export and import."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from corredor.errors import DataError, InvalidInputError, UnknownPortError
from corredor.services import (
    Service,
    dumps_dcsa,
    from_dcsa,
    get_service,
    load_services,
    loads_dcsa,
    to_dcsa,
)


def test_round_trip_gives_the_same_services() -> None:
    exported = to_dcsa()
    back = from_dcsa(json.loads(json.dumps(exported)))
    timed = {
        k: s
        for k, s in load_services().items()
        if s.calls and all(c.day_offset is not None for c in s.calls) and not s.historical
    }
    assert back == timed
    assert "COSCO_WSA5" in back


def test_export_follows_the_schema_fields() -> None:
    (item,) = to_dcsa([get_service("COSCO_WSA5")])
    assert len(item["carrierServiceName"]) <= 50
    assert item["carrierServiceCode"] == "WSA5"
    calls = item["vesselSchedules"][0]["transportCalls"]
    assert [c["location"]["UNLocationCode"] for c in calls] == list(
        get_service("COSCO_WSA5").rotation
    )
    for c in calls:
        assert c["transportCallReference"] and c["carrierImportVoyageNumber"]
        (ts,) = c["timestamps"]
        assert ts["eventTypeCode"] == "ARRI" and ts["eventClassifierCode"] == "PLN"
    assert calls[0]["timestamps"][0]["eventDateTime"].startswith("2025-02-28T00:00:00")
    for item in to_dcsa():
        assert len(item["carrierServiceCode"]) <= 11


def _untimed() -> Service:
    wsa3 = get_service("COSCO_WSA3")
    return replace(wsa3, calls=tuple(replace(c, day_offset=None) for c in wsa3.calls))


def test_untimed_service_cannot_be_exported() -> None:
    with pytest.raises(InvalidInputError):
        to_dcsa([_untimed()])


def test_historical_version_without_start_date_needs_one() -> None:
    old = get_service("COSCO_WSA3_CALLAO")
    assert old.historical and old.valid_from is None
    with pytest.raises(InvalidInputError, match="start"):
        to_dcsa([old])
    (item,) = to_dcsa([old], start=date(2024, 11, 7))
    assert item["vesselSchedules"][0]["transportCalls"][5]["location"]["UNLocationCode"] == "PECLL"


def _plain() -> list[dict[str, Any]]:
    item = to_dcsa([get_service("COSCO_CHX")])[0]
    del item["x-corredor"]
    return [item]


def test_plain_import_needs_frequency() -> None:
    with pytest.raises(InvalidInputError, match="frequency_days"):
        from_dcsa(_plain())
    svc = from_dcsa(_plain(), frequency_days=14)["CHX"]
    assert [c.day_offset for c in svc.calls] == [
        c.day_offset for c in get_service("COSCO_CHX").calls
    ]
    assert svc.round_trip_days is None


def test_frequency_from_several_vessels() -> None:
    payload = _plain()
    vessel = payload[0]["vesselSchedules"][0]
    second = json.loads(json.dumps(vessel))
    for call in second["transportCalls"]:
        ts = call["timestamps"][0]
        ts["eventDateTime"] = ts["eventDateTime"].replace("2025-03", "2025-04", 1)
    payload[0]["vesselSchedules"].append(second)
    svc = from_dcsa(payload)["CHX"]
    assert svc.frequency_days > 0


def test_malformed_schedules() -> None:
    bad = _plain()
    del bad[0]["vesselSchedules"][0]["transportCalls"][1]["location"]
    with pytest.raises(DataError, match=r"transportCalls\[1\]"):
        from_dcsa(bad, frequency_days=7)
    bad = _plain()
    bad[0]["vesselSchedules"][0]["transportCalls"][0]["location"]["UNLocationCode"] = "PECHZ"
    with pytest.raises(UnknownPortError):
        from_dcsa(bad, frequency_days=7)
    bad = _plain()
    bad[0]["vesselSchedules"][0]["transportCalls"][0]["timestamps"][0]["eventDateTime"] = "soon"
    with pytest.raises(DataError, match="ISO 8601"):
        from_dcsa(bad, frequency_days=7)
    with pytest.raises(DataError):
        from_dcsa("not a list")
    with pytest.raises(DataError, match="invalid JSON"):
        loads_dcsa("{")


def test_text_round_trip() -> None:
    wsa5 = get_service("COSCO_WSA5")
    assert loads_dcsa(dumps_dcsa([wsa5])) == {"COSCO_WSA5": wsa5}
