"""Scheduled liner services: rotations, direct and transshipment options, DCSA exchange.

Public API
----------
:func:`load_services`, :func:`get_service`, :func:`read_services_csv`
    The packaged services (``data/planner/services.csv`` and
    ``service_calls.csv``) or a user's own files, validated.
:func:`direct_options`, :func:`transshipment_options`, :func:`service_option`
    Port-to-port options with transit days from the rotations.
:func:`to_dcsa`, :func:`from_dcsa`, :func:`dumps_dcsa`, :func:`loads_dcsa`
    DCSA Commercial Schedules v1 service schedules (export and import).
"""

from __future__ import annotations

from corredor.services.dcsa import DCSA_VERSION, dumps_dcsa, from_dcsa, loads_dcsa, to_dcsa
from corredor.services.load import get_service, load_services, parse_services, read_services_csv
from corredor.services.model import Call, Service, ServiceOption, TransshipmentOption
from corredor.services.options import (
    DEFAULT_CONNECTION_DAYS,
    ConnectionTime,
    direct_options,
    service_option,
    transshipment_options,
)
from corredor.services.select import services_in_force

__all__ = [
    "DCSA_VERSION",
    "DEFAULT_CONNECTION_DAYS",
    "Call",
    "ConnectionTime",
    "Service",
    "ServiceOption",
    "TransshipmentOption",
    "direct_options",
    "dumps_dcsa",
    "from_dcsa",
    "get_service",
    "load_services",
    "loads_dcsa",
    "parse_services",
    "read_services_csv",
    "service_option",
    "services_in_force",
    "to_dcsa",
    "transshipment_options",
]
