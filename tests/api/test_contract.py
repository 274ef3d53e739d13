"""The API returns what the CLI prints: same functions, same JSON."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import typer.main
from fastapi.testclient import TestClient

from corredor.cli._app import app as cli_app


def test_route_json_is_the_cli_json(client: TestClient, cli_json: Any) -> None:
    r = client.get("/route", params={"origin": "PECHY", "destination": "CNSHA"})
    assert r.status_code == 200
    assert r.json() == cli_json("route", "PECHY", "CNSHA", "--format", "json")


def test_route_options_match_the_cli(client: TestClient, cli_json: Any) -> None:
    params = {"origin": "BRSSZ", "destination": "CNSHA", "avoid": ["panama"], "speed": 16.0}
    expected = cli_json(
        "route", "BRSSZ", "CNSHA", "--avoid", "panama", "--speed", "16", "--format", "json"
    )
    assert client.get("/route", params=params).json() == expected
    geo = client.get("/route", params={**params, "format": "geojson"}).json()
    assert geo == cli_json(
        "route", "BRSSZ", "CNSHA", "--avoid", "panama", "--speed", "16", "--format", "geojson"
    )


def test_plan_query_is_the_cli_plan(client: TestClient, cli_json: Any) -> None:
    r = client.get(
        "/plan",
        params={"from": "Trujillo, PE", "to": "CNSHA", "commodity": "blueberries", "teu": 2},
    )
    assert r.status_code == 200
    expected = cli_json(
        "plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries",
        "--teu", "2", "--format", "json",
    )  # fmt: skip
    assert r.json() == expected
    assert r.json()["itineraries"][0]["gateway"] == "PECHY"


def test_plan_exclude_repeats_like_the_cli(client: TestClient, cli_json: Any) -> None:
    r = client.get(
        "/plan",
        params={"from": "Sorriso", "to": "CNSHA", "commodity": "soybeans", "exclude": ["PECHY"]},
    )
    expected = cli_json(
        "plan", "--from", "Sorriso", "--to", "CNSHA", "--commodity", "soybeans",
        "--exclude", "PECHY", "--format", "json",
    )  # fmt: skip
    assert r.json() == expected
    assert all(it["gateway"] != "PECHY" for it in r.json()["itineraries"])


def _hints(command: str) -> dict[str, Any]:
    group: Any = typer.main.get_command(cli_app)
    return typing.get_type_hints(group.commands[command].callback)


def _cli_options(command: str) -> set[str]:
    """Option names of a CLI command, except those naming a file: a request never names one."""
    group: Any = typer.main.get_command(cli_app)
    hints = _hints(command)
    out = set()
    for param in group.commands[command].params:
        if Path in typing.get_args(hints[param.name]) or hints[param.name] is Path:
            continue
        long = [o for o in param.opts if o.startswith("--")]
        if long:
            out.add(long[0][2:].replace("-", "_"))
        elif param.param_type_name == "argument":
            out.add(param.name)
    out.discard("help")
    return out


def _api_params(client: TestClient, path: str) -> set[str]:
    spec = client.get("/openapi.json").json()
    return {p["name"] for p in spec["paths"][path]["get"]["parameters"]}


def test_every_cli_plan_option_is_a_query_parameter(client: TestClient) -> None:
    cli = _cli_options("plan")
    api = _api_params(client, "/plan")
    assert {"from", "to", "commodity", "teu", "exclude", "format"} <= cli
    # table output is the CLI's own; every other option is a query parameter
    assert cli - api == set(), f"CLI plan options missing from GET /plan: {cli - api}"
    spec = client.get("/openapi.json").json()
    fmt = next(p for p in spec["paths"]["/plan"]["get"]["parameters"] if p["name"] == "format")
    choices = {f.value for f in _hints("plan")["fmt"]}
    assert choices - {"table"} == set(fmt["schema"]["enum"])


def test_plan_ileap_is_the_cli_ileap(client: TestClient, cli_json: Any) -> None:
    q = {"from": "Trujillo, PE", "to": "CNSHA", "commodity": "blueberries", "format": "ileap"}
    args = ("--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries")
    assert client.get("/plan", params=q).json() == cli_json("plan", *args, "--format", "ileap")


def test_every_cli_route_and_compare_option_is_a_query_parameter(client: TestClient) -> None:
    assert _cli_options("route") - _api_params(client, "/route") == set()
    assert _cli_options("compare") - _api_params(client, "/compare") == set()


def test_compare_is_the_cli_compare(client: TestClient, cli_json: Any) -> None:
    r = client.get(
        "/compare", params={"from": "Trujillo, PE", "to": "CNSHA", "commodity": "blueberries"}
    )
    expected = cli_json(
        "compare", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries",
        "--format", "json",
    )  # fmt: skip
    assert r.json() == expected
    body = r.json()
    assert body["with"]["gateway"] == "PECHY" and body["without"]["gateway"] != "PECHY"


def test_catchment_is_the_cli_catchment(client: TestClient, cli_json: Any) -> None:
    r = client.get("/catchment")
    assert r.status_code == 200
    assert r.json() == cli_json("catchment", "--format", "json")
    geo = client.get("/catchment", params={"format": "geojson"}).json()
    assert len(geo["features"]) == len(r.json()["rows"])
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -90 <= lon <= -30 and -60 <= lat <= 15  # origins are in South America


def test_ports_and_sources_are_the_cli_json(client: TestClient, cli_json: Any) -> None:
    assert client.get("/ports/PECHY").json() == cli_json(
        "ports", "show", "PECHY", "--format", "json"
    )
    assert client.get("/ports", params={"q": "santos", "limit": 5}).json() == cli_json(
        "ports", "search", "santos", "--limit", "5", "--format", "json"
    )
    assert client.get("/sources").json() == cli_json("sources", "--format", "json")
    assert client.get("/scenarios").json() == cli_json("simulate", "scenarios", "--format", "json")


def test_places_search_finds_land_places(client: TestClient) -> None:
    hits = client.get("/places", params={"q": "trujillo"}).json()
    assert hits[0]["id"] == "trujillo" and hits[0]["label"] == "Trujillo, PE"
    accents = client.get("/places", params={"q": "sao paulo"}).json()
    assert accents[0]["id"] == "sao_paulo"
    assert len(client.get("/places").json()) >= 50


def test_plan_and_compare_geojson_are_the_cli_geojson(client: TestClient, cli_json: Any) -> None:
    q = {"from": "Sorriso", "to": "CNSHA", "commodity": "soybeans"}
    geo = client.get("/plan", params={**q, "format": "geojson"}).json()
    args = ("--from", "Sorriso", "--to", "CNSHA", "--commodity", "soybeans", "--format", "geojson")
    assert geo == cli_json("plan", *args)
    plain = client.get("/plan", params=q).json()["itineraries"]
    assert {f["properties"]["itinerary"] for f in geo["features"]} == set(range(len(plain)))
    for f in geo["features"]:
        lines = f["geometry"]["coordinates"]
        if f["geometry"]["type"] == "LineString":
            lines = [lines]
        assert all(-180 <= x <= 180 and -90 <= y <= 90 for line in lines for x, y in line)
    cmp = client.get("/compare", params={**q, "format": "geojson"}).json()
    assert cmp == cli_json("compare", *args)
    assert {f["properties"]["role"] for f in cmp["features"]} == {"with", "without"}


def test_basemap_is_packaged_geojson(client: TestClient) -> None:
    r = client.get("/basemap/110m")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    assert r.json()["type"] == "FeatureCollection"


def test_page_docs_and_schema_are_served_offline(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    for html in (page.text, docs.text):
        assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/app.js"):
        assert client.get(asset).status_code == 200
    spec = client.get("/openapi.json").json()
    wanted = {
        "/ports", "/ports/{locode}", "/route", "/plan", "/compare", "/simulate",
        "/simulate/{job_id}", "/impact", "/impact/{job_id}", "/runs", "/sources",
    }  # fmt: skip
    assert wanted <= set(spec["paths"])


def test_repeated_queries_answer_the_same_bytes_and_errors_are_not_kept(
    client: TestClient,
) -> None:
    url = "/route?origin=PECHY&destination=CNSHA"
    first, second = client.get(url), client.get(url)
    assert first.content == second.content
    assert second.headers["content-type"] == "application/json"
    assert int(second.headers["content-length"]) == len(second.content)
    for _ in range(2):
        bad = client.get("/route?origin=PECHY&destination=NOPE1")
        assert bad.status_code == 404 and bad.json()["argument"] == "destination"
    other = client.get("/route?destination=CNSHA&origin=PECHY")  # same query, other order
    assert other.json() == first.json()
