"""A small per-app LRU cache of computed responses, keyed by the request's inputs.

Sea routes, plans and comparisons are pure functions of their parameters and
the packaged data, so a repeated query is answered from memory: the cache
keeps the encoded JSON bytes, and a hit costs a dictionary lookup on the
event loop (no thread hop, no re-validation, no re-encoding). A miss is
computed on the thread pool. The cache lives on ``app.state`` (one per app
instance) and is bounded.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

__all__ = ["ResponseCache", "cached", "json_response"]

T = TypeVar("T")


class ResponseCache:
    """Thread-safe LRU mapping of input keys to computed values."""

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        """The value for ``key`` (marked recently used), or ``None``."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
            return None

    def put(self, key: Hashable, value: Any) -> None:
        """Store ``value``, forgetting the least recently used beyond the size."""
        if self._size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key``, computing (outside the lock) on a miss.

        Errors are not cached: the exception propagates and the next call
        computes again.
        """
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        out: T = value
        return out


def cached(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """Look ``key`` up in the app's :class:`ResponseCache` (computing on a miss)."""
    cache: ResponseCache = request.app.state.cache
    return cache.get_or_compute(key, compute)


def _encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


async def json_response(request: Request, key: Hashable, compute: Callable[[], Any]) -> Response:
    """A JSON response of ``compute()`` for ``key``: from the cache, or computed off the loop."""
    cache: ResponseCache = request.app.state.cache
    body = cache.get(("json", key))
    if body is None:
        body = await run_in_threadpool(lambda: _encode(compute()))
        cache.put(("json", key), body)
    return Response(body, media_type="application/json")
