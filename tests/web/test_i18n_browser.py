"""Each of the four languages renders in the browser with no missing catalogue key."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import ARTIFACTS, PageWatch

#: A word of each catalogue's plan button, proving the language really switched.
SUBMIT = {"en": "Plan", "es": "Planificar", "pt": "Planejar", "zh": "规划"}
#: es-PE writes 1,234.5 (CLDR: Peru uses the decimal point), pt-BR 1.234,5.
NUMBER = {"en": "1,234.5", "es": "1,234.5", "pt": "1.234,5", "zh": "1,234.5"}


@pytest.mark.parametrize("lang", ["en", "es", "pt", "zh"])
def test_language_renders_without_missing_keys(
    page: tuple[Any, PageWatch], server_url: str, lang: str
) -> None:
    pg, watch = page
    pg.goto(server_url + f"/?lang={lang}")
    pg.wait_for_selector("body[data-ready='true']", timeout=30_000)
    pg.wait_for_selector("#commodity option", state="attached")
    pg.click("#plan-btn")
    pg.wait_for_selector("#itineraries:not([hidden]) tbody tr", timeout=60_000)
    assert pg.inner_text("#plan-btn") == SUBMIT[lang]
    assert pg.evaluate("document.documentElement.lang").startswith(lang)
    missing = pg.evaluate("[...window.i18n.missing]")
    assert missing == []
    # no element shows a raw key
    raw = pg.evaluate(
        """() => [...document.querySelectorAll('[data-i18n]')]
            .filter(el => el.textContent === el.dataset.i18n && el.dataset.i18n.includes('.'))
            .map(el => el.dataset.i18n)"""
    )
    assert raw == []
    shown = pg.evaluate("window.i18n.number(1234.5, 1)")
    assert shown.replace("\u202f", "").replace("\xa0", "").replace(" ", "") == NUMBER[lang].replace(
        " ", ""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"page_{lang}.png"))
    assert watch.console_errors == []
    assert watch.foreign(server_url) == []


def test_switching_language_keeps_results(page: tuple[Any, PageWatch], server_url: str) -> None:
    pg, watch = page
    pg.goto(server_url + "/?lang=en")
    pg.wait_for_selector("body[data-ready='true']", timeout=30_000)
    pg.wait_for_selector("#commodity option", state="attached")
    pg.click("#plan-btn")
    pg.wait_for_selector("#itineraries:not([hidden]) tbody tr", timeout=60_000)
    rows = pg.locator("#itineraries tbody tr").count()
    pg.select_option("#lang", "es")
    pg.wait_for_selector("html[lang='es-PE']", state="attached")
    assert pg.inner_text("#plan-h") == "Planificar un envío"
    assert pg.locator("#itineraries tbody tr").count() == rows
    assert "días" in pg.inner_text("#compare-summary")
    assert list(pg.evaluate("[...window.i18n.missing]")) == []
    assert watch.console_errors == []
