"""What tests share: real projects and the `briefing` command, notes edited as a contributor
would, real article excerpts, reading built pages, and watching processes.

Tests import the package (``generator``), this module and ``payloads`` (hostile notes) only:
never another test file or ``conftest``, and ``benchmarks`` only in test_benchmark.py, whose
subject it is. Fixtures live in conftest.py and use these.
"""

from __future__ import annotations

import functools
import html.parser
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from generator.lifeline import descendants  # noqa: F401  (re-exported for the tests)
from generator.synthetic import write_corpus

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_SOURCE = "ft-2025-12-03-russia-no-deal"
# Debian's chromium, driven by Playwright: no browser is downloaded.
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# ------------------------------------------------------------------ projects and the command


def make_project(root: Path, seeds: Path = REPO / "seeds") -> Path:
    """A briefing project like the repository's, with its own copy of ``seeds``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(seeds, root / "seeds")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    # The theme stays in the repository: point at it from the copy (the plugin is installed with briefing).
    (root / "mkdocs.yml").write_text(config.replace(" generator/", f" {REPO.as_posix()}/generator/"), "utf-8")
    return root


def briefing(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the ``briefing`` command as a user would, in ``root``."""
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=root,
    )


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content, to compare trees."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ editing notes

# Notes of the mini story (tests/fixtures/mini).
MINI_SOURCE = "gazette-2024-03-06-harbour-talks"
ACTOR = "seeds/actors/ada-lund.yml"
EVENT = "seeds/events/harbour-talks-2024-03-05.yml"
STATEMENTS = f"seeds/sources/{MINI_SOURCE}/statements.yml"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(root: Path, relative: str, needle: str) -> int:
    for number, line in enumerate((root / relative).read_text("utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {relative}")


def assert_fails_at(
    root: Path, relative: str, line: int, message: str, command: str = "generate"
) -> subprocess.CompletedProcess:
    """``briefing <command>`` fails with ``message`` at ``relative:line``, no traceback, docs/ untouched."""
    before = tree_bytes(root / "docs")
    result = briefing(root, command)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"^{re.escape(relative)}:{line}(:\d+)?: .*{message}", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_bytes(root / "docs") == before, "docs/ changed although the notes are bad"
    return result


# ------------------------------------------------------------------ real article excerpts

REAL = FIXTURES / "real-articles"


def article_ids() -> list[str]:
    return sorted(p.name for p in REAL.iterdir() if p.is_dir())


def meta(article_id: str) -> dict:
    return yaml.safe_load((REAL / article_id / "meta.yml").read_text("utf-8"))


def layout(article_id: str) -> tuple[tuple[int, str], ...]:
    """The fixture's layout as ``prepare`` takes it."""
    from generator.text import layout_pairs

    return layout_pairs({k: v if isinstance(v, list) else [v] for k, v in meta(article_id)["layout"].items()})


def add_source(root: Path, article_id: str, **fields) -> Path:
    """seeds/sources/<id>/ with the verbatim article and a source.yml written from its meta.yml."""
    record = meta(article_id)
    folder = root / "seeds" / "sources" / article_id
    folder.mkdir(parents=True)
    (folder / "article.txt").write_bytes((REAL / article_id / "article.txt").read_bytes())
    source = {
        "id": article_id,
        "title": record["title"],
        "publisher": record["publisher"],
        "published": record["published"],
        "url": record["url"],
        "layout": record["layout"],
        **fields,
    }
    (folder / "source.yml").write_text(yaml.safe_dump(source, sort_keys=False, allow_unicode=True), "utf-8")
    return folder


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # notes may not use YAML aliases


def dump(path: Path, data) -> None:
    """Write ``data`` as a note, one object shared by several fields written out in each."""
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), "utf-8")


