"""Errors as JSON: validation and :class:`CorredorError` to 4xx bodies naming the field.

Also the request limits: a pure ASGI middleware refusing bodies over a size
(413) and query strings over a length (414) before any endpoint runs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corredor.api.jobs import TooManyJobsError
from corredor.errors import CorredorError, InvalidInputError, UnknownCodeError

__all__ = [
    "NotAvailableError",
    "RequestLimits",
    "error_body",
    "install_error_handlers",
    "status_for",
]

log = logging.getLogger("corredor.api")


class NotAvailableError(CorredorError):
    """A capability this build does not have (HTTP 501)."""

    kind = "not_implemented"


def error_body(kind: str, argument: str | None, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON body of every error answer."""
    body: dict[str, Any] = {"error": kind, "argument": argument, "message": message}
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def status_for(exc: CorredorError) -> int:
    """HTTP status: 422 bad value, 404 unknown code, 429 busy, 501 absent, else 400."""
    if isinstance(exc, TooManyJobsError):
        return 429
    if isinstance(exc, NotAvailableError):
        return 501
    if isinstance(exc, UnknownCodeError):
        return 404
    if isinstance(exc, InvalidInputError):
        return 422
    return 400


def _field(loc: Sequence[Any]) -> str | None:
    """``("query", "teu")`` -> ``"teu"``; ``("body", "throughputs", 2)`` -> ``"throughputs"``."""
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header", "cookie")]
    names = [p for p in parts if not p.isdigit()]
    if names:
        return ".".join(names)
    return "body" if "body" in loc else None  # the body as a whole (not JSON, not an object)


def _json_safe(value: Any) -> Any:
    """Make a validation error's ``input`` printable (NaN, bytes, exceptions)."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return repr(value)
    return value


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    first = errors[0] if errors else {"loc": (), "msg": str(exc)}
    argument = _field(first.get("loc", ()))
    detail = [
        {
            "field": _field(e.get("loc", ())),
            "message": str(e.get("msg", "")),
            "input": _json_safe(e.get("input")),
        }
        for e in errors
    ]
    message = f"invalid {argument or 'request'}: {first.get('msg', 'invalid value')}"
    body = error_body("invalid_input", argument, message, detail=detail)
    return JSONResponse(body, status_code=422)


async def _corredor(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, CorredorError):  # pragma: no cover - registered for CorredorError
        raise exc
    matches = exc.close_matches if isinstance(exc, UnknownCodeError) else None
    body = error_body(exc.kind, exc.argument, exc.message, close_matches=matches)
    return JSONResponse(body, status_code=status_for(exc))


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**request.scope, "method": next(iter(route.methods))})
            if match is Match.FULL:
                methods |= route.methods
    return ", ".join(sorted(methods))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    code = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else "error"
    kind = {404: "not_found", 405: "method_not_allowed"}.get(code, "http_error")
    headers = dict(getattr(exc, "headers", None) or {})
    if code == 405:
        headers["Allow"] = _allowed_methods(request)
    return JSONResponse(error_body(kind, None, str(detail)), status_code=code, headers=headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(
        error_body("internal_error", None, "internal error; see the server log"), status_code=500
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(CorredorError, _corredor)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


class RequestLimits:
    """ASGI middleware: 413 for bodies over ``max_body`` bytes, 414 for long query strings.

    The declared ``Content-Length`` is checked first; a chunked body is counted
    as it streams and cut off at the limit.
    """

    def __init__(self, app: ASGIApp, max_body: int = 64 * 1024, max_query: int = 4096) -> None:
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await self._refuse(send, 414, "query", f"query string over {self.max_query} bytes")
            return
        headers = dict(scope.get("headers", []))
        if b"content-length" not in headers and b"transfer-encoding" not in headers:
            await self.app(scope, receive, send)  # no body (a GET): nothing to count
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    await self._refuse(send, 400, "content-length", "not an integer")
                    return
                if size > self.max_body:
                    await self._refuse(send, 413, "body", f"body over {self.max_body} bytes")
                    return
        # Read the body here (bounded), then replay it: a chunked body over the
        # limit is refused before the endpoint sees any of it.
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body:
                await self._refuse(send, 413, "body", f"body over {self.max_body} bytes")
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(send: Send, status: int, argument: str, message: str) -> None:
        kind = {413: "request_too_large", 414: "query_too_long"}.get(status, "invalid_input")
        body = json.dumps(error_body(kind, argument, message)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
