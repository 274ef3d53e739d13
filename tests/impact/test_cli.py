"""CLI: impact run|report|scenarios, runs list|show|export|delete, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corredor.cli._app import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_json_contract_and_runs_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = str(tmp_path / "cli.duckdb")
    code, out, _ = _run(
        capsys, "impact", "run", "chancay-phase1", "--seed", "3", "--draws", "4",
        "--store", store, "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    for key in (
        "run_id", "scenario", "volumes_by_gateway", "diverted_teu", "days_saved_total",
        "usd_saved_total", "co2e_change_t", "converged",
    ):  # fmt: skip
        assert key in data, key
    assert data["scenario"] == "chancay-phase1" and data["seed"] == 3
    assert data["volumes_by_gateway"]["scenario"]["PECHY"] > 0
    assert "PECHY" not in data["volumes_by_gateway"]["baseline"]

    code, out, _ = _run(capsys, "runs", "list", "--store", store, "--format", "json")
    assert code == 0
    assert [r["run_id"] for r in json.loads(out)] == [data["run_id"]]

    code, out, _ = _run(capsys, "runs", "show", data["run_id"], "--store", store)
    assert code == 0 and json.loads(out)["run_id"] == data["run_id"]

    html = tmp_path / "rep" / "report.html"
    code, out, _ = _run(
        capsys, "impact", "report", data["run_id"], "--out", str(html), "--store", store
    )
    assert code == 0
    text = html.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") == 5 and data["run_id"] in text
    png = html.with_name("report_map.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    code, out, _ = _run(
        capsys, "runs", "export", data["run_id"], "--out", str(tmp_path / "pq"), "--store", store
    )
    assert code == 0 and len(list((tmp_path / "pq").glob("*.parquet"))) == 5

    code, _, _ = _run(capsys, "runs", "delete", data["run_id"], "--store", store)
    assert code == 0
    code, out, _ = _run(capsys, "runs", "list", "--store", store, "--format", "json")
    assert json.loads(out) == []


def test_table_output_and_env_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _run(capsys, "impact", "run", "baseline", "--draws", "0")
    assert code == 0 and "PECLL" in out and "stored as" in out
    assert (tmp_path / "results.duckdb").exists()  # $CORREDOR_STORE (conftest)
    code, out, _ = _run(capsys, "runs", "list")
    assert code == 0 and "baseline" in out
    code, out, _ = _run(capsys, "impact", "scenarios", "--format", "json")
    assert code == 0
    assert {"baseline", "chancay-phase1", "chancay-phase2", "panama-drought"} <= {
        r["name"] for r in json.loads(out)
    }


def test_scenario_file_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('extends = "chancay-phase2"\ndraws = 0\n', encoding="utf-8")
    code, out, _ = _run(capsys, "impact", "run", str(path), "--no-save", "--format", "json")
    assert code == 0 and json.loads(out)["scenario"] == "mine"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["impact", "run", "chancay-phse1"], "did you mean chancay-phase1"),
        (["impact", "run", "chancay-phase1", "--scheduler", "localhost:8786"], "scheduler"),
        (["impact", "run", "chancay-phase1", "--flows", "FLOWS"], "flows.teu"),
        (["impact", "run", "chancay-phase1", "--flows", "MISSING.csv"], "not found"),
        (["impact", "run", "chancay-phase1", "--seed", "-1"], "seed"),
        (["runs", "show", "nope"], "run"),
        (["impact", "report", "nope", "--out", "x.html"], "run"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], needle: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("origin,destination,commodity,teu\nLima,CNSHA,soybeans,-5\n", encoding="utf-8")
    args = [
        str(bad) if a == "FLOWS" else str(tmp_path / a) if a == "MISSING.csv" else a for a in args
    ]
    code, _, err = _run(capsys, *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error"), err
    assert needle in lines[0]
