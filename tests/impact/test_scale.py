"""Same inputs and seed: identical results inline, on a process pool and on dask."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from corredor.errors import CorredorError, InvalidInputError
from corredor.impact import run_impact, synthetic_flows
from corredor.impact.scale import check_scheduler, map_ordered


def _comparable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in ("run_id", "created_at", "scheduler")}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as lc:
        yield lc.scheduler_address


def _square(shared: int, item: int) -> int:
    return shared + item * item


def test_map_ordered_keeps_item_order(cluster: str) -> None:
    items = list(range(12))
    expected = [3 + i * i for i in items]
    assert map_ordered(_square, 3, items, workers=1) == expected
    assert map_ordered(_square, 3, items, workers=2) == expected
    assert map_ordered(_square, 3, items, scheduler=cluster) == expected


def test_pool_and_dask_give_identical_results(cluster: str) -> None:
    flows = synthetic_flows(3000, seed=5)
    kw: dict[str, Any] = {"flows": flows, "seed": 11, "draws": 6, "save": False}
    inline = run_impact("chancay-phase1", workers=1, **kw)
    pool = run_impact("chancay-phase1", workers=2, **kw)
    dask = run_impact("chancay-phase1", scheduler=cluster, **kw)
    assert pool.scheduler == "local:2" and dask.scheduler == cluster
    assert _comparable(pool.to_dict()) == _comparable(dask.to_dict())
    assert _comparable(inline.to_dict()) == _comparable(pool.to_dict())
    assert pool.flow_table == dask.flow_table


def test_chunk_size_does_not_change_results() -> None:
    flows = synthetic_flows(500, seed=2)
    a = run_impact("chancay-phase1", flows=flows, draws=0, save=False, chunk_size=64)
    b = run_impact("chancay-phase1", flows=flows, draws=0, save=False, chunk_size=100_000)
    for key in ("diverted_teu", "days_saved_total", "usd_saved_total", "co2e_change_t"):
        assert a.metrics[key] == pytest.approx(b.metrics[key], rel=1e-9)


def test_scheduler_addresses() -> None:
    assert check_scheduler(None) is None
    assert check_scheduler("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    for bad in ("10.0.0.5:8786", "http://x:1", "tcp://", ""):
        with pytest.raises(InvalidInputError):
            check_scheduler(bad)
    with pytest.raises(InvalidInputError):
        map_ordered(_square, 0, [1], workers=0)


def test_unreachable_scheduler_is_a_corredor_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("corredor.impact.scale.CONNECT_TIMEOUT_S", 1.0)
    with pytest.raises(CorredorError, match="scheduler"):
        map_ordered(_square, 0, [1, 2], scheduler="tcp://127.0.0.1:9")
