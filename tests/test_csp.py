"""Defence in depth: every page carries a Content-Security-Policy under which the site works
and a script that an escaping bug let into a page does not run."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import briefing

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_built_page_carries_the_policy_before_any_script(seed_site):
    pages = sorted((seed_site / "site").rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text("utf-8")
        policy = POLICY.search(text)
        assert policy, path
        assert policy.start() < text.index("<script"), path  # it governs only what comes after it
        directives = policy.group(1).replace("&#39;", "'")
        assert "script-src 'self' " in directives and "'unsafe-inline'" not in directives, path
        assert "object-src 'none'" in directives and "base-uri 'self'" in directives, path
        assert "http" not in directives, path  # no outside origin


@pytest.mark.browser
def test_no_page_of_the_shipped_story_trips_the_policy(seed_site, serve, page):
    """Every page of the shipped story under its policy: the theme's scripts run, nothing is refused."""
    base = serve(seed_site / "site")
    messages = _watch_console(page)
    pages = sorted((seed_site / "site").rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        url = base + "/" + path.parent.relative_to(seed_site / "site").as_posix() + "/"
        page.goto(url.replace("//.", "/"))
        page.wait_for_load_state("load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, url
        assert page.evaluate("typeof __md_get") == "function", url
    assert not [m for m in messages if "Content Security Policy" in m], messages


@pytest.fixture(scope="module")
def built(tmp_path_factory, mini_built):
    """The mini story built (a copy: a test here changes a page of it)."""
    return shutil.copytree(mini_built, tmp_path_factory.mktemp("csp") / "p", symlinks=True)


def _watch_console(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


@pytest.mark.browser
def test_the_site_works_under_its_policy(built, serve, page):
    base = serve(built / "site")
    messages = _watch_console(page)
    for path in ("/", "/actors/ada-lund/", "/sources/gazette-2024-03-06-harbour-talks/", "/timeline/", "/about/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        assert page.evaluate("typeof __md_get") == "function", path  # the theme's inline script ran
        # The theme's stylesheets apply: the palette colours the header.
        assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color')"), path
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") not in (
            "rgba(0, 0, 0, 0)",
            "transparent",
        ), path
    # Navigation: the theme's own script runs (Material's bundle) and links open.
    page.goto(base + "/")
    page.locator("nav.md-nav--primary a", has_text="Who's who").first.click()
    page.wait_for_url("**/actors/")
    # Search: Pagefind's script, worker and WebAssembly load from the site and find pages.
    page.click("input.briefing-search__input")
    page.keyboard.type("harbour")
    page.locator(".briefing-search__item").first.wait_for(timeout=15000)
    page.locator(".briefing-search__item a").first.click()
    page.wait_for_load_state("load")
    assert page.url != base + "/actors/"
    assert not [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m], messages


@pytest.mark.browser
def test_a_script_that_got_into_a_page_does_not_run(built, serve, page):
    """What a future escaping bug would put into a built page: the policy stops all of it."""
    site = built / "site"
    target = site / "actors" / "ada-lund" / "index.html"
    text = target.read_text("utf-8")
    injected = (
        '<script>window.__ran = "inline"</script>'
        '<img src="x" onerror="window.__ran = \'attribute\'">'
        '<a id="injected" href="javascript:void(window.__ran = \'link\')">x</a>'
        '<img src="http://evil.invalid/p.png">'
        '<object data="data:text/html,x"></object>'
    )
    target.write_text(text.replace("<h1", injected + "<h1", 1), "utf-8")
    base = serve(site)
    messages = _watch_console(page)
    fetched: list[str] = []  # what the browser really asked the network for
    page.route("**/*", lambda route: (fetched.append(route.request.url), route.continue_()))
    refused: list[str] = []
    page.on("requestfailed", lambda request: refused.append(f"{request.failure} {request.url}"))
    page.goto(base + "/actors/ada-lund/")
    page.wait_for_load_state("load")
    page.click("#injected")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("typeof __md_get") == "function"  # while the theme's own script ran
    assert not [url for url in fetched if "evil.invalid" in url]
    assert "csp http://evil.invalid/p.png" in refused
    assert any("Content Security Policy" in m for m in messages), messages


def test_a_build_with_an_inline_script_stops(mini_project):
    """An inline script in a page (here the hand-written about page) would not run under the policy:
    the build says so instead of publishing a page that silently does nothing."""
    about = mini_project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\n<script>alert(1)</script>\n", "utf-8")
    result = briefing(mini_project, "build")
    assert result.returncode == 1
    assert "docs/about.md: the built page has an inline script the theme did not write" in result.stderr
    assert not (mini_project / "site").exists()


def test_mkdocs_stops_on_a_generated_page_whose_front_matter_it_cannot_read(mini_project):
    """The last look: JSON's surrogate escapes (how front matter was once written) make libyaml drop it."""
    import os
    import subprocess
    import sys

    assert briefing(mini_project, "generate").returncode == 0
    page = mini_project / "docs" / "actors" / "ada-lund.md"
    page.write_text(page.read_text("utf-8").replace('title: "Ada Lund"', 'title: "Ada \\ud83c\\uddfa Lund"'), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=mini_project,
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFING_BUILD": "1", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "docs/actors/ada-lund.md: MkDocs could not read the front matter" in result.stdout + result.stderr


def test_a_page_that_cannot_keep_its_front_matter_is_an_error(tmp_path):
    """A title no YAML loader reads back (a lone surrogate) stops the write with the note's path."""
    from generator.errors import NotesError
    from generator.pages.page import Page
    from generator.write import write_pages

    page = Page("actors/x.md", "Ada \ud800 Lund", "# x\n", origin="seeds/actors/x.yml")
    with pytest.raises(NotesError) as raised:
        write_pages([page], tmp_path / "docs")
    assert str(raised.value.problems[0]).startswith("seeds/actors/x.yml:1: the page docs/actors/x.md cannot be written")
    assert not (tmp_path / "docs" / "actors" / "x.md").exists()


PALETTE_TOGGLE = """  palette:
    - scheme: default
      primary: indigo
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      primary: indigo
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""


@pytest.mark.browser
def test_the_palette_toggle_works_under_the_policy(mini_project, serve, page):
    """With a light/dark toggle, Material adds its palette script inline: its hash is allowed too."""
    config = mini_project / "mkdocs.yml"
    text = config.read_text("utf-8")
    old = "  palette:\n    scheme: default\n    primary: indigo\n"
    assert old in text
    config.write_text(text.replace(old, PALETTE_TOGGLE), "utf-8")
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stderr
    base = serve(mini_project / "site")
    messages = _watch_console(page)
    page.goto(base + "/actors/ada-lund/")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("[...document.scripts].some(s => !s.src && s.textContent.includes('__palette'))")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("label[title='Switch to dark mode']").click()
    for _ in range(50):  # Material's script switches it (wait_for_function would need eval)
        if page.evaluate("document.body.dataset.mdColorScheme") == "slate":
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.goto(base + "/issues/wage-freeze/")  # another depth of page, another base_url in the script
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert not [m for m in messages if "Content Security Policy" in m], messages


@pytest.mark.browser
def test_live_reload_runs_under_the_policy_while_serving(served_mini, page):
    """MkDocs' dev server adds an inline live-reload script to every page: while serving, the policy
    lets inline scripts run (and keeps the rest), so an edit still reloads the open page."""
    from helpers import edit

    project, base, _ = served_mini
    messages = _watch_console(page)
    page.goto(base + "/actors/ada-lund/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" in policy and "object-src 'none'" in policy
    # (Playwright's wait_for_function would evaluate a string, which the policy refuses.)
    with page.expect_navigation(timeout=30000):  # the live-reload script reloads the page
        edit(project, "seeds/actors/ada-lund.yml", "name: Ada Lund", "name: Ada Lindqvist")
    page.wait_for_load_state("load")
    assert "Ada Lindqvist" in page.locator("h1").inner_text()
    assert not [m for m in messages if "Content Security Policy" in m], messages
