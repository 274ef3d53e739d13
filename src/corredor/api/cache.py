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
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CachedGets", "ResponseCache", "cached", "json_response"]

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


class CachedGets:
    """ASGI middleware: answer a repeated ``GET`` of a pure endpoint from memory.

    The endpoints listed in ``paths`` return a pure function of their URL and
    the packaged data, so a ``200`` JSON answer is kept under the exact path
    and query string, and the same request later is answered with those bytes
    without routing or parsing again (like a caching reverse proxy in front of
    the app). Errors are never kept; the cache is a bounded LRU.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache, paths: frozenset[str]) -> None:
        self.app = app
        self.cache = cache
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        body = self.cache.get(key)
        if body is not None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        status = 0
        json_body = False
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status, json_body
            if message["type"] == "http.response.start":
                status = message["status"]
                json_body = any(
                    k == b"content-type" and v.startswith(b"application/json")
                    for k, v in message.get("headers", [])
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if status == 200 and json_body:
            self.cache.put(key, b"".join(chunks))
