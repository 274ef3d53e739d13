"""CLI commands: simulate (port terminal simulation)."""

from __future__ import annotations

from corredor.cli._app import app  # noqa: F401
