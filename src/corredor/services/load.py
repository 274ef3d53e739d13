"""Load and validate liner services and their port rotations.

The packaged tables are ``data/planner/services.csv`` (one row per service)
and ``data/planner/service_calls.csv`` (one row per port call, ordered by
``seq``). Users can validate their own pair of files with
:func:`read_services_csv`. Every problem raises :class:`~corredor.errors.DataError`
naming the file, line and column.
"""

from __future__ import annotations

import csv
import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType

from corredor.errors import DataError, UnknownCodeError
from corredor.reference import load_ports, read_table
from corredor.services.model import Call, Service

__all__ = [
    "get_service",
    "load_services",
    "parse_services",
    "read_services_csv",
]

SERVICES_FILE = "services.csv"
CALLS_FILE = "service_calls.csv"
_SERVICE_COLUMNS = ("service_id", "name", "operator", "frequency_days", "reefer", "source")
_CALL_COLUMNS = ("service_id", "seq", "locode", "day_offset", "source")


def _where(file: str, line: int, column: str) -> str:
    return f"{file} line {line}, column {column!r}"


def _text(row: Mapping[str, str | None], key: str) -> str:
    return (row.get(key) or "").strip()


def _number(
    row: Mapping[str, str | None], key: str, file: str, line: int, *, required: bool
) -> float | None:
    raw = _text(row, key)
    if not raw:
        if required:
            raise DataError(f"{_where(file, line, key)}: value is required, got ''")
        return None
    try:
        value = float(raw)
    except ValueError:
        raise DataError(f"{_where(file, line, key)}: expected a number, got {raw!r}") from None
    if not math.isfinite(value) or value < 0:
        raise DataError(f"{_where(file, line, key)}: expected a finite number >= 0, got {raw!r}")
    return value


def _bool(row: Mapping[str, str | None], key: str, file: str, line: int) -> bool:
    raw = _text(row, key).lower()
    if raw in ("true", "false"):
        return raw == "true"
    if raw == "" and key == "assumption":
        return False
    raise DataError(f"{_where(file, line, key)}: expected true or false, got {raw!r}")


def _date(row: Mapping[str, str | None], key: str, file: str, line: int) -> date | None:
    raw = _text(row, key)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DataError(f"{_where(file, line, key)}: expected YYYY-MM-DD, got {raw!r}") from None


def _check_columns(
    rows: Sequence[Mapping[str, str | None]], needed: Sequence[str], file: str
) -> None:
    if rows:
        missing = [c for c in needed if c not in rows[0]]
        if missing:
            raise DataError(f"{file}: missing column(s) {', '.join(missing)}")


def _parse_service(row: Mapping[str, str | None], line: int, file: str) -> Service:
    for key in ("service_id", "name", "operator", "source"):
        if not _text(row, key):
            raise DataError(f"{_where(file, line, key)}: value is required, got ''")
    frequency = _number(row, "frequency_days", file, line, required=True)
    if frequency is None or frequency <= 0:
        raise DataError(f"{_where(file, line, 'frequency_days')}: expected > 0, got {frequency}")
    teu = _number(row, "vessel_teu", file, line, required=False)
    if teu is not None and (teu <= 0 or teu != int(teu)):
        raise DataError(
            f"{_where(file, line, 'vessel_teu')}: expected a positive integer, got {teu}"
        )
    round_trip = _number(row, "round_trip_days", file, line, required=False)
    if round_trip is not None and round_trip <= 0:
        raise DataError(f"{_where(file, line, 'round_trip_days')}: expected > 0, got {round_trip}")
    valid_from = _date(row, "valid_from", file, line)
    valid_to = _date(row, "valid_to", file, line)
    if valid_from and valid_to and valid_to < valid_from:
        raise DataError(f"{_where(file, line, 'valid_to')}: {valid_to} is before {valid_from}")
    superseded_by = _text(row, "superseded_by").upper()
    if superseded_by and valid_to is None:
        raise DataError(
            f"{_where(file, line, 'superseded_by')}: only a historical version (with valid_to) "
            "can be superseded"
        )
    return Service(
        service_id=_text(row, "service_id"),
        name=_text(row, "name"),
        operator=_text(row, "operator"),
        frequency_days=frequency,
        calls=(),
        vessel_teu=None if teu is None else int(teu),
        round_trip_days=round_trip,
        reefer=_bool(row, "reefer", file, line),
        mode=_text(row, "mode") or "container",
        partners=_text(row, "alliance_or_partners"),
        valid_from=valid_from,
        valid_to=valid_to,
        superseded_by=superseded_by,
        notes=_text(row, "notes"),
        source=_text(row, "source"),
        assumption=_bool(row, "assumption", file, line),
    )


def _check_rotation(service: Service, lines: Sequence[int], file: str) -> None:
    last: float | None = None
    for call, line in zip(service.calls, lines, strict=True):
        day = call.day_offset
        if day is None:
            continue
        if last is not None and day < last:
            raise DataError(
                f"{_where(file, line, 'day_offset')}: {service.service_id} day offsets must not "
                f"decrease along seq, got {day:g} after {last:g}"
            )
        if service.round_trip_days is not None and day > service.round_trip_days:
            raise DataError(
                f"{_where(file, line, 'day_offset')}: {service.service_id} call on day {day:g} "
                f"lies beyond the round trip of {service.round_trip_days:g} days"
            )
        last = day


