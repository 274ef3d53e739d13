"""An in-process client of a fresh app (its own cache, job registry and results store)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corredor.api import create_app
from corredor.cli._app import main


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(results_store=tmp_path / "runs.duckdb")) as c:
        yield c


@pytest.fixture
def cli_json(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``corredor ...`` in-process and parse its JSON output."""

    def run(*args: str) -> Any:
        capsys.readouterr()
        assert main(list(args)) == 0, args
        return json.loads(capsys.readouterr().out)

    return run
