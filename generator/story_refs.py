"""References to notes in contributor Markdown: ``[[vladimir-putin]]``, ``[[issue:territory]]``,
``[[ft-2025-12-03-russia-no-deal#p5]]``, ``[[territory|the Donetsk question]]``.

Stories and hand-written docs/ pages use them. Each is checked (an unknown id is a located
error with the closest id), and resolved to a link whose text is the note's name, or the
article's citation ("Financial Times, 3 December 2025, ¶5") for a source. A quotation in a
story must be in what the same paragraph cites: the cited paragraph of a source, or the whole source
when it is cited without one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .text import find_in_order, normalize, pieces

REF_RE = re.compile(r"\[\[([^\[\]\n]{1,200})\]\]")
_TARGET_RE = re.compile(
    r"^(?:(?P<kind>actor|issue|event|source|story):)?(?P<id>[^#|:]+?)"
    r"(?:#(?P<anchor>[^|]*))?(?:\|(?P<label>.+))?$"
)
_ANCHOR_RE = re.compile(r"^p(\d+)(?:-s(\d+))?$")
# A quotation: curly quotes, or straight ones, within a paragraph.
QUOTE_RE = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
KINDS = ("actor", "issue", "event", "source", "story")
SECTION = {"actor": "actors", "issue": "issues", "event": "events", "source": "sources", "story": "stories"}


@dataclass(frozen=True)
class Ref:
    """One ``[[...]]`` in a text, where it is and what it names."""

    start: int
    end: int
    text: str  # what is between the brackets


@dataclass(frozen=True)
class Target:
    """What a reference resolves to."""

    kind: str
    id: str
    anchor: str  # a sentence anchor of a source ("p5-s1"), or ""
    label: str | None  # the contributor's own link text

    @property
    def page(self) -> str:
        return f"{SECTION[self.kind]}/{self.id}.md"


def _table(corpus, kind: str) -> dict:
    return {
        "actor": corpus.actors,
        "issue": corpus.issues,
        "event": corpus.events,
        "source": corpus.sources,
        "story": getattr(corpus, "stories", {}),
    }[kind]


def find_refs(text: str) -> Iterator[Ref]:
    for match in REF_RE.finditer(text):
        yield Ref(match.start(), match.end(), match.group(1).strip())


def position(text: str, offset: int) -> tuple[int, int]:
    """The 0-based line and 1-based column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def resolve(ref: Ref, corpus) -> Target | str:
    """The note a reference names, or what is wrong with it and how to fix it."""
    parsed = _TARGET_RE.match(ref.text)
    if not parsed:
        return f"[[{ref.text}]] is not a reference; write [[note-id]], [[kind:note-id]] or [[source-id#p3]]"
    kind, ident = parsed.group("kind"), parsed.group("id").strip()
    anchor, label = parsed.group("anchor"), (parsed.group("label") or "").strip() or None
    kinds = [kind] if kind else [k for k in KINDS if ident in _table(corpus, k)]
    if kind and ident not in _table(corpus, kind):
        kinds = []
    if len(kinds) > 1:
        choices = " or ".join(f"[[{k}:{ident}]]" for k in kinds)
        return f"[[{ident}]] could be the {' or the '.join(kinds)}; write {choices}"
    if not kinds:
        known = [i for k in ([kind] if kind else KINDS) for i in _table(corpus, k)]
        close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
        hint = f"did you mean [[{close[0]}]]?" if close else "check the id against the file names under seeds/"
        return f"unknown note {ident!r} in [[{ref.text}]]; {hint}"
    kind = kinds[0]
    sentence = ""
    if anchor is not None:
        if kind != "source":
            return f"only a source takes '#p<paragraph>' in [[{ref.text}]]; remove '#{anchor}'"
        found = _ANCHOR_RE.match(anchor)
        paragraphs = body_paragraphs(corpus, ident)
        if not found:
            return f"'#{anchor}' is not a paragraph; write #p3 (paragraph 3) or #p3-s2 (its second sentence)"
        number, sub = int(found.group(1)), int(found.group(2) or 1)
        if not 1 <= number <= len(paragraphs) or not 1 <= sub <= len(paragraphs[number - 1].sentences):
            return f"{ident} has no {anchor}: its body has {len(paragraphs)} paragraphs; count them on its source page"
        sentence = paragraphs[number - 1].sentences[sub - 1].anchor
    return Target(kind, ident, sentence, label)


