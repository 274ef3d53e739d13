"""Examples in the README and docs run as tests (Python blocks and CLI lines)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from corredor.cli._app import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "sea.md", ROOT / "docs" / "planner.md"]
DOCS.append(ROOT / "docs" / "impact.md")
DOCS += [ROOT / "docs" / "api.md", ROOT / "docs" / "web.md"]


def _blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_python_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for code in _blocks(path, "python"):
        exec(compile(code, str(path), "exec"), {"__name__": "__doc_example__"})


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_cli_examples_run(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for block in _blocks(path, "bash"):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("corredor "):
                assert main(shlex.split(line)[1:]) == 0, line
    capsys.readouterr()
