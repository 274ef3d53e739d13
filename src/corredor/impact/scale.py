"""Run the same tasks inline, on a local process pool or on a dask.distributed cluster.

:func:`map_ordered` calls ``fn(shared, item)`` for every item and returns
the results in item order, whatever the completion order, so results do
not depend on the scheduler. ``shared`` (the choice set and flow arrays) is
sent once per task to pool workers and scattered once (broadcast) to dask
workers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from corredor.errors import CorredorError, InvalidInputError

__all__ = ["CONNECT_TIMEOUT_S", "check_scheduler", "default_workers", "map_ordered"]

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

_ADDRESS = re.compile(r"^((tcp|tls|ucx)://[^\s/]+|inproc://\S+)$")
#: seconds to wait for a dask scheduler before giving up
CONNECT_TIMEOUT_S = 10.0


def check_scheduler(scheduler: str | None) -> str | None:
    """Validate a dask scheduler address (``tcp://HOST:PORT``); None passes through."""
    if scheduler is None:
        return None
    if not isinstance(scheduler, str) or not _ADDRESS.match(scheduler.strip()):
        raise InvalidInputError("scheduler", "a dask scheduler address tcp://HOST:PORT", scheduler)
    return scheduler.strip()


def default_workers() -> int:
    """Worker processes of the local pool: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(
    fn: Callable[[S, T], R],
    shared: S,
    items: Sequence[T],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[R]:
    """``[fn(shared, item) for item in items]`` on the chosen engine, in item order.

    Parameters
    ----------
    scheduler : str, optional
        dask.distributed scheduler address; the work runs on that cluster.
    workers : int, optional
        Local processes (default: :func:`default_workers`); 1 runs inline.
    progress : callable, optional
        Called with 1 after each finished item.
    """
    address = check_scheduler(scheduler)
    if address is not None:
        return _dask(fn, shared, items, address, progress)
    n = default_workers() if workers is None else workers
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidInputError("workers", "an integer >= 1", workers)
    n = min(n, len(items))
    if n <= 1:
        out = []
        for item in items:
            out.append(fn(shared, item))
            if progress:
                progress(1)
        return out
    results: list[Any] = [None] * len(items)
    with ProcessPoolExecutor(max_workers=n) as pool:
        futures = {pool.submit(fn, shared, item): i for i, item in enumerate(items)}
        for fut in as_completed(futures):
            results[futures[fut]] = fut.result()
            if progress:
                progress(1)
    return results


def _dask(
    fn: Callable[[S, T], R],
    shared: S,
    items: Sequence[T],
    address: str,
    progress: Callable[[int], None] | None,
) -> list[R]:
    from distributed import Client

    try:
        client = Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise CorredorError(
            f"cannot connect to dask scheduler {address}: {exc}", argument="scheduler"
        ) from None
    try:
        shared_future = client.scatter(shared, broadcast=True)  # type: ignore[no-untyped-call]
        futures = [client.submit(fn, shared_future, item, pure=False) for item in items]
        results: list[Any] = []
        for fut in futures:  # in item order; each waits for its own task
            results.append(fut.result())
            if progress:
                progress(1)
        return results
    finally:
        client.close()  # type: ignore[no-untyped-call]
