"""Shared fixtures: real projects in tmp_path, real builds, a real browser; and the test layers.

Layers, marked here at collection so that no test can be left unmarked:

- tests/unit/: the pure functions, in-process and table-driven; no site is built, no command run,
  no browser. `scripts/test --fast` runs these alone (``-m "not slow and not browser"``).
- every other test is ``slow``: it builds a site with real MkDocs or runs `briefing` end to end;
- a test that uses the ``browser`` fixture (directly, or through ``page``) is also ``browser``.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURES,
    SPLIT_THRESHOLD,
    briefing,
    build_with_threshold,
    built,
    built_story,
    get,
    make_project,
    start_serving,
    synthetic_project,
    three_story_project,
    wait_for,
)

UNIT = Path(__file__).resolve().parent / "unit"
# Fixtures that build, serve or drive a browser: a test using one is no unit test.
END_TO_END_FIXTURES = {
    "mini_project",
    "seed_site",
    "three_stories",
    "split_site",
    "serve",
    "browser",
    "page",
    "served_mini",
    "long_site",
    "mini_built",
    "generated",
    "mini_built_copy",
    "after_a_build",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if UNIT in Path(item.path).parents:
            used = END_TO_END_FIXTURES.intersection(item.fixturenames)
            if used:
                raise pytest.UsageError(
                    f"{item.nodeid} uses {', '.join(sorted(used))}: a test that builds, serves "
                    "or drives a browser belongs in tests/, not tests/unit/"
                )
            continue
        item.add_marker(pytest.mark.slow)
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def mini_project(tmp_path) -> Path:
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "seeds")


def _built_once(tmp_path_factory, name: str, build: Callable[[Path], Path]) -> Path:
    """``build(folder)``'s result, made once per test run for every xdist worker: the first worker
    to ask builds it (a file lock makes the others wait), the rest read it. For the sites several
    modules or workers read and none changes: the same notes build the same site (test_reproducible),
    so building them again on each worker only cost time. A module's own site that its tests only
    read is made here too: a file whose tests scripts/test's worksteal splits between workers
    builds it once."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    folder, done = shared / "built-once" / name, shared / "built-once" / f"{name}.done"
    folder.parent.mkdir(exist_ok=True)
    with open(shared / "built-once" / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            folder.mkdir()
            done.write_text(build(folder).relative_to(folder).as_posix(), "utf-8")
        return folder / done.read_text("utf-8")


@pytest.fixture(scope="session")
def built_once(tmp_path_factory) -> Callable[[str, Callable[[Path], Path]], Path]:
    """built_once(name, build) -> build(folder)'s result, made once per test run (see _built_once):
    a test copies it before changing anything."""
    return functools.partial(_built_once, tmp_path_factory)


def _build(root: Path) -> Path:
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The shipped notes, generated and built with real MkDocs (once per test run)."""
    return _built_once(tmp_path_factory, "seed", lambda folder: _build(make_project(folder / "project")))


@pytest.fixture(scope="session")
def three_stories(tmp_path_factory) -> Path:
    """The shipped story and two unrelated real ones (tests/fixtures/three-stories), built (once per test run)."""
    return _built_once(tmp_path_factory, "three", lambda folder: _build(three_story_project(folder / "project")))


@pytest.fixture(scope="session")
def split_site(tmp_path_factory) -> Path:
    """120 sources with a threshold of SPLIT_THRESHOLD (10), once per test run: every section splits
    and long groups are cut into parts; 360 quotes, 360 positions, and 36 events and 360 statements
    on the timeline.

    The pages are generated with ``render(listing_threshold=10)`` and built by real MkDocs with the
    project's mkdocs.yml, the briefing plugin off (it would regenerate them at the default threshold).
    """
    return _built_once(tmp_path_factory, "split", lambda folder: build_with_threshold(folder, 120, SPLIT_THRESHOLD))


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory) -> Path:
    """The mini story (tests/fixtures/mini) built by `briefing build`, once per test run: what a fresh
    build of its notes gives. Copy it before changing anything."""
    return _built_once(
        tmp_path_factory, "mini", lambda folder: _build(make_project(folder / "mini", FIXTURES / "mini" / "seeds"))
    )


def _generated_mini(folder: Path) -> Path:
    root = make_project(folder / "mini", FIXTURES / "mini" / "seeds")
    assert briefing(root, "generate").returncode == 0
    return root


@pytest.fixture
def generated(built_once, tmp_path) -> Path:
    """The mini story with docs/ generated, so 'nothing written' is a real check: at tmp_path/"mini",
    as mini_project. Generated once per run and copied here (the same notes generate the same docs/,
    test_golden): every test changes its own copy."""
    return shutil.copytree(built_once("mini-generated", _generated_mini), tmp_path / "mini", symlinks=True)


@pytest.fixture
def mini_built_copy(mini_built, tmp_path) -> Path:
    """The mini story after `briefing build`, site and all, at tmp_path/"mini" as mini_project: a copy
    of mini_built (the same notes build the same site), for a test that goes on from there."""
    return shutil.copytree(mini_built, tmp_path / "mini", symlinks=True)


def _built_synthetic_project(folder: Path) -> Path:
    root = synthetic_project(folder)
    (folder / "build-output.txt").write_text(built(root), "utf-8")
    return folder


@pytest.fixture
def after_a_build(built_once, tmp_path) -> tuple[Path, str]:
    """synthetic_project(tmp_path) after a full `briefing build` over two processes, and that build's
    output. Built once per run and copied here with its site and state, as the publish workflow
    restores the last build from its cache into a fresh checkout: every test changes its own copy."""
    shared = built_once("synthetic-built", _built_synthetic_project)
    root = shutil.copytree(shared / "project", tmp_path / "project", symlinks=True)
    return root, (shared / "build-output.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def long_site(tmp_path_factory) -> Path:
    """330 sources built by `briefing build` at the default threshold, once per test run: 165 actors
    and 330 sources (split), 99 events and 33 issues (not split); 990 quotes, positions and
    statements on the timeline (split)."""
    return _built_once(tmp_path_factory, "long", lambda folder: built_story(folder, 330))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a static server on 127.0.0.1 for ``folder``."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    # All at once: each shutdown() waits out its server's poll interval (0.5 s), and a worker's
    # session starts a server per site it serves (a dozen: 6 s at the end of the run, one by one).
    stopping = [threading.Thread(target=server.shutdown) for server in servers]
    for thread in stopping:
        thread.start()
    for thread in stopping:
        thread.join()


@pytest.fixture
def served_mini(mini_project: Path, tmp_path: Path):
    """Plain `mkdocs serve` on the mini story: (project, base URL, its log)."""
    process, log, base = start_serving(mini_project, tmp_path, ["mkdocs", "serve"])
    try:
        assert wait_for(lambda: get(base + "/issues/wage-freeze/") is not None, 30), "mkdocs serve did not start"
        yield mini_project, base, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


class _Chromium:
    """Debian's chromium driven by Playwright, started when a worker's first browser test asks for
    it and kept until the session ends: each launch cost 0.7 s CPU, once per browser module before.
    Each test opens its own context (see `page`), so none sees another's cookies, storage or routes."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None

    def browser(self) -> Any:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            if not Path(CHROMIUM).exists():
                pytest.fail(f"{CHROMIUM} not found: scripts/test installs Debian's chromium (apt-get install chromium)")
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        return self._browser

    def stop(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
            self._browser = self._playwright = None


@pytest.fixture(scope="session")
def _chromium():
    chromium = _Chromium()
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(_chromium):
    """Debian's chromium driven by Playwright; no browser is downloaded. One per worker (_Chromium)."""
    return _chromium.browser()


@pytest.fixture
def without_playwright(_chromium) -> None:
    """For a test that starts Playwright itself (the benchmark's search measurement): while the
    shared browser runs, Playwright's event loop is open in this process and another Playwright
    cannot start. Stops it; the next browser test starts it again."""
    _chromium.stop()


@pytest.fixture
def page(browser):
    """A fresh page that records every request it makes."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite tests/goldens/ from the current generator output"
    )


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")
