"""Shared fixtures: real projects in tmp_path, real builds, a real browser; and the test layers.

Layers, marked here at collection so that no test can be left unmarked:

- tests/unit/: the pure functions, in-process and table-driven; no site is built, no command run,
  no browser. `scripts/test --fast` runs these alone (``-m "not slow and not browser"``).
- every other test is ``slow``: it builds a site with real MkDocs or runs `briefing` end to end;
- a test that uses the ``browser`` fixture (directly, or through ``page``) is also ``browser``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, FIXTURES, briefing, get, make_project, start_serving, wait_for

UNIT = Path(__file__).resolve().parent / "unit"
# Fixtures that build, serve or drive a browser: a test using one is no unit test.
END_TO_END_FIXTURES = {"mini_project", "seed_site", "serve", "browser", "page", "served_mini"}


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


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The shipped notes, generated and built with real MkDocs (once per session, per xdist worker)."""
    root = make_project(tmp_path_factory.mktemp("seed") / "project")
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


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
    for server in servers:
        server.shutdown()


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


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright; no browser is downloaded.

    Per module, not per session: while it runs, Playwright's event loop is open in this process,
    and a test that starts Playwright itself (the benchmark's search measurement) cannot. Under
    xdist a worker may run a browser module before such a test; module scope closes it between."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: scripts/test installs Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
