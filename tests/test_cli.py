"""The CLI contract: commands, JSON fields, and bad input -> one line, exit code 2."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.cli._app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_route_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "route", "PECHY", "CNSHA", "--format", "json")
    assert code == 0
    data = json.loads(out)
    for key in ("distance_nm", "distance_km", "passages", "sailing_days", "geometry"):
        assert key in data
    assert data["geometry"]["type"] in ("LineString", "MultiLineString")
    assert data["distance_km"] == pytest.approx(data["distance_nm"] * 1.852, rel=1e-3)


def test_route_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "route", "COCTG", "CNSHA", "--avoid", "panama", "--speed", "14", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert "panama" not in data["passages"] and data["speed_kn"] == 14
    code, out, _ = run(
        capsys, "route", "BRSSZ", "PECHY", "--via", "magellan", "--format", "geojson"
    )
    assert code == 0 and json.loads(out)["features"][0]["properties"]["passages"] == ["magellan"]
    code, out, _ = run(capsys, "route", "PECHY", "CNSHA")
    assert code == 0 and "Chancay" in out and "days" in out


def test_ports_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ports", "search", "chancay", "--format", "json")
    assert code == 0 and json.loads(out)[0]["locode"] == "PECHY"
    code, out, _ = run(capsys, "ports", "show", "PECHY", "--format", "json")
    assert code == 0 and json.loads(out)["max_draft_m"] == 17.8
    code, out, _ = run(capsys, "ports", "show", "PECHY")
    assert code == 0 and "Chancay" in out


@pytest.mark.parametrize(
    "args",
    [
        ["route", "XXXXX", "CNSHA"],
        ["route", "PECHY", "CNSHA", "--avoid", "nowhere"],
        ["route", "PECHY", "CNSHA", "--speed", "nan"],
        ["route", "PECHY", "CNSHA", "--speed", "-3"],
        ["route", "PECHY", "CNSHA", "--max-draft", "inf"],
        ["route", "COCTG", "CNSHA", "--avoid", "panama", "--via", "panama"],
        ["ports", "show", "NOPE1"],
        ["ports", "search", "x", "--limit", "0"],
    ],
)
def test_bad_input_is_one_line_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1 and err.startswith("error:")


@settings(max_examples=40, deadline=None)
@given(
    origin=st.text(min_size=0, max_size=8),
    speed=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(17.0)),
)
def test_fuzzed_route_input_never_tracebacks(origin: str, speed: float) -> None:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["route", origin, "CNSHA", "--speed", repr(speed), "--format", "json"])
    assert code in (0, 2)
    assert "Traceback" not in err.getvalue()


def test_sources_lists_every_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sources", "--format", "json")
    assert code == 0
    tables = {s["table"]: s for s in json.loads(out)}
    assert {"ports.csv", "port_overrides.csv", "passages.csv"} <= set(tables)
    assert all(s["rows"] > 0 and s["sources"] for s in tables.values())


def test_demo_writes_geojson_and_png(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path))
    assert code == 0
    for name in ("Chancay", "Callao", "Santos", "Cartagena", "Manzanillo", "Valpara"):
        assert name in out
    fc = json.loads((tmp_path / "routes_to_shanghai.geojson").read_text())
    assert len(fc["features"]) == 6
    by_code = {f["properties"]["origin"]["locode"]: f["properties"] for f in fc["features"]}
    assert by_code["COCTG"]["passages"] == ["panama"]
    assert by_code["PECHY"]["distance_nm"] != by_code["PECLL"]["distance_nm"]
    png = (tmp_path / "routes_to_shanghai.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    # the headline comparison, the catchment table and the e-commerce case
    assert "with / without PECHY" in out and "days saved" in out
    assert "Mato Grosso" in out and "Xiamen" in out
    legs = json.loads((tmp_path / "headline_itineraries.geojson").read_text())["features"]
    assert {f["properties"]["role"] for f in legs} == {"with", "without"}
    assert (tmp_path / "headline_itineraries.png").read_bytes()[:4] == b"\x89PNG"


def test_plan_and_compare_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries",
        "--teu", "2", "--format", "json",
    )  # fmt: skip
    assert code == 0
    its = json.loads(out)["itineraries"]
    assert its
    for it in its:
        for key in ("total_days", "cost_usd", "co2e_kg", "arrives_sellable",
                    "remaining_shelf_life_days", "gateway", "legs"):  # fmt: skip
            assert key in it
        assert sum(leg["days"] for leg in it["legs"]) == pytest.approx(it["total_days"])
        for leg in it["legs"]:
            assert {"mode", "from", "to", "distance_km", "days", "cost_usd", "co2e_kg"} <= set(leg)
    code, out, _ = run(
        capsys, "plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries",
        "--exclude", "PECHY", "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert all(it["gateway"] != "PECHY" for it in json.loads(out)["itineraries"])
    code, out, _ = run(
        capsys, "compare", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity",
        "blueberries", "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["with"]["gateway"] == "PECHY" and data["without"]["gateway"] != "PECHY"
    code, out, _ = run(capsys, "compare", "--from", "Trujillo, PE", "--to", "CNSHA",
                       "--commodity", "blueberries")  # fmt: skip
    assert code == 0 and "where the days go" in out


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--from", "Nowhere", "--to", "CNSHA", "--commodity", "blueberries"],
        ["plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "kiwi-ish"],
        ["plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries",
         "--teu", "nan"],
        ["plan", "--from", "Trujillo, PE", "--to", "CNSHA", "--commodity", "blueberries",
         "--exclude", "sea"],
    ],
)  # fmt: skip
def test_plan_bad_input_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
