"""A name with markup in it is shown as text wherever the theme prints page titles."""

from __future__ import annotations

import pytest

from helpers import briefing, edit

PAYLOAD = 'Ada <img src=x onerror=alert(1)> \\"></title><script>alert(2)</script>'


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
        assert (
            page.evaluate(
                "[...document.scripts].filter(s => s.type !== 'application/ld+json')"
                ".filter(s => s.textContent.includes('alert')).length"
            )
            == 0
        ), path
    page.goto(base + "/actors/ada-lund/")
    assert "<img src=x onerror=alert(1)>" in page.title()
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    page.click("input.briefing-search__input")
    page.keyboard.type("onerror")
    page.locator(".briefing-search__item").first.wait_for(timeout=15000)
    assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload]').length") == 0
    assert "<img src=x onerror=alert(1)>" in page.locator(".briefing-search__results").inner_text()  # shown as text
    assert dialogs == []


@pytest.mark.browser
def test_a_flag_in_a_name_gives_a_correct_page(mini_project, serve, page):
    """Characters above U+FFFF (a flag, an emoji sequence) and real joiners (Persian) are names like any other."""
    edit(mini_project, "seeds/actors/ada-lund.yml", "name: Ada Lund", "name: Ada 🇺🇦 Lund")
    edit(mini_project, "seeds/issues/wage-freeze.yml", "name: Wage freeze", "name: Wage freeze 👨‍👩‍👧 گفت‌وگو")
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stderr
    base = serve(mini_project / "site")
    page.goto(base + "/actors/ada-lund/")
    assert page.title() == "Ada 🇺🇦 Lund — Briefing"
    assert page.locator("h1").inner_text() == "Ada 🇺🇦 Lund"
    body = page.locator("body").inner_text()
    assert "generated_by" not in body and "notes_file" not in body and "---" not in body
    # "Edit this page" opens the note, not the generated file.
    assert page.locator("a[title='Edit this page']").get_attribute("href").endswith("/seeds/actors/ada-lund.yml")
    page.goto(base + "/issues/wage-freeze/")
    assert page.title() == "Wage freeze 👨‍👩‍👧 گفت‌وگو — Briefing"


INVISIBLE = [
    ("seeds/actors/ada-lund.yml", "name: Ada Lund", 'name: "Ada \\u202eLund"', "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("seeds/actors/ada-lund.yml", "aliases: [Lund]", 'aliases: ["Lu\\u2066nd"]', "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("seeds/issues/wage-freeze.yml", "name: Wage freeze", 'name: "Wage\\u200b freeze"', "U+200B ZERO WIDTH SPACE"),
    (
        "seeds/events/harbour-talks-2024-03-05.yml",
        "name: Harbour talks at the town hall",
        'name: "\\ufeffHarbour talks"',
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    ),
    (
        "seeds/sources/gazette-2024-03-06-harbour-talks/source.yml",
        "title: Harbour talks end without agreement",
        'title: "Harbour ta\\u200dlks"',
        "U+200D ZERO WIDTH JOINER",
    ),
    (
        "seeds/sources/gazette-2024-03-06-harbour-talks/source.yml",
        "publisher: The Harbour Gazette",
        'publisher: "The Harbour Gazette\\u2060"',
        "U+2060 WORD JOINER",
    ),
    ("seeds/actors/ben-okafor.yml", "name: Ben Okafor", 'name: "Ben \\u200cOkafor"', "U+200C ZERO WIDTH NON-JOINER"),
]


def test_invisible_characters_in_names_are_located_errors(mini_project):
    for path, old, new, _ in INVISIBLE:
        edit(mini_project, path, old, new)
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    for path, _, new, name in INVISIBLE:
        line = next(n for n, text in enumerate((mini_project / path).read_text("utf-8").splitlines(), 1) if new in text)
        assert any(
            problem.startswith(f"{path}:{line}:") and name in problem and "delete it" in problem
            for problem in result.stderr.splitlines()
        ), (path, result.stderr)
