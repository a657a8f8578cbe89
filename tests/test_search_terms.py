"""Search finds an issue by another name (its note's ``aliases``), a stance word and a date."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import briefing, first_results, make_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(built_once) -> Path:
    """The shipped notes, with a reader's name for the territory issue that no article uses."""

    def make_site(folder: Path) -> Path:
        root = make_project(folder / "project")
        path = root / "seeds" / "issues" / "territory.yml"
        note = yaml.safe_load(path.read_text("utf-8"))
        path.write_text(yaml.safe_dump({**note, "aliases": ["Donbas"]}, allow_unicode=True, sort_keys=False), "utf-8")
        result = briefing(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        return root / "site"

    return built_once("search-terms", make_site)


def test_an_issue_alias_finds_the_issue_first(site, serve, page):
    assert "Donbas" not in " ".join(p.read_text("utf-8") for p in (site.parent / "seeds").rglob("article.txt"))
    assert first_results(page, serve(site), "Donbas")[0] == "/issues/territory/"


def _text(site: Path, href: str) -> str:
    return (site / href.strip("/") / "index.html").read_text("utf-8")


def test_a_stance_word_finds_a_page_with_that_stance(site, serve, page):
    first = first_results(page, serve(site), "opposes")[0]
    assert "<strong>Opposes:</strong>" in _text(site, first) or "<strong>opposes</strong>" in _text(site, first)


def test_a_date_finds_what_happened_that_day(site, serve, page):
    results = first_results(page, serve(site), "2 December 2025")
    held = {"/events/putin-witkoff-moscow-talks-2025-12-02/", "/events/trump-cabinet-meeting-2025-12-02/"}
    assert set(results[:2]) == held, results  # the two events held that day, before any list