def parse_services(
    service_rows: Sequence[Mapping[str, str | None]],
    call_rows: Sequence[Mapping[str, str | None]],
    *,
    services_file: str = SERVICES_FILE,
    calls_file: str = CALLS_FILE,
) -> dict[str, Service]:
    """Validate rows of the two tables and build :class:`Service` objects.

    Parameters
    ----------
    service_rows, call_rows : sequence of mapping
        Rows as read by :class:`csv.DictReader` (line 2 is the first row).
    services_file, calls_file : str
        File names used in error messages.

    Returns
    -------
    dict of str to Service
        Services by id, in file order, each with its calls ordered by ``seq``.

    Raises
    ------
    DataError
        On any missing, malformed or inconsistent value, naming file, line and column;
        also for port codes that the port table does not hold.
    """
    _check_columns(service_rows, _SERVICE_COLUMNS, services_file)
    _check_columns(call_rows, _CALL_COLUMNS, calls_file)
    services: dict[str, Service] = {}
    for i, row in enumerate(service_rows):
        service = _parse_service(row, i + 2, services_file)
        if service.service_id in services:
            raise DataError(
                f"{_where(services_file, i + 2, 'service_id')}: duplicate id {service.service_id!r}"
            )
        services[service.service_id] = service
    for i, service in enumerate(services.values()):
        if service.superseded_by and service.superseded_by not in services:
            raise DataError(
                f"{_where(services_file, i + 2, 'superseded_by')}: unknown service "
                f"{service.superseded_by!r}"
            )
    ports = load_ports()
    calls: dict[str, list[tuple[int, Call, int]]] = {sid: [] for sid in services}
    for i, row in enumerate(call_rows):
        line = i + 2
        sid = _text(row, "service_id")
        if sid not in services:
            raise DataError(
                f"{_where(calls_file, line, 'service_id')}: unknown service {sid!r} "
                f"(not in {services_file})"
            )
        raw_seq = _text(row, "seq")
        if not raw_seq.isdigit():
            raise DataError(
                f"{_where(calls_file, line, 'seq')}: expected an integer, got {raw_seq!r}"
            )
        locode = _text(row, "locode").upper()
        if locode not in ports:
            close = difflib.get_close_matches(locode, list(ports), n=3)
            hint = f"; close matches: {', '.join(close)}" if close else ""
            raise DataError(
                f"{_where(calls_file, line, 'locode')}: unknown UN/LOCODE {locode!r}{hint}"
            )
        if not _text(row, "source"):
            raise DataError(f"{_where(calls_file, line, 'source')}: value is required, got ''")
        call = Call(
            locode=locode,
            day_offset=_number(row, "day_offset", calls_file, line, required=False),
            notes=_text(row, "notes"),
            source=_text(row, "source"),
            assumption=_bool(row, "assumption", calls_file, line),
        )
        calls[sid].append((int(raw_seq), call, line))
    out: dict[str, Service] = {}
    for sid, service in services.items():
        ordered = sorted(calls[sid], key=lambda t: t[0])
        seqs = [s for s, _, _ in ordered]
        if len(set(seqs)) != len(seqs):
            dup = next(s for s in seqs if seqs.count(s) > 1)
            line = next(ln for s, _, ln in ordered if s == dup)
            raise DataError(f"{_where(calls_file, line, 'seq')}: {sid} has seq {dup} twice")
        built = replace(service, calls=tuple(c for _, c, _ in ordered))
        _check_rotation(built, [ln for _, _, ln in ordered], calls_file)
        out[sid] = built
    return out


def _read_csv(path: Path) -> list[dict[str, str | None]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [dict(r) for r in csv.DictReader(fh)]
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror}") from None


def read_services_csv(services_path: str | Path, calls_path: str | Path) -> dict[str, Service]:
    """Read and validate a user-supplied pair of services / calls CSV files.

    The columns are those of the packaged tables (see ``docs/data/planner_sources.md``).
    """
    sp, cp = Path(services_path), Path(calls_path)
    return parse_services(_read_csv(sp), _read_csv(cp), services_file=str(sp), calls_file=str(cp))


@cache
def load_services() -> Mapping[str, Service]:
    """The packaged liner services by id (read once, immutable)."""
    rows: list[Mapping[str, str | None]] = list(read_table(f"planner/{SERVICES_FILE}"))
    call_rows: list[Mapping[str, str | None]] = list(read_table(f"planner/{CALLS_FILE}"))
    return MappingProxyType(parse_services(rows, call_rows))


def get_service(service_id: object, argument: str = "service") -> Service:
    """The packaged service with this id, or :class:`UnknownCodeError` with close matches."""
    services = load_services()
    key = service_id.strip().upper() if isinstance(service_id, str) else ""
    if key in services:
        return services[key]
    close = difflib.get_close_matches(key, list(services), n=3, cutoff=0.5)
    raise UnknownCodeError(argument, str(service_id), close, what="liner service")