def write_note(root: Path, relative: str, note: dict) -> Path:
    path = root / "seeds" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(note, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def event(ident: str, source: str, status: str, value: str, phrase: str | None, passage: str) -> dict:
    date: dict[str, object] = {"value": value, "evidence": {"source": source, "passage": passage}}
    if phrase:
        date["phrase"] = phrase
    return {"id": ident, "name": ident.replace("-", " ").capitalize(), "kind": "event", "status": status, "date": date}


def real_project(tmp_path: Path, *article_ids: str) -> Path:
    """A project with no notes but the given real sources."""
    empty = tmp_path / "empty-seeds"
    for folder in ("actors", "events", "issues", "sources"):
        (empty / folder).mkdir(parents=True, exist_ok=True)
    root = make_project(tmp_path / "p", empty)
    for article_id in article_ids:
        add_source(root, article_id)
    return root


# ------------------------------------------------------------------ the notes as data, built pages as links


def note_ids(seeds: Path, folder: str) -> list[str]:
    return sorted(p.stem for p in (seeds / folder).glob("*.yml"))


def statements(seeds: Path) -> list[dict]:
    found = []
    for path in sorted((seeds / "sources").glob("*/statements.yml")):
        found += yaml.safe_load(path.read_text("utf-8"))["statements"]
    return found


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")


def read_links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """Every page of a built site (Pagefind's files aside)."""
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


def default_site_url() -> str:
    """The address mkdocs.yml gives when BRIEFING_SITE_URL is not set (the !ENV default)."""
    line = next(row for row in (REPO / "mkdocs.yml").read_text("utf-8").splitlines() if row.startswith("site_url:"))
    found = re.search(r'"(https?://[^"]+)"', line)
    assert found, line
    return found.group(1)


class Head(html.parser.HTMLParser):
    """A page's meta tags, canonical link and JSON-LD scripts, as a crawler reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key:
            self.meta[key] = found.get("content") or ""
        elif tag == "link" and found.get("rel") == "canonical":
            self.canonical = found["href"]
        elif tag == "script" and found.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


def read_head(page: Path) -> Head:
    head = Head()
    head.feed(page.read_text("utf-8"))
    return head


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file (its absolute, resolved path) and anchor an internal link opens, or None for an external link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    # A built site holds no symbolic links (MkDocs writes plain files): with the page's folder
    # resolved once, reading "." and ".." off the link gives what Path.resolve() would, without
    # a system call per part of every link (the link checks of a large site made millions).
    folder = _real_folder(str(page.parent))
    target = (
        Path(os.path.normpath(os.path.join(folder, unquote(parts.path)))) if parts.path else Path(folder, page.name)
    )
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def internal_targets(site: Path, page: Path) -> list[Path]:
    """Every built page ``page`` links to (external links left out), by resolved path."""
    found = []
    for href in read_links(page).hrefs:
        resolved = resolve(site, page, href)
        if resolved is not None:
            found.append(resolved[0])
    return found


# ------------------------------------------------------------------ synthetic stories


# The low threshold of the split_site fixture (conftest.py): every section of 120 sources splits.
SPLIT_THRESHOLD = 10


def three_story_project(root: Path) -> Path:
    """The shipped notes and two unrelated real stories (tests/fixtures/three-stories)."""
    project = make_project(root)
    shutil.copytree(FIXTURES / "three-stories" / "seeds", project / "seeds", dirs_exist_ok=True)
    return project


def build_with_threshold(base: Path, sources: int, threshold: int) -> Path:
    """A synthetic story generated with ``listing_threshold=threshold`` and built by real MkDocs
    with the project's mkdocs.yml, the briefing plugin off (it would regenerate them at the default threshold).
    Rendering twice gives the same pages."""
    from generator.pipeline import Project, check, generated_files
    from generator.write import write_pages

    write_corpus(base / "seeds", sources)
    root = make_project(base / "project", base / "seeds")
    corpus, problems = check(Project(root))
    assert not problems
    pages = generated_files(Project(root), corpus, listing_threshold=threshold)
    again = generated_files(Project(root), corpus, listing_threshold=threshold)
    assert [p.markdown() for p in pages] == [p.markdown() for p in again]
    write_pages(pages, root / "docs", root)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_PLUGIN": "false"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def built_story(base: Path, sources: int) -> Path:
    """A synthetic story of ``sources`` articles, built with `briefing build` as a user would."""
    write_corpus(base / "seeds", sources)
    root = make_project(base / "project", base / "seeds")
    # Speed is measured in benchmarks/, not asserted here: a busy machine must not fail a test.
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def synthetic_project(base: Path, sources: int = 40) -> Path:
    """A synthetic story (40 articles: 85 pages, enough for two page-building processes) whose
    theme templates are the project's own copy, so a test may change one."""
    write_corpus(base / "seeds", sources)
    root = make_project(base / "project", base / "seeds")
    shutil.copytree(REPO / "generator" / "site_theme", root / "theme")
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"custom_dir: \S+", "custom_dir: theme", config), "utf-8")
    return root


def built(root: Path, *args: str, workers: int = 2, env: dict | None = None) -> str:
    """`briefing build` over ``workers`` page-building processes, which must succeed: its output."""
    result = briefing(root, "build", *args, env={"BRIEFING_BUILD_WORKERS": str(workers), **(env or {})})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# ------------------------------------------------------------------ servers and processes


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str | None:
    """The page's text, or None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def start_serving(project: Path, tmp_path: Path, command: list[str]):
    """``python -m <command> --dev-addr 127.0.0.1:<free port>`` in ``project``: (process, log, base URL)."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", *command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    return process, log, f"http://127.0.0.1:{port}"


def first_results(page, base: str, query: str) -> list[str]:
    """The pages Material's search box lists for ``query``, best first (Pagefind's ranking)."""
    page.goto(base + "/")
    page.click("input.briefing-search__input")
    page.keyboard.type(query)
    results = page.locator(".briefing-search__item a")
    results.first.wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    return [href.split("#")[0] for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def commit_notes(root, day: str, message: str) -> None:
    """Commit the notes as of ``day`` (the author's and the committer's date)."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00Z",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00Z",
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    subprocess.run(["git", "-C", str(root), "add", "seeds"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)
