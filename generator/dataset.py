"""The notes as tables, for the data download (see export.py).

One table per kind of thing the notes record. Ids are the note ids; a row that is
part of a note (a role, a date an event is given, a position) is named by its note's
id and its place in the note, as in the YAML: ``dmitry-peskov/roles/0`` is Peskov's
first role. Every row that states a fact carries the source and the sentence anchor
of its first passage; ``citations`` lists every passage of every row.

Each table is its columns (with their meaning, for ``datapackage.json`` and the Data
page) and a small function per note that makes its rows from the validated, linked
notes: a new field in the notes is a new column and one line in one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .cite import fact_anchor, statement_anchor, statement_page
from .corpus import Corpus, Located, SourceDoc
from .disputes import FACTS, disputed_facts
from .link import Links
from .model import ActorKind, EventStatus, Evidence, Precision, Stance

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"


def _values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


@dataclass(frozen=True)
class Column:
    """A field of a table, described as Frictionless Table Schema describes one."""

    name: str
    type: str  # Table Schema type: "string", "boolean" or "array" (a JSON array; in CSV, its JSON text)
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    references: str | None = None  # the table whose id this column holds


def _id(description: str) -> Column:
    return Column("id", "string", description, required=True)


def _ref(name: str, table: str, description: str, required: bool = False) -> Column:
    return Column(name, "string", description, required=required, pattern=ID_PATTERN, references=table)


def _date(name: str, description: str, required: bool = False) -> list[Column]:
    return [
        Column(
            name,
            "string",
            f"{description} YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source.",
            required=required,
            pattern=DATE_PATTERN,
        ),
        Column(
            f"{name}_precision",
            "string",
            "day, month, year, or approximate when the source is vague.",
            enum=_values(Precision),
        ),
        Column(f"{name}_phrase", "string", "The source's own words for the date, e.g. 'on Tuesday'."),
    ]


PERMALINK = Column(
    "permalink",
    "string",
    "Where the site shows it, with its citation: a link that stays "
    "the same when notes are added (an absolute URL when the site's address is set).",
    required=True,
)
NOTES_FILE = Column("notes_file", "string", "The note file this row comes from, under seeds/.", required=True)
# The first passage of a row that states a fact; every passage is in the citations table.
EVIDENCE = [
    _ref("source", "sources", "The source that states this (its first passage's source).", required=True),
    Column(
        "anchor",
        "string",
        "The sentence of the source that states it: the anchor of the source page "
        "(p3-s2 is paragraph 3, sentence 2; p3-s2-to-p4-s1 a passage of several sentences; caption1-s1 a line "
        "outside the body, by its kind); empty if the passage was not located.",
        pattern=r"^[a-z]+\d+-s\d+(-to-[a-z]+\d+-s\d+)?$",
    ),
    Column("passage", "string", "The words copied from the source.", required=True),
]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


TABLES = (
    Table(
        "sources",
        "Sources",
        "The articles the notes are taken from.",
        (
            _id("The source's id (its folder under seeds/sources/)."),
            Column("title", "string", "The headline as published.", required=True),
            Column(
                "publisher", "string", "Who published it here (the paper that ran a syndicated report).", required=True
            ),
            Column("original_publisher", "string", "The agency or paper that wrote a syndicated article, if any."),
            *_date("published", "When it was published, empty when the page gives no date:"),
            *_date("retrieved", "When the contributor read it:"),
            Column("url", "string", "Where it was published, if given."),
            Column("byline", "array", "Authors as printed; empty if none printed."),
            Column("additional_reporting", "array", "Reporters credited with additional reporting."),
            Column("language", "string", "The article's language (a language code).", required=True),
            NOTES_FILE,
        ),
    ),
    Table(
        "actors",
        "Actors",
        "People and organisations.",
        (
            _id("The actor's id."),
            Column(
                "kind",
                "string",
                "person, organisation, group (several people speaking together) or anonymous.",
                required=True,
                enum=_values(ActorKind),
            ),
            Column("name", "string", "The name pages show.", required=True),
            Column("aliases", "array", "Other names the sources use."),
            Column("about", "string", "Prose about the actor (Markdown); its passages are in citations."),
            NOTES_FILE,
        ),
    ),
    Table(
        "roles",
        "Roles",
        "The roles the sources give actors, each with its source.",
        (
            _id("The actor's id, /roles/, and the role's place in the note (from 0)."),
            _ref("actor", "actors", "Whose role it is.", required=True),
            Column("title", "string", "The role as the source puts it.", required=True),
            _ref("affiliation", "actors", "The organisation the role is in, if any."),
            *EVIDENCE,
        ),
    ),
    Table(
        "issues",
        "Issues",
        "What is under discussion.",
        (
            _id("The issue's id."),
            Column("name", "string", "The name pages show.", required=True),
            Column("aliases", "array", "Other names for it that pages show and search finds."),
            Column(
                "summary",
                "string",
                "Prose a reader new to the story can follow (Markdown); its passages are in citations.",
                required=True,
            ),
            Column("related", "array", "Ids of related issues."),
            NOTES_FILE,
        ),
    ),
    Table(
        "events",
        "Events",
        "Meetings and other events, held or expected. What the sources say of each "
        "(dates, place, participants...) is in event_claims.",
        (
            _id("The event's id."),
            Column("name", "string", "The name pages show.", required=True),
            Column("kind", "string", "meeting, talks, speech, ...", required=True),
            Column("status", "string", "Whether it was held or is expected.", required=True, enum=_values(EventStatus)),
            Column(
                "date",
                "string",
                "The first date given for it (others, if the sources differ, are in event_claims).",
                pattern=DATE_PATTERN,
            ),
            Column("issues", "array", "Ids of the issues it is about."),
            Column("summary", "string", "Prose (Markdown); its passages are in citations."),
            NOTES_FILE,
        ),
    ),
    Table(
        "event_claims",
        "Event claims",
        "Each thing a source says about an event: its date, place, "
        "duration, outcome, condition, or a participant. A field with several rows of different values "
        "is disputed: the sources differ.",
        (
            _id("The event's id, the field, and the claim's place in the note (from 0)."),
            _ref("event", "events", "The event.", required=True),
            Column(
                "field",
                "string",
                "What the claim is about.",
                required=True,
                enum=("date", "place", "duration", "outcome", "condition", "participant"),
            ),
            Column(
                "value",
                "string",
                "What the source says: a date (YYYY-MM-DD, YYYY-MM or YYYY), a text, "
                "or for a participant the actor's id.",
                required=True,
            ),
            Column("precision", "string", "For a date: day, month, year or approximate.", enum=_values(Precision)),
            Column("phrase", "string", "For a date: the source's own words."),
            _ref("actor", "actors", "For a participant: the actor's id."),
            Column("disputed", "boolean", "Whether another claim gives this field a different value.", required=True),
            PERMALINK,
            *EVIDENCE,
        ),
    ),
    Table(
        "statements",
        "Statements",
        "Who said what. quote holds the exact words quoted; paraphrase the "
        "gist in the source's words; a statement has one or both.",
        (
            _id("The statement's id."),
            _ref("speaker", "actors", "Who said it.", required=True),
            _ref("on_behalf_of", "actors", "Whose view the speaker relays, if anyone's."),
            Column("reported_by", "array", "Ids of the actors it came through (an agency, an aide)."),
            Column("quote", "string", "The exact quoted words; '[...]' marks a cut."),
            Column("paraphrase", "string", "The gist, as paraphrase (not the speaker's words)."),
            *_date("date", "When it was said, if the source says:"),
            _ref("said_at", "events", "The held event the speaker spoke at, if any."),
            Column("about_events", "array", "Ids of the events it refers to."),
            Column("issues", "array", "Ids of the issues it is about."),
            _ref("same_as", "statements", "The same statement noted from another source, if any."),
            PERMALINK,
            *EVIDENCE,
            NOTES_FILE,
        ),
    ),
    Table(
        "positions",
        "Positions",
        "Stances statements take on issues.",
        (
            _id("The statement's id, /positions/, and the position's place in the note (from 0)."),
            _ref("statement", "statements", "The statement that takes it.", required=True),
            _ref("holder", "actors", "Whose stance it is: the speaker, or whom the speaker speaks for.", required=True),
            _ref("issue", "issues", "The issue.", required=True),
            Column("stance", "string", "The stance.", required=True, enum=_values(Stance)),
            *EVIDENCE,
        ),
    ),
    Table(
        "citations",
        "Citations",
        "Every passage of a source that supports a row of another table.",
        (
            _id(
                "Where the passage is written: the note's table and id, the place in the note, and "
                "evidence/<n>: actors/dmitry-peskov/roles/0/evidence/0 is the first passage of Peskov's "
                "first role."
            ),
            Column(
                "table",
                "string",
                "The table of the row it supports.",
                required=True,
                enum=("actors", "roles", "issues", "events", "event_claims", "statements"),
            ),
            Column("row", "string", "The id of the row it supports.", required=True),
            Column("field", "string", "The field it supports (about, summary), or empty for the whole row."),
            *EVIDENCE,
        ),
    ),
)
TABLE = {table.name: table for table in TABLES}

Row = dict[str, Any]


@dataclass
class Dataset:
    """Rows by table name, in the order of ``TABLES``' columns."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t.name: [] for t in TABLES})

    def add(self, table: str, row: Row) -> None:
        missing = set(TABLE[table].column_names) ^ set(row)
        if missing:  # a column added to a table but not to its row function, or the other way
            raise ValueError(f"{table} row {row.get('id')!r}: columns {sorted(missing)} do not match")
        self.rows[table].append({name: row[name] for name in TABLE[table].column_names})


