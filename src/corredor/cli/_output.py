"""Shared output helpers for CLI commands."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    """Output formats of commands that print a result."""

    table = "table"
    json = "json"
    geojson = "geojson"


class PlanFormat(StrEnum):
    """Output formats of ``corredor plan``."""

    table = "table"
    json = "json"
    geojson = "geojson"
    ileap = "ileap"


class TableFormat(StrEnum):
    """Output formats of commands without geometry."""

    table = "table"
    json = "json"


def print_json(data: Any) -> None:
    """Print JSON to stdout without rich markup or wrapping."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
