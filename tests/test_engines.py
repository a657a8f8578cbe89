"""`briefing build --engine` and `briefing serve --engine`: ProperDocs builds the seed site as MkDocs does, but for the generator
line; with Zensical, which runs no MkDocs plugin, briefing still generates, indexes search and links
edits (run where Zensical installs: the pull-request workflow's canary job)."""

from __future__ import annotations

import importlib.util
import re
import signal
from pathlib import Path

import pytest

from helpers import briefing, descendants, get, make_project, start_serving, tree_bytes, wait_for

GENERATOR_LINE = re.compile(rb'<meta name="generator" content="[^"]*">')


def _site(root) -> dict[str, bytes]:
    return {
        path: GENERATOR_LINE.sub(b"", data)
        for path, data in tree_bytes(root / "site").items()
        if path != ".briefing-site"
    }  # the marker records the MkDocs build's incremental state


def test_properdocs_builds_the_seed_site_as_mkdocs_does_but_for_the_generator_line(seed_site, tmp_path):
    root = make_project(tmp_path / "seed")
    result = briefing(root, "build", "--engine", "properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "built by properdocs build" in result.stdout
    page = (root / "site/actors/vladimir-putin/index.html").read_bytes()
    line = GENERATOR_LINE.search(page)
    assert line is not None and b"ProperDocs" in line[0]
    theirs, ours = _site(root), _site(seed_site)
    assert sorted(theirs) == sorted(ours)
    assert [path for path in ours if theirs[path] != ours[path]] == []


def test_an_engine_that_is_not_installed_is_named_with_how_to_install_it(mini_project):
    if importlib.util.find_spec("zensical") is not None:
        pytest.skip("zensical is installed here")
    result = briefing(mini_project, "build", "--engine", "zensical")
    assert result.returncode == 1
    assert "zensical is not installed; install it (pip install zensical)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical is not installed (CI canary)")
def test_zensical_builds_a_site_briefing_generated_indexed_and_linked_for_edits(mini_project):
    result = briefing(mini_project, "build", "--engine", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    site = mini_project / "site"
    assert "Ada Lund" in (site / "actors/ada-lund/index.html").read_text("utf-8")  # generated from the notes
    assert (site / "pagefind/pagefind-entry.json").is_file()  # indexed by briefing, not by a plugin
    edit = re.findall(r'href="([^"]+)"[^>]*rel="edit"', (site / "actors/ada-lund/index.html").read_text("utf-8"))
    assert edit == ["https://github.com/briefing-project/briefing/edit/main/seeds/actors/ada-lund.yml"]
    assert 'rel="edit"' not in (site / "index.html").read_text("utf-8")  # an overview page: no one note
    assert not list(mini_project.glob(".site-*"))  # its config copy and staging are gone


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical is not installed (CI canary)")
def test_the_search_box_is_styled_under_zensical_whose_theme_has_no_styles_for_it(mini_project, serve, page):
    """Its own stylesheet: a field in the header, and the results in a panel over the page, on a desktop
    and on a phone (before, under Zensical, the bare form and results pushed the page down)."""
    assert briefing(mini_project, "build", "--engine", "zensical").returncode == 0
    base = serve(mini_project / "site")
    page.set_viewport_size({"width": 1400, "height": 800})
    page.goto(base + "/")
    header = page.locator("header.md-header").bounding_box()
    assert header is not None and header["height"] < 80  # the search box sits in it
    assert not page.locator(".briefing-search__output").is_visible()  # no results panel until searching
    page.click("input.briefing-search__input")
    page.keyboard.type("harbour")
    first = page.locator(".briefing-search__item a").first
    first.wait_for(timeout=15000)
    panel = page.locator(".briefing-search__output")
    assert panel.evaluate("e => getComputedStyle(e).position") == "absolute"  # over the page, not in its flow
    box = first.bounding_box()
    assert box is not None and box["width"] > 300 and box["y"] < 200
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base + "/")
    assert not page.locator("input.briefing-search__input").is_visible()  # behind the header's button
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type("harbour")
    first.wait_for(timeout=15000)
    box = first.bounding_box()
    assert box is not None and box["width"] > 300 and box["y"] < 200  # the whole screen is the search


