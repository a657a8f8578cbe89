"""The edits a merge brings, applied to a synthetic story: each then built with `briefing build --incremental`."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.synthetic import _dump


def edit_a_note(seeds: Path) -> None:
    """One word of one note: the summary of the issue raised at every event (the largest page)."""
    note = seeds / "issues" / "issue-0.yml"
    note.write_text(note.read_text("utf-8").replace("A synthetic issue", "A synthetic, edited issue"), "utf-8")


def add_an_article(seeds: Path, statements: int = 5) -> None:
    """A new article, newer than every other, quoting ``statements`` existing actors on one issue."""
    actors = sorted(seeds.glob("actors/*.yml"))[:statements]
    issue = sorted(seeds.glob("issues/*.yml"))[0].stem
    lines, body = ["A new report on the talks", ""], []
    for k, path in enumerate(actors):
        note = yaml.safe_load(path.read_text("utf-8"))
        sentence = f"“We discussed the new proposal, point {k},” {note['name']} said."
        lines.append(sentence + " The talks went on.")
        body.append(
            {
                "id": f"st-new-{k}",
                "speaker": note["id"],
                "quote": f"We discussed the new proposal, point {k},",
                "issues": [issue],
                "positions": [{"issue": issue, "stance": "accepts"}],
                "evidence": {"passage": sentence},
            }
        )
    folder = seeds / "sources" / "wire-new-article"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("\n".join(lines) + "\n", "utf-8")
    _dump(
        folder / "source.yml",
        {"id": "wire-new-article", "title": "A new report", "publisher": "Synthetic Wire", "published": "2026-01-31"},
    )
    _dump(folder / "statements.yml", {"statements": body})


def rename_an_actor(seeds: Path) -> None:
    """An actor who speaks in several articles, renamed: every page naming them changes."""
    note = seeds / "actors" / "actor-1.yml"
    data = yaml.safe_load(note.read_text("utf-8"))
    note.write_text(
        note.read_text("utf-8").replace(f"name: {data['name']}", f"name: {data['name']} Renamed", 1), "utf-8"
    )


SCENARIOS = {
    "one note edited": edit_a_note,
    "new article, 5 statements": add_an_article,
    "actor renamed": rename_an_actor,
}
