"""A reader in a real browser (Debian's chromium through Playwright)."""

from __future__ import annotations

import pytest

from helpers import SEED_SOURCE

pytestmark = pytest.mark.browser


def local_only(page, base):
    return [url for url in page.requests if not url.startswith((base, "data:", "blob:"))]


def test_search_finds_the_right_page_and_nothing_leaves_localhost(seed_site, serve, page):
    base = serve(seed_site / "site")
    page.goto(base + "/")
    page.click("input.briefing-search__input")
    page.keyboard.type("Rutte")
    result = page.locator(".briefing-search__item a", has_text="Mark Rutte").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_url("**/actors/mark-rutte/**")
    assert page.locator("h1").inner_text() == "Mark Rutte"
    assert "secretary-general" in page.locator("article").inner_text()
    assert local_only(page, base) == []
    # Pagefind answered, in chunks; Material's whole-site index was never downloaded.
    assert any("/pagefind/" in url for url in page.requests)
    assert not any("search_index.json" in url for url in page.requests)


def test_searching_a_publisher_finds_its_sources_not_every_citation(seed_site, serve, page):
    """Citations ("Financial Times, 3 December 2025, ¶2") are on every statement; they are not indexed."""
    base = serve(seed_site / "site")
    page.goto(base + "/")
    page.click("input.briefing-search__input")
    page.keyboard.type("Financial Times")
    results = page.locator(".briefing-search__item a")
    results.first.wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    hrefs = {href.split("#")[0] for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    assert hrefs == {f"/sources/{SEED_SOURCE}/"}


def test_search_works_when_the_site_is_published_under_a_sub_path(seed_site, serve, page):
    """GitHub Pages serves a project site at /<repository>/: results must link inside it."""
    base = serve(seed_site) + "/site"
    page.goto(base + "/issues/")
    page.click("input.briefing-search__input")
    page.keyboard.type("Witkoff")
    result = page.locator(".briefing-search__item a", has_text="Steve Witkoff").first
    result.wait_for(timeout=15000)
    assert result.get_attribute("href").startswith("/site/actors/steve-witkoff/")
    page.keyboard.press("ArrowDown")  # the keyboard walks into the results
    assert page.evaluate("document.activeElement.classList.contains('briefing-search__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('briefing-search__input')")
    page.keyboard.press("Enter")  # the first result opens
    page.wait_for_url("**/site/actors/steve-witkoff/**")
    assert page.locator("h1").inner_text() == "Steve Witkoff"


def test_following_a_citation_lands_on_the_highlighted_sentence(seed_site, serve, page):
    base = serve(seed_site / "site")
    page.goto(base + "/actors/donald-trump/")
    citation = page.locator(f"a[href*='sources/{SEED_SOURCE}/#p']").first
    href = citation.get_attribute("href")
    anchor = href.split("#")[1]
    citation.click()
    page.wait_for_url(f"**/sources/{SEED_SOURCE}/#{anchor}")
    target = page.locator(f"#{anchor}")
    assert target.evaluate("el => el.matches('.sentence:target')")
    highlighted = target.evaluate("el => getComputedStyle(el).backgroundColor")
    other = page.locator(".sentence:not(:target)").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlighted != other
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box and 0 <= box["y"] < viewport["height"], "the cited sentence is not scrolled into view"
    assert "US president" in target.inner_text()  # the sentence that names his role
    assert local_only(page, base) == []


def test_search_on_a_small_screen_from_the_header_button(seed_site, serve, browser):
    """On a phone the search box hides behind a header button: pressing it must let the reader type."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        base = serve(seed_site / "site")
        page.goto(base + "/")
        page.click("label.md-header__button[for=__search]")
        page.keyboard.type("Witkoff")
        page.locator(".briefing-search__item").first.wait_for(timeout=15000)
        # Excerpts keep the words around a match apart ("Witkoff said", not "Witkoffsaid").
        spaced = page.evaluate("""[...document.querySelectorAll('.briefing-search__results mark')]
            .filter(m => m.nextSibling && /^\\s/.test(m.nextSibling.textContent)).length""")
        assert spaced > 0
        page.keyboard.press("Escape")
        assert page.evaluate("document.getElementById('__search').checked") is False
    finally:
        context.close()
