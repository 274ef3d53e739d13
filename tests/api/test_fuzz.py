"""Schemathesis against the OpenAPI schema: every endpoint, bounded examples, zero 5xx.

Responses must also conform to the schema (status codes documented, bodies
matching their models). Rules the schema cannot state (a direct sailing only
for bulk cargo, ``max_days`` shorter than any itinerary, an unknown code) are
4xx answers to schema-valid requests, so schemathesis' "positive data
accepted" check is the one check left out. Background jobs run on the app's own registry, which
is drained when the module ends, so fuzzed simulations never outlive the tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from tempfile import mkdtemp

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from corredor.api import create_app

STORE_DIR = Path(mkdtemp(prefix="corredor-fuzz-"))
APP = create_app(max_pending_jobs=2, results_store=STORE_DIR / "runs.duckdb")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _drain_jobs() -> Iterator[None]:
    yield
    APP.state.jobs.shutdown()
    shutil.rmtree(STORE_DIR, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("CORREDOR_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=not os.environ.get("CORREDOR_FUZZ_RANDOM"),
)
def test_no_server_errors_and_responses_match_the_schema(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
