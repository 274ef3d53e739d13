"""Results store: round trip, Parquet export, deletion, atomic writes under SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corredor.errors import DataError, UnknownCodeError
from corredor.impact import ImpactResult, run_impact
from corredor.store import RESULT_TABLES, ResultsStore, default_store_path


@pytest.fixture(scope="module")
def result() -> ImpactResult:
    return run_impact("chancay-phase1", draws=3, save=False)


def test_default_path_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORREDOR_STORE", str(tmp_path / "x.duckdb"))
    assert default_store_path() == tmp_path / "x.duckdb"
    assert ResultsStore().path == tmp_path / "x.duckdb"
    monkeypatch.delenv("CORREDOR_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "corredor" / "results.duckdb"


def test_round_trip_export_delete(tmp_path: Path, result: ImpactResult) -> None:
    store = ResultsStore(tmp_path / "r.duckdb")
    assert store.list_runs() == []
    run_id = store.save(result)
    runs = store.list_runs()
    assert [r["run_id"] for r in runs] == [run_id]
    row = runs[0]
    assert row["scenario"] == "chancay-phase1" and row["status"] == "complete"
    assert row["inputs_hash"] == result.inputs_hash and row["corredor_version"]
    assert store.show(run_id) == result.to_dict()
    flows = store.table(run_id, "run_flows")
    assert len(flows["flow_id"]) == result.n_flows
    files = store.export(run_id, tmp_path / "out")
    assert {p.name for p in files} == {f"{run_id}_{t}.parquet" for t in ("runs", *RESULT_TABLES)}
    assert (
        pq.read_table(tmp_path / "out" / f"{run_id}_run_flows.parquet").num_rows == result.n_flows
    )
    store.delete(run_id)
    assert store.list_runs() == []
    with pytest.raises(UnknownCodeError):
        store.show(run_id)


def test_unknown_run_and_missing_store(tmp_path: Path, result: ImpactResult) -> None:
    with pytest.raises(DataError):
        ResultsStore(tmp_path / "none.duckdb").show("x")
    store = ResultsStore(tmp_path / "r.duckdb")
    run_id = store.save(result)
    with pytest.raises(UnknownCodeError) as info:
        store.show(run_id[:-1] + "z")
    assert run_id in info.value.close_matches
    with pytest.raises(UnknownCodeError):
        store.table(run_id, "no_table")


def test_failed_write_leaves_nothing(tmp_path: Path, result: ImpactResult) -> None:
    store = ResultsStore(tmp_path / "r.duckdb")

    def boom() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.save(result, before_commit=boom)
    assert store.list_runs() == []
    for name in RESULT_TABLES:
        with pytest.raises(UnknownCodeError):
            store.table(result.run_id, name)


_WRITER = textwrap.dedent(
    """
    import sys, time
    from corredor.impact import run_impact
    from corredor.store import ResultsStore

    store = ResultsStore(sys.argv[1])
    first = run_impact("baseline", draws=0, save=False)
    store.save(first)
    second = run_impact("chancay-phase1", draws=0, save=False)

    def pause():
        print("WRITTEN", flush=True)
        time.sleep(60)

    store.save(second, before_commit=pause)
    """
)


def test_killed_writer_leaves_a_readable_store_without_the_partial_run(tmp_path: Path) -> None:
    path = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if "WRITTEN" in line or not line:
                break
        assert "WRITTEN" in line, "writer did not reach the commit point"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    store = ResultsStore(path)
    runs = store.list_runs()
    assert [r["scenario"] for r in runs] == ["baseline"]
    run_id = runs[0]["run_id"]
    flows = store.table(run_id, "run_flows")
    assert len(flows["flow_id"]) == runs[0]["n_flows"]
    # no orphan result rows of the killed run in any table
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        for name in RESULT_TABLES:
            row = con.execute(f"SELECT count(*) FROM {name} WHERE run_id <> ?", [run_id]).fetchone()
            assert row is not None and row[0] == 0, name
    finally:
        con.close()


def test_cli_run_killed_at_any_moment_leaves_zero_or_one_complete_run(tmp_path: Path) -> None:
    """SIGKILL a real `corredor impact run` while it plans, assigns or writes."""
    path = tmp_path / "cli-killed.duckdb"
    code = (
        "import sys; from corredor.cli import main; "
        "sys.argv = ['corredor', 'impact', 'run', 'chancay-phase1', '--draws', '2', "
        f"'--store', {str(path)!r}]; main()"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL)
    time.sleep(2.5)  # inside the run (imports + planning take longer than this)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    if not path.exists():
        return  # killed before the first write: nothing to check
    store = ResultsStore(path)
    runs = store.list_runs()
    assert len(runs) <= 1
    ids = {r["run_id"] for r in runs}
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        for name in RESULT_TABLES:
            rows = con.execute(f"SELECT DISTINCT run_id FROM {name}").fetchall()
            assert {r[0] for r in rows} <= ids, name
    finally:
        con.close()
