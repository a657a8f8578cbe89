"""A name with markup in it is shown as text wherever the theme prints page titles."""

from __future__ import annotations

import pytest

from conftest import briefing
from test_bad_input import edit

PAYLOAD = "Ada <img src=x onerror=alert(1)> \\\"></title><script>alert(2)</script>"


@pytest.mark.browser
def test_markup_in_a_name_never_runs(mini_project, serve, page):
    edit(mini_project, "seeds/actors/ada-lund.yml", "name: Ada Lund", f'name: "{PAYLOAD}"')
    edit(mini_project, "seeds/issues/wage-freeze.yml", "name: Wage freeze", "name: Wage <svg onload=alert(3)> freeze")
    assert briefing(mini_project, "build").returncode == 0
    base = serve(mini_project / "site")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/actors/ada-lund/", "/actors/", "/issues/wage-freeze/", "/", "/quotes/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload]').length") == 0, path
        assert page.evaluate("[...document.scripts].filter(s => s.type !== 'application/ld+json')"
                             ".filter(s => s.textContent.includes('alert')).length") == 0, path
    page.goto(base + "/actors/ada-lund/")
    assert "<img src=x onerror=alert(1)>" in page.title()
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    page.click("input.md-search__input")
    page.keyboard.type("onerror")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload]').length") == 0
    assert "<img src=x onerror=alert(1)>" in page.locator(".md-search-result").inner_text()  # shown as text
    assert dialogs == []
