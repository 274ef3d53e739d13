"""CLI commands and the examples of docs/portsim.md, run for real."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

import corredor.portsim
from corredor.cli._app import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "portsim.md"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_queue_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys,
        "simulate",
        "queue",
        "--arrival-rate",
        "0.5",
        "--service-rate",
        "0.15",
        "--berths",
        "4",
        "--vessels",
        "20000",
        "--seed",
        "1",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["vessels"] == 20000
    assert 0.7 < data["utilisation"] < 0.95
    assert data["mean_wait_h"] == pytest.approx(data["theory_wait_h"], rel=0.25)
    assert abs(data["little_residual"]) < 1e-9


def test_chancay_json_has_cis_and_pure_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    png = tmp_path / "c.png"
    code, out, _ = _run(
        capsys,
        "simulate",
        "chancay",
        "--teu-per-year",
        "1.0e6",
        "--years",
        "0.5",
        "--replications",
        "4",
        "--format",
        "json",
        "--plot",
        str(png),
        "--out",
        str(tmp_path / "r.parquet"),
    )
    assert code == 0
    data = json.loads(out)
    for key in ("throughput_teu", "berth_utilisation", "mean_wait_h", "p95_wait_h"):
        assert data[key]["ci_low"] <= data[key]["mean"] <= data[key]["ci_high"]
    assert data["run"]["replications"] == 4
    assert png.stat().st_size > 10_000 and (tmp_path / "r.parquet").exists()


def test_table_output_and_scenario_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "simulate", "chancay", "--phase", "2", "--replications", "2", "--years", "0.2"
    )
    assert code == 0 and "mean_wait_h" in out and "chancay-phase2" in out
    code, out, _ = _run(capsys, "simulate", "scenarios", "--format", "json")
    assert code == 0 and len(json.loads(out)["scenarios"]) == 3
    code, out, _ = _run(
        capsys, "simulate", "scenarios", "--sources", "chancay-phase1", "--format", "json"
    )
    assert code == 0 and "Sea-Intelligence" in json.loads(out)["arrivals.on_time_share"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "simulate",
                "queue",
                "--arrival-rate",
                "0.7",
                "--service-rate",
                "0.15",
                "--berths",
                "4",
            ],
            "arrival_rate",
        ),
        (
            [
                "simulate",
                "queue",
                "--arrival-rate",
                "nan",
                "--service-rate",
                "0.15",
                "--berths",
                "4",
            ],
            "arrival_rate",
        ),
        (
            [
                "simulate",
                "queue",
                "--arrival-rate",
                "0.1",
                "--service-rate",
                "0.15",
                "--berths",
                "4",
                "--service",
                "x",
            ],
            "--service",
        ),
        (["simulate", "chancay", "--format", "xml"], "--format"),
        (["simulate", "chancay", "--phase", "3"], "--phase"),
        (["simulate", "chancay", "--set", "cranes.count=-2"], "cranes.count"),
        (["simulate", "chancay", "--set", "nonsense"], "--set"),
        (["simulate", "chancay", "--years", "-1"], "years"),
        (["simulate", "chancay", "--warmup-days", "soon"], "--warmup-days"),
        (["simulate", "terminal", "nowhere.toml"], "cannot read"),
        (["simulate", "terminal", "chancay-phase7"], "chancay-phase1"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_doc_python_examples_run(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(_blocks("python")[index], f"docs/portsim.md[python {index}]", "exec"), {})
    assert capsys.readouterr().err == "" or True  # progress-free API: nothing required on stderr


def _commands() -> list[str]:
    return [
        line[2:]
        for block in _blocks("console")
        for line in block.splitlines()
        if line.startswith("$ ")
    ]


@pytest.mark.parametrize("command", _commands())
def test_doc_cli_examples_run(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = shlex.split(command)
    assert args[0] == "corredor"
    code, out, err = _run(capsys, *args[1:])
    assert code == 0, err
    if "--format" in args and args[args.index("--format") + 1] == "json":
        json.loads(out)


def test_doc_toml_example_is_a_valid_scenario(tmp_path: Path) -> None:
    path = tmp_path / "my-chancay.toml"
    path.write_text(_blocks("toml")[0], "utf-8")
    scen = corredor.portsim.load_scenario(path)
    assert scen.cranes.count == 8 and scen.sources["cranes.count"].startswith("assumption")


def test_public_api() -> None:
    expected = {
        "CURVE_METRICS",
        "METRICS",
        "Estimate",
        "PortDelayModel",
        "QueueResult",
        "Replication",
        "Scenario",
        "SimulationResult",
        "TerminalRun",
        "TraceEvent",
        "WaitCurve",
        "cosmetatos_wait",
        "erlang_c_wait",
        "estimate",
        "load_scenario",
        "mdc_wait",
        "mser5",
        "override",
        "packaged_curves",
        "packaged_scenarios",
        "plot_result",
        "plot_wait_curve",
        "run_replication",
        "run_terminal",
        "simulate",
        "simulate_queue",
        "wait_time_curve",
    }
    assert set(corredor.portsim.__all__) == expected
    for name in expected:
        assert getattr(corredor.portsim, name) is not None
    with pytest.raises(AttributeError):
        _ = corredor.portsim.no_such_name  # type: ignore[attr-defined]
