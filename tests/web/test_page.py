"""The web page in a real browser: plan Trujillo -> Shanghai blueberries, offline, no errors."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import ARTIFACTS, PageWatch


def _load(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("body[data-ready='true']", timeout=30_000)
    pg.wait_for_selector("#map[data-basemap='loaded']", timeout=30_000)
    pg.wait_for_selector("#commodity option", state="attached")


def test_plan_trujillo_shanghai_blueberries(page: tuple[Any, PageWatch], server_url: str) -> None:
    pg, watch = page
    _load(pg, server_url + "/?lang=en")
    pg.fill("#origin", "Trujillo, PE")
    pg.fill("#destination", "CNSHA")
    pg.select_option("#commodity", "blueberries")
    pg.fill("#teu", "2")
    assert pg.is_checked("#compare")
    pg.click("#plan-btn")
    pg.wait_for_selector("#itineraries:not([hidden]) tbody tr", timeout=60_000)
    pg.wait_for_selector("path.route-without", timeout=60_000)
    # both itineraries drawn: the Chancay one and the best without Chancay
    assert pg.locator("path.route-pareto").count() >= 1
    assert pg.locator("path.route-without").count() == 1
    rows = pg.locator("#itineraries tbody tr")
    assert rows.count() >= 2
    assert rows.nth(0).locator("td").nth(0).inner_text().startswith("PECHY")
    without_route = pg.locator("#itineraries tbody tr.without td").nth(0).inner_text()
    assert not without_route.startswith("PECHY")
    summary = pg.inner_text("#compare-summary")
    assert "Chancay" in summary and "days" in summary
    # each drawn path has real geometry (a long "d" attribute)
    for d in pg.locator("path.route").evaluate_all("ps => ps.map(p => p.getAttribute('d'))"):
        assert d and len(d) > 50
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "plan_trujillo_shanghai.png"
    pg.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert watch.console_errors == []
    assert watch.foreign(server_url) == []
    # controlled atmosphere: the same route now arrives sellable
    pg.check("#ca")
    pg.click("#plan-btn")
    pg.wait_for_selector("#itineraries tbody tr:first-child td:not(.bad) >> text=sellable")
    assert watch.console_errors == []


def test_catchment_layer_and_simulation_chart(page: tuple[Any, PageWatch], server_url: str) -> None:
    pg, watch = page
    _load(pg, server_url + "/?lang=en")
    pg.check("#catchment")
    pg.wait_for_selector("path.catchment-point", timeout=60_000)
    assert pg.locator("#catchment-list li").count() == pg.locator("path.catchment-point").count()
    assert pg.locator("path.catchment-point").count() >= 3
    pg.fill("#reps", "3")
    pg.click("#sim-btn")
    pg.wait_for_selector("#sim-figure:not([hidden]) svg circle", timeout=120_000)
    assert pg.locator("#sim-chart svg circle").count() == 5
    assert "chancay-phase1" in pg.inner_text("#sim-caption")
    assert watch.console_errors == []
    assert watch.foreign(server_url) == []


def test_search_and_keyboard(page: tuple[Any, PageWatch], server_url: str) -> None:
    pg, watch = page
    _load(pg, server_url + "/?lang=en")
    pg.fill("#search", "Chancay")
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#search-results li button")
    assert "PECHY" in pg.inner_text("#search-results")
    # every form control has a label
    unlabelled = pg.evaluate(
        """() => [...document.querySelectorAll('input, select')]
            .filter(el => !el.labels || el.labels.length === 0).map(el => el.id)"""
    )
    assert unlabelled == []
    # the plan form can be reached and submitted with the keyboard alone
    pg.focus("#teu")
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#itineraries:not([hidden]) tbody tr", timeout=60_000)
    assert watch.console_errors == []
    assert watch.foreign(server_url) == []


def test_docs_page_offline(page: tuple[Any, PageWatch], server_url: str) -> None:
    pg, watch = page
    pg.goto(server_url + "/docs")
    pg.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert pg.locator(".opblock").count() >= 10
    assert watch.foreign(server_url) == []
    assert watch.console_errors == []


def test_impact_analysis_figures_and_chart(page: tuple[Any, PageWatch], server_url: str) -> None:
    pg, watch = page
    _load(pg, server_url + "/?lang=pt")
    pg.wait_for_selector("#impact-scenario option[value='chancay-phase1']", state="attached")
    pg.click("#impact-btn")
    pg.wait_for_selector("#impact-figure:not([hidden]) svg rect.bar-with", timeout=120_000)
    figures = pg.locator("#impact-summary dd")
    assert figures.count() == 5
    assert pg.locator("#impact-chart rect.bar-with").count() >= 3
    assert "PECHY" in pg.inner_text("#impact-chart")
    assert "chancay-phase1" in pg.inner_text("#impact-caption")
    assert list(pg.evaluate("[...window.i18n.missing]")) == []
    assert watch.console_errors == []
    assert watch.foreign(server_url) == []
