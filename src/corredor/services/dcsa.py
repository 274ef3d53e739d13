"""DCSA Commercial Schedules v1 exchange: service schedules in and out.

Shape followed: the ``ServiceSchedule`` schema of the DCSA OpenAPI
specification for Commercial Schedules, version 1.0.3 (response of
``GET /v1/vessel-schedules``), file ``cs/v1/CS_v1.0.3.yaml`` in
https://github.com/dcsaorg/DCSA-OpenAPI (also on SwaggerHub as
``dcsaorg/DCSA_CS``; v1.0.0 released 2024-09-24). Field names used::

    [ { "carrierServiceName": str (<= 50), "carrierServiceCode": str (<= 11),
        "vesselSchedules": [ { "isDummyVessel": bool,
            "transportCalls": [ { "transportCallReference": str,
                "carrierImportVoyageNumber": str, "carrierExportVoyageNumber": str,
                "location": {"UNLocationCode": "PECHY", "locationName": str},
                "timestamps": [ {"eventTypeCode": "ARRI" | "DEPA",
                                 "eventClassifierCode": "PLN" | "EST" | "ACT",
                                 "eventDateTime": "2025-02-28T00:00:00+00:00"} ] } ] } ] } ]

A corredor service has no dated voyages, so export places the rotation's
first call at ``start`` (the service's ``valid_from`` by default) and each call
at ``start + day_offset`` as a planned arrival (``ARRI``/``PLN``); the voyage
number is a placeholder. DCSA has no field for frequency, loop length, vessel
size, reefer capability or sources: those travel in an ``x-corredor``
extension object on each service schedule so that export followed by import
gives the same :class:`Service`. Import of a schedule without the extension
derives day offsets from the timestamps and needs ``frequency_days`` unless
the schedule lists several vessels (then the median gap between their first
calls is used).
"""

from __future__ import annotations

import itertools
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from corredor.errors import DataError, InvalidInputError
from corredor.reference import load_ports
from corredor.services.load import load_services
from corredor.services.model import Call, Service

__all__ = ["DCSA_VERSION", "EXTENSION", "dumps_dcsa", "from_dcsa", "loads_dcsa", "to_dcsa"]

#: Version of the DCSA Commercial Schedules specification followed.
DCSA_VERSION = "1.0.3"
#: Key of the corredor extension object on each exported service schedule.
EXTENSION = "x-corredor"
_EVENT_ORDER = {"ARRI": 0, "DEPA": 1}


def _code(service_id: str) -> str:
    """carrierServiceCode (max 11 chars): the id after the operator prefix."""
    tail = service_id.split("_", 1)[-1]
    return (tail if len(tail) <= 11 else service_id)[:11]


def _timed(service: Service) -> bool:
    return bool(service.calls) and all(c.day_offset is not None for c in service.calls)


def _export_one(service: Service, start: date | None, voyage: str) -> dict[str, Any]:
    if not _timed(service):
        raise InvalidInputError(
            "services", "services whose calls all have day offsets", service.service_id
        )
    first = start or service.valid_from
    if first is None:
        raise InvalidInputError("start", "a date (the service has no valid_from)", None)
    t0 = datetime(first.year, first.month, first.day, tzinfo=UTC)
    ports = load_ports()
    calls: list[dict[str, Any]] = []
    for seq, call in enumerate(service.calls, start=1):
        when = t0 + timedelta(days=call.day_offset or 0.0)
        calls.append(
            {
                "transportCallReference": f"{service.service_id}-{seq:03d}",
                "carrierImportVoyageNumber": voyage,
                "carrierExportVoyageNumber": voyage,
                "location": {
                    "locationName": ports[call.locode].name[:100],
                    "UNLocationCode": call.locode,
                },
                "timestamps": [
                    {
                        "eventTypeCode": "ARRI",
                        "eventClassifierCode": "PLN",
                        "eventDateTime": when.isoformat(),
                    }
                ],
            }
        )
    extension = {
        "service_id": service.service_id,
        "name": service.name,
        "operator": service.operator,
        "partners": service.partners,
        "mode": service.mode,
        "vessel_teu": service.vessel_teu,
        "frequency_days": service.frequency_days,
        "round_trip_days": service.round_trip_days,
        "reefer": service.reefer,
        "valid_from": None if service.valid_from is None else service.valid_from.isoformat(),
        "notes": service.notes,
        "source": service.source,
        "assumption": service.assumption,
        "calls": [
            {"notes": c.notes, "source": c.source, "assumption": c.assumption}
            for c in service.calls
        ],
    }
    return {
        "carrierServiceName": service.name[:50].strip(),
        "carrierServiceCode": _code(service.service_id),
        "vesselSchedules": [{"isDummyVessel": True, "transportCalls": calls}],
        EXTENSION: extension,
    }


