"""[[References]] in the hand-written pages of docs/ (such as about.md).

The generator never writes these pages (see write.py), so their references are resolved when
MkDocs reads them: the briefing MkDocs plugin calls ``resolve_page`` from ``on_page_markdown``, and the links
it makes are ordinary Markdown links, which MkDocs checks and rewrites like any other.
``briefing check`` checks them with ``docs_page_problems``, so a bad reference fails before a build.
The pages are the maintainers' own Markdown, not contributor notes: they are not sanitised.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, display_path
from .markup import escape_md
from .story_refs import Target, check_refs, replace_refs
from .write import read_manifest


def hand_written_pages(docs: Path) -> list[Path]:
    """The Markdown pages under docs/ that the generator did not write (regular files only)."""
    if not docs.is_dir():
        return []
    owned = read_manifest(docs)
    return sorted(
        p
        for p in docs.rglob("*.md")
        if p.is_file() and not p.is_symlink() and p.relative_to(docs).as_posix() not in owned
    )


def docs_page_problems(docs: Path, corpus, root: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    for path in hand_written_pages(docs):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports an unreadable page itself
        if "[[" in text:
            shown = display_path(path, root)

            def report(line: int, col: int, message: str, shown: str = shown) -> None:
                problems.append(Problem(shown, line + 1, col, message))

            check_refs(text, corpus, report)
    return problems


def _relative(from_page: str, target: str) -> str:
    from .pages.page import relative_url

    return relative_url(from_page.rpartition("/")[0], target)


def resolve_page(markdown: str, page_path: str, corpus) -> str:
    """A hand-written page's Markdown with each reference as a Markdown link (``page_path`` is the
    page's path under docs/, e.g. "about.md")."""

    def link(target: Target) -> str:
        if target.kind == "source" and target.anchor:
            from .pages.shown_dates import format_date

            source = corpus.sources[target.id].note
            label = f"{source.publisher}, {format_date(source.published)}, ¶{target.anchor.split('-')[0].lstrip('p')}"
        elif target.kind == "story":
            label = corpus.stories[target.id].note.title
        else:
            table = {"actor": corpus.actors, "issue": corpus.issues, "event": corpus.events}.get(target.kind)
            label = table[target.id].note.name if table is not None else corpus.sources[target.id].note.title
        anchor = f"#{target.anchor}" if target.anchor else ""
        return f"[{escape_md(target.label or label)}]({_relative(page_path, target.page)}{anchor})"

    return replace_refs(markdown, corpus, link)
