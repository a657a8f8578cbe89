"""``briefing draft``: statements and actors proposed from a source's article, for a person to check.

The draft is written beside the article as ``statements.draft.yml`` and never over the
contributor's ``statements.yml``. Every statement in it cites its sentence exactly as in
the article, so once accepted (``briefing draft <id> --accept <statement id>``, see
accept.py) it passes ``briefing check``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .corpus import Corpus
from .model import RESERVED_IDS, SLUG_MAX
from .names import TITLE_WORDS, NameIndex, classify, dateline_end, is_noise_line, mentions, same_person
from .quotes import Quotation, detect

DRAFT_NAME = "statements.draft.yml"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DATE_PHRASE = re.compile(
    r"\b(?:(?:on|last|this|next)\s+)?(?:" + "|".join(_WEEKDAYS) + r")\b"
    r"|\b(?:today|yesterday|tomorrow)\b",
    re.I,
)


@dataclass
class DraftStatement:
    id: str
    speaker: str  # an actor id, existing or proposed
    quote: str
    passage: str
    date: dict | None
    note: str  # why this speaker: shown as a comment above the statement


@dataclass
class ProposedActor:
    id: str
    kind: str
    name: str
    role: str | None = None
    role_passage: str | None = None


@dataclass
class Draft:
    source: str
    statements: list[DraftStatement] = field(default_factory=list)
    actors: list[ProposedActor] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)


def slug(words: str, limit: int = SLUG_MAX) -> str:
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    made = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-") or "x"
    return made + "-x" if made in RESERVED_IDS else made


def resolve_date(passage: str, published: dt.date | None) -> dict | None:
    """A day phrase in the passage ("on Tuesday", "yesterday") as the date it means, counted back."""
    match = _DATE_PHRASE.search(passage)
    if not match or published is None:
        return None
    phrase = match.group(0)
    words = phrase.lower()
    if "today" in words or "yesterday" in words or "tomorrow" in words:
        shift = 0 if "today" in words else (-1 if "yesterday" in words else 1)
    else:
        day = next(i for i, d in enumerate(_WEEKDAYS) if d in words)
        back = (published.weekday() - day) % 7
        shift = (7 - back) % 7 if words.startswith("next") else -back
        if words.startswith("last") and shift == 0:
            shift = -7
    return {"value": (published + dt.timedelta(days=shift)).isoformat(), "phrase": phrase}


def match_actor(corpus: Corpus, said: str) -> str | None:
    """The one actor whose name or alias is ``said``, or whose name ends or starts with it."""
    said_plain = re.sub(r"^the\s+", "", said.strip(), flags=re.I).lower()
    exact, partial = [], []
    for actor in corpus.actors.values():
        names = [actor.note.name, *actor.note.aliases]
        if any(n.lower() == said_plain or n.lower() == said.lower() for n in names):
            exact.append(actor.id)
        elif actor.note.kind.value == "person" and any(same_person(said_plain, n) for n in names):
            partial.append(actor.id)
    found = exact or partial
    return found[0] if len(set(found)) == 1 else None


def role_of(text: str, name: str) -> tuple[str, str] | None:
    """(role, exact passage) where the article gives ``name`` a role: "Kremlin spokesman Dmitry Peskov"
    or "Mark Rutte, Nato's secretary-general,"."""
    for found in re.finditer(re.escape(name), text):
        words = list(re.finditer(r"[\w’'\-\.]+", text[max(0, found.start() - 80) : found.start()]))
        base = max(0, found.start() - 80)
        if words and words[-1].group(0).lower() in TITLE_WORDS and base + words[-1].end() == found.start() - 1:
            first = len(words) - 1
            while (
                first > 0
                and len(words) - first < 4
                and words[first - 1].group(0).lower()
                not in ("a", "an", "the", "and", "of", "to", "by", "with", "said", "that", "for", "on", "in", "at")
            ):
                if text[base + words[first - 1].end() : base + words[first].start()].strip():
                    break  # punctuation between the words: the role starts here
                first -= 1
            start = base + words[first].start()
            return text[start : found.start()].strip(), text[start : found.end()]
        after = re.match(
            r",\s+((?:a |an |the )?[a-z][^,.;“”\"]{2,70}?|[A-Z][\w’']+[’']s [^,.;“”\"]{2,60}?),", text[found.end() :]
        )
        if after:
            return after.group(1), text[found.start() : found.end() + after.end() - 1]
    return None


def make_draft(corpus: Corpus, source_id: str) -> Draft:
    doc = corpus.sources[source_id]
    text, note = doc.text, doc.note
    # Relative dates resolve against the day of publication; a source dated to the month has none.
    published = note.published.start if note.published and note.published.effective_precision.value == "day" else None
    not_quotes = {q.lower() for q in note.not_quotes}
    draft = Draft(source_id)
    taken = set(corpus.statements)
    proposed: dict[str, ProposedActor] = {}
    groups: list[tuple[str, list[Quotation]]] = []  # (speaker, the quotations of one statement)
    for quote in detect(text):
        if quote.text.strip(" ,.").lower() in not_quotes:
            continue
        if not quote.speaker:
            draft.uncertain.append(quote.text)
        elif groups and groups[-1][1][0].passage_start == quote.passage_start and groups[-1][0] == quote.speaker:
            groups[-1][1].append(quote)  # "A," he said, "B." is one statement: A [...] B
        else:
            groups.append((quote.speaker, [quote]))
    for speaker, group in groups:
        first = group[0]
        actor = match_actor(corpus, speaker) or (first.written and match_actor(corpus, first.written))
        if actor:
            why = f"matched actor {actor}"
        else:
            actor = slug(speaker)
            if actor not in proposed and actor not in corpus.actors:
                proposed[actor] = _propose(text, speaker, actor)
            why = f"proposed new actor {actor}"
        ident = _unique(slug(f"{actor.split('-')[-1]} {' '.join(first.text.split()[:5])}"), taken)
        words = " [...] ".join(q.text.strip() for q in group)
        note_line = (
            f"“{_short(first.text)}”: {first.how}"
            + (f" ('{first.written}')" if first.written else "")
            + (f", cue '{first.cue}'" if first.cue else "")
            + f"; {why}; confidence {first.confidence:.2f}"
        )
        draft.statements.append(
            DraftStatement(ident, actor, words, first.passage, resolve_date(first.passage, published), note_line)
        )
    draft.actors = list(proposed.values())
    draft.unplaced = _unplaced(corpus, source_id, proposed)
    return draft


def _propose(text: str, name: str, ident: str) -> ProposedActor:
    kind = "organisation" if classify(name.split()) in ("organisation", "place") else "person"
    role = role_of(text, name)
    return ProposedActor(ident, kind, name, *(role or (None, None)))


def _unique(ident: str, taken: set[str]) -> str:
    base, n = ident[: SLUG_MAX - 3].strip("-"), 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _short(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= 50 else words[:47] + "..."


def story_people(text: str) -> list[str]:
    """People the story names (two words or more, or "Mr Bailey"), outside headlines, credits and datelines."""
    found, seen, offset, index = [], NameIndex(), 0, 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            if not is_noise_line(body, index):
                for m in mentions(text, offset + dateline_end(body), offset + len(body)):
                    if m.kind == "person" and (" " in m.name or m.honorific) and not seen.covers(m.name):
                        found.append(m.name)  # once: "Sir Keir" after "Keir Starmer" is no new name
                        seen.add(m.name)
            index += 1
        offset += len(line)
    return found


def actor_names(corpus: Corpus) -> list[str]:
    return [n for a in corpus.actors.values() for n in (a.note.name, *a.note.aliases)]


def source_names(corpus: Corpus, source_id: str) -> list[str]:
    """Names a source says are not to be noted as actors: its authors and its not_names."""
    note = corpus.sources[source_id].note
    return [*note.byline, *note.additional_reporting, *note.not_names]


def _unplaced(corpus: Corpus, source_id: str, proposed: dict[str, ProposedActor]) -> list[str]:
    known = NameIndex(actor_names(corpus) + source_names(corpus, source_id) + [p.name for p in proposed.values()])
    return [n for n in story_people(corpus.sources[source_id].text) if not known.covers(n)]


def draft_yaml(draft: Draft, source_display: str) -> str:
    """The draft file: plain YAML the notes format accepts, with the reasons as comments."""
    out = [
        f"# Draft notes for {source_display}, written by `briefing draft {draft.source}`.",
        "# Nothing here is published. Check each suggestion against the article, then accept it with",
        f"#   briefing draft {draft.source} --accept <statement id>",
        "# (it moves into statements.yml, with its proposed speaker written to seeds/actors/), or copy it",
        "# by hand. Add paraphrase, issues, event and positions yourself. Running draft again rewrites this file.",
        "statements:" if draft.statements else "statements: []",
    ]
    for statement in draft.statements:
        item: dict[str, object] = {"id": statement.id, "speaker": statement.speaker, "quote": statement.quote}
        if statement.date:
            item["date"] = statement.date
        item["evidence"] = {"passage": statement.passage}
        out += [f"  # {_comment(statement.note)}", yaml_block(item, "  ")]
    out.append("actors:" if draft.actors else "actors: []")
    for actor in draft.actors:
        actor_item: dict[str, object] = {"id": actor.id, "kind": actor.kind, "name": actor.name}
        if actor.role:
            actor_item["roles"] = [
                {"title": actor.role, "evidence": {"source": draft.source, "passage": actor.role_passage}}
            ]
        out.append(yaml_block(actor_item, "  "))
    out.append(
        "# Named in the article but matched to no actor: add an actor or an alias, or list them in "
        "source.yml under not_names."
    )
    out.append(yaml_block({"unplaced_names": draft.unplaced}, ""))
    out.append("# Quoted words with no speaker found: note them by hand, or list them in source.yml under not_quotes.")
    out.append(yaml_block({"uncertain_quotations": draft.uncertain}, ""))
    return "\n".join(out) + "\n"


def _comment(words: str) -> str:
    # One line of printable characters: nothing from the article can end the comment or break the file.
    return "".join(c for c in " ".join(words.split()) if c.isprintable())


def yaml_block(data, indent: str) -> str:
    dumped = yaml.safe_dump(
        [data] if indent else data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )
    return "\n".join(indent + line if line else line for line in dumped.rstrip("\n").split("\n"))
