"""A real uvicorn server on a free localhost port, and Debian's chromium driven by Playwright.

No browser is downloaded: the tests use ``/usr/bin/chromium`` (``make test``
installs it when it can). Without it they skip loudly, except under CI
(``CI`` set), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CORREDOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a corredor server (own results store) running in a background thread."""
    import uvicorn

    from corredor.api import create_app

    port = _free_port()
    app = create_app(results_store=tmp_path_factory.mktemp("store") / "runs.duckdb")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("corredor server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium (skip loudly without it, fail under CI)."""
    if not Path(CHROMIUM).exists():
        how = "install Debian's package (apt-get install chromium) or run `make test` as root"
        if os.environ.get("CI"):
            pytest.fail(f"BROWSER TESTS CANNOT RUN under CI: no chromium at {CHROMIUM}; {how}")
        pytest.skip(f"BROWSER TESTS SKIPPED: no chromium at {CHROMIUM}; {how}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield b
        b.close()


class PageWatch:
    """Console errors, page errors and every request URL a page made."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.requests: list[str] = []

    def foreign(self, base: str) -> list[str]:
        """Requests that did not go to ``base`` (data: URLs are local)."""
        return [u for u in self.requests if not (u.startswith(base) or u.startswith("data:"))]


@pytest.fixture
def page(browser: Any, server_url: str) -> Iterator[tuple[Any, PageWatch]]:
    """A fresh page; requests leaving the server are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    watch = PageWatch()
    pg = context.new_page()

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(server_url) or url.startswith("data:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    pg.on("request", lambda r: watch.requests.append(r.url))
    pg.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.console_errors.append(f"pageerror: {e}"))
    yield pg, watch
    context.close()