def _when(prefix: str, when) -> Row:
    return {
        prefix: when.value if when else None,
        f"{prefix}_precision": when.effective_precision.value if when else None,
        f"{prefix}_phrase": when.phrase if when else None,
    }


class _Builder:
    def __init__(self, corpus: Corpus, links: Links, page_url: Callable[[str], str]):
        self.corpus, self.links, self.data, self.page_url = corpus, links, Dataset(), page_url

    def permalink(self, page: str, anchor: str) -> str:
        return self.page_url(page) + (f"#{anchor}" if anchor else "")

    def cite(
        self,
        table: str,
        row: str,
        key: str,
        evidence: list[Evidence],
        field: str | None = None,
        default_source: str | None = None,
    ) -> Row:
        """Add a citation per passage; the first one's columns for the row.

        A citation's id is where its passage is written: the note (``statements/<id>``, as note ids
        are unique only within a kind), the path in it (``key``) and ``evidence/<n>``."""
        note_table = {"roles": "actors", "event_claims": "events"}.get(table, table)
        first: Row = {"source": None, "anchor": None, "passage": None}
        for n, item in enumerate(evidence):
            citation = self.links.cite(item, default_source)
            columns = {"source": citation.source, "anchor": citation.anchor or None, "passage": citation.passage}
            self.data.add(
                "citations",
                {"id": f"{note_table}/{key}/evidence/{n}", "table": table, "row": row, "field": field, **columns},
            )
            first = first if n else columns
        return first

    def source(self, doc: SourceDoc) -> None:
        note = doc.note
        self.data.add(
            "sources",
            {
                "id": note.id,
                "title": note.title,
                "publisher": note.publisher,
                "original_publisher": note.original_publisher,
                **_when("published", note.published),
                **_when("retrieved", note.retrieved),
                "url": note.url,
                "byline": list(note.byline),
                "additional_reporting": list(note.additional_reporting),
                "language": note.language,
                "notes_file": doc.file.display,
            },
        )

    def actor(self, located: Located) -> None:
        note = located.note
        self.data.add(
            "actors",
            {
                "id": note.id,
                "kind": note.kind.value,
                "name": note.name,
                "aliases": list(note.aliases),
                "about": note.about,
                "notes_file": located.file.display,
            },
        )
        self.cite("actors", note.id, note.id, note.evidence, "about")
        for n, role in enumerate(note.roles):
            key = f"{note.id}/roles/{n}"
            evidence = self.cite("roles", key, key, role.evidence)
            self.data.add(
                "roles", {"id": key, "actor": note.id, "title": role.title, "affiliation": role.affiliation, **evidence}
            )

    def issue(self, located: Located) -> None:
        note = located.note
        self.data.add(
            "issues",
            {
                "id": note.id,
                "name": note.name,
                "aliases": list(note.aliases),
                "summary": note.summary,
                "related": list(note.related),
                "notes_file": located.file.display,
            },
        )
        self.cite("issues", note.id, note.id, note.evidence, "summary")

    def event(self, located: Located) -> None:
        note = located.note
        date = self.links.event_date(note.id)
        self.data.add(
            "events",
            {
                "id": note.id,
                "name": note.name,
                "kind": note.kind,
                "status": note.status.value,
                "date": date.value if date else None,
                "issues": list(note.issues),
                "summary": note.summary,
                "notes_file": located.file.display,
            },
        )
        self.cite("events", note.id, note.id, note.evidence, "summary")
        # Disputed as the pages say it (disputes.py): approximations and more detail are no dispute.
        disputed_names = disputed_facts(self.corpus, note.id)
        for name in FACTS:
            claims = getattr(note, name) or []
            for n, claim in enumerate(claims):
                self.claim(
                    note.id,
                    f"{note.id}/{name}/{n}",
                    name,
                    claim.value,
                    claim.evidence,
                    name in disputed_names,
                    **(_claim_date(claim) if name == "date" else {}),
                )
        for n, participant in enumerate(note.participants):
            self.claim(
                note.id,
                f"{note.id}/participants/{n}",
                "participant",
                participant.actor,
                participant.evidence,
                False,
                actor=participant.actor,
            )

    def claim(self, event: str, key: str, field: str, value: str, evidence, disputed: bool, **extra) -> None:
        columns = {"precision": None, "phrase": None, "actor": None, **extra}
        self.data.add(
            "event_claims",
            {
                "id": key,
                "event": event,
                "field": field,
                "value": value,
                **columns,
                "disputed": disputed,
                "permalink": self.permalink(f"events/{event}.md", "" if field == "participant" else fact_anchor(field)),
                **self.cite("event_claims", key, key, evidence),
            },
        )

    def statement(self, located: Located) -> None:
        note = located.note
        noted_from = self.corpus.statement_source[note.id]
        evidence = self.cite("statements", note.id, note.id, note.evidence, default_source=noted_from)
        self.data.add(
            "statements",
            {
                "id": note.id,
                "speaker": note.speaker,
                "on_behalf_of": note.on_behalf_of,
                "reported_by": list(note.reported_by),
                "quote": note.quote,
                "paraphrase": note.paraphrase,
                **_when("date", note.date),
                "said_at": note.said_at,
                "about_events": list(note.about_events),
                "issues": list(note.issues),
                "same_as": note.same_as,
                "permalink": self.permalink(statement_page(noted_from), statement_anchor(note.id)),
                **evidence,
                "notes_file": located.file.display,
            },
        )
        for n, position in enumerate(note.positions):
            self.data.add(
                "positions",
                {
                    "id": f"{note.id}/positions/{n}",
                    "statement": note.id,
                    "holder": note.on_behalf_of or note.speaker,
                    "issue": position.issue,
                    "stance": position.stance.value,
                    **evidence,
                },
            )


