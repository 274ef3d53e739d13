"""Loading and validating the liner service tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corredor.errors import DataError, UnknownCodeError
from corredor.reference import load_ports, read_table
from corredor.services import Service, get_service, load_services, parse_services, read_services_csv


def _rows() -> tuple[list[dict[str, str | None]], list[dict[str, str | None]]]:
    services: list[dict[str, str | None]] = [dict(r) for r in read_table("planner/services.csv")]
    calls: list[dict[str, str | None]] = [dict(r) for r in read_table("planner/service_calls.csv")]
    return services, calls


def test_packaged_services_load_and_are_immutable() -> None:
    services = load_services()
    assert "COSCO_WSA5" in services
    wsa5 = services["COSCO_WSA5"]
    assert isinstance(wsa5, Service)
    assert wsa5.reefer and wsa5.frequency_days == 7 and wsa5.source
    with pytest.raises(AttributeError):
        wsa5.frequency_days = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        services["X"] = wsa5  # type: ignore[index]


def test_every_call_is_a_known_port_with_a_source() -> None:
    ports = load_ports()
    for service in load_services().values():
        for call in service.calls:
            assert call.locode in ports
            assert call.source


def test_calls_follow_seq_order() -> None:
    _, calls = _rows()
    wsa5 = [r for r in calls if r["service_id"] == "COSCO_WSA5"]
    wsa5.sort(key=lambda r: int(r["seq"] or 0))
    assert get_service("COSCO_WSA5").rotation == tuple(r["locode"] for r in wsa5)


def test_get_service_unknown_has_close_matches() -> None:
    with pytest.raises(UnknownCodeError) as err:
        get_service("COSCO_WSA6")
    assert "COSCO_WSA5" in err.value.close_matches


@pytest.mark.parametrize(
    ("table", "column", "value", "needle"),
    [
        ("services", "frequency_days", "weekly", "frequency_days"),
        ("services", "frequency_days", "0", "frequency_days"),
        ("services", "reefer", "yes", "reefer"),
        ("services", "valid_from", "2025-13-01", "valid_from"),
        ("services", "vessel_teu", "-5", "vessel_teu"),
        ("services", "source", "", "source"),
        ("calls", "locode", "PECHZ", "locode"),
        ("calls", "day_offset", "abc", "day_offset"),
        ("calls", "seq", "x", "seq"),
        ("calls", "service_id", "NOPE", "service_id"),
    ],
)
def test_malformed_rows_name_file_line_and_column(
    table: str, column: str, value: str, needle: str
) -> None:
    services, calls = _rows()
    rows = services if table == "services" else calls
    rows[0][column] = value
    with pytest.raises(DataError) as err:
        parse_services(services, calls)
    msg = str(err.value)
    assert "line 2" in msg and needle in msg
    assert ("services.csv" if table == "services" else "service_calls.csv") in msg


def test_unknown_port_lists_close_matches() -> None:
    services, calls = _rows()
    calls[0]["locode"] = "PECHZ"
    with pytest.raises(DataError, match="PECHY"):
        parse_services(services, calls)


def test_decreasing_day_offsets_rejected() -> None:
    services, calls = _rows()
    calls[1]["day_offset"] = "0"
    calls[2]["day_offset"] = "0"
    calls[3]["day_offset"] = "1"
    calls[4]["day_offset"] = "0.5"
    with pytest.raises(DataError, match="must not decrease"):
        parse_services(services, calls)


def test_call_beyond_round_trip_rejected() -> None:
    services, calls = _rows()
    for r in services:
        if r["service_id"] == "COSCO_WSA5":
            r["round_trip_days"] = "50"
    with pytest.raises(DataError, match="beyond the round trip"):
        parse_services(services, calls)


def test_duplicate_seq_rejected() -> None:
    services, calls = _rows()
    calls[1]["seq"] = calls[0]["seq"]
    with pytest.raises(DataError, match="seq"):
        parse_services(services, calls)


def test_read_user_csv_files(tmp_path: Path) -> None:
    services, calls = _rows()
    sp, cp = tmp_path / "s.csv", tmp_path / "c.csv"
    for path, rows in ((sp, services), (cp, calls)):
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    assert read_services_csv(sp, cp) == dict(load_services())
    with pytest.raises(DataError, match="cannot read"):
        read_services_csv(tmp_path / "missing.csv", cp)