def body_paragraphs(corpus, source_id: str) -> list:
    """The article's body paragraphs: "#p3" counts them as citations do, without the headline, captions
    and other lines its source.yml ``layout`` sets apart."""
    return [p for p in corpus.sources[source_id].prepared.paragraphs if p.kind == "body"]


def cited_sources(text: str, corpus) -> set[str]:
    """The sources a text's references cite."""
    return {t.id for t in (resolve(r, corpus) for r in find_refs(text)) if isinstance(t, Target) and t.kind == "source"}


def check_refs(text: str, corpus, report: Callable[[int, int, str], None], quotations: bool = False) -> None:
    """Report each bad reference (and, with ``quotations``, each unsourced quotation) as
    ``report(line, column, message)``, line 0-based within ``text``."""
    for ref in find_refs(text):
        target = resolve(ref, corpus)
        if isinstance(target, str):
            report(*position(text, ref.start), target)
    if quotations:
        _check_quotations(text, corpus, report)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each paragraph (blank-line separated) with its offset in ``text``."""
    offset = 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        if block.strip() and not block.startswith("\n"):
            yield offset, block
        offset += len(block)


def _cited_texts(paragraph: str, corpus) -> dict[str, str]:
    """What a paragraph cites, as normalised text by label: a cited paragraph of a source
    ("ft#p5"), or a whole source cited without a paragraph."""
    texts: dict[str, str] = {}
    for ref in find_refs(paragraph):
        target = resolve(ref, corpus)
        if isinstance(target, str) or target.kind != "source":
            continue
        prepared = corpus.sources[target.id].prepared
        if target.anchor:
            number = int(target.anchor.split("-")[0][1:])
            texts[f"{target.id}#p{number}"] = " ".join(
                normalize(s.text) for s in body_paragraphs(corpus, target.id)[number - 1].sentences
            )
        else:
            texts[target.id] = prepared.normalized
    return texts


def _check_quotations(text: str, corpus, report) -> None:
    for offset, paragraph in _paragraphs(text):
        cited = _cited_texts(paragraph, corpus)
        for match in QUOTE_RE.finditer(REF_RE.sub(lambda m: " " * len(m.group(0)), paragraph)):
            words = match.group(1) or match.group(2)
            line, col = position(text, offset + match.start())
            if not cited:
                report(
                    line,
                    col,
                    f"unsourced quotation “{words}”; cite the article it comes from in the same "
                    "paragraph, e.g. [[source-id#p3]]",
                )
            elif not any(find_in_order(pieces(words), where) is not None for where in cited.values()):
                report(
                    line,
                    col,
                    f"quotation “{words}” is not in {', '.join(sorted(cited))}, which this paragraph "
                    "cites; copy the words exactly as the article has them, and cite their paragraph",
                )


def replace_refs(text: str, corpus, link: Callable[[Target], str]) -> str:
    """``text`` with each reference replaced by ``link(target)``; references must have been checked."""

    def one(match: re.Match) -> str:
        target = resolve(Ref(match.start(), match.end(), match.group(1).strip()), corpus)
        return match.group(0) if isinstance(target, str) else link(target)

    return REF_RE.sub(one, text)


def site_url(page: str) -> str:
    """Where MkDocs puts a page with ``use_directory_urls`` (mkdocs.yml): "actors/a.md" -> "actors/a/"."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def html_href(from_page: str, target: Target) -> str:
    """A link from ``from_page`` to ``target`` as the built site has it. Used in sanitised HTML,
    whose links MkDocs does not rewrite from ``.md`` paths."""
    here = site_url(from_page).rstrip("/")
    there = site_url(target.page)
    up = len(here.split("/")) if here else 0
    return "../" * up + there + (f"#{target.anchor}" if target.anchor else "")
