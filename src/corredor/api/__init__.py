"""HTTP API and offline web page (FastAPI).

>>> from corredor.api import create_app
>>> app = create_app()

Serve with ``corredor serve`` (or any ASGI server). Endpoints return the same
JSON as the CLI's ``--format json``; see ``docs/api.md``.
"""

from __future__ import annotations

from corredor.api.app import create_app

__all__ = ["create_app"]
