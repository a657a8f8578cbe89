"""Reading what a reader sees: the notes as data, and the links of built pages."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml


def note_ids(seeds: Path, folder: str) -> list[str]:
    return sorted(p.stem for p in (seeds / folder).glob("*.yml"))


def statements(seeds: Path) -> list[dict]:
    found = []
    for path in sorted((seeds / "sources").glob("*/statements.yml")):
        found += yaml.safe_load(path.read_text("utf-8"))["statements"]
    return found


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def read_links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link opens, or None for an external link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def build_with_threshold(base: Path, sources: int, threshold: int) -> Path:
    """A synthetic story generated with ``listing_threshold=threshold`` and built by real MkDocs
    with the project's mkdocs.yml, less the hook (which would regenerate it at the default threshold).
    Rendering twice gives the same pages."""
    import os
    import subprocess
    import sys

    from benchmarks.corpus import write_corpus
    from conftest import make_project
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
    config = root / "mkdocs-nohook.yml"
    text = (root / "mkdocs.yml").read_text("utf-8")
    config.write_text("\n".join(line for line in text.splitlines()
                                if not line.startswith("hooks:") and "mkdocs_hook.py" not in line) + "\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)],
                            cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def built_story(base: Path, sources: int) -> Path:
    """A synthetic story of ``sources`` articles, built with `briefing build` as a user would."""
    from benchmarks.corpus import write_corpus
    from conftest import briefing, make_project

    write_corpus(base / "seeds", sources)
    root = make_project(base / "project", base / "seeds")
    # Speed is measured in benchmarks/, not asserted here: a busy machine must not fail a test.
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root
