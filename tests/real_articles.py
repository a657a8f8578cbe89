"""Projects made from the real article excerpts in tests/fixtures/real-articles/."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import FIXTURES, make_project

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
    source = {"id": article_id, "title": record["title"], "publisher": record["publisher"],
              "published": record["published"], "url": record["url"], "layout": record["layout"], **fields}
    (folder / "source.yml").write_text(yaml.safe_dump(source, sort_keys=False, allow_unicode=True), "utf-8")
    return folder


def write_note(root: Path, relative: str, note: dict) -> Path:
    path = root / "seeds" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(note, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def event(ident: str, source: str, status: str, value: str, phrase: str | None, passage: str) -> dict:
    date = {"value": value, "evidence": {"source": source, "passage": passage}}
    if phrase:
        date["phrase"] = phrase
    return {"id": ident, "name": ident.replace("-", " ").capitalize(), "kind": "event", "status": status,
            "date": date}


def real_project(tmp_path: Path, *article_ids: str) -> Path:
    """A project with no notes but the given real sources."""
    empty = tmp_path / "empty-seeds"
    for folder in ("actors", "events", "issues", "sources"):
        (empty / folder).mkdir(parents=True, exist_ok=True)
    root = make_project(tmp_path / "p", empty)
    for article_id in article_ids:
        add_source(root, article_id)
    return root