def to_dcsa(
    services: Iterable[Service] | None = None, *, start: date | None = None, voyage: str = "0001"
) -> list[dict[str, Any]]:
    """Export services as a DCSA v1 list of ``ServiceSchedule`` objects.

    Parameters
    ----------
    services : iterable of Service, optional
        Services to export; by default every packaged service whose calls all
        have published or estimated day offsets.
    start : date, optional
        Date of the rotation's first call; each service's ``valid_from`` by default.
    voyage : str
        Placeholder ``carrierImportVoyageNumber`` / ``carrierExportVoyageNumber``.

    Raises
    ------
    InvalidInputError
        For a service with calls of unknown timing, or no start date.
    """
    chosen = (
        [s for s in load_services().values() if _timed(s) and not s.historical]
        if services is None
        else services
    )
    return [_export_one(s, start, voyage) for s in chosen]


def _get(obj: Any, key: str, kind: type | tuple[type, ...], path: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise DataError(f"DCSA schedule {path}: missing required field {key!r}")
    value = obj[key]
    if not isinstance(value, kind):
        raise DataError(f"DCSA schedule {path}.{key}: wrong type {type(value).__name__}")
    return value


def _call_time(call: dict[str, Any], path: str) -> datetime:
    stamps = _get(call, "timestamps", list, path)
    parsed: list[tuple[int, datetime]] = []
    for k, ts in enumerate(stamps):
        p = f"{path}.timestamps[{k}]"
        kind = _get(ts, "eventTypeCode", str, p)
        raw = _get(ts, "eventDateTime", str, p)
        try:
            when = datetime.fromisoformat(raw)
        except ValueError:
            raise DataError(f"DCSA schedule {p}.eventDateTime: not ISO 8601: {raw!r}") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        parsed.append((_EVENT_ORDER.get(kind, 2), when))
    if not parsed:
        raise DataError(f"DCSA schedule {path}.timestamps: at least one timestamp required")
    return min(parsed, key=lambda t: (t[0], t[1]))[1]


def _vessel_calls(vessel: Any, path: str) -> list[tuple[str, datetime]]:
    ports = load_ports()
    out: list[tuple[str, datetime]] = []
    for k, call in enumerate(_get(vessel, "transportCalls", list, path)):
        p = f"{path}.transportCalls[{k}]"
        location = _get(call, "location", dict, p)
        code = _get(location, "UNLocationCode", str, f"{p}.location")
        locode = ports.get_port(code, f"{p}.location.UNLocationCode").locode
        out.append((locode, _call_time(call, p)))
    return out


def _days(delta: timedelta) -> float:
    return round(delta.total_seconds() / 86400.0, 6)


def _import_one(
    item: Any, i: int, frequency_days: float | None, reefer: bool, source: str
) -> Service:
    path = f"[{i}]"
    code = _get(item, "carrierServiceCode", str, path)
    name = _get(item, "carrierServiceName", str, path)
    vessels = _get(item, "vesselSchedules", list, path)
    rotations = [_vessel_calls(v, f"{path}.vesselSchedules[{k}]") for k, v in enumerate(vessels)]
    rotations = [r for r in rotations if r]
    if not rotations:
        raise DataError(f"DCSA schedule {path}.vesselSchedules: no transport calls")
    first = rotations[0]
    t0 = first[0][1]
    ext = item.get(EXTENSION)
    meta: Mapping[str, Any] = ext if isinstance(ext, dict) else {}
    call_meta: Sequence[Any] = meta.get("calls") or []
    if call_meta and len(call_meta) != len(first):
        raise DataError(
            f"DCSA schedule {path}.{EXTENSION}.calls: length differs from transportCalls"
        )
    calls = tuple(
        Call(
            locode=locode,
            day_offset=_days(when - t0),
            notes=str(call_meta[k].get("notes", "")) if call_meta else "",
            source=str(call_meta[k].get("source", "")) if call_meta else source,
            assumption=bool(call_meta[k].get("assumption", False)) if call_meta else False,
        )
        for k, (locode, when) in enumerate(first)
    )
    freq = meta.get("frequency_days", frequency_days)
    if freq is None and len(rotations) > 1:
        gaps = [_days(b[0][1] - a[0][1]) for a, b in itertools.pairwise(rotations)]
        freq = statistics.median(gaps)
    if not isinstance(freq, int | float) or isinstance(freq, bool) or freq <= 0:
        raise InvalidInputError("frequency_days", f"a positive number of days for {code}", freq)
    valid = meta.get("valid_from")
    teu = meta.get("vessel_teu")
    rtd = meta.get("round_trip_days")
    return Service(
        service_id=str(meta.get("service_id", code)),
        name=str(meta.get("name", name)),
        operator=str(meta.get("operator", "")),
        frequency_days=float(freq),
        calls=calls,
        vessel_teu=None if teu is None else int(teu),
        round_trip_days=None if rtd is None else float(rtd),
        reefer=bool(meta.get("reefer", reefer)),
        mode=str(meta.get("mode", "container")),
        partners=str(meta.get("partners", "")),
        valid_from=date.fromisoformat(valid) if isinstance(valid, str) else t0.date(),
        notes=str(meta.get("notes", "")),
        source=str(meta.get("source", source)),
        assumption=bool(meta.get("assumption", False)),
    )


def from_dcsa(
    payload: object,
    *,
    frequency_days: float | None = None,
    reefer: bool = False,
    source: str = "DCSA Commercial Schedules import",
) -> dict[str, Service]:
    """Import a DCSA v1 list of ``ServiceSchedule`` objects (or one object).

    Day offsets are taken from the first vessel schedule with transport calls
    (arrival timestamp, else departure) relative to its first call.

    Parameters
    ----------
    payload : list or dict
        Parsed JSON.
    frequency_days : float, optional
        Sailing frequency when neither the ``x-corredor`` extension nor several
        vessel schedules give it.
    reefer, source : bool, str
        Values for services without the extension.

    Returns
    -------
    dict of str to Service
        Services by id, in payload order.

    Raises
    ------
    DataError
        On a missing or malformed field, naming its JSON path.
    UnknownPortError
        For a ``UNLocationCode`` the port table does not hold.
    """
    items = [payload] if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise DataError("DCSA schedule: expected a JSON array of service schedules")
    out: dict[str, Service] = {}
    for i, item in enumerate(items):
        service = _import_one(item, i, frequency_days, reefer, source)
        out[service.service_id] = service
    return out


def dumps_dcsa(services: Iterable[Service] | None = None, **kwargs: Any) -> str:
    """:func:`to_dcsa` serialised as indented JSON text."""
    return json.dumps(to_dcsa(services, **kwargs), indent=2, ensure_ascii=False)


def loads_dcsa(text: str, **kwargs: Any) -> dict[str, Service]:
    """:func:`from_dcsa` on JSON text; invalid JSON raises :class:`DataError`."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"DCSA schedule: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    return from_dcsa(payload, **kwargs)