def _claim_date(claim) -> Row:
    return {"precision": claim.effective_precision.value, "phrase": claim.phrase}


def site_path(docs_path: str) -> str:
    """A page's address relative to the site's root, as MkDocs' default directory URLs give it."""
    return docs_path[: -len(".md")] + "/"


def build_dataset(corpus: Corpus, links: Links, page_url: Callable[[str], str] = site_path) -> Dataset:
    """Every table's rows: notes by id; a note's parts, and its citations, in the note's order.
    ``page_url`` gives a page's address (a site's page_url) for the permalinks."""
    builder = _Builder(corpus, links, page_url)
    for ident in sorted(corpus.sources):
        builder.source(corpus.sources[ident])
    for ident in sorted(corpus.actors):
        builder.actor(corpus.actors[ident])
    for ident in sorted(corpus.issues):
        builder.issue(corpus.issues[ident])
    for ident in sorted(corpus.events):
        builder.event(corpus.events[ident])
    for ident in sorted(corpus.statements):
        builder.statement(corpus.statements[ident])
    for rows in builder.data.rows.values():
        rows.sort(key=lambda row: _id_key(row["id"]))
    return builder.data


def _id_key(ident: str) -> tuple:
    """Ids in note order: ``x/roles/2`` before ``x/roles/10``."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in ident.split("/"))
