"""The FastAPI application: JSON endpoints, the offline web page and its docs.

Everything the page and ``/docs`` load is packaged under
``corredor/web/static`` (no CDN). CORS is closed unless origins are given.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from corredor import __version__
from corredor.api import routes_geo, routes_jobs, routes_plan
from corredor.api.cache import CachedGets, ResponseCache
from corredor.api.errors import RequestLimits, install_error_handlers
from corredor.api.jobs import JobRegistry
from corredor.api.models import HealthOut

__all__ = ["STATIC_DIR", "create_app"]

#: The packaged web assets (page, catalogues, vendored libraries).
STATIC_DIR = Path(str(resources.files("corredor").joinpath("web", "static")))

#: Endpoints whose 200 answer is a pure function of the URL and the packaged data.
PURE_GETS = ("/route", "/plan", "/compare", "/catchment")

#: Content-Security-Policy of the page: nothing but this server.
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

DESCRIPTION = """\
Plan and evaluate the Latin America - Asia trade corridor around Chancay.

Every endpoint calls the same functions as the `corredor` CLI and returns the
same JSON as its `--format json`. Errors are JSON bodies
`{"error", "argument", "message"}` naming the field at fault.
Simulations and impact analyses run as background jobs.
"""


def _warm() -> None:
    """Load the packaged networks and tables (each loader caches its result)."""
    from corredor.commodities import load_commodities
    from corredor.land import load_land_network
    from corredor.sea import sea_route

    sea_route("PECHY", "CNSHA")
    load_land_network()
    load_commodities()


def create_app(
    *,
    cors_origins: Sequence[str] = (),
    max_body_bytes: int = 64 * 1024,
    job_workers: int = 1,
    max_pending_jobs: int = 8,
    cache_size: int = 512,
    results_store: str | Path | None = None,
    warm: bool = False,
) -> FastAPI:
    """Build the corredor HTTP API and web page.

    Parameters
    ----------
    cors_origins : sequence of str
        Origins allowed to call the API from a browser page served elsewhere;
        empty (the default) sends no CORS headers at all.
    max_body_bytes : int
        Larger request bodies are refused with 413.
    job_workers : int
        Threads running background jobs (simulations, impact analyses).
    max_pending_jobs : int
        Jobs queued or running at once; more are refused with 429.
    cache_size : int
        Responses kept per app for repeated route/plan/compare queries.
    results_store : str or Path, optional
        DuckDB file of impact runs (``/runs``); default the CLI's
        (``$CORREDOR_STORE`` or the user data directory).
    warm : bool
        Load the sea and land networks in a background thread at start-up, so
        the first route or plan a user asks for is answered at full speed.

    Returns
    -------
    fastapi.FastAPI
        Serve it with ``uvicorn`` or ``corredor serve``.
    """
    jobs = JobRegistry(workers=job_workers, max_pending=max_pending_jobs)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=_warm, name="corredor-warm", daemon=True).start()
        yield
        jobs.shutdown()

    app = FastAPI(
        title="corredor",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.jobs = jobs
    app.state.cache = ResponseCache(cache_size)
    app.state.store_path = results_store
    install_error_handlers(app)
    app.include_router(routes_geo.router)
    app.include_router(routes_plan.router)
    app.include_router(routes_jobs.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        html = (STATIC_DIR / "index.html").read_bytes()
        return Response(
            html,
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"},
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="corredor API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/health", tags=["meta"], response_model=HealthOut)
    def health() -> dict[str, str]:
        """Liveness check."""
        return {"status": "ok", "version": __version__}

    # innermost first: repeated pure GETs answered before routing, after the limits
    app.add_middleware(CachedGets, cache=ResponseCache(cache_size // 2), paths=frozenset(PURE_GETS))
    app.add_middleware(RequestLimits, max_body=max_body_bytes)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    return app
