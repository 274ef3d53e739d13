"""A small per-app LRU cache of computed responses, keyed by the request's inputs.

Sea routes, plans and comparisons are pure functions of their parameters and
the packaged data, so a repeated query is answered from memory. The cache
lives on ``app.state`` (one per app instance) and is bounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request

__all__ = ["ResponseCache", "cached"]

T = TypeVar("T")


class ResponseCache:
    """Thread-safe LRU mapping of input keys to JSON-able results."""

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computing (outside the lock) on a miss.

        Errors are not cached: the exception propagates and the next call
        computes again.
        """
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
        value = compute()
        if self._size > 0:
            with self._lock:
                self._data[key] = value
                self._data.move_to_end(key)
                while len(self._data) > self._size:
                    self._data.popitem(last=False)
        return value


def cached(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """Look ``key`` up in the app's :class:`ResponseCache`."""
    cache: ResponseCache = request.app.state.cache
    value: T = cache.get_or_compute(key, compute)
    return value
