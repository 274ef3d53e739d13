"""Bad input is a 4xx JSON body naming the field; limits, CORS and paths are closed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from corredor.api import create_app

PLAN = {"from": "Trujillo, PE", "to": "CNSHA", "commodity": "blueberries"}


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/route", {"origin": "PECHY", "destination": "CNSHX"}, 404, "destination"),
        ("/route", {"origin": "XXXXX", "destination": "CNSHA"}, 404, "origin"),
        ("/route", {"origin": "PECHY", "destination": "CNSHA", "speed": "nan"}, 422, "speed"),
        ("/route", {"origin": "PECHY", "destination": "CNSHA", "speed": "inf"}, 422, "speed"),
        ("/route", {"origin": "PECHY", "destination": "CNSHA", "speed": "-3"}, 422, "speed"),
        ("/route", {"origin": "PECHY", "destination": "CNSHA", "avoid": "atlantis"}, 404, "avoid"),
        ("/route", {"origin": "PECHY"}, 422, "destination"),
        ("/plan", {**PLAN, "teu": "0"}, 422, "teu"),
        ("/plan", {**PLAN, "teu": "NaN"}, 422, "teu"),
        ("/plan", {**PLAN, "teu": "1e400"}, 422, "teu"),
        ("/plan", {**PLAN, "max_days": "nan"}, 422, "max_days"),
        ("/plan", {**PLAN, "commodity": "kryptonite"}, 404, "commodity"),
        ("/plan", {**PLAN, "from": "Atlantis"}, 404, "origin"),
        ("/plan", {**PLAN, "to": "ZZZZZ"}, 404, "destination"),
        ("/plan", {**PLAN, "exclude": "warp"}, 404, "exclude"),
        ("/plan", {**PLAN, "max_days": "1"}, 400, "max_days"),
        ("/plan", {"to": "CNSHA", "commodity": "blueberries"}, 422, "from"),
        ("/plan", {**PLAN, "format": "table"}, 422, "format"),
        ("/compare", {**PLAN, "without": "ZZZZZ"}, 404, "exclude"),
        ("/ports", {"q": "x", "limit": "0"}, 422, "limit"),
        ("/ports/ZZZZZ", {}, 404, "locode"),
    ],
)
def test_bad_input_is_4xx_naming_the_field(
    client: TestClient, path: str, params: dict[str, str], status: int, field: str
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["argument"] == field, body
    assert body["error"] and body["message"]


def test_unknown_code_lists_close_matches(client: TestClient) -> None:
    body = client.get("/ports/PECHX").json()
    assert body["error"] == "unknown_port" and "PECHY" in body["close_matches"]


def test_simulate_request_is_bounded(client: TestClient) -> None:
    cases = [
        ({"replications": 101}, "replications"),
        ({"years": 0}, "years"),
        ({"years": "NaN"}, "years"),
        ({"teu_per_year": 1e12}, "teu_per_year"),
        ({"throughputs": [1e5, float("inf")]}, "throughputs"),
        ({"replications": 100, "years": 5}, "replications"),  # 500 replication-years > bound
        ({"throughputs": [1e5, 2e5], "teu_per_year": 1e5}, "throughputs"),
        ({"bogus": 1}, "bogus"),
    ]
    for body, field in cases:
        r = client.post(
            "/simulate", content=_json(body), headers={"content-type": "application/json"}
        )
        assert r.status_code == 422, (body, r.text)
        assert r.json()["argument"] == field, (body, r.json())


def test_malformed_bodies_name_the_body(client: TestClient) -> None:
    for raw in (b"{not json", b"[1, 2]", b'"text"'):
        r = client.post("/simulate", content=raw, headers={"content-type": "application/json"})
        assert r.status_code == 422, raw
        assert r.json()["argument"] == "body", r.json()


def _json(data: object) -> bytes:
    import json

    return json.dumps(data).encode()  # NaN/inf as bare tokens, as a careless client sends


def test_scenario_is_a_name_never_a_path(client: TestClient) -> None:
    for name in ("../../etc/passwd", "/etc/passwd", "scenario.toml", "..", "C:\\x"):
        r = client.post("/simulate", json={"scenario": name})
        assert r.status_code == 422, name
        assert r.json()["argument"] == "scenario"
    r = client.post("/simulate", json={"scenario": "no-such-terminal"})
    assert r.status_code == 404 and r.json()["argument"] == "scenario"
    assert "chancay-phase1" in r.json()["close_matches"]


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/api/app.py",
        "/static/..%2f..%2fapi%2fapp.py",
        "/static/vendor/../../../data/ports.csv",
        "/basemap/..%2F..%2Fports.csv",
        "/basemap/%2Fetc%2Fpasswd",
        "/ports/..%2F..%2Fetc%2Fpasswd",
        "/runs/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_path_traversal_is_refused(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (404, 422), (path, r.status_code)
    assert "root:" not in r.text and "import" not in r.text and "locode,name" not in r.text


def test_request_size_limits() -> None:
    with TestClient(create_app(max_body_bytes=1024)) as c:
        big = b"{" + b" " * 2000 + b"}"
        r = c.post("/simulate", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["argument"] == "body"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            for _ in range(10):
                yield b" " * 200

        r = c.post("/simulate", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        r = c.get("/ports", params={"q": "x" * 5000})
        assert r.status_code == 414 and r.json()["argument"] == "query"


def test_cors_closed_by_default(client: TestClient) -> None:
    r = client.get("/ports/PECHY", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/plan",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in pre.headers
    assert pre.status_code >= 400


def test_cors_opens_only_to_named_origins() -> None:
    with TestClient(create_app(cors_origins=["https://ok.example"])) as c:
        ok = c.get("/health", headers={"Origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        bad = c.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers


def test_unknown_path_and_method_are_json(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = client.delete("/route")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"
