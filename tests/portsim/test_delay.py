"""Planner link: wait curves, PortDelayModel, packaged curves; tables and warm-up."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq
import pytest

from corredor.errors import InvalidInputError, UnknownCodeError
from corredor.portsim import (
    PortDelayModel,
    WaitCurve,
    mser5,
    packaged_curves,
    simulate,
    wait_time_curve,
)


@pytest.fixture(scope="module")
def curve() -> WaitCurve:
    return wait_time_curve(
        "chancay-phase1", [1.2e6, 0.4e6, 0.8e6, 1.9e6], years=0.5, replications=4, seed=3
    )


def test_curve_is_sorted_increasing_and_flags_saturation(curve: WaitCurve) -> None:
    c = curve.columns
    assert c["teu_per_year"].tolist() == [0.4e6, 0.8e6, 1.2e6, 1.9e6]
    assert np.all(np.diff(c["mean_wait_h"]) > 0)
    assert np.all(np.diff(c["berth_utilisation"]) > 0)
    assert c["saturated"].tolist() == [0.0, 0.0, 0.0, 1.0]
    assert np.all(c["mean_wait_h_ci_low"] <= c["mean_wait_h"])
    assert np.all(c["mean_wait_h"] <= c["mean_wait_h_ci_high"])


def test_delay_model_interpolates_and_refuses_beyond_stable_range(curve: WaitCurve) -> None:
    model = curve.delay_model("mean_wait_h")
    c = curve.columns
    assert model.max_teu_per_year == 1.2e6
    assert model(0.8e6) == pytest.approx(c["mean_wait_h"][1])
    mid = model(1.0e6)
    assert c["mean_wait_h"][1] <= mid <= c["mean_wait_h"][2]
    assert model(0.0) == 0.0
    assert model(0.2e6) == pytest.approx(c["mean_wait_h"][0] / 2)
    with pytest.raises(InvalidInputError, match="teu_per_year"):
        model(1.5e6)
    with pytest.raises(InvalidInputError, match="teu_per_year"):
        model(float("nan"))
    turnaround = curve.delay_model()
    assert turnaround(0.1e6) == pytest.approx(c["mean_turnaround_h"][0])


def test_delay_model_is_monotone() -> None:
    model = PortDelayModel("PECHY", "mean_wait_h", (1.0, 2.0, 3.0), (5.0, 4.0, 6.0))
    assert model.hours == (5.0, 5.0, 6.0)
    with pytest.raises(InvalidInputError):
        PortDelayModel("PECHY", "mean_wait_h", (2.0, 1.0), (1.0, 2.0))


def test_curve_round_trips_and_exports(curve: WaitCurve, tmp_path: Path) -> None:
    again = WaitCurve.from_dict(json.loads(json.dumps(curve.to_dict())))
    assert again.columns.keys() == curve.columns.keys()
    assert np.array_equal(again.columns["mean_wait_h"], curve.columns["mean_wait_h"])
    table = pq.read_table(curve.to_parquet(tmp_path / "c.parquet"))
    assert table.num_rows == 4 and "mean_wait_h_ci_high" in table.column_names
    db = curve.to_duckdb(tmp_path / "c.duckdb")
    with duckdb.connect(str(db)) as con:
        assert con.execute("select count(*) from portsim_wait_curve").fetchone() == (4,)


def test_packaged_curves_give_planner_delays() -> None:
    curves = packaged_curves()
    assert set(curves) == {"callao-muelle-sur", "chancay-phase1", "chancay-phase2"}
    for curve in curves.values():
        assert curve.replications >= 20  # generating parameters recorded
    chancay = PortDelayModel.packaged("PECHY")
    assert chancay.locode == "PECHY" and "replications" in chancay.note
    assert 15.0 < chancay(1.0e6) < 60.0  # hours alongside plus waiting
    assert PortDelayModel.packaged("chancay-phase2", "p95_wait_h")(1.0e6) >= 0
    with pytest.raises(UnknownCodeError):
        PortDelayModel.packaged("PEXXX")


def test_result_tables(tmp_path: Path) -> None:
    res = simulate("chancay-phase1", replications=3, years=0.2, seed=1)
    table = pq.read_table(res.to_parquet(tmp_path / "r.parquet"))
    assert table.num_rows == 3 and "mean_wait_h" in table.column_names
    with duckdb.connect(str(res.to_duckdb(tmp_path / "r.duckdb"))) as con:
        rows = con.execute(
            "select replication, mean_wait_h from portsim_replications order by 1"
        ).fetchall()
    assert [r[0] for r in rows] == [0, 1, 2]
    with pytest.raises(InvalidInputError, match="path"):
        res.to_parquet(tmp_path / "r.csv")
    data = res.to_dict()
    for key in ("throughput_teu", "berth_utilisation", "mean_wait_h", "p95_wait_h"):
        assert {"mean", "ci_low", "ci_high"} <= data[key].keys()


def test_mser5_finds_a_known_transient() -> None:
    rng = np.random.default_rng(0)
    series = np.concatenate([np.linspace(0.0, 10.0, 60), 10.0 + rng.normal(0, 1, 600)])
    assert 40 <= mser5(series) <= 80
    assert mser5(10.0 + rng.normal(0, 1, 600)) <= 30
    assert mser5([1.0, 2.0]) == 0


def test_auto_warmup_is_detected_and_removed() -> None:
    res = simulate("chancay-phase1", replications=3, years=0.3, seed=2, warmup_days="auto")
    assert res.warmup_method == "mser5"
    assert 1.0 <= res.warmup_days <= 60.0


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"years": 0.0}, "years"),
        ({"years": float("nan")}, "years"),
        ({"replications": 0}, "replications"),
        ({"replications": 2.5}, "replications"),
        ({"teu_per_year": -1.0}, "teu_per_year"),
        ({"workers": 0}, "workers"),
        ({"seed": -1}, "seed"),
        ({"warmup_days": -3.0}, "warmup_days"),
    ],
)
def test_simulate_rejects_bad_arguments(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        simulate("chancay-phase1", **kwargs)  # type: ignore[arg-type]
    assert err.value.argument == argument


def test_saturated_terminal_is_flagged() -> None:
    res = simulate("chancay-phase1", teu_per_year=2.5e6, replications=2, years=0.3)
    assert any("saturated" in w for w in res.warnings)
