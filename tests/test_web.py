"""The web page in a real browser: Debian's headless Chromium driven by Playwright over a real uvicorn.

Playwright is pointed at /usr/bin/chromium (installed by scripts/setup.sh from
Debian's packages); it never downloads a browser of its own. A screenshot of
the final state is saved to test-artifacts/web.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.serve.app import create_app

from .serve_fixtures import LAVROV_FIRST_QUOTE, QUOTAS, build_database, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no /usr/bin/chromium: scripts/setup.sh installs Debian's chromium"
    ),
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is in the test extra: pip install -e .[test]"
    )
    database = build_database(tmp_path_factory.mktemp("web") / "corpus.db")
    with running_server(create_app(database, read_only=True)) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.set_default_timeout(10_000)
            tab.goto(base + "/")
            tab.wait_for_selector("body[data-loaded=true]")
            yield tab
            assert errors == [], errors
        finally:
            browser.close()


def expect(locator: Any) -> Any:
    # Locator assertions poll inside the page without eval, which the page's content policy forbids.
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_searching_then_clicking_an_actor_highlights_its_evidence(page: Any) -> None:
    page.fill("#search", "trawler")
    page.click("#search-form button[type=submit]")
    expect(page.locator("#articles li[data-article]")).to_have_count(1)
    assert page.inner_text("#articles li .title") == QUOTAS.title
    assert "trawler" in page.inner_text("#articles li b")

    page.click("#actors li[data-actor='RUSGOV|Sergei Lavrov']")
    mark = page.wait_for_selector("#article-text mark")
    assert mark.inner_text() == LAVROV_FIRST_QUOTE
    start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
    assert QUOTAS.text[start:end] == LAVROV_FIRST_QUOTE
    assert (
        page.inner_text("#article-text .sentence") == "Lavrov said Moscow would defend the interests of its fishermen."
    )
    assert page.inner_text("#article-title") == QUOTAS.title
    assert page.inner_text("#evidence li.selected .text") == LAVROV_FIRST_QUOTE

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web.png"), full_page=True)


def test_the_network_colours_conflict_red_and_cooperation_green(page: Any) -> None:
    page.click("#clear-search")
    expect(page.locator("#network .node")).to_have_count(7)
    assert page.locator("#network path.edge.conflict").count() == 4
    assert page.locator("#network path.edge.cooperation").count() == 4
    colour = page.eval_on_selector("#network path.edge.conflict", "edge => getComputedStyle(edge).stroke")
    assert colour == "rgb(198, 40, 40)"


def test_a_timeline_dot_opens_its_event_sentence(page: Any) -> None:
    page.locator("#timeline circle.dot.conflict").first.click()
    mark = page.wait_for_selector("#article-text mark")
    assert mark.inner_text() in {
        "Norway accused Russia of breaking the joint quota agreement for Barents Sea cod.",
        "Russian coast guard ships detained a Norwegian trawler near Svalbard last week.",
        "Iceland criticised both governments for delaying the decision.",
    }


def test_the_stance_matrix_marks_the_disputed_issue_and_opens_evidence(page: Any) -> None:
    assert page.inner_text("#stances th.disputed").startswith("strict catch limits")
    # The word `dossier stances` prints; textContent, as the badge is shown in capitals.
    assert page.text_content("#stances th.disputed .badge") == "disputed"
    assert page.locator("#stances th.disputed").count() == 1
    assert page.locator("#stances td.disagreement").count() == 2
    page.click("#stances td.oppose")
    expect(page.locator("#article-text mark")).to_have_text(LAVROV_FIRST_QUOTE)
    assert "opposes strict_catch_limits" in page.inner_text("#evidence li.selected .title")
