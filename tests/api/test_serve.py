"""``corredor serve --port N`` starts the server: the contract over real HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from typing import Any

import httpx

from corredor.cli._app import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_starts_and_answers_the_contract(cli_json: Any) -> None:
    port = _free_port()
    code = "from corredor.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "server did not start within 60 s"
            time.sleep(0.2)
        route = httpx.get(base + "/route?origin=PECHY&destination=CNSHA", timeout=60)
        assert route.json() == cli_json("route", "PECHY", "CNSHA", "--format", "json")
        assert httpx.get(base + "/", timeout=10).text.startswith("<!doctype html>")
        assert httpx.get(base + "/openapi.json", timeout=10).json()["info"]["title"] == "corredor"
        assert httpx.get(base + "/docs", timeout=10).status_code == 200
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0].decode()
    assert f"http://127.0.0.1:{port}/" in out


def test_serve_refuses_a_bad_port(capsys: Any) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err
