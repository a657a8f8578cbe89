"""Shared fixtures: real projects in tmp_path, real builds, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_SOURCE = "ft-2025-12-03-russia-no-deal"
from benchmarks.run import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - one browser setup for tests and benchmark


def make_project(root: Path, seeds: Path = REPO / "seeds") -> Path:
    """A briefing project like the repository's, with its own copy of ``seeds``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(seeds, root / "seeds")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    # The hook and theme stay in the repository: point at them from the copy.
    (root / "mkdocs.yml").write_text(config.replace(" generator/", f" {REPO.as_posix()}/generator/"), "utf-8")
    return root


def briefing(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the ``briefing`` command as a user would, in ``root``."""
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, env=full_env, cwd=root)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content, to compare trees."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def mini_project(tmp_path) -> Path:
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "seeds")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The shipped notes, generated and built with real MkDocs (once per session)."""
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


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; no browser is downloaded."""
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
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/goldens/ from the current generator output")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")