def test_serve_with_an_engine_that_is_not_installed_is_named_with_how_to_install_it(mini_project):
    if importlib.util.find_spec("zensical") is not None:
        pytest.skip("zensical is installed here")
    result = briefing(mini_project, "serve", "--engine", "zensical")
    assert result.returncode == 1
    assert "briefing serve: zensical is not installed; install it (pip install zensical)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (mini_project / "docs" / "actors").exists()  # nothing generated


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical is not installed (CI canary)")
def test_briefing_serve_under_zensical_generates_regenerates_on_edits_and_indexes_search(mini_project, tmp_path, page):
    """Zensical runs no plugin: briefing generates docs/, watches the notes and runs Pagefind itself."""
    process, log, base = start_serving(
        mini_project, tmp_path, ["generator", "--root", str(mini_project), "serve", "--engine", "zensical"]
    )
    helpers: list[int] = []
    try:
        actor, issue = base + "/actors/ada-lund/", base + "/issues/wage-freeze/"
        assert wait_for(lambda: "Ada Lund" in (get(issue) or ""), 60), (tmp_path / "serve.log").read_text()
        assert wait_for(lambda: get(base + "/pagefind/pagefind-entry.json") is not None, 30), "no search index"
        index = get(base + "/pagefind/pagefind-entry.json")
        helpers = descendants(process.pid)
        note = mini_project / "seeds" / "actors" / "ada-lund.yml"
        note.write_text(note.read_text("utf-8").replace("name: Ada Lund", "name: Ada Lindqvist"), "utf-8")
        assert wait_for(lambda: "Ada Lindqvist" in (get(actor) or ""), 30), (tmp_path / "serve.log").read_text()
        assert wait_for(lambda: "Ada Lindqvist" in (get(issue) or ""), 5), "a page naming the actor is stale"
        assert not (mini_project / "site").exists()  # served from its own folder, not a build's site/
        assert wait_for(lambda: get(base + "/pagefind/pagefind-entry.json") != index, 30), "the edit is not indexed"
        page.goto(base + "/")
        page.click("input.briefing-search__input")
        page.keyboard.type("Lindqvist")  # the search box finds the edit
        result = page.locator(".briefing-search__item a[href*='actors/ada-lund']").first
        result.wait_for(timeout=20000)
    finally:
        process.terminate()
        code = process.wait(20)
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
    assert helpers and wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in helpers), 10), (
        "processes left behind"
    )
    assert not list(mini_project.glob(".briefing-serve-*"))  # its site folder and config copy are gone
    assert get(base + "/") is None


def test_briefing_serve_under_zensical_with_a_broken_note_says_where_and_serves_nothing(mini_project, tmp_path):
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("zensical is not installed (CI canary)")
    note = mini_project / "seeds" / "actors" / "ada-lund.yml"
    note.write_text(note.read_text("utf-8").replace("kind: person", "kind: [person"), "utf-8")
    result = briefing(mini_project, "serve", "--engine", "zensical")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "seeds/actors/ada-lund.yml:" in result.stderr and "Traceback" not in result.stderr
    assert not list(mini_project.glob(".briefing-serve-*"))


def test_briefing_serve_under_properdocs_runs_the_plugin_that_regenerates_on_edits(mini_project, tmp_path):
    process, log, base = start_serving(
        mini_project, tmp_path, ["generator", "--root", str(mini_project), "serve", "--engine", "properdocs"]
    )
    try:
        issue = base + "/issues/wage-freeze/"
        assert wait_for(lambda: "Ada Lund" in (get(issue) or ""), 60), (tmp_path / "serve.log").read_text()
        note = mini_project / "seeds" / "actors" / "ada-lund.yml"
        note.write_text(note.read_text("utf-8").replace("name: Ada Lund", "name: Ada Lindqvist"), "utf-8")
        assert wait_for(lambda: "Ada Lindqvist" in (get(issue) or ""), 30), (tmp_path / "serve.log").read_text()
    finally:
        process.terminate()
        code = process.wait(20)
        log.close()
    assert code == 0


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical is not installed (CI canary)")
def test_a_killed_zensical_serve_takes_its_server_along_and_the_next_serve_removes_what_it_left(mini_project, tmp_path):
    command = ["generator", "--root", str(mini_project), "serve", "--engine", "zensical"]
    process, log, base = start_serving(mini_project, tmp_path, command)
    try:
        assert wait_for(lambda: "Ada Lund" in (get(base + "/actors/ada-lund/") or ""), 60), "did not start"
        helpers = descendants(process.pid)
        process.kill()
        process.wait(10)
    finally:
        log.close()
    assert helpers and wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in helpers), 10), (
        "the engine's server outlived briefing serve"
    )
    left = sorted(path.name for path in mini_project.glob(".briefing-serve-*"))
    assert left == [f".briefing-serve-{process.pid}", f".briefing-serve-{process.pid}.yml"]

    process, log, base = start_serving(mini_project, tmp_path, command)
    try:
        assert wait_for(lambda: "Ada Lund" in (get(base + "/actors/ada-lund/") or ""), 60), "did not start again"
        assert sorted(path.name for path in mini_project.glob(".briefing-serve-*")) == [
            f".briefing-serve-{process.pid}",
            f".briefing-serve-{process.pid}.yml",
        ]
        process.send_signal(signal.SIGINT)  # Ctrl-C
        code = process.wait(20)
    finally:
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
    assert not list(mini_project.glob(".briefing-serve-*"))
